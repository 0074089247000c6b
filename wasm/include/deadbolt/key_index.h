// An open-addressing hash table from string keys to 32-bit values, looked up
// by std::string_view so that a decision builds no std::string. Keys live
// back to back in one arena: a 100,000-account list costs a few allocations,
// not 200,000.
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
  std::uint32_t find(std::string_view key) const { return find(key, hash(key)); }
  // find() with the key's hash already computed.
  std::uint32_t find(std::string_view key, std::uint64_t key_hash) const;
  std::size_t size() const { return spans_.size(); }
  void clear();
  // Makes room for `keys` keys of `bytes` bytes in all without rehashing.
  void reserve(std::size_t keys, std::size_t bytes);
  std::size_t memory_bytes() const;

  // Calls fn(key, value) for every entry, in insertion order.
  template <typename Fn>
  void for_each(Fn fn) const {
    std::vector<std::uint32_t> values(spans_.size());
    for (const Slot& slot : slots_)
      if (slot.key != kMissing) values[slot.key] = slot.value;
    for (std::size_t i = 0; i < spans_.size(); ++i) fn(key(static_cast<std::uint32_t>(i)), values[i]);
  }

  // FNV-1a over the key read backwards: short keys, no tables, and the hashes
  // of all of a host's suffixes come out of one pass (Catalog::find_site).
  static constexpr std::uint64_t kHashStart = 0xcbf29ce484222325ull;
  static std::uint64_t hash_step(std::uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ull; }
  static std::uint64_t hash(std::string_view key) {
    std::uint64_t h = kHashStart;
    for (std::size_t i = key.size(); i-- > 0;) h = hash_step(h, static_cast<unsigned char>(key[i]));
    return h;
  }

 private:
  struct Slot {
    std::uint32_t key = kMissing;  // index into spans_
    std::uint32_t value = 0;
  };
  struct Span {
    std::uint32_t offset, size;
  };
  std::string_view key(std::uint32_t index) const {
    return std::string_view(arena_.data() + spans_[index].offset, spans_[index].size);
  }
  static std::size_t slot_of(std::uint64_t h, std::size_t mask) { return (h ^ (h >> 29)) & mask; }
  void rehash(std::size_t slots);

  std::vector<Slot> slots_;
  std::vector<Span> spans_;
  std::string arena_;
};

}  // namespace deadbolt
