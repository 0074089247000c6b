// Rules against decisions: whatever a compiled rule matches (with RE2, the
// engine Chrome's declarativeNetRequest uses), decide() blocks too; and the
// pages that matter most (profiles and stories on the platforms themselves)
// are covered by a rule, so that no request is sent for them.
#include <gtest/gtest.h>

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <functional>
#include <set>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/catalog.h"
#include "deadbolt/decide.h"
#include "deadbolt/rules.h"
#include "deadbolt/text.h"
#include "deadbolt/url.h"
#include "test_support.h"

namespace deadbolt {
namespace {

// RE2 as Chrome's declarativeNetRequest compiles a rule's regexFilter
// (extensions/browser/api/declarative_net_request/utils.cc, CreateRE2Options):
// Latin-1, no capturing groups, within 2 KB.
std::unique_ptr<RE2> chrome_re2(const CompiledRule& rule) {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_never_capture(true);
  options.set_max_mem(2 << 10);  // Chrome's limit for one regex rule
  options.set_case_sensitive(rule.case_sensitive);
  options.set_log_errors(false);
  return std::make_unique<RE2>(rule.regex, options);
}

// Does one of a rule's origins (space-separated match patterns) cover the
// URL's host? A rule must name every host it can match: the shell blocks
// instead of redirecting where the browser withholds access to them.
bool origins_cover(const std::string& origins, const std::string& url) {
  UrlParser parser;
  Url parsed;
  if (!parser.parse(url, parsed)) return false;
  std::string host(parsed.host);
  if (!host.empty() && host.back() == '.') host.pop_back();
  bool covered = false;
  for_each_word(origins, [&](std::string_view pattern) {
    if (pattern == "<all_urls>") covered = true;
    constexpr std::string_view kAny = "*://*.";
    if (pattern.substr(0, kAny.size()) != kAny || pattern.substr(pattern.size() - 2) != "/*") return;
    const std::string_view domain = pattern.substr(kAny.size(), pattern.size() - kAny.size() - 2);
    if (host == domain ||
        (host.size() > domain.size() && host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
         host[host.size() - domain.size() - 1] == '.'))
      covered = true;
  });
  return covered;
}

class RulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlocklistError error;
    ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
    rules = compile_rules(engine.blocklist());
    for (const CompiledRule& r : rules.rules) {
      compiled.push_back(chrome_re2(r));
      EXPECT_TRUE(compiled.back()->ok()) << r.regex << ": " << compiled.back()->error();
    }
  }

  // The URL as the browser hands it to declarativeNetRequest.
  static std::string browser_form(const std::string& input, bool with_fragment) {
    UrlParser parser;
    Url url;
    if (!parser.parse(input, url)) return {};
    // The browser keeps user info ("user:pw@") in the URL it matches; the
    // core's parser drops it, so it is put back as written.
    std::string userinfo;
    if (const auto start = input.find("://"); start != std::string::npos) {
      const auto end = input.find_first_of("/?#", start + 3);
      const auto at = input.substr(start + 3, end == std::string::npos ? end : end - start - 3).rfind('@');
      if (at != std::string::npos) userinfo = input.substr(start + 3, at + 1);
    }
    std::string s = std::string(url.scheme) + "://" + userinfo + std::string(url.host) + std::string(url.path);
    // (Appended in two steps: GCC 12 with _GLIBCXX_ASSERTIONS warns of a
    // false overlap in "?" + std::string.)
    if (url.has_query) s.append("?").append(url.query);
    if (with_fragment && !url.fragment.empty()) s.append("#").append(url.fragment);
    return s;
  }

  const CompiledRule* matching_rule(const std::string& url) {
    for (std::size_t i = 0; i < compiled.size(); ++i)
      if (RE2::PartialMatch(url, *compiled[i])) return &rules.rules[i];
    return nullptr;
  }

  Engine engine;
  RuleSet rules;
  std::vector<std::unique_ptr<RE2>> compiled;
};

std::vector<std::string> variants(const std::string& url) {
  std::vector<std::string> out = {url};
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return out;
  const auto path_start = url.find('/', scheme_end + 3);
  const std::string origin = url.substr(0, path_start),
                    rest = path_start == std::string::npos ? "/" : url.substr(path_start);
  std::string upper = rest;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out.push_back(origin + upper);
  out.push_back(origin + ".:8443" + rest);
  out.push_back(origin + rest + "x");
  out.push_back(origin + rest + "/x");
  out.push_back(origin + rest + "?a=1#b");
  out.push_back(origin + rest + "%2e");
  out.push_back(origin + "//" + rest);
  if (rest.size() > 2) out.push_back(origin + rest.substr(0, rest.size() - 1));
  if (rest.size() > 2) out.push_back(origin + rest.substr(0, rest.size() / 2) + "." + rest.substr(rest.size() / 2));
  out.push_back(url.substr(0, scheme_end) + "://evil." + url.substr(scheme_end + 3));
  out.push_back(url.substr(0, scheme_end) + "://l." + url.substr(scheme_end + 3));
  out.push_back(url.substr(0, scheme_end) + "://" + url.substr(scheme_end + 3, path_start - scheme_end - 3) +
                ".evil.example" + rest);
  return out;
}

TEST_F(RulesTest, EveryUrlARuleMatchesIsBlockedByDecide) {
  ASSERT_GT(rules.rules.size(), 30u);
  EXPECT_EQ(rules.accounts_skipped, 0u);
  int checked = 0, matched = 0;
  for (const auto& row : test::read_tsv(test::test_data("decisions.tsv"))) {
    for (const std::string& v : variants(row[0])) {
      for (bool fragment : {false, true}) {
        const std::string url = browser_form(v, fragment);
        if (url.empty()) continue;
        ++checked;
        if (const CompiledRule* rule = matching_rule(url)) {
          ++matched;
          const Verdict& verdict = engine.decide(url);
          EXPECT_TRUE(verdict.block) << url << " matches rule " << rule->regex;
          EXPECT_EQ(verdict.person, rule->person) << url;
          EXPECT_TRUE(origins_cover(rule->origins, url)) << url << " is outside " << rule->origins;
          // The redirect hands the block page what the regex matched (\0): all of it.
          const auto i = static_cast<std::size_t>(rule - rules.rules.data());
          EXPECT_TRUE(RE2::FullMatch(url, *compiled[i])) << url << ": the block page would get a part, " << rule->regex;
        }
      }
    }
  }
  std::printf("[ RULES ] %zu rules; %d URLs checked, %d matched a rule, all blocked by decide\n", rules.rules.size(),
              checked, matched);
  EXPECT_GT(matched, 100);
}

