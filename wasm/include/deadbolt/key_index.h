// An open-addressing hash table from string keys to 32-bit values, looked up
// by std::string_view so that a decision builds no std::string. Keys live
// back to back in one arena: a 100,000-account list costs a few allocations,
// not 200,000. The table can also be used in place from an image (a binary
// snapshot): no rehash, no copy of its keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace deadbolt {

class KeyIndex {
 public:
  KeyIndex() = default;
  // Copies and moves re-point the lookup views at the new object's own
  // storage (a short arena lives inside the std::string itself); a borrowed
  // image stays borrowed.
  KeyIndex(const KeyIndex& other) { *this = other; }
  KeyIndex(KeyIndex&& other) noexcept { *this = std::move(other); }
  KeyIndex& operator=(const KeyIndex& other);
  KeyIndex& operator=(KeyIndex&& other) noexcept;

  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  // Inserts `key` unless present; returns the value now stored for it.
  std::uint32_t insert(std::string_view key, std::uint32_t value);
  std::uint32_t find(std::string_view key) const { return find(key, hash(key)); }
  // find() with the key's hash already computed.
  std::uint32_t find(std::string_view key, std::uint64_t key_hash) const;
  std::size_t size() const { return span_count_; }
  void clear();
  // Makes room for `keys` keys of `bytes` bytes in all without rehashing.
  void reserve(std::size_t keys, std::size_t bytes);
  std::size_t memory_bytes() const;

  // The table as an image: slots, key spans and arena, each padded to 8
  // bytes, behind a 16-byte header (slot, key and arena counts).
  void append_image(std::string& out) const;
  // The length of the image at the start of `bytes`, or 0 when it is not one
  // whose slots and spans stay inside it, whose values are all below
  // `value_limit`, and whose probes always end (one empty slot at least).
  static std::size_t check_image(std::string_view bytes, std::uint32_t value_limit);
  // Uses a checked image in place: `image` (8-byte aligned) must outlive
  // this index, or the next clear() or insert(), which copies it first.
  void use_image(std::string_view image);

  // Calls fn(key) for every key, in insertion order; nothing allocated.
  template <typename Fn>
  void for_each_key(Fn fn) const {
    for (std::size_t i = 0; i < span_count_; ++i) fn(key(static_cast<std::uint32_t>(i)));
  }
  // All keys' bytes together: with size(), what reserve() needs for a copy.
  std::size_t key_bytes() const { return arena_size_; }

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
    std::uint32_t key = kMissing;  // index into the spans
    std::uint32_t value = 0;
  };
  struct Span {
    std::uint32_t offset, size;
  };
  std::string_view key(std::uint32_t index) const {
    return std::string_view(arena_data_ + span_data_[index].offset, span_data_[index].size);
  }
  static std::size_t slot_of(std::uint64_t h, std::size_t mask) { return (h ^ (h >> 29)) & mask; }
  void rehash(std::size_t slots);
  void own();  // copies a borrowed image into the vectors below
  void point_at_own();
  void take_views(const KeyIndex& other);  // after a copy or move of the vectors

  // What lookups read: the vectors below, or an image used in place.
  const Slot* slot_data_ = nullptr;
  std::size_t slot_count_ = 0;
  const Span* span_data_ = nullptr;
  std::size_t span_count_ = 0;
  const char* arena_data_ = nullptr;
  std::size_t arena_size_ = 0;
  bool borrowed_ = false;

  std::vector<Slot> slots_;
  std::vector<Span> spans_;
  std::string arena_;
};

}  // namespace deadbolt
