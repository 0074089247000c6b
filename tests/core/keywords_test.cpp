// Name keywords: whole words, in order, whatever the case, accents,
// punctuation or encoding of the query.
#include <gtest/gtest.h>

#include "deadbolt/decide.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

std::string folded(std::string_view s) {
  std::string out;
  fold_words(s, out);
  return out;
}

TEST(FoldWords, CaseAccentsAndPunctuation) {
  EXPECT_EQ(folded("Jane Doe"), "jane doe");
  EXPECT_EQ(folded("  JANÉ--DOË!! "), "jane doe");
  EXPECT_EQ(folded("\"Jane\tDoe\""), "jane doe");
  EXPECT_EQ(folded("O'Brien"), "obrien");
  EXPECT_EQ(folded("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(folded("Straße"), "strasse");
  EXPECT_EQ(folded("Jane\xcc\x81"), "jane") << "a combining accent is dropped";
  EXPECT_EQ(folded("Анна"), "Анна") << "letters of other scripts are kept";
  EXPECT_EQ(folded("jane\xff" "doe"), "jane doe") << "invalid UTF-8 separates words";
  EXPECT_EQ(folded("!!!"), "");
}

class KeywordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlocklistError error;
    ASSERT_TRUE(engine.load(R"({"version":1,"people":[
      {"name":"Jane","keywords":["Jane Doe","Jané D'Arcy"]},
      {"name":"Lee","keywords":["Lee"]},
      {"name":"Anna","keywords":["Анна Петрова"]}]})", error)) << error.to_string();
  }
  std::string who(const std::string& query) {
    const Verdict& v = engine.decide("https://www.google.com/search?q=" + query);
    return v.block ? engine.blocklist().people[v.person].name : "-";
  }
  Engine engine;
};

TEST_F(KeywordTest, MatchesWholeWordsInOrder) {
  EXPECT_EQ(who("jane+doe+instagram"), "Jane");
  EXPECT_EQ(who("%22Jane%20Doe%22"), "Jane");
  EXPECT_EQ(who("is+JANE+DOE+dating"), "Jane");
  EXPECT_EQ(who("jane-doe"), "Jane");
  EXPECT_EQ(who("jane.doe"), "Jane");
  EXPECT_EQ(who("Jan%C3%A9%20Doe"), "Jane");
  EXPECT_EQ(who("jane+darcy"), "Jane") << "D'Arcy folds to darcy";
  EXPECT_EQ(who("%D0%B0%D0%BD%D0%BD%D0%B0+%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B0"), "-")
      << "Cyrillic is matched exactly, not case-folded";
  EXPECT_EQ(who("%D0%90%D0%BD%D0%BD%D0%B0+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B0"), "Anna");
  EXPECT_EQ(who("lee"), "Lee");
  EXPECT_EQ(who("bruce+lee+movies"), "Lee");
}

TEST_F(KeywordTest, DoesNotMatchPartsOfWordsOrOtherNames) {
  EXPECT_EQ(who("janet+doerr"), "-");
  EXPECT_EQ(who("jane+austen"), "-");
  EXPECT_EQ(who("doe+jane"), "-");
  EXPECT_EQ(who("janedoe"), "-") << "no handle janedoe is listed here";
  EXPECT_EQ(who("leeds+weather"), "-");
  EXPECT_EQ(who("sleek"), "-");
  EXPECT_EQ(who(""), "-");
}

}  // namespace
}  // namespace deadbolt
