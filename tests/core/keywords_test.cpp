// Name keywords: whole words, in order, whatever the case, accents,
// punctuation or encoding of the query.
#include <array>

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
  EXPECT_EQ(folded("Jane Doe's"), "jane doe") << "a possessive is the name";
  EXPECT_EQ(folded("JANE DOE\xe2\x80\x99S new job"), "jane doe new job") << "with a typographic apostrophe";
  EXPECT_EQ(folded("O'Brien's"), "obrien");
  EXPECT_EQ(folded("O'Sullivan"), "osullivan") << "an apostrophe inside a name still joins";
  EXPECT_EQ(folded("doe'sx doe's1 doe's\xc3\xa9"), "doesx does1 doese") << "only a word-final 's";
  EXPECT_EQ(folded("Łukasz Żółć"), "lukasz zolc");
  EXPECT_EQ(folded("Straße"), "strasse");
  EXPECT_EQ(folded("Jane\xcc\x81"), "jane") << "a combining accent is dropped";
  EXPECT_EQ(folded("Анна"), "анна") << "letters of other scripts are kept, in lower case";
}

TEST(FoldWords, FoldsTheCaseOfEveryScriptNamesAreWrittenIn) {
  // A name as written, as someone might type it, and what it tests.
  const std::array<const char*, 3> same[] = {
      {"АННА ПЕТРОВА", "анна петрова", "Russian"},
      {"Алёна", "алена", "ё is typed as е"},
      {"ЇЖАК Ґудзь Єва", "їжак ґудзь єва", "Ukrainian"},
      {"ЂОРЂЕ Љиљана Џон", "ђорђе љиљана џон", "Serbian"},
      {"ӘСЕЛ Өмір Ұлан", "әсел өмір ұлан", "Kazakh (Cyrillic Supplement pairs)"},
      {"ΕΛΈΝΗ Παπαδοπούλου", "ελενη παπαδοπουλου", "Greek, accents dropped"},
      {"Οδυσσεύς", "οδυσσευσ", "final sigma"},
      {"ԱՆԻ Պետրոսյան", "անի պետրոսյան", "Armenian"},
      {"ᲜᲘᲜᲝ", "ნინო", "Georgian Mtavruli -> Mkhedruli"},
      {"ᎣᏏᏲ", "ꭳꮟᏺ", "Cherokee (folds to the capitals)"},
      {"Nguyễn Thị Ánh", "nguyen thi anh", "Vietnamese: Latin Extended Additional"},
      {"Ștefan Țurcanu", "stefan turcanu", "Romanian: Latin Extended-B"},
      {"ǅemal", "ǆemal", "a digraph kept, in lower case"},
      {"ＪＡＮＥ", "jane", "full-width Latin"},
      {"𐐔𐐇𐐝𐐀𐐡𐐇𐐓", "𐐼𐐯𐑅𐐨𐑉𐐯𐐻", "Deseret, beyond the BMP"},
      {"𞤀𞤣𞤤𞤢𞤥", "𞤢𞤣𞤤𞤢𞤥", "Adlam (Fulani)"},
  };
  for (const auto& [written, typed, why] : same) EXPECT_EQ(folded(written), folded(typed)) << written << ": " << why;
  EXPECT_EQ(folded("ΕΛΈΝΗ"), "ελενη");
  EXPECT_EQ(folded("ＪＡＮＥ"), "jane");
  EXPECT_NE(folded("Андрей"), folded("андреи")) << "й is a letter of its own, not и with an accent";
  EXPECT_NE(folded("Анна"), folded("Анька"));
}

TEST(FoldWords, KeepsWhatIsNotALetter) {
  EXPECT_EQ(folded("jane\xff"
                   "doe"),
            "jane doe")
      << "invalid UTF-8 separates words";
  EXPECT_EQ(folded("!!!"), "");
}

class KeywordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlocklistError error;
    ASSERT_TRUE(engine.load(R"({"version":1,"people":[
      {"name":"Jane","keywords":["Jane Doe","Jané D'Arcy"]},
      {"name":"Lee","keywords":["Lee"]},
      {"name":"Anna","keywords":["Анна Петрова"]},
      {"name":"Eleni","keywords":["Ελένη Παπαδοπούλου"]},
      {"name":"Ani","keywords":["Անի Պետրոսյան"]},
      {"name":"Nino","keywords":["ᲜᲘᲜᲝ ᲑᲔᲠᲘᲫᲔ"]},
      {"name":"Thao","keywords":["Nguyễn Thị Thảo"]}]})",
                            error))
        << error.to_string();
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
  EXPECT_EQ(who("%D0%B0%D0%BD%D0%BD%D0%B0+%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B0"), "Anna")
      << "Cyrillic typed in lower case is the same name";
  EXPECT_EQ(who("%D0%90%D0%BD%D0%BD%D0%B0+%D0%9F%D0%B5%D1%82%D1%80%D0%BE%D0%B2%D0%B0"), "Anna");
  EXPECT_EQ(who("lee"), "Lee");
  EXPECT_EQ(who("bruce+lee+movies"), "Lee");
}

TEST_F(KeywordTest, MatchesNamesInEveryScriptWhateverTheCase) {
  // The URL parser percent-encodes the UTF-8 of these queries, as a browser would.
  EXPECT_EQ(who("анна+петрова"), "Anna") << "Russian, typed in lower case";
  EXPECT_EQ(who("АННА+ПЕТРОВА+инстаграм"), "Anna") << "in capitals, with more words";
  EXPECT_EQ(who("ελενη+παπαδοπουλου"), "Eleni") << "Greek without accents or capitals";
  EXPECT_EQ(who("ΕΛΕΝΗ+ΠΑΠΑΔΟΠΟΥΛΟΥ"), "Eleni") << "Greek in capitals";
  EXPECT_EQ(who("անի+պետրոսյան"), "Ani") << "Armenian in lower case";
  EXPECT_EQ(who("ნინო+ბერიძე"), "Nino") << "Georgian in Mkhedruli";
  EXPECT_EQ(who("nguyen+thi+thao+facebook"), "Thao") << "Vietnamese without its marks";
  EXPECT_EQ(who("NGUYỄN+THỊ+THẢO"), "Thao") << "Vietnamese in capitals";
  EXPECT_EQ(who("ελενη"), "-") << "one word of two is not the name";
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

// Names that share a first word are chained behind it (decide.cpp,
// add_keyword): each is found, in the list's order, and so from a snapshot.
TEST(KeywordChains, NamesSharingAFirstWordAreEachFoundInListOrder) {
  std::string json = R"({"version":1,"people":[)";
  for (int i = 0; i < 300; ++i)
    json += (i ? "," : "") + std::string(R"({"name":"P)") + std::to_string(i) + R"(","keywords":["Sofia W)" +
            std::to_string(i) + R"(", "Sofia Shared"]})";
  json += "]}";
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(json, error)) << error.to_string();
  Engine restored;
  ASSERT_TRUE(restored.load_snapshot(engine.snapshot()));
  for (Engine* e : {&engine, &restored}) {
    for (int i : {0, 1, 150, 299}) {
      const Verdict& v = e->decide("https://www.google.com/search?q=sofia+w" + std::to_string(i));
      ASSERT_TRUE(v.block) << i;
      EXPECT_EQ(v.person, i);
    }
    EXPECT_EQ(e->decide("https://www.google.com/search?q=sofia+shared").person, 0) << "the first listed";
    EXPECT_FALSE(e->decide("https://www.google.com/search?q=sofia+w300").block);
  }
}

}  // namespace
}  // namespace deadbolt
