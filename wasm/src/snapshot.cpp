// Engine::snapshot() and load_snapshot(): the decision index as compact
// bytes that a restarted core reads back in one pass. Storage hands a new
// worker or content script its value in time that grows with its size (in
// an empty Chromium worker here: 5 ms for a few bytes, 18 ms for 195 KB of
// base64), so the image keeps the list's keys and values, not the hash
// tables built from them (a third of it was empty slots): the tables are
// built again on load.
//
//   header (40 bytes; numbers little-endian)
//     "deadbolt"             magic
//     u32 format             kFormat: a format change refuses older images
//     u32 payload bytes      what follows the header
//     char[16] fingerprint   the catalog's shape, in hex: another build refuses it
//     u64 checksum           of the payload, 8 bytes at a time (FNV-1a style)
//   payload (numbers as varints, byte_stream.h; zero-padded to 8 bytes)
//     people, keywords, hosts, refs        counts
//     people    × {length, bytes}                 names, in list order
//     keywords  × {person, length, bytes}         folded keyword words
//     hosts     × {site, length, bytes}           home instances served as a site
//     refs      × person, as a difference from the previous ref's
//     the accounts' keys (KeyIndex::append_keys: value = ref)
//     the handle words (value = person)
#include <cstring>

#include "deadbolt/byte_stream.h"

#include "deadbolt/core_digest.h"  // generated at build time: cmake/core_digest.cmake
#include "deadbolt/decide.h"

namespace deadbolt {
namespace {

constexpr std::string_view kMagic = "deadbolt";
constexpr std::uint32_t kFormat = 3;  // 1 was the text format, 2 kept the hash tables
constexpr std::size_t kHeaderBytes = 40;

}  // namespace

std::string snapshot_fingerprint(std::string_view core_digest) {
  // Site indexes and key forms are only meaningful to the build that wrote
  // them: the catalog's shape is part of the header.
  std::uint64_t h = KeyIndex::kHashStart;
  auto mix = [&](std::string_view s) {
    for (char c : s) h = KeyIndex::hash_step(h, static_cast<unsigned char>(c));
    h = KeyIndex::hash_step(h, 0);
  };
  for (const PlatformSpec& p : platform_table()) mix(p.id);
  for (const SiteSpec& s : site_table()) {
    mix(s.platform);
    mix(s.hosts);
    mix(s.shapes);
  }
  // The code that computes keys matters as much as the data: a snapshot from
  // a core built from other sources is refused (kCoreSourceDigest hashes them).
  mix(core_digest);
  std::string hex(16, '0');
  for (int i = 15; i >= 0; --i, h >>= 4) hex[static_cast<std::size_t>(i)] = "0123456789abcdef"[h & 15];
  return hex;
}

namespace {

// This build's fingerprint, hashed once: every snapshot written and loaded
// checks it, and it hashes the whole catalog's text.
const std::string& build_fingerprint() {
  static const std::string fingerprint = snapshot_fingerprint(kCoreSourceDigest);
  return fingerprint;
}

std::uint64_t checksum(const char* data, std::size_t bytes) {  // bytes: a multiple of 8
  std::uint64_t h = KeyIndex::kHashStart;
  for (std::size_t i = 0; i < bytes; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, data + i, sizeof word);
    h = (h ^ word) * 0x100000001b3ull;
    h ^= h >> 32;
  }
  return h;
}

void append_u32(std::string& out, std::uint64_t v) {
  const auto u = static_cast<std::uint32_t>(v);
  out.append(reinterpret_cast<const char*>(&u), sizeof u);
}

void pad(std::string& out) { out.resize((out.size() + 7) & ~std::size_t{7}, '\0'); }

}  // namespace

std::string Engine::snapshot() const {
  std::string out(kHeaderBytes, '\0');
  for (std::size_t count : {people_names_.size(), keywords_.size(), extra_hosts_.size(), refs_.size()})
    append_varint(out, static_cast<std::uint32_t>(count));
  for (const std::string& name : people_names_) {
    append_varint(out, static_cast<std::uint32_t>(name.size()));
    out += name;
  }
  for (const KeywordEntry& k : keywords_) {
    append_varint(out, static_cast<std::uint32_t>(k.person));
    append_varint(out, static_cast<std::uint32_t>(k.words.size()));
    out += k.words;
  }
  for (const auto& [host, site] : extra_hosts_) {
    append_varint(out, static_cast<std::uint32_t>(site));
    append_varint(out, static_cast<std::uint32_t>(host.size()));
    out += host;
  }
  int previous = 0;
  for (const AccountRef& ref : refs_) {
    append_varint(out, zigzag(ref.person - previous));
    previous = ref.person;
  }
  accounts_.append_keys(out);
  handle_words_.append_keys(out);
  pad(out);
  // The header, now that the payload is known.
  const std::size_t payload = out.size() - kHeaderBytes;
  std::string header(kMagic);
  append_u32(header, kFormat);
  append_u32(header, payload);
  header += build_fingerprint();
  const std::uint64_t sum = checksum(out.data() + kHeaderBytes, payload);
  header.append(reinterpret_cast<const char*>(&sum), sizeof sum);
  out.replace(0, kHeaderBytes, header);
  return out;
}

