#include "deadbolt/text.h"

#include <cctype>
#include <cstdint>
#include <iterator>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

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
    "aaaaaaaceeeeiiii"   // C0-CF
    "dnooooo\0ouuuuyts"  // D0-DF (D7 is ×; DE Þ, DF ß handled below)
    "aaaaaaaceeeeiiii"   // E0-EF
    "dnooooo\0ouuuuyty"  // F0-FF (F7 is ÷)
    "aaaaaaccccccccdd"   // 100-10F
    "ddeeeeeeeeeegggg"   // 110-11F
    "gggghhhhiiiiiiii"   // 120-12F
    "iijjjjkkklllllll"   // 130-13F
    "lllnnnnnnnnnoooo"   // 140-14F
    "oooorrrrrrssssss"   // 150-15F
    "ssttttttuuuuuuuu"   // 160-16F
    "uuuuwwyyyzzzzzzs";  // 170-17F

// Base letters of Latin Extended-B (U+0180..U+024F) and Latin Extended
// Additional (U+1E00..U+1EFF: Vietnamese, Welsh, transliterations), lower
// case; '*' for a letter with no ASCII base, kept (case-folded) as it is.
// Generated from the Unicode 14 character names and decompositions
// ("LATIN SMALL LETTER O WITH HORN" -> o).
constexpr char kLatinExtendedBBase[] =
    "bbbb***cc*ddd***"   // 180-18F
    "*ffg***ikkl**nno"   // 190-19F
    "oo**pp*****ttttu"   // 1A0-1AF
    "u*vyyzz*********"   // 1B0-1BF
    "*************aai"   // 1C0-1CF
    "ioouuuuuuuuuu*aa"   // 1D0-1DF
    "aa**ggggkkoooo**"   // 1E0-1EF
    "j***gg**nnaa**oo"   // 1F0-1FF
    "aaaaeeeeiiiioooo"   // 200-20F
    "rrrruuuusstt**hh"   // 210-21F
    "nd**zzaaeeoooooo"   // 220-22F
    "ooyylnt***acclts"   // 230-23F
    "z**b**eejj*qrryy";  // 240-24F
constexpr char kLatinAdditionalBase[] =
    "aabbbbbbccdddddd"   // 1E00-1E0F
    "ddddeeeeeeeeeeff"   // 1E10-1E1F
    "gghhhhhhhhhhiiii"   // 1E20-1E2F
    "kkkkkkllllllllmm"   // 1E30-1E3F
    "mmmmnnnnnnnnoooo"   // 1E40-1E4F
    "oooopppprrrrrrrr"   // 1E50-1E5F
    "sssssssssstttttt"   // 1E60-1E6F
    "ttuuuuuuuuuuvvvv"   // 1E70-1E7F
    "wwwwwwwwwwxxxxyy"   // 1E80-1E8F
    "zzzzzzhtwyas****"   // 1E90-1E9F
    "aaaaaaaaaaaaaaaa"   // 1EA0-1EAF
    "aaaaaaaaeeeeeeee"   // 1EB0-1EBF
    "eeeeeeeeiiiioooo"   // 1EC0-1ECF
    "oooooooooooooooo"   // 1ED0-1EDF
    "oooouuuuuuuuuuuu"   // 1EE0-1EEF
    "uuyyyyyyyy****yy";  // 1EF0-1EFF

