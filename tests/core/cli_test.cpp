// The native CLI follows DESIGN.md §3: one JSON line per URL, exit 0; a bad
// blocklist exits 2 with one line on stderr naming the file and the problem.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

namespace {

struct CliResult {
  int status;
  std::string out, err;
};

CliResult run(const std::string& args, const std::string& input = "") {
  // ctest runs tests in parallel: every call gets files of its own.
  static int calls = 0;
  const std::string dir = ::testing::TempDir() + "/deadbolt_cli_" + std::to_string(getpid()) + "_" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
                          std::to_string(calls++);
  const std::string in = dir + ".in", out = dir + ".out", err = dir + ".err";
  std::ofstream(in, std::ios::binary) << input;
  const std::string cmd = std::string("'") + DEADBOLT_CLI + "' " + args + " <'" + in + "' >'" + out + "' 2>'" + err +
                          "'";
  const int raw = std::system(cmd.c_str());
  return {WEXITSTATUS(raw), deadbolt::test::read_file(out), deadbolt::test::read_file(err)};
}

std::vector<nlohmann::json> lines(const std::string& out) {
  std::vector<nlohmann::json> result;
  std::size_t start = 0;
  while (start < out.size()) {
    const auto nl = out.find('\n', start);
    result.push_back(nlohmann::json::parse(out.substr(start, nl - start)));
    start = nl + 1;
  }
  return result;
}

const std::string kList = deadbolt::test::test_data("blocklist.json");

TEST(Cli, ParsePrintsOneObjectPerUrl) {
  const CliResult r = run("parse https://www.instagram.com/janedoe/ https://example.com/ 'not a url'");
  ASSERT_EQ(r.status, 0);
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(
      out[0],
      nlohmann::json::parse(
          R"({"url":"https://www.instagram.com/janedoe/","platform":"instagram","handle":"janedoe","kind":"profile"})"));
  EXPECT_EQ(out[1],
            nlohmann::json::parse(R"({"url":"https://example.com/","platform":null,"handle":null,"kind":null})"));
  EXPECT_EQ(out[2]["url"], "not a url");
}

TEST(Cli, CheckReadsArgumentsOrStandardInputInOrder) {
  const CliResult a = run("check --blocklist '" + kList + "' https://x.com/janedoe_x https://x.com/someoneelse");
  ASSERT_EQ(a.status, 0) << a.err;
  auto out = lines(a.out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], nlohmann::json::parse(R"({"url":"https://x.com/janedoe_x","verdict":"block","platform":"x",
      "handle":"janedoe_x","person":"Jane Doe","kind":"profile"})"));
  EXPECT_EQ(out[1]["verdict"], "allow");
  EXPECT_EQ(out[1]["person"], nullptr);

  std::string input = "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fjanedoe\r\n\n";
  input += "\xff\xfe not utf-8\n" + std::string(2 * 1024 * 1024, 'h') + "\nhttps://www.google.com/search?q=jane+doe";
  const CliResult b = run("check --blocklist '" + kList + "'", input);
  ASSERT_EQ(b.status, 0) << b.err;
  out = lines(b.out);
  ASSERT_EQ(out.size(), 5u) << "every line gets a line, malformed or not";
  EXPECT_EQ(out[0]["verdict"], "block");
  EXPECT_EQ(out[0]["platform"], "instagram");
  EXPECT_EQ(out[0]["handle"], "janedoe");
  EXPECT_EQ(out[0]["kind"], "redirect");
  EXPECT_EQ(out[1]["verdict"], "allow");
  EXPECT_EQ(out[2]["verdict"], "allow");
  EXPECT_EQ(out[3]["verdict"], "allow");
  EXPECT_EQ(out[4]["verdict"], "block");
  EXPECT_EQ(out[4]["kind"], "search");
}

TEST(Cli, UnusableBlocklistExitsTwoWithOneLine) {
  const std::string dir = ::testing::TempDir();
  const std::string bad = dir + "/bad_list_" + std::to_string(getpid()) + ".json";
  std::ofstream(bad)
      << R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"instagram","handle":"no spaces"}]}]})";
  const CliResult r = run("check --blocklist '" + bad + "' https://x.com/a");
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("$.people[0].accounts[0].handle"), std::string::npos) << r.err;

  const CliResult missing = run("check --blocklist '" + dir + "/does-not-exist.json' https://x.com/a");
  EXPECT_EQ(missing.status, 2);
  EXPECT_NE(missing.err.find("does-not-exist.json"), std::string::npos);
}

}  // namespace

