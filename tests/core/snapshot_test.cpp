// The snapshot decides exactly as the list it was made from, and a snapshot
// the engine cannot trust is refused without touching what it had.
#include <gtest/gtest.h>

#include <cstring>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/byte_stream.h"
#include "deadbolt/core_digest.h"
#include "deadbolt/decide.h"
#include "test_support.h"

namespace deadbolt {
namespace {

std::string summary(const Engine& engine, const Verdict& v) {
  return std::string(v.block ? "block" : "allow") + "|" + (v.person >= 0 ? engine.person_name(v.person) : "-") + "|" +
         std::string(kind_name(v.attempt())) + "|" + std::string(v.identity.handle);
}

TEST(Snapshot, DecidesAsTheListItWasMadeFrom) {
  Engine full, fast;
  BlocklistError error;
  ASSERT_TRUE(full.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  const std::string snapshot = full.snapshot();
  ASSERT_TRUE(fast.load_snapshot(snapshot));
  EXPECT_FALSE(fast.has_full_list());
  EXPECT_TRUE(fast.blocklist().people.empty());
  int blocks = 0;
  for (const auto& row : test::read_tsv(test::test_data("decisions.tsv"))) {
    const std::string expected = summary(full, full.decide(row[0]));
    EXPECT_EQ(summary(fast, fast.decide(row[0])), expected) << row[0];
    blocks += full.decide(row[0]).block;
  }
  EXPECT_GT(blocks, 50);
  EXPECT_EQ(fast.snapshot(), snapshot) << "a snapshot of a snapshot is the same snapshot";
}

TEST(Snapshot, NamesWithTabsAndNewlinesSurvive) {
  Engine full, fast;
  BlocklistError error;
  ASSERT_TRUE(full.load(R"({"version":1,"people":[{"name":"Tab\there\nand\\there","keywords":["Jane\tDoe"],
      "accounts":[{"platform":"mastodon","handle":"@jane@example.town"}]}]})",
                        error))
      << error.to_string();
  ASSERT_TRUE(fast.load_snapshot(full.snapshot()));
  EXPECT_EQ(fast.person_name(0), "Tab\there\nand\\there");
  EXPECT_TRUE(fast.decide("https://example.town/@jane").block) << "the home instance is served";
  EXPECT_TRUE(fast.decide("https://www.google.com/search?q=jane+doe").block);
}

TEST(Snapshot, NamesTheSourcesOfTheCoreThatWroteIt) {
  // Any change to the code that computes keys (text folding, canonical
  // forms, site order) gives another digest, so an old snapshot is refused
  // and the list is loaded again. The digest covers every core source.
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(R"({"version":1,"people":[]})", error));
  const std::string snapshot = engine.snapshot();
  const std::string digest(kCoreSourceDigest);
  ASSERT_EQ(digest.size(), 16u);
  EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos);
  ASSERT_GE(snapshot.size(), 32u);
  EXPECT_EQ(snapshot.substr(16, 16), snapshot_fingerprint(digest));  // the header's fingerprint field
  std::string other = digest;
  other[0] = other[0] == '0' ? '1' : '0';
  EXPECT_NE(snapshot_fingerprint(other), snapshot_fingerprint(digest));
}

TEST(Snapshot, AnUnusableSnapshotIsRefusedAndChangesNothing) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error));
  const std::string good = engine.snapshot();
  ASSERT_GT(good.size(), 48u);
  // Each field of the 40-byte header (snapshot.cpp), and the payload it vouches for.
  const auto flipped = [&](std::size_t at) {
    std::string s = good;
    s[at] = static_cast<char>(s[at] ^ 1);
    return s;
  };
  for (const std::string& bad :
       {std::string(), std::string("not a snapshot"), flipped(0) /* magic */, flipped(8) /* format */,
        flipped(12) /* payload bytes */, flipped(16) /* fingerprint: another build's catalog or code */,
        flipped(32) /* checksum */, flipped(good.size() - 9) /* a payload byte */, good + std::string(8, '\0'),
        good.substr(0, good.size() - 8)}) {
    EXPECT_FALSE(engine.load_snapshot(bad)) << bad.size();
    EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
    EXPECT_TRUE(engine.has_full_list());
  }
  EXPECT_TRUE(engine.load_snapshot(good)) << "the same image, unchanged, is read";
}

}  // namespace
}  // namespace deadbolt

