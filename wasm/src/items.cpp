#include "deadbolt/items.h"

#include "deadbolt/text.h"

namespace deadbolt {
namespace {

bool is_absolute_http(std::string_view href) {
  return istarts_with(href, "https://") || istarts_with(href, "http://");
}

// An author attribute's value becomes one path segment: anything that would
// reach beyond it is not a handle.
bool plain_segment(std::string_view value) {
  if (value.empty() || value == "." || value == "..") return false;
  for (char c : value)
    if (c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || static_cast<unsigned char>(c) <= ' ')
      return false;
  return true;
}

}  // namespace

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

bool hidden_in_feeds(const Person& person) {
  if (!person.source.is_object()) return true;
  const auto it = person.source.find("feeds");
  return it == person.source.end() || !it->is_boolean() || it->get<bool>();
}

Blocklist feed_list(const Blocklist& list) {
  Blocklist out;
  out.source = list.source;
  for (const Person& person : list.people)
    if (hidden_in_feeds(person)) out.people.push_back(person);
  return out;
}

bool ItemDecider::begin(std::string_view page) {
  verdict_ = ItemVerdict{};
  last_.clear();
  page_ok_ = page_parser_.parse(page, page_);
  markup_ = page_ok_ ? feed_markup_for_host(page_.host) : nullptr;
  return page_ok_;
}

void ItemDecider::decide_absolute(std::string_view url) {
  const Verdict& v = engine_.decide(url);
  if (!v.block || v.identity.kind == Kind::search) return;
  handle_.clear();
  if (!append_account_key(Catalog::get(), v.identity.platform, v.identity.capture, v.identity.handle, handle_))
    return;
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
  for (const FeedAttribute& attr : markup_->attributes) {
    if (attr.name.empty() || attr.name != name || value.substr(0, attr.prefix.size()) != attr.prefix) continue;
    const std::string_view handle = value.substr(attr.prefix.size());
    if (!plain_segment(handle)) continue;
    const std::size_t slot = attr.href.find("{}");
    if (slot == std::string_view::npos) continue;
    resolved_.clear();
    resolved_.append(page_.scheme).append("://").append(page_.host);
    resolved_.append(attr.href.substr(0, slot)).append(handle).append(attr.href.substr(slot + 2));
    decide_absolute(resolved_);
    if (verdict_.hide) return;
  }
}

}  // namespace deadbolt
