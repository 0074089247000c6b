// Compiles the text table of catalog_data.cpp into the structures the
// matcher walks (catalog.h), once per start, before a page's first decision.
// The lookups each decision makes are in catalog.cpp.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "deadbolt/catalog.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

[[noreturn]] void table_error(std::string_view what, std::string_view where) {
  // The table is compiled into the binary: an error here is a programming
  // error caught by the first test run, never something a user can cause.
  // The native builds (tests, CLI) say which; the WebAssembly builds, which
  // compile the same table, only stop (stdio would cost each of them 1 KB).
#ifndef __EMSCRIPTEN__
  for (std::string_view part :
       {std::string_view("deadbolt catalog: "), what, std::string_view(" in '"), where, std::string_view("'\n")})
    std::fwrite(part.data(), 1, part.size(), stderr);
#else
  static_cast<void>(what);
  static_cast<void>(where);
#endif
  std::abort();
}

Kind parse_kind(std::string_view s) {
  for (int k = 0; k <= static_cast<int>(Kind::message); ++k)
    if (kind_name(static_cast<Kind>(k)) == s) return static_cast<Kind>(k);
  table_error("unknown kind", s);
}

PatternSegment parse_segment(std::string_view s, std::string_view entry) {
  using T = PatternSegment::Type;
  if (s == "{h}") return {T::handle, {}};
  if (s == "@{h}") return {T::at_handle, {}};
  if (s == "{@h}") return {T::opt_at_handle, {}};
  if (s == "{id}") return {T::id, {}};
  if (s == "{n}") return {T::number, {}};
  if (s == "@{fed}") return {T::federated, {}};
  if (s == "{fed}") return {T::federated_bare, {}};
  if (s == "{any}") return {T::any, {}};
  if (s == "*") return {T::rest, {}};
  if (s == "{url}") return {T::url, {}};
  if (s == "{q}") return {T::search_text, {}};
  if (s == "{q*}") return {T::search_rest, {}};
  if (s == "{phone}") return {T::phone, {}};
  if (s == "{to}") return {T::recipients, {}};
  if (s == "{mailto}") return {T::mailto, {}};
  if (s == "{draft}") return {T::draft, {}};
  // A wrapped URL after a literal prefix within the segment: "RU={url1}", "*-{url}".
  for (const auto& [token, type] :
       {std::pair{std::string_view("{url}"), T::url}, std::pair{std::string_view("{url1}"), T::url_segment},
        std::pair{std::string_view("{b64url}"), T::base64url}}) {
    if (s.size() >= token.size() && s.substr(s.size() - token.size()) == token) {
      const std::string_view prefix = s.substr(0, s.size() - token.size());
      if (prefix.find_first_of("{}|") != std::string_view::npos) table_error("bad prefix", entry);
      return {type, prefix};
    }
  }
  // A capture after a literal prefix: "u_{h}" (Reddit's profile subreddit),
  // "UU>UC{id}" (the prefix stands for another), "*-{n}" (after the
  // segment's last '-', something before it: Facebook's "/p/Jane-Doe-1000…/").
  for (const auto& [token, type] :
       {std::pair{std::string_view("{h}"), T::handle}, std::pair{std::string_view("{id}"), T::id},
        std::pair{std::string_view("{n}"), T::number}}) {
    if (s.size() > token.size() && s.substr(s.size() - token.size()) == token) {
      const std::string_view prefix = s.substr(0, s.size() - token.size());
      if (prefix.find_first_of("{}|@") != std::string_view::npos) table_error("bad prefix", entry);
      return {type, prefix};
    }
  }
  if (s.empty() || s.find('{') != std::string_view::npos) table_error("bad segment", entry);
  return {T::literal, s};
}

