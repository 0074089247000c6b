// The catalog as data: every platform DESIGN.md names is there, every host
// resolves to its own site, reserved words never read as handles, and the
// tricky shapes behave.
#include <gtest/gtest.h>

#include <cctype>
#include <utility>

#include "deadbolt/identity.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

std::string read(Identifier& identifier, const std::string& url) {
  Identity id;
  if (!identifier.identify(url, id)) return "-";
  return std::string(Catalog::get().platforms()[id.platform].id) + " " +
         (id.handle.empty() ? "-" : std::string(id.handle)) + " " + std::string(kind_name(id.attempt()));
}

TEST(Catalog, HasEveryPlatformOfTheDesign) {
  for (const char* id :
       {"instagram", "facebook", "x",         "tiktok",   "snapchat", "linkedin",   "youtube", "threads",
        "bluesky",   "reddit",   "pinterest", "tumblr",   "mastodon", "twitch",     "strava",  "venmo",
        "spotify",   "vsco",     "telegram",  "linktree", "github",   "soundcloud", "medium",  "substack"})
    EXPECT_GE(Catalog::get().platform_index(id), 0) << id;
}

TEST(Catalog, EveryHostResolvesToItsOwnSite) {
  const Catalog& catalog = Catalog::get();
  for (std::size_t i = 0; i < site_table().size(); ++i) {
    for_each_word(site_table()[i].hosts, [&](std::string_view name) {
      std::string host(name);
      if (host.size() > 2 && host.substr(host.size() - 2) == ".*") host = host.substr(0, host.size() - 2) + ".co.uk";
      std::string_view prefix;
      EXPECT_EQ(catalog.find_site(host, prefix), static_cast<int>(i)) << host;
      EXPECT_TRUE(prefix.empty()) << host;
    });
  }
}

// Rules stop the searches of the sites marked kSearchRules, and only a
// search engine's: a profile site's "search" is the listeners' to decide.
TEST(Catalog, SearchRulesMarkOnlyTheMajorEnginesSearchSites) {
  const Catalog& catalog = Catalog::get();
  std::string marked;
  for (std::size_t i = 0; i < site_table().size(); ++i) {
    if (!(site_table()[i].flags & kSearchRules)) continue;
    const int platform = catalog.sites()[i].platform;
    ASSERT_GE(platform, 0) << site_table()[i].hosts;
    EXPECT_TRUE(catalog.platforms()[static_cast<std::size_t>(platform)].flags & kSearchEngine) << site_table()[i].hosts;
    marked += std::string(site_table()[i].platform) + " ";
  }
  EXPECT_EQ(marked, "google bing duckduckgo yahoo ");
}

TEST(Catalog, ReservedWordsAreNeverHandles) {
  // For every site, "https://host/<reserved>" must name no one.
  Identifier identifier;
  int checked = 0;
  for (const SiteSpec& spec : site_table()) {
    if (spec.reserved.empty()) continue;
    std::string host(spec.hosts.substr(0, spec.hosts.find(' ')));
    if (host.size() > 2 && host.substr(host.size() - 2) == ".*") host = host.substr(0, host.size() - 2) + ".com";
    for_each_word(spec.reserved, [&](std::string_view word) {
      Identity id;
      const bool found = identifier.identify("https://" + host + "/" + std::string(word), id);
      EXPECT_FALSE(found && !id.handle.empty()) << host << "/" << word << " read as " << id.handle;
      ++checked;
    });
  }
  EXPECT_GT(checked, 300);
}

TEST(Catalog, HostsAndSubdomains) {
  Identifier i;
  EXPECT_EQ(read(i, "https://pl.pinterest.com/jane_p"), "pinterest jane_p profile");
  EXPECT_EQ(read(i, "https://abcd.pinterest.com/jane_p"), "-") << "only two-letter country subdomains";
  EXPECT_EQ(read(i, "https://www.pinterest.com.au/jane_p/"), "pinterest jane_p profile");
  EXPECT_EQ(read(i, "https://pinterest.evil.example/jane_p"), "-");
  EXPECT_EQ(read(i, "https://www.tumblr.com/"), "-");
  EXPECT_EQ(read(i, "https://api.tumblr.com/v2/blog"), "-") << "a reserved subdomain is not a blog";
  EXPECT_EQ(read(i, "https://jane-doe.tumblr.com/tagged/me"), "tumblr jane-doe profile");
  EXPECT_EQ(read(i, "https://jane.github.io/"), "github jane profile");
  EXPECT_EQ(read(i, "https://es-la.facebook.com/jane.doe.77"), "facebook jane.doe.77 profile");
  EXPECT_EQ(read(i, "https://xx-xxx.facebook.com/jane.doe.77"), "-");
  EXPECT_EQ(read(i, "https://janedoe.t.me/"), "telegram janedoe profile");
}

