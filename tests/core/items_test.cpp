// Feed items (DESIGN.md §1.6): an item is hidden when one of its own links,
// resolved against the page as a browser resolves an href, or one of its
// author attributes names a listed person; mentions count unless switched
// off; people who turned "hide them in my feeds" off are not hidden.
#include <gtest/gtest.h>

#include <set>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/feed_list.h"
#include "deadbolt/items.h"
#include "list_support.h"
#include "test_support.h"

namespace {

using deadbolt::Engine;
using deadbolt::ItemDecider;

const char* kList = R"({"version":1,"people":[
  {"name":"Jane Doe","accounts":[
    {"platform":"instagram","handle":"janedoe"},
    {"url":"https://www.facebook.com/profile.php?id=100012345678901"},
    {"platform":"x","handle":"janedoe_x"},
    {"platform":"threads","handle":"janedoe"},
    {"platform":"tiktok","handle":"jane.doe"},
    {"platform":"youtube","handle":"@janevlogs"},
    {"url":"https://www.youtube.com/channel/UCjanevlogs0000000000000"},
    {"platform":"reddit","handle":"jane_doe_r"},
    {"url":"https://www.linkedin.com/in/jane-doe-123/"},
    {"platform":"bluesky","handle":"jane.bsky.social"},
    {"platform":"mastodon","handle":"@jane@example.town"}]},
  {"name":"Quiet","feeds":false,"accounts":[{"platform":"instagram","handle":"quietone"}]}]})";

// The Engine's own reading of an href resolved against a page: the oracle
// for the word filter.
struct UrlProbe {
  bool resolves_listed(Engine& e, std::string_view page, std::string_view href) {
    deadbolt::UrlParser pp, lp;
    deadbolt::Url base, url;
    if (!pp.parse(page, base) || !lp.parse(href, url, &base)) return false;
    std::string s = std::string(url.scheme) + "://" + std::string(url.host) + std::string(url.path);
    if (url.has_query) s += "?" + std::string(url.query);
    if (!url.fragment.empty()) s += "#" + std::string(url.fragment);
    const auto& v = e.decide(s);
    return v.block && v.identity.kind != deadbolt::Kind::search;
  }
};

class Items : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(deadbolt::test::load_feed_list(engine, kList));
    decider.refresh();
  }
  // Decides an item of plain links on `page`.
  const deadbolt::ItemVerdict& item(std::string_view page, std::initializer_list<std::string_view> links,
                                    std::initializer_list<std::string_view> authors = {}) {
    decider.begin(page);
    for (auto a : authors) decider.link(a, true);
    for (auto l : links) decider.link(l, false);
    return decider.verdict();
  }
  Engine engine;
  ItemDecider decider{engine};
};

TEST_F(Items, AbsoluteRootRelativeAndRelativeHrefsResolveAgainstThePage) {
  EXPECT_TRUE(item("https://www.instagram.com/", {"https://www.instagram.com/janedoe/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"/janedoe/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/explore/", {"../janedoe/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"janedoe"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"//www.instagram.com/stories/janedoe/31/"}).hide);
  // As a browser resolves it: from /p/x/, "../stories/janedoe/" is /p/stories/janedoe/, no one.
  EXPECT_FALSE(item("https://www.instagram.com/p/x/", {"../stories/janedoe/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/p/x/", {"../../stories/janedoe/1/"}).hide);
  EXPECT_FALSE(item("https://www.instagram.com/", {"/natgeo/", "/p/abc/", "#", "", "javascript:void(0)"}).hide);
  // A relative href on another platform's page names that platform's account.
  EXPECT_FALSE(item("https://x.com/home", {"/janedoe"}).hide);
  EXPECT_TRUE(item("https://x.com/home", {"/janedoe_x/status/1"}).hide);
}

TEST_F(Items, HandlesBeyondAsciiAreMatchedInAnyCase) {
  Engine cyrillic;
  ASSERT_TRUE(deadbolt::test::load_feed_list(cyrillic, R"({"version":1,"people":[{"name":"A","accounts":[
      {"platform":"youtube","handle":"@\u041f\u0430\u043d"}]}]})"));  // @Пан
  ItemDecider d{cyrillic};
  d.refresh();
  for (const std::string_view href :
       {"/@%D0%9F%D0%B0%D0%BD", "/@%D0%BF%D0%B0%D0%BD/videos", "/@\xd0\x9f\xd0\x90\xd0\x9d"}) {
    d.begin("https://www.youtube.com/");
    d.link(href, false);
    EXPECT_TRUE(d.verdict().hide) << href;
  }
  d.begin("https://www.youtube.com/");
  d.link("/@%D0%BF%D0%B0%D0%BA", false);  // @пак
  EXPECT_FALSE(d.verdict().hide);
}

