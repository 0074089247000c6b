// Platform catalog: what each platform's URLs look like, as data.
//
// catalog_data.cpp holds the table (plain strings in a small pattern
// language, documented there); this header is the compiled form the matcher
// walks. Adding a platform or a URL shape is an entry in that table.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "deadbolt/key_index.h"

namespace deadbolt {

// What looking at a URL amounts to.
// `message`: a page that starts a message or a mail to someone (a chat
// link, a compose window), not one that shows them.
enum class Kind : std::uint8_t { none, profile, story, post, search, viewer, archive, proxy, redirect, message };
std::string_view kind_name(Kind kind);

// How a platform spells its handles.
struct PlatformSpec {
  std::string_view id;            // lower-case platform id: "instagram"
  std::string_view name;          // display name: "Instagram"
  std::string_view handle_chars;  // allowed besides ASCII letters and digits
  std::uint8_t min_len;
  std::uint8_t max_len;
  std::uint8_t flags;  // PlatformFlag bits
};

enum PlatformFlag : std::uint8_t {
  kCaseSensitive = 1,  // handles differ by case (rare)
  kIgnoreDots = 2,     // "jane.doe" and "janedoe" are one account (Facebook)
  kFederated = 4,      // handles are @user@instance (Mastodon)
  kSearchEngine = 8,   // a web search engine: no profiles, only searches
  kUnicode = 16,       // handles may hold non-ASCII letters (LinkedIn vanity names)
  kNumeric = 32,       // accounts are numbers (Stack Overflow user ids)
  kEmail = 64,         // accounts are email addresses (contact_address.h)
  kPhone = 128,        // accounts are phone numbers in international form
};

// A family of hosts that share URL shapes, in the table's text form.
struct SiteSpec {
  std::string_view platform;  // platform id; empty for a site that only wraps others
  std::string_view hosts;     // space-separated registrable domains; "google.*" = any country domain
  std::string_view prefixes;  // subdomain labels allowed before them; see catalog_data.cpp
  std::string_view reserved;  // space-separated first path segments that are not handles
  std::string_view shapes;    // space-separated "kind:pattern" entries, first match wins
  std::uint8_t flags;         // SiteFlag bits
};

enum SiteFlag : std::uint8_t {
  kSubdomainHandle = 1,  // a subdomain that is not an allowed prefix is the handle ({h}.tumblr.com)
  kHashBang = 2,         // "/#!/name" routes to "/name" (old X links)
  kTranslateHost = 4,    // the subdomain is an encoded host (www-instagram-com.translate.goog)
  kSearchRules = 8,      // a search for a name is stopped by rules before the request (rules.cpp)
};

// One compiled pattern segment.
struct PatternSegment {
  enum class Type : std::uint8_t {
    literal,         // one of `text`'s '|'-separated words, case-insensitive
    handle,          // {h}: a handle
    at_handle,       // @{h}: '@' then a handle
    opt_at_handle,   // {@h}: a handle, '@' optional
    id,              // {id}: letters, digits, '-' and '_', case kept
    number,          // {n}: digits
    federated,       // @{fed}: '@user' or '@user@instance'
    federated_bare,  // {fed}: 'user' or 'user@instance', '@' optional
    any,             // {any}: any one segment
    rest,            // *: any number of further segments
    url,             // {url}: the rest of the URL is a wrapped URL
    search_text,     // {q}: this segment is search text
    search_rest,     // {q*}: this segment and every one after it, '/' read as a space, are search text
    url_segment,     // {url1}: this segment alone, percent-decoded, is a wrapped URL
    base64url,       // {b64url}: this segment (or parameter) alone, base64url-decoded, is a wrapped URL
    phone,           // {phone}: a phone number, an account of the `phone` platform wherever it is written
    recipients,      // {to}: a list of email addresses (',' or ';' between them), accounts of `email`
    mailto,          // {mailto}: a mailto: URL: its addresses, cc, bcc, subject and body
    draft,           // {draft}: text of a message being written (kept, never matched)
  };
  Type type;
  // literal: the words; url, url_segment, base64url: a literal prefix ("RU=");
  // a capture: a literal prefix the value starts with ("u_{h}"), or "from>to"
  // when the prefix stands for another ("UU>UC{id}": an uploads playlist
  // names its channel), or "*" and a separator ("*-{n}": the value after
  // the segment's last '-', see after_last_separator).
  std::string_view text;
};

// For a capture prefix "*<separator>": the part of `value` after its last
// separator, with something before it; empty when there is none.
inline std::string_view after_last_separator(std::string_view wildcard_prefix, std::string_view value) {
  const std::string_view separator = wildcard_prefix.substr(1);
  const auto at = value.rfind(separator);
  return at == std::string_view::npos || at == 0 ? std::string_view() : value.substr(at + separator.size());
}

// A byte's bucket in Site::shapes_by_first (0 to 31): equal for a letter in
// either case.
inline unsigned first_byte_index(char c) { return (static_cast<unsigned char>(c) | 0x20) & 31; }

struct Shape {
  Kind kind;
  std::vector<PatternSegment> segments;
  // How many path segments it takes: at least `min_segments` (one per
  // segment but '*'), and exactly that many unless `open` ('*', {url},
  // {q*}, {url1} or {b64url} take what follows).
  std::uint8_t min_segments = 0;
  bool open = false;
  // The first segment is a plain {h}: it takes the path's first segment as
  // written, which the matcher checks as a handle once per site.
  bool first_is_handle = false;
  // After '?': for captures, "name" then a capture ({h}, {n}); for search and
  // wrapper kinds, '|'-separated names of the parameter that holds the text.
  std::string_view query_name;
  PatternSegment::Type query_capture = PatternSegment::Type::literal;  // literal: none
  std::string_view query_prefix;  // "?u=a1{b64url}": what the value starts with before the encoded URL
  // "?variables:screen_name={h}": the parameter's value is a JSON object and
  // the capture is the string under this key (X's GraphQL queries).
  std::string_view query_json_key;
  // "profile+api:…": an endpoint the apps fetch (JSON APIs, feeds), not a
  // page a person opens: rules block its requests instead of redirecting
  // them (rules.cpp). "profile+frame:…": an embed or player that other sites
  // frame (TikTok's creator embed, X's timeline, Twitch's player): an
  // endpoint too, but framed on any site it shows the person.
  bool endpoint = false;
  bool frame = false;
  bool whole_query = false;  // "?*": the whole query is the wrapped URL (href.li/?https://…)
  // For messages: the channel a co-parent may keep open ("whatsapp"), from
  // the kind "message.whatsapp"; the parameters holding a draft ("&text={draft}",
  // each '|'-separated names); a capture from the fragment ("#@{h}").
  std::string_view channel;
  std::vector<std::string_view> draft_params;
  PatternSegment::Type fragment_capture = PatternSegment::Type::literal;  // literal: none
};

struct Site {
  std::int16_t platform = -1;  // index into Catalog::platforms(), -1 for wrapper-only sites
  std::uint8_t flags = 0;
  std::vector<std::string_view> prefixes;
  KeyIndex reserved;
  // A bit for each (length, first letter) a reserved word has: most
  // handles share none with any, and are known not to be reserved without
  // hashing them (reserved_mark()).
  std::array<std::uint32_t, 8> reserved_marks{};
  std::vector<Shape> shapes;  // at most 32
  // The shapes a path may match, as bits of `shapes` in their order: by its
  // first segment's first byte (first_byte_index()), and all of them (a path
  // with no segment). A shape whose first segment is a word is under the
  // buckets of its words' first bytes ("p|reel": 'p' and 'r'); any other
  // shape is under every bucket. The matcher visits only those.
  std::array<std::uint32_t, 32> shapes_by_first{};
  std::uint32_t all_shapes = 0;
};

// A word's bit in Site::reserved_marks: its length (mod 8) and its first
// byte in either case.
inline std::uint32_t reserved_mark(std::string_view word) {
  return (static_cast<std::uint32_t>(word.size() & 7) << 5) | ((static_cast<unsigned char>(word[0]) | 0x20) & 31);
}

class Catalog {
 public:
  // The catalog compiled from catalog_data.cpp; built once, immutable.
  static const Catalog& get();

