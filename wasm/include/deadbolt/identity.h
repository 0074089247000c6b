// Identity: which account a URL shows, if any. URL -> {platform, handle, kind},
// with wrapped URLs (redirect links, archives, translation proxies) decided
// as the URL they wrap, to a bounded depth.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "deadbolt/catalog.h"
#include "deadbolt/key_index.h"
#include "deadbolt/url.h"

namespace deadbolt {

// How a handle was written in the URL, which decides how it compares.
enum class Capture : std::uint8_t {
  handle,      // a user name: compared in the platform's canonical form
  id,          // an opaque id (YouTube channel, Spotify user): compared exactly
  federated,   // @user@instance
  recipients,  // a list of email addresses (a compose window's To, Cc and Bcc), each decided alone
};

struct Identity {
  int platform = -1;       // index into Catalog::platforms()
  Kind kind = Kind::none;  // what the page shows: profile, story, post, viewer, search
  Kind via = Kind::none;   // the outermost wrapper it came through: redirect, archive, proxy
  Capture capture = Capture::handle;
  std::string_view handle;   // as written in the URL, decoded, without a leading '@'
  std::string_view search;   // the search text, decoded, for kind == search
  std::string_view channel;  // for kind == message: "whatsapp", "email"… (a co-parent's open channel)
  std::string_view draft;    // for kind == message: the text the link would have prefilled, decoded

  bool found() const { return kind != Kind::none; }
  // What the attempt amounts to: the wrapper when there is one.
  Kind attempt() const { return via != Kind::none ? via : kind; }
};

// Wrappers deeper than this are not followed: no real link nests further,
// and a bound keeps hostile input from costing more than a few parses.
inline constexpr int kMaxWrapDepth = 6;

// A URL carried in another URL's query values or path is looked for
// generically (identity.cpp, nested_url): at most this many candidates are
// followed per decision, among the first parameters and path segments.
inline constexpr int kMaxNestedTries = 4;
inline constexpr std::size_t kMaxNestedParams = 16;
inline constexpr std::size_t kMaxNestedSegments = 8;

class Identifier {
 public:
  Identifier();

  // Finds the identity behind `url`. Views in `out` stay valid until the next
  // call and while `url` lives. Never throws; anything unrecognised is simply
  // not found.
  bool identify(std::string_view url, Identity& out);

  // Serves `host` (lower case) with the URL shapes of `site`: the home
  // instance of a listed Mastodon account, say.
  void add_host(std::string_view host, int site);
  void clear_hosts() {
    extra_hosts_.clear();
    forget_hosts();
  }

 private:
  struct Level {
    UrlParser parser;
    Url url;
    std::string decoded;  // decoded path segments, back to back
    std::string text;     // decoded query value, search text, composed handle
    std::string wrapped;  // the wrapped URL, when this level is a wrapper
    std::string route;    // a hash-bang route, when the path comes from the fragment
    std::string base64;   // a base64url-decoded wrapped URL
    std::string draft;    // a message's prefilled text
    std::string mailto;   // a decoded mailto: URL, or a decoded fragment
    std::string scratch;  // a decoded draft part
    std::array<std::string_view, 32> segments;
    std::array<std::string_view, 32> raw_segments;
    std::size_t count = 0;
    bool overflow = false;  // more segments than fit
    // Per path segment, what capture() found of it, as written, as a handle
    // of the site being matched: bit 0 asked, bit 1 valid and not reserved.
    std::array<std::uint8_t, 32> handle_checks{};
  };
  static constexpr std::size_t kNoSegment = ~std::size_t{0};
  enum class Match { no, found, stop };  // stop: a known page that names no one
  bool identify_at(std::string_view url, int depth, Identity& out);
  // `prefix_allowed`: whether `prefix` is one of the site's own subdomains.
  bool match_site(int site_index, std::string_view host, std::string_view prefix, bool prefix_allowed, int depth,
                  Identity& out);
  Match match_shape(const Site& site, const Shape& shape, Level& level, std::string_view host, int depth,
                    Identity& out);
  Match match_from(const Site& site, const Shape& shape, std::size_t first, std::size_t i, bool captured, Level& level,
                   std::string_view host, int depth, Identity& out);
  bool unwrap_value(std::string_view value, PatternSegment::Type type, std::string_view prefix, Kind kind, int depth,
                    Identity& out);
  // `segment`: the path segment `value` is, as written (memoised), or kNoSegment.
  bool capture(const Site& site, PatternSegment::Type type, std::string_view value, std::string_view host, Level& level,
               Identity& out, std::size_t segment = kNoSegment) const;
  bool unwrap(std::string_view inner, Kind kind, int depth, Identity& out);
  bool read_recipients(const Shape& shape, Level& level) const;
  bool fediverse_fallback(Level& level, Identity& out);
  bool nested_url(int depth, Identity& out);
  bool try_nested(std::string_view candidate, Kind kind, int depth, Identity& out);

  // The site serving a host (-1: none), how long the subdomain before the
  // site's domain is, and whether that subdomain is the site's own.
  struct HostSite {
    int site = -1;
    std::size_t prefix_size = 0;
    bool prefix_allowed = false;
  };
  HostSite host_site(std::string_view host);
  void forget_hosts() {
    if (host_memo_ != nullptr) std::fill_n(host_memo_.get(), kHostMemoSlots, HostMemo{});
  }

  const Catalog& catalog_;
  std::array<Level, kMaxWrapDepth + 1> levels_;
  KeyIndex extra_hosts_;
  int nested_budget_ = kMaxNestedTries;
  // The hosts met last and their HostSite: a browser asks about few hosts
  // (a feed's links are mostly its own; a person browses a few sites), and
  // resolving one hashes each of its suffixes. Direct-mapped; cleared when
  // the hosts served change.
  struct HostMemo {  // all zero when empty: no initial image in the binary
    std::array<char, 48> host;
    std::uint8_t size;  // 0: empty (no host is)
    bool prefix_allowed;
    std::uint8_t prefix_size;
    std::int16_t site;
  };
  static constexpr std::size_t kHostMemoSlots = 64;
  // Held apart, so that the members a decision reads stay at short offsets.
  std::unique_ptr<HostMemo[]> host_memo_;
};

// Appends the canonical key of an account, the form the blocklist index
// stores: "<platform>:<handle in canonical form>" for handles and federated
// handles, "<platform>#<id>" for ids. Returns false if `handle` cannot be one.
bool append_account_key(const Catalog& catalog, int platform, Capture capture, std::string_view handle,
                        std::string& out);

// Is `s` an id as {id} patterns capture it (letters, digits, '-', '_')?
bool is_id(std::string_view s);

}  // namespace deadbolt