TEST_F(RulesTest, ProfilesAndStoriesOnThePlatformsAreCovered) {
  for (const char* url : {"https://www.instagram.com/janedoe/",
                          "https://instagram.com/JaneDoe",
                          "https://m.instagram.com/janedoe/reels/",
                          "https://www.instagram.com/stories/janedoe/3141592653589793238/",
                          "https://www.instagram.com/janedoe/p/CxYz123/",
                          "https://www.facebook.com/profile.php?id=100012345678901",
                          "https://www.facebook.com/100012345678901",
                          "https://www.facebook.com/people/Jane-Doe/100012345678901/",
                          "https://www.facebook.com/janedoe77",
                          "https://fr-fr.facebook.com/jane.doe.77",
                          "https://x.com/janedoe_x",
                          "https://twitter.com/JaneDoe_X/status/1",
                          "https://www.tiktok.com/@jane.doe",
                          "https://www.snapchat.com/add/janedsnap",
                          "https://www.linkedin.com/in/jane-doe-123/",
                          "https://uk.linkedin.com/in/Jane-Doe-123",
                          "https://www.youtube.com/channel/UCddiUEpeqJcYeBxX1IVBKvQ",
                          "https://www.youtube.com/@JaneVlogs",
                          "https://www.threads.net/@janedoe",
                          "https://bsky.app/profile/jane.bsky.social",
                          "https://www.reddit.com/user/jane_doe_r/",
                          "https://www.pinterest.co.uk/janepins/",
                          "https://janedoeblog.tumblr.com/",
                          "https://example.town/@jane",
                          "https://mastodon.social/@jane@example.town",
                          "https://www.twitch.tv/janetwitch",
                          "https://www.strava.com/athletes/12345678",
                          "https://account.venmo.com/u/Jane-Doe-7",
                          "https://open.spotify.com/user/janedoespotify",
                          "https://vsco.co/janevsco/gallery",
                          "https://t.me/janedoe_tg",
                          "https://linktr.ee/janedoe",
                          "https://github.com/janedoe-dev",
                          "https://soundcloud.com/janedoe-music",
                          "https://medium.com/@janedoewrites",
                          "https://janeletters.substack.com/p/hello",
                          "https://www.instagram.com/sam.rivers/"}) {
    EXPECT_NE(matching_rule(browser_form(url, false)), nullptr) << url;
  }
}

TEST_F(RulesTest, HandlesWithLettersBeyondAsciiAreStoppedAsTheBrowserWritesThem) {
  // A LinkedIn vanity name may hold accented letters ("josé-garcía"), a
  // YouTube handle Cyrillic ones ("@Пан"). The browser hands the rules such
  // a URL percent-encoded, and refuses a whole
  // rule update whose urlFilter holds a non-ASCII character: every rule is
  // ASCII, and a regex rule matches the encoded URL.
  Engine other;
  BlocklistError error;
  ASSERT_TRUE(other.load(R"({"version":1,"people":[{"name":"J","accounts":[
      {"url":"https://www.linkedin.com/in/josé-garcía/"},{"url":"https://www.youtube.com/@Пан"}]}]})",
                         error))
      << error.to_string();
  const RuleSet set = compile_rules(other.blocklist());
  ASSERT_FALSE(set.rules.empty());
  std::vector<std::unique_ptr<RE2>> regexes;
  for (const CompiledRule& r : set.rules) {
    for (char c : r.regex) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << r.regex;
    regexes.push_back(chrome_re2(r));
    EXPECT_TRUE(regexes.back()->ok()) << r.regex << ": " << regexes.back()->error();
  }
  ASSERT_FALSE(set.filters.empty());
  for (const FilterRule& f : set.filters)
    for (char c : f.url_filter) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << f.url_filter;
  // Both platforms take a handle in any case ("@пан" is "@Пан"): so does the
  // core, and so do the rules, letter by letter. Accents are not case: the
  // same letters without them are someone else.
  for (const char* typed : {"https://www.linkedin.com/in/josé-garcía/", "https://uk.linkedin.com/in/josé-garcía",
                            "https://www.youtube.com/@Пан", "https://m.youtube.com/@Пан/videos",
                            "https://www.youtube.com/@пан", "https://www.youtube.com/@ПАН/shorts",
                            "https://www.linkedin.com/in/JOSÉ-GARCÍA/", "https://www.linkedin.com/in/José-García"}) {
    const std::string url = browser_form(typed, false);
    ASSERT_NE(url.find('%'), std::string::npos) << url << " is percent-encoded, as the browser writes it";
    EXPECT_TRUE(other.decide(url).block) << url;
    bool matched = false;
    for (const auto& re : regexes) matched = matched || RE2::FullMatch(url, *re);
    EXPECT_TRUE(matched) << url << " is stopped before its request";
  }
  for (const char* typed : {"https://www.linkedin.com/in/jose-garcia/", "https://www.linkedin.com/in/josé-garcia",
                            "https://www.youtube.com/@Пано", "https://www.youtube.com/@пак"}) {
    const std::string url = browser_form(typed, false);
    EXPECT_FALSE(other.decide(url).block) << url;
    for (const auto& re : regexes) EXPECT_FALSE(RE2::FullMatch(url, *re)) << url << " matches " << re->pattern();
  }
}

