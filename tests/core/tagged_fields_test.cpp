// The content scripts' one-string hand-over: every non-empty field, in order,
// with its tag; stops when told to.
#include "deadbolt/tagged_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using Fields = std::vector<std::pair<char, std::string>>;

Fields read_all(std::string_view in, std::size_t stop_after = 100) {
  Fields out;
  deadbolt::for_each_tagged_field(in, [&](char tag, std::string_view value) {
    out.emplace_back(tag, std::string(value));
    return out.size() < stop_after;
  });
  return out;
}

TEST(TaggedFields, ReadsEachFieldWithItsTag) {
  using namespace std::string_literals;
  const std::string in = "Phttps://x.com/home\0Lhttps://x.com/jane\0\0Tdata-testid=User-jane\0G"s;
  EXPECT_EQ(
      read_all(in),
      (Fields{{'P', "https://x.com/home"}, {'L', "https://x.com/jane"}, {'T', "data-testid=User-jane"}, {'G', ""}}));
}

TEST(TaggedFields, StopsWhenTheReaderSaysSo) {
  using namespace std::string_literals;
  EXPECT_EQ(read_all("Pa\0Lb\0Lc"s, 2), (Fields{{'P', "a"}, {'L', "b"}}));
}

TEST(TaggedFields, EmptyAndTrailingSeparatorsGiveNothing) {
  using namespace std::string_literals;
  EXPECT_TRUE(read_all("").empty());
  EXPECT_TRUE(read_all("\0\0"s).empty());
  EXPECT_EQ(read_all("Pa\0"s), (Fields{{'P', "a"}}));
}

// An item's or a row's fields: the page first, then the rest; nothing
// without the page first, or with a page the reader refuses.
TEST(TaggedFields, ThePageComesFirstOnce) {
  using namespace std::string_literals;
  const auto read = [](std::string_view in, bool take) {
    std::string page;
    Fields rest;
    const bool started = deadbolt::for_each_field_of_page(
        in,
        [&](std::string_view p) {
          page = p;
          return take;
        },
        [&](char tag, std::string_view value) {
          rest.emplace_back(tag, std::string(value));
          return true;
        });
    return std::make_pair(started, std::make_pair(page, rest));
  };
  EXPECT_EQ(read("\0Pa\0Lb\0Pc"s, true), std::make_pair(true, std::make_pair("a"s, Fields{{'L', "b"}, {'P', "c"}})))
      << "a later 'P' is a field like any other";
  EXPECT_EQ(read("Lb\0Pa"s, true), std::make_pair(false, std::make_pair(""s, Fields{}))) << "not the page first";
  EXPECT_EQ(read("Pa\0Lb"s, false), std::make_pair(false, std::make_pair("a"s, Fields{}))) << "a page refused";
}

}  // namespace