TEST_F(Items, VerdictNamesThePersonPlatformAndCanonicalHandle) {
  const auto& v = item("https://x.com/home", {"/friend", "/JaneDoe_X"});
  ASSERT_TRUE(v.hide);
  EXPECT_EQ(engine.person_name(v.person), "Jane Doe");
  EXPECT_EQ(deadbolt::Catalog::get().platforms()[static_cast<std::size_t>(v.platform)].id, "x");
  EXPECT_EQ(v.handle, "janedoe_x");
}

TEST_F(Items, EveryPlatformsLinksAndWrappersResolveLikeNavigations) {
  EXPECT_TRUE(item("https://www.facebook.com/", {"/profile.php?id=100012345678901"}).hide);
  EXPECT_TRUE(
      item("https://www.facebook.com/", {"https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fjanedoe%2F"})
          .hide);
  EXPECT_TRUE(item("https://www.threads.net/", {"/@janedoe/post/C1"}).hide);
  EXPECT_TRUE(item("https://www.tiktok.com/foryou", {"/@jane.doe/video/7"}).hide);
  EXPECT_TRUE(item("https://www.youtube.com/", {"/@janevlogs"}).hide);
  EXPECT_TRUE(item("https://www.reddit.com/r/pics/", {"/user/Jane_Doe_R/"}).hide);
  EXPECT_TRUE(item("https://www.linkedin.com/feed/", {"/in/jane-doe-123/recent-activity/"}).hide);
  EXPECT_TRUE(item("https://bsky.app/", {"/profile/jane.bsky.social/post/3k"}).hide);
  EXPECT_TRUE(item("https://mastodon.social/home", {"https://example.town/@jane"}).hide);
  EXPECT_TRUE(item("https://mastodon.social/home", {"/@jane@example.town/1234"}).hide);
  EXPECT_FALSE(item("https://mastodon.social/home", {"/@jane"}).hide);  // jane of mastodon.social
}

// Instagram's standalone pages of 2025-26 (feed_catalog_data.cpp): a "More
// posts from" thumbnail links /<author>/p/<id>/ and a reel's avatar
// /<author>/reels/, both read as author links, so with mentions off too.
TEST_F(Items, InstagramThumbnailsAndReelAvatarsNameTheirAuthor) {
  decider.set_mentions(false);
  EXPECT_TRUE(item("https://www.instagram.com/p/DFriend26/", {"/friendly/"}, {"/janedoe/p/DJane25/"}).hide);
  EXPECT_TRUE(
      item("https://www.instagram.com/reels/DReel1/", {"/reels/audio/1000000000000001/"}, {"/janedoe/reels/"}).hide);
  EXPECT_FALSE(item("https://www.instagram.com/reels/DReel1/", {"/janedoe/reels/"}, {"/friendly/reels/"}).hide);
}

TEST_F(Items, SearchesForTheirNameAreNotTheirItems) {
  EXPECT_FALSE(item("https://x.com/home", {"/search?q=janedoe_x"}).hide);
}

TEST_F(Items, MentionsCountUnlessSwitchedOff) {
  EXPECT_TRUE(item("https://x.com/home", {"/janedoe_x"}, {"/friend"}).hide);
  decider.set_mentions(false);
  EXPECT_FALSE(item("https://x.com/home", {"/janedoe_x"}, {"/friend"}).hide);
  EXPECT_TRUE(item("https://x.com/home", {"/friend"}, {"/janedoe_x"}).hide);
  decider.begin("https://www.reddit.com/");
  decider.attribute("author", "jane_doe_r");
  EXPECT_TRUE(decider.verdict().hide);
}

