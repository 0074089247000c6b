// An open-addressing hash table from string keys to 32-bit values, looked up
// by std::string_view so that a decision builds no std::string. Keys live
// back to back in one arena: a 100,000-account list costs a few allocations,
// not 200,000. A snapshot keeps only the keys and values, compactly
// (append_keys), and the table is built again from them on load.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/byte_stream.h"

namespace deadbolt {

// What a snapshot's keys may add up to: far more than the largest list a
// person can load (kMaxBlocklistBytes, 8 MB of JSON) yields, and a bound on
// what reading one may allocate: each key is written as the part it shares
// with the one before, so keys that each repeat the last whole would
// otherwise add up to the square of the snapshot's size.
inline constexpr std::size_t kMaxKeyBytes = 32u * 1024 * 1024;

class KeyIndex {
 public:
  KeyIndex() = default;
  KeyIndex(const KeyIndex&) = default;
  KeyIndex& operator=(const KeyIndex&) = default;
  // A moved-from index is empty and usable.
  KeyIndex(KeyIndex&& other) noexcept { *this = std::move(other); }
  KeyIndex& operator=(KeyIndex&& other) noexcept;

  static constexpr std::uint32_t kMissing = 0xFFFFFFFFu;

  // Inserts `key` unless present; returns the value now stored for it.
  // (`key` must not be a view into this index's own keys.)
  std::uint32_t insert(std::string_view key, std::uint32_t value);
  std::uint32_t find(std::string_view key) const { return find(key, hash(key)); }
  // find() with the key's hash already computed.
  std::uint32_t find(std::string_view key, std::uint64_t key_hash) const;
  std::size_t size() const { return spans_.size(); }
  void clear();
  // Makes room for `keys` keys of `bytes` bytes in all without rehashing.
  void reserve(std::size_t keys, std::size_t bytes);
  std::size_t memory_bytes() const;

  // The keys in insertion order with their values, as a snapshot keeps
  // them (snapshot.cpp): a count, then for each key the difference of its
  // value from the previous key's, and the key as the lengths of the prefix
  // and suffix it shares with the previous key and the bytes between; varints
  // throughout. A list's keys come in pairs that differ in one byte
  // ("x:jane", "x#jane") with the same value, and values ascend: most of a
  // pair's second key is two lengths.
  void append_keys(std::string& out) const;
  // Reads what append_keys wrote from `in`; on anything else (a value at or
  // above `value_limit`, a key twice, a length past its previous key or the
  // end) `in` fails and the index returned is empty.
  // Keys that add up to more than kMaxKeyBytes fail too.
  static KeyIndex read_keys(ByteReader& in, std::uint32_t value_limit);

  // Calls fn(key) for every key, in insertion order; nothing allocated.
  template <typename Fn>
  void for_each_key(Fn fn) const {
    for (std::size_t i = 0; i < spans_.size(); ++i) fn(key(static_cast<std::uint32_t>(i)));
  }
  // All keys' bytes together: with size(), what reserve() needs for a copy.
  std::size_t key_bytes() const { return arena_.size(); }

  // The tables' hash: eight bytes a step (most keys take one to four), then
  // mixed so that both ends are usable (slots take the low bits, the
  // catalog's host filter the high ones). Held in memory only: a snapshot
  // keeps keys, not hashes.
  static std::uint64_t hash(std::string_view key);
  // FNV-1a, a byte a step: for what is kept (rule ids, the snapshot's
  // fingerprint and checksum), which must not change with the tables' hash.
  static constexpr std::uint64_t kHashStart = 0xcbf29ce484222325ull;
  static std::uint64_t hash_step(std::uint64_t h, unsigned char c) { return (h ^ c) * 0x100000001b3ull; }

 private:
  struct Slot {
    std::uint32_t key = kMissing;  // index into the spans
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
  // insert() of the `size` bytes the arena holds from `start` (placed there
  // by the caller, after every key); returns the value now stored for them.
  // A key already present is not added: its bytes are the caller's to drop.
  std::uint32_t insert_placed(std::size_t start, std::size_t size, std::uint32_t value);

  std::vector<Slot> slots_;
  std::vector<Span> spans_;
  std::string arena_;
};

}  // namespace deadbolt
