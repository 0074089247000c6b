// Host parsing for special URLs (WHATWG "host parser"): IPv6 literals,
// percent-decoding, domain to ASCII, forbidden code points, IPv4 numbers.
//
// Domain to ASCII implements the part of UTS #46 that real hosts use: ASCII
// and common-script case folding, full-width forms, ideographic full stops,
// code points UTS #46 ignores, and Punycode for non-ASCII labels. It does not
// ship the full Unicode mapping tables (NFC, rare compatibility mappings);
// every platform host in the catalog is ASCII, and the browser hands the
// extension hosts it has already converted.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "deadbolt/text.h"
#include "deadbolt/url.h"

namespace deadbolt {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char l = static_cast<char>(c | 0x20);
  if (l >= 'a' && l <= 'f') return l - 'a' + 10;
  return -1;
}

bool is_forbidden_domain(unsigned char c) {
  switch (c) {
    case 0:
    case '\t':
    case '\n':
    case '\r':
    case ' ':
    case '#':
    case '/':
    case ':':
    case '<':
    case '>':
    case '?':
    case '@':
    case '[':
    case '\\':
    case ']':
    case '^':
    case '|':
    case '%': return true;
    default: return c < 0x20 || c == 0x7F;
  }
}

// ---- IPv4 -------------------------------------------------------------

// Parses one dotted part: decimal, 0x-hex or 0-octal. Returns false if invalid.
bool parse_ipv4_number(std::string_view s, std::uint64_t& value) {
  if (s.empty()) return false;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
    radix = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  value = 0;
  for (char c : s) {
    const int d = hex_value(c);
    if (d < 0 || d >= radix) return false;
    value = value * static_cast<unsigned>(radix) + static_cast<unsigned>(d);
    if (value > 0xFFFFFFFFull) value = 0x100000000ull;  // saturate: already out of range
  }
  return true;
}

std::string_view last_part(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  const auto dot = host.rfind('.');
  return dot == std::string_view::npos ? host : host.substr(dot + 1);
}

bool ends_in_a_number(std::string_view host) {
  const std::string_view last = last_part(host);
  if (last.empty()) return false;
  bool digits = true;
  for (char c : last) digits = digits && c >= '0' && c <= '9';
  if (digits) return true;
  std::uint64_t ignored;
  return last.size() >= 2 && last[0] == '0' && (last[1] | 0x20) == 'x' && parse_ipv4_number(last, ignored);
}

bool parse_ipv4(std::string_view host, std::uint32_t& address) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  std::array<std::uint64_t, 4> parts{};
  std::size_t count = 0;
  while (true) {
    const auto dot = host.find('.');
    if (count == 4) return false;
    if (!parse_ipv4_number(host.substr(0, dot), parts[count++])) return false;
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  for (std::size_t i = 0; i + 1 < count; ++i)
    if (parts[i] > 255) return false;
  if (parts[count - 1] >= (1ull << (8 * (5 - count)))) return false;
  std::uint64_t ipv4 = parts[count - 1];
  for (std::size_t i = 0; i + 1 < count; ++i) ipv4 += parts[i] << (8 * (3 - i));
  address = static_cast<std::uint32_t>(ipv4);
  return true;
}

// ---- IPv6 -------------------------------------------------------------