TEST(Catalog, TrickyShapes) {
  Identifier i;
  EXPECT_EQ(read(i, "https://www.youtube.com/janevlogs/videos"), "youtube janevlogs profile");
  EXPECT_EQ(read(i, "https://www.youtube.com/janevlogs/random"), "-") << "legacy /name URLs take known tabs only";
  EXPECT_EQ(read(i, "https://www.youtube.com/c/@janevlogs"), "youtube janevlogs profile");
  EXPECT_EQ(read(i, "https://twitter.com/#!/janedoe"), "x janedoe profile");
  EXPECT_EQ(read(i, "https://twitter.com/home#!/janedoe"), "-") << "a hash-bang counts only on the root page";
  EXPECT_EQ(read(i, "https://x.com/i/user/783214"), "x 783214 profile");
  EXPECT_EQ(read(i, "https://www.strava.com/athletes/1234/posts/99"), "strava 1234 profile");
  EXPECT_EQ(read(i, "https://open.spotify.com/intl-de/artist/06HL4z0CvFAxyc27GXpf02"),
            "spotify 06HL4z0CvFAxyc27GXpf02 profile");
  EXPECT_EQ(read(i, "https://example.org/@jane"), "-") << "only the full @user@instance form on unknown hosts";
  EXPECT_EQ(read(i, "https://lemmy.world/u/jane@beehaw.org"), "lemmy @jane@beehaw.org profile");
  EXPECT_EQ(read(i, "https://www.facebook.com/photo.php?fbid=1"), "-") << "a photo without its owner";
  EXPECT_EQ(read(i, "https://www.instagram.com/stories/highlights/17900000000000000/"), "-");
  EXPECT_EQ(read(i, "https://jane--doe-example-com.translate.goog/@x@y.z"), "mastodon @x@y.z proxy")
      << "'--' decodes to '-' and '-' to '.'";
  EXPECT_EQ(read(i, "https://href.li/?https://www.instagram.com/janedoe"), "instagram janedoe redirect");
  EXPECT_EQ(read(i, "https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.instagram.com%2Fjanedoe%2F&rut=abc"),
            "instagram janedoe redirect");
  EXPECT_EQ(read(i, "https://webcache.googleusercontent.com/search?q=cache:https://www.instagram.com/janedoe"),
            "instagram janedoe archive");
  EXPECT_EQ(read(i, "https://www.google.com/amp/s/www.instagram.com/janedoe"), "instagram janedoe proxy");
  EXPECT_EQ(read(i, "https://www.google.com/search?q="), "-") << "an empty search names no one";
}

// A shape whose first segment is a word is visited only for a path whose
// first segment starts with a byte one of its words starts with, in either
// case (Site::shapes_by_first): every word of every such shape, the words
// after the first of a '|' list included, must get through; any other shape
// is visited whatever the path's first byte, and every shape for a path with
// no segment (Site::all_shapes).
TEST(Catalog, EveryFirstWordOfAShapeLetsItsPathsThroughInEitherCase) {
  int checked = 0;
  for (const Site& site : Catalog::get().sites())
    for (std::size_t i = 0; i < site.shapes.size(); ++i) {
      const Shape& shape = site.shapes[i];
      const std::uint32_t bit = 1u << i;
      EXPECT_TRUE(site.all_shapes & bit) << "a path with no segment tries every shape";
      if (shape.segments.empty() || shape.segments[0].type != PatternSegment::Type::literal) {
        for (std::uint32_t by_first : site.shapes_by_first)
          EXPECT_TRUE(by_first & bit) << "a shape that does not start with a word is always tried";
        continue;
      }
      for (std::string_view words = shape.segments[0].text; !words.empty();) {
        const std::string_view word = words.substr(0, words.find('|'));
        for (char c : {word[0], static_cast<char>(std::toupper(static_cast<unsigned char>(word[0]))),
                       static_cast<char>(std::tolower(static_cast<unsigned char>(word[0])))}) {
          EXPECT_TRUE(site.shapes_by_first[first_byte_index(c)] & bit) << word;
          ++checked;
        }
        words = word.size() == words.size() ? std::string_view() : words.substr(word.size() + 1);
      }
    }
  EXPECT_GT(checked, 300);
}

