#include "deadbolt/profile_input.h"

#include "deadbolt/contact_address.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string describe_handle_rule(const Catalog& catalog, int platform) {
  const PlatformSpec& p = catalog.platforms()[static_cast<std::size_t>(platform)];
  if (p.flags & kFederated) return "a " + std::string(p.name) + " handle looks like @user@instance";
  if (p.flags & kEmail) return "an email address looks like name@example.com";
  if (p.flags & kPhone) return "a phone number is written with its country code: +1 555 123 4567";
  if (p.flags & kNumeric) return std::string(p.name) + " accounts are numbers";
  std::string chars = "letters, digits";
  for (char c : p.handle_chars) chars += std::string(", '") + c + "'";
  return std::string(p.name) + " handles use " + chars + "; " + std::to_string(p.min_len) + " to " +
         std::to_string(p.max_len) + " characters";
}

ProfileInput read_profile_input(Identifier& identifier, std::string_view text, std::string_view platform_id) {
  const Catalog& catalog = Catalog::get();
  ProfileInput out;
  text = trim(text);
  if (text.empty()) {
    out.error = "Paste a link to their profile, or pick the platform and type their handle.";
    out.error_code = "empty";
    return out;
  }
  if (text.size() > 2048) {
    out.error = "That is too long to be a profile link.";
    out.error_code = "too-long";
    return out;
  }
  // A pasted address or number, with or without "mailto:" or "tel:", is one
  // when no other platform is picked.
  const int email = catalog.email_platform(), phone = catalog.phone_platform();
  const bool mailto = istarts_with(text, "mailto:"), tel = istarts_with(text, "tel:");
  const int picked = platform_id.empty() ? -1 : catalog.platform_index(platform_id);
  std::size_t digits = 0, letters = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
  }
  const bool looks_like_email = text.front() != '@' && text.find('@') != std::string_view::npos &&
                                text.find('/') == std::string_view::npos &&
                                text.find('.', text.rfind('@')) != std::string_view::npos;
  const bool looks_like_phone = tel || (letters == 0 && digits >= 5 && text.find('@') == std::string_view::npos &&
                                        text.find('/') == std::string_view::npos);
  if ((picked < 0 && (mailto || looks_like_email)) || (picked >= 0 && picked == email)) {
    out.platform = email;
    std::string_view address = mailto ? text.substr(7) : text;
    address = address.substr(0, address.find('?'));
    if (const std::string problem = email_problem(address); !problem.empty()) {
      out.error = "That isn't an email address: " + problem + ".";
      out.error_code = "bad-email";
      return out;
    }
    out.handle = std::string(trim(address));
    return out;
  }
  if ((picked < 0 && looks_like_phone) || (picked >= 0 && picked == phone)) {
    out.platform = phone;
    if (const std::string problem = phone_problem(text); !problem.empty()) {
      out.error = "That isn't a phone number: " + problem + ".";
      out.error_code = "bad-phone";
      return out;
    }
    append_phone_digits(text, out.handle);
    return out;
  }
  // A link: with or without its scheme ("instagram.com/janedoe").
  const bool looks_like_link = text.find('/') != std::string_view::npos ||
                               (text.find('.') != std::string_view::npos && text.find('@') == std::string_view::npos);
  if (looks_like_link) {
    std::string url(text);
    if (!istarts_with(url, "http:") && !istarts_with(url, "https:")) url = "https://" + url;
    Identity id;
    if (identifier.identify(url, id) && id.kind != Kind::search && !id.handle.empty()) {
      out.platform = id.platform;
      out.capture = id.capture;
      out.handle.assign(id.handle.data(), id.handle.size());
      return out;
    }
    if (platform_id.empty()) {
      out.error = "That link isn't a profile Deadbolt recognises. Pick the platform and type their handle instead.";
      out.error_code = "not-a-profile";
      return out;
    }
  }
  // A handle: "@user@instance" needs no platform; others do.
  std::string_view handle = text;
  const bool federated_form = handle.size() > 1 && handle.find('@', 1) != std::string_view::npos;
  int platform = platform_id.empty() ? -1 : catalog.platform_index(platform_id);
  if (platform < 0 && federated_form) platform = catalog.platform_index("mastodon");
  if (platform < 0 || (catalog.platforms()[static_cast<std::size_t>(platform)].flags & kSearchEngine)) {
    out.error = platform_id.empty() ? "Pick the platform for this handle." : "Deadbolt doesn't know that platform.";
    out.error_code = platform_id.empty() ? "pick-platform" : "unknown-platform";
    return out;
  }
  out.platform = platform;
  if (!normalise_handle(catalog, platform, handle, out.capture, out.handle)) {
    out.error = "That isn't a handle: " + describe_handle_rule(catalog, platform) + ".";
    out.error_code = "bad-handle";
  }
  return out;
}

bool normalise_handle(const Catalog& catalog, int platform, std::string_view handle, Capture& capture,
                      std::string& out) {
  const PlatformSpec& p = catalog.platforms()[static_cast<std::size_t>(platform)];
  if (p.flags & kEmail) {  // kept as written (trimmed): its key folds case, and Gmail's dots and tags
    if (!email_problem(handle).empty()) return false;
    capture = Capture::handle;
    handle = trim(handle);
    if (istarts_with(handle, "mailto:")) handle.remove_prefix(7);
    out.assign(handle.data(), handle.size());
    return true;
  }
  if (p.flags & kPhone) {  // kept as its digits: "+1 (555) 123-4567" is 15551234567
    capture = Capture::handle;
    out.clear();
    return append_phone_digits(handle, out);
  }
  if (!handle.empty() && handle[0] == '@') handle.remove_prefix(1);
  if (p.flags & kFederated) {
    const auto at = handle.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= handle.size() ||
        handle.find('.', at) == std::string_view::npos)
      return false;
    capture = Capture::federated;
    out = "@";
    out.append(handle.data(), handle.size());
    return true;
  }
  const bool number = !handle.empty() && handle.find_first_not_of("0123456789") == std::string_view::npos;
  if (!catalog.valid_handle(platform, handle) && !(number && catalog.has_numbers(platform)) &&
      !(is_id(handle) && catalog.has_ids(platform)))
    return false;
  capture = Capture::handle;
  out.assign(handle.data(), handle.size());
  return true;
}

}  // namespace deadbolt