bool parse_ipv6(std::string_view in, std::array<std::uint16_t, 8>& address) {
  address.fill(0);
  std::size_t piece = 0, p = 0;
  int compress = -1;
  auto at = [&](std::size_t i) -> int { return i < in.size() ? static_cast<unsigned char>(in[i]) : -1; };
  if (at(p) == ':') {
    if (at(p + 1) != ':') return false;
    p += 2;
    compress = static_cast<int>(++piece);
  }
  while (at(p) != -1) {
    if (piece == 8) return false;
    if (at(p) == ':') {
      if (compress != -1) return false;
      ++p;
      compress = static_cast<int>(++piece);
      continue;
    }
    unsigned value = 0, length = 0;
    while (length < 4 && at(p) != -1 && hex_value(static_cast<char>(at(p))) >= 0) {
      value = value * 16 + static_cast<unsigned>(hex_value(static_cast<char>(at(p))));
      ++p;
      ++length;
    }
    if (at(p) == '.') {
      if (length == 0) return false;
      p -= length;
      if (piece > 6) return false;
      int numbers_seen = 0;
      while (at(p) != -1) {
        int v4 = -1;
        if (numbers_seen > 0) {
          if (at(p) == '.' && numbers_seen < 4) ++p;
          else return false;
        }
        if (at(p) < '0' || at(p) > '9') return false;
        while (at(p) >= '0' && at(p) <= '9') {
          const int n = at(p) - '0';
          if (v4 == -1) v4 = n;
          else if (v4 == 0) return false;
          else v4 = v4 * 10 + n;
          if (v4 > 255) return false;
          ++p;
        }
        address[piece] = static_cast<std::uint16_t>(address[piece] * 0x100 + v4);
        ++numbers_seen;
        if (numbers_seen == 2 || numbers_seen == 4) ++piece;
      }
      if (numbers_seen != 4) return false;
      break;
    }
    if (at(p) == ':') {
      ++p;
      if (at(p) == -1) return false;
    } else if (at(p) != -1) {
      return false;
    }
    address[piece++] = static_cast<std::uint16_t>(value);
  }
  if (compress != -1) {
    std::size_t swaps = piece - static_cast<std::size_t>(compress);
    piece = 7;
    while (piece != 0 && swaps > 0) {
      std::swap(address[piece], address[static_cast<std::size_t>(compress) + swaps - 1]);
      --piece;
      --swaps;
    }
  } else if (piece != 8) {
    return false;
  }
  return true;
}

void serialize_ipv6(const std::array<std::uint16_t, 8>& a, std::string& out) {
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    if (a[static_cast<std::size_t>(i)] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && a[static_cast<std::size_t>(j)] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  out += '[';
  bool ignore0 = false;
  for (int i = 0; i < 8; ++i) {
    if (ignore0 && a[static_cast<std::size_t>(i)] == 0) continue;
    ignore0 = false;
    if (i == best) {
      out += i == 0 ? "::" : ":";
      ignore0 = true;
      continue;
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    char tmp[4];
    int n = 0;
    unsigned v = a[static_cast<std::size_t>(i)];
    do {
      tmp[n++] = kDigits[v & 15];
      v >>= 4;
    } while (v != 0);
    while (n > 0) out += tmp[--n];
    if (i != 7) out += ':';
  }
  out += ']';
}

// ---- Domain to ASCII --------------------------------------------------

// UTS #46 mapping for the code points real hosts use. -2: mapped to nothing.
std::int32_t map_code_point(std::int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xFF01 && cp <= 0xFF5E) return map_code_point(cp - 0xFF01 + 0x21);  // full-width ASCII
  switch (cp) {
    case 0x3002:
    case 0xFF0E:
    case 0xFF61: return '.';
    case 0x00A0:
    case 0x3000: return ' ';
    case 0x00AD:
    case 0x034F:
    case 0x200B:
    case 0x2060:
    case 0x2064:
    case 0xFEFF: return -2;
    default: break;
  }
  if ((cp >= 0x180B && cp <= 0x180F) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)) return -2;
  if (cp >= 0x2000 && cp <= 0x200A) return ' ';
  if (const std::int32_t lower = lower_code_point(cp); lower != cp) return lower;
  if (cp < 0xA0 || cp == 0xFFFD || (cp >= 0xFFF0 && cp <= 0xFFFF) || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
      (cp & 0xFFFE) == 0xFFFE)
    return -1;  // disallowed: controls, specials, noncharacters
  return cp;
}

