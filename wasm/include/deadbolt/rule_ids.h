// Stable declarativeNetRequest ids for compiled rules, and what changed
// since the set handed out last.
//
// A rule keeps its id for as long as it is compiled the same (the same
// pattern, case and action), wherever it lands in the set. So an edit that
// adds one account answers the few rules it adds and the ids it drops —
// not ~1 MB of JSON for 5,000 rules for the shell to read and compare —
// and the browser is told only those.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "deadbolt/rules.h"

namespace deadbolt {

// The ids of one rule set, as RuleIds::assign() answers them.
struct RuleAssignment {
  // ids[i]: rule i's id, counting set.rules, then set.filters.
  std::vector<int> ids;
  // The ids of the last set's rules this set does not have, ascending.
  std::vector<int> removed;
  // The positions (as in `ids`) of the rules the last set did not have.
  std::vector<std::size_t> added;
  // The version of the last set and of this one (the same when nothing
  // changed): a shell that installed `from` installs this by applying the
  // change; any other state needs the whole set.
  std::uint32_t from = 0;
  std::uint32_t to = 0;
};

class RuleIds {
 public:
  // Gives `set` its ids (`withheld`: the origin groups whose rules block
  // instead of redirecting, as rules_json() takes them) and makes it the
  // set handed out last.
  RuleAssignment assign(const RuleSet& set, const std::vector<std::string>& withheld);
  // The rules' JSON changes (a new block page): every id is new after this.
  void forget();

 private:
  std::unordered_map<std::uint64_t, int> ids_;  // a rule's fingerprint -> its id
  std::vector<int> free_;                       // ids given back, reused first
  int next_ = 1;
  std::uint32_t version_ = 0;
};

}  // namespace deadbolt