TEST_F(RulesTest, EachLetterBeyondAsciiIsStoppedInEveryCaseTheCoreTakesForItAndNoOther) {
  // Every letter the core lowers (Latin-1, Latin Extended-A, Greek,
  // Cyrillic), listed in a short YouTube handle: the rules stop the handle
  // with that letter in each form the core takes for the same letter, and
  // with no other form within 130 code points (Ÿ and ÿ are 121 apart), as
  // the browser writes it.
  const auto utf8 = [](std::int32_t cp) {
    char buf[4];
    return std::string(buf, encode_utf8(cp, buf));
  };
  int letters = 0;
  for (std::int32_t cp = 0xC0; cp < 0x530; ++cp) {
    if (cp >= 0x180 && cp < 0x370) continue;  // IPA and the like: not lowered, as written
    const std::int32_t lower = lower_code_point(cp);
    if (lower == cp && lower_code_point(cp - 32) != cp && lower_code_point(cp - 1) != cp &&
        lower_code_point(cp - 80) != cp)
      continue;  // neither a capital nor the small letter of one
    Engine e;
    BlocklistError error;
    const std::string handle = "ab" + utf8(cp);
    ASSERT_TRUE(e.load(
        R"({"version":1,"people":[{"name":"A","accounts":[{"platform":"youtube","handle":"@)" + handle + R"("}]}]})",
        error))
        << error.to_string();
    const RuleSet set = compile_rules(e.blocklist());
    std::vector<std::unique_ptr<RE2>> res;
    for (const CompiledRule& r : set.rules) res.push_back(chrome_re2(r));
    ++letters;
    for (std::int32_t other = std::max(0xC0, cp - 130); other <= cp + 130; ++other) {
      if (other >= 0xD800 && other <= 0xDFFF) continue;
      const std::string url = browser_form("https://www.youtube.com/@ab" + utf8(other), false);
      bool matched = false;
      for (const auto& re : res) matched = matched || RE2::FullMatch(url, *re);
      const bool same = lower_code_point(other) == lower;
      EXPECT_EQ(matched, same) << std::hex << "listed U+" << cp << ", visited U+" << other;
      EXPECT_EQ(e.decide(url).block, same) << std::hex << "listed U+" << cp << ", visited U+" << other;
    }
  }
  EXPECT_GT(letters, 300);
}

TEST_F(RulesTest, ALongHandleBeyondAsciiKeepsARuleForItsListedCase) {
  // A Cyrillic letter in both cases costs a regex more than one: a handle
  // this long would go over Chrome's budget, and then the rule holds the
  // letters as listed (the core still blocks every case).
  Engine other;
  BlocklistError error;
  const std::string listed = "Алекса";
  ASSERT_TRUE(other.load(
      R"({"version":1,"people":[{"name":"A","accounts":[{"url":"https://www.youtube.com/@)" + listed + R"("}]}]})",
      error))
      << error.to_string();
  const RuleSet set = compile_rules(other.blocklist());
  const std::string as_listed = browser_form("https://www.youtube.com/@" + listed, false);
  const std::string lower = browser_form("https://www.youtube.com/@алекса", false);
  bool listed_matched = false, lower_matched = false;
  for (const CompiledRule& r : set.rules) {
    const auto re = chrome_re2(r);
    ASSERT_TRUE(re->ok()) << r.regex << ": " << re->error();
    listed_matched = listed_matched || RE2::FullMatch(as_listed, *re);
    lower_matched = lower_matched || RE2::FullMatch(lower, *re);
  }
  EXPECT_TRUE(listed_matched) << as_listed;
  EXPECT_FALSE(lower_matched) << lower << ": the whole handle in both cases fits no rule";
  EXPECT_TRUE(other.decide(lower).block) << lower;
}

// A listed name searched in the forms the engines and browsers write is
// stopped by a rule before the request (the navigation listener acts only
// after it is sent: the search would reach the engine and its history), and
// whatever such a rule matches, decide() blocks, for the same person.
TEST_F(RulesTest, NameSearchesAreStoppedInTheFormsEnginesAndBrowsersWrite) {
  for (const char* url : {
           "https://www.google.com/search?q=%22jane+doe%22",               // quoted
           "https://www.google.com/search?q=jane%20doe",                   // typed or linked: %20
           "https://www.google.com/search?client=firefox-b-d&q=jane+doe",  // Firefox's Google search
           "https://www.google.com/search?client=firefox-b-d&q=%22Jane+Doe%22+instagram",
           "https://www.google.com/search?sca_esv=1a2b&sxsrf=AHTn8zp&q=where%20is%20jane%20doe&oq=jane",
           "https://www.google.co.uk/search?q=Jane+Doe&source=hp&ei=x",
           "https://www.google.com.au/search?q=%22jane%20doe%22",
           "https://www.google.com/webhp?hl=en&q=jane+doe",
           "https://www.bing.com/search?q=jane+doe&form=QBLH",
           "https://www.bing.com/search?form=QBLH&q=%22jane+doe%22&sp=-1",
           "https://www.bing.com/search?pglt=41&q=Jane%20Doe&cvid=abc&FORM=ANNTA1&PC=U531",
           "https://www.bing.com/images/search?view=detailV2&q=jane%20doe",
           "https://duckduckgo.com/?t=h_&q=jane+doe&ia=web",
           "https://duckduckgo.com/?t=ffab&q=%22jane%20doe%22",
           "https://duckduckgo.com/?q=jane+doe&t=h_&ia=web",
           "https://duckduckgo.com/html/?q=jane+doe",
           "https://search.yahoo.com/search?fr=yfp-t&p=jane+doe",
           "https://search.yahoo.com/search?p=%22jane+doe%22&fr=yfp-t&fr2=p%3As",
           "https://www.google.com/search?q=jane++doe",
           "https://www.google.com/search?client=firefox-b-d&q=sam%20rivers",
       }) {
    const CompiledRule* rule = matching_rule(url);
    ASSERT_NE(rule, nullptr) << url << " reaches the engine before it is blocked";
    const Verdict& verdict = engine.decide(url);
    EXPECT_TRUE(verdict.block) << url;
    EXPECT_EQ(verdict.person, rule->person) << url;
    EXPECT_TRUE(RE2::FullMatch(url, *compiled[static_cast<std::size_t>(rule - rules.rules.data())])) << url;
  }
  // Near misses: decide() allows them, so no rule may stop them. Another name
  // that starts with the keyword ("Jane Doerty"); the name in another
  // parameter (oq=, Google's "original query", or a second q= after the first:
  // the engines search the first); in the fragment; glued to another word.
  for (const char* url : {
           "https://www.google.com/search?q=jane+doerty",
           "https://www.google.com/search?q=%22jane+doerty%22",
           "https://www.google.com/search?q=janet%20doe",
           "https://www.google.com/search?oq=jane+doe&q=cats",
           "https://www.google.com/search?q=cats&oq=jane+doe",
           "https://www.google.com/search?q=cats&q=jane+doe",
           "https://www.google.com/search?client=firefox-b-d&q=cats&q=jane+doe",
           "https://www.google.com/search?q=cats#q=jane+doe",
           "https://www.google.com/search?q=jane+does+sister",
           "https://www.google.com/search?q=xjane%20doe",
           "https://www.google.com/search?q=x%2522jane+doe",
           "https://www.google.com/search?q=jane%20doe2",
           "https://www.google.com/search?q=jane%20doe%41",
           "https://search.yahoo.com/search?p=cats&q=jane+doe",
           "https://www.google.evil.example/search?q=jane+doe",
           "https://www.google.com/url?q=jane+doe",
       }) {
    EXPECT_FALSE(engine.decide(url).block) << url;
    EXPECT_EQ(matching_rule(url), nullptr) << url;
  }
}

