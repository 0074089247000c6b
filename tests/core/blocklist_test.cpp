// Blocklist v1: validation errors name the JSON path; unknown fields survive.
#include <gtest/gtest.h>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/decide.h"
#include "test_support.h"

namespace deadbolt {
namespace {

BlocklistError load_error(const std::string& json) {
  Engine engine;
  BlocklistError error;
  EXPECT_FALSE(engine.load(json, error)) << json;
  return error;
}

std::string with_account(const std::string& account) {
  return R"({"version":1,"people":[{"name":"Jane","accounts":[)" + account + "]}]}";
}

TEST(Blocklist, ErrorsNameTheJsonPath) {
  struct {
    std::string json, path, contains;
  } cases[] = {
      {"{broken", "", "not valid JSON (byte"},
      {"[]", "$", "must be an object"},
      {R"({"people":[]})", "$", "missing \"version\""},
      {R"({"version":2,"people":[]})", "$.version", "unsupported version 2"},
      {R"({"version":"1","people":[]})", "$.version", "unsupported version \"1\""},
      {R"({"version":1})", "$", "missing \"people\""},
      {R"({"version":1,"people":{}})", "$.people", "must be an array"},
      {R"({"version":1,"people":[{"accounts":[]}]})", "$.people[0]", "missing \"name\""},
      {R"({"version":1,"people":[{"name":"  "}]})", "$.people[0].name", "must not be empty"},
      {R"({"version":1,"people":[{"name":"J","keywords":"Jane"}]})", "$.people[0].keywords", "must be an array"},
      {R"({"version":1,"people":[{"name":"J","keywords":["Jane", 3]}]})", "$.people[0].keywords[1]",
       "must be a string"},
      {R"({"version":1,"people":[{"name":"J","keywords":["!!!"]}]})", "$.people[0].keywords[0]",
       "no letters or digits"},
      {with_account(R"({"platform":"myspace","handle":"jane"})"), "$.people[0].accounts[0].platform",
       "unknown platform \"myspace\""},
      {with_account(R"({"platform":"google","handle":"jane"})"), "$.people[0].accounts[0].platform",
       "unknown platform"},
      {with_account(R"({"platform":"instagram"})"), "$.people[0].accounts[0]", "missing \"handle\""},
      {with_account(R"({"handle":"jane"})"), "$.people[0].accounts[0]", "missing \"platform\""},
      {with_account(R"({"platform":"instagram","handle":42})"), "$.people[0].accounts[0].handle",
       "must be a string, not a number"},
      {with_account(R"({"platform":"instagram","handle":"jane doe"})"), "$.people[0].accounts[0].handle",
       "not a valid handle: Instagram handles use letters, digits, '.', '_'"},
      {with_account(R"({"platform":"x","handle":"waytoolongforxhandle"})"), "$.people[0].accounts[0].handle",
       "1 to 15 characters"},
      {with_account(R"({"platform":"mastodon","handle":"@jane"})"), "$.people[0].accounts[0].handle", "@user@instance"},
      {with_account(R"({"url":"https://www.instagram.com/explore/"})"), "$.people[0].accounts[0].url", "not a profile"},
      {with_account(R"({"url":"https://www.google.com/search?q=jane"})"), "$.people[0].accounts[0].url",
       "not a profile"},
      {with_account(R"({"url":"not a url"})"), "$.people[0].accounts[0].url", "not a profile"},
      {with_account(R"({})"), "$.people[0].accounts[0]", "needs \"platform\" and \"handle\", or \"url\""},
      {with_account(R"("janedoe")"), "$.people[0].accounts[0]", "must be an object, not a string"},
  };
  for (const auto& c : cases) {
    const BlocklistError e = load_error(c.json);
    EXPECT_EQ(e.path, c.path) << c.json;
    EXPECT_NE(e.message.find(c.contains), std::string::npos) << c.json << " -> " << e.to_string();
  }
}

TEST(Blocklist, HostileDocumentsAreRefused) {
  EXPECT_NE(load_error(std::string(10000, '[') + std::string(10000, ']')).message.find("nested deeper"),
            std::string::npos);
  std::string big = R"({"version":1,"people":[],"pad":")" + std::string(kMaxBlocklistBytes, 'x') + "\"}";
  EXPECT_NE(load_error(big).message.find("larger than"), std::string::npos);
  EXPECT_NE(load_error("\xff\xfe{}").message.find("not valid JSON"), std::string::npos);
  EXPECT_NE(load_error("").message.find("not valid JSON"), std::string::npos);
}

TEST(Blocklist, UnknownFieldsSurviveARoundTrip) {
  Identifier identifier;
  Blocklist list;
  BlocklistError error;
  ASSERT_TRUE(parse_blocklist(test::read_file(test::test_data("blocklist.json")), identifier, list, error))
      << error.to_string();
  const std::string saved = serialize_blocklist(list);
  Blocklist again;
  ASSERT_TRUE(parse_blocklist(saved, identifier, again, error)) << error.to_string();
  EXPECT_EQ(serialize_blocklist(again), saved);
  const auto json = nlohmann::json::parse(saved);
  EXPECT_EQ(json["theme"], "dusk");
  EXPECT_EQ(json["people"][0]["note"], "kept on export");
  EXPECT_EQ(json["people"][0]["accounts"][0]["added"], "2026-11-01");
  EXPECT_EQ(json["people"][0]["accounts"][1].count("platform"), 0u) << "a {url} account stays a {url} account";
  EXPECT_EQ(json["people"][0]["accounts"][1]["url"], "https://www.facebook.com/profile.php?id=100012345678901");
  EXPECT_EQ(list.account_count(), 28u);
}

TEST(Blocklist, AccountsGivenByUrlAreReadBack) {
  Identifier identifier;
  Blocklist list;
  BlocklistError error;
  ASSERT_TRUE(parse_blocklist(with_account(R"({"url":"https://www.linkedin.com/in/jane-doe-123/"},
                                             {"url":"https://web.archive.org/web/1/https://www.tiktok.com/@jane.doe"},
                                             {"platform":"Twitter","handle":"@JaneDoe"})"),
                              identifier, list, error))
      << error.to_string();
  const auto& a = list.people[0].accounts;
  const auto& platforms = Catalog::get().platforms();
  EXPECT_EQ(platforms[a[0].platform].id, "linkedin");
  EXPECT_EQ(a[0].handle, "jane-doe-123");
  EXPECT_EQ(platforms[a[1].platform].id, "tiktok");
  EXPECT_EQ(a[1].handle, "jane.doe");
  EXPECT_EQ(platforms[a[2].platform].id, "x") << "\"Twitter\" is read as x";
  EXPECT_EQ(a[2].handle, "JaneDoe");
}

TEST(Blocklist, AnEmptyListIsValid) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(R"({"version":1,"people":[]})", error)) << error.to_string();
  EXPECT_FALSE(engine.decide("https://www.instagram.com/janedoe").block);
  EXPECT_FALSE(engine.decide("https://www.google.com/search?q=jane").block);
}

}  // namespace
}  // namespace deadbolt
