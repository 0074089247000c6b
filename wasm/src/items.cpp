#include "deadbolt/items.h"

#include "deadbolt/instances.h"
#include "deadbolt/text.h"

#include <cstdint>

namespace deadbolt {
namespace {

bool starts_with_slashes(std::string_view href) {
  return href.size() >= 2 && (href[0] == '/' || href[0] == '\\') && (href[1] == '/' || href[1] == '\\');
}

bool is_absolute_http(std::string_view href) { return istarts_with(href, "https://") || istarts_with(href, "http://"); }

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  return text;
}

// A handle's folded form for the word filter: ASCII lower case, no dots
// (Facebook ignores them; elsewhere folding only widens the filter).
bool is_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == ':' || c >= 0x80;
}

// Query values longer than this may carry a wrapped URL in an encoding the
// word test cannot read (base64): the Engine decides those.
constexpr std::size_t kMaxPlainQueryValue = 32;

// No platform's handle is longer (Mastodon's user part, Bluesky's domains).
constexpr std::size_t kMaxFoldedWord = 256;

// Folds `word` into `out` (on the caller's stack): its length, 0 when it
// folds to nothing or is longer than any handle.
std::size_t fold_word(std::string_view word, char (&out)[kMaxFoldedWord]) {
  std::size_t n = 0;
  for (char c : word) {
    if (c == '.' || !is_word_char(static_cast<unsigned char>(c))) continue;
    if (n == kMaxFoldedWord) return 0;
    out[n++] = ascii_lower(c);
  }
  return n;
}

// The literal prefixes the catalog's captures start with ("u_{h}": Reddit's
// profile subreddit; "UU>UC{id}": a channel's uploads playlist), the part
// written in URLs. A word that starts with one names its account only
// through the Engine's reading of it: it is never a listed handle as it is.
const std::vector<std::string_view>& capture_prefixes() {
  static const std::vector<std::string_view> prefixes = [] {
    std::vector<std::string_view> out;
    auto add = [&](PatternSegment::Type type, std::string_view text) {
      using T = PatternSegment::Type;
      if ((type != T::handle && type != T::id && type != T::number) || text.empty()) return;
      text = text.substr(0, text.find('>'));
      for (std::string_view known : out)
        if (iequals(known, text)) return;
      out.push_back(text);
    };
    for (const Site& site : Catalog::get().sites())
      for (const Shape& shape : site.shapes) {
        for (const PatternSegment& segment : shape.segments) add(segment.type, segment.text);
        add(shape.query_capture, shape.query_prefix);
      }
    return out;
  }();
  return prefixes;
}

}  // namespace

void ItemDecider::refresh() {
  names_.build(engine_);
  words_.clear();
  first_chars_.reset();
  min_word_ = SIZE_MAX;
  max_word_ = 0;
  // Sized once: folded words are never longer than their keys.
  words_.reserve(engine_.account_key_count(), engine_.account_key_bytes());
  // A handle's keys come in pairs, "x:jane" then its id form "x#jane": the
  // second names the word just added, and is not looked up again.
  std::string_view previous;
  engine_.for_each_account_key([&](std::string_view key) {
    // "platform:handle" or "platform#id" (a plain loop: find_first_of
    // calls memchr once per character).
    std::size_t start = 0;
    while (start < key.size() && key[start] != ':' && key[start] != '#') ++start;
    std::string_view handle = start == key.size() ? key : key.substr(start + 1);
    if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
    handle = handle.substr(0, handle.find('@'));  // user@instance: the user
    if (handle == previous) return;
    previous = handle;
    char folded[kMaxFoldedWord];
    const std::size_t n = fold_word(handle, folded);
    if (n == 0) return;
    words_.insert(std::string_view(folded, n), 0);
    first_chars_.set(static_cast<unsigned char>(folded[0]));
    min_word_ = std::min(min_word_, n);
    max_word_ = std::max(max_word_, n);
  });
}

bool ItemDecider::word_listed(std::string_view word) const {
  // Folded into a buffer on the stack: most words fail on length or first
  // character before any hashing.
  char folded[kMaxFoldedWord];
  const std::size_t n = fold_word(word, folded);
  if (n == 0 || n < min_word_ || n > max_word_ || !first_chars_.test(static_cast<unsigned char>(folded[0])))
    return false;
  return words_.find(std::string_view(folded, n)) != KeyIndex::kMissing;
}

