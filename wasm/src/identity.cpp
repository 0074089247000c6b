#include "deadbolt/identity.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "deadbolt/contact_address.h"
#include "deadbolt/for_size.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

using T = PatternSegment::Type;

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool is_reserved(const Site& site, std::string_view word) {
  if (site.reserved.size() == 0 || word.empty() || word.size() > 64) return false;
  const std::uint32_t mark = reserved_mark(word);
  if (!(site.reserved_marks[mark >> 5] & (1u << (mark & 31)))) return false;
  char lower[64];
  for (std::size_t i = 0; i < word.size(); ++i) lower[i] = ascii_lower(word[i]);
  return site.reserved.find(std::string_view(lower, word.size())) != KeyIndex::kMissing;
}

bool literal_matches(std::string_view alternatives, std::string_view value) {
  while (true) {
    const auto bar = find_char(alternatives, '|');
    if (iequals(alternatives.substr(0, bar), value)) return true;
    if (bar == std::string_view::npos) return false;
    alternatives.remove_prefix(bar + 1);
  }
}

// Finds the first parameter among `names` ('|'-separated) in `query` and
// returns its raw value.
bool find_param(std::string_view query, std::string_view names, std::string_view& value) {
  while (!names.empty()) {
    const auto bar = find_char(names, '|');
    const std::string_view name = names.substr(0, bar);
    std::string_view rest = query;
    while (!rest.empty()) {
      const auto amp = find_char(rest, '&');
      const std::string_view pair = rest.substr(0, amp);
      const auto eq = find_char(pair, '=');
      if (same_text(pair.substr(0, eq), name)) {
        value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
        return true;
      }
      if (amp == std::string_view::npos) break;
      rest.remove_prefix(amp + 1);
    }
    if (bar == std::string_view::npos) break;
    names.remove_prefix(bar + 1);
  }
  return false;
}

bool valid_user_part(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                    c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool valid_domain(std::string_view s) {
  if (s.empty() || s.size() > 253 || s.find('.') == std::string_view::npos) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    if (!ok) return false;
  }
  return s.front() != '.' && s.back() != '.';
}

// The string under `key` in a flat JSON object ("{\"screen_name\":\"jane\",…}"):
// enough for the GraphQL variables the apps send, which hold no escapes in
// a handle. Empty when absent or not a plain string.
DEADBOLT_FOR_SIZE std::string_view json_string(std::string_view json, std::string_view key) {
  for (std::size_t at = json.find(key); at != std::string_view::npos; at = json.find(key, at + 1)) {
    if (at == 0 || json[at - 1] != '"' || at + key.size() >= json.size() || json[at + key.size()] != '"') continue;
    std::size_t i = at + key.size() + 1;
    while (i < json.size() && (json[i] == ' ' || json[i] == ':')) ++i;
    if (i >= json.size() || json[i] != '"') return {};
    const auto end = json.find('"', i + 1);
    if (end == std::string_view::npos) return {};
    const std::string_view value = json.substr(i + 1, end - i - 1);
    return value.find('\\') == std::string_view::npos ? value : std::string_view();
  }
  return {};
}

// A capture segment's literal prefix: "u_" in "u_{h}"; "UU>UC" reads a
// value starting "UU" as starting "UC" (composed into `buffer`).
bool strip_capture_prefix(std::string_view prefix, std::string_view& value, std::string& buffer) {
  if (prefix.empty()) return true;
  if (prefix[0] == '*') {  // "*-": what follows the last "-", with something before it
    value = after_last_separator(prefix, value);
    return !value.empty();
  }
  const auto arrow = prefix.find('>');
  if (arrow == std::string_view::npos) {
    if (!istarts_with(value, prefix) || value.size() == prefix.size()) return false;
    value.remove_prefix(prefix.size());
    return true;
  }
  const std::string_view from = prefix.substr(0, arrow), to = prefix.substr(arrow + 1);
  if (value.substr(0, from.size()) != from || value.size() == from.size()) return false;  // ids keep their case
  buffer.assign(to.data(), to.size());
  buffer.append(value.data() + from.size(), value.size() - from.size());
  value = buffer;
  return true;
}

std::string_view strip_www(std::string_view host) { return host.substr(0, 4) == "www." ? host.substr(4) : host; }

// "@user" or "@user@instance" (the '@' optional when `bare`) composed into
// "@user@instance", the instance defaulting to `host`.
DEADBOLT_FOR_SIZE bool compose_federated(std::string_view value, bool bare, std::string_view host, std::string& out) {
  if (!value.empty() && value[0] == '@') value.remove_prefix(1);
  else if (!bare) return false;
  const auto at = value.find('@');
  const std::string_view user = value.substr(0, at);
  const std::string_view domain = at == std::string_view::npos ? strip_www(host) : value.substr(at + 1);
  if (!valid_user_part(user) || !valid_domain(domain)) return false;
  out.clear();
  out += '@';
  out += user;
  out += '@';
  out += domain;
  return true;
}

