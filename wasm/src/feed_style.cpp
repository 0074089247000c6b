#include "deadbolt/feed_style.h"

#include <algorithm>

#include "deadbolt/catalog.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

// Calls `fn` for each selector of a comma-separated list, at the top level
// only (commas inside :is(), :not() or an attribute value belong to it).
template <typename Fn>
void for_each_selector(std::string_view list, Fn fn) {
  int depth = 0;
  char quote = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= list.size(); ++i) {
    const char c = i < list.size() ? list[i] : ',';
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      std::string_view s = list.substr(start, i - start);
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
      if (!s.empty()) fn(s);
      start = i + 1;
    }
  }
}

// Inside a CSS string: quotes and backslashes escaped. A handle never holds
// a control character (the catalog's handle syntax); one would end it here.
void append_css_string_part(std::string& out, std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) return;
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
}

}  // namespace

std::string feed_style(const Engine& engine, const FeedMarkup& markup, const std::vector<int>& people) {
  std::string out;
  if (people.empty() || markup.items.find(":has(") != std::string_view::npos) return out;
  const Catalog& catalog = Catalog::get();
  const int platform = catalog.platform_index(markup.platform);
  if (platform < 0) return out;
  const PlatformSpec& spec = catalog.platforms()[static_cast<std::size_t>(platform)];
  if (spec.flags & (kIgnoreDots | kFederated | kEmail | kPhone)) return out;
  const char* flag = (spec.flags & kCaseSensitive) ? "\"]" : "\" i]";

  // [href="/jane" i],[href="/jane/" i],…: every listed handle of the
  // platform in every form the catalog says its links take. Keys are
  // "platform:handle", the handle canonical (lower case where case does not
  // count, hence the " i"); non-ASCII ones are left to the content script
  // (a page may write them percent-encoded or not).
  //
  // [data-testid="feedItem-by-jane.bsky.social" i],…: the same handles in
  // the identities an item carries on itself (Reddit's author attribute,
  // Bluesky's test id), which name the item's own author whatever is
  // nested in it, when the attribute's whole value is the handle after a
  // prefix.
  std::string links, named;
  engine.for_each_account_key([&](std::string_view key) {
    if (key.size() <= spec.id.size() + 1 || key.substr(0, spec.id.size()) != spec.id || key[spec.id.size()] != ':')
      return;
    const std::string_view handle = key.substr(spec.id.size() + 1);
    if (std::find(people.begin(), people.end(), engine.person_of_key(key)) == people.end()) return;
    for (char c : handle)
      if (static_cast<unsigned char>(c) >= 0x80) return;
    for_each_word(markup.profile_hrefs, [&](std::string_view form) {
      const std::size_t at = form.find("{}");
      if (at == std::string_view::npos) return;
      links += links.empty() ? "[href=\"" : ",[href=\"";
      append_css_string_part(links, form.substr(0, at));
      append_css_string_part(links, handle);
      append_css_string_part(links, form.substr(at + 2));
      links += flag;
    });
    for (const FeedIdentity& identity : markup.identities) {
      if (identity.attribute.empty() || identity.attribute[0] == '#' || !identity.selector.empty() ||
          !identity.end.empty())
        continue;
      named += named.empty() ? "[" : ",[";
      named.append(identity.attribute).append("=\"");
      append_css_string_part(named, identity.prefix);
      append_css_string_part(named, handle);
      named += flag;
    }
  });

  // An item with no item inside it, so that every link in it is its own
  // (a link's innermost item owns it). Asking the link instead whether it
  // sits inside a second item made the browser match ancestors on every
  // restyle: a 2,000-item scroll's style time grew 3-6 times as much. The
  // links come first: browsers check a compound in order, and most items
  // fail there, before the walk for nested items.
  std::string by_link = ":not([style*=\"visibility\"]):has(a:is(";
  by_link.append(links).append(")):not(:has(").append(markup.items).append("))");
  std::string by_name = ":not([style*=\"visibility\"]):is(";
  by_name.append(named).append(")");
  // One selector per item selector, so that each is looked up by its own key.
  for_each_selector(markup.items, [&](std::string_view item) {
    for (const std::string* rest : {&by_link, &by_name}) {
      if (rest == &by_link ? links.empty() : named.empty()) continue;
      if (!out.empty()) out += ",\n";
      out.append(item).append(*rest);
    }
  });
  if (!out.empty()) out += " { display: none !important; }\n";
  return out;
}

}  // namespace deadbolt
