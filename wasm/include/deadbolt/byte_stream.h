// The snapshot's numbers as LEB128 varints: a length, a count or a small
// difference in one byte, none over five; and a reader that checks every
// read against the end and fails for good at the first one that does not fit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace deadbolt {

inline void append_varint(std::string& out, std::uint32_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// A signed difference as an unsigned number, small either way (zigzag).
inline std::uint32_t zigzag(std::int64_t d) { return static_cast<std::uint32_t>(d < 0 ? ((-d - 1) << 1) | 1 : d << 1); }
inline std::int64_t unzigzag(std::uint32_t v) {
  return (v & 1) ? -static_cast<std::int64_t>(v >> 1) - 1 : static_cast<std::int64_t>(v >> 1);
}

class ByteReader {
 public:
  explicit ByteReader(std::string_view bytes) : bytes_(bytes) {}

  // The next varint; 0, and failed, when it runs past the end or 32 bits.
  std::uint32_t number() {
    std::uint32_t v = 0;
    for (int shift = 0; ok_ && shift < 35; shift += 7) {
      if (pos_ == bytes_.size()) break;
      const auto byte = static_cast<unsigned char>(bytes_[pos_++]);
      if (shift == 28 && byte > 0x0F) break;  // more than 32 bits
      v |= static_cast<std::uint32_t>(byte & 0x7F) << shift;
      if (!(byte & 0x80)) return v;
    }
    ok_ = false;
    return 0;
  }
  // The next `n` bytes; empty, and failed, when fewer are left.
  std::string_view bytes(std::size_t n) {
    if (!ok_ || n > left()) {
      ok_ = false;
      return {};
    }
    const std::string_view out = bytes_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  // A varint length, then that many bytes.
  std::string_view text() { return bytes(number()); }
  void fail() { ok_ = false; }

  bool ok() const { return ok_; }
  std::size_t left() const { return bytes_.size() - pos_; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace deadbolt
