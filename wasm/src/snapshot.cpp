// Engine::snapshot() and load_snapshot(): the decision index as a binary
// image that a restarted core uses after one copy into its memory. Every
// number is a little-endian uint32 (wasm and the native builds this project
// targets are little-endian; the catalog fingerprint ties an image to one
// build anyway). Sections start at multiples of 8 bytes.
//
//   header (40 bytes)
//     "deadbolt"             magic
//     u32 format             kFormat: a format change refuses older images
//     u32 payload bytes      what follows the header
//     char[16] fingerprint   the catalog's shape, in hex: another build refuses it
//     u64 checksum           of the payload, 8 bytes at a time (FNV-1a style)
//   payload
//     u32 people, keywords, hosts, refs
//     people    × {u32 length, bytes}                names, in list order
//     keywords  × {u32 person, u32 length, bytes}    folded keyword words
//     hosts     × {u32 site, u32 length, bytes}      home instances served as a site
//     refs      × u32 person                         (padded to 8)
//     key index of the accounts  (KeyIndex image: value = ref)
//     key index of the handle words (value = person)
//
// The two key indexes, nearly all of an image's bytes, are used where they
// are: loading them is a check, not a rebuild.
#include <cstring>

#include "deadbolt/core_digest.h"  // generated at build time: cmake/core_digest.cmake
#include "deadbolt/decide.h"

namespace deadbolt {
namespace {

constexpr std::string_view kMagic = "deadbolt";
constexpr std::uint32_t kFormat = 2;  // 1 was the text format
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

// Reads the payload front to back; every read is bounds-checked.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  bool u32(std::uint32_t& out) {
    if (bytes_.size() - pos_ < 4) return fail();
    std::memcpy(&out, bytes_.data() + pos_, 4);
    pos_ += 4;
    return true;
  }
  bool text(std::string_view& out) {
    std::uint32_t length;
    if (!u32(length) || bytes_.size() - pos_ < length) return fail();
    out = bytes_.substr(pos_, length);
    pos_ += length;
    return true;
  }
  bool align() {
    const std::size_t aligned = (pos_ + 7) & ~std::size_t{7};
    if (aligned > bytes_.size()) return fail();
    pos_ = aligned;
    return true;
  }
  // The key index image here, checked; empty when it is not one.
  std::string_view index(std::uint32_t value_limit) {
    if (!align()) return {};
    const std::size_t size = KeyIndex::check_image(bytes_.substr(pos_), value_limit);
    if (size == 0) return fail(), std::string_view();
    const std::string_view image = bytes_.substr(pos_, size);
    pos_ += size;
    return image;
  }
  bool ok() const { return ok_; }
  bool at_end() const { return pos_ == bytes_.size(); }

 private:
  bool fail() { return ok_ = false; }
  std::string_view bytes_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::string Engine::snapshot() const {
  std::string out(kHeaderBytes, '\0');
  append_u32(out, people_names_.size());
  append_u32(out, keywords_.size());
  append_u32(out, extra_hosts_.size());
  append_u32(out, refs_.size());
  for (const std::string& name : people_names_) {
    append_u32(out, name.size());
    out += name;
  }
  for (const KeywordEntry& k : keywords_) {
    append_u32(out, static_cast<std::uint32_t>(k.person));
    append_u32(out, k.words.size());
    out += k.words;
  }
  for (const auto& [host, site] : extra_hosts_) {
    append_u32(out, static_cast<std::uint32_t>(site));
    append_u32(out, host.size());
    out += host;
  }
  for (const AccountRef& ref : refs_) append_u32(out, static_cast<std::uint32_t>(ref.person));
  accounts_.append_image(out);
  handle_words_.append_image(out);
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

  // Checked through before anything changes: a snapshot that does not add up
  // leaves the engine as it was, even with a good checksum.
  Reader in(all.substr(kHeaderBytes));
  std::uint32_t people = 0, keywords = 0, hosts = 0, refs = 0;
  in.u32(people), in.u32(keywords), in.u32(hosts), in.u32(refs);
  const std::size_t sites = Catalog::get().sites().size();
  std::vector<std::string_view> names, words;
  std::vector<std::pair<std::string_view, int>> host_list;
  std::vector<int> keyword_people, ref_people;
  for (std::uint32_t i = 0; in.ok() && i < people && i < bytes; ++i) {
    std::string_view name;
    if (in.text(name)) names.push_back(name);
  }
  for (std::uint32_t i = 0; in.ok() && i < keywords && i < bytes; ++i) {
    std::uint32_t person;
    std::string_view text;
    if (in.u32(person) && in.text(text) && person < people) {
      keyword_people.push_back(static_cast<int>(person));
      words.push_back(text);
    } else {
      return false;
    }
  }
  for (std::uint32_t i = 0; in.ok() && i < hosts && i < bytes; ++i) {
    std::uint32_t site;
    std::string_view host;
    if (in.u32(site) && in.text(host) && site < sites) host_list.emplace_back(host, static_cast<int>(site));
    else return false;
  }
  for (std::uint32_t i = 0; in.ok() && i < refs && i < bytes; ++i) {
    std::uint32_t person;
    if (in.u32(person) && person < people) ref_people.push_back(static_cast<int>(person));
    else return false;
  }
  const std::string_view accounts = in.index(refs);
  const std::string_view handle_words = in.ok() ? in.index(people) : std::string_view();
  if (!in.ok() || !in.align() || !in.at_end() || names.size() != people || ref_people.size() != refs) return false;

  // Usable: the tables are read in place from here on.
  list_ = Blocklist{};
  clear_index();
  full_list_ = false;
  people_names_.assign(names.begin(), names.end());
  refs_.reserve(refs);
  for (int person : ref_people) refs_.push_back({person, -1});
  for (std::size_t i = 0; i < words.size(); ++i) add_keyword(keyword_people[i], std::string(words[i]));
  for (const auto& [host, site] : host_list) add_extra_host(std::string(host), site);
  // The incoming buffer becomes the image; the views above point into it and
  // stay valid, since swapping vectors keeps their storage where it is.
  image_.swap(incoming_);
  accounts_.use_image(accounts);
  handle_words_.use_image(handle_words);
  std::vector<std::uint64_t>().swap(incoming_);
  return true;
}

}  // namespace deadbolt
