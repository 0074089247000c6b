#include "deadbolt/key_index.h"

namespace deadbolt {

std::uint32_t KeyIndex::find(std::string_view key, std::uint64_t key_hash) const {
  if (slots_.empty()) return kMissing;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(key_hash, mask);; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key == kMissing) return kMissing;
    if (this->key(slot.key) == key) return slot.value;
  }
}

std::uint32_t KeyIndex::insert(std::string_view key, std::uint32_t value) {
  if ((spans_.size() + 1) * 4 >= slots_.size() * 3) rehash(slots_.empty() ? 16 : slots_.size() * 2);  // load < 3/4
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(hash(key), mask);; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == kMissing) {
      slot.key = static_cast<std::uint32_t>(spans_.size());
      slot.value = value;
      spans_.push_back({static_cast<std::uint32_t>(arena_.size()), static_cast<std::uint32_t>(key.size())});
      arena_.append(key.data(), key.size());
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

void KeyIndex::clear() {
  slots_.clear();
  spans_.clear();
  arena_.clear();
}

std::size_t KeyIndex::memory_bytes() const {
  return slots_.capacity() * sizeof(Slot) + spans_.capacity() * sizeof(Span) + arena_.capacity();
}

}  // namespace deadbolt