TEST_F(Items, AuthorAttributesMakeProfileLinksOnThePagesHost) {
  decider.begin("https://www.reddit.com/r/pics/");
  decider.attribute("author", "someone");
  decider.attribute("subreddit-name", "jane_doe_r");  // not an author attribute
  EXPECT_FALSE(decider.verdict().hide);
  decider.attribute("author", "Jane_Doe_R");
  EXPECT_TRUE(decider.verdict().hide);

  decider.begin("https://bsky.app/");
  decider.attribute("data-testid", "feedItem-by-jane.bsky.social");
  EXPECT_TRUE(decider.verdict().hide);
  decider.begin("https://bsky.app/");
  decider.attribute("data-testid", "feedItem-by-friend.bsky.social");
  EXPECT_FALSE(decider.verdict().hide);
  decider.begin("https://bsky.app/");
  decider.attribute("data-testid", "jane.bsky.social");  // no prefix: not this attribute
  EXPECT_FALSE(decider.verdict().hide);
  // A value that would reach beyond one path segment is not a handle.
  decider.begin("https://www.reddit.com/");
  decider.attribute("author", "../user/jane_doe_r");
  EXPECT_FALSE(decider.verdict().hide);
  // Attributes only mean something on their platform's pages.
  decider.begin("https://x.com/");
  decider.attribute("author", "janedoe_x");
  EXPECT_FALSE(decider.verdict().hide);
}

TEST_F(Items, IdentitiesWithoutLinksAreReadOnlyThroughTheirCatalogEntries) {
  // X: an avatar's test id and a card's "@handle" line (a quote card, a carousel card).
  decider.begin("https://x.com/home");
  decider.attribute("data-testid", "UserAvatar-Container-friend");
  EXPECT_FALSE(decider.verdict().hide);
  decider.attribute("data-testid", "UserAvatar-Container-JaneDoe_X");
  EXPECT_TRUE(decider.verdict().hide);
  decider.begin("https://x.com/home");
  decider.attribute("#text", " @janedoe_x ");
  EXPECT_TRUE(decider.verdict().hide);
  decider.begin("https://x.com/home");
  decider.attribute("#text", "janedoe_x");  // a display name, not the "@handle" line
  EXPECT_FALSE(decider.verdict().hide);
  // Instagram: a story-tray button's label and an avatar's alt text.
  decider.begin("https://www.instagram.com/");
  decider.attribute("aria-label", "Story by janedoe, not seen");
  EXPECT_TRUE(decider.verdict().hide);
  decider.begin("https://www.instagram.com/");
  decider.attribute("aria-label", "Story by janedoe");  // no end: not the entry's shape
  EXPECT_FALSE(decider.verdict().hide);
  decider.begin("https://www.instagram.com/");
  decider.attribute("alt", "janedoe's profile picture");
  EXPECT_TRUE(decider.verdict().hide);
  decider.begin("https://www.instagram.com/");
  decider.attribute("alt", "Photo by janedoe's friend");
  EXPECT_FALSE(decider.verdict().hide);
  // Free text of another platform's page means nothing.
  decider.begin("https://www.reddit.com/");
  decider.attribute("#text", "@jane_doe_r");
  EXPECT_FALSE(decider.verdict().hide);
}