// Simple case folding of the other scripts names are written in (Unicode 14
// CaseFolding.txt, single code points): Greek and Coptic, Cyrillic,
// Armenian, Georgian, Cherokee, Glagolitic, the rest of Latin, full-width
// Latin, Deseret, Osage, Vithkuqi, Old Hungarian, Warang Citi, Medefaidrin,
// Adlam. Code points first..last fold to cp + delta; with stride 2 only
// first, first + 2, … do (the alternating upper/lower pairs of Cyrillic,
// Coptic and Latin). Greek also loses its accents (tonos, dialytika: "Ελένη"
// == "ελενη") and Cyrillic ё folds to е, as people type them, the way Latin
// accents are dropped above. Sorted by first, for a binary search.
struct FoldRange {
  std::int32_t first;
  std::int32_t last;
  std::int32_t delta;
  std::int32_t stride;
};
constexpr FoldRange kFoldRanges[] = {
    {0x184, 0x184, 1, 1},        {0x186, 0x186, 206, 1},      {0x189, 0x189, 205, 1},      {0x18E, 0x18E, 79, 1},
    {0x18F, 0x18F, 202, 1},      {0x190, 0x190, 203, 1},      {0x194, 0x194, 207, 1},      {0x196, 0x196, 211, 1},
    {0x19C, 0x19C, 211, 1},      {0x1A2, 0x1A2, 1, 1},        {0x1A6, 0x1A6, 218, 1},      {0x1A7, 0x1A7, 1, 1},
    {0x1A9, 0x1A9, 218, 1},      {0x1B1, 0x1B1, 217, 1},      {0x1B7, 0x1B7, 219, 1},      {0x1B8, 0x1B8, 1, 1},
    {0x1BC, 0x1BC, 1, 1},        {0x1C4, 0x1C4, 2, 1},        {0x1C5, 0x1C5, 1, 1},        {0x1C7, 0x1C7, 2, 1},
    {0x1C8, 0x1C8, 1, 1},        {0x1CA, 0x1CA, 2, 1},        {0x1CB, 0x1CB, 1, 1},        {0x1E2, 0x1E2, -252, 1},
    {0x1E3, 0x1E3, -253, 1},     {0x1EE, 0x1EE, 164, 1},      {0x1EF, 0x1EF, 163, 1},      {0x1F1, 0x1F1, 2, 1},
    {0x1F2, 0x1F2, 1, 1},        {0x1F6, 0x1F6, -97, 1},      {0x1F7, 0x1F7, -56, 1},      {0x1FC, 0x1FC, -278, 1},
    {0x1FD, 0x1FD, -279, 1},     {0x21C, 0x21C, 1, 1},        {0x222, 0x222, 1, 1},        {0x241, 0x241, 1, 1},
    {0x244, 0x244, 69, 1},       {0x245, 0x245, 71, 1},       {0x24A, 0x24A, 1, 1},        {0x370, 0x372, 1, 2},
    {0x376, 0x376, 1, 1},        {0x37F, 0x37F, 116, 1},      {0x386, 0x386, 43, 1},       {0x388, 0x388, 45, 1},
    {0x389, 0x389, 46, 1},       {0x38A, 0x38A, 47, 1},       {0x38C, 0x38C, 51, 1},       {0x38E, 0x38E, 55, 1},
    {0x38F, 0x38F, 58, 1},       {0x390, 0x390, 41, 1},       {0x391, 0x3A1, 32, 1},       {0x3A3, 0x3A9, 32, 1},
    {0x3AA, 0x3AA, 15, 1},       {0x3AB, 0x3AB, 26, 1},       {0x3AC, 0x3AC, 5, 1},        {0x3AD, 0x3AD, 8, 1},
    {0x3AE, 0x3AE, 9, 1},        {0x3AF, 0x3AF, 10, 1},       {0x3B0, 0x3B0, 21, 1},       {0x3C2, 0x3C2, 1, 1},
    {0x3CA, 0x3CA, -17, 1},      {0x3CB, 0x3CB, -6, 1},       {0x3CC, 0x3CC, -13, 1},      {0x3CD, 0x3CD, -8, 1},
    {0x3CE, 0x3CE, -5, 1},       {0x3CF, 0x3CF, 8, 1},        {0x3D0, 0x3D0, -30, 1},      {0x3D1, 0x3D1, -25, 1},
    {0x3D3, 0x3D3, -1, 1},       {0x3D4, 0x3D4, -2, 1},       {0x3D5, 0x3D5, -15, 1},      {0x3D6, 0x3D6, -22, 1},
    {0x3D8, 0x3EE, 1, 2},        {0x3F0, 0x3F0, -54, 1},      {0x3F1, 0x3F1, -48, 1},      {0x3F4, 0x3F4, -60, 1},
    {0x3F5, 0x3F5, -64, 1},      {0x3F7, 0x3F7, 1, 1},        {0x3F9, 0x3F9, -7, 1},       {0x3FA, 0x3FA, 1, 1},
    {0x3FD, 0x3FF, -130, 1},     {0x400, 0x400, 80, 1},       {0x401, 0x401, 52, 1},       {0x402, 0x40F, 80, 1},
    {0x410, 0x42F, 32, 1},       {0x451, 0x451, -28, 1},      {0x460, 0x480, 1, 2},        {0x48A, 0x4BE, 1, 2},
    {0x4C0, 0x4C0, 15, 1},       {0x4C1, 0x4CD, 1, 2},        {0x4D0, 0x52E, 1, 2},        {0x531, 0x556, 48, 1},
    {0x10A0, 0x10C5, 7264, 1},   {0x10C7, 0x10C7, 7264, 1},   {0x10CD, 0x10CD, 7264, 1},   {0x13F8, 0x13FD, -8, 1},
    {0x1C80, 0x1C80, -6222, 1},  {0x1C81, 0x1C81, -6221, 1},  {0x1C82, 0x1C82, -6212, 1},  {0x1C83, 0x1C84, -6210, 1},
    {0x1C85, 0x1C85, -6211, 1},  {0x1C86, 0x1C86, -6204, 1},  {0x1C87, 0x1C87, -6180, 1},  {0x1C88, 0x1C88, 35267, 1},
    {0x1C90, 0x1CBA, -3008, 1},  {0x1CBD, 0x1CBF, -3008, 1},  {0x1E9E, 0x1E9E, -7615, 1},  {0x1EFA, 0x1EFC, 1, 2},
    {0x1F08, 0x1F0F, -8, 1},     {0x1F18, 0x1F1D, -8, 1},     {0x1F28, 0x1F2F, -8, 1},     {0x1F38, 0x1F3F, -8, 1},
    {0x1F48, 0x1F4D, -8, 1},     {0x1F59, 0x1F5F, -8, 2},     {0x1F68, 0x1F6F, -8, 1},     {0x1F88, 0x1F8F, -8, 1},
    {0x1F98, 0x1F9F, -8, 1},     {0x1FA8, 0x1FAF, -8, 1},     {0x1FB8, 0x1FB9, -8, 1},     {0x1FBA, 0x1FBB, -74, 1},
    {0x1FBC, 0x1FBC, -9, 1},     {0x1FBE, 0x1FBE, -7173, 1},  {0x1FC8, 0x1FCB, -86, 1},    {0x1FCC, 0x1FCC, -9, 1},
    {0x1FD8, 0x1FD9, -8, 1},     {0x1FDA, 0x1FDB, -100, 1},   {0x1FE8, 0x1FE9, -8, 1},     {0x1FEA, 0x1FEB, -112, 1},
    {0x1FEC, 0x1FEC, -7, 1},     {0x1FF8, 0x1FF9, -128, 1},   {0x1FFA, 0x1FFB, -126, 1},   {0x1FFC, 0x1FFC, -9, 1},
    {0x2C00, 0x2C2F, 48, 1},     {0x2C6D, 0x2C6D, -10780, 1}, {0x2C6F, 0x2C6F, -10783, 1}, {0x2C70, 0x2C70, -10782, 1},
    {0x2C75, 0x2C75, 1, 1},      {0x2C80, 0x2CE2, 1, 2},      {0x2CEB, 0x2CED, 1, 2},      {0x2CF2, 0x2CF2, 1, 1},
    {0xA640, 0xA66C, 1, 2},      {0xA680, 0xA69A, 1, 2},      {0xA722, 0xA72E, 1, 2},      {0xA732, 0xA73E, 1, 2},
    {0xA746, 0xA746, 1, 1},      {0xA74E, 0xA74E, 1, 1},      {0xA75A, 0xA75C, 1, 2},      {0xA760, 0xA76E, 1, 2},
    {0xA779, 0xA77B, 1, 2},      {0xA77D, 0xA77D, -35332, 1}, {0xA77E, 0xA786, 1, 2},      {0xA78B, 0xA78B, 1, 1},
    {0xA78D, 0xA78D, -42280, 1}, {0xA79A, 0xA79E, 1, 2},      {0xA7AB, 0xA7AB, -42319, 1}, {0xA7AC, 0xA7AC, -42315, 1},
    {0xA7AE, 0xA7AE, -42308, 1}, {0xA7B0, 0xA7B0, -42258, 1}, {0xA7B1, 0xA7B1, -42282, 1}, {0xA7B3, 0xA7B3, 928, 1},
    {0xA7B4, 0xA7B6, 1, 2},      {0xA7BA, 0xA7C2, 1, 2},      {0xA7D0, 0xA7D0, 1, 1},      {0xA7D6, 0xA7D8, 1, 2},
    {0xA7F5, 0xA7F5, 1, 1},      {0xAB70, 0xABBF, -38864, 1}, {0xFF21, 0xFF3A, -65216, 1}, {0xFF41, 0xFF5A, -65248, 1},
    {0x10400, 0x10427, 40, 1},   {0x104B0, 0x104D3, 40, 1},   {0x10570, 0x1057A, 39, 1},   {0x1057C, 0x1058A, 39, 1},
    {0x1058C, 0x10592, 39, 1},   {0x10594, 0x10595, 39, 1},   {0x10C80, 0x10CB2, 64, 1},   {0x118A0, 0x118BF, 32, 1},
    {0x16E40, 0x16E5F, 32, 1},   {0x1E900, 0x1E921, 34, 1}};