// Names of every length and word count: each keyword rule compiles with
// Chrome's RE2 options; longer names lose the longer shapes first (Bing's
// /videos/search), and those are left to the navigation listeners.
TEST(Rules, KeywordRulesFitChromesRegexBudget) {
  const std::string letters = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz";
  std::size_t shapes = 0;
  for (std::size_t length = 2; length <= 40; ++length) {
    for (std::size_t words = 1; words <= 4 && words <= length; ++words) {
      std::string keyword;
      for (std::size_t i = 0; i < length; ++i) {
        if (i > 0 && i % ((length + words - 1) / words) == 0) keyword += ' ';
        keyword += letters[i];
      }
      Engine engine;
      BlocklistError error;
      ASSERT_TRUE(engine.load(R"({"version":1,"people":[{"name":"K","keywords":[")" + keyword + R"("]}]})", error))
          << error.to_string();
      const RuleSet set = compile_rules(engine.blocklist());
      std::size_t plain = 0, possessive = 0;  // the name's own rules, and its possessive's
      for (const CompiledRule& r : set.rules) {
        EXPECT_TRUE(chrome_re2(r)->ok()) << "cost " << regex_cost(r.regex) << ": " << r.regex;
        ++(r.regex.find("E2%80%99") == std::string::npos ? plain : possessive);
      }
      EXPECT_LE(possessive, plain) << keyword;
      if (length == 2 && words == 1) shapes = plain;
      // Every shape for two words of up to 14 letters, three of up to 8; and
      // Google's search for names of up to 14 letters in three words.
      if ((words == 2 && length <= 14) || (words == 3 && length <= 8)) {
        EXPECT_EQ(plain, shapes) << keyword;
      }
      // A search that starts with the name's possessive: Google's for names
      // of up to 22 letters in one word, 16 in two, 10 in three; every
      // shape for up to 15 letters in one word, 9 in two.
      if ((words == 1 && length <= 22) || (words == 2 && length <= 16) || (words == 3 && length <= 10)) {
        std::string url = "https://www.google.com/search?q=";
        for (char c : keyword) url += c == ' ' ? std::string("+") : std::string(1, c);
        url += "%E2%80%99s+wedding";
        bool matched = false;
        for (const CompiledRule& r : set.rules) matched = matched || RE2::FullMatch(url, RE2(r.regex));
        EXPECT_TRUE(matched) << url;
      }
      if ((words == 1 && length <= 15) || (words == 2 && length <= 9)) {
        EXPECT_EQ(possessive, shapes) << keyword;
      }
      if (words <= 3 && length <= 14) {
        std::string url = "https://www.google.com/search?client=firefox-b-d&q=%22";
        for (char c : keyword) url += c == ' ' ? std::string("%20") : std::string(1, c);
        bool matched = false;
        for (const CompiledRule& r : set.rules) matched = matched || RE2::FullMatch(url, RE2(r.regex));
        EXPECT_TRUE(matched) << url;
      }
    }
  }
  EXPECT_GE(shapes, 11u);
}

TEST_F(RulesTest, LookAlikesAreNotCovered) {
  for (const char* url :
       {"https://www.instagram.com/janedoe2", "https://instagram.com.evil.example/janedoe",
        "https://help.instagram.com/janedoe", "https://www.youtube.com/channel/UCDDIUEPEQJCYEBXX1IVBKVQ",
        "https://www.reddit.com/r/jane_doe_r/", "https://www.linkedin.com/company/jane-doe-123",
        "https://www.facebook.com/jane.doe.78", "https://mastodon.social/@jane"}) {
    EXPECT_EQ(matching_rule(browser_form(url, false)), nullptr) << url;
  }
}