namespace {

TEST(Cli, StatsFromTheExtensionsLog) {
  const std::string dir = ::testing::TempDir();
  const std::string log = dir + "/stats_log_" + std::to_string(getpid()) + ".json";
  std::ofstream(log) << R"([{"t":"2026-11-20T23:30:00+01:00","person":"Jane","platform":"instagram","kind":"profile"},
                            {"t":1795431600000,"o":60,"person":"Jane","platform":"x","kind":"search"}])";
  const CliResult r = run("stats --log '" + log + "' --now 2026-11-23T10:00:00+01:00 --since 2026-11-01");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["all"], 2);
  EXPECT_EQ(s["today"], 1) << "1795431600000 is 2026-11-23T11:00Z, an hour ahead of now: today";
  EXPECT_EQ(s["week"], 2);
  EXPECT_EQ(s["daysSinceStart"], 22);
  EXPECT_EQ(s["daily"].size(), 30u);
  EXPECT_EQ(s["byPlatform"]["x"], 1);

  EXPECT_EQ(s["lastContact"], nullptr);
  EXPECT_EQ(s["noContactDays"], 22);
  EXPECT_EQ(s["byHour"].size(), 24u);
  EXPECT_EQ(s["byHour"][23], 1) << "23:30 local";

  // A reported contact, with no person or platform: never an attempt; the count starts again.
  const std::string contacts = dir + "/stats_contacts_" + std::to_string(getpid()) + ".json";
  std::ofstream(contacts)
      << R"([{"t":"2026-11-20T23:30:00+01:00","person":"Jane","platform":"instagram","kind":"profile"},
                                 {"t":"2026-11-21T08:00:00+01:00","kind":"contact"}])";
  const CliResult c = run("stats --log '" + contacts +
                          "' --now 2026-11-23T10:00:00+01:00 --utc-offset 60 --since 2026-11-01");
  ASSERT_EQ(c.status, 0) << c.err;
  const auto cs = nlohmann::json::parse(c.out);
  EXPECT_EQ(cs["all"], 1);
  EXPECT_EQ(cs["lastContact"], "2026-11-21");
  EXPECT_EQ(cs["noContactDays"], 2);
  EXPECT_EQ(cs["longestNoContactDays"], 20);
  EXPECT_EQ(cs["byKind"].count("contact"), 0u);

  const CliResult bad = run("stats --log '" + log + "' --now yesterday");
  EXPECT_EQ(bad.status, 64);
  EXPECT_NE(bad.err.find("not an ISO 8601 time"), std::string::npos);
}

}  // namespace

