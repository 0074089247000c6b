// Blocklist format v1: the people a user protects themselves from, their
// accounts and name keywords. Loaded with validation that names the JSON path
// of every problem; unknown fields survive a round trip.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/identity.h"

namespace deadbolt {

struct Account {
  int platform = -1;
  Capture capture = Capture::handle;
  std::string handle;             // as given, or as read from the account's URL
  nlohmann::ordered_json source;  // the object as read, so that unknown fields survive
};

struct Person {
  std::string name;
  std::vector<std::string> keywords;
  // "names": how the person is saved in the user's phone or inboxes ("Janey",
  // "J ❤️"): matched whole in inbox rows only (inbox.h), never searched.
  std::vector<std::string> names;
  std::vector<Account> accounts;
  std::string coparent_channel;  // "coparent": {"channel": …}: the one channel kept open, or empty
  nlohmann::ordered_json source;
};

struct Blocklist {
  std::vector<Person> people;
  nlohmann::ordered_json source = nlohmann::ordered_json::object();
  std::size_t account_count() const;
};

struct BlocklistError {
  std::string path;     // JSON path of the problem: "$.people[0].accounts[1].platform"
  std::string message;  // what is wrong, in words a person can act on
  std::string to_string() const { return path.empty() ? message : path + ": " + message; }
};

// The channels a co-parent may keep open ("coparent": {"channel": id}).
inline constexpr std::string_view kCoparentChannels[] = {"email",     "whatsapp", "messenger",
                                                         "instagram", "telegram", "linkedin"};
bool is_coparent_channel(std::string_view id);

inline constexpr std::size_t kMaxBlocklistBytes = 8 * 1024 * 1024;
inline constexpr int kMaxJsonDepth = 64;

// Parses and validates a v1 blocklist. On failure returns false, fills
// `error` and leaves `out` untouched.
bool parse_blocklist(std::string_view text, Identifier& identifier, Blocklist& out, BlocklistError& error);

// Serialises a blocklist as v1 JSON, unknown fields included.
std::string serialize_blocklist(const Blocklist& list, int indent = 2);

// Parses JSON without exceptions and without unbounded nesting; on failure
// returns false with a message that gives the byte offset.
bool parse_json(std::string_view text, nlohmann::ordered_json& out, std::string& error);

// Serialises JSON; invalid UTF-8 in strings is replaced, never thrown on.
std::string dump_json(const nlohmann::json& value, int indent = -1);
std::string dump_json(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace deadbolt
