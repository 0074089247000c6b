#include "deadbolt/name_index.h"

#include "deadbolt/text.h"

namespace deadbolt {

void NameIndex::build(const Engine& engine) {
  names_.clear();
  for (std::size_t p = 0; p < engine.people_count(); ++p) {
    folded_.clear();
    fold_words(engine.person_name(static_cast<int>(p)), folded_);
    if (!folded_.empty()) names_.insert(folded_, static_cast<std::uint32_t>(p));
  }
  engine.for_each_keyword([&](int person, std::string_view words) {
    if (!words.empty()) names_.insert(words, static_cast<std::uint32_t>(person));
  });
}

int NameIndex::person_named(std::string_view name) {
  folded_.clear();
  fold_words(name, folded_);
  return person_folded(folded_);
}

}  // namespace deadbolt