  const std::vector<PlatformSpec>& platforms() const { return platforms_; }
  const std::vector<Site>& sites() const { return sites_; }
  int platform_index(std::string_view id) const;  // -1 when unknown
  int mastodon_site() const { return mastodon_site_; }

  // Finds the site serving `host` (lower case, no trailing dot). On success
  // `prefix` is the part of the host before the site's domain.
  int find_site(std::string_view host, std::string_view& prefix) const;

  // Is `prefix` an allowed subdomain of `site`?
  bool prefix_allowed(const Site& site, std::string_view prefix) const;

  // Does `handle` follow the platform's syntax? ('@' already stripped.)
  bool valid_handle(int platform, std::string_view handle) const;

  // Can the platform's URLs name an account by an opaque id ({id}) or by a
  // number ({n}), so that a listed handle may be one?
  bool has_ids(int platform) const { return id_kinds_[static_cast<std::size_t>(platform)] & 1; }
  bool has_numbers(int platform) const { return id_kinds_[static_cast<std::size_t>(platform)] & 2; }

  // The platforms whose accounts are addresses and numbers (-1 if absent).
  int email_platform() const { return email_platform_; }
  int phone_platform() const { return phone_platform_; }

 private:
  Catalog();
  std::vector<PlatformSpec> platforms_;
  std::vector<Site> sites_;
  KeyIndex hosts_;    // "instagram.com" -> site
  KeyIndex any_tld_;  // "google" -> site, for "google.*"
  // A one-hash Bloom filter over both tables' keys (the top bits of their
  // hashes): most hosts a decision asks about are in neither, and a miss
  // is then one bit instead of a probe (~5 % of misses still probe).
  static constexpr int kHostFilterShift = 52;  // 4,096 bits
  std::array<std::uint64_t, 64> host_filter_{};
  bool may_be_listed(std::uint64_t key_hash) const {
    const auto bit = static_cast<std::uint32_t>(key_hash >> kHostFilterShift);
    return (host_filter_[bit / 64] >> (bit % 64)) & 1;
  }
  int mastodon_site_ = -1;
  int email_platform_ = -1;
  int phone_platform_ = -1;
  std::vector<std::uint8_t> id_kinds_;  // per platform: 1 = {id} shapes, 2 = {n} shapes
  // Per platform, the bytes its handles may hold: ASCII letters and digits
  // (digits alone for kNumeric), its handle_chars, and for kUnicode every
  // byte of a multi-byte UTF-8 sequence.
  std::vector<std::array<bool, 256>> handle_bytes_;
};

// A platform whose "+api" endpoints are requests web apps send, and the
// registrable domains of those apps (space-separated): its own (`domains`)
// and, for an open API that needs no sign-in, the web clients on sites of
// their own that read it (`clients`). Its endpoint rules block only requests
// these pages send: another site's page cannot show the person what it is
// answered, and a block would tell that page who is listed (rules.cpp).
// No domains: no endpoint rule at all.
struct AppSpec {
  std::string_view platform;
  std::string_view domains;
  std::string_view clients;
};

// The table itself (catalog_data.cpp).
const std::vector<PlatformSpec>& platform_table();
const std::vector<SiteSpec>& site_table();
const AppSpec* app_spec(std::string_view platform);  // nullptr: no entry

}  // namespace deadbolt
