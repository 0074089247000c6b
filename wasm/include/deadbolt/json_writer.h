// A small JSON writer for the answers the decider gives on the start path
// (verdicts, identities, feed markup): objects, arrays, strings, numbers,
// booleans and null, appended to one string. It exists so that the decider
// carries no JSON library: nlohmann's parser and serializer are a third of
// its wasm, and deciding never parses JSON. Strings are escaped as
// nlohmann's dump() escapes them (", \, control characters; UTF-8 kept as
// is), and ill-formed UTF-8 is replaced by U+FFFD, as dump() does with its
// "replace" error handler, so both builds answer byte for byte alike.
#pragma once

#include <string>
#include <string_view>

namespace deadbolt {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  // A string, or null when `value` is empty.
  JsonWriter& string_or_null(std::string_view value);
  JsonWriter& number(long long value);
  JsonWriter& boolean(bool value);
  JsonWriter& null();

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate();
  std::string out_;
  bool first_ = true;  // no value yet in the innermost object or array
};

// `value` as a JSON string, quotes included, appended to `out`.
void append_json_string(std::string& out, std::string_view value);

}  // namespace deadbolt
