#include "deadbolt/key_index.h"

#include <cstring>

namespace deadbolt {
namespace {

constexpr std::size_t padded(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

std::uint32_t read_u32(const char* p) {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void append_u32(std::string& out, std::uint32_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }

void pad(std::string& out) { out.resize(padded(out.size()), '\0'); }

}  // namespace

std::uint32_t KeyIndex::find(std::string_view key, std::uint64_t key_hash) const {
  if (slot_count_ == 0) return kMissing;
  const std::size_t mask = slot_count_ - 1;
  for (std::size_t i = slot_of(key_hash, mask);; i = (i + 1) & mask) {
    const Slot& slot = slot_data_[i];
    if (slot.key == kMissing) return kMissing;
    if (this->key(slot.key) == key) return slot.value;
  }
}

std::uint32_t KeyIndex::insert(std::string_view key, std::uint32_t value) {
  own();
  if ((spans_.size() + 1) * 4 >= slots_.size() * 3) rehash(slots_.empty() ? 16 : slots_.size() * 2);  // load < 3/4
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(hash(key), mask);; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == kMissing) {
      slot.key = static_cast<std::uint32_t>(spans_.size());
      slot.value = value;
      spans_.push_back({static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size())});
      arena_.append(key.data(), key.size());
      point_at_own();
      return value;
    }
    if (std::string_view(arena_.data() + spans_[slot.key].offset, spans_[slot.key].size) == key) return slot.value;
  }
}

void KeyIndex::reserve(std::size_t keys, std::size_t bytes) {
  own();
  spans_.reserve(keys);
  arena_.reserve(bytes);
  std::size_t slots = slots_.empty() ? 16 : slots_.size();
  while ((keys + 1) * 4 >= slots * 3) slots *= 2;
  if (slots > slots_.size()) rehash(slots);
  point_at_own();
}

void KeyIndex::rehash(std::size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == kMissing) continue;
    const Span span = spans_[s.key];
    std::size_t i = slot_of(hash(std::string_view(arena_.data() + span.offset, span.size)), mask);
    while (slots_[i].key != kMissing) i = (i + 1) & mask;
    slots_[i] = s;
  }
  point_at_own();
}

KeyIndex& KeyIndex::operator=(const KeyIndex& other) {
  if (this == &other) return *this;
  slots_ = other.slots_;
  spans_ = other.spans_;
  arena_ = other.arena_;
  take_views(other);
  return *this;
}

KeyIndex& KeyIndex::operator=(KeyIndex&& other) noexcept {
  if (this == &other) return *this;
  slots_ = std::move(other.slots_);
  spans_ = std::move(other.spans_);
  arena_ = std::move(other.arena_);
  take_views(other);
  other.clear();
  return *this;
}

void KeyIndex::take_views(const KeyIndex& other) {
  borrowed_ = other.borrowed_;
  if (!borrowed_) {
    point_at_own();
    return;
  }
  slot_data_ = other.slot_data_;
  slot_count_ = other.slot_count_;
  span_data_ = other.span_data_;
  span_count_ = other.span_count_;
  arena_data_ = other.arena_data_;
  arena_size_ = other.arena_size_;
}

void KeyIndex::clear() {
  slots_.clear();
  spans_.clear();
  arena_.clear();
  borrowed_ = false;
  point_at_own();
}

void KeyIndex::own() {
  if (!borrowed_) return;
  slots_.assign(slot_data_, slot_data_ + slot_count_);
  spans_.assign(span_data_, span_data_ + span_count_);
  arena_.assign(arena_data_, arena_size_);
  borrowed_ = false;
  point_at_own();
}

void KeyIndex::point_at_own() {
  slot_data_ = slots_.data();
  slot_count_ = slots_.size();
  span_data_ = spans_.data();
  span_count_ = spans_.size();
  arena_data_ = arena_.data();
  arena_size_ = arena_.size();
}

std::size_t KeyIndex::memory_bytes() const {
  return slots_.capacity() * sizeof(Slot) + spans_.capacity() * sizeof(Span) + arena_.capacity();
}

void KeyIndex::append_image(std::string& out) const {
  pad(out);
  append_u32(out, static_cast<std::uint32_t>(slot_count_));
  append_u32(out, static_cast<std::uint32_t>(span_count_));
  append_u32(out, static_cast<std::uint32_t>(arena_size_));
  append_u32(out, 0);
  out.append(reinterpret_cast<const char*>(slot_data_), slot_count_ * sizeof(Slot));
  out.append(reinterpret_cast<const char*>(span_data_), span_count_ * sizeof(Span));
  out.append(arena_data_, arena_size_);
  pad(out);
}

std::size_t KeyIndex::check_image(std::string_view bytes, std::uint32_t value_limit) {
  static_assert(sizeof(Slot) == 8 && sizeof(Span) == 8, "the image stores slots and spans as they are in memory");
  if (bytes.size() < 16) return 0;
  const std::size_t slots = read_u32(bytes.data()), spans = read_u32(bytes.data() + 4),
                    arena = read_u32(bytes.data() + 8);
  // A power of two (the probe mask) with room for every key and one empty slot.
  if (slots != 0 && ((slots & (slots - 1)) != 0 || spans >= slots)) return 0;
  if (slots == 0 && spans != 0) return 0;
  const std::size_t size = 16 + padded(slots * sizeof(Slot) + spans * sizeof(Span) + arena);
  if (size > bytes.size()) return 0;
  const char* slot_bytes = bytes.data() + 16;
  const char* span_bytes = slot_bytes + slots * sizeof(Slot);
  std::size_t used = 0;
  for (std::size_t i = 0; i < slots; ++i) {
    const std::uint32_t key = read_u32(slot_bytes + i * 8), value = read_u32(slot_bytes + i * 8 + 4);
    if (key == kMissing) continue;
    if (key >= spans || value >= value_limit) return 0;
    ++used;
  }
  if (used != spans) return 0;
  for (std::size_t i = 0; i < spans; ++i) {
    const std::uint64_t offset = read_u32(span_bytes + i * 8), length = read_u32(span_bytes + i * 8 + 4);
    if (offset + length > arena) return 0;
  }
  return size;
}

void KeyIndex::use_image(std::string_view image) {
  clear();
  slot_count_ = read_u32(image.data());
  span_count_ = read_u32(image.data() + 4);
  arena_size_ = read_u32(image.data() + 8);
  // The image is 8-byte aligned and holds slots and spans as they are laid
  // out in memory: they are read where they are.
  slot_data_ = reinterpret_cast<const Slot*>(image.data() + 16);
  span_data_ = reinterpret_cast<const Span*>(image.data() + 16 + slot_count_ * sizeof(Slot));
  arena_data_ = image.data() + 16 + slot_count_ * sizeof(Slot) + span_count_ * sizeof(Span);
  borrowed_ = true;
}

}  // namespace deadbolt