// A urlFilter as declarativeNetRequest reads it (the subset endpoint
// filters use): "||" anchors at a label of the host, "*" is any run, "^" a
// separator (anything but a letter, digit, '_', '-', '.', '%') or the end;
// case-insensitive unless asked.
bool filter_matches(std::string_view filter, std::string_view url, bool case_sensitive) {
  std::string f(filter), u(url);
  if (!case_sensitive) {
    for (auto& c : f) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (auto& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto separator = [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || std::strchr("_-.%", c)); };
  // Matches f[i..] against u[j..] to the end of the filter.
  std::function<bool(std::size_t, std::size_t)> match = [&](std::size_t i, std::size_t j) -> bool {
    if (i == f.size()) return true;  // no end anchor: the rest of the URL is free
    if (f[i] == '*') {
      for (std::size_t k = j; k <= u.size(); ++k)
        if (match(i + 1, k)) return true;
      return false;
    }
    if (f[i] == '^') {
      if (j == u.size()) return match(i + 1, j);
      return separator(u[j]) && match(i + 1, j + 1);
    }
    return j < u.size() && f[i] == u[j] && match(i + 1, j + 1);
  };
  if (f.rfind("||", 0) != 0) return false;
  const auto host_start = u.find("://");
  if (host_start == std::string::npos) return false;
  const std::size_t h = host_start + 3;
  const std::size_t host_end = u.find_first_of("/?#", h);
  for (std::size_t start = h; start < host_end; start = u.find('.', start) + 1) {
    if (match(2, start)) return true;
    if (u.find('.', start) >= host_end) break;
  }
  return false;
}

TEST(EndpointRules, AHandleBeyondAsciiIsBlockedInTheAppsRequestsInItsListedAndLowerCase) {
  // LinkedIn's app asks Voyager for the vanity name as LinkedIn writes it;
  // listed as "JOSÉ-GARCÍA", it may ask for "josé-garcía". A urlFilter
  // ignores the case of ASCII only.
  Engine e;
  BlocklistError error;
  ASSERT_TRUE(
      e.load(R"({"version":1,"people":[{"name":"J","accounts":[{"url":"https://www.linkedin.com/in/JOSÉ-GARCÍA/"}]}]})",
             error))
      << error.to_string();
  const RuleSet set = compile_rules(e.blocklist());
  auto matched = [&](const std::string& url) {
    for (const FilterRule& f : set.filters)
      if (filter_matches(f.url_filter, url, f.case_sensitive)) return true;
    return false;
  };
  for (const char* url : {"https://www.linkedin.com/voyager/api/identity/profiles/JOS%C3%89-GARC%C3%8DA/profileView",
                          "https://www.linkedin.com/voyager/api/identity/profiles/jos%C3%A9-garc%C3%ADa/profileView"}) {
    EXPECT_TRUE(matched(url)) << url;
    EXPECT_TRUE(e.decide(url).block) << url;
  }
  EXPECT_FALSE(matched("https://www.linkedin.com/voyager/api/identity/profiles/jose-garcia/profileView"));
}

TEST(EndpointRules, TheAppsOwnRequestsForAListedAccountAreBlocked) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  ASSERT_FALSE(set.filters.empty());
  auto matching = [&](const std::string& url) -> const FilterRule* {
    for (const FilterRule& f : set.filters)
      if (filter_matches(f.url_filter, url, f.case_sensitive)) return &f;
    return nullptr;
  };
  // The requests the apps make when a row is clicked or a card hovered.
  for (const char* url : {
           "https://i.instagram.com/api/v1/users/web_profile_info/?username=janedoe",
           "https://www.instagram.com/api/v1/users/web_profile_info/?username=JaneDoe&hl=en",
           "https://x.com/i/api/graphql/laYnJPCAcVo0o6pzcnlVxQ/"
           "UserByScreenName?variables=%7B%22screen_name%22%3A%22janedoe_x%22%2C%22withSafetyModeUserFields%22%3Atrue%"
           "7D&features=%7B%7D",
           "https://twitter.com/i/api/graphql/q/UserByScreenName?variables=%7B%22screen_name%22:%22JaneDoe_X%22%7D",
           "https://syndication.twitter.com/srv/timeline-profile/screen-name/janedoe_x?dnt=true",
           "https://www.linkedin.com/voyager/api/identity/profiles/jane-doe-123/profileView",
           "https://www.tiktok.com/api/user/detail/?WebIdLastTime=1&aid=1988&uniqueId=jane.doe&msToken=x",
           "https://player.twitch.tv/?channel=janetwitch&parent=example.com",
           "https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=jane.bsky.social",
           "https://www.youtube.com/feeds/videos.xml?channel_id=UCddiUEpeqJcYeBxX1IVBKvQ",
       }) {
    const FilterRule* rule = matching(url);
    EXPECT_NE(rule, nullptr) << url;
    if (rule) {
      const Verdict& v = engine.decide(url);
      EXPECT_TRUE(v.block) << url << " matches " << rule->url_filter;
      EXPECT_EQ(v.person, rule->person) << url;
    }
  }
  // Other people, look-alike handles included, keep working.
  for (const char* url : {
           "https://i.instagram.com/api/v1/users/web_profile_info/?username=janedoe2",
           "https://i.instagram.com/api/v1/users/web_profile_info/?username=jane.doe",
           "https://x.com/i/api/graphql/q/UserByScreenName?variables=%7B%22screen_name%22%3A%22janedoe_x2%22%7D",
           "https://www.tiktok.com/api/user/detail/?uniqueId=janedoe",
           "https://www.tiktok.com/api/user/detail/?uniqueId=jane.doe2",
           "https://www.linkedin.com/voyager/api/identity/profiles/jane-doe-1234/profileView",
           "https://player.twitch.tv/?channel=janetwitch_",
           "https://www.instagram.com/janedoe/",  // a page, not an endpoint: the regex rules' business
       }) {
    EXPECT_EQ(matching(url), nullptr) << url;
  }
  // Whatever a filter matches among the shared cases, decide() blocks too.
  // (As written: filters are knowingly wider than decide() on case and on
  // subdomains — a request naming a listed person on any subdomain of the
  // platform is blocked — so the regex rules' variants do not apply.)
  int matched = 0;
  for (const auto& row : test::read_tsv(test::test_data("decisions.tsv"))) {
    for (const std::string& v : {row[0]}) {
      if (const FilterRule* rule = matching(v)) {
        ++matched;
        EXPECT_TRUE(engine.decide(v).block) << v << " matches " << rule->url_filter;
      }
    }
  }
  EXPECT_GT(matched, 5);
  const auto json = nlohmann::json::parse(rules_json(set, "chrome-extension://abc/blocked.html"));
  const auto& last = json.back();
  EXPECT_EQ(last["action"]["type"], "block");
  EXPECT_TRUE(last["condition"].contains("urlFilter"));
  EXPECT_FALSE(last["condition"].contains("regexFilter"));
  const auto& types = last["condition"]["resourceTypes"];
  EXPECT_NE(std::find(types.begin(), types.end(), "xmlhttprequest"), types.end());
  EXPECT_EQ(std::find(types.begin(), types.end(), "main_frame"), types.end());
}