// Appends every value of the parameters named in `names` ('|'-separated),
// decoded, each followed by ','. Returns whether there was one.
DEADBOLT_FOR_SIZE bool collect_params(std::string_view query, std::string_view names, std::string& out) {
  bool any = false;
  for (std::string_view rest = query; !rest.empty();) {
    const auto amp = rest.find('&');
    const std::string_view pair = rest.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq != std::string_view::npos && literal_matches(names, pair.substr(0, eq))) {
      percent_decode(pair.substr(eq + 1), out);  // '+' kept: "jane+tag@…" is an address
      out += ',';
      any = true;
    }
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return any;
}

// Appends `text` to a draft, a blank line between parts.
void add_draft(std::string& draft, std::string_view text) {
  if (text.empty()) return;
  if (!draft.empty()) draft += "\n\n";
  draft.append(text.data(), text.size());
}

// A decoded "mailto:a@x.com,b@y.com?cc=…&subject=…&body=…" (RFC 6068): its
// addresses into `to` (each followed by ','), its subject and body into `draft`.
DEADBOLT_FOR_SIZE bool read_mailto(std::string_view mailto, std::string& to, std::string& draft) {
  while (!mailto.empty() && static_cast<unsigned char>(mailto.front()) <= 0x20) mailto.remove_prefix(1);
  if (!istarts_with(mailto, "mailto:")) return false;
  mailto.remove_prefix(7);
  const auto q = mailto.find('?');
  const std::string_view query = q == std::string_view::npos ? std::string_view() : mailto.substr(q + 1);
  percent_decode(mailto.substr(0, q), to);
  to += ',';
  collect_params(query, "to|cc|bcc", to);
  std::string text;
  for (std::string_view names : {std::string_view("subject"), std::string_view("body")}) {
    std::string_view raw;
    if (!find_param(query, names, raw)) continue;
    text.clear();
    percent_decode(raw, text);
    add_draft(draft, text);
  }
  return to.find('@') != std::string::npos;
}

}  // namespace

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

namespace {

// The key of a plain handle that is short and ASCII (most of them), built
// on the stack: "<platform>:<handle in lower case>", without its leading '@'
// (and its dots where they do not count). Empty when the handle is not such
// a one. Each std::string call is a call in WebAssembly, and a decision
// builds one key: this way it is one append.
std::string_view short_handle_key(const PlatformSpec& p, std::string_view handle, char (&buf)[96]) {
  if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
  if (handle.empty() || p.id.size() + 1 + handle.size() > sizeof buf) return {};
  for (const char c : handle)
    if (static_cast<unsigned char>(c) >= 0x80) return {};
  std::memcpy(buf, p.id.data(), p.id.size());
  buf[p.id.size()] = ':';
  const char* end = write_ascii_lower(buf + p.id.size() + 1, handle, (p.flags & kIgnoreDots) != 0);
  return std::string_view(buf, static_cast<std::size_t>(end - buf));
}

}  // namespace

bool append_account_key(const Catalog& catalog, int platform, Capture capture, std::string_view handle,
                        std::string& out) {
  if (platform < 0 || platform >= static_cast<int>(catalog.platforms().size())) return false;
  const PlatformSpec& p = catalog.platforms()[static_cast<std::size_t>(platform)];
  if (capture == Capture::handle && !(p.flags & (kEmail | kPhone | kFederated | kCaseSensitive))) {
    char buf[96];
    if (const std::string_view key = short_handle_key(p, handle, buf); !key.empty()) {
      out.append(key.data(), key.size());
      return true;
    }
  }
  out += p.id;
  if (capture == Capture::id) {
    out += '#';
    out += handle;
    return is_id(handle);
  }
  if (capture == Capture::recipients) return false;  // a list: each address is a key of its own
  out += ':';
  if (p.flags & kEmail) return append_email_key(handle, out);
  if (p.flags & kPhone) return append_phone_digits(handle, out);
  if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
  if (handle.empty()) return false;
  if ((p.flags & kFederated) || capture == Capture::federated) {
    out += '@';
    append_ascii_lower(out, handle);
    return handle.find('@') != std::string_view::npos;
  }
  if (p.flags & kCaseSensitive) {
    for (char c : handle)
      if (!((p.flags & kIgnoreDots) && c == '.')) out += c;
  } else {
    append_handle_lower(out, handle, (p.flags & kIgnoreDots) != 0);
  }
  return true;
}

