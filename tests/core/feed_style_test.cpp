// The feed's user style sheet (feed_style.h): what it hides, the core hides.
#include "deadbolt/feed_style.h"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "deadbolt/items.h"
#include "deadbolt/url.h"
#include "list_support.h"

namespace {

using deadbolt::Engine;

const char* kList = R"({"version":1,"people":[
  {"name":"Jane Doe","accounts":[
    {"platform":"instagram","handle":"janedoe"},
    {"platform":"x","handle":"JaneDoe_X"},
    {"platform":"threads","handle":"janedoe"},
    {"platform":"tiktok","handle":"jane.doe"},
    {"platform":"youtube","handle":"@JaneVlogs"},
    {"platform":"youtube","handle":"@Пандекс"},
    {"platform":"reddit","handle":"jane_doe_r"},
    {"platform":"facebook","handle":"jane.doe"},
    {"url":"https://www.linkedin.com/in/jane-doe-123/"},
    {"platform":"bluesky","handle":"jane.bsky.social"},
    {"platform":"mastodon","handle":"@jane@example.town"}]},
  {"name":"Sam","accounts":[{"platform":"x","handle":"sam_r"}]},
  {"name":"Quiet","feeds":false,"accounts":[{"platform":"x","handle":"quietone"}]}]})";

class FeedStyle : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(deadbolt::test::load_feed_list(engine, kList));
    decider.refresh();
  }
  // The sheet for `people`, or by default for every person of the feed index.
  std::string style_for(std::string_view page, std::vector<int> people = {}) {
    deadbolt::UrlParser parser;
    deadbolt::Url url;
    if (!parser.parse(page, url)) return "parse error";
    if (people.empty())
      for (std::size_t p = 0; p < engine.people_count(); ++p) people.push_back(static_cast<int>(p));
    const deadbolt::FeedMarkup* m = deadbolt::feed_markup_for_host(url.host);
    return m == nullptr ? "no markup" : deadbolt::feed_style(engine, *m, people);
  }
  static std::vector<std::string> hrefs(const std::string& style) {
    std::vector<std::string> out;
    static const std::regex href(R"re(\[href="([^"]*)"( i)?\])re");
    for (auto it = std::sregex_iterator(style.begin(), style.end(), href); it != std::sregex_iterator(); ++it)
      out.push_back((*it)[1]);
    return out;
  }
  Engine engine;
  deadbolt::ItemDecider decider{engine};
};

TEST_F(FeedStyle, EveryLinkItHidesByIsOneTheCoreHidesOnThatPage) {
  const char* pages[] = {"https://x.com/home",       "https://www.threads.net/",      "https://www.tiktok.com/foryou",
                         "https://www.youtube.com/", "https://www.reddit.com/r/all/", "https://bsky.app/"};
  for (const char* page : pages) {
    const std::string style = style_for(page);
    const auto links = hrefs(style);
    EXPECT_FALSE(links.empty()) << page << "\n" << style;
    for (const std::string& href : links) {
      ASSERT_TRUE(decider.begin(page));
      decider.link(href, false);
      EXPECT_TRUE(decider.verdict().hide) << page << " " << href;
    }
  }
}

TEST_F(FeedStyle, HandlesAreWrittenAsThePlatformLinksThemAndMatchedWithoutCase) {
  const std::string x = style_for("https://x.com/home");
  EXPECT_NE(x.find(R"([href="/janedoe_x" i])"), std::string::npos) << x;
  EXPECT_NE(x.find(R"([href="/sam_r" i])"), std::string::npos) << x;
  EXPECT_EQ(x.find("quietone"), std::string::npos) << "a person kept out of feed hiding is not in it";
  EXPECT_NE(style_for("https://www.reddit.com/").find(R"([href="/user/jane_doe_r/" i])"), std::string::npos);
  EXPECT_NE(style_for("https://bsky.app/").find(R"([href="/profile/jane.bsky.social" i])"), std::string::npos);
  const std::string youtube = style_for("https://www.youtube.com/");
  EXPECT_NE(youtube.find(R"([href="/@janevlogs" i])"), std::string::npos) << youtube;
  EXPECT_EQ(youtube.find("Пандекс"), std::string::npos) << "letters beyond ASCII are left to the content script";
}