// Issue: any page could probe the list. A blocked fetch() fails where an
// allowed one resolves, so a page on another site that requested
// instagram.com/api/v1/feed/user/<name>/ learned whether <name> is listed.
// The apps' own API requests are blocked only when the platform's own pages
// send them (initiatorDomains, from the catalog); an open API (Bluesky's
// AppView) only when its own app or a web client the catalog names sends
// them; an embed or player framed on any page keeps every initiator.
TEST(EndpointRules, OnlyThePlatformsOwnPagesAreStoppedFromAskingForAListedAccount) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  const Catalog& catalog = Catalog::get();
  auto filter = [&](std::string_view part) -> const FilterRule* {
    for (const FilterRule& f : set.filters)
      if (f.url_filter.find(part) != std::string::npos) return &f;
    ADD_FAILURE() << "no filter with " << part;
    return nullptr;
  };
  // Closed apps: their own registrable domains, as the catalog names them.
  const std::pair<const char*, const char*> closed[] = {
      {"||instagram.com/api/v1/users/web_profile_info*username=janedoe^", "instagram.com"},
      {"||instagram.com/api/v1/feed/user/janedoe^", "instagram.com"},
      {"||x.com/i/api/graphql/", "x.com twitter.com"},
      {"||api.x.com/1.1/users/show.json", "x.com twitter.com"},
      {"||tiktok.com/api/user/detail", "tiktok.com"},
      {"||linkedin.com/voyager/api/identity/profiles/jane-doe-123^", "linkedin.com"},
      {"||youtube.com/feeds/videos.xml", "youtube.com"},
  };
  // initiatorDomains as the rule will say it: space-separated, "" for any page.
  auto initiators = [](const FilterRule& f) {
    std::string out;
    if (f.app != nullptr)
      for (std::string_view list : {f.app->domains, f.app->clients})
        for_each_word(list, [&](std::string_view w) { out.append(out.empty() ? "" : " ").append(w); });
    return out;
  };
  for (const auto& [part, domains] : closed) {
    if (const FilterRule* f = filter(part)) {
      EXPECT_EQ(initiators(*f), domains) << f->url_filter;
      EXPECT_FALSE(f->frame) << f->url_filter;
    }
  }
  // Open: Bluesky's AppView, read by its own app and by web clients on
  // sites of their own; not by every page.
  if (const FilterRule* f = filter("||public.api.bsky.app/xrpc/app.bsky.actor.getProfile")) {
    EXPECT_EQ(initiators(*f), "bsky.app deck.blue useouranos.app deer.social skyfeed.app tokimeki.blue mackuba.eu");
    EXPECT_FALSE(f->frame);
  }
  // Frames: on a news site, the embed shows the person.
  for (const char* part : {"||tiktok.com/embed/@jane.doe^", "||syndication.twitter.com/srv/timeline-profile/",
                           "||player.twitch.tv*channel=janetwitch^", "||twitch.tv/embed/janetwitch^"}) {
    if (const FilterRule* f = filter(part)) {
      EXPECT_EQ(initiators(*f), "") << f->url_filter;
      EXPECT_TRUE(f->frame) << f->url_filter;
    }
  }
  // Every filter is one of the three, by its platform's entry in the catalog.
  for (const FilterRule& f : set.filters) {
    const Account& account = engine.blocklist().people[f.person].accounts[f.account];
    const std::string_view id = catalog.platforms()[static_cast<std::size_t>(account.platform)].id;
    const AppSpec* app = app_spec(id);
    if (f.frame) EXPECT_EQ(f.app, nullptr) << f.url_filter;
    else if (!app || app->domains.empty()) ADD_FAILURE() << id << " has an endpoint rule and no app's domains";
    else EXPECT_EQ(f.app, app) << f.url_filter;
  }

  // As chrome.declarativeNetRequest.updateDynamicRules takes them.
  const auto json = nlohmann::json::parse(rules_json(set, "chrome-extension://abc/blocked.html"));
  ASSERT_EQ(json.size(), set.rules.size() + set.filters.size());
  auto condition = [&](std::string_view part) {
    for (std::size_t i = set.rules.size(); i < json.size(); ++i)
      if (json[i]["condition"]["urlFilter"].get<std::string>().find(part) != std::string::npos) {
        EXPECT_EQ(json[i]["action"], nlohmann::json({{"type", "block"}}));
        return json[i]["condition"];
      }
    ADD_FAILURE() << "no rule with " << part;
    return nlohmann::json::object();
  };
  const nlohmann::json api_types = {"xmlhttprequest", "sub_frame", "image", "media", "script", "ping", "other"};
  auto c = condition("||instagram.com/api/v1/feed/user/janedoe^");
  EXPECT_EQ(c["initiatorDomains"], nlohmann::json({"instagram.com"}));
  EXPECT_EQ(c["resourceTypes"], api_types);
  c = condition("||twitter.com/i/api/graphql/");
  EXPECT_EQ(c["initiatorDomains"], nlohmann::json({"x.com", "twitter.com"}));
  c = condition("||bsky.social/xrpc/app.bsky.feed.getAuthorFeed");
  EXPECT_EQ(c["initiatorDomains"], nlohmann::json({"bsky.app", "deck.blue", "useouranos.app", "deer.social",
                                                   "skyfeed.app", "tokimeki.blue", "mackuba.eu"}));
  EXPECT_EQ(c["resourceTypes"], api_types);
  c = condition("||tiktok.com/embed/@jane.doe^");
  EXPECT_FALSE(c.contains("initiatorDomains"));  // an empty list is refused: absent means every initiator
  EXPECT_EQ(c["resourceTypes"], nlohmann::json({"sub_frame"}));
}

