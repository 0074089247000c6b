// The snapshot decides exactly as the list it was made from, and a snapshot
// the engine cannot trust is refused without touching what it had.
#include <gtest/gtest.h>

#include "deadbolt/core_digest.h"
#include "deadbolt/decide.h"
#include "test_support.h"

namespace deadbolt {
namespace {

std::string summary(const Engine& engine, const Verdict& v) {
  return std::string(v.block ? "block" : "allow") + "|" + (v.person >= 0 ? engine.person_name(v.person) : "-") + "|" +
         std::string(kind_name(v.attempt())) + "|" + std::string(v.identity.handle);
}

TEST(Snapshot, DecidesAsTheListItWasMadeFrom) {
  Engine full, fast;
  BlocklistError error;
  ASSERT_TRUE(full.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  const std::string snapshot = full.snapshot();
  ASSERT_TRUE(fast.load_snapshot(snapshot));
  EXPECT_FALSE(fast.has_full_list());
  EXPECT_TRUE(fast.blocklist().people.empty());
  int blocks = 0;
  for (const auto& row : test::read_tsv(test::test_data("decisions.tsv"))) {
    const std::string expected = summary(full, full.decide(row[0]));
    EXPECT_EQ(summary(fast, fast.decide(row[0])), expected) << row[0];
    blocks += full.decide(row[0]).block;
  }
  EXPECT_GT(blocks, 50);
  EXPECT_EQ(fast.snapshot(), snapshot) << "a snapshot of a snapshot is the same snapshot";
}

TEST(Snapshot, NamesWithTabsAndNewlinesSurvive) {
  Engine full, fast;
  BlocklistError error;
  ASSERT_TRUE(full.load(R"({"version":1,"people":[{"name":"Tab\there\nand\\there","keywords":["Jane\tDoe"],
      "accounts":[{"platform":"mastodon","handle":"@jane@example.town"}]}]})", error)) << error.to_string();
  ASSERT_TRUE(fast.load_snapshot(full.snapshot()));
  EXPECT_EQ(fast.person_name(0), "Tab\there\nand\\there");
  EXPECT_TRUE(fast.decide("https://example.town/@jane").block) << "the home instance is served";
  EXPECT_TRUE(fast.decide("https://www.google.com/search?q=jane+doe").block);
}

TEST(Snapshot, NamesTheSourcesOfTheCoreThatWroteIt) {
  // Any change to the code that computes keys (text folding, canonical
  // forms, site order) gives another digest, so an old snapshot is refused
  // and the list is loaded again. The digest covers every core source.
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(R"({"version":1,"people":[]})", error));
  const std::string snapshot = engine.snapshot();
  const std::string header = snapshot.substr(0, snapshot.find('\n'));
  const std::string digest(kCoreSourceDigest);
  ASSERT_EQ(digest.size(), 16u);
  EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(header.substr(header.size() - digest.size()), digest);
  EXPECT_EQ(header[header.size() - digest.size() - 1], ' ');
}

TEST(Snapshot, AnUnusableSnapshotIsRefusedAndChangesNothing) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error));
  const std::string good = engine.snapshot();
  std::string other_catalog = good;
  other_catalog[std::string("deadbolt-snapshot 1 ").size()] ^= 1;  // the catalog fingerprint
  std::string other_code = good;
  other_code[good.find('\n') - 1] ^= 1;  // the core's source digest
  for (const std::string& bad : {std::string(), std::string("not a snapshot"), other_catalog, other_code,
                                 good + "k\t99\tinstagram:x\n", good + "z\t0\tx\n", good + "k\tx\tinstagram:y\n",
                                 good + "h\t999999\texample.org\n", good.substr(0, good.size() / 2) + "\nq"}) {
    EXPECT_FALSE(engine.load_snapshot(bad)) << bad.substr(0, 60);
    EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
    EXPECT_TRUE(engine.has_full_list());
  }
}

}  // namespace
}  // namespace deadbolt
