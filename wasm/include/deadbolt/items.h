// Feed items: does an item in a platform's own feed show a listed person?
//
// An item is what the content script gathers from one feed item (a post, a
// comment, a story-tray avatar, a suggestion card): the URL of the page it
// is on, the hrefs of its own links as written (absolute, root-relative or
// relative), which of them are its author's, and the author attributes the
// platform exposes instead of links. Each href is resolved against the page
// as a browser resolves it and decided by the same Engine that blocks
// navigations, so a handle, a profile-by-id, a story link, a mention and a
// redirect wrapper all resolve alike. The markup that tells the content
// script what an item is comes from the feed table (feed_catalog_data.cpp).
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/blocklist.h"
#include "deadbolt/decide.h"
#include "deadbolt/name_index.h"
#include "deadbolt/url.h"

namespace deadbolt {

// Where a platform names an item's account without a link: an attribute
// (or the text, when `attribute` is "#text") of the item itself or of an
// element inside it. The handle is what stands between `prefix` and `end`
// ("" = the end of the value); `href` ("/user/{}") turns it into a profile
// link on the page's host, decided exactly as a link would be. With no
// `href`, the value is the account's display name (a channel's name where
// the item has no link to it): matched whole, folded, against the listed
// people's names and name keywords, as an inbox row's sender is. Free page
// text is never read except through such an entry.
struct FeedIdentity {
  std::string_view selector;   // inside the item; "" = the item itself
  std::string_view attribute;  // "author", "data-testid", "aria-label", "alt", "#text"
  std::string_view prefix;     // "" or "feedItem-by-", "Story by ", "@"
  std::string_view end;        // "" or ", " or "'s profile picture"
  std::string_view href;       // "/user/{}", or "" for a display name
};

// One platform's feed markup: CSS selectors the content script queries.
struct FeedMarkup {
  std::string_view platform;  // platform id
  // Item containers. An item's links are its own: a link belongs to the
  // innermost item that contains it, so a comment nested in a post is an
  // item of its own and its links are not the post's.
  std::string_view items;
  // Inside an item: the links that name its author, reposter, quoted author
  // or co-author (what counts when mentions are not hidden).
  std::string_view authors;
  // Nested items that are quotes: their links and identities are also the
  // enclosing item's, so a post quoting a listed person is hidden whole.
  std::string_view quotes;
  FeedIdentity identities[4];
  // How the platform writes a link to a profile in its feeds, "{}" standing
  // for the handle as listed, space-separated ("/{}", "/user/{}/"): the
  // links feed_style.h hides items by before the page lays them out. Empty:
  // no such style sheet (the content script alone hides).
  std::string_view profile_hrefs;
};

// The feed table (feed_catalog_data.cpp), part of the catalog.
const std::vector<FeedMarkup>& feed_table();

// The feed markup of the platform serving `page_host` (lower case), or null.
const FeedMarkup* feed_markup_for_host(std::string_view page_host);
// The platform whose web UI a person's own fediverse instance serves
// (instances.h): its feed entry is the markup of every instance they added.
std::string_view instance_platform();
// The catalog's markup for the host, else the instance web UI's when the
// person added the host as their instance (`instances`: '\n'-separated).
const FeedMarkup* feed_markup_for_page(std::string_view page_host, std::string_view instances);
const FeedMarkup* feed_markup_for_platform(int platform);

struct ItemVerdict {
  bool hide = false;
  int person = -1;          // index into the engine's people when hidden
  int platform = -1;        // the listed account's platform
  std::string_view handle;  // its canonical handle; valid until the next item
};

// Decides feed items with an Engine loaded with the feed list. Not
// thread-safe; a warm decider does not allocate.
//
// Most links of a feed item are the platform's own, root-relative and plain
// ("/friend", "/friend/status/1"). Such a link can only name a listed
// account if one of its words is a listed handle, so the decider first looks
// its words up in a set of the listed handles' folded forms and asks the
// Engine only when one matches. Anything the word test could misread (other
// hosts, percent-encoding, long query values that may wrap a URL, non-ASCII)
// always goes to the Engine.
class ItemDecider {
 public:
  explicit ItemDecider(Engine& engine) : engine_(engine) { refresh(); }

  // Rebuilds the word filter and the names: call after the engine loads a list or snapshot.
  void refresh();

  // When false, only author links and author attributes count (the setting
  // "Also hide posts that mention or tag them").
  void set_mentions(bool on) { mentions_ = on; }
  // The fediverse instances the person added ('\n'-separated hosts): pages
  // there are read with the instance web UI's markup.
  void set_instances(std::string_view instances) { instances_.assign(instances.data(), instances.size()); }
  bool mentions() const { return mentions_; }

  // Starts an item on `page`; false (and nothing hidden) when the page is not
  // an http(s) URL.
  bool begin(std::string_view page);
  // Adds one link of the item; `author` when the feed's author selector chose it.
  void link(std::string_view href, bool author);
  // Adds an identity the item carries: the attribute's name ("#text" for
  // text) and value as the page set them; only the platform's identity
  // entries (FeedMarkup::identities) read it.
  void attribute(std::string_view name, std::string_view value);
  const ItemVerdict& verdict() const { return verdict_; }

 private:
  void decide_absolute(std::string_view url);
  bool may_name_listed(std::string_view href) const;
  bool word_listed(std::string_view word) const;

  Engine& engine_;
  bool mentions_ = true;
  bool page_ok_ = false;
  UrlParser page_parser_;
  UrlParser link_parser_;
  Url page_;
  Url link_;
  const FeedMarkup* markup_ = nullptr;
  std::string instances_;
  std::string resolved_;  // scratch: a resolved href, serialised
  std::string handle_;    // the hidden account's canonical handle
  std::string last_;      // the previous href, to skip repeats
  KeyIndex words_;        // listed handles, folded (lower case, no dots), the user part of user@instance
  NameIndex names_;       // listed names, for display names
  std::size_t min_word_ = 0, max_word_ = 0;  // their folded lengths
  std::bitset<256> first_chars_;             // their first folded characters
  ItemVerdict verdict_;
};

}  // namespace deadbolt