Identifier::Identifier() : catalog_(Catalog::get()), host_memo_(new HostMemo[kHostMemoSlots]()) {}

void Identifier::add_host(std::string_view host, int site) {
  extra_hosts_.insert(strip_www(host), static_cast<std::uint32_t>(site));
  forget_hosts();
}

Identifier::HostSite Identifier::host_site(std::string_view host) {
  HostMemo* memo = nullptr;  // none in an identifier moved from: it then resolves every host
  if (host_memo_ != nullptr && !host.empty() && host.size() <= std::tuple_size<decltype(HostMemo::host)>::value) {
    // Slot: the length and three bytes of the middle (hosts share their
    // ends: "www." and ".com").
    const auto at = [&](std::size_t k) { return static_cast<std::size_t>(static_cast<unsigned char>(host[k])); };
    const std::size_t n = host.size();
    memo = &host_memo_[(n * 37 + at(n / 2) * 11 + at(n / 4) * 5 + at(n - 1 - n / 4)) % kHostMemoSlots];
    if (memo->size == host.size() && same_text(std::string_view(memo->host.data(), memo->size), host))
      return {memo->site, memo->prefix_size, memo->prefix_allowed};
  }
  HostSite found;
  std::string_view prefix;
  found.site = catalog_.find_site(host, prefix);
  if (found.site < 0 && extra_hosts_.size() > 0) {
    const std::uint32_t extra = extra_hosts_.find(strip_www(host));
    if (extra != KeyIndex::kMissing) {
      found.site = static_cast<int>(extra);
      prefix = {};
    }
  }
  found.prefix_size = prefix.size();
  found.prefix_allowed = found.site >= 0 &&
                         catalog_.prefix_allowed(catalog_.sites()[static_cast<std::size_t>(found.site)], prefix);
  if (memo) {
    std::memcpy(memo->host.data(), host.data(), host.size());
    memo->size = static_cast<std::uint8_t>(host.size());
    memo->site = static_cast<std::int16_t>(found.site);
    memo->prefix_size = static_cast<std::uint8_t>(found.prefix_size);
    memo->prefix_allowed = found.prefix_allowed;
  }
  return found;
}

bool Identifier::identify(std::string_view url, Identity& out) {
  out = Identity{};
  nested_budget_ = kMaxNestedTries;
  if (identify_at(url, 0, out)) return true;
  out = Identity{};
  return false;
}