TEST_F(FeedStyle, EachItemSelectorIsARuleForItemsWithNoItemInsideAndSparesSpacers) {
  const std::string x = style_for("https://x.com/home");
  // X's items, split at their top-level commas only (one holds a :not() with a space-separated selector).
  const std::string rest = R"(:not([style*="visibility"]):has(a:is([href=)";
  EXPECT_EQ(x.find(R"([data-testid="cellInnerDiv"])" + rest), 0u) << x;
  EXPECT_NE(x.find(",\n"
                   R"([data-testid="UserCell"]:not([data-testid="cellInnerDiv"] *))" +
                   rest),
            std::string::npos)
      << x;
  EXPECT_NE(x.find(",\n"
                   R"([data-testid="ScrollSnap-List"] > [role="presentation"])" +
                   rest),
            std::string::npos);
  // A cell holding a carousel of cards (items of their own) is not one: a
  // listed person's card hides the card alone.
  const std::string no_item_inside =
      R"( i])):not(:has([data-testid="cellInnerDiv"], [data-testid="HoverCard"], [data-testid="typeaheadResult"], )"
      R"([data-testid="typeaheadRecentSearchesItem"], [data-testid="UserCell"]:not([data-testid="cellInnerDiv"] *), )"
      R"([data-testid="ScrollSnap-List"] > [role="presentation"])))";
  EXPECT_NE(x.find(no_item_inside + ",\n"), std::string::npos) << x;
  EXPECT_NE(x.find(no_item_inside + " { display: none !important; }\n"), std::string::npos);
  std::size_t rules = 0;
  for (std::size_t at = x.find(":has(a:is("); at != std::string::npos; at = x.find(":has(a:is(", at + 1)) ++rules;
  EXPECT_EQ(rules, 6u) << "one rule per item selector of X's markup";
}

TEST_F(FeedStyle, IdentitiesAnItemCarriesOnItselfHideItAsTheCoreReadsThem) {
  static const std::regex named(R"re(\[([a-z-]+)="([^"]*)" i\])re");
  for (const char* page : {"https://www.reddit.com/r/all/", "https://bsky.app/"}) {
    const std::string style = style_for(page);
    int seen = 0;
    for (auto it = std::sregex_iterator(style.begin(), style.end(), named); it != std::sregex_iterator(); ++it) {
      if ((*it)[1] == "href") continue;
      ++seen;
      ASSERT_TRUE(decider.begin(page));
      decider.attribute((*it)[1].str(), (*it)[2].str());
      EXPECT_TRUE(decider.verdict().hide) << page << " " << (*it)[0];
    }
    EXPECT_GT(seen, 0) << style;
  }
  EXPECT_NE(
      style_for("https://www.reddit.com/")
          .find(R"(shreddit-post:not([style*="visibility"]):is([author="jane_doe_r" i],[data-author="jane_doe_r" i]))"),
      std::string::npos);
  EXPECT_NE(style_for("https://bsky.app/").find(R"([data-testid="feedItem-by-jane.bsky.social" i])"),
            std::string::npos);
  // X's identities are read inside the item (an avatar's test id, a "@handle" line): not on it.
  EXPECT_EQ(style_for("https://x.com/home").find("UserAvatar-Container-"), std::string::npos);
}

TEST_F(FeedStyle, NothingWhereItCouldNotBeExact) {
  // Item selectors with :has() (not allowed inside :has(): nesting could not be told).
  EXPECT_EQ(style_for("https://www.instagram.com/"), "");
  EXPECT_EQ(style_for("https://www.linkedin.com/feed/"), "");
  // Keys that are not handles as written (dots ignored; user@instance).
  EXPECT_EQ(style_for("https://www.facebook.com/"), "");
  EXPECT_EQ(style_for("https://mastodon.social/home"), "");
  EXPECT_EQ(style_for("https://www.example.com/"), "no markup");
}

TEST_F(FeedStyle, AnEmptyListHidesNothing) {
  Engine empty;
  ASSERT_TRUE(deadbolt::test::load_feed_list(empty, R"({"version":1,"people":[]})"));
  EXPECT_EQ(deadbolt::feed_style(empty, *deadbolt::feed_markup_for_host("x.com"), {0, 1}), "");
}

TEST_F(FeedStyle, OnlyThePeopleNamedAreInIt) {
  const deadbolt::FeedMarkup& x = *deadbolt::feed_markup_for_host("x.com");
  const std::string sam = deadbolt::feed_style(engine, x, {1});
  EXPECT_EQ(hrefs(sam), std::vector<std::string>(6, "/sam_r")) << "Sam's handle, once per item selector";
  EXPECT_EQ(deadbolt::feed_style(engine, x, {0}).find("sam_r"), std::string::npos);
  EXPECT_NE(deadbolt::feed_style(engine, x, {0}).find("/janedoe_x"), std::string::npos);
  EXPECT_EQ(deadbolt::feed_style(engine, x, {}), "") << "no one seen yet: no sheet";
  EXPECT_EQ(deadbolt::feed_style(engine, x, {7, -1}), "") << "indexes of no one";
}

}  // namespace
