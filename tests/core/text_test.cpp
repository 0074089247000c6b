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

}  // namespace
}  // namespace deadbolt
