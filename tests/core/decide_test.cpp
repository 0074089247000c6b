// Decisions against tests/data/blocklist.json: the shared table of cases
// (also run by the WebAssembly build), and hostile input.
#include <gtest/gtest.h>

#include <sstream>

#include "deadbolt/decide.h"
#include "test_support.h"

namespace deadbolt {
namespace {

struct Case {
  std::string url, verdict, platform, handle, person, kind;
};

std::vector<Case> read_cases() {
  std::vector<Case> cases;
  for (const auto& c : test::read_tsv(test::test_data("decisions.tsv"))) {
    if (c.size() != 7) ADD_FAILURE() << "decisions.tsv: a row needs 7 columns: " << c[0];
    else cases.push_back({c[0], c[1], c[2], c[3], c[4], c[5]});
  }
  return cases;
}

class DecideTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlocklistError error;
    ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  }
  std::string summary(const Verdict& v) {
    const Catalog& c = Catalog::get();
    std::string s = v.block ? "block" : "allow";
    s += "|" +
         (v.identity.found() && v.identity.platform >= 0 ? std::string(c.platforms()[v.identity.platform].id) : "-");
    s += "|" + (v.identity.found() && !v.identity.handle.empty() ? std::string(v.identity.handle) : "-");
    s += "|" + (v.person >= 0 ? engine.blocklist().people[v.person].name : "-");
    s += "|" + (v.identity.found() ? std::string(kind_name(v.attempt())) : "-");
    return s;
  }
  Engine engine;
  Identity engine_identity_;
};

TEST_F(DecideTest, SharedCases) {
  const auto cases = read_cases();
  ASSERT_GE(cases.size(), 100u);
  int blocks = 0;
  for (const Case& c : cases) {
    const std::string expected = c.verdict + "|" + c.platform + "|" + c.handle + "|" + c.person + "|" + c.kind;
    EXPECT_EQ(summary(engine.decide(c.url)), expected) << c.url;
    blocks += c.verdict == "block";
  }
  EXPECT_GT(blocks, 50);
}

TEST_F(DecideTest, EveryListedPlatformHasABlockingCase) {
  std::set<std::string> covered;
  for (const Case& c : read_cases())
    if (c.verdict == "block") covered.insert(c.platform);
  for (const char* id :
       {"instagram", "facebook", "x",         "tiktok",   "snapchat", "linkedin",   "youtube", "threads",
        "bluesky",   "reddit",   "pinterest", "tumblr",   "mastodon", "twitch",     "strava",  "venmo",
        "spotify",   "vsco",     "telegram",  "linktree", "github",   "soundcloud", "medium",  "substack"})
    EXPECT_EQ(covered.count(id), 1u) << id;
}

TEST_F(DecideTest, HostileInputIsAllowedWithoutCrashing) {
  std::vector<std::string> inputs = {
      std::string(2 * 1024 * 1024, 'a'),
      "https://www.instagram.com/" + std::string(2 * 1024 * 1024, 'j'),
      "https://www.instagram.com/jane\xff\xfe"
      "doe",
      "https://www.instagram.com/\xc3\x28",
      std::string("https://www.instagram.com/jane\0doe", 34),
      std::string("\0\0\0", 3),
      "https://\xe2\x82\xac.com/janedoe",
      "https://www.instagram.com/%",
      "https://www.instagram.com/%zz%",
      "https://www.instagram.com/?q=%",
      "https://[::1]:99999/",
      "https://www.google.com/search?q=" + std::string(100000, '+'),
      "https://www.google.com/search?q=" + std::string(100000, 'x'),
      "https://" + std::string(5000, '.') + "instagram.com/janedoe",
      "https://a/" + std::string(10000, '/'),
  };
  for (const auto& in : inputs) {
    const Verdict& v = engine.decide(in);
    EXPECT_FALSE(v.block) << in.substr(0, 80);
  }
}

