// The text helpers the decision path writes with: each appends to what the
// string already holds and leaves it the exact size of what it wrote.
#include <gtest/gtest.h>

#include <utility>

#include "deadbolt/text.h"

namespace deadbolt {
namespace {

TEST(PercentDecode, AppendsDecodedBytesAndKeepsInvalidEscapes) {
  std::string out = "x:";
  percent_decode("Jane%20Doe%2", out);
  EXPECT_EQ(out, "x:Jane Doe%2") << "a cut-off escape is kept as written";
  out.clear();
  percent_decode("%e2%80%99s+more%zz", out, /*plus_is_space=*/true);
  EXPECT_EQ(out, "\xe2\x80\x99s more%zz");
  out = "kept";
  percent_decode("", out);
  EXPECT_EQ(out, "kept");
  out.clear();
  percent_decode("%41%4a", out);
  EXPECT_EQ(out.size(), 2U) << "cut to what was written";
  EXPECT_EQ(out, "AJ");
}

// The nibble form of a set (what WebAssembly SIMD scans with, 16 bytes at
// once) must say of every byte what the table says, or admit it cannot.
TEST(ByteSet, NibbleTablesAgreeWithTheTableForEveryByteOrSayTheyCannot) {
  constexpr ByteSet url_stops([](unsigned char c) {
    return c < 0x21 || c > 0x7E || c == '"' || c == '#' || c == '<' || c == '>' || c == '%' || c == '.' || c == '?' ||
           c == '\\' || c == '{' || c == '}';
  });
  constexpr ByteSet marks([](unsigned char c) { return c == '.' || c == 'h' || c == 'H'; });
  constexpr ByteSet none([](unsigned char) { return false; });
  constexpr ByteSet every([](unsigned char) { return true; });
  for (const ByteSet* set : {&url_stops, &marks, &none, &every}) {
    ASSERT_TRUE(set->nibbles_exact);
    for (int c = 0; c < 256; ++c) EXPECT_EQ((set->low[c & 15] & set->high[c >> 4]) != 0, set->table[c]) << "byte " << c;
  }
  // Sixteen distinct columns (the diagonal: low nibble equal to high) cannot
  // be told apart with eight bits.
  constexpr ByteSet diagonal([](unsigned char c) { return (c & 15) == (c >> 4); });
  EXPECT_FALSE(diagonal.nibbles_exact);
}

// Whatever way a build scans (sixteen bytes a step in WebAssembly, four
// natively), the first byte of the set is found wherever it sits: before,
// across and after a block's end, in the last block, or nowhere.
TEST(FindByteIn, FindsTheFirstByteOfTheSetAtEveryPosition) {
  constexpr ByteSet stops([](unsigned char c) { return c == '%' || c >= 0x80; });
  for (std::size_t size = 0; size <= 40; ++size) {
    for (std::size_t at = 0; at <= size; ++at) {
      std::string s(size, 'a');
      if (at < size) s[at] = (at % 2) ? '%' : '\xc3';
      for (std::size_t from = 0; from <= size; from += 3) {
        const std::size_t want = at < size && at >= from ? at : size;
        EXPECT_EQ(find_byte_in(s, from, stops), want) << "size " << size << ", byte at " << at << ", from " << from;
      }
    }
  }
}

TEST(FindCharAndSameText, AnswerAsStringViewDoes) {
  const std::string_view s = "a/b//c&d=e";
  for (char c : {'/', '&', '=', 'x', 'a', 'e'})
    for (std::size_t from = 0; from <= s.size() + 1; ++from)
      EXPECT_EQ(find_char(s, c, from), s.find(c, from)) << c << " from " << from;
  const std::string long_a = "instagram:jane.doe_0123456789", long_b = "instagram:jane.doe_0123456788";
  EXPECT_TRUE(same_text(long_a, long_a));
  EXPECT_FALSE(same_text(long_a, long_b)) << "a difference in the last byte, after whole words";
  EXPECT_FALSE(same_text("instagram:janedoe", "instagram:janedoX"));
  EXPECT_FALSE(same_text("jane", "janedoe"));
  EXPECT_TRUE(same_text("", ""));
}

TEST(AppendAsciiLower, LowersOnlyAsciiAndDropsDotsWhenAsked) {
  std::string out = "x:";
  append_ascii_lower(out, "Jane.Doe_1\xc3\x89");
  EXPECT_EQ(out, "x:jane.doe_1\xc3\x89") << "bytes outside ASCII stay as they are";
  out = "gmail:";
  append_ascii_lower(out, "J.a.N.e", /*drop_dots=*/true);
  EXPECT_EQ(out, "gmail:jane");
  EXPECT_EQ(out.size(), 10U);
  out.clear();
  append_ascii_lower(out, "...", true);
  EXPECT_TRUE(out.empty());
}

TEST(LowerCodePoint, MapsCapitalsToTheirSmallLettersAsUnicodeDoes) {
  // Pairs from Unicode's case mapping (UnicodeData.txt), written out here
  // rather than derived: Latin-1, Latin Extended-A, Greek with and without
  // tonos, Cyrillic, Ukrainian, Kazakh, the palochka.
  const std::pair<std::int32_t, std::int32_t> pairs[] = {
      {0xC0, 0xE0},   {0xDE, 0xFE},   {0x104, 0x105}, {0x141, 0x142}, {0x150, 0x151}, {0x17D, 0x17E}, {0x178, 0xFF},
      {0x132, 0x133}, {0x386, 0x3AC}, {0x388, 0x3AD}, {0x38C, 0x3CC}, {0x38F, 0x3CE}, {0x3A3, 0x3C3}, {0x3A9, 0x3C9},
      {0x3AA, 0x3CA}, {0x401, 0x451}, {0x402, 0x452}, {0x410, 0x430}, {0x42F, 0x44F}, {0x490, 0x491}, {0x49A, 0x49B},
      {0x4D8, 0x4D9}, {0x4C0, 0x4CF}, {0x4C1, 0x4C2}, {0x460, 0x461}, {0x52E, 0x52F}};
  for (const auto& [capital, small] : pairs) {
    EXPECT_EQ(lower_code_point(capital), small) << std::hex << capital;
    EXPECT_EQ(lower_code_point(small), small) << std::hex << small;
  }
  // Not pairs in one code point each: kept as they are.
  for (const std::int32_t cp : {0xB5, 0xD7, 0xDF, 0x130, 0x131, 0x138, 0x149, 0x17F, 0x3C2, 0x482, 0x4E00})
    EXPECT_EQ(lower_code_point(cp), cp) << std::hex << cp;
  // The rules find a letter's other cases within this distance.
  for (std::int32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const std::int32_t d = lower_code_point(cp) - cp;
    ASSERT_LE(d < 0 ? -d : d, kMaxLowerDistance) << std::hex << cp;
  }
}

TEST(AppendHandleLower, LowersLettersBeyondAsciiAndKeepsTheirAccents) {
  std::string out;
  append_handle_lower(out, "@\xd0\x9f\xd0\xb0\xd0\xbd\xd0\x94\xd0\x95\xd0\x9a\xd0\xa1");  // @ПанДЕКС
  EXPECT_EQ(out, "@\xd0\xbf\xd0\xb0\xd0\xbd\xd0\xb4\xd0\xb5\xd0\xba\xd1\x81");            // @пандекс
  out.clear();
  append_handle_lower(out,
                      "JOS\xc3\x89-GARC\xc3\x8d"
                      "A");  // JOSÉ-GARCÍA
  EXPECT_EQ(out,
            "jos\xc3\xa9-garc\xc3\xad"
            "a")
      << "é stays é: jose-garcia is someone else";
  out.clear();
  append_handle_lower(out, "\xc5\xbb\xc3\x93\xc5\x81\xc4\x86.\xc5\xb8", /*drop_dots=*/true);  // ŻÓŁĆ.Ÿ
  EXPECT_EQ(out, "\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87\xc3\xbf");                                 // żółćÿ
  out.clear();
  append_handle_lower(out,
                      "\xce\x9b\xce\xb5\xce\xbd\xce\xb1\xff"
                      "B");  // Λενα, a byte that is not UTF-8, B
  EXPECT_EQ(out,
            "\xce\xbb\xce\xb5\xce\xbd\xce\xb1\xff"
            "b");
}

}  // namespace
}  // namespace deadbolt
