// Stable rule ids (rule_ids.h): a rule keeps its id while it is compiled the
// same, wherever it lands in the set; what changed is exactly the rules that
// did; ids given back are reused only by a later set.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "deadbolt/rule_ids.h"

namespace deadbolt {
namespace {

CompiledRule regex(std::string pattern, std::string origins = "*://*.instagram.com/*") {
  return CompiledRule{std::move(pattern), true, 0, 0, std::move(origins)};
}
FilterRule filter(std::string url_filter) { return FilterRule{std::move(url_filter), false, 0, 0}; }

TEST(RuleIds, TheSameSetKeepsItsIdsAndVersion) {
  RuleIds ids;
  RuleSet set;
  set.rules = {regex("a"), regex("b")};
  set.filters = {filter("f")};
  const auto first = ids.assign(set, {});
  EXPECT_EQ(first.added.size(), 3u);
  EXPECT_TRUE(first.removed.empty());
  const auto again = ids.assign(set, {});
  EXPECT_EQ(again.ids, first.ids);
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.removed.empty());
  EXPECT_EQ(again.from, first.to);
  EXPECT_EQ(again.to, again.from) << "nothing changed: the version stays";
}

TEST(RuleIds, ARuleInsertedFirstTakesANewIdAndMovesNoOther) {
  RuleIds ids;
  RuleSet set;
  set.rules = {regex("a"), regex("b")};
  const auto first = ids.assign(set, {});
  set.rules.insert(set.rules.begin(), regex("new"));
  const auto second = ids.assign(set, {});
  EXPECT_EQ(second.ids[1], first.ids[0]);
  EXPECT_EQ(second.ids[2], first.ids[1]);
  ASSERT_EQ(second.added, std::vector<std::size_t>{0});
  EXPECT_TRUE(second.removed.empty());
  EXPECT_NE(second.ids[0], first.ids[0]);
  EXPECT_NE(second.ids[0], first.ids[1]);
  EXPECT_EQ(second.from, first.to);
  EXPECT_NE(second.to, second.from);
}

TEST(RuleIds, ADroppedRuleIsRemovedAndItsIdReusedOnlyLater) {
  RuleIds ids;
  RuleSet set;
  set.rules = {regex("a"), regex("b")};
  const auto first = ids.assign(set, {});
  set.rules = {regex("b"), regex("c")};
  const auto second = ids.assign(set, {});
  EXPECT_EQ(second.removed, std::vector<int>{first.ids[0]});
  EXPECT_NE(second.ids[1], first.ids[0]) << "an id removed in this change is not given out in it";
  set.rules.push_back(regex("d"));
  const auto third = ids.assign(set, {});
  EXPECT_EQ(third.ids[2], first.ids[0]) << "then it is reused";
}

TEST(RuleIds, WithheldAccessTurnsARedirectIntoAnotherRule) {
  RuleIds ids;
  RuleSet set;
  set.rules = {regex("a", "*://*.instagram.com/*"), regex("b", "*://*.x.com/*")};
  const auto first = ids.assign(set, {});
  const auto second = ids.assign(set, {"*://*.x.com/*"});
  EXPECT_EQ(second.ids[0], first.ids[0]);
  EXPECT_EQ(second.removed, std::vector<int>{first.ids[1]});
  EXPECT_EQ(second.added, std::vector<std::size_t>{1});
}

TEST(RuleIds, ARuleCompiledTwiceIsOneRule) {
  RuleIds ids;
  RuleSet set;
  set.rules = {regex("a"), regex("a")};
  set.filters = {filter("a")};  // another kind: another rule
  const auto assigned = ids.assign(set, {});
  EXPECT_GT(assigned.ids[0], 0);
  EXPECT_EQ(assigned.ids[1], 0) << "left out of the JSON";
  EXPECT_GT(assigned.ids[2], 0);
  const auto json = rules_json(set, "chrome-extension://x/b.html", assigned.ids, {});
  EXPECT_EQ(std::count(json.begin(), json.end(), '{') - std::count(json.begin(), json.end(), '}'), 0);
  EXPECT_EQ(json.find("\"id\":0"), std::string::npos);
}

TEST(RuleIds, IdsAreUniqueOverManyChanges) {
  RuleIds ids;
  RuleSet set;
  for (int round = 0; round < 50; ++round) {
    set.rules.clear();
    for (int i = 0; i < 40; ++i)
      if ((i * 7 + round) % 3 != 0) set.rules.push_back(regex("r" + std::to_string(i * (round % 5))));
    const auto assigned = ids.assign(set, {});
    std::set<int> seen;
    for (int id : assigned.ids) {
      if (id == 0) continue;
      EXPECT_TRUE(seen.insert(id).second) << "round " << round << ": id " << id << " given twice";
    }
  }
}

}  // namespace
}  // namespace deadbolt
