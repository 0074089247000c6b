// The host and handle questions the matcher asks of the compiled catalog
// on every decision (catalog_compile.cpp builds it from catalog_data.cpp).
#include "deadbolt/catalog.h"

#include "deadbolt/contact_address.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

bool is_lower_alpha(char c) { return c >= 'a' && c <= 'z'; }

bool label_matches(std::string_view token, std::string_view label) {
  if (same_text(token, label)) return true;  // most tokens are words: "www", "m"
  if (token.empty() || (token[0] != '{' && token[0] != '*')) return false;
  if (token == "{cc}") return label.size() == 2 && is_lower_alpha(label[0]) && is_lower_alpha(label[1]);
  if (token == "{locale}")
    return label.size() == 5 && is_lower_alpha(label[0]) && is_lower_alpha(label[1]) &&
           (label[2] == '-' || label[2] == '_') && is_lower_alpha(label[3]) && is_lower_alpha(label[4]);
  if (token == "*") return !label.empty() && label.find('.') == std::string_view::npos;
  return false;
}

}  // namespace

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::none: return "none";
    case Kind::profile: return "profile";
    case Kind::story: return "story";
    case Kind::post: return "post";
    case Kind::search: return "search";
    case Kind::viewer: return "viewer";
    case Kind::archive: return "archive";
    case Kind::proxy: return "proxy";
    case Kind::redirect: return "redirect";
    case Kind::message: return "message";
  }
  return "none";
}

int Catalog::find_site(std::string_view host, std::string_view& prefix) const {
  // Where the last few labels start (starts[k]: the k-th from the end), then
  // their suffixes from the longest: the most specific is tried first
  // ("l.facebook.com" before "facebook.com"). Suffixes longer than any
  // catalog host plus a prefix label could never match. (Hosts met before
  // are remembered by the identifier: this runs for a host's first URL.)
  constexpr std::size_t kMaxLabels = 8;
  std::size_t starts[kMaxLabels];
  std::size_t n = 0;
  for (std::size_t i = host.size(); i-- > 0 && n < kMaxLabels;)
    if (i == 0 || host[i - 1] == '.') starts[n++] = i;
  for (std::size_t k = n; k-- > 0;) {  // longest first
    const std::string_view suffix = host.substr(starts[k]);
    const std::uint64_t suffix_hash = KeyIndex::hash(suffix);
    if (!may_be_listed(suffix_hash)) continue;
    const std::uint32_t site = hosts_.find(suffix, suffix_hash);
    if (site != KeyIndex::kMissing) {
      prefix = host.substr(0, starts[k] == 0 ? 0 : starts[k] - 1);
      return static_cast<int>(site);
    }
  }
  // "name.tld" or "name.co.tld" / "name.com.tld": any country domain. Label
  // k (from the end) runs from starts[k] to the dot before starts[k - 1].
  for (std::size_t k = 1; k < n && k <= 2; ++k) {
    if (k == 2 && starts[0] - 1 - starts[1] > 3) break;  // co, com, net, org…
    const std::string_view name = host.substr(starts[k], starts[k - 1] - 1 - starts[k]);
    const std::uint64_t name_hash = KeyIndex::hash(name);
    if (!may_be_listed(name_hash)) continue;
    const std::uint32_t site = any_tld_.find(name, name_hash);
    if (site != KeyIndex::kMissing) {
      prefix = host.substr(0, starts[k] == 0 ? 0 : starts[k] - 1);
      return static_cast<int>(site);
    }
  }
  return -1;
}

bool Catalog::prefix_allowed(const Site& site, std::string_view prefix) const {
  for (std::string_view token : site.prefixes)
    if (label_matches(token, prefix)) return true;
  return false;
}

bool Catalog::valid_handle(int platform, std::string_view handle) const {
  if (platform < 0) return false;
  const PlatformSpec& p = platforms_[static_cast<std::size_t>(platform)];
  if (p.flags & kEmail) return email_problem(handle).empty();
  if (p.flags & kPhone) return phone_problem(handle).empty();
  if (handle.size() < p.min_len || handle.size() > p.max_len) return false;
  const std::array<bool, 256>& allowed = handle_bytes_[static_cast<std::size_t>(platform)];
  for (char c : handle)
    if (!allowed[static_cast<unsigned char>(c)]) return false;
  return true;
}

}  // namespace deadbolt