// A listed profile padded with a query or fragment past the core's 64 KB
// (a browser takes 2 MB) is read up to the limit: still listed. A path that
// long names no one and is refused.
TEST_F(DecideTest, AListedProfileIsBlockedHoweverLongItsQueryOrFragment) {
  for (const std::string& in : {"https://www.instagram.com/janedoe/?utm=" + std::string(2 * 1024 * 1024, 'a'),
                                "https://www.instagram.com/janedoe/#" + std::string(70 * 1024, 'a'),
                                "https://www.instagram.com/janedoe?" + std::string(kMaxUrlLength, '&')}) {
    EXPECT_TRUE(engine.decide(in).block) << in.substr(0, 60);
  }
  EXPECT_FALSE(engine.decide("https://www.instagram.com/janedoe/" + std::string(70 * 1024, 'a') + "?x").block);
}

TEST_F(DecideTest, TabsAndNewlinesInsideAUrlAreIgnoredAsBrowsersDo) {
  EXPECT_TRUE(engine.decide("  https://www.insta\tgram.com/jane\ndoe \n").block);
}

TEST_F(DecideTest, WrappersNestedThousandsDeepAreAllowed) {
  std::string url = "https://www.instagram.com/janedoe";
  for (int i = 0; i < 2000; ++i) url = "https://web.archive.org/web/1/" + url;
  EXPECT_FALSE(engine.decide(url).block);
  std::string redirect = "https://www.instagram.com/janedoe";
  for (int i = 0; i < 12; ++i) {
    std::string encoded;
    for (char ch : redirect) {
      if (std::isalnum(static_cast<unsigned char>(ch))) encoded += ch;
      else {
        char b[4];
        std::snprintf(b, sizeof b, "%%%02X", static_cast<unsigned char>(ch));
        encoded += b;
      }
    }
    redirect = "https://www.google.com/url?q=" + encoded;
    if (i + 1 < kMaxWrapDepth) {
      EXPECT_TRUE(engine.decide(redirect).block) << "depth " << i + 1;
    }
  }
  EXPECT_FALSE(engine.decide(redirect).block);
}

TEST_F(DecideTest, NestedUrlsAreUnwrappedToABoundedDepth) {
  // A profile URL carried in unknown sites' paths, nested in turn: followed
  // for kMaxNestedTries levels (each level is one try), no further.
  std::string url = "https://www.instagram.com/janedoe/";
  for (int n = 1; n <= kMaxNestedTries + 2; ++n) {
    url = "https://reader" + std::to_string(n) + ".example/" + url;
    EXPECT_EQ(engine.decide(url).block, n <= kMaxNestedTries) << url;
  }
}

TEST_F(DecideTest, NestedUrlCandidatesAreBounded) {
  // Each parameter holds a URL that names no one: after kMaxNestedTries of
  // them the rest are not followed, whatever they hold, so a hostile URL
  // costs a few parses at most.
  std::string url = "https://viewer.example/v?";
  for (int i = 0; i < kMaxNestedTries; ++i) url += "a" + std::to_string(i) + "=https://example.org/" + "&";
  EXPECT_FALSE(engine.decide(url + "u=https://www.instagram.com/janedoe/").block);
  // Fewer decoys: the profile is found.
  EXPECT_TRUE(
      engine.decide("https://viewer.example/v?a=https://example.org/&u=https://www.instagram.com/janedoe/").block);
  // Other people's URLs nested the same way stay allowed.
  EXPECT_FALSE(engine.decide("https://viewer.example/v?u=https://www.instagram.com/janedoe_/").block);
  EXPECT_FALSE(engine.decide("https://reader.example/www.instagram.com/sam.riverss").block);
  // A host alone, or a host that is no platform, is not a nested profile.
  EXPECT_FALSE(engine.identify("https://reader.example/instagram.com", engine_identity_));
  EXPECT_FALSE(engine.identify("https://reader.example/example.org/janedoe", engine_identity_));
}