Shape compile_shape(std::string_view entry) {
  using T = PatternSegment::Type;
  const auto colon = entry.find(':');
  if (colon == std::string_view::npos) table_error("missing kind", entry);
  Shape shape;
  std::string_view kind = entry.substr(0, colon);
  if (const auto plus = kind.find('+'); plus != std::string_view::npos) {  // "profile+api", "profile+frame"
    shape.frame = kind.substr(plus + 1) == "frame";
    if (!shape.frame && kind.substr(plus + 1) != "api") table_error("unknown kind suffix", entry);
    shape.endpoint = true;
    kind = kind.substr(0, plus);
  }
  if (const auto dot = kind.find('.'); dot != std::string_view::npos) {  // "message.whatsapp"
    shape.channel = kind.substr(dot + 1);
    kind = kind.substr(0, dot);
  }
  shape.kind = parse_kind(kind);
  if ((shape.kind == Kind::message) != !shape.channel.empty()) table_error("a message shape names its channel", entry);
  std::string_view pattern = entry.substr(colon + 1);
  if (const auto hash = pattern.find('#'); hash != std::string_view::npos) {  // "#@{h}": from the fragment
    std::string_view fragment = pattern.substr(hash + 1);
    pattern = pattern.substr(0, hash);
    const T type = parse_segment(fragment, entry).type;
    if (type == T::literal || type == T::rest || type == T::url) table_error("bad fragment capture", entry);
    shape.fragment_capture = type;
  }
  const auto q = pattern.find('?');
  if (q != std::string_view::npos) {
    std::string_view query = pattern.substr(q + 1);
    pattern = pattern.substr(0, q);
    // "&names={draft}" after the first parameter: where a message's text is.
    if (const auto amp = query.find('&'); amp != std::string_view::npos) {
      std::string_view extra = query.substr(amp + 1);
      query = query.substr(0, amp);
      while (!extra.empty()) {
        const auto next = extra.find('&');
        const std::string_view item = extra.substr(0, next);
        const auto eq = item.find('=');
        if (eq == std::string_view::npos || parse_segment(item.substr(eq + 1), entry).type != T::draft)
          table_error("only {draft} parameters may follow the first", entry);
        shape.draft_params.push_back(item.substr(0, eq));
        extra = next == std::string_view::npos ? std::string_view() : extra.substr(next + 1);
      }
    }
    const auto eq = query.find('=');
    if (eq == std::string_view::npos) {
      shape.query_name = query;  // names of the parameter holding text or a URL
      shape.whole_query = query == "*";
    } else {
      shape.query_name = query.substr(0, eq);
      if (const auto key = shape.query_name.find(':'); key != std::string_view::npos) {  // "variables:screen_name"
        shape.query_json_key = shape.query_name.substr(key + 1);
        shape.query_name = shape.query_name.substr(0, key);
      }
      const PatternSegment capture = parse_segment(query.substr(eq + 1), entry);
      if (capture.type == T::literal || capture.type == T::url) table_error("bad query capture", entry);
      shape.query_capture = capture.type;
      shape.query_prefix = capture.text;
    }
  }
  if (pattern.empty() || pattern[0] != '/') table_error("pattern must start with '/'", entry);
  pattern.remove_prefix(1);
  while (!pattern.empty()) {
    const auto slash = pattern.find('/');
    shape.segments.push_back(parse_segment(pattern.substr(0, slash), entry));
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  for (const PatternSegment& segment : shape.segments) {
    const T type = segment.type;
    if (type != T::rest) ++shape.min_segments;
    shape.open |= type == T::rest || type == T::url || type == T::search_rest || type == T::url_segment ||
                  type == T::base64url;
  }
  shape.first_is_handle = !shape.segments.empty() && shape.segments[0].type == T::handle &&
                          shape.segments[0].text.empty();
  return shape;
}

// The buckets (first_byte_index()) of the paths a shape can match: its first
// words' first bytes when it starts with a word, else all of them.
std::uint32_t first_byte_buckets(const Shape& shape) {
  if (shape.segments.empty() || shape.segments[0].type != PatternSegment::Type::literal) return ~0u;
  const std::string_view words = shape.segments[0].text;
  std::uint32_t buckets = 1u << first_byte_index(words[0]);
  for (std::size_t i = 1; i < words.size(); ++i)
    if (words[i - 1] == '|') buckets |= 1u << first_byte_index(words[i]);
  return buckets;
}

}  // namespace

const Catalog& Catalog::get() {
  static const Catalog catalog;
  return catalog;
}