namespace {

constexpr ByteSet kPercentSign([](unsigned char c) { return c == '%'; });

// Splits a serialised path into raw and decoded segments. Empty segments are
// dropped: platforms serve "/janedoe/", "//janedoe" and "/janedoe" alike.
// `plain`: the path is known to hold no '%' (Url::plain_path).
template <typename Level>
void split_path(std::string_view path, Level& level, bool plain = false) {
  level.count = 0;
  level.overflow = false;
  if (!path.empty() && path[0] == '/') path.remove_prefix(1);
  if (path.empty()) return;
  if (plain || find_byte_in(path, 0, kPercentSign) == path.size()) {  // nothing to decode: views into the path
    while (!path.empty() && level.count < level.segments.size()) {
      const auto slash = find_char(path, '/');
      const std::string_view segment = path.substr(0, slash);
      if (!segment.empty()) {
        level.raw_segments[level.count] = segment;
        level.segments[level.count++] = segment;
      }
      path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    }
    level.overflow = !path.empty();
    return;
  }
  level.decoded.clear();
  level.decoded.reserve(path.size());  // decoding never grows: views below stay valid
  std::size_t offsets[32][2];
  while (true) {
    const auto slash = find_char(path, '/');
    const std::string_view raw = path.substr(0, slash);
    if (raw.empty()) {  // "//" and a trailing slash name the same page as "/"
      if (slash == std::string_view::npos) break;
      path.remove_prefix(slash + 1);
      continue;
    }
    if (level.count == level.segments.size()) {
      level.overflow = true;
      break;
    }
    level.raw_segments[level.count] = raw;
    offsets[level.count][0] = level.decoded.size();
    percent_decode(raw, level.decoded);
    offsets[level.count][1] = level.decoded.size();
    ++level.count;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  for (std::size_t i = 0; i < level.count; ++i)
    level.segments[i] = std::string_view(level.decoded.data() + offsets[i][0], offsets[i][1] - offsets[i][0]);
}

}  // namespace

bool Identifier::identify_at(std::string_view text, int depth, Identity& out) {
  Level& level = levels_[static_cast<std::size_t>(depth)];
  level.route.clear();
  if (!level.parser.parse(text, level.url)) return false;
  std::string_view host = level.url.host;
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const HostSite found = host_site(host);
  const int site = found.site;
  const std::string_view prefix = host.substr(0, found.prefix_size);
  // Most URLs are on hosts no platform uses, and show no "/@user@instance":
  // they are done here, before any path work.
  const std::string_view path = level.url.path;
  const std::size_t first = path.find_first_not_of('/');
  const bool fediverse_path = first != std::string_view::npos && path[first] == '@';
  if (site < 0 && !fediverse_path) return nested_url(depth, out);
  split_path(level.url.path, level, level.url.plain_path);
  // "/@user@instance" is a fediverse account wherever it is shown, so a
  // site whose own shapes name no one still gets the fallback.
  if (site >= 0 && match_site(site, host, prefix, found.prefix_allowed, depth, out)) return true;
  if (out.found()) return false;
  if (fediverse_path && fediverse_fallback(level, out)) return true;
  out = Identity{};  // a shape that failed half-way may have written parts
  // A known site's own shapes say all it shows (an AMP cache's images, say);
  // the generic reading is for hosts the catalog does not describe, including
  // a platform's other subdomains (publish.twitter.com/oembed?url=…).
  if (found.prefix_allowed) return false;
  return nested_url(depth, out);
}

namespace {

// Does `s` (a query value or a path tail, as written) start with a URL
// that could name someone: "http:", "https:" (raw or percent-encoded), or a
// host the catalog knows followed by a path ("instagram.com/janedoe")?
// Cheap when it does not: a first-byte test, then one scan to the end of
// what would be the host and, only when that holds a '.', a hash lookup.
enum class Nested { no, url, host };

// A host's bytes as nested_kind reads them: letters lower-cased, digits,
// '-' and '.'; 0 for every other byte.
constexpr std::array<char, 256> kHostChar = [] {
  std::array<char, 256> table{};
  for (char c = 'a'; c <= 'z'; ++c) table[static_cast<unsigned char>(c)] = c;
  for (char c = 'A'; c <= 'Z'; ++c) table[static_cast<unsigned char>(c)] = static_cast<char>(c + 32);
  for (char c = '0'; c <= '9'; ++c) table[static_cast<unsigned char>(c)] = c;
  table['-'] = '-';
  table['.'] = '.';
  return table;
}();

Nested nested_kind(std::string_view s, const Catalog& catalog) {
  if (s.size() < 5) return Nested::no;
  if ((s[0] == 'h' || s[0] == 'H') && (istarts_with(s, "http:") || istarts_with(s, "https:") ||
                                       istarts_with(s, "http%3a") || istarts_with(s, "https%3a")))
    return Nested::url;
  // A host alone: letters, digits, '-' and '.', then '/' (raw or %2F).
  // Most candidates are a word with no dot: one table lookup per byte.
  char host[128];
  std::size_t n = 0;
  bool dot = false;
  for (const std::size_t limit = std::min(s.size(), sizeof host); n < limit; ++n) {
    const char c = kHostChar[static_cast<unsigned char>(s[n])];
    if (c == 0) break;
    dot |= c == '.';
  }
  if (!dot || n == s.size() || n == sizeof host) return Nested::no;
  const std::string_view after = s.substr(n);
  if (!(after[0] == '/' || istarts_with(after, "%2f")) || after.size() < 2) return Nested::no;
  for (std::size_t i = 0; i < n; ++i) host[i] = kHostChar[static_cast<unsigned char>(s[i])];
  std::string_view prefix;
  std::string_view name(host, n);
  if (name.back() == '.') name.remove_suffix(1);
  return catalog.find_site(name, prefix) >= 0 ? Nested::host : Nested::no;
}

// Can `s` hold a candidate nested_kind() takes? Each starts with "http" in
// any case (raw or percent-encoded, the scheme's letters are plain) or
// holds a '.' (a host).
constexpr ByteSet kNestMarks([](unsigned char c) { return c == '.' || c == 'h' || c == 'H'; });

bool may_nest(std::string_view s) {
  for (std::size_t i = find_byte_in(s, 0, kNestMarks); i < s.size(); i = find_byte_in(s, i + 1, kNestMarks))
    if (s[i] == '.' ||
        (i + 4 <= s.size() && (s[i + 1] | 0x20) == 't' && (s[i + 2] | 0x20) == 't' && (s[i + 3] | 0x20) == 'p'))
      return true;
  return false;
}

}  // namespace

bool Identifier::try_nested(std::string_view candidate, Kind kind, int depth, Identity& out) {
  const Nested how = nested_kind(candidate, catalog_);
  if (how == Nested::no) return false;
  if (nested_budget_ == 0) return false;
  --nested_budget_;
  Level& level = levels_[static_cast<std::size_t>(depth)];
  if (how == Nested::host && candidate.find('%') != std::string_view::npos) {
    level.scratch.clear();  // "instagram.com%2Fjanedoe": a host cannot hold '%'
    percent_decode(candidate, level.scratch);
    candidate = level.scratch;
  }
  if (unwrap(candidate, kind, depth, out)) return true;
  out = Identity{};
  return false;
}

bool Identifier::nested_url(int depth, Identity& out) {
  // A profile URL carried whole inside another URL, by any site the catalog
  // does not know: an archive's or viewer's "?url=", a search box's
  // "?term=", a reader proxy's path ("/https://x.com/jane", "/x.com/jane").
  // Read generically, so that no wrapper needs an entry of its own; bounded
  // by kMaxWrapDepth and by kMaxNestedTries attempts per decision.
  if (depth >= kMaxWrapDepth || nested_budget_ == 0) return false;
  Level& level = levels_[static_cast<std::size_t>(depth)];
  const Url& url = level.url;
  if (!may_nest(url.query) && !may_nest(url.path)) return false;  // most URLs: one pass, no candidate
  // Query values first: "?run=1&url=https://…".
  std::size_t params = 0;
  for (std::string_view rest = url.query; !rest.empty() && params < kMaxNestedParams; ++params) {
    const auto amp = find_char(rest, '&');
    const std::string_view pair = rest.substr(0, amp);
    if (const auto eq = find_char(pair, '='); eq != std::string_view::npos)
      if (try_nested(pair.substr(eq + 1), Kind::redirect, depth, out)) return true;
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  // Then the path: each segment may start the wrapped URL, which runs to
  // the end of the path and takes this URL's query with it.
  const std::string_view path = url.path;
  std::size_t segments = 0;
  for (std::size_t i = find_char(path, '/'); i != std::string_view::npos && segments < kMaxNestedSegments;
       i = find_char(path, '/', i + 1)) {
    if (i + 1 >= path.size() || path[i + 1] == '/') continue;
    ++segments;
    const std::string_view tail = path.substr(i + 1);
    if (nested_kind(tail, catalog_) == Nested::no) continue;
    if (url.has_query) {
      level.route.assign(tail.data(), tail.size());  // the route buffer is free: no hash-bang here
      level.route += '?';
      level.route += url.query;
      if (try_nested(level.route, Kind::proxy, depth, out)) return true;
    } else if (try_nested(tail, Kind::proxy, depth, out)) {
      return true;
    }
  }
  return false;
}

bool Identifier::match_site(int site_index, std::string_view host, std::string_view prefix, bool prefix_allowed,
                            int depth, Identity& out) {
  const Site& site = catalog_.sites()[static_cast<std::size_t>(site_index)];
  Level& level = levels_[static_cast<std::size_t>(depth)];

  if (!prefix_allowed) {
    if ((site.flags & kTranslateHost) && !prefix.empty() && prefix.find('.') == std::string_view::npos) {
      // www-instagram-com.translate.goog: '-' stands for '.', "--" for '-'.
      level.wrapped.assign("https://");
      for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (prefix[i] != '-') level.wrapped += prefix[i];
        else if (i + 1 < prefix.size() && prefix[i + 1] == '-') {
          level.wrapped += '-';
          ++i;
        } else level.wrapped += '.';
      }
      level.wrapped += level.url.path;
      if (level.url.has_query) {
        level.wrapped += '?';
        level.wrapped += level.url.query;
      }
      if (depth >= kMaxWrapDepth || !identify_at(level.wrapped, depth + 1, out)) return false;
      out.via = Kind::proxy;
      return true;
    }
    if ((site.flags & kSubdomainHandle) && prefix.find('.') == std::string_view::npos &&
        catalog_.valid_handle(site.platform, prefix) && !is_reserved(site, prefix)) {
      out.platform = site.platform;
      out.kind = Kind::profile;
      out.capture = Capture::handle;
      out.handle = prefix;
      return true;
    }
    return false;
  }

  if ((site.flags & kHashBang) && level.count == 0 && !level.url.fragment.empty() && level.url.fragment[0] == '!') {
    // "/#!/name" is how X linked profiles before 2012; it still routes there.
    const std::string_view route = level.url.fragment.substr(1);
    level.route.assign(route.empty() || route[0] != '/' ? "/" : "");
    level.route.append(route.data(), route.size());
    split_path(level.route, level);
  }

  level.handle_checks.fill(0);
  // Only the shapes whose first word can be this segment, in their order.
  std::uint32_t candidates = site.all_shapes;
  if (level.count > 0) candidates = site.shapes_by_first[first_byte_index(level.segments[0][0])];
  for (; candidates != 0; candidates &= candidates - 1) {
    const Shape& shape = site.shapes[static_cast<std::size_t>(__builtin_ctz(candidates))];
    if (level.count < shape.min_segments || (!shape.open && level.count != shape.min_segments)) continue;
    // A first segment already found not to be a handle of this site ("/p/…"
    // on Instagram) fails every later shape that captures it as one.
    if (shape.first_is_handle && level.handle_checks[0] == 1) continue;
    const Match m = match_shape(site, shape, level, host, depth, out);
    if (m == Match::found) return true;
    if (m == Match::stop) return false;
  }
  return false;
}

bool Identifier::capture(const Site& site, T type, std::string_view value, std::string_view host, Level& level,
                         Identity& out, std::size_t segment) const {
  switch (type) {
    case T::at_handle:
      if (value.empty() || value[0] != '@') return false;
      value.remove_prefix(1);
      break;
    case T::opt_at_handle:
      if (!value.empty() && value[0] == '@') value.remove_prefix(1);
      break;
    case T::handle: break;
    case T::id:
      if (!is_id(value)) return false;
      out.capture = Capture::id;
      out.handle = value;
      return true;
    case T::number:
      if (!is_digits(value) || value.size() > 24) return false;
      out.capture = Capture::id;
      out.handle = value;
      return true;
    case T::phone:  // a number is an account of the phone platform wherever it is written
      if (!phone_problem(value).empty() || catalog_.phone_platform() < 0) return false;
      out.capture = Capture::handle;
      out.handle = value;
      out.platform = catalog_.phone_platform();
      return true;
    case T::federated:
    case T::federated_bare:
      if (!compose_federated(value, type == T::federated_bare, host, level.text)) return false;
      out.capture = Capture::federated;
      out.handle = level.text;
      return true;
    default: return false;
  }
  // A path segment is asked about as a handle by shape after shape of a
  // site ("/p/…" by Instagram's post, reel and profile shapes): asked once.
  const bool as_written = segment < level.count && value.size() == level.segments[segment].size();  // no '@' taken
  std::uint8_t unmemoised = 0;
  std::uint8_t& checks = as_written ? level.handle_checks[segment] : unmemoised;
  if (!(checks & 1)) checks = catalog_.valid_handle(site.platform, value) && !is_reserved(site, value) ? 3 : 1;
  if (!(checks & 2)) return false;
  out.capture = Capture::handle;
  out.handle = value;
  return true;
}

bool Identifier::unwrap(std::string_view inner, Kind kind, int depth, Identity& out) {
  if (depth >= kMaxWrapDepth) return false;
  Level& level = levels_[static_cast<std::size_t>(depth)];
  while (!inner.empty() && static_cast<unsigned char>(inner.front()) <= 0x20) inner.remove_prefix(1);
  if (istarts_with(inner, "cache:")) inner.remove_prefix(6);             // Google's cache: "cache:URL"
  while (!inner.empty() && inner.back() == '*') inner.remove_suffix(1);  // Wayback's prefix search
  if (inner.empty()) return false;
  std::string& wrapped = level.wrapped;
  wrapped.clear();
  if (istarts_with(inner, "http:") || istarts_with(inner, "https:")) {
    wrapped.assign(inner.data(), inner.size());
  } else if (istarts_with(inner, "http%3a") || istarts_with(inner, "https%3a")) {
    percent_decode(inner, wrapped);
  } else {
    while (!inner.empty() && (inner.front() == '/' || inner.front() == '\\')) inner.remove_prefix(1);
    wrapped.assign("https://");
    wrapped.append(inner.data(), inner.size());
  }
  if (!identify_at(wrapped, depth + 1, out)) return false;
  out.via = kind;  // assigned on the way out, so the outermost wrapper wins
  return true;
}

bool Identifier::unwrap_value(std::string_view value, T type, std::string_view prefix, Kind kind, int depth,
                              Identity& out) {
  // One value (a segment or a parameter, percent-decoded) holding a wrapped
  // URL after a literal prefix: Yahoo's "RU=https%3a…", Bing's "a1aHR0cHM6…".
  if (!istarts_with(value, prefix)) return false;
  value.remove_prefix(prefix.size());
  if (type == T::base64url) {
    std::string& decoded = levels_[static_cast<std::size_t>(depth)].base64;
    decoded.clear();
    if (!base64url_decode(value, decoded)) return false;
    value = decoded;
  }
  return unwrap(value, kind, depth, out);
}

Identifier::Match Identifier::match_shape(const Site& site, const Shape& shape, Level& level, std::string_view host,
                                          int depth, Identity& out) {
  out.platform = -1;  // set by a capture that names its own platform ({phone}, {to})
  return match_from(site, shape, 0, 0, false, level, host, depth, out);
}

// Matches shape segments from `first` against path segments from `i`.
Identifier::Match Identifier::match_from(const Site& site, const Shape& shape, std::size_t first, std::size_t i,
                                         bool captured, Level& level, std::string_view host, int depth, Identity& out) {
  bool open_ended = false;
  for (std::size_t s = first; s < shape.segments.size(); ++s) {
    const PatternSegment& seg = shape.segments[s];
    if (seg.type == T::rest) {
      if (s + 1 == shape.segments.size()) {
        open_ended = true;
        break;
      }
      // "*" before more segments: the rest of the pattern, wherever it starts.
      for (std::size_t start = i; start < level.count; ++start) {
        const Match m = match_from(site, shape, s + 1, start, captured, level, host, depth, out);
        if (m != Match::no) return m;
      }
      return Match::no;
    }
    if (seg.type == T::url_segment || seg.type == T::base64url) {
      if (i >= level.count) return Match::no;
      return unwrap_value(level.segments[i], seg.type, seg.text, shape.kind, depth, out) ? Match::found : Match::no;
    }
    if (seg.type == T::url) {
      if (i >= level.count || level.route.size() > 0) return Match::no;
      // The raw rest of the path, then the query: the wrapped URL as written.
      const std::string_view path = level.url.path;
      if (!istarts_with(level.raw_segments[i], seg.text)) return Match::no;  // "*-{url}": after the prefix
      std::string_view rest = path.substr(static_cast<std::size_t>(level.raw_segments[i].data() - path.data()) +
                                          seg.text.size());
      if (level.url.has_query) {
        level.text.assign(rest.data(), rest.size());
        level.text += '?';
        level.text += level.url.query;
        rest = level.text;
      }
      return unwrap(rest, shape.kind, depth, out) ? Match::found : Match::no;
    }
    if (i >= level.count) return Match::no;
    const std::string_view value = level.segments[i];
    if (seg.type == T::literal) {
      if (!literal_matches(seg.text, value)) return Match::no;
    } else if (seg.type == T::any) {
      if (value.empty()) return Match::no;
    } else if (seg.type == T::search_text) {
      out.search = value;
      captured = true;
    } else if (seg.type == T::search_rest) {
      // "radaris.com/p/Jane/Doe/": the name spread over the segments.
      level.text.clear();
      for (std::size_t k = i; k < level.count; ++k) {
        if (k > i) level.text += ' ';
        level.text.append(level.segments[k].data(), level.segments[k].size());
      }
      out.search = level.text;
      captured = true;
      i = level.count;
      open_ended = true;
      break;
    } else {
      std::string_view v = value;
      if (!strip_capture_prefix(seg.text, v, level.scratch)) return Match::no;
      const std::size_t segment = seg.text.empty() ? i : kNoSegment;  // memoised only as written in the path
      if (captured) {
        // Only the first capture names the account; later ones (a post's
        // number, say) must merely be well-formed.
        Identity ignored;
        if (seg.type == T::federated || seg.type == T::federated_bare) return Match::no;
        if (!capture(site, seg.type, v, host, level, ignored, segment)) return Match::no;
      } else {
        if (!capture(site, seg.type, v, host, level, out, segment)) return Match::no;
        captured = true;
      }
    }
    ++i;
  }
  if (!open_ended && (i != level.count || level.overflow)) return Match::no;

  // The query part of the shape.
  std::string_view raw;
  const bool wrapper = shape.kind == Kind::redirect || shape.kind == Kind::archive || shape.kind == Kind::proxy;
  if (shape.whole_query) {
    if (!level.url.has_query || level.url.query.empty()) return Match::no;
    return unwrap(level.url.query, shape.kind, depth, out) ? Match::found : Match::no;
  }
  const bool compose = shape.query_capture == T::recipients || shape.query_capture == T::mailto;
  if (compose) {
    // A compose window: every address in To, Cc and Bcc is one recipient.
    if (!read_recipients(shape, level)) return Match::no;
    out.capture = Capture::recipients;
    out.handle = level.text;
    out.platform = catalog_.email_platform();
    captured = true;
  } else if (shape.kind == Kind::search && find_char(shape.query_name, '+') != std::string_view::npos) {
    // "?firstName+lastName": a name asked for in several fields, read in order.
    level.text.clear();
    for (std::string_view names = shape.query_name; !names.empty();) {
      const auto plus = find_char(names, '+');
      if (find_param(level.url.query, names.substr(0, plus), raw)) {
        if (!level.text.empty()) level.text += ' ';
        percent_decode(raw, level.text, true);
      }
      names = plus == std::string_view::npos ? std::string_view() : names.substr(plus + 1);
    }
    out.search = level.text;
    captured = true;
  } else if (!shape.query_name.empty()) {
    if (!find_param(level.url.query, shape.query_name, raw)) return Match::no;
    level.text.clear();
    percent_decode(raw, level.text, shape.kind == Kind::search);
    if (shape.query_capture == T::url_segment || shape.query_capture == T::base64url) {
      return unwrap_value(level.text, shape.query_capture, shape.query_prefix, shape.kind, depth, out) ? Match::found
                                                                                                       : Match::no;
    }
    if (shape.query_capture != T::literal) {
      std::string_view value = level.text;
      if (!shape.query_json_key.empty()) value = json_string(value, shape.query_json_key);
      if (!strip_capture_prefix(shape.query_prefix, value, level.scratch)) return Match::no;
      if (value.data() == level.text.data() &&
          (shape.query_capture == T::federated || shape.query_capture == T::federated_bare)) {
        level.scratch.assign(value.data(), value.size());  // capture() composes into level.text
        value = level.scratch;
      }
      if (!capture(site, shape.query_capture, value, host, level, out)) return Match::no;
      captured = true;
    } else if (wrapper) {
      return unwrap(level.text, shape.kind, depth, out) ? Match::found : Match::no;
    } else {
      out.search = level.text;
      captured = true;
    }
  }
  if (shape.fragment_capture != T::literal) {
    // web.telegram.org/k/#@name: the chat is named after '#'.
    // Decoded into the mailto buffer: a shape with a fragment capture has no {mailto}.
    level.mailto.clear();
    percent_decode(level.url.fragment, level.mailto);
    if (captured || !capture(site, shape.fragment_capture, level.mailto, host, level, out)) return Match::no;
    captured = true;
  }
  if (shape.kind == Kind::message) {
    out.channel = shape.channel;
    if (!compose) level.draft.clear();  // a mailto: URL brought its own subject and body
    for (std::string_view names : shape.draft_params) {
      if (!find_param(level.url.query, names, raw)) continue;
      level.scratch.clear();
      percent_decode(raw, level.scratch, true);
      add_draft(level.draft, level.scratch);
    }
    out.draft = level.draft;
  }

  // A known page that names no one (an explore tab, an empty search).
  if (shape.kind == Kind::none || !captured) return Match::stop;
  if (shape.kind == Kind::search && out.search.empty()) return Match::stop;
  if (out.platform < 0) out.platform = site.platform;
  out.kind = shape.kind;
  return Match::found;
}

DEADBOLT_FOR_SIZE bool Identifier::read_recipients(const Shape& shape, Level& level) const {
  // The addresses, decoded, one after another with ',' between them, into
  // level.text; a mailto: URL's subject and body into level.draft.
  level.text.clear();
  level.draft.clear();
  if (shape.query_capture == T::recipients) {
    if (!collect_params(level.url.query, shape.query_name, level.text)) return false;
  } else {
    std::string_view raw;
    if (!find_param(level.url.query, shape.query_name, raw)) return false;
    level.mailto.clear();
    percent_decode(raw, level.mailto);
    if (!read_mailto(level.mailto, level.text, level.draft)) return false;
  }
  if (level.text.find('@') == std::string::npos || catalog_.email_platform() < 0) return false;
  level.text.pop_back();  // the ',' after the last address
  return true;
}

DEADBOLT_FOR_SIZE bool Identifier::fediverse_fallback(Level& level, Identity& out) {
  // "/@user@instance" on a host the catalog does not know: how Mastodon
  // shows a remote account. Only the full form counts, so that a site's own
  // "/@name" pages are not mistaken for the fediverse.
  if (level.count == 0 || level.count > 2) return false;
  const std::string_view first = level.segments[0];
  if (first.size() < 4 || first[0] != '@' || first.find('@', 1) == std::string_view::npos) return false;
  if (level.count == 2 && !is_digits(level.segments[1])) return false;
  if (!compose_federated(first, false, {}, level.text)) return false;
  const int site = catalog_.mastodon_site();
  out.platform = catalog_.sites()[static_cast<std::size_t>(site)].platform;
  out.kind = level.count == 1 ? Kind::profile : Kind::post;
  out.capture = Capture::federated;
  out.handle = level.text;
  return true;
}

}  // namespace deadbolt