constexpr bool sorted_and_disjoint(const FoldRange* r, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i)
    if (r[i].last < r[i].first || r[i].stride < 1 || (i > 0 && r[i].first <= r[i - 1].last)) return false;
  return true;
}
static_assert(sorted_and_disjoint(kFoldRanges, std::size(kFoldRanges)), "fold_case's binary search needs this");

std::int32_t fold_case(std::int32_t cp) {
  std::size_t lo = 0, hi = std::size(kFoldRanges);
  while (lo < hi) {  // the last range starting at or before cp
    const std::size_t mid = (lo + hi) / 2;
    if (kFoldRanges[mid].first <= cp) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return cp;
  const FoldRange& r = kFoldRanges[lo - 1];
  if (cp > r.last || (cp - r.first) % r.stride != 0) return cp;
  return cp + r.delta;
}

// Folds one code point: writes up to two ASCII characters, or nothing for a
// separator. Letters outside Latin are kept (as UTF-8, case-folded) so that
// names in other scripts match however they are capitalised.
void fold_code_point(std::int32_t cp, std::string& out, bool& separator) {
  auto emit = [&](std::string_view s) {
    if (separator && !out.empty()) out += ' ';
    separator = false;
    out += s;
  };
  // ASCII letters and digits never come here: fold_words appends their runs whole.
  if (cp < 0x80) {
    if (cp != '\'') separator = true;  // O'Brien == OBrien
    return;
  }
  if (cp >= 0x300 && cp <= 0x36F) return;  // combining accents: Jane + U+0301 == Jané == Jane
  switch (cp) {
    case 0xC6:
    case 0xE6: emit("ae"); return;
    case 0x152:
    case 0x153: emit("oe"); return;
    case 0xDF: emit("ss"); return;
    case 0xDE:
    case 0xFE: emit("th"); return;
    case 0x2019:
    case 0x2018: return;  // typographic apostrophes
    default: break;
  }
  if (cp >= 0xC0 && cp <= 0x17F) {
    const char base = kLatinBase[cp - 0xC0];
    if (base != '\0') emit(std::string_view(&base, 1));
    else separator = true;
    return;
  }
  const char extended = cp >= 0x180 && cp <= 0x24F     ? kLatinExtendedBBase[cp - 0x180]
                        : cp >= 0x1E00 && cp <= 0x1EFF ? kLatinAdditionalBase[cp - 0x1E00]
                                                       : '*';
  if (extended != '*') {
    emit(std::string_view(&extended, 1));
    return;
  }
  if ((cp >= 0x80 && cp < 0xC0) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
      (cp >= 0xFF00 && cp <= 0xFF0F)) {
    separator = true;  // Latin-1 symbols, general punctuation, CJK punctuation
    return;
  }
  cp = fold_case(cp);
  if (cp < 0x80) {  // full-width Latin
    const char c = static_cast<char>(cp);
    emit(std::string_view(&c, 1));
    return;
  }
  char buf[4];
  emit(std::string_view(buf, encode_utf8(cp, buf)));
}

}  // namespace