bool ItemDecider::may_name_listed(std::string_view href) const {
  // Another host, or a scheme or authority of its own: the Engine decides.
  std::string_view rest = href;
  if (is_absolute_http(rest)) {
    rest.remove_prefix(rest.find("//") + 2);
    if (!istarts_with(rest, page_.host) || rest.size() == page_.host.size() || rest[page_.host.size()] != '/')
      return true;
    rest.remove_prefix(page_.host.size());
  } else if (starts_with_slashes(rest) || rest.find(':') < rest.find_first_of("/?#")) {
    return true;
  }
  std::size_t value_start = std::string_view::npos;
  for (std::size_t i = 0; i <= rest.size(); ++i) {
    const unsigned char c = i < rest.size() ? static_cast<unsigned char>(rest[i]) : '#';
    if (c == '%' || c == '\\' || c >= 0x80 || c <= ' ') return true;
    if (c == '=') value_start = i + 1;
    if ((c == '&' || c == '#') && value_start != std::string_view::npos) {
      if (i - value_start > kMaxPlainQueryValue) return true;
      value_start = std::string_view::npos;
    }
  }
  // Each word, whole and in its ':' and '.' parts, against the listed handles.
  for (std::size_t i = 0; i < rest.size();) {
    if (!is_word_char(static_cast<unsigned char>(rest[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < rest.size() && is_word_char(static_cast<unsigned char>(rest[end]))) ++end;
    const std::string_view word = rest.substr(i, end - i);
    if (word_listed(word)) return true;
    for (std::string_view prefix : capture_prefixes()) {
      if (prefix[0] == '*') {  // "*-{n}": the part after the word's last "-"
        if (word_listed(after_last_separator(prefix, word))) return true;
      } else if (word.size() > prefix.size() && istarts_with(word, prefix)) {
        return true;  // the Engine reads it
      }
    }
    for (char sep : {':', '.'}) {
      if (word.find(sep) == std::string_view::npos) continue;
      for (std::size_t p = 0; p <= word.size();) {
        std::size_t q = word.find(sep, p);
        if (q == std::string_view::npos) q = word.size();
        if (q > p && word_listed(word.substr(p, q - p))) return true;
        p = q + 1;
      }
    }
    i = end;
  }
  return false;
}

const FeedMarkup* feed_markup_for_platform(int platform) {
  if (platform < 0) return nullptr;
  const std::string_view id = Catalog::get().platforms()[static_cast<std::size_t>(platform)].id;
  for (const FeedMarkup& markup : feed_table())
    if (markup.platform == id) return &markup;
  return nullptr;
}

const FeedMarkup* feed_markup_for_host(std::string_view page_host) {
  std::string_view prefix;
  const int site = Catalog::get().find_site(page_host, prefix);
  if (site < 0) return nullptr;
  return feed_markup_for_platform(Catalog::get().sites()[static_cast<std::size_t>(site)].platform);
}

const FeedMarkup* feed_markup_for_page(std::string_view page_host, std::string_view instances) {
  if (const FeedMarkup* markup = feed_markup_for_host(page_host)) return markup;
  if (!instance_listed(page_host, instances)) return nullptr;
  for (const FeedMarkup& markup : feed_table())
    if (markup.platform == instance_platform()) return &markup;
  return nullptr;
}

bool ItemDecider::begin(std::string_view page) {
  verdict_ = ItemVerdict{};
  last_.clear();
  page_ok_ = page_parser_.parse(page, page_);
  markup_ = page_ok_ ? feed_markup_for_page(page_.host, instances_) : nullptr;
  return page_ok_;
}

void ItemDecider::decide_absolute(std::string_view url) {
  const Verdict& v = engine_.decide(url);
  if (!v.block || v.identity.kind == Kind::search) return;
  handle_.clear();
  if (!append_account_key(Catalog::get(), v.identity.platform, v.identity.capture, v.identity.handle, handle_)) return;
  // The key is "<platform>:<handle>" or "<platform>#<id>": keep the handle.
  const std::size_t cut = Catalog::get().platforms()[static_cast<std::size_t>(v.identity.platform)].id.size() + 1;
  verdict_.hide = true;
  verdict_.person = v.person;
  verdict_.platform = v.identity.platform;
  verdict_.handle = std::string_view(handle_).substr(std::min(cut, handle_.size()));
}

void ItemDecider::link(std::string_view href, bool author) {
  if (verdict_.hide || !page_ok_ || (!author && !mentions_)) return;
  // Items repeat their author's link (avatar, name, timestamp): decide once.
  if (href == last_) return;
  last_.assign(href.data(), href.size());
  if (!may_name_listed(href)) return;
  if (is_absolute_http(href)) return decide_absolute(href);
  if (!link_parser_.parse(href, link_, &page_)) return;
  resolved_.clear();
  resolved_.append(link_.scheme).append("://").append(link_.host).append(link_.path);
  if (link_.has_query) resolved_.append("?").append(link_.query);
  if (!link_.fragment.empty()) resolved_.append("#").append(link_.fragment);
  decide_absolute(resolved_);
}

void ItemDecider::attribute(std::string_view name, std::string_view value) {
  if (verdict_.hide || !page_ok_ || markup_ == nullptr) return;
  value = trim_spaces(value);
  for (const FeedIdentity& id : markup_->identities) {
    if (id.attribute.empty() || id.attribute != name || value.substr(0, id.prefix.size()) != id.prefix) continue;
    std::string_view handle = value.substr(id.prefix.size());
    if (!id.end.empty()) {
      const std::size_t stop = handle.find(id.end);
      if (stop == std::string_view::npos) continue;
      handle = handle.substr(0, stop);
    }
    if (id.href.empty()) {  // a display name
      const int person = names_.person_named(handle);
      if (person < 0) continue;
      verdict_.hide = true;
      verdict_.person = person;
      verdict_.platform = Catalog::get().platform_index(markup_->platform);
      return;
    }
    resolved_.clear();
    if (!append_handle_link(resolved_, page_.scheme, page_.host, id.href, handle)) continue;
    decide_absolute(resolved_);
    if (verdict_.hide) return;
  }
}

}  // namespace deadbolt
