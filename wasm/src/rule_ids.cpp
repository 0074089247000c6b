#include "deadbolt/rule_ids.h"

#include <algorithm>
#include <string_view>

#include "deadbolt/key_index.h"

namespace deadbolt {

namespace {

// What decides a rule's JSON besides its id (its kind, action, case and
// pattern), as a 64-bit FNV-1a fingerprint: no string per rule. Two rules
// of a set sharing one would be one rule; at 5,000 rules the odds are ~1e-12.
struct Fingerprint {
  std::uint64_t h = KeyIndex::kHashStart;
  Fingerprint& add(std::string_view bytes) {
    for (const char c : bytes) h = KeyIndex::hash_step(h, static_cast<unsigned char>(c));
    return *this;
  }
};

std::uint64_t regex_key(const CompiledRule& r, bool blocks) {
  return Fingerprint().add(blocks ? "rb" : "rr").add(r.case_sensitive ? "1" : "0").add(r.regex).h;
}

// (A filter's initiators and resource types follow from its pattern: the
// host names the platform, the path the shape.)
std::uint64_t filter_key(const FilterRule& f) {
  return Fingerprint().add("f").add(f.case_sensitive ? "1" : "0").add(f.url_filter).h;
}

}  // namespace

RuleAssignment RuleIds::assign(const RuleSet& set, const std::vector<std::string>& withheld) {
  RuleAssignment out;
  out.from = version_;
  const std::size_t count = set.rules.size() + set.filters.size();
  std::vector<std::uint64_t> keys;
  keys.reserve(count);
  for (const CompiledRule& r : set.rules) keys.push_back(regex_key(r, blocks_instead(r, withheld)));
  for (const FilterRule& f : set.filters) keys.push_back(filter_key(f));

  // Kept: the rules compiled as before, with their ids. A rule compiled twice
  // (two accounts that read alike) is one rule: the second is left out.
  std::unordered_map<std::uint64_t, int> next;
  next.reserve(count);
  out.ids.assign(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    if (next.count(keys[i])) continue;
    if (auto old = ids_.find(keys[i]); old != ids_.end()) {
      out.ids[i] = old->second;
      next.emplace(keys[i], old->second);
      ids_.erase(old);
    }
  }
  // Dropped: what is left of the last set. Their ids are free again, but
  // only for later sets: a browser applying this change removes them first.
  for (const auto& [key, id] : ids_) out.removed.push_back(id);
  std::sort(out.removed.begin(), out.removed.end());
  // Added: new rules take free ids, then new ones.
  std::vector<int> reusable = free_;
  free_ = out.removed;
  for (std::size_t i = 0; i < count; ++i) {
    if (out.ids[i] != 0 || next.count(keys[i])) continue;
    int id;
    if (!reusable.empty()) {
      id = reusable.back();
      reusable.pop_back();
    } else {
      id = next_++;
    }
    out.ids[i] = id;
    out.added.push_back(i);
    next.emplace(keys[i], id);
  }
  free_.insert(free_.end(), reusable.begin(), reusable.end());
  ids_ = std::move(next);
  if (!out.added.empty() || !out.removed.empty()) ++version_;
  out.to = version_;
  return out;
}

void RuleIds::forget() {
  ids_.clear();
  free_.clear();
  next_ = 1;
  ++version_;
}

}  // namespace deadbolt