char* Engine::snapshot_buffer(std::size_t bytes) {
  incoming_.resize((bytes + 7) / 8);
  return reinterpret_cast<char*>(incoming_.data());
}

bool Engine::load_snapshot(std::string_view bytes) {
  if (bytes.empty()) return false;
  std::memcpy(snapshot_buffer(bytes.size()), bytes.data(), bytes.size());
  return load_snapshot_buffer(bytes.size());
}

bool Engine::load_snapshot_buffer(std::size_t bytes) {
  if (bytes > incoming_.size() * 8 || bytes < kHeaderBytes) return false;
  const std::string_view all(reinterpret_cast<const char*>(incoming_.data()), bytes);
  std::uint32_t format, payload_bytes;
  std::memcpy(&format, all.data() + 8, 4);
  std::memcpy(&payload_bytes, all.data() + 12, 4);
  if (all.substr(0, kMagic.size()) != kMagic || format != kFormat || payload_bytes != bytes - kHeaderBytes ||
      payload_bytes % 8 != 0 || all.substr(16, 16) != build_fingerprint())
    return false;
  std::uint64_t sum;
  std::memcpy(&sum, all.data() + 32, 8);
  if (checksum(all.data() + kHeaderBytes, payload_bytes) != sum) return false;

  // Read through before anything changes: a snapshot that does not add up
  // leaves the engine as it was, even with a good checksum.
  ByteReader in(all.substr(kHeaderBytes));
  const std::uint32_t people = in.number(), keywords = in.number(), hosts = in.number(), refs = in.number();
  // Each entry takes a byte at least: larger counts are not a snapshot (and
  // must not reserve gigabytes).
  if (std::uint64_t{people} + keywords + hosts + refs > in.left()) return false;
  const std::size_t sites = Catalog::get().sites().size();
  std::vector<std::string_view> names, words;
  std::vector<std::pair<std::string_view, int>> host_list;
  std::vector<int> keyword_people, ref_people;
  names.reserve(people);
  for (std::uint32_t i = 0; i < people; ++i) names.push_back(in.text());
  for (std::uint32_t i = 0; i < keywords; ++i) {
    const std::uint32_t person = in.number();
    words.push_back(in.text());
    keyword_people.push_back(static_cast<int>(person));
    if (person >= people) in.fail();
  }
  for (std::uint32_t i = 0; i < hosts; ++i) {
    const std::uint32_t site = in.number();
    host_list.emplace_back(in.text(), static_cast<int>(site));
    if (site >= sites) in.fail();
  }
  ref_people.reserve(refs);
  std::int64_t person = 0;
  for (std::uint32_t i = 0; i < refs && in.ok(); ++i) {
    person += unzigzag(in.number());
    if (person < 0 || person >= people) in.fail();
    ref_people.push_back(static_cast<int>(person));
  }
  KeyIndex accounts = KeyIndex::read_keys(in, refs);
  KeyIndex handle_words = KeyIndex::read_keys(in, people);
  // After the last key only the padding: fewer than 8 bytes, all zero.
  const std::size_t padding = in.left();
  for (char c : in.bytes(padding))
    if (c != 0) in.fail();
  if (!in.ok() || padding >= 8) return false;

  // Usable.
  list_ = Blocklist{};
  clear_index();
  full_list_ = false;
  people_names_.assign(names.begin(), names.end());
  refs_.reserve(refs);
  for (int p : ref_people) refs_.push_back({p, -1});
  for (std::size_t i = 0; i < words.size(); ++i) add_keyword(keyword_people[i], std::string(words[i]));
  for (const auto& [host, site] : host_list) add_extra_host(std::string(host), site);
  accounts_ = std::move(accounts);
  handle_words_ = std::move(handle_words);
  std::vector<std::uint64_t>().swap(incoming_);  // read: the tables are the engine's own
  return true;
}

}  // namespace deadbolt
