// JsonWriter must write what nlohmann's dump() writes (with the "replace"
// error handler, as dump_json uses it): the decider writes verdicts with it,
// the full core used to write them with nlohmann, and the shell parses both.
#include "deadbolt/json_writer.h"
#include "deadbolt/blocklist_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace {

std::string nlohmann_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string writer_string(const std::string& s) {
  std::string out;
  deadbolt::append_json_string(out, s);
  return out;
}

TEST(JsonWriter, EscapesAsNlohmannDoes) {
  const std::string cases[] = {
      "",
      "plain",
      "quote \" back \\ slash",
      "\b\f\n\r\t",
      std::string("nul \0 inside", 12),
      "\x01\x1f\x7f",
      "caf\xC3\xA9",
      "\xF0\x9F\x92\x94 heart",
      "\xE2\x82\xAC euro",
  };
  for (const auto& s : cases) EXPECT_EQ(writer_string(s), nlohmann_string(s)) << s;
}

TEST(JsonWriter, ReplacesIllFormedUtf8AsNlohmannDoes) {
  const std::string cases[] = {
      "\xFF",
      "\xC3",
      "a\xC3",
      "\xE2\x82",
      "\xE2\x82x",
      "\xED\xA0\x80",
      "\xF4\x90\x80\x80",
      "\xC0\xAF",
      "\xE0\x80\xAF",
      "\xF0\x8F\xBF\xBF",
      "\x80\x80",
      "ok\xE2\x82\xACok\x80x",
      "\xF0\x9F\x92",
      "\xF0\x9F\x92x\xF0\x9F\x92\x94",
  };
  for (const auto& s : cases) EXPECT_EQ(writer_string(s), nlohmann_string(s)) << testing::PrintToString(s);
}

TEST(JsonWriter, AgreesWithNlohmannOnRandomBytes) {
  std::mt19937 random(20261202);  // fixed: a failure reproduces
  // Bytes drawn mostly from the edges of UTF-8's ranges, where decoders differ.
  const unsigned char pool[] = {0x00, 0x1F, 0x20, '"',  '\\', 'a',  0x7F, 0x80, 0x8F, 0x90,
                                0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
                                0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
  std::uniform_int_distribution<std::size_t> pick(0, sizeof pool - 1), length(0, 12);
  for (int round = 0; round < 200000; ++round) {
    std::string s(length(random), '\0');
    for (auto& c : s) c = static_cast<char>(pool[pick(random)]);
    ASSERT_EQ(writer_string(s), nlohmann_string(s)) << testing::PrintToString(s);
  }
}

TEST(JsonWriter, WritesObjectsArraysAndScalars) {
  deadbolt::JsonWriter w;
  w.begin_object();
  w.key("a").string("x").key("n").number(-3).key("t").boolean(true).key("z").null();
  w.key("empty")
      .string_or_null("")
      .key("list")
      .begin_array()
      .string("p")
      .number(1)
      .begin_object()
      .end_object()
      .end_array();
  w.end_object();
  EXPECT_EQ(w.text(), R"({"a":"x","n":-3,"t":true,"z":null,"empty":null,"list":["p",1,{}]})");
  EXPECT_EQ(nlohmann::json::parse(w.text())["list"][1], 1);
}

// dump_json writes whole documents as nlohmann's dump() does, indented or
// not: the list core exports lists with it (unknown fields kept, whatever
// their numbers), without linking nlohmann's serializer.
TEST(DumpJson, WritesDocumentsAsNlohmannDoes) {
  const char* documents[] = {
      "null",
      "true",
      "0",
      "-0",
      "18446744073709551615",
      "-9223372036854775808",
      "1.5",
      "-0.0",
      "1e300",
      "5e-324",
      "0.1",
      "123456789012345678901234567890",
      "3.0",
      R"("caf\u00e9 \\ \u0001 \ud83d\udc94")",
      "[]",
      "{}",
      "[[]]",
      "{\"a\":{}}",
      R"({"version":1,"people":[{"name":"Jane","accounts":[{"platform":"instagram","handle":"j"}],)"
      R"("note":null,"opacity":0.25,"tags":["a",2,false,{"deep":[1.0e-7,[]]}]}],"theme":"dusk"})",
  };
  for (const char* text : documents) {
    const auto ordered = nlohmann::ordered_json::parse(text);
    const auto plain = nlohmann::json::parse(text);
    for (const int indent : {-1, 0, 2, 4}) {
      EXPECT_EQ(deadbolt::dump_json(ordered, indent),
                ordered.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace))
          << text << " indent " << indent;
      EXPECT_EQ(deadbolt::dump_json(plain, indent),
                plain.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace))
          << text << " indent " << indent;
    }
  }
  // Not from JSON text: infinities and NaN are null, ill-formed UTF-8 replaced.
  const nlohmann::ordered_json odd = {{"inf", 1.0 / 0.0}, {"bytes", std::string("\xC3(\xFF")}};
  EXPECT_EQ(deadbolt::dump_json(odd), odd.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

}  // namespace
