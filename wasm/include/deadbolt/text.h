// Small text helpers shared by the core: ASCII case, percent-decoding, and
// the folding that makes name keywords match whatever a person types.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace deadbolt {

// Decodes the UTF-8 code point at s[i] and advances i past it; returns -1
// (having consumed one byte) for an invalid or overlong sequence.
std::int32_t decode_utf8(std::string_view s, std::size_t& i);

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// Appends `s` in ASCII lower case; with `drop_dots`, without its '.'s. One
// resize and plain stores: the decider is built for size, and a push_back a
// byte is a call there.
void append_ascii_lower(std::string& out, std::string_view s, bool drop_dots = false);
// The same, written at `out` (room for s.size() bytes); returns the end.
inline char* write_ascii_lower(char* out, std::string_view s, bool drop_dots = false) {
  for (const char c : s) {
    *out = ascii_lower(c);
    out += !(drop_dots && c == '.');
  }
  return out;
}

// The lower case of `cp` where handles and host names are compared without
// case: ASCII, Latin-1, Latin Extended-A (but Turkish İ), and the capitals of
// Greek and Cyrillic (their simple case folding, as UTS #46 maps them); any
// other code point as it is.
std::int32_t lower_code_point(std::int32_t cp);
// How far lower_code_point() moves a code point at most (Ÿ to ÿ: 121), so
// that the letters it takes to one small letter can be found around it.
inline constexpr std::int32_t kMaxLowerDistance = 128;

// Writes `cp` (a valid code point) in UTF-8 into `buf`; returns its length.
std::size_t encode_utf8(std::int32_t cp, char (&buf)[4]);

// Appends the handle `s` as it is compared where case does not count: as
// append_ascii_lower, and each letter beyond ASCII by lower_code_point, so
// that YouTube's "@Пандекс" is "@пандекс" and LinkedIn's "JOSÉ-GARCÍA" is
// "josé-garcía" (accents are kept: "jose-garcia" is someone else). A byte
// that is not UTF-8 is kept as it is.
void append_handle_lower(std::string& out, std::string_view s, bool drop_dots = false);

// A set of bytes as a 256-entry table, built at compile time from a
// predicate: one load a byte on the hot paths (the URL parser's encode sets
// and plain runs, the nested-URL search's marks).
//
// The same set is also written as two 16-byte tables, indexed by a byte's
// low and high nibble: c is in the set when low[c & 15] & high[c >> 4] is
// not 0. Sixteen bytes are tested at once that way in WebAssembly SIMD (two
// swizzles and an and), as simdjson classifies its bytes. Each bit stands
// for one distinct "column" (for a high nibble, the low nibbles in the set),
// so the nibble form is exact when there are at most eight distinct columns;
// `nibbles_exact` says whether there are (the URL sets have two to seven:
// controls and bytes beyond ASCII share one).
struct ByteSet {
  bool table[256];
  alignas(16) std::uint8_t low[16];
  alignas(16) std::uint8_t high[16];
  bool nibbles_exact;
  template <typename Pred>
  constexpr explicit ByteSet(Pred in_set) : table{}, low{}, high{}, nibbles_exact(true) {
    for (int c = 0; c < 256; ++c) table[c] = in_set(static_cast<unsigned char>(c));
    std::uint16_t bit_column[8] = {};  // the column each bit stands for
    int bits = 0;
    for (int h = 0; h < 16; ++h) {
      std::uint16_t column = 0;
      for (int l = 0; l < 16; ++l)
        if (table[h * 16 + l]) column = static_cast<std::uint16_t>(column | (1u << l));
      if (column == 0) continue;
      int bit = 0;
      while (bit < bits && bit_column[bit] != column) ++bit;
      if (bit == bits) {
        if (bits == 8) {
          nibbles_exact = false;
          return;
        }
        bit_column[bits++] = column;
      }
      high[h] = static_cast<std::uint8_t>(high[h] | (1u << bit));
      for (int l = 0; l < 16; ++l)
        if (column & (1u << l)) low[l] = static_cast<std::uint8_t>(low[l] | (1u << bit));
    }
  }
  bool operator()(unsigned char c) const { return table[c]; }
};

// The first byte of `s` at or after `from` in `set`, or s.size(): the
// parser's and the nested-URL search's scans. Sixteen bytes a step in
// WebAssembly SIMD (the decider's build), four elsewhere.
std::size_t find_byte_in(std::string_view s, std::size_t from, const ByteSet& set);

// string_view::find(c, from) and operator== for the short strings of the
// decision path, written out so that they inline: the library's versions
// call memchr and memcmp, which in WebAssembly are calls into a word loop
// that first aligns, for strings of a few bytes.
inline std::size_t find_char(std::string_view s, char c, std::size_t from = 0) {
  for (std::size_t i = from; i < s.size(); ++i)
    if (s[i] == c) return i;
  return std::string_view::npos;
}
inline bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) return false;
  }
  for (; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

bool iequals(std::string_view a, std::string_view b);
bool istarts_with(std::string_view s, std::string_view prefix);

// The link a handle read from markup names: `scheme://host` and `shape`
// with its "{}" replaced by `handle` ("/user/{}" on www.reddit.com:
// "https://www.reddit.com/user/jane"), appended to `out`. False, nothing
// appended, when the shape has no "{}" or the handle is more than one path
// segment (a slash, query, fragment, escape or space would reach beyond it).
bool append_handle_link(std::string& out, std::string_view scheme, std::string_view host, std::string_view shape,
                        std::string_view handle);

// Appends `in` percent-decoded to `out` (invalid escapes are kept as they
// are). With `plus_is_space`, '+' decodes to ' ' as in form-encoded queries.
void percent_decode(std::string_view in, std::string& out, bool plus_is_space = false);

// Appends `byte` percent-encoded ("%C3"), upper-case hex as URLs write it.
inline void append_percent_escape(std::string& out, unsigned char byte) {
  const char escaped[3] = {'%', "0123456789ABCDEF"[byte >> 4], "0123456789ABCDEF"[byte & 15]};
  out.append(escaped, 3);
}

// Appends `in` decoded as base64url (RFC 4648 §5), also accepting the '+'
// and '/' of plain base64 and '=' padding. False, with `out` partly written,
// if `in` holds anything else or is not a whole number of bytes.
bool base64url_decode(std::string_view in, std::string& out);

// Appends the search form of UTF-8 text to `out`: lower case, accents
// removed, every run of characters that are not letters or digits turned
// into one space, no leading or trailing space. "Jané  Doe!" -> "jane doe".
// An apostrophe joins ("O'Brien" -> "obrien"), but a word-final "'s" is a
// possessive and is dropped ("Jane Doe's" -> "jane doe").
// Words are what keywords match on, so that "Jane Doe" matches
// "jane+doe+instagram" and "%22Jane%20Doe%22" but not "janet doerr".
void fold_words(std::string_view utf8, std::string& out);

// Calls `fn` for each space-separated word of `list` (the catalog's lists).
template <typename Fn>
void for_each_word(std::string_view list, Fn fn) {
  std::size_t p = 0;
  while (p < list.size()) {
    while (p < list.size() && list[p] == ' ') ++p;
    std::size_t e = p;
    while (e < list.size() && list[e] != ' ') ++e;
    if (e > p) fn(list.substr(p, e - p));
    p = e;
  }
}

}  // namespace deadbolt
