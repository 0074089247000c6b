// The blocklist as deciding sees it: the people a user protects themselves
// from, their accounts, name keywords and saved names. No JSON library here:
// reading and writing the v1 format (blocklist_json.h) belongs to the lists
// library; the decider links none of it.
#pragma once

#include <any>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/identity.h"

namespace deadbolt {

// The object as read, so that fields this Deadbolt does not know survive a
// round trip: a JSON value only blocklist_json.h reads or writes (source_json),
// held type-erased so that deciding never names the JSON library.
using KeptSource = std::any;

struct Account {
  int platform = -1;
  Capture capture = Capture::handle;
  std::string handle;  // as given, or as read from the account's URL
  KeptSource source;
};

struct Person {
  std::string name;
  std::vector<std::string> keywords;
  // "names": how the person is saved in the user's phone or inboxes ("Janey",
  // "J ❤️"): matched whole in inbox rows only (inbox.h), never searched.
  std::vector<std::string> names;
  std::vector<Account> accounts;
  std::string coparent_channel;  // "coparent": {"channel": …}: the one channel kept open, or empty
  KeptSource source;
};

struct Blocklist {
  std::vector<Person> people;
  KeptSource source;  // the top-level members other than "people"
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

}  // namespace deadbolt