// Where a platform's app runs is catalog data: every platform with an API
// endpoint has an entry, each a lower-case registrable domain the site table
// knows for that platform (no scheme, no wildcard: initiatorDomains takes
// domains); an open API's web clients are domains of other sites; and only
// Mastodon, whose clients no list could name, has none (and no rule).
TEST(EndpointRules, EveryPlatformWithAnApiSaysWhereItsAppRuns) {
  const Catalog& catalog = Catalog::get();
  const std::set<std::string_view> none = {"mastodon"};
  for (std::size_t p = 0; p < catalog.platforms().size(); ++p) {
    const std::string_view id = catalog.platforms()[p].id;
    bool api = false;
    for (const Site& site : catalog.sites())
      for (const Shape& shape : site.shapes)
        api = api || (site.platform == static_cast<int>(p) && shape.endpoint && !shape.frame);
    const AppSpec* app = app_spec(id);
    if (!app) {
      EXPECT_FALSE(api) << id << " has API endpoints and no entry";
      continue;
    }
    EXPECT_EQ(app->domains.empty(), none.count(id) == 1) << id;
    for (const bool own : {true, false}) {
      for_each_word(own ? app->domains : app->clients, [&](std::string_view domain) {
        EXPECT_EQ(domain.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-"), std::string_view::npos) << domain;
        bool its_own = false;
        for (std::size_t s = 0; s < site_table().size(); ++s)
          if (catalog.sites()[s].platform == static_cast<int>(p))
            for_each_word(site_table()[s].hosts, [&](std::string_view host) { its_own = its_own || host == domain; });
        if (own) EXPECT_TRUE(its_own) << domain << " is none of " << id << "'s hosts";
        else EXPECT_FALSE(its_own) << domain << " is " << id << "'s own, not a client's";
      });
    }
  }
  for (std::string_view id : none) ASSERT_NE(app_spec(id), nullptr) << id;
  EXPECT_EQ(app_spec("no-such-platform"), nullptr);
}

TEST(EndpointRules, RulesForAThousandAccounts) {
  // The figure the README gives: 1,000 accounts, 200 each on the five app
  // platforms whose endpoints are in the catalog. Printed, not timed.
  std::string json = R"({"version":1,"people":[)";
  const char* platforms[] = {"instagram", "x", "tiktok", "linkedin", "twitch"};
  for (int i = 0; i < 1000; ++i) {
    json += (i ? "," : "") + std::string(R"({"name":"P)") + std::to_string(i) + R"(","accounts":[{"platform":")" +
            platforms[i % 5] + R"(","handle":"user)" + std::to_string(i) + "_x\"}]}";
  }
  json += "]}";
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(json, error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  std::printf(
      "[ RULES ] 1,000 accounts: %zu regex rules (%zu accounts covered, %zu left to the listeners), "
      "%zu endpoint filter rules (%zu accounts without)\n",
      set.rules.size(), set.accounts_covered, set.accounts_skipped, set.filters.size(), set.filters_skipped);
  EXPECT_LE(set.rules.size(), kMaxRegexRules);
  EXPECT_LE(set.filters.size(), kMaxFilterRules);
  // About five filters an account (hosts x shapes): the budget is reached
  // before the thousandth; those past it are left to the content scripts.
  EXPECT_GT(set.filters.size(), 3000u);
  EXPECT_LT(set.filters_skipped, 1000u);
}

// A possessive's rules take only the room the accounts and keywords leave.
TEST(Rules, PossessivesTakeOnlyTheRoomLeft) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(R"({"version":1,"people":[)"
                          R"({"name":"A","keywords":["jane doe"],"accounts":[{"platform":"x","handle":"janedoe_x"}]},)"
                          R"({"name":"B","keywords":["sam rivers"]}]})",
                          error))
      << error.to_string();
  auto possessives = [](const RuleSet& set) {
    std::size_t n = 0;
    for (const CompiledRule& r : set.rules) n += r.regex.find("E2%80%99") != std::string::npos;
    return n;
  };
  const RuleSet all = compile_rules(engine.blocklist());
  const std::size_t own = all.rules.size() - possessives(all);
  ASSERT_GT(possessives(all), 0u);
  EXPECT_EQ(all.keywords_covered, 2u);
  // Room for every account's and keyword's rules and one more: no possessive
  // fits (each keyword's are several), and nothing else is left out.
  const RuleSet tight = compile_rules(engine.blocklist(), own + 1);
  EXPECT_EQ(tight.rules.size(), own);
  EXPECT_EQ(possessives(tight), 0u);
  EXPECT_EQ(tight.accounts_skipped + tight.keywords_skipped, 0u);
}

TEST(Rules, StayWithinChromesBudgetAndSayWhatIsLeft) {
  const std::string json = test::many_accounts_list("x", 3000);
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(json, error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  EXPECT_LE(set.rules.size(), kMaxRegexRules);
  EXPECT_GT(set.accounts_covered, 0u);
  EXPECT_EQ(set.accounts_covered + set.accounts_skipped, 3000u);
  const auto rules = nlohmann::json::parse(rules_json(set, "chrome-extension://abc/extension/pages/blocked.html"));
  ASSERT_EQ(rules.size(), set.rules.size() + set.filters.size());
  EXPECT_LE(set.filters.size(), kMaxFilterRules);
  EXPECT_EQ(rules[0]["id"], 1);
  EXPECT_EQ(rules[0]["action"]["redirect"]["regexSubstitution"],
            "chrome-extension://abc/extension/pages/blocked.html#\\0");
  EXPECT_EQ(rules[0]["condition"]["resourceTypes"], nlohmann::json({"main_frame", "sub_frame"}));
}

// Where the browser withholds site access, a redirect is dropped: the rules
// of the withheld groups block instead, the others still redirect.
TEST(Rules, WithheldSiteAccessTurnsThoseRulesIntoBlocks) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  const std::vector<std::string> groups = rule_origins(set);
  ASSERT_GT(groups.size(), 1u);
  for (const CompiledRule& r : set.rules) EXPECT_FALSE(r.origins.empty()) << r.regex;
  const auto instagram = std::find_if(groups.begin(), groups.end(), [](const std::string& g) {
    return g.find("*://*.instagram.com/*") != std::string::npos;
  });
  ASSERT_NE(instagram, groups.end());
  const auto rules = nlohmann::json::parse(rules_json(set, "chrome-extension://abc/b.html", 1, {*instagram}));
  ASSERT_EQ(rules.size(), set.rules.size() + set.filters.size());  // then the endpoint filters
  std::size_t blocks = 0;
  for (std::size_t i = 0; i < set.rules.size(); ++i) {
    const bool withheld = set.rules[i].origins == *instagram;
    EXPECT_EQ(rules[i]["action"]["type"], withheld ? "block" : "redirect") << set.rules[i].regex;
    EXPECT_EQ(rules[i]["condition"]["regexFilter"], set.rules[i].regex);
    blocks += withheld;
  }
  EXPECT_GT(blocks, 0u);
  EXPECT_LT(blocks, set.rules.size());
}

