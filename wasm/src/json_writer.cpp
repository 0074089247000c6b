#include "deadbolt/json_writer.h"

namespace deadbolt {

namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The UTF-8 sequence at the start of `s` (not empty), per Unicode Table 3-7:
// its length when well-formed, else the negated length of its maximal
// subpart (the bytes that could still have begun a sequence; at least 1),
// which is replaced by one U+FFFD, as nlohmann's decoder does.
long utf8_sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char lead = b(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;  // nothing above U+10FFFF
  } else {
    return -1;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const bool fits = i < s.size() && (i == 1 ? b(i) >= low && b(i) <= high : b(i) >= 0x80 && b(i) <= 0xBF);
    if (!fits) return -static_cast<long>(i);
  }
  return static_cast<long>(length);
}

}  // namespace

void append_json_string(std::string& out, std::string_view value) {
  out += '"';
  while (!value.empty()) {
    const unsigned char c = static_cast<unsigned char>(value[0]);
    if (c >= 0x80) {
      const long length = utf8_sequence(value);
      if (length < 0) {
        out += kReplacement;
        value.remove_prefix(static_cast<std::size_t>(-length));
      } else {
        out.append(value.data(), static_cast<std::size_t>(length));
        value.remove_prefix(static_cast<std::size_t>(length));
      }
      continue;
    }
    value.remove_prefix(1);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void JsonWriter::separate() {
  if (!first_) out_ += ',';
  first_ = false;
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_ = false;
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  first_ = true;  // the value that follows takes no comma
  return *this;
}

JsonWriter& JsonWriter::string(std::string_view value) {
  separate();
  append_json_string(out_, value);
  return *this;
}

JsonWriter& JsonWriter::string_or_null(std::string_view value) { return value.empty() ? null() : string(value); }

JsonWriter& JsonWriter::number(long long value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

JsonWriter& JsonWriter::boolean(bool value) {
  separate();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

}  // namespace deadbolt