namespace {

// A list file of its own for each edit test.
std::string list_file(const std::string& json) {
  static int files = 0;
  const std::string path = ::testing::TempDir() + "/deadbolt_edit_" + std::to_string(getpid()) + "_" +
                           std::to_string(files++) + ".json";
  std::ofstream(path, std::ios::binary) << json;
  return path;
}

const std::string kEditList =
    R"({"version":1,"people":[{"name":"Jane Doe","keywords":["Jane Doe"],"accounts":[{"platform":"instagram","handle":"janedoe"}]}]})";

TEST(Cli, EditPrintsTheListAfterTheEdit) {
  const std::string file = list_file(kEditList);
  const CliResult r = run("edit --blocklist '" + file +
                          "' add-account 'jane doe' https://x.com/janedoe_x --today 2026-12-01");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto list = nlohmann::json::parse(r.out);
  EXPECT_EQ(list["people"][0]["accounts"][1],
            nlohmann::json::parse(R"({"platform":"x","handle":"janedoe_x","added":"2026-12-01"})"));
  const CliResult removed = run("edit --blocklist '" + file + "' remove-account 'Jane Doe' instagram:janedoe");
  ASSERT_EQ(removed.status, 0) << removed.err;
  EXPECT_TRUE(nlohmann::json::parse(removed.out)["people"][0]["accounts"].empty());
}

TEST(Cli, EditRefusesWithTheCodeAndWhy) {
  const std::string file = list_file(kEditList);
  const CliResult dup = run("edit --blocklist '" + file + "' add-account 'Jane Doe' JaneDoe --platform instagram");
  EXPECT_EQ(dup.status, 1);
  EXPECT_EQ(dup.err, "deadbolt edit: already-listed: That account is already on the list.\n");
  EXPECT_EQ(dup.out, "");
  const CliResult nobody = run("edit --blocklist '" + file + "' add-keyword Sam Sammy");
  EXPECT_EQ(nobody.status, 1);
  EXPECT_EQ(nobody.err, "deadbolt edit: person-missing: No one of that name is on the list.\n");
  EXPECT_EQ(run("edit --blocklist '" + file + "' add-keyword").status, 64);
}

TEST(Cli, EditPlansAnImport) {
  const std::string file = list_file(kEditList);
  const std::string other = list_file(
      R"({"version":1,"people":[{"name":"Sam","accounts":[{"platform":"tiktok","handle":"sam"}]}]})");
  const CliResult r = run("edit --blocklist '" + file + "' import '" + other + "' --plan");
  ASSERT_EQ(r.status, 0) << r.err;
  const auto plan = nlohmann::json::parse(r.out);
  EXPECT_EQ(plan["added"].size(), 2u);
  EXPECT_EQ(plan["removals"][0], nlohmann::json::parse(R"({"kind":"remove-person","person":"Jane Doe"})"));
  const std::string bad = list_file(
      R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"myspace","handle":"j"}]}]})");
  const CliResult refused = run("edit --blocklist '" + file + "' import '" + bad + "'");
  EXPECT_EQ(refused.status, 1);
  EXPECT_EQ(refused.err, "deadbolt edit: bad-list: $.people[0].accounts[0].platform: unknown platform \"myspace\"\n");
}

TEST(Cli, ItemsPrintsOneVerdictPerLineInOrder) {
  const std::string input =
      R"({"page":"https://www.instagram.com/","links":["/natgeo/","/janedoe/"]})"
      "\n"
      R"({"page":"https://www.instagram.com/explore/","links":["../natgeo/"]})"
      "\n"
      "not json\n"
      R"({"links":["/janedoe/"]})"
      "\n"
      R"({"page":"https://x.com/home","links":["https://l.facebook.com/l.php?u=https%3A%2F%2Fx.com%2Fsamrivers"]})"
      "\n"
      R"({"page":"https://www.reddit.com/","links":[],"attributes":{"author":"JANE_DOE_R"}})"
      "\n";
  const CliResult r = run("items --blocklist '" + kList + "'", input);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[0],
            nlohmann::json::parse(R"({"hide":true,"person":"Jane Doe","platform":"instagram","handle":"janedoe"})"));
  EXPECT_EQ(out[1], nlohmann::json::parse(R"({"hide":false,"person":null,"platform":null,"handle":null})"));
  EXPECT_EQ(out[2]["hide"], false);
  EXPECT_TRUE(out[2]["error"].is_string());
  EXPECT_EQ(out[3]["hide"], false);
  EXPECT_NE(out[3]["error"].get<std::string>().find("page"), std::string::npos);
  EXPECT_EQ(out[4],
            nlohmann::json::parse(R"({"hide":true,"person":"Sam Rivers","platform":"x","handle":"samrivers"})"));
  EXPECT_EQ(out[5]["handle"], "jane_doe_r");
}

TEST(Cli, ItemsWithoutMentionsCountsOnlyAuthors) {
  const std::string input = R"({"page":"https://x.com/home","links":["/janedoe_x"],"authors":["/friend"]})"
                            "\n"
                            R"({"page":"https://x.com/home","links":["/friend"],"authors":["/janedoe_x"]})"
                            "\n";
  const CliResult r = run("items --no-mentions --blocklist '" + kList + "'", input);
  ASSERT_EQ(r.status, 0) << r.err;
  const auto out = lines(r.out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["hide"], false);
  EXPECT_EQ(out[1]["hide"], true);
}

TEST(Cli, ItemsWithABadBlocklistExitsTwo) {
  const CliResult r = run("items --blocklist /nonexistent/list.json", "{}\n");
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("/nonexistent/list.json"), std::string::npos);
}

}  // namespace