// YouTube's watch-page sidebar names a video's channel only as text: the
// catalog reads it as a display name, matched whole against the listed
// people's names (and name keywords), as an inbox row's sender is.
TEST_F(Items, ChannelNamesWithoutALinkAreMatchedWholeAgainstListedNames) {
  const auto tile = [&](std::string_view page, std::string_view name) {
    decider.begin(page);
    decider.link("/watch?v=cpWSDLtyZBg", false);
    decider.attribute("#text", name);
    return decider.verdict();
  };
  const char* watch = "https://www.youtube.com/watch?v=SZVJtHh9Hlc";
  EXPECT_TRUE(tile(watch, "Jane Doe ").hide);
  EXPECT_EQ(tile(watch, "  JANE  DOÉ").person, 0);
  EXPECT_EQ(tile(watch, "Jane Doe").platform, deadbolt::Catalog::get().platform_index("youtube"));
  EXPECT_FALSE(tile(watch, "Jane Doe Vlogs").hide) << "whole names only";
  EXPECT_FALSE(tile(watch, "Jane").hide);
  EXPECT_FALSE(tile(watch, "Quiet").hide) << "not hidden in feeds";
  EXPECT_FALSE(tile("https://www.instagram.com/", "Jane Doe").hide) << "no such entry there";
  // A 2026 lockup's avatar, labelled with the channel's name.
  const auto avatar = [&](std::string_view label) {
    decider.begin(watch);
    decider.attribute("aria-label", label);
    return decider.verdict().hide;
  };
  EXPECT_TRUE(avatar("Go to channel Jane Doe"));
  EXPECT_FALSE(avatar("Go to channel Jane Doe Bakes"));
  EXPECT_FALSE(avatar("Jane Doe")) << "not the entry's shape";

  Engine with_keyword;
  ASSERT_TRUE(deadbolt::test::load_feed_list(
      with_keyword, R"({"version":1,"people":[{"name":"J","keywords":["The Third TV"],"accounts":[]}]})"));
  ItemDecider keyword_decider(with_keyword);
  keyword_decider.begin(watch);
  keyword_decider.attribute("#text", "THE THIRD TV ");
  EXPECT_TRUE(keyword_decider.verdict().hide) << "a name keyword is a name too";
}