std::size_t encode_utf8(std::int32_t cp, char (&buf)[4]) {
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  buf[0] = static_cast<char>(0xF0 | (cp >> 18));
  buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

std::int32_t lower_code_point(std::int32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) return cp + 32;
  // Latin Extended-A and Cyrillic's further letters: capital then small,
  // from an even or an odd code point. (Turkish İ is left as it is: its
  // small letter is "i" and a combining dot, two code points.)
  if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177) ||
      (cp >= 0x460 && cp <= 0x481) || (cp >= 0x48A && cp <= 0x4BF) || (cp >= 0x4D0 && cp <= 0x52F))
    return cp | 1;
  if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E) || (cp >= 0x4C1 && cp <= 0x4CE)) && (cp & 1))
    return cp + 1;
  switch (cp) {
    case 0x178: return 0xFF;   // Ÿ
    case 0x386: return 0x3AC;  // Greek capitals with tonos
    case 0x388:
    case 0x389:
    case 0x38A: return cp + 37;
    case 0x38C: return 0x3CC;
    case 0x38E:
    case 0x38F: return cp + 63;
    case 0x4C0: return 0x4CF;  // Ӏ
    default: break;
  }
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;  // Α–Ω, Ϊ, Ϋ
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

void append_handle_lower(std::string& out, std::string_view s, bool drop_dots) {
  std::size_t i = 0;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  append_ascii_lower(out, s.substr(0, i), drop_dots);  // all of it, as a rule: handles are ASCII
  while (i < s.size()) {
    const std::size_t at = i;
    const std::int32_t cp = decode_utf8(s, i);
    if (cp < 0) {
      out += s[at];
      continue;
    }
    if (drop_dots && cp == '.') continue;
    char buf[4];
    out.append(buf, encode_utf8(lower_code_point(cp), buf));
  }
}