TEST_F(DecideTest, MessagesByQueryNameTheRecipient) {
  // X's Direct Message intent names the account by its user id.
  Engine e;
  BlocklistError error;
  ASSERT_TRUE(
      e.load(R"({"version":1,"people":[{"name":"Jane","accounts":[{"platform":"x","handle":"783214"}]}]})", error))
      << error.to_string();
  const Verdict& v = e.decide("https://x.com/messages/compose?recipient_id=783214&text=hey");
  EXPECT_TRUE(v.block);
  EXPECT_EQ(v.identity.kind, Kind::message);
  EXPECT_EQ(v.identity.draft, "hey");
  EXPECT_FALSE(e.decide("https://x.com/messages/compose?recipient_id=7832140").block);
  // The GraphQL lookup by id, too.
  EXPECT_TRUE(
      e.decide("https://x.com/i/api/graphql/abc/UserByRestId?variables=%7B%22userId%22%3A%22783214%22%7D").block);
}

TEST_F(DecideTest, JsonKeysAreReadExactly) {
  // "screen_name" must be the key itself, not the tail of another key or a value.
  EXPECT_FALSE(
      engine
          .decide(
              "https://x.com/i/api/graphql/q/UserByScreenName?variables=%7B%22not_screen_name%22%3A%22janedoe_x%22%7D")
          .block);
  EXPECT_FALSE(
      engine.decide("https://x.com/i/api/graphql/q/UserByScreenName?variables=%7B%22a%22%3A%22screen_name%22%7D")
          .block);
  EXPECT_TRUE(engine
                  .decide("https://x.com/i/api/graphql/q/"
                          "UserByScreenName?variables=%7B%22screen_name%22%20%3A%20%22JaneDoe_X%22%7D")
                  .block);
}

TEST_F(DecideTest, DecisionIsFlatInListSize) {
  // A list of 20,000 accounts decides the same as a list of 2: lookups go
  // through the index, and the listed account is still found.
  const std::string json = test::many_accounts_list("instagram", 20000);
  Engine big;
  BlocklistError error;
  ASSERT_TRUE(big.load(json, error)) << error.to_string();
  EXPECT_TRUE(big.decide("https://www.instagram.com/user19999/").block);
  EXPECT_TRUE(big.decide("https://www.instagram.com/USER0").block);
  EXPECT_FALSE(big.decide("https://www.instagram.com/user20000").block);
}

TEST(DecideUnicode, HandlesBeyondAsciiAreTakenInAnyCaseInUrlsAndSearches) {
  Engine e;
  BlocklistError error;
  ASSERT_TRUE(e.load(
      R"({"version":1,"people":[{"name":"P","accounts":[{"url":"https://www.youtube.com/@\u041f\u0430\u043d\u0434\u0435\u043a\u0441"}]}]})",
      error))  // @Пандекс
      << error.to_string();
  for (const char* url : {"https://www.youtube.com/@%D0%BF%D0%B0%D0%BD%D0%B4%D0%B5%D0%BA%D1%81",  // @пандекс
                          "https://www.youtube.com/@%D0%9F%D0%90%D0%9D%D0%94%D0%95%D0%9A%D0%A1/videos",  // @ПАНДЕКС
                          "https://www.google.com/search?q=%D0%BF%D0%B0%D0%BD%D0%B4%D0%B5%D0%BA%D1%81",  // пандекс
                          "https://www.bing.com/search?q=%40%D0%9F%D0%90%D0%9D%D0%94%D0%95%D0%9A%D0%A1"}) {  // @ПАНДЕКС
    EXPECT_TRUE(e.decide(url).block) << url;
  }
  for (const char* url : {"https://www.youtube.com/@%D0%BF%D0%B0%D0%BD%D0%B4%D0%B0",            // @панда
                          "https://www.google.com/search?q=%D0%BF%D0%B0%D0%BD%D0%B4%D0%B0"}) {  // панда
    EXPECT_FALSE(e.decide(url).block) << url;
  }
}

TEST_F(DecideTest, AFailedLoadKeepsTheCurrentList) {
  BlocklistError error;
  EXPECT_FALSE(engine.load("{not json", error));
  EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
  EXPECT_EQ(engine.blocklist().people.size(), 2u);
}

}  // namespace
}  // namespace deadbolt