// The message links, compose windows and name searches of the messages list:
// covered by rules (stopped before the request), and every rule held to decide().
TEST(MessagesRules, MessageLinksAndNameSearchesAreStoppedBeforeTheRequest) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("messages-blocklist.json")), error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  EXPECT_EQ(set.keywords_covered, 1u);
  std::vector<std::unique_ptr<RE2>> compiled;
  for (const CompiledRule& r : set.rules) {
    compiled.push_back(chrome_re2(r));
    EXPECT_TRUE(compiled.back()->ok()) << r.regex;
  }
  auto rule_for = [&](const std::string& url) -> const CompiledRule* {
    for (std::size_t i = 0; i < compiled.size(); ++i)
      if (compiled[i]->ok() && RE2::PartialMatch(url, *compiled[i])) return &set.rules[i];
    return nullptr;
  };
  for (const char* url :
       {"https://wa.me/15551234567", "https://wa.me/15551234567?text=hi",
        "https://api.whatsapp.com/send?phone=15551234567&text=x", "https://web.whatsapp.com/send/?phone=%2B15551234567",
        "https://t.me/+15551234567", "https://m.me/jane.doe.77", "https://www.messenger.com/t/janedoe77/",
        "https://ig.me/m/JaneDoe", "https://mail.google.com/mail/?view=cm&fs=1&to=jane.doe@gmail.com&su=Hi",
        "https://mail.google.com/mail/u/1/?view=cm&to=jane.doe%40gmail.com",
        "https://compose.mail.yahoo.com/?to=jane.doe@outlook.com", "https://www.google.com/search?q=jane+doe",
        "https://www.google.co.uk/search?q=Jane+Doe+instagram", "https://www.google.com/search?q=where+is+jane+doe",
        "https://www.bing.com/search?q=JANE+DOE&form=QBLH", "https://duckduckgo.com/?q=jane+doe&t=h_",
        "https://search.yahoo.com/search?p=jane+doe", "https://mail.google.com/mail/?view=cm&to=sam@example.com",
        "https://t.me/+447700900123"}) {
    const CompiledRule* rule = rule_for(url);
    EXPECT_NE(rule, nullptr) << url;
    // The URL and its variants (upper case, ports, suffixes, other hosts):
    // whatever a rule matches, decide() blocks, for the same person.
    for (const std::string& v : variants(url)) {
      if (const CompiledRule* r = rule_for(v)) {
        const Verdict& verdict = engine.decide(v);
        EXPECT_TRUE(verdict.block) << v << " matches " << r->regex;
        EXPECT_EQ(verdict.person, r->person) << v;
        EXPECT_TRUE(origins_cover(r->origins, v)) << v << " is outside " << r->origins;
      }
    }
  }
  for (const char* url :
       {"https://wa.me/447700900123", "https://api.whatsapp.com/send?phone=447700900123",  // the co-parent's channel
        "https://wa.me/15551234568", "https://wa.me/155512345670",
        "https://mail.google.com/mail/?view=cm&to=janedoe@outlook.com",
        "https://mail.google.com/mail/?view=cm&to=jane.doe@gmail.com.evil.example",
        "https://www.google.com/search?q=janet+doe", "https://www.google.com/search?q=jane+doer",
        "https://www.google.com/search?q=xjane+doe", "https://www.google.com/search?q=jane+doe2",
        "https://www.google.com/search?oq=x&q=cats&q=jane+doe", "https://www.google.com/url?q=jane+doe",
        "https://mail.google.com/mail/u/0/#inbox?to=jane.doe@gmail.com"}) {
    EXPECT_EQ(rule_for(url), nullptr) << url;
  }
}

}  // namespace
}  // namespace deadbolt

namespace deadbolt {
namespace {

// One account per platform, each with a handle of `length` characters (or
// the platform's maximum).
std::string one_account_per_platform(int length) {
  std::string json = R"({"version":1,"people":[{"name":"Everyone","accounts":[)";
  bool first = true;
  for (const PlatformSpec& p : Catalog::get().platforms()) {
    if (p.flags & kSearchEngine) continue;
    std::string handle;
    const int n = std::min<int>(length, p.max_len);
    if (p.flags & kFederated)
      handle = "@" + std::string(std::max(1, n / 2), 'u') + "@" + std::string(std::max(1, n / 2), 'i') + ".example";
    else if (p.flags & kNumeric) handle = std::string(n, '7');
    else if (p.flags & kEmail)
      for (int i = 0; i < std::clamp(n - 12, 1, 64); ++i) handle += static_cast<char>('a' + i % 26);
    else if (p.flags & kPhone) handle = "+" + std::string(static_cast<std::size_t>(std::clamp(n, 7, 15)), '7');
    else
      for (int i = 0; i < n; ++i) handle += static_cast<char>('a' + i % 26);
    if (p.flags & kEmail) handle += "@example.com";
    if (handle.size() < p.min_len) continue;
    json += (first ? "" : ",") + std::string(R"({"platform":")") + std::string(p.id) + R"(","handle":")" + handle +
            "\"}";
    first = false;
  }
  return json + "]}]}";
}

TEST(Rules, EveryEmittedRuleFitsChromesRegexBudget) {
  // Chrome refuses a regex rule whose RE2 program exceeds 2 KB; RE2 with the
  // same limit tells which it would refuse.
  int checked = 0;
  for (int length : {1, 5, 15, 25, 30, 40, 60, 100}) {
    Engine engine;
    BlocklistError error;
    ASSERT_TRUE(engine.load(one_account_per_platform(length), error)) << error.to_string();
    for (const CompiledRule& r : compile_rules(engine.blocklist()).rules) {
      EXPECT_TRUE(chrome_re2(r)->ok()) << "cost " << regex_cost(r.regex) << ": " << r.regex;
      ++checked;
    }
  }
  EXPECT_GT(checked, 300);
}

TEST(Rules, HandlesOfTwentyFiveCharactersGetRulesOnEveryPlatform) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(one_account_per_platform(25), error)) << error.to_string();
  const RuleSet set = compile_rules(engine.blocklist());
  std::set<int> covered;
  for (const CompiledRule& r : set.rules) covered.insert(r.account);
  const auto& accounts = engine.blocklist().people[0].accounts;
  for (std::size_t a = 0; a < accounts.size(); ++a) {
    // Addresses and numbers name their account in a query: their rules are
    // longer, and long ones are left to the listeners (MessagesRules below).
    if (Catalog::get().platforms()[accounts[a].platform].flags & (kEmail | kPhone)) continue;
    EXPECT_EQ(covered.count(static_cast<int>(a)), 1u) << Catalog::get().platforms()[accounts[a].platform].id;
  }
}

}  // namespace
}  // namespace deadbolt

namespace deadbolt {
namespace {

// decisions.tsv's "rules" column says which rows a declarativeNetRequest rule
// stops before the request ("rule") and which are left to the navigation
// listeners or allowed ("-"). RE2 here and the browser's own matcher
// (tests/e2e/rules-matcher.test.mjs, testMatchOutcome) are held to it.
TEST_F(RulesTest, DecisionsSayWhichRowsTheRulesStop) {
  int rows = 0, stopped = 0;
  for (const auto& row : test::read_tsv(test::test_data("decisions.tsv"))) {
    ASSERT_EQ(row.size(), 7u) << row[0];
    const std::string url = browser_form(row[0], false);
    const bool matched = !url.empty() && matching_rule(url) != nullptr;
    EXPECT_EQ(matched ? "rule" : "-", row[6]) << row[0];
    if (matched) {
      EXPECT_EQ(row[1], "block") << row[0];
    }
    ++rows;
    stopped += matched;
  }
  std::printf("[ RULES ] decisions.tsv: %d of %d rows stopped by a rule before the request\n", stopped, rows);
}

}  // namespace
}  // namespace deadbolt
