// Decision: URL -> verdict. The engine holds the loaded blocklist and its
// indexes; a decision is a parse, an unwrap, an identity and one or two hash
// lookups, whatever the length of the list.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/blocklist.h"
#include "deadbolt/identity.h"
#include "deadbolt/key_index.h"

namespace deadbolt {

struct Verdict {
  bool block = false;
  Identity identity;  // what the URL shows, listed or not
  int person = -1;    // index into the blocklist's people when blocked
  Kind attempt() const { return identity.attempt(); }
};

// Not thread-safe: a decision reuses the engine's scratch buffers, so that a
// warm engine does not allocate. Use one engine per thread.
class Engine {
 public:
  Engine() = default;

  // Replaces the list. On error the current list stays as it was.
  bool load(std::string_view json, BlocklistError& error);
  const Blocklist& blocklist() const { return list_; }

  // The verdict for `url`; its views are valid until the next call and while
  // `url` itself lives.
  const Verdict& decide(std::string_view url);

  // The identity behind `url`, whether listed or not.
  bool identify(std::string_view url, Identity& out) { return identifier_.identify(url, out); }

  // The canonical key of an account ("instagram:janedoe"), or "" if invalid.
  std::string account_key(int platform, Capture capture, std::string_view handle) const;

  std::size_t index_memory_bytes() const;

 private:
  struct AccountRef {
    int person;
    int account;
  };
  struct KeywordEntry {
    int person;
    std::string words;           // folded: "jane doe"
    std::uint32_t next = KeyIndex::kMissing;  // next entry with the same first word
  };
  void build_index();
  bool match_search(std::string_view text);

  Identifier identifier_;
  Blocklist list_;
  KeyIndex accounts_;       // account key -> AccountRef
  std::vector<AccountRef> refs_;
  KeyIndex first_words_;    // first folded word of a keyword -> KeywordEntry
  std::vector<KeywordEntry> keywords_;
  KeyIndex handle_words_;   // handle in lower case -> person, for "from:janedoe" searches
  Verdict verdict_;
  std::string key_;         // scratch
  std::string words_;       // scratch
};

}  // namespace deadbolt