// In-app search rows (issues 19 and 20): a row of a platform's own search
// results, typeahead or recent searches names its account by a link or, where
// the row is a button, by an identity of the platform's catalog entry. The
// listed person's row hides; another person's and a look-alike handle's stay,
// and so does a row that only searches for a word.
TEST_F(Items, SearchRowsNameTheirAccountByLinkOrCatalogIdentity) {
  const auto row = [&](std::string_view page, std::initializer_list<std::string_view> links,
                       std::initializer_list<std::pair<std::string_view, std::string_view>> identities) {
    decider.begin(page);
    for (auto l : links) decider.link(l, false);
    for (const auto& [name, value] : identities) decider.attribute(name, value);
    return decider.verdict().hide;
  };
  // X: a TypeaheadUser button (no link): its avatar's test id, its "@handle" line.
  const char* x = "https://x.com/search?q=jane&src=typed_query";
  EXPECT_TRUE(row(x, {}, {{"data-testid", "UserAvatar-Container-janedoe_x"}, {"#text", "Jane"}}));
  EXPECT_TRUE(row(x, {}, {{"#text", "Jane"}, {"#text", "@janedoe_x"}}));
  EXPECT_FALSE(row(x, {}, {{"data-testid", "UserAvatar-Container-janedoe_x1"}, {"#text", "@janedoe_x1"}}));
  EXPECT_FALSE(row(x, {}, {{"data-testid", "UserAvatar-Container-friendly_x"}, {"#text", "@friendly_x"}}));
  EXPECT_FALSE(row(x, {}, {{"#text", "janedoe_x"}}));  // a query row's text, not a "@handle" line
  // Instagram: a search-panel row is one link with the avatar's alt.
  const char* ig = "https://www.instagram.com/";
  EXPECT_TRUE(row(ig, {"/janedoe/"}, {{"alt", "janedoe's profile picture"}}));
  EXPECT_TRUE(row(ig, {}, {{"alt", "janedoe's profile picture"}}));  // before its href is set
  EXPECT_FALSE(row(ig, {"/janedoe_/"}, {{"alt", "janedoe_'s profile picture"}}));
  EXPECT_FALSE(row(ig, {"/explore/tags/janedoe/"}, {}));
  // TikTok: people results link to /@handle, or carry the handle as the text
  // of search-user-unique-id; a comment's avatar and name link to /@handle.
  const char* tt = "https://www.tiktok.com/search?q=jane";
  EXPECT_TRUE(row(tt, {"/@jane.doe"}, {}));
  EXPECT_TRUE(row(tt, {}, {{"#text", " jane.doe "}}));
  EXPECT_TRUE(row(tt, {"https://www.tiktok.com/@jane.doe/video/7300000000000000001"}, {}));
  EXPECT_FALSE(row(tt, {"/@jane.doe2"}, {{"#text", "jane.doe2"}}));
  EXPECT_FALSE(row(tt, {}, {{"#text", "jane.doe.fan"}}));
  EXPECT_FALSE(row(tt, {}, {{"#text", "jane doe"}}));  // a name with a space is no handle
  EXPECT_FALSE(row(tt, {"/search?q=jane%20dance"}, {}));
  EXPECT_TRUE(row("https://www.tiktok.com/@friendly/video/1", {"/@jane.doe"}, {}));  // a comment by them
  // LinkedIn: typeahead hits and results link to /in/<id>, with tracking queries.
  const char* li = "https://www.linkedin.com/search/results/people/?keywords=jane";
  EXPECT_TRUE(
      row(li, {"https://www.linkedin.com/in/jane-doe-123?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAAA1"}, {}));
  EXPECT_FALSE(row(li, {"https://www.linkedin.com/in/jane-doe-1234/"}, {}));
  EXPECT_FALSE(row(li, {"https://www.linkedin.com/search/results/all/?keywords=jane%20doe"}, {}));
  // Facebook: typeahead options and recent-search rows link to the profile.
  const char* fb = "https://www.facebook.com/search/people/?q=jane";
  EXPECT_TRUE(row(fb, {"https://www.facebook.com/profile.php?id=100012345678901&__tn__=%3C"}, {}));
  EXPECT_TRUE(row(fb, {"/profile.php?id=100012345678901"}, {}));
  EXPECT_FALSE(row(fb, {"/profile.php?id=100012345678902"}, {}));
  EXPECT_FALSE(row(fb, {"https://www.facebook.com/search/top/?q=jane%20doe"}, {}));
  // Bluesky: an autocomplete row's test id names the handle.
  const char* bs = "https://bsky.app/search";
  EXPECT_TRUE(row(bs, {}, {{"data-testid", "searchAutoCompleteResult-jane.bsky.social"}}));
  EXPECT_FALSE(row(bs, {}, {{"data-testid", "searchAutoCompleteResult-jane2.bsky.social"}}));
  EXPECT_FALSE(row(bs, {}, {{"data-testid", "searchAutoCompleteResult-jane.bsky.social.example"}}));
}

TEST_F(Items, PeopleWhoAreNotHiddenInFeedsStayShown) {
  EXPECT_FALSE(item("https://www.instagram.com/", {"/quietone/"}).hide);
  Engine full;
  deadbolt::BlocklistError error;
  ASSERT_TRUE(full.load(kList, error));
  EXPECT_TRUE(full.decide("https://www.instagram.com/quietone/").block);  // their profile stays blocked
}

TEST_F(Items, BadPagesAndHostileHrefsHideNothing) {
  EXPECT_FALSE(decider.begin("not a url"));
  decider.link("/janedoe/", false);
  EXPECT_FALSE(decider.verdict().hide);
  EXPECT_FALSE(item("https://www.instagram.com/", {std::string(100000, '/'), "\x01\x02", "http://[::1"}).hide);
}

