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
  // A message to a listed co-parent on the channel they keep open: allowed,
  // and `person` names them.
  bool coparent_channel = false;
  Kind attempt() const { return identity.attempt(); }
};

// Not thread-safe: a decision reuses the engine's scratch buffers, so that a
// warm engine does not allocate. Use one engine per thread.
// The 16 hex digits that tie a snapshot to the build that wrote it: the
// catalog's shape and `core_digest`, the hash of the core's sources
// (kCoreSourceDigest), so that a change to the code that computes keys
// refuses old snapshots as a change to the catalog does.
std::string snapshot_fingerprint(std::string_view core_digest);

class Engine {
 public:
  Engine() = default;

  // Replaces the list. On error the current list stays as it was. Defined by
  // the lists library (blocklist_json.cpp): the decider has no JSON parser.
  bool load(std::string_view json, BlocklistError& error);
  // Replaces the list with one already read and checked (an edit's result):
  // indexed as it is, never written out and parsed back.
  void load(Blocklist list);
  const Blocklist& blocklist() const { return list_; }

  // The index alone, as a binary image: what a decision needs and nothing
  // else, so that a restarted service worker is ready in a millisecond
  // instead of parsing and validating the whole list (uBlock Origin's
  // "selfie" idea). Versioned, tied to this build's catalog, checksummed;
  // compact: its tables are built again on load (see snapshot.cpp).
  std::string snapshot() const;
  // Loads a snapshot made by the same build of the core. On success the
  // engine decides as it did, but blocklist() is empty until load(); on a
  // snapshot it cannot use (another version or build, damaged, truncated)
  // it returns false and keeps what it had.
  bool load_snapshot(std::string_view bytes);
  // The same without a copy: the caller writes the snapshot into
  // snapshot_buffer(bytes), then calls load_snapshot_buffer(bytes).
  char* snapshot_buffer(std::size_t bytes);
  bool load_snapshot_buffer(std::size_t bytes);
  bool has_full_list() const { return full_list_; }

  // The name of person `index` of the loaded list or snapshot.
  const std::string& person_name(int index) const { return people_names_[static_cast<std::size_t>(index)]; }

  // The verdict for `url`; its views are valid until the next call and while
  // `url` itself lives.
  const Verdict& decide(std::string_view url);

  // The identity behind `url`, whether listed or not.
  bool identify(std::string_view url, Identity& out) { return identifier_.identify(url, out); }

  // The canonical key of an account ("instagram:janedoe"), or "" if invalid.
  std::string account_key(int platform, Capture capture, std::string_view handle) const;

  std::size_t index_memory_bytes() const;

  // For inboxes (inbox.h): the person listed with an account ("email",
  // "jane@example.com"), or -1; whether `person` keeps `channel` open as a
  // co-parent; how many people; every keyword, folded ("jane doe").
  int person_for_account(int platform, Capture capture, std::string_view handle) {
    return listed_person(platform, capture, handle);
  }
  bool coparent_open(int person, std::string_view channel);
  // The person whose phone number `digits` are (digits alone; `plus`: they
  // were written after a '+'): as an international number ("00" is its
  // prefix too), else, written without '+', as a national one ("(555)
  // 123-4567", with or without its trunk prefix); -1 if none, or if there are too
  // few or too many digits for a person's number.
  int person_for_phone_digits(std::string_view digits, bool plus);
  // The person whose number is written in `text` ("call (555) 123-4567"),
  // each run of digits read whole as person_for_phone_digits reads it; -1
  // if none.
  int person_in_phone_runs(std::string_view text);
  std::size_t people_count() const { return people_names_.size(); }
  template <typename Fn>
  void for_each_keyword(Fn fn) const {
    for (const KeywordEntry& k : keywords_) fn(k.person, std::string_view(k.words));
  }

  // Every indexed account key ("instagram:janedoe", "youtube#UC…"), for
  // indexes built over them (the feed items' token filter, items.h), and
  // their count and bytes, to size such an index once.
  template <typename Fn>
  void for_each_account_key(Fn fn) const {
    accounts_.for_each_key(fn);
  }
  // The person an indexed account key belongs to, or -1.
  int person_of_key(std::string_view key) const;
  std::size_t account_key_count() const { return accounts_.size(); }
  std::size_t account_key_bytes() const { return accounts_.key_bytes(); }

 private:
  struct AccountRef {
    int person;
    int account;
  };
  struct KeywordEntry {
    int person;
    std::string words;                        // folded: "jane doe"
    std::uint32_t next = KeyIndex::kMissing;  // next entry with the same first word
  };
  void build_index();
  void clear_index();
  void add_keyword(int person, std::string words);
  void add_extra_host(std::string host, int site);
  bool match_search(std::string_view text);
  bool match_contact_search(std::string_view text);
  bool decide_recipients();
  int listed_person(int platform, Capture capture, std::string_view handle);
  void apply_coparent();

  Identifier identifier_;
  Blocklist list_;
  KeyIndex accounts_;  // account key -> AccountRef
  std::vector<AccountRef> refs_;
  KeyIndex first_words_;  // first folded word of a keyword -> KeywordEntry
  std::vector<KeywordEntry> keywords_;
  // For a chain's head entry, its last entry: a new keyword is chained in
  // one step, not after a walk (100,000 people share first names).
  std::vector<std::uint32_t> keyword_tails_;
  KeyIndex handle_words_;  // handle in lower case -> person, for "from:janedoe" searches
  std::vector<std::string> people_names_;
  std::vector<std::pair<std::string, int>> extra_hosts_;  // home instances served as their platform
  bool full_list_ = true;
  // The buffer the next snapshot is written into (8-byte aligned), freed once read.
  std::vector<std::uint64_t> incoming_;
  Verdict verdict_;
  std::string key_;    // scratch
  std::string words_;  // scratch
};

}  // namespace deadbolt
