#include "deadbolt/instances.h"

#include "deadbolt/catalog.h"
#include "deadbolt/items.h"
#include "deadbolt/text.h"
#include "deadbolt/url.h"

namespace deadbolt {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  return text;
}

// A registrable name: labels of letters, digits and '-' (IDNs arrive as
// punycode from the URL parser), at least two, the last not all digits (no
// IP addresses: no one's instance is one, and a match pattern wants a name).
bool instance_name(std::string_view host) {
  if (host.size() < 3 || host.size() > 253 || host.find('.') == std::string_view::npos) return false;
  std::size_t label = 0;
  bool digits_only = true;
  for (std::size_t i = 0; i <= host.size(); ++i) {
    const char c = i < host.size() ? host[i] : '.';
    if (c == '.') {
      if (label == 0 || label > 63) return false;
      if (i == host.size() && digits_only) return false;
      label = 0;
      digits_only = true;
      continue;
    }
    const bool letter = (c >= 'a' && c <= 'z') || c == '-';
    if (!letter && !(c >= '0' && c <= '9')) return false;
    digits_only = digits_only && !letter;
    ++label;
  }
  return host.front() != '-' && host.back() != '-';
}

}  // namespace

InstanceReading read_instance(std::string_view text) {
  InstanceReading out;
  text = trimmed(text);
  // "@me@social.example": their own handle names the instance.
  if (!text.empty() && text.front() == '@' && text.find('/') == std::string_view::npos) {
    const std::size_t at = text.rfind('@');
    if (at == 0) {
      out.error = "not-a-host";
      return out;
    }
    text.remove_prefix(at + 1);
  }
  std::string url;
  if (text.find("://") == std::string_view::npos) url = "https://";
  url.append(text.data(), text.size());
  UrlParser parser;
  Url parsed;
  if (!parser.parse(url, parsed)) {
    out.error = "not-a-host";
    return out;
  }
  std::string_view host = parsed.host;
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (!instance_name(host)) {
    out.error = "not-a-host";
    return out;
  }
  std::string_view prefix;
  const int site = Catalog::get().find_site(host, prefix);
  if (site >= 0) {
    // A catalogued instance is served already; another platform's host is
    // not a fediverse instance.
    const Catalog& catalog = Catalog::get();
    const bool mastodon = catalog.sites()[static_cast<std::size_t>(site)].platform ==
                          catalog.platform_index(instance_platform());
    out.error = mastodon ? "covered" : "other-platform";
    return out;
  }
  out.host.assign(host.data(), host.size());
  return out;
}

bool instance_listed(std::string_view host, std::string_view instances) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) return false;
  while (!instances.empty()) {
    const std::size_t end = instances.find('\n');
    const std::string_view one = trimmed(instances.substr(0, end));
    if (one.size() == host.size()) {
      bool same = true;
      for (std::size_t i = 0; i < one.size() && same; ++i) same = ascii_lower(one[i]) == host[i];
      if (same) return true;
    }
    if (end == std::string_view::npos) break;
    instances.remove_prefix(end + 1);
  }
  return false;
}

}  // namespace deadbolt