TEST(Catalog, ShapesAreMatchedAlikeWhateverTheShapesBeforeThemAskedOfTheSegments) {
  // In order, with one identifier: words in another case and a word after
  // the first of its list ("k|a|z"); then a first segment that several
  // shapes ask about as a handle, each with its own answer (reserved: "p";
  // a handle under each shape in turn; with and without its '@' on X, whose
  // shapes take both); then other sites, whose answers are their own.
  const std::pair<const char*, const char*> cases[] = {
      {"https://www.instagram.com/STORIES/janedoe/3155/", "instagram janedoe story"},
      {"https://web.telegram.org/a/#@janedoe_tg", "telegram janedoe_tg message"},
      {"https://web.telegram.org/Z/#@janedoe_tg", "telegram janedoe_tg message"},
      {"https://www.instagram.com/p/C2QlHrN3Ep4/", "-"},
      {"https://www.instagram.com/janedoe/reel/C2QlHrN3Ep4/", "instagram janedoe post"},
      {"https://www.instagram.com/janedoe/", "instagram janedoe profile"},
      {"https://x.com/@janedoe/status/1", "x janedoe post"},
      {"https://x.com/janedoe/status/1", "x janedoe post"},
      {"https://x.com/@janedoe", "x janedoe profile"},
      {"https://x.com/home/status/1", "-"},
      {"https://www.tiktok.com/@janedoe", "tiktok janedoe profile"},
      {"https://www.reddit.com/user/janedoe/", "reddit janedoe profile"},
      {"https://l.facebook.com/l.php?u=https%3A%2F%2Fx.com%2Fjanedoe", "x janedoe redirect"},
  };
  Identifier i;
  for (const auto& [url, expected] : cases) EXPECT_EQ(read(i, url), expected) << url;
}

// The identifier remembers what it found of the hosts it met last
// (Identifier::host_site): a host must never be taken for another that
// shares its length and the bytes the memo's slot is chosen by, and the
// hosts a list serves (a Mastodon account's home instance) count at once.
TEST(Catalog, HostsMetBeforeAreResolvedAsNew) {
  Identifier i;
  EXPECT_EQ(read(i, "https://www.instagram.com/janedoe"), "instagram janedoe profile");
  for (const char* other : {"https://www.instagrbm.com/janedoe", "https://xww.instagram.com/janedoe",
                            "https://www.instagram.con/janedoe", "https://www.instagram.co/janedoe"})
    EXPECT_EQ(read(i, other), "-") << other;
  EXPECT_EQ(read(i, "https://www.instagram.com/janedoe"), "instagram janedoe profile");

  const int mastodon = Catalog::get().mastodon_site();
  ASSERT_GE(mastodon, 0);
  EXPECT_EQ(read(i, "https://social.example/@jane"), "-") << "a host no list serves";
  i.add_host("social.example", mastodon);
  EXPECT_EQ(read(i, "https://social.example/@jane"), "mastodon @jane@social.example profile");
  i.clear_hosts();
  EXPECT_EQ(read(i, "https://social.example/@jane"), "-");

  // Moved from, it has no memo (the memo went with the move) and resolves
  // every host anew; moved to, it keeps what it had found.
  Identifier moved(std::move(i));
  EXPECT_EQ(read(moved, "https://www.instagram.com/janedoe"), "instagram janedoe profile");
  i.add_host("social.example", mastodon);  // NOLINT(bugprone-use-after-move): what is tested
  EXPECT_EQ(read(i, "https://www.instagram.com/janedoe"), "instagram janedoe profile");
  EXPECT_EQ(read(i, "https://social.example/@jane"), "mastodon @jane@social.example profile");
}

