// List editing: the person's intent ("add this link to Jane", "remove this
// keyword", "import this file") applied to a v1 list, giving the new list and
// a typed result. Pure: the list comes in and a new one goes out; the date an
// account is added is passed in. Anything that lowers protection is never
// applied directly: it is planned as a Change, which the shell keeps through
// the cool-down and hands back to apply_changes() when it is due. Unknown
// fields of the list, its people and their accounts survive every operation.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/stats_json.h"

namespace deadbolt {

// Why an edit was refused: a code the pages put in the person's language and
// the same in English for the CLI and logs. Empty code: no error.
struct EditError {
  std::string code;  // "name-needed", "person-exists", "person-missing", "already-listed",
                     // "keyword-empty", "account-missing", "keyword-missing", "bad-change",
                     // "saved-name-empty", "saved-name-too-long", "saved-name-missing",
                     // a read_profile_input() code, or "bad-list" for an import
  std::string message;
  explicit operator bool() const { return !code.empty(); }
};

// A change that lowers protection, waiting out the cool-down.
// open_channel: a co-parent's one channel opened (or moved to another);
// feeds_off: a person's posts shown again in feeds. Both lower protection as
// a removal does. remove_name: one of the names they are saved under goes,
// so a conversation showing only that name is no longer sealed.
enum class ChangeKind { remove_person, remove_account, remove_keyword, open_channel, feeds_off, remove_name };

struct Change {
  ChangeKind kind = ChangeKind::remove_person;
  std::string person;   // the person's name as the list has it
  std::string key;      // remove_account: the account's key (see account_key())
  std::string keyword;  // remove_keyword
  std::string name;     // remove_name: the saved name as listed
  std::string channel;  // open_channel: "whatsapp", "email", …
  // For the pages to describe it ("Instagram · janedoe"), even once the
  // account is gone: the platform index and the handle as listed.
  int platform = -1;
  std::string handle;
};

struct EditResult {
  EditError error;
  Blocklist list;        // the list after the edit; the input's copy when refused or unchanged
  bool changed = false;  // false for an edit that was already true (a keyword listed twice)
  // add_account: what was added, as the core reads it.
  std::string person;
  int platform = -1;
  std::string handle;
};

// The key that refers to an account of the list, however it is kept
// ({platform, handle} or {url}): "instagram:janedoe", "youtube#UC…". Equal
// keys, same account.
std::string account_key(const Account& account);

// The index of the person named `name` (trimmed, case and punctuation
// ignored as in keywords: "jane  doe" is "Jane Doe"), or -1.
int find_person(const Blocklist& list, std::string_view name);

// Adds the account that `text` names (a profile link, or a handle with
// `platform_id` picked) to the person named `person`, who is added first if
// the list has no one of that name. `today` ("YYYY-MM-DD") is kept as the
// account's "added" field.
EditResult add_account(const Blocklist& list, Identifier& identifier, std::string_view person, std::string_view text,
                       std::string_view platform_id, std::string_view today);

EditResult add_person(const Blocklist& list, std::string_view name);

// Adds a name keyword to an existing person; a keyword already listed for
// them changes nothing.
EditResult add_keyword(const Blocklist& list, std::string_view person, std::string_view keyword);

// The longest saved name add_name() takes, in bytes: a phone's contact name
// is far shorter; anything longer is a paste by mistake.
inline constexpr std::size_t kMaxSavedNameBytes = 200;

// Adds a name the person is saved under ("Janey", "J ❤️"; "names" in the
// list), trimmed. A name already theirs (compared as inbox rows compare it:
// case and accents folded) changes nothing. Refused: "saved-name-empty" when
// it has no letter, digit or emoji (spaces and punctuation alone could never
// match a row: fold_words() drops them), "saved-name-too-long".
EditResult add_name(const Blocklist& list, std::string_view person, std::string_view name);

// Plans the removal of a person, one of their accounts (by key), keywords or
// saved names (as listed):
// checks that it names something listed and returns the Change to keep
// through the cool-down (its `error` set otherwise).
struct ChangePlan {
  EditError error;
  Change change;
};
ChangePlan plan_removal(const Blocklist& list, ChangeKind kind, std::string_view person, std::string_view target);

// Plans opening `channel` for a co-parent (see is_coparent_channel()): the
// Change to keep through the cool-down, or an error ("person-missing",
// "bad-channel", "no-change" when that channel is already the open one).
ChangePlan plan_open_channel(const Blocklist& list, std::string_view person, std::string_view channel);

// Plans "show their posts in my feeds again" for a person ("person-missing",
// "no-change" when they are shown already).
ChangePlan plan_feeds_off(const Blocklist& list, std::string_view person);

// Hides a person in feeds again, at once: their "feeds" field goes.
EditResult feeds_on(const Blocklist& list, std::string_view person);

// Closes a co-parent's open channel at once (more protection never waits).
EditResult close_channel(const Blocklist& list, std::string_view person);

// Applies changes whose cool-down is over. A change whose target is gone
// already (removed another way, renamed) is skipped, never an error.
EditResult apply_changes(const Blocklist& list, const std::vector<Change>& changes);

// What importing a v1 file would do. Everything it adds applies at once
// (`merged`); what the file lacks that the list has would be removed only
// through the cool-down (`removals`).
struct Addition {
  enum class Kind { person, account, keyword, name } kind = Kind::person;
  std::string person;
  std::string key;      // account
  std::string keyword;  // keyword
  std::string name;     // name: the saved name
  int platform = -1;    // account
  std::string handle;   // account
};
struct ImportPlan {
  EditError error;  // "bad-list": the file's first problem, with its JSON path
  Blocklist merged;
  std::vector<Addition> added;
  std::vector<Change> removals;
};
ImportPlan plan_import(const Blocklist& list, Identifier& identifier, std::string_view text);

// What the settings page shows for each person: their accounts as the core
// reads them, with the attempts the log holds for that person on that
// platform, and whether a removal of each waits out its cool-down.
struct AccountRow {
  std::string key;
  int platform = -1;
  std::string handle;  // canonical form, as the index compares it
  std::string added;   // "YYYY-MM-DD" or ""
  std::string url;     // the link it was listed by, or ""
  int attempts = 0;
  bool removal_pending = false;
};
struct KeywordRow {
  std::string text;
  bool removal_pending = false;
};
struct PersonRow {
  std::string name;
  bool removal_pending = false;
  std::string coparent_channel;    // the co-parent's open channel, or ""
  bool hidden_in_feeds = true;     // "Hide them in my feeds"
  bool feeds_off_pending = false;  // turning it off waits out its cool-down
  std::vector<KeywordRow> keywords;
  std::vector<KeywordRow> names;  // the names they're saved under, shaped as keywords
  std::vector<AccountRow> accounts;
};
std::vector<PersonRow> list_rows(const Blocklist& list, const std::vector<Attempt>& log,
                                 const std::vector<Change>& pending = {});

// JSON forms, for the bindings and the CLI: a Change is
// {"kind": "remove-person"|"remove-account"|"remove-keyword"|"remove-name"|"coparent", "person",
//  "key"?, "keyword"?, "name"?, "channel"?, "platform"?: id, "platformName"?, "handle"?}; kind
//  "feeds-off" for plan_feeds_off(). Unknown members
// (the shell's id and due time) are ignored when read.
nlohmann::ordered_json change_json(const Change& change);
bool parse_change(const nlohmann::ordered_json& value, Change& out);
nlohmann::ordered_json addition_json(const Addition& addition);
nlohmann::ordered_json rows_json(const std::vector<PersonRow>& rows);

}  // namespace deadbolt
