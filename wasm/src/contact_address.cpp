#include "deadbolt/contact_address.h"

#include "deadbolt/text.h"

namespace deadbolt {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// RFC 5322 "atext" plus '.', the characters of an unquoted local part.
bool local_char(char c) {
  return is_alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-.").find(c) != std::string_view::npos;
}

bool is_gmail(std::string_view domain) { return iequals(domain, "gmail.com") || iequals(domain, "googlemail.com"); }

bool phone_separator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\t';
}

}  // namespace

std::string email_problem(std::string_view address) {
  address = trim(address);
  if (address.size() >= 7 && iequals(address.substr(0, 7), "mailto:")) address.remove_prefix(7);
  const auto at = address.rfind('@');
  if (at == std::string_view::npos) return "an email address needs an '@'";
  if (address.find('@') != at) return "an email address has only one '@'";
  const std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (local.empty()) return "nothing before the '@'";
  if (local.size() > 64) return "more than 64 characters before the '@'";
  if (address.size() > 254) return "longer than 254 characters";
  for (char c : local)
    if (!local_char(c)) return std::string("'") + c + "' cannot be in an email address";
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos)
    return "a '.' cannot start or end the part before the '@', or follow another '.'";
  if (domain.empty()) return "nothing after the '@'";
  if (domain.find('.') == std::string_view::npos) return "the part after the '@' needs a dot (example.com)";
  std::size_t label = 0;
  for (std::size_t i = 0; i <= domain.size(); ++i) {
    if (i == domain.size() || domain[i] == '.') {
      const std::string_view l = domain.substr(label, i - label);
      if (l.empty() || l.front() == '-' || l.back() == '-') return "the part after the '@' is not a domain name";
      label = i + 1;
    } else if (!is_alnum(domain[i]) && domain[i] != '-') {
      return std::string("'") + domain[i] + "' cannot be in a domain name";
    }
  }
  return {};
}

bool append_email_key(std::string_view address, std::string& out) {
  address = trim(address);
  if (address.size() >= 7 && iequals(address.substr(0, 7), "mailto:")) address.remove_prefix(7);
  if (!email_problem(address).empty()) return false;
  const auto at = address.rfind('@');
  std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (is_gmail(domain)) {
    local = local.substr(0, local.find('+'));
    append_ascii_lower(out, local, /*drop_dots=*/true);
    out += "@gmail.com";
    return true;
  }
  append_ascii_lower(out, address);
  return true;
}

std::string phone_problem(std::string_view number) {
  number = trim(number);
  if (number.size() >= 4 && iequals(number.substr(0, 4), "tel:")) number.remove_prefix(4);
  if (number.empty()) return "a phone number needs digits";
  bool plus = false;
  if (number.front() == '+') {
    plus = true;
    number.remove_prefix(1);
  }
  std::size_t digits = 0;
  char first = 0;
  for (char c : number) {
    if (c >= '0' && c <= '9') {
      if (digits++ == 0) first = c;
    } else if (c == '+') {
      return "a '+' only goes at the start";
    } else if (!phone_separator(c)) {
      return std::string("'") + c + "' cannot be in a phone number";
    }
  }
  std::string_view all = number;
  if (!plus) {  // "00" is the international prefix too
    std::string compact;
    for (char c : all)
      if (c >= '0' && c <= '9') compact += c;
    if (compact.size() > 2 && compact[0] == '0' && compact[1] == '0') {
      digits -= 2;
      first = compact[2];
    } else if (first == '0') {
      return "write it with the country code, as +44 7700 900123 (not a 0 at the start)";
    }
  }
  if (first == '0') return "a country code never starts with 0";
  if (digits < kMinPhoneDigits)
    return "too short: " + std::to_string(digits) + " digits, with the country code at least 7";
  if (digits > kMaxPhoneDigits)
    return "too long: " + std::to_string(digits) + " digits, at most 15 with the country code";
  return {};
}

bool append_phone_digits(std::string_view number, std::string& out) {
  if (!phone_problem(number).empty()) return false;
  number = trim(number);
  if (number.size() >= 4 && iequals(number.substr(0, 4), "tel:")) number.remove_prefix(4);
  const bool plus = !number.empty() && number.front() == '+';
  const std::size_t start = out.size();
  for (char c : number)
    if (c >= '0' && c <= '9') out += c;
  if (!plus && out.compare(start, 2, "00") == 0) out.erase(start, 2);
  return true;
}

std::size_t country_code_length(std::string_view d) {
  if (d.empty()) return 0;
  if (d[0] == '1' || d[0] == '7') return 1;  // North America; Russia and Kazakhstan
  if (d.size() < 2) return 1;
  // The two-digit codes of ITU-T E.164; every other code has three digits.
  static constexpr std::string_view kTwo =
      "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 "
      "60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98";
  for (std::size_t i = 0; i + 1 < kTwo.size(); i += 3)
    if (kTwo[i] == d[0] && kTwo[i + 1] == d[1]) return 2;
  return 3;
}

std::string_view trunk_prefix(std::string_view digits) {
  // The national trunk prefixes that are not "0" (ITU-T's national
  // numbering plans as listed by Wikipedia's "Trunk prefix", read
  // 2026-12-07): by country calling code.
  static constexpr std::pair<std::string_view, std::string_view> kOther[] = {
      {"7", "8"}, {"370", "8"}, {"375", "80"}, {"36", "06"}};
  const std::string_view code = digits.substr(0, country_code_length(digits));
  for (const auto& [cc, trunk] : kOther)
    if (code == cc) return trunk;
  return "0";
}

std::string_view national_number(std::string_view digits) {
  const std::size_t cc = country_code_length(digits);
  return cc < digits.size() ? digits.substr(cc) : std::string_view();
}

}  // namespace deadbolt