TEST_F(Items, TheWordFilterNeverHidesLessThanTheEngine) {
  int listed_count = 0;
  // Links the word filter passes over must be ones the Engine allows, and
  // every listed link still reaches the Engine, however it is written.
  for (std::string_view href :
       {"/JaneDoe/", "/jane.doe.77", "/#!/janedoe_x", "/@jane@example.town", "/in/Jane-Doe-123/",
        "/profile/JANE.bsky.social/post/1", "/user/jane_doe_r?utm=1", "/%6Aanedoe/", "/jane%64oe/",
        "/redirect?u=aHR0cHM6Ly93d3cuaW5zdGFncmFtLmNvbS9qYW5lZG9lLw==", "/jane\ndoe/", "/jane\tdoe/",
        "https://WWW.INSTAGRAM.COM/janedoe", "//www.instagram.com/janedoe/", "\\\\www.instagram.com\\janedoe"}) {
    UrlProbe probe;
    const bool listed = probe.resolves_listed(engine, "https://www.instagram.com/feed/", href);
    listed_count += listed;
    EXPECT_EQ(item("https://www.instagram.com/feed/", {href}).hide, listed) << href;
  }
  EXPECT_GE(listed_count, 8);
  // Captures the catalog writes after a prefix: a channel's uploads playlist
  // names it as "UU" for its "UC" (YouTube's own playlist links).
  for (std::string_view href : {"/playlist?list=UUjanevlogs0000000000000", "/playlist?list=uujanevlogs0000000000000",
                                "/watch?v=abc&list=UUjanevlogs0000000000000"}) {
    UrlProbe probe;
    const bool listed = probe.resolves_listed(engine, "https://www.youtube.com/feed/", href);
    EXPECT_EQ(item("https://www.youtube.com/feed/", {href}).hide, listed) << href;
    if (href.find("/playlist?list=UU") == 0) {
      EXPECT_TRUE(listed) << href;
    }
  }
  // After the last "-" of a segment: a Facebook profile by its number after
  // the name, which the word filter sees as one word ("*-{n}").
  for (std::string_view href : {"/p/Jane-Doe-100012345678901/", "/p/Jane-M.-Doe-100012345678901?ref=share"}) {
    UrlProbe probe;
    EXPECT_TRUE(probe.resolves_listed(engine, "https://www.facebook.com/", href)) << href;
    EXPECT_TRUE(item("https://www.facebook.com/", {href}).hide) << href;
  }
  // And generated: every page, prefix, handle spelling and suffix.
  int compared = 0;
  for (std::string_view page :
       {"https://www.instagram.com/", "https://x.com/home", "https://www.facebook.com/", "https://www.reddit.com/r/x/",
        "https://bsky.app/", "https://mastodon.social/home", "https://www.youtube.com/feed/",
        "https://www.linkedin.com/feed/", "https://www.tiktok.com/"})
    for (std::string_view prefix : {"/", "/@", "/user/", "/u/", "/in/", "/profile/", "/stories/", "../", "",
                                    "/search?q=", "/r/u_", "/r/U_", "/p/Jane-Doe-"})
      for (std::string_view handle :
           {"janedoe", "JaneDoe_X", "jane.doe", "jane_doe_r", "jane-doe-123", "jane.bsky.social", "jane@example.town",
            "janevlogs", "100012345678901", "friend", "jane.doe.77"})
        for (std::string_view suffix : {"", "/", "/status/1", "/post/3k", "?x=1", "/video/7", "#top"}) {
          const std::string href = std::string(prefix) + std::string(handle) + std::string(suffix);
          UrlProbe probe;
          const bool listed = probe.resolves_listed(engine, page, href);
          EXPECT_EQ(item(page, {href}).hide, listed) << page << " " << href;
          compared += listed;
        }
  EXPECT_GT(compared, 100);
}

TEST_F(Items, TheWordFilterReadsALoadedSnapshotAsItReadsTheList) {
  // The content scripts' decider loads the feed index as a snapshot, whose
  // account keys are read back from it: its word filter must hold the same
  // handles as one built from the list, or plain same-host links of a
  // listed person would be passed over without reaching the Engine.
  Engine loaded;
  ASSERT_TRUE(loaded.load_snapshot(engine.snapshot()));
  ItemDecider from_snapshot{loaded};
  int hidden = 0;
  for (std::string_view href : {"/janedoe/", "/JaneDoe_X/status/1", "/jane.doe/video/7", "/user/jane_doe_r/",
                                "/profile/jane.bsky.social", "/@jane@example.town", "/in/jane-doe-123/", "/friend/"}) {
    for (std::string_view page :
         {"https://www.instagram.com/", "https://x.com/home", "https://www.tiktok.com/", "https://www.reddit.com/",
          "https://bsky.app/", "https://mastodon.social/home", "https://www.linkedin.com/feed/"}) {
      from_snapshot.begin(page);
      from_snapshot.link(href, false);
      const bool hide = from_snapshot.verdict().hide;
      EXPECT_EQ(hide, item(page, {href}).hide) << page << " " << href;
      hidden += hide;
    }
  }
  EXPECT_GE(hidden, 7);  // each listed handle on its own platform's page
}

