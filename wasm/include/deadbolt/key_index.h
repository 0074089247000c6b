// An open-addressing hash table from string keys to 32-bit values, looked up
// by std::string_view so that a decision builds no std::string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deadbolt {

class KeyIndex {
 public:
  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  // Inserts `key` unless present; returns the value now stored for it.
  std::uint32_t insert(std::string_view key, std::uint32_t value);
  std::uint32_t find(std::string_view key) const;
  std::size_t size() const { return keys_.size(); }
  void clear();
  std::size_t memory_bytes() const;

  // FNV-1a over the key read backwards: short keys, no tables, and the hashes
  // of all of a host's suffixes come out of one pass (Catalog::find_site).
  static constexpr std::uint64_t kHashStart = 0xcbf29ce484222325ull;
  static std::uint64_t hash_step(std::uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ull; }
  static std::uint64_t hash(std::string_view key) {
    std::uint64_t h = kHashStart;
    for (std::size_t i = key.size(); i-- > 0;) h = hash_step(h, static_cast<unsigned char>(key[i]));
    return h;
  }

  // find() with the key's hash already computed.
  std::uint32_t find(std::string_view key, std::uint64_t key_hash) const;

 private:
  void grow();
  struct Slot {
    std::uint32_t key = kMissing;  // index into keys_
    std::uint32_t value = 0;
  };
  std::vector<Slot> slots_;
  std::vector<std::string> keys_;
};

}  // namespace deadbolt