namespace deadbolt {
namespace {

// The binary image: header fields at fixed offsets (see snapshot.cpp).
constexpr std::size_t kFormatAt = 8, kPayloadAt = 40;

// `image` with the checksum of its payload, as the writer computes it.
std::string with_checksum(std::string image) {
  std::uint64_t h = KeyIndex::kHashStart;
  for (std::size_t i = kPayloadAt; i < image.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, image.data() + i, 8);
    h = (h ^ word) * 0x100000001b3ull;
    h ^= h >> 32;
  }
  std::memcpy(image.data() + 32, &h, 8);
  return image;
}

Engine loaded_engine() {
  Engine engine;
  BlocklistError error;
  EXPECT_TRUE(engine.load(test::read_file(test::test_data("blocklist.json")), error)) << error.to_string();
  return engine;
}

TEST(BinarySnapshot, EveryDamagedByteIsRefused) {
  Engine source = loaded_engine();
  const std::string good = source.snapshot();
  ASSERT_GT(good.size(), kPayloadAt + 64);
  Engine engine;
  ASSERT_TRUE(engine.load_snapshot(good));
  // Flip one bit at a time, all over the image: the header's checks or the
  // checksum catch each one, and the engine keeps deciding as before.
  for (std::size_t at = 0; at < good.size(); at += 7) {
    std::string bad = good;
    bad[at] = static_cast<char>(bad[at] ^ (1 << (at % 8)));
    EXPECT_FALSE(engine.load_snapshot(bad)) << "byte " << at;
  }
  EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
  EXPECT_FALSE(engine.decide("https://www.instagram.com/someoneelse").block);
}

TEST(BinarySnapshot, TruncatedOrExtendedIsRefused) {
  Engine source = loaded_engine();
  const std::string good = source.snapshot();
  Engine engine = loaded_engine();
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{39}, std::size_t{40}, good.size() / 2,
                           good.size() - 8, good.size() - 1})
    EXPECT_FALSE(engine.load_snapshot(good.substr(0, size))) << size;
  EXPECT_FALSE(engine.load_snapshot(good + std::string(8, '\0')));
  EXPECT_TRUE(engine.has_full_list()) << "a refused snapshot changes nothing";
  EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
}

TEST(BinarySnapshot, AnotherFormatVersionIsRefused) {
  Engine source = loaded_engine();
  std::string old = source.snapshot();
  old[kFormatAt] = 1;  // the text format's number
  Engine engine;
  EXPECT_FALSE(engine.load_snapshot(old));
  EXPECT_FALSE(engine.load_snapshot("deadbolt-snapshot 1 0123456789abcdef\np\tJane\n")) << "the old text format";
  EXPECT_FALSE(engine.decide("https://www.instagram.com/janedoe").block);
}

TEST(BinarySnapshot, ConsistentChecksumButImpossibleContentIsRefused) {
  // A well-formed header over a payload that does not add up (an index
  // pointing past its keys) must be refused by the checks, not crash.
  Engine source = loaded_engine();
  const std::string good = source.snapshot();
  Engine engine;
  ASSERT_TRUE(engine.load_snapshot(good));
  for (std::size_t at = kPayloadAt; at < good.size(); at += 4) {
    std::string bad = good;
    bad.replace(at, 4, "\xff\xff\xff\x7f", 4);
    bad = with_checksum(bad);  // so that only the content checks stand
    Engine other;
    if (other.load_snapshot(bad))
      (void)other.decide("https://www.instagram.com/janedoe");  // loads or not: never a crash
  }
  EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
}

TEST(BinarySnapshot, ReadBackItWritesTheSameBytesAndNeedsNoBuffer) {
  Engine source = loaded_engine();
  const std::string image = source.snapshot();
  Engine engine;
  std::memcpy(engine.snapshot_buffer(image.size()), image.data(), image.size());
  ASSERT_TRUE(engine.load_snapshot_buffer(image.size()));
  // The buffer is overwritten: the tables were built from it, not left pointing into it.
  std::memset(engine.snapshot_buffer(image.size()), 0xAB, image.size());
  EXPECT_TRUE(engine.decide("https://www.instagram.com/janedoe").block);
  EXPECT_EQ(engine.snapshot(), image);
  // A full list after a snapshot: the tables are its own.
  BlocklistError error;
  ASSERT_TRUE(engine.load(
      R"({"version":1,"people":[{"name":"Sam","accounts":[{"platform":"x","handle":"samsmith"}]}]})", error));
  EXPECT_FALSE(engine.decide("https://www.instagram.com/janedoe").block);
  EXPECT_TRUE(engine.decide("https://x.com/samsmith").block);
}

}  // namespace
}  // namespace deadbolt