TEST_F(Items, RepeatedHrefsAreSkippedWithinOneItemOnly) {
  // An item repeats its author's link (avatar, name, time), and the decider
  // skips a repeat of the link it just read. The skip must never hide a
  // listed link: not after an unlisted repeat, and not in the next item,
  // whose same link is decided again.
  EXPECT_TRUE(item("https://www.instagram.com/", {"/friend/", "/friend/", "/janedoe/", "/janedoe/"}).hide);
  EXPECT_FALSE(item("https://www.instagram.com/", {"/friend/", "/friend/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"/friend/", "/janedoe/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"/janedoe/"}).hide) << "the previous item's last link was skipped";
  EXPECT_FALSE(item("https://www.instagram.com/", {"/friend/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"/friend/"}, {"/janedoe/"}).hide);
  EXPECT_TRUE(item("https://www.instagram.com/", {"/janedoe/"}, {"/janedoe/"}).hide) << "author then link";
}

TEST(FeedCatalog, EveryPlatformOfTheIssueHasMarkup) {
  std::set<std::string_view> platforms;
  for (const auto& markup : deadbolt::feed_table()) {
    EXPECT_GE(deadbolt::Catalog::get().platform_index(markup.platform), 0) << markup.platform;
    EXPECT_FALSE(markup.items.empty()) << markup.platform;
    EXPECT_FALSE(markup.authors.empty()) << markup.platform;
    EXPECT_TRUE(platforms.insert(markup.platform).second) << "twice: " << markup.platform;
    for (const auto& id : markup.identities) {
      if (!id.attribute.empty()) {  // a profile link's form, or none: a display name
        EXPECT_TRUE(id.href.empty() || id.href.find("{}") != std::string_view::npos) << markup.platform;
      }
    }
  }
  for (std::string_view p :
       {"instagram", "facebook", "x", "threads", "tiktok", "youtube", "reddit", "linkedin", "bluesky", "mastodon"})
    EXPECT_TRUE(platforms.count(p)) << p;
}

// The search rows of each platform are items of its entry (what the content
// script queries; the browser tests show the selectors match the markup).
TEST(FeedCatalog, SearchRowsAreItemsOfTheirPlatforms) {
  const auto items = [](std::string_view platform) {
    for (const auto& m : deadbolt::feed_table())
      if (m.platform == platform) return m.items;
    return std::string_view();
  };
  const std::pair<std::string_view, std::string_view> rows[] = {
      {"x", "[data-testid=\"typeaheadResult\"]"},
      {"x", "[data-testid=\"typeaheadRecentSearchesItem\"]"},
      {"instagram", "a:has(img[alt$=\"'s profile picture\"]):not(main *)"},
      {"facebook", "[role=\"listbox\"] [role=\"option\"]"},
      {"facebook", "[role=\"grid\"] [role=\"row\"]"},
      {"linkedin", ".search-global-typeahead__hit"},
      {"linkedin", ".search-typeahead-v2__hit"},
      {"linkedin", "li.reusable-search__result-container"},
      {"tiktok", "[data-e2e=\"search-user-container\"]"},
      {"tiktok", "ul[data-e2e=\"search-transfer\"] li"},
      {"tiktok", "div[class*=\"DivCommentContentContainer\"]"},
      {"tiktok", "div[class*=\"DivCommentItemWrapper\"]"},
      {"bluesky", "[data-testid^=\"searchAutoCompleteResult-\"]"},
  };
  for (const auto& [platform, selector] : rows)
    EXPECT_NE(items(platform).find(selector), std::string_view::npos) << platform << " " << selector;
}

// Markup read on real pages of designs first seen on 2026-12-06 (sources in
// feed_catalog_data.cpp): each is part of its platform's entry, as items or
// as author links (the browser tests show they match the markup).
TEST(FeedCatalog, RealPagesOfTodaysDesignsAreRead) {
  const auto entry = [](std::string_view platform) {
    for (const auto& m : deadbolt::feed_table())
      if (m.platform == platform) return &m;
    return static_cast<const deadbolt::FeedMarkup*>(nullptr);
  };
  const std::pair<std::string_view, std::string_view> items[] = {
      {"tiktok", "div[class*=\"DivUserCardListContainer\"] div[class*=\"DivCardContainer\"]"},
      {"tiktok", "ul[class*=\"UlAccountList\"] > li"},
      {"mastodon", "div.notification-ungrouped"},
      {"mastodon", ", [role=\"feed\"] > article, "},  // the article itself, not the :not() below
      {"mastodon", ".inline-follow-suggestions__body__scrollable__card"},
      {"instagram",
       ":is(main>div>div):is(:has(a time),:has(._ac7v),:has(a[href*=\"/reels/audio/\"])):not(:has(article))"},
      {"instagram", ":is(main div):not(:only-child):has(a[href*=\"/c/\"])"},
      {"linkedin", "[data-testid=\"mainFeed\"] [role=\"listitem\"]"},
  };
  const std::pair<std::string_view, std::string_view> authors[] = {
      {"reddit", "[slot=\"commentMeta\"] a[href*=\"/user/\"]"},
      {"reddit", "[slot=\"authorName\"] a[href*=\"/user/\"]"},
      {"reddit", "faceplate-tracker[noun=\"user\"] a[href*=\"/user/\"]"},
      {"tiktok", "[data-e2e^=\"comment-username\"] a[href*=\"/@\"]"},
      {"tiktok", "a[data-e2e=\"following-user-avatar\"]"},
      {"facebook", "a[href*=\"comment_id=Y29tbWVudDo\"]"},
      {"facebook", "h5 a"},
      {"facebook", "a:has(svg image)"},
      {"mastodon", "a[data-hover-card-account]:not(.mention)"},
      {"instagram", "._ac7v a"},
      {"instagram", "a[href$=\"/reels/\"]"},
      {"linkedin", "a:has(div[aria-label])"},
  };
  for (const auto& [platform, selector] : items) {
    ASSERT_NE(entry(platform), nullptr) << platform;
    EXPECT_NE(entry(platform)->items.find(selector), std::string_view::npos) << platform << " " << selector;
  }
  for (const auto& [platform, selector] : authors) {
    ASSERT_NE(entry(platform), nullptr) << platform;
    EXPECT_NE(entry(platform)->authors.find(selector), std::string_view::npos) << platform << " " << selector;
  }
  // A Mastodon status that is a timeline's article is decided with its
  // article, not on its own inside it (an empty article would stay).
  EXPECT_NE(
      entry("mastodon")->items.find("div.status__wrapper:not([role=\"feed\"] > article > div > .status__wrapper)"),
      std::string_view::npos);
  // A comment's Like / Reply / timestamp rows and a post's comment rows are
  // no items of their own on Facebook (only a feed unit's other rows are).
  EXPECT_EQ(entry("facebook")->items.find("[data-pagelet^=\"FeedUnit\"] li,"), std::string_view::npos);
}

TEST(FeedCatalog, PagesFindTheirPlatformsMarkup) {
  ASSERT_NE(deadbolt::feed_markup_for_host("www.instagram.com"), nullptr);
  EXPECT_EQ(deadbolt::feed_markup_for_host("www.instagram.com")->platform, "instagram");
  EXPECT_EQ(deadbolt::feed_markup_for_host("old.reddit.com")->platform, "reddit");
  EXPECT_EQ(deadbolt::feed_markup_for_host("mastodon.social")->platform, "mastodon");
  EXPECT_EQ(deadbolt::feed_markup_for_host("twitter.com")->platform, "x");
  EXPECT_EQ(deadbolt::feed_markup_for_host("example.com"), nullptr);
}

}  // namespace