// RFC 3492 Punycode encoding of one label.
void punycode_encode(const std::int32_t* cps, std::size_t n, std::string& out) {
  constexpr std::uint32_t kBase = 36, kTMin = 1, kTMax = 26, kSkew = 38, kDamp = 700;
  auto digit = [](std::uint32_t d) { return static_cast<char>(d < 26 ? 'a' + d : '0' + d - 26); };
  auto adapt = [&](std::uint32_t delta, std::uint32_t points, bool first) {
    delta = first ? delta / kDamp : delta / 2;
    delta += delta / points;
    std::uint32_t k = 0;
    while (delta > ((kBase - kTMin) * kTMax) / 2) {
      delta /= kBase - kTMin;
      k += kBase;
    }
    return k + (kBase - kTMin + 1) * delta / (delta + kSkew);
  };
  std::size_t basic = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (cps[i] < 0x80) {
      out += static_cast<char>(cps[i]);
      ++basic;
    }
  if (basic > 0) out += '-';
  std::uint32_t code = 0x80, delta = 0, bias = 72;
  std::size_t handled = basic;
  while (handled < n) {
    std::uint32_t m = 0x7FFFFFFF;
    for (std::size_t i = 0; i < n; ++i)
      if (static_cast<std::uint32_t>(cps[i]) >= code && static_cast<std::uint32_t>(cps[i]) < m)
        m = static_cast<std::uint32_t>(cps[i]);
    delta += (m - code) * static_cast<std::uint32_t>(handled + 1);
    code = m;
    for (std::size_t i = 0; i < n; ++i) {
      const auto c = static_cast<std::uint32_t>(cps[i]);
      if (c < code) ++delta;
      if (c != code) continue;
      std::uint32_t q = delta;
      for (std::uint32_t k = kBase;; k += kBase) {
        const std::uint32_t t = k <= bias ? kTMin : (k >= bias + kTMax ? kTMax : k - bias);
        if (q < t) break;
        out += digit(t + (q - t) % (kBase - t));
        q = (q - t) / (kBase - t);
      }
      out += digit(q);
      bias = adapt(delta, static_cast<std::uint32_t>(handled + 1), handled == basic);
      delta = 0;
      ++handled;
    }
    ++delta;
    ++code;
  }
}

bool domain_to_ascii(std::string_view utf8, std::string& out) {
  std::array<std::int32_t, 256> label{};
  std::size_t n = 0;
  bool ascii = true;
  auto flush = [&]() {
    if (ascii) {
      for (std::size_t i = 0; i < n; ++i) out += static_cast<char>(label[i]);
    } else {
      out += "xn--";
      punycode_encode(label.data(), n, out);
    }
    n = 0;
    ascii = true;
  };
  for (std::size_t i = 0; i < utf8.size();) {
    std::int32_t cp = decode_utf8(utf8, i);
    if (cp < 0) return false;
    cp = map_code_point(cp);
    if (cp == -1) return false;
    if (cp == -2) continue;
    if (cp == '.') {
      flush();
      out += '.';
      continue;
    }
    if (n == label.size()) return false;  // longer than any DNS label can be
    if (cp >= 0x80) ascii = false;
    label[n++] = cp;
  }
  flush();
  return true;
}

}  // namespace

bool parse_host(std::string_view in, std::string& out, std::string& scratch) {
  if (in.empty()) return false;
  if (in.front() == '[') {
    if (in.size() < 2 || in.back() != ']') return false;
    std::array<std::uint16_t, 8> address;
    if (!parse_ipv6(in.substr(1, in.size() - 2), address)) return false;
    serialize_ipv6(address, out);
    return true;
  }
  // Fast path: a plain lower-case ASCII name, as browsers hand them over.
  bool plain = true;
  for (char c : in) plain &= (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  if (plain) {
    const std::size_t start = out.size();
    out.append(in.data(), in.size());
    if (!ends_in_a_number(std::string_view(out.data() + start, in.size()))) return true;
    out.resize(start);  // an IPv4 address: the general path below serialises it
  }
  scratch.clear();
  bool ascii = true;
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      c = static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    }
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    scratch += c;
  }
  const std::size_t start = out.size();
  if (ascii) {
    for (char c : scratch) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  } else if (!domain_to_ascii(scratch, out)) {
    return false;
  }
  const std::string_view domain(out.data() + start, out.size() - start);
  if (domain.empty()) return false;
  for (char c : domain)
    if (is_forbidden_domain(static_cast<unsigned char>(c))) return false;
  if (ends_in_a_number(domain)) {
    std::uint32_t address;
    if (!parse_ipv4(domain, address)) return false;
    out.resize(start);
    for (int shift = 24; shift >= 0; shift -= 8) {
      out += std::to_string((address >> shift) & 0xFF);
      if (shift != 0) out += '.';
    }
  }
  return true;
}

}  // namespace deadbolt