namespace deadbolt {
namespace {

// A copied or moved index reads its own keys, however short (a short arena
// lives inside the std::string, and moves with it).
TEST(KeyIndexTest, CopiesAndMovesFindTheirOwnKeys) {
  KeyIndex original;
  original.insert("j", 1);
  original.insert("ch", 2);
  KeyIndex copy = original;
  original.clear();
  original.insert("zz", 9);
  EXPECT_EQ(copy.find("j"), 1u);
  EXPECT_EQ(copy.find("ch"), 2u);
  KeyIndex moved = std::move(copy);
  copy.insert("xy", 3);  // the moved-from index is usable and separate
  EXPECT_EQ(moved.find("j"), 1u);
  EXPECT_EQ(moved.find("ch"), 2u);
  EXPECT_EQ(moved.find("xy"), KeyIndex::kMissing);
  std::vector<KeyIndex> many(1, moved);
  for (int i = 0; i < 20; ++i) many.push_back(many.back());  // reallocations move them
  EXPECT_EQ(many.front().find("ch"), 2u);
  EXPECT_EQ(many.back().find("j"), 1u);
}

// A key is laid in the arena before it is looked up (read_keys builds each
// one there): one already present keeps its value, and its second copy goes.
TEST(KeyIndexTest, InsertingAPresentKeyKeepsItsValueAndAddsNoBytes) {
  KeyIndex index;
  EXPECT_EQ(index.insert("x:jane", 1), 1u);
  EXPECT_EQ(index.insert("x#jane", 1), 1u);
  EXPECT_EQ(index.insert("x:jane", 2), 1u);
  EXPECT_EQ(index.size(), 2u);
  EXPECT_EQ(index.key_bytes(), 12u);
  EXPECT_EQ(index.insert("x:sam", 3), 3u);  // the next key starts where the last one ended
  EXPECT_EQ(index.find("x:jane"), 1u);
  EXPECT_EQ(index.find("x#jane"), 1u);
  EXPECT_EQ(index.find("x:sam"), 3u);
  EXPECT_EQ(index.key_bytes(), 17u);
}

// A snapshot keeps an index as its keys and values (append_keys); read back,
// the index finds what the original found, and writes the same bytes.
TEST(KeyIndexTest, KeysAndValuesReadBackAsTheyWereWritten) {
  KeyIndex index;
  const std::pair<const char*, std::uint32_t> entries[] = {{"instagram:jane_doe", 0},
                                                           {"instagram#jane_doe", 0},
                                                           {"x:sam", 1},
                                                           {"x#sam", 1},
                                                           {"bluesky:sam.bsky.social", 7},
                                                           {"a", 2},
                                                           {"x:samantha", 3}};
  for (const auto& [key, value] : entries) index.insert(key, value);
  std::string out;
  index.append_keys(out);
  // A pair's second key is its value's difference (0), the lengths of the
  // prefix and suffix it shares with the first, and the one byte between.
  KeyIndex first, pair;
  first.insert("instagram:jane_doe", 0);
  pair.insert("instagram:jane_doe", 0);
  pair.insert("instagram#jane_doe", 0);
  std::string first_bytes, pair_bytes;
  first.append_keys(first_bytes);
  pair.append_keys(pair_bytes);
  EXPECT_EQ(pair_bytes.size(), first_bytes.size() + 5);
  ByteReader in(out);
  const KeyIndex back = KeyIndex::read_keys(in, 8);
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in.left(), 0u);
  EXPECT_EQ(back.size(), index.size());
  for (const auto& [key, value] : entries) EXPECT_EQ(back.find(key), value) << key;
  EXPECT_EQ(back.find("x:sa"), KeyIndex::kMissing);
  EXPECT_EQ(back.key_bytes(), index.key_bytes());  // the arena read into holds the keys, nothing more
  std::string again;
  back.append_keys(again);
  EXPECT_EQ(again, out);
}

TEST(KeyIndexTest, ManyKeysReadBackWhileTheArenaGrows) {
  // Each key is put together from the one before it, read from the arena
  // that grows (and moves) under it many times over 3,000 keys.
  KeyIndex index;
  for (std::uint32_t i = 0; i < 1500; ++i) {
    const std::string handle = "person_" + std::to_string(i * 7919 % 100003) + std::string(i % 23, 'z');
    index.insert("instagram:" + handle, i);
    index.insert("instagram#" + handle, i);
  }
  std::string out;
  index.append_keys(out);
  ByteReader in(out);
  const KeyIndex back = KeyIndex::read_keys(in, 1500);
  ASSERT_TRUE(in.ok());
  ASSERT_EQ(back.size(), 3000u);
  EXPECT_EQ(back.key_bytes(), index.key_bytes());
  for (std::uint32_t i = 0; i < 1500; i += 37) {
    const std::string handle = "person_" + std::to_string(i * 7919 % 100003) + std::string(i % 23, 'z');
    EXPECT_EQ(back.find("instagram#" + handle), i) << handle;
  }
  std::string again;
  back.append_keys(again);
  EXPECT_EQ(again, out);
}

// Each key written as the whole key before it and one byte more: "a", "aa",
// "aaa", ... A few bytes each in the snapshot, they add up to the square of
// its size; past kMaxKeyBytes reading fails instead of allocating that.
TEST(KeyIndexTest, KeysThatAddUpPastTheBoundAreRefused) {
  // One key as append_keys writes it: its value's difference (0 here), the
  // lengths of the prefix and suffix it shares with the previous key, and the bytes between.
  auto put = [](std::string& out, std::uint32_t prefix, std::uint32_t suffix, std::string_view middle) {
    append_varint(out, 0);
    append_varint(out, prefix);
    append_varint(out, suffix);
    append_varint(out, static_cast<std::uint32_t>(middle.size()));
    out += middle;
  };
  auto growing = [&put](std::uint32_t n) {
    std::string bytes;
    append_varint(bytes, n);
    for (std::uint32_t i = 0; i < n; ++i) put(bytes, i, 0, "a");  // the whole previous key, and "a"
    return bytes;
  };
  auto read = [](const std::string& bytes) {
    ByteReader in(bytes);
    const KeyIndex got = KeyIndex::read_keys(in, 1);
    return in.ok() ? static_cast<long>(got.size()) : -1L;
  };
  EXPECT_EQ(read(growing(2000)), 2000) << "2 MB of keys";
  const std::string past = growing(9000);  // 40.5 MB of keys from 44 KB
  EXPECT_LT(past.size(), 64u * 1024);
  EXPECT_EQ(read(past), -1);
  // Shared parts whose lengths add up past 32 bits (a size_t in wasm).
  std::string wrap;
  append_varint(wrap, 2);
  put(wrap, 0, 0, "a");
  put(wrap, 0xFFFFFFFFu, 1, "");
  EXPECT_EQ(read(wrap), -1);
}

TEST(KeyIndexTest, CompactKeysThatDoNotAddUpAreRefused) {
  KeyIndex index;
  index.insert("x:sam", 1);
  index.insert("x#sam", 1);
  std::string good;
  index.append_keys(good);
  auto read = [](const std::string& bytes, std::uint32_t limit) {
    ByteReader in(bytes);
    const KeyIndex got = KeyIndex::read_keys(in, limit);
    return in.ok() ? static_cast<int>(got.size()) : -1;
  };
  EXPECT_EQ(read(good, 2), 2);
  EXPECT_EQ(read(good, 1), -1) << "a value at the limit";
  for (std::size_t n = 0; n < good.size(); ++n) EXPECT_EQ(read(good.substr(0, n), 2), -1) << "cut at " << n;
  // count 2: "a" (value +0, no prefix, no suffix, 1 byte), then the same key again
  EXPECT_EQ(read(std::string("\x02\x00\x00\x00\x01"
                             "a"
                             "\x00\x01\x00\x00",
                             9),
                 5),
            -1)
      << "a key twice";
  // ... then a key that shares more than "a" has
  EXPECT_EQ(read(std::string("\x02\x00\x00\x00\x01"
                             "a"
                             "\x00\x01\x01\x00",
                             9),
                 5),
            -1)
      << "past the previous key";
  // a count of 2^28 over a few bytes: refused before any room is made for it
  EXPECT_EQ(read(std::string("\x80\x80\x80\x80\x01\x00\x00\x00\x00", 9), 5), -1);
  // a varint over 32 bits
  EXPECT_EQ(read(std::string("\xff\xff\xff\xff\x7f", 5), 5), -1);
}

// Every one byte of the payload changed, with the checksum made to match:
// the reader's own checks refuse it or it loads as a snapshot that writes
// itself back; never a crash, never a half-loaded engine.
TEST(BinarySnapshot, EveryChangedPayloadByteIsRefusedOrReadWhole) {
  Engine source = loaded_engine();
  const std::string good = source.snapshot();
  int refused = 0;
  for (std::size_t at = kPayloadAt; at < good.size(); ++at) {
    for (const int to : {0x00, 0x01, 0x7F, 0x80, 0xFF}) {
      std::string bad = good;
      if (static_cast<unsigned char>(bad[at]) == to) continue;
      bad[at] = static_cast<char>(to);
      bad = with_checksum(bad);
      Engine engine = loaded_engine();
      if (!engine.load_snapshot(bad)) {
        ++refused;
        EXPECT_TRUE(engine.has_full_list()) << "a refused snapshot changes nothing (byte " << at << ")";
        continue;
      }
      (void)engine.decide("https://www.instagram.com/janedoe");
      const std::string rewritten = engine.snapshot();
      Engine again;
      EXPECT_TRUE(again.load_snapshot(rewritten)) << "byte " << at;
    }
  }
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace deadbolt
