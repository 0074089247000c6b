// The text helpers the decision path writes with: each appends to what the
// string already holds and leaves it the exact size of what it wrote.
#include <gtest/gtest.h>

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
