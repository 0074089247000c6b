#include "deadbolt/key_index.h"

#include <algorithm>
#include <cstring>

#include "deadbolt/text.h"

namespace deadbolt {

std::uint64_t KeyIndex::hash(std::string_view key) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;
  const auto* p = reinterpret_cast<const unsigned char*>(key.data());
  std::size_t n = key.size();
  std::uint64_t h = kHashStart ^ n;
  for (; n > 8; p += 8, n -= 8) {
    std::uint64_t word;
    std::memcpy(&word, p, 8);
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  }
  // The last one to eight bytes: two 4-byte reads that may overlap, or three
  // bytes (the length, mixed in first, tells the cases apart).
  std::uint64_t tail = 0;
  if (n >= 4) {
    std::uint32_t first, last;
    std::memcpy(&first, p, 4);
    std::memcpy(&last, p + n - 4, 4);
    tail = (std::uint64_t{first} << 32) | last;
  } else if (n > 0) {
    tail = (std::uint64_t{p[0]} << 16) | (std::uint64_t{p[n / 2]} << 8) | p[n - 1];
  }
  h = (h ^ tail) * kMultiplier;
  h ^= h >> 32;  // then MurmurHash3's 64-bit finaliser, halved
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return h;
}

// Out of line: its compare is inlined here once, not into each caller (4 KB).
__attribute__((noinline)) std::uint32_t KeyIndex::find(std::string_view key, std::uint64_t key_hash) const {
  if (slots_.empty()) return kMissing;
  const std::size_t mask = slots_.size() - 1;
  const Slot* slots = slots_.data();
  for (std::size_t i = slot_of(key_hash, mask);; i = (i + 1) & mask) {
    const Slot& slot = slots[i];
    if (slot.key == kMissing) return kMissing;
    if (same_text(this->key(slot.key), key)) return slot.value;
  }
}

// Out of line: inlined into each caller (loading, the item and name
// indexes), it grew the decider by 400 B.
__attribute__((noinline)) std::uint32_t KeyIndex::insert(std::string_view key, std::uint32_t value) {
  const std::size_t start = arena_.size(), keys = spans_.size();
  arena_.append(key.data(), key.size());
  const std::uint32_t stored = insert_placed(start, key.size(), value);
  if (spans_.size() == keys) arena_.resize(start);  // present: the bytes appended go again
  return stored;
}

std::uint32_t KeyIndex::insert_placed(std::size_t start, std::size_t size, std::uint32_t value) {
  if ((spans_.size() + 1) * 4 >= slots_.size() * 3) rehash(slots_.empty() ? 16 : slots_.size() * 2);  // load < 3/4
  const std::string_view key(arena_.data() + start, size);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(hash(key), mask);; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == kMissing) {
      slot.key = static_cast<std::uint32_t>(spans_.size());
      slot.value = value;
      spans_.push_back({static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(size)});
      return value;
    }
    if (this->key(slot.key) == key) return slot.value;
  }
}

void KeyIndex::reserve(std::size_t keys, std::size_t bytes) {
  spans_.reserve(keys);
  arena_.reserve(bytes);
  std::size_t slots = slots_.empty() ? 16 : slots_.size();
  while ((keys + 1) * 4 >= slots * 3) slots *= 2;
  if (slots > slots_.size()) rehash(slots);
}

void KeyIndex::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == kMissing) continue;
    std::size_t i = slot_of(hash(key(s.key)), mask);
    while (slots_[i].key != kMissing) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

KeyIndex& KeyIndex::operator=(KeyIndex&& other) noexcept {
  if (this == &other) return *this;
  slots_ = std::move(other.slots_);
  spans_ = std::move(other.spans_);
  arena_ = std::move(other.arena_);
  other.clear();
  return *this;
}

void KeyIndex::clear() {
  slots_.clear();
  spans_.clear();
  arena_.clear();
}

std::size_t KeyIndex::memory_bytes() const {
  return slots_.capacity() * sizeof(Slot) + spans_.capacity() * sizeof(Span) + arena_.capacity();
}

void KeyIndex::append_keys(std::string& out) const {
  append_varint(out, static_cast<std::uint32_t>(spans_.size()));
  // Each key's value, in insertion order, from the slots.
  std::vector<std::uint32_t> values(spans_.size());
  for (const Slot& slot : slots_)
    if (slot.key != kMissing) values[slot.key] = slot.value;
  std::string_view previous;
  std::uint32_t previous_value = 0;
  for (std::uint32_t i = 0; i < spans_.size(); ++i) {
    const std::string_view k = key(i);
    append_varint(out, zigzag(static_cast<std::int64_t>(values[i]) - previous_value));
    previous_value = values[i];
    const std::size_t most = std::min(previous.size(), k.size());
    std::size_t prefix = 0;
    while (prefix < most && previous[prefix] == k[prefix]) ++prefix;
    std::size_t suffix = 0;
    while (suffix < most - prefix && previous[previous.size() - 1 - suffix] == k[k.size() - 1 - suffix]) ++suffix;
    append_varint(out, static_cast<std::uint32_t>(prefix));
    append_varint(out, static_cast<std::uint32_t>(suffix));
    const std::string_view middle = k.substr(prefix, k.size() - prefix - suffix);
    append_varint(out, static_cast<std::uint32_t>(middle.size()));
    out.append(middle.data(), middle.size());
    previous = k;
  }
}

KeyIndex KeyIndex::read_keys(ByteReader& in, std::uint32_t value_limit) {
  KeyIndex index;
  const std::uint32_t count = in.number();
  // A key takes four bytes at least: a count beyond that is not one (and
  // must not reserve gigabytes).
  if (count > in.left() / 4) in.fail();
  if (!in.ok()) return index;
  index.reserve(count, 0);
  std::int64_t value = 0;
  std::size_t used = 0;  // the arena's bytes holding keys
  for (std::uint32_t i = 0; i < count && in.ok(); ++i) {
    value += unzigzag(in.number());
    const std::size_t prefix = in.number(), suffix = in.number();
    const std::string_view middle = in.text();
    const Span previous = i == 0 ? Span{0, 0} : index.spans_[i - 1];
    // (Compared so that no sum can wrap: a size_t is 32 bits in wasm.)
    if (!in.ok() || value < 0 || value >= value_limit || prefix > previous.size || suffix > previous.size - prefix ||
        prefix + suffix > kMaxKeyBytes - used || middle.size() > kMaxKeyBytes - used - (prefix + suffix)) {
      in.fail();
      break;
    }
    const std::size_t size = prefix + middle.size() + suffix;
    // The key is put together in the arena after the previous one, its
    // shared parts copied from the previous key there (read after the arena
    // has grown, from where it is now). The arena grows by doubling and is
    // cut to what was used at the end: one resize call every few hundred
    // keys, not one per key (a call, not inlined code, in the size-built
    // decider).
    std::string& arena = index.arena_;
    if (used + size > arena.size()) arena.resize(std::min(2 * (used + size), kMaxKeyBytes));
    char* const key = &arena[used];
    const char* const before = &arena[previous.offset];
    std::memcpy(key, before, prefix);
    std::memcpy(key + prefix, middle.data(), middle.size());
    std::memcpy(key + prefix + middle.size(), before + previous.size - suffix, suffix);
    const auto v = static_cast<std::uint32_t>(value);
    if (index.insert_placed(used, size, v) != v || index.size() != i + 1u) in.fail();  // a key twice
    used += size;
  }
  index.arena_.resize(used);
  if (!in.ok()) index.clear();
  return index;
}

}  // namespace deadbolt