// Decodes one UTF-8 code point at s[i]; -1 for an invalid sequence.
std::int32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto c0 = static_cast<unsigned char>(s[i++]);
  if (c0 < 0x80) return c0;
  int extra;
  std::int32_t cp;
  if ((c0 & 0xE0) == 0xC0) {
    extra = 1;
    cp = c0 & 0x1F;
  } else if ((c0 & 0xF0) == 0xE0) {
    extra = 2;
    cp = c0 & 0x0F;
  } else if ((c0 & 0xF8) == 0xF0) {
    extra = 3;
    cp = c0 & 0x07;
  } else return -1;
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

__attribute__((noinline)) std::size_t find_byte_in(std::string_view s, std::size_t from, const ByteSet& set) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t p = from;
#if defined(__wasm_simd128__)
  if (set.nibbles_exact && n >= 16 && p < n) {
    const v128_t low = wasm_v128_load(set.low), high = wasm_v128_load(set.high);
    // Bit k: byte at + k is in the set.
    const auto hits = [&](std::size_t at) -> std::uint32_t {
      const v128_t v = wasm_v128_load(b + at);
      const v128_t in = wasm_v128_and(wasm_i8x16_swizzle(low, wasm_v128_and(v, wasm_i8x16_splat(0x0F))),
                                      wasm_i8x16_swizzle(high, wasm_u8x16_shr(v, 4)));
      return wasm_i8x16_bitmask(wasm_i8x16_ne(in, wasm_i8x16_splat(0)));
    };
    for (; p + 16 <= n; p += 16)
      if (const std::uint32_t m = hits(p)) return p + static_cast<std::size_t>(__builtin_ctz(m));
    if (p == n) return n;
    // The last bytes: the block that ends the string, less what was scanned.
    const std::size_t last = n - 16;
    const std::uint32_t m = hits(last) >> (p - last);
    return m ? p + static_cast<std::size_t>(__builtin_ctz(m)) : n;
  }
