#include "deadbolt/text.h"

#include <cstdint>

namespace deadbolt {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const char l = static_cast<char>(c | 0x20);
  if (l >= 'a' && l <= 'f') return l - 'a' + 10;
  return -1;
}

// Base letters of U+00C0..U+017F, lower case; '\0' for non-letters. The few
// letters that fold to two (æ, œ, ß, þ) are handled in fold_code_point.
constexpr char kLatinBase[] =
    "aaaaaaaceeeeiiii"  // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (D7 is ×; DE Þ, DF ß handled below)
    "aaaaaaaceeeeiiii"  // E0-EF
    "dnooooo\0ouuuuyty"  // F0-FF (F7 is ÷)
    "aaaaaaccccccccdd"  // 100-10F
    "ddeeeeeeeeeegggg"  // 110-11F
    "gggghhhhiiiiiiii"  // 120-12F
    "iijjjjkkklllllll"  // 130-13F
    "lllnnnnnnnnnoooo"  // 140-14F
    "oooorrrrrrssssss"  // 150-15F
    "ssttttttuuuuuuuu"  // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F

// Folds one code point: writes up to two ASCII characters, or nothing for a
// separator. Letters outside Latin are kept (as UTF-8) so that names in other
// scripts still match themselves.
void fold_code_point(std::int32_t cp, std::string& out, bool& separator) {
  auto emit = [&](std::string_view s) {
    if (separator && !out.empty()) out += ' ';
    separator = false;
    out += s;
  };
  if (cp < 0x80) {
    const char c = static_cast<char>(cp);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) emit(std::string_view(&c, 1));
    else if (c >= 'A' && c <= 'Z') { const char l = ascii_lower(c); emit(std::string_view(&l, 1)); }
    else if (c == '\'') {}  // O'Brien == OBrien
    else separator = true;
    return;
  }
  if (cp >= 0x300 && cp <= 0x36F) return;  // combining accents: Jane + U+0301 == Jané == Jane
  switch (cp) {
    case 0xC6: case 0xE6: emit("ae"); return;
    case 0x152: case 0x153: emit("oe"); return;
    case 0xDF: emit("ss"); return;
    case 0xDE: case 0xFE: emit("th"); return;
    case 0x2019: case 0x2018: return;  // typographic apostrophes
    default: break;
  }
  if (cp >= 0xC0 && cp <= 0x17F) {
    const char base = kLatinBase[cp - 0xC0];
    if (base != '\0') emit(std::string_view(&base, 1));
    else separator = true;
    return;
  }
  if ((cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFF00 && cp <= 0xFF0F)) {
    separator = true;  // Latin-1 symbols, general punctuation, CJK punctuation
    return;
  }
  char buf[4];
  int n;
  if (cp < 0x800) { buf[0] = static_cast<char>(0xC0 | (cp >> 6)); buf[1] = static_cast<char>(0x80 | (cp & 0x3F)); n = 2; }
  else if (cp < 0x10000) { buf[0] = static_cast<char>(0xE0 | (cp >> 12)); buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); buf[2] = static_cast<char>(0x80 | (cp & 0x3F)); n = 3; }
  else { buf[0] = static_cast<char>(0xF0 | (cp >> 18)); buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F)); buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); buf[3] = static_cast<char>(0x80 | (cp & 0x3F)); n = 4; }
  emit(std::string_view(buf, static_cast<std::size_t>(n)));
}

}  // namespace

// Decodes one UTF-8 code point at s[i]; -1 for an invalid sequence.
std::int32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto c0 = static_cast<unsigned char>(s[i++]);
  if (c0 < 0x80) return c0;
  int extra;
  std::int32_t cp;
  if ((c0 & 0xE0) == 0xC0) { extra = 1; cp = c0 & 0x1F; }
  else if ((c0 & 0xF0) == 0xE0) { extra = 2; cp = c0 & 0x0F; }
  else if ((c0 & 0xF8) == 0xF0) { extra = 3; cp = c0 & 0x07; }
  else return -1;
  const std::size_t start = i;
  for (int k = 0; k < extra; ++k) {
    if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      i = start;
      return -1;
    }
    cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
  }
  static constexpr std::int32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    i = start;
    return -1;
  }
  return cp;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

void percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  if (in.find('%') == std::string_view::npos && (!plus_is_space || in.find('+') == std::string_view::npos)) {
    out.append(in.data(), in.size());  // nothing to decode: the common case
    return;
  }
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else {
      out += (plus_is_space && c == '+') ? ' ' : c;
    }
  }
}

void fold_words(std::string_view s, std::string& out) {
  bool separator = false;
  for (std::size_t i = 0; i < s.size();) {
    const std::int32_t cp = decode_utf8(s, i);
    if (cp < 0) {  // invalid byte: a separator
      separator = true;
      continue;
    }
    fold_code_point(cp, out, separator);
  }
}

}  // namespace deadbolt
