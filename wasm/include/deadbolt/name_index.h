// The listed people's names and name keywords, folded (fold_words), for a
// name a page shows to be matched whole: an inbox row's sender, a title's
// words, a feed item's channel name. Both deciders that read names hold one.
#pragma once

#include <string>
#include <string_view>

#include "deadbolt/decide.h"
#include "deadbolt/key_index.h"

namespace deadbolt {

class NameIndex {
 public:
  // Built from the engine's people and keywords: after it loads a list or snapshot.
  void build(const Engine& engine);

  // The person whose name or keyword `name` is, whole, once folded; -1 for nobody's.
  int person_named(std::string_view name);
  // The same for words folded already.
  int person_folded(std::string_view words) const {
    const std::uint32_t p = words.empty() ? KeyIndex::kMissing : names_.find(words);
    return p == KeyIndex::kMissing ? -1 : static_cast<int>(p);
  }

 private:
  KeyIndex names_;      // folded name -> person
  std::string folded_;  // scratch
};

}  // namespace deadbolt
