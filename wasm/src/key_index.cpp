#include "deadbolt/key_index.h"

namespace deadbolt {

std::uint32_t KeyIndex::find(std::string_view key) const { return find(key, hash(key)); }

std::uint32_t KeyIndex::find(std::string_view key, std::uint64_t key_hash) const {
  if (slots_.empty()) return kMissing;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = (key_hash ^ (key_hash >> 29)) & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.key == kMissing) return kMissing;
    if (keys_[slot.key] == key) return slot.value;
  }
}

std::uint32_t KeyIndex::insert(std::string_view key, std::uint32_t value) {
  if ((keys_.size() + 1) * 4 >= slots_.size() * 3) grow();  // load factor under 3/4
  const std::size_t mask = slots_.size() - 1;
  const std::uint64_t h = hash(key);
  for (std::size_t i = (h ^ (h >> 29)) & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.key == kMissing) {
      slot.key = static_cast<std::uint32_t>(keys_.size());
      slot.value = value;
      keys_.emplace_back(key);
      return value;
    }
    if (keys_[slot.key] == key) return slot.value;
  }
}

void KeyIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  const std::size_t mask = slots_.size() - 1;
  for (const Slot& s : old) {
    if (s.key == kMissing) continue;
    const std::uint64_t h = hash(keys_[s.key]);
    std::size_t i = (h ^ (h >> 29)) & mask;
    while (slots_[i].key != kMissing) i = (i + 1) & mask;
    slots_[i] = s;
  }
}

void KeyIndex::clear() {
  slots_.clear();
  keys_.clear();
}

std::size_t KeyIndex::memory_bytes() const {
  std::size_t bytes = slots_.capacity() * sizeof(Slot) + keys_.capacity() * sizeof(std::string);
  for (const auto& k : keys_) bytes += k.capacity() > 15 ? k.capacity() + 1 : 0;
  return bytes;
}

}  // namespace deadbolt