#endif
  const bool* table = set.table;
  for (; p + 4 <= n; p += 4)  // one branch for four bytes
    if (table[b[p]] | table[b[p + 1]] | table[b[p + 2]] | table[b[p + 3]]) break;
  while (p < n && !table[b[p]]) ++p;
  return p;
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

// Not inlined: one copy for its many callers keeps the decider within its
// start path's 150 KB (inlined, 337 B more, for no speed that shows).
[[gnu::noinline]] void append_ascii_lower(std::string& out, std::string_view s, bool drop_dots) {
  const std::size_t start = out.size();
  out.resize(start + s.size());
  const char* end = write_ascii_lower(out.data() + start, s, drop_dots);
  out.resize(static_cast<std::size_t>(end - out.data()));
}

void percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  if (in.find('%') == std::string_view::npos && (!plus_is_space || in.find('+') == std::string_view::npos)) {
    out.append(in.data(), in.size());  // nothing to decode: the common case
    return;
  }
  // Decoding never grows: written in place, then cut to size.
  const std::size_t start = out.size();
  out.resize(start + in.size());
  char* w = out.data() + start;
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%' && i + 2 < in.size() && hex_value(in[i + 1]) >= 0 && hex_value(in[i + 2]) >= 0) {
      *w++ = static_cast<char>(hex_value(in[i + 1]) * 16 + hex_value(in[i + 2]));
      i += 2;
    } else {
      *w++ = (plus_is_space && c == '+') ? ' ' : c;
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
}

bool base64url_decode(std::string_view in, std::string& out) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) return false;  // not a whole number of bytes
  std::uint32_t bits = 0;
  int count = 0;
  for (char c : in) {
    int v;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    else if (c >= '0' && c <= '9') v = c - '0' + 52;
    else if (c == '-' || c == '+') v = 62;
    else if (c == '_' || c == '/') v = 63;
    else return false;
    bits = (bits << 6) | static_cast<std::uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xFF);
    }
  }
  return true;
}

void fold_words(std::string_view s, std::string& out) {
  bool separator = false;
  auto ascii_alnum = [](char c) {
    c = ascii_lower(c);
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  for (std::size_t i = 0; i < s.size();) {
    if (ascii_alnum(s[i])) {  // the common case: a run of ASCII letters and digits, appended whole
      std::size_t end = i + 1;
      while (end < s.size() && ascii_alnum(s[end])) ++end;
      if (separator && !out.empty()) out += ' ';
      separator = false;
      append_ascii_lower(out, s.substr(i, end - i));
      i = end;
      continue;
    }
    const std::int32_t cp = decode_utf8(s, i);
    if (cp < 0) {  // invalid byte: a separator
      separator = true;
      continue;
    }
    // A word-final "'s" is a possessive ("Jane Doe's" is "Jane Doe"), with
    // the apostrophe a phone types too; any other apostrophe joins (O'Brien).
    if ((cp == '\'' || cp == 0x2019) && i < s.size() && (s[i] | 0x20) == 's' &&
        (i + 1 == s.size() || !(std::isalnum(static_cast<unsigned char>(s[i + 1])) || (s[i + 1] & 0x80)))) {
      ++i;
      continue;
    }
    fold_code_point(cp, out, separator);
  }
}

bool append_handle_link(std::string& out, std::string_view scheme, std::string_view host, std::string_view shape,
                        std::string_view handle) {
  const std::size_t slot = shape.find("{}");
  if (slot == std::string_view::npos || handle.empty() || handle == "." || handle == "..") return false;
  for (char c : handle)
    if (c == '/' || c == '\\' || c == '?' || c == '#' || c == '%' || static_cast<unsigned char>(c) <= ' ') return false;
  out.append(scheme).append("://").append(host);
  out.append(shape.substr(0, slot)).append(handle).append(shape.substr(slot + 2));
  return true;
}

}  // namespace deadbolt