Catalog::Catalog()
    : platforms_(platform_table()), id_kinds_(platform_table().size(), 0), handle_bytes_(platform_table().size()) {
  for (std::size_t i = 0; i < platforms_.size(); ++i) {
    const PlatformSpec& p = platforms_[i];
    if (p.flags & kEmail) email_platform_ = static_cast<int>(i);
    if (p.flags & kPhone) phone_platform_ = static_cast<int>(i);
    // Ranges, not a test of each byte: this runs before a content script's
    // first decision, in code the engine has not optimised yet.
    std::array<bool, 256>& allowed = handle_bytes_[i];
    const auto allow = [&](std::size_t from, std::size_t to) {
      std::fill(allowed.begin() + static_cast<std::ptrdiff_t>(from),
                allowed.begin() + static_cast<std::ptrdiff_t>(to) + 1, true);
    };
    allow('0', '9');
    if (p.flags & kNumeric) continue;
    allow('a', 'z');
    allow('A', 'Z');
    for (char c : p.handle_chars) allowed[static_cast<unsigned char>(c)] = true;
    if (p.flags & kUnicode) allow(0x80, 0xFF);
  }
  for (const SiteSpec& spec : site_table()) {
    Site site;
    if (!spec.platform.empty()) {
      site.platform = static_cast<std::int16_t>(platform_index(spec.platform));
      if (site.platform < 0) table_error("unknown platform", spec.platform);
    }
    site.flags = spec.flags;
    site.prefixes.push_back("");
    for_each_word(spec.prefixes, [&](std::string_view p) { site.prefixes.push_back(p); });
    for_each_word(spec.reserved, [&](std::string_view r) {
      site.reserved.insert(r, 1);
      const std::uint32_t mark = reserved_mark(r);
      site.reserved_marks[mark >> 5] |= 1u << (mark & 31);
    });
    if (site.reserved.size() > 0) site.reserved.reserve(site.reserved.size() * 4, 0);  // sparse, as hosts_ below
    for_each_word(spec.shapes, [&](std::string_view s) { site.shapes.push_back(compile_shape(s)); });
    if (site.shapes.size() > 32) table_error("more than 32 shapes", spec.hosts);
    for (std::size_t i = 0; i < site.shapes.size(); ++i) {
      const std::uint32_t bit = 1u << i, buckets = first_byte_buckets(site.shapes[i]);
      site.all_shapes |= bit;
      for (std::size_t b = 0; b < site.shapes_by_first.size(); ++b)
        if (buckets & (1u << b)) site.shapes_by_first[b] |= bit;
    }
    const auto index = static_cast<std::uint32_t>(sites_.size());
    for_each_word(spec.hosts, [&](std::string_view h) {
      const bool any_tld = h.size() > 2 && h.substr(h.size() - 2) == ".*";
      const std::string_view key = any_tld ? h.substr(0, h.size() - 2) : h;
      if ((any_tld ? any_tld_ : hosts_).insert(key, index) != index) table_error("host listed twice", h);
      const auto bit = static_cast<std::uint32_t>(KeyIndex::hash(key) >> kHostFilterShift);
      host_filter_[bit / 64] |= std::uint64_t{1} << (bit % 64);
    });
    if (spec.platform == "mastodon" && mastodon_site_ < 0) mastodon_site_ = static_cast<int>(index);
    if (site.platform >= 0)
      for (const Shape& shape : site.shapes) {
        auto note = [&](PatternSegment::Type t) {
          if (t == PatternSegment::Type::id) id_kinds_[static_cast<std::size_t>(site.platform)] |= 1;
          if (t == PatternSegment::Type::number) id_kinds_[static_cast<std::size_t>(site.platform)] |= 2;
        };
        for (const PatternSegment& seg : shape.segments) note(seg.type);
        note(shape.query_capture);
      }
    sites_.push_back(std::move(site));
  }
  // Most hosts a decision asks about are not in the catalog, and a miss
  // walks the probe run to an empty slot, comparing each key on the way:
  // at a quarter of the usual load, a miss is mostly one empty slot.
  hosts_.reserve(hosts_.size() * 4, 0);
  any_tld_.reserve(any_tld_.size() * 4, 0);
}

int Catalog::platform_index(std::string_view id) const {
  for (std::size_t i = 0; i < platforms_.size(); ++i)
    if (platforms_[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace deadbolt