// A handle's key is built on the stack when it is short and ASCII, and by
// append_handle_lower otherwise: both ways give the key the index holds.
TEST(Catalog, AccountKeysAreTheCanonicalHandleHoweverLongOrWrittenTheyAre) {
  const Catalog& catalog = Catalog::get();
  const std::string long_ascii(85, 'J'), too_long_ascii(90, 'J');  // on the stack, and not
  for (const char* id : {"instagram", "facebook", "youtube"}) {
    const int platform = catalog.platform_index(id);
    ASSERT_GE(platform, 0) << id;
    const bool dots = catalog.platforms()[static_cast<std::size_t>(platform)].flags & kIgnoreDots;
    for (std::string_view handle :
         {std::string_view("Jane.Doe_1"), std::string_view("@JaneDoe"), std::string_view("\xd0\x9f\xd0\xb0\xd0\xbd.X"),
          std::string_view(long_ascii), std::string_view(too_long_ascii), std::string_view("Jane\xc3\x89.Doe")}) {
      std::string key = "kept|", want = std::string("kept|") + id + ":";
      append_handle_lower(want, handle[0] == '@' ? handle.substr(1) : handle, dots);
      ASSERT_TRUE(append_account_key(catalog, platform, Capture::handle, handle, key)) << id << " " << handle;
      EXPECT_EQ(key, want) << id << " " << handle;
    }
  }
}

TEST(Catalog, EncodedWrappers) {
  // The pattern language's decodings, on redirectors that encode the target
  // instead of percent-encoding it in a parameter.
  Identifier i;
  // base64url after a literal prefix ("?u=a1{b64url}"): with or without padding, '+' '/' accepted.
  EXPECT_EQ(read(i, "https://www.bing.com/ck/a?!&&p=x&u=a1aHR0cHM6Ly94LmNvbS9qYW5lZG9l&ntb=1"), "x janedoe redirect");
  EXPECT_EQ(read(i, "https://www.bing.com/ck/a?u=a1aHR0cHM6Ly94LmNvbS9qYW5lZG9l%3D%3D"), "x janedoe redirect")
      << "padding, percent-encoded";
  EXPECT_EQ(read(i, "https://www.bing.com/ck/a?u=aHR0cHM6Ly94LmNvbS9qYW5lZG9l"), "-") << "the prefix is required";
  EXPECT_EQ(read(i, "https://www.bing.com/ck/a?u=a1aHR0cHM6Ly94LmNvbS9qYW5lZG9lZ"), "-") << "not whole bytes";
  // A percent-encoded segment anywhere in the path ("/*/RU={url1}"), the rest ignored.
  EXPECT_EQ(read(i, "https://r.search.yahoo.com/RU=https%3a%2f%2fx.com%2fjanedoe/RK=2/RS=x-"), "x janedoe redirect");
  EXPECT_EQ(read(i, "https://r.search.yahoo.com/_ylt=a/_ylu=b/RV=2/RU=https%3a%2f%2fgithub.com%2fjane/RK=0"),
            "github jane redirect")
      << "an exact shape (github /{h}) sees only the wrapped segment, not the segments after it";
  EXPECT_EQ(read(i, "https://r.search.yahoo.com/_ylt=a/RK=2/RS=x-"), "-");
  // The rest of the URL after a prefix within a segment ("*-{url}").
  EXPECT_EQ(read(i, "https://search.yahoo.co.jp/r/FOR=a/EXP=1/*-https%3A//github.com/jane"), "github jane redirect");
  EXPECT_EQ(read(i, "https://search.yahoo.co.jp/r/FOR=a/EXP=1/x-https%3A//github.com/jane"), "-");
  // A host-encoding cache with the target in the path.
  EXPECT_EQ(read(i, "https://github-com.cdn.ampproject.org/c/s/github.com/jane"), "github jane proxy");
  EXPECT_EQ(read(i, "https://github-com.cdn.ampproject.org/i/s/github.com/jane"), "-") << "images are not pages";
}

TEST(Catalog, Base64UrlDecoding) {
  auto decoded = [](std::string_view in) {
    std::string out;
    return base64url_decode(in, out) ? out : std::string("<invalid>");
  };
  EXPECT_EQ(decoded("aHR0cHM6Ly9naXRodWIuY29tL0FpckJhc2hYL1VzZXJTY3JpcHQ"), "https://github.com/AirBashX/UserScript");
  EXPECT_EQ(decoded("Pj4-"), ">>>");
  EXPECT_EQ(decoded("Pj4+"), ">>>");
  EXPECT_EQ(decoded("P_8"), std::string("?\xff"));
  EXPECT_EQ(decoded("P/8="), std::string("?\xff"));
  EXPECT_EQ(decoded(""), "");
  EXPECT_EQ(decoded("P"), "<invalid>");
  EXPECT_EQ(decoded("P z8"), "<invalid>");
  EXPECT_EQ(decoded("Pz8%"), "<invalid>");
}

}  // namespace
}  // namespace deadbolt
