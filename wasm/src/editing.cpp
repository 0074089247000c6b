#include "deadbolt/editing.h"
#include "deadbolt/blocklist_json.h"
#include "deadbolt/feed_list.h"
#include "deadbolt/items.h"

#include <algorithm>
#include <utility>

#include "deadbolt/profile_input.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

using json = nlohmann::ordered_json;

std::string_view trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= 0x20) s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= 0x20) s.remove_suffix(1);
  return s;
}

// Names compare as keywords do; a name with no letters or digits (an emoji)
// compares as written.
std::string name_form(std::string_view name) {
  std::string folded;
  fold_words(trim(name), folded);
  return folded.empty() ? std::string(trim(name)) : folded;
}

const char* kind_id(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::remove_account: return "remove-account";
    case ChangeKind::remove_keyword: return "remove-keyword";
    case ChangeKind::open_channel: return "coparent";
    case ChangeKind::feeds_off: return "feeds-off";
    case ChangeKind::remove_name: return "remove-name";
    default: return "remove-person";
  }
}

const json* member(const json& obj, const char* key) {
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::string string_member(const json& obj, const char* key) {
  const json* v = member(obj, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

std::string kept_string(const KeptSource& source, const char* key) {
  const json* kept = source_json(source);
  return kept ? string_member(*kept, key) : std::string();
}

Person new_person(std::string name) {
  Person p;
  p.name = std::move(name);
  json& source = source_json(p.source);
  source["name"] = p.name;
  source["keywords"] = json::array();
  source["accounts"] = json::array();
  return p;
}

bool has_keyword(const Person& p, std::string_view keyword) {
  return std::find(p.keywords.begin(), p.keywords.end(), keyword) != p.keywords.end();
}

// Saved names compare as inbox rows compare them: folded, so "JANEY" is "Janey".
bool has_name(const Person& p, std::string_view name) {
  std::string wanted, other;
  fold_words(name, wanted);
  return std::any_of(p.names.begin(), p.names.end(), [&](const std::string& n) {
    other.clear();
    fold_words(n, other);
    return other == wanted;
  });
}

// An account's key as a {platform, handle} entry reads it back: an id a
// link named ("youtube#UCab…", "facebook#1000…") is a handle once the list
// is stored and read again ("youtube:ucab…"; blocklist_json.cpp keeps the
// handle, not how it was captured). Keys are compared in that form too, so
// that a removal queued before a restart still finds its account, and the
// same link is not listed twice.
std::string handle_form(std::string_view key) {
  const std::size_t hash = key.find('#');
  if (hash == std::string_view::npos || key.find(':') < hash) return std::string(key);
  std::string out(key.substr(0, hash));
  out += ':';
  append_ascii_lower(out, key.substr(hash + 1), false);
  return out;
}

bool same_account_key(std::string_view a, std::string_view b) { return a == b || handle_form(a) == handle_form(b); }

int find_account(const Person& p, std::string_view key) {
  for (std::size_t i = 0; i < p.accounts.size(); ++i)
    if (same_account_key(account_key(p.accounts[i]), key)) return static_cast<int>(i);
  return -1;
}

void put_platform(json& j, int platform) {
  if (platform < 0) return;
  const PlatformSpec& p = Catalog::get().platforms()[static_cast<std::size_t>(platform)];
  j["platform"] = std::string(p.id);
  j["platformName"] = std::string(p.name);
}

EditResult refused(const Blocklist& list, EditError error) {
  EditResult r;
  r.error = std::move(error);
  r.list = list;
  return r;
}

Addition addition(Addition::Kind kind, std::string person, std::string keyword = {}) {
  Addition a;
  a.kind = kind;
  a.person = std::move(person);
  a.keyword = std::move(keyword);
  return a;
}

Addition name_addition(std::string person, std::string name) {
  Addition a = addition(Addition::Kind::name, std::move(person));
  a.name = std::move(name);
  return a;
}

Addition account_addition(std::string person, const Account& account, std::string key) {
  Addition a = addition(Addition::Kind::account, std::move(person));
  a.key = std::move(key);
  a.platform = account.platform;
  a.handle = account.handle;
  return a;
}

Change removal(ChangeKind kind, std::string person, std::string keyword = {}) {
  Change c;
  c.kind = kind;
  c.person = std::move(person);
  c.keyword = std::move(keyword);
  return c;
}

Change name_removal(std::string person, std::string name) {
  Change c = removal(ChangeKind::remove_name, std::move(person));
  c.name = std::move(name);
  return c;
}

Change account_removal(std::string person, const Account& account, std::string key) {
  Change c = removal(ChangeKind::remove_account, std::move(person));
  c.key = std::move(key);
  c.platform = account.platform;
  c.handle = account.handle;
  return c;
}

}  // namespace

std::string account_key(const Account& account) {
  std::string key;
  if (account.platform < 0 ||
      !append_account_key(Catalog::get(), account.platform, account.capture, account.handle, key))
    key.clear();
  return key;
}

int find_person(const Blocklist& list, std::string_view name) {
  const std::string wanted = name_form(name);
  if (wanted.empty()) return -1;
  for (std::size_t i = 0; i < list.people.size(); ++i)
    if (name_form(list.people[i].name) == wanted) return static_cast<int>(i);
  return -1;
}

EditResult add_account(const Blocklist& list, Identifier& identifier, std::string_view person, std::string_view text,
                       std::string_view platform_id, std::string_view today) {
  EditResult r;
  r.list = list;
  const ProfileInput in = read_profile_input(identifier, text, platform_id);
  if (!in.ok()) {
    r.error = {in.error_code, in.error};
    return r;
  }
  const std::string_view name = trim(person);
  if (name.empty()) {
    r.error = {"name-needed", "Give the person a name first."};
    return r;
  }
  int index = find_person(r.list, name);
  if (index < 0) {
    r.list.people.push_back(new_person(std::string(name)));
    index = static_cast<int>(r.list.people.size() - 1);
  }
  Person& target = r.list.people[static_cast<std::size_t>(index)];
  Account account;
  account.platform = in.platform;
  account.capture = in.capture;
  account.handle = in.handle;
  const std::string key = account_key(account);
  if (key.empty()) {
    r.error = {"not-a-profile", "That handle cannot be listed."};
    return refused(list, r.error);
  }
  if (find_account(target, key) >= 0) {
    return refused(list, {"already-listed", "That account is already on the list."});
  }
  json& source = source_json(account.source = json::object());
  source["platform"] = std::string(Catalog::get().platforms()[static_cast<std::size_t>(in.platform)].id);
  source["handle"] = in.handle;
  if (!today.empty()) source["added"] = std::string(today);
  target.accounts.push_back(std::move(account));
  r.changed = true;
  r.person = target.name;
  r.platform = in.platform;
  r.handle = in.handle;
  return r;
}

EditResult add_person(const Blocklist& list, std::string_view name) {
  EditResult r;
  r.list = list;
  name = trim(name);
  if (name.empty()) {
    r.error = {"name-needed", "Give the person a name first."};
  } else if (find_person(list, name) >= 0) {
    r.error = {"person-exists", "Someone of that name is already on the list."};
  } else {
    r.list.people.push_back(new_person(std::string(name)));
    r.changed = true;
    r.person = std::string(name);
  }
  return r;
}

namespace {

constexpr const char* kNoOne = "No one of that name is on the list.";

// Plans a `kind` change for the listed person named `person`: `fill(p,
// change)` completes the change and gives the error that refuses it, or none.
template <typename Fill>
ChangePlan plan_for_person(const Blocklist& list, std::string_view person, ChangeKind kind, Fill fill) {
  ChangePlan plan;
  const int index = find_person(list, person);
  if (index < 0) {
    plan.error = {"person-missing", kNoOne};
    return plan;
  }
  const Person& p = list.people[static_cast<std::size_t>(index)];
  plan.change.kind = kind;
  plan.change.person = p.name;
  plan.error = fill(p, plan.change);
  return plan;
}

// Applies `edit(p, result)` to the listed person named `person`, at once, in
// a copy of the list; the edit sets what it changed, or an error.
template <typename Edit>
EditResult edit_person(const Blocklist& list, std::string_view person, Edit edit) {
  EditResult r;
  r.list = list;
  const int index = find_person(list, person);
  if (index < 0) {
    r.error = {"person-missing", kNoOne};
    return r;
  }
  edit(r.list.people[static_cast<std::size_t>(index)], r);
  return r;
}

}  // namespace

EditResult add_keyword(const Blocklist& list, std::string_view person, std::string_view keyword) {
  keyword = trim(keyword);
  return edit_person(list, person, [&](Person& target, EditResult& r) {
    std::string folded;
    fold_words(keyword, folded);
    if (folded.empty()) {
      r.error = {"keyword-empty", "A keyword needs letters or digits to match."};
      return;
    }
    r.person = target.name;
    if (has_keyword(target, keyword)) return;
    target.keywords.emplace_back(keyword);
    r.changed = true;
  });
}

EditResult add_name(const Blocklist& list, std::string_view person, std::string_view name) {
  name = trim(name);
  return edit_person(list, person, [&](Person& target, EditResult& r) {
    std::string folded;
    fold_words(name, folded);
    if (folded.empty()) {
      r.error = {"saved-name-empty",
                 "A saved name needs a letter, a digit or an emoji: spaces and punctuation alone could never "
                 "match a conversation."};
      return;
    }
    if (name.size() > kMaxSavedNameBytes) {
      r.error = {"saved-name-too-long",
                 "A saved name can be at most " + std::to_string(kMaxSavedNameBytes) + " bytes long."};
      return;
    }
    r.person = target.name;
    if (has_name(target, name)) return;
    target.names.emplace_back(name);
    r.changed = true;
  });
}

ChangePlan plan_removal(const Blocklist& list, ChangeKind kind, std::string_view person, std::string_view target) {
  return plan_for_person(list, person, kind, [&](const Person& p, Change& change) -> EditError {
    if (kind == ChangeKind::remove_account) {
      const int a = find_account(p, target);
      if (a < 0) return {"account-missing", "That account is not on " + p.name + "'s list."};
      const Account& account = p.accounts[static_cast<std::size_t>(a)];
      change.key = std::string(target);
      change.platform = account.platform;
      change.handle = account.handle;
    } else if (kind == ChangeKind::remove_keyword) {
      if (!has_keyword(p, target)) return {"keyword-missing", "That keyword is not on " + p.name + "'s list."};
      change.keyword = std::string(target);
    } else if (kind == ChangeKind::remove_name) {
      // As listed, exactly: the settings page sends the row's own text.
      if (std::find(p.names.begin(), p.names.end(), target) == p.names.end())
        return {"saved-name-missing", "That name is not among " + p.name + "'s saved names."};
      change.name = std::string(target);
    }
    return {};
  });
}

ChangePlan plan_open_channel(const Blocklist& list, std::string_view person, std::string_view channel) {
  return plan_for_person(list, person, ChangeKind::open_channel, [&](const Person& p, Change& change) -> EditError {
    change.channel = std::string(channel);
    if (!is_coparent_channel(channel))
      return {"bad-channel", "\"" + std::string(channel) + "\" is not a channel a co-parent can keep open."};
    if (p.coparent_channel == channel) return {"no-change", "That channel is open for " + p.name + " already."};
    return {};
  });
}

ChangePlan plan_feeds_off(const Blocklist& list, std::string_view person) {
  return plan_for_person(list, person, ChangeKind::feeds_off, [](const Person& p, Change&) -> EditError {
    if (!hidden_in_feeds(p)) return {"no-change", p.name + "'s posts are shown in feeds already."};
    return {};
  });
}

EditResult feeds_on(const Blocklist& list, std::string_view person) {
  return edit_person(list, person, [](Person& p, EditResult& r) {
    r.changed = !hidden_in_feeds(p);
    if (json& source = source_json(p.source); source.is_object()) source.erase("feeds");
  });
}

EditResult close_channel(const Blocklist& list, std::string_view person) {
  return edit_person(list, person, [](Person& p, EditResult& r) {
    r.changed = !p.coparent_channel.empty();
    p.coparent_channel.clear();
  });
}

EditResult apply_changes(const Blocklist& list, const std::vector<Change>& changes) {
  EditResult r;
  r.list = list;
  for (const Change& change : changes) {
    const int index = find_person(r.list, change.person);
    if (index < 0) continue;
    Person& p = r.list.people[static_cast<std::size_t>(index)];
    if (change.kind == ChangeKind::remove_person) {
      r.list.people.erase(r.list.people.begin() + index);
      r.changed = true;
    } else if (change.kind == ChangeKind::remove_account) {
      const auto before = p.accounts.size();
      p.accounts.erase(std::remove_if(p.accounts.begin(), p.accounts.end(),
                                      [&](const Account& a) { return same_account_key(account_key(a), change.key); }),
                       p.accounts.end());
      r.changed |= p.accounts.size() != before;
    } else if (change.kind == ChangeKind::feeds_off) {
      r.changed |= hidden_in_feeds(p);
      json& source = source_json(p.source);
      if (!source.is_object()) source = json::object();
      source["feeds"] = false;
    } else if (change.kind == ChangeKind::open_channel) {
      if (!is_coparent_channel(change.channel)) continue;
      r.changed |= p.coparent_channel != change.channel;
      p.coparent_channel = change.channel;
    } else if (change.kind == ChangeKind::remove_name) {
      const auto before = p.names.size();
      p.names.erase(std::remove(p.names.begin(), p.names.end(), change.name), p.names.end());
      r.changed |= p.names.size() != before;
    } else {
      const auto before = p.keywords.size();
      p.keywords.erase(std::remove(p.keywords.begin(), p.keywords.end(), change.keyword), p.keywords.end());
      r.changed |= p.keywords.size() != before;
    }
  }
  return r;
}

ImportPlan plan_import(const Blocklist& list, Identifier& identifier, std::string_view text) {
  ImportPlan plan;
  Blocklist incoming;
  BlocklistError error;
  if (!parse_blocklist(text, identifier, incoming, error)) {
    plan.error = {"bad-list", error.to_string()};
    return plan;
  }
  plan.merged = list;
  for (const Person& person : incoming.people) {
    int index = find_person(plan.merged, person.name);
    if (index < 0) {
      // A new person keeps the file's other fields; what they block is added below.
      Person fresh = new_person(person.name);
      fresh.source = person.source;
      // Someone new with one channel open is still more protection than no one.
      fresh.coparent_channel = person.coparent_channel;
      plan.merged.people.push_back(std::move(fresh));
      index = static_cast<int>(plan.merged.people.size() - 1);
      plan.added.push_back(addition(Addition::Kind::person, person.name));
    }
    Person& target = plan.merged.people[static_cast<std::size_t>(index)];
    for (const std::string& keyword : person.keywords) {
      if (has_keyword(target, keyword)) continue;
      target.keywords.push_back(keyword);
      plan.added.push_back(addition(Addition::Kind::keyword, target.name, keyword));
    }
    for (const std::string& name : person.names) {
      if (has_name(target, name)) continue;
      target.names.push_back(name);
      plan.added.push_back(name_addition(target.name, name));
    }
    for (const Account& account : person.accounts) {
      const std::string key = account_key(account);
      if (find_account(target, key) >= 0) continue;
      target.accounts.push_back(account);
      plan.added.push_back(account_addition(target.name, account, key));
    }
  }
  for (const Person& person : list.people) {
    const int other = find_person(incoming, person.name);
    if (other < 0) {
      plan.removals.push_back(removal(ChangeKind::remove_person, person.name));
      continue;
    }
    const Person& theirs = incoming.people[static_cast<std::size_t>(other)];
    // A channel the file opens for someone listed lowers protection: it waits.
    if (!theirs.coparent_channel.empty() && theirs.coparent_channel != person.coparent_channel) {
      Change open = removal(ChangeKind::open_channel, person.name);
      open.channel = theirs.coparent_channel;
      plan.removals.push_back(std::move(open));
    }
    for (const Account& account : person.accounts) {
      const std::string key = account_key(account);
      if (find_account(theirs, key) < 0) plan.removals.push_back(account_removal(person.name, account, key));
    }
    for (const std::string& keyword : person.keywords)
      if (!has_keyword(theirs, keyword))
        plan.removals.push_back(removal(ChangeKind::remove_keyword, person.name, keyword));
    for (const std::string& name : person.names)
      if (!has_name(theirs, name)) plan.removals.push_back(name_removal(person.name, name));
  }
  return plan;
}

std::vector<PersonRow> list_rows(const Blocklist& list, const std::vector<Attempt>& log,
                                 const std::vector<Change>& pending) {
  const auto waiting = [&](ChangeKind kind, const std::string& person, std::string_view target) {
    return std::any_of(pending.begin(), pending.end(), [&](const Change& c) {
      return c.kind == kind && name_form(c.person) == name_form(person) &&
             (kind == ChangeKind::remove_person || kind == ChangeKind::feeds_off ||
              (kind == ChangeKind::remove_account ? same_account_key(c.key, target)
               : kind == ChangeKind::remove_name  ? c.name == target
                                                  : c.keyword == target));
    });
  };
  std::vector<PersonRow> rows;
  rows.reserve(list.people.size());
  for (const Person& person : list.people) {
    PersonRow row;
    row.name = person.name;
    row.coparent_channel = person.coparent_channel;
    row.hidden_in_feeds = hidden_in_feeds(person);
    row.feeds_off_pending = waiting(ChangeKind::feeds_off, person.name, {});
    // This person's attempts by platform id: a handful of platforms, so a small vector.
    std::vector<std::pair<std::string_view, int>> by_platform;
    for (const Attempt& attempt : log) {
      if (attempt.person != person.name) continue;
      auto it = std::find_if(by_platform.begin(), by_platform.end(),
                             [&](const auto& c) { return c.first == attempt.platform; });
      if (it == by_platform.end()) by_platform.emplace_back(attempt.platform, 1);
      else ++it->second;
    }
    row.removal_pending = waiting(ChangeKind::remove_person, person.name, {});
    for (const std::string& k : person.keywords)
      row.keywords.push_back({k, waiting(ChangeKind::remove_keyword, person.name, k)});
    for (const std::string& n : person.names)
      row.names.push_back({n, waiting(ChangeKind::remove_name, person.name, n)});
    for (const Account& account : person.accounts) {
      AccountRow a;
      a.key = account_key(account);
      a.platform = account.platform;
      a.handle = account.handle;
      a.added = kept_string(account.source, "added");
      a.url = kept_string(account.source, "url");
      a.removal_pending = waiting(ChangeKind::remove_account, person.name, a.key);
      if (account.platform >= 0) {
        const std::string_view id = Catalog::get().platforms()[static_cast<std::size_t>(account.platform)].id;
        for (const auto& [platform, count] : by_platform)
          if (platform == id) a.attempts = count;
      }
      row.accounts.push_back(std::move(a));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

json change_json(const Change& change) {
  json j;
  j["kind"] = kind_id(change.kind);
  j["person"] = change.person;
  if (change.kind == ChangeKind::remove_account) {
    j["key"] = change.key;
    put_platform(j, change.platform);
    j["handle"] = change.handle;
  } else if (change.kind == ChangeKind::remove_keyword) {
    j["keyword"] = change.keyword;
  } else if (change.kind == ChangeKind::remove_name) {
    j["name"] = change.name;
  } else if (change.kind == ChangeKind::open_channel) {
    j["channel"] = change.channel;
  }
  return j;
}

namespace {

// A stored account key in this build's form. Removals wait out their
// cool-down in storage, across updates: one queued before handles were
// lowered beyond ASCII names "youtube:Пандекс", which is "youtube:пандекс"
// now, and would otherwise find no account when it is due and be dropped.
std::string current_key_form(std::string_view key) {
  const std::size_t colon = key.find(':');
  if (colon == std::string_view::npos || colon + 1 == key.size() || key[colon + 1] == '@' || key.find('#') < colon)
    return std::string(key);  // not a handle's key, or a federated one ("mastodon:@user@host")
  const int platform = Catalog::get().platform_index(key.substr(0, colon));
  if (platform < 0) return std::string(key);
  const std::uint8_t flags = Catalog::get().platforms()[static_cast<std::size_t>(platform)].flags;
  if (flags & (kCaseSensitive | kEmail | kPhone | kFederated)) return std::string(key);
  std::string out(key.substr(0, colon + 1));
  append_handle_lower(out, key.substr(colon + 1));
  return out;
}

}  // namespace

bool parse_change(const json& value, Change& out) {
  if (!value.is_object()) return false;
  const std::string kind = string_member(value, "kind");
  if (kind == "remove-person") out.kind = ChangeKind::remove_person;
  else if (kind == "remove-account") out.kind = ChangeKind::remove_account;
  else if (kind == "remove-keyword") out.kind = ChangeKind::remove_keyword;
  else if (kind == "coparent") out.kind = ChangeKind::open_channel;
  else if (kind == "feeds-off") out.kind = ChangeKind::feeds_off;
  else if (kind == "remove-name") out.kind = ChangeKind::remove_name;
  else return false;
  out.person = string_member(value, "person");
  out.key = current_key_form(string_member(value, "key"));
  out.keyword = string_member(value, "keyword");
  out.channel = string_member(value, "channel");
  out.name = string_member(value, "name");
  out.platform = Catalog::get().platform_index(string_member(value, "platform"));
  out.handle = string_member(value, "handle");
  if (out.person.empty()) return false;
  if (out.kind == ChangeKind::remove_account && out.key.empty()) return false;
  if (out.kind == ChangeKind::open_channel && !is_coparent_channel(out.channel)) return false;
  if (out.kind == ChangeKind::remove_name && out.name.empty()) return false;
  return out.kind != ChangeKind::remove_keyword || !out.keyword.empty();
}

json addition_json(const Addition& addition) {
  json j;
  j["kind"] = addition.kind == Addition::Kind::person    ? "person"
              : addition.kind == Addition::Kind::account ? "account"
              : addition.kind == Addition::Kind::name    ? "name"
                                                         : "keyword";
  j["person"] = addition.person;
  if (addition.kind == Addition::Kind::account) {
    j["key"] = addition.key;
    put_platform(j, addition.platform);
    j["handle"] = addition.handle;
  } else if (addition.kind == Addition::Kind::keyword) {
    j["keyword"] = addition.keyword;
  } else if (addition.kind == Addition::Kind::name) {
    j["name"] = addition.name;
  }
  return j;
}

json rows_json(const std::vector<PersonRow>& rows) {
  json people = json::array();
  for (const PersonRow& row : rows) {
    json accounts = json::array();
    for (const AccountRow& a : row.accounts) {
      json j;
      j["key"] = a.key;
      put_platform(j, a.platform);
      j["handle"] = a.handle;
      j["added"] = a.added.empty() ? json(nullptr) : json(a.added);
      j["url"] = a.url.empty() ? json(nullptr) : json(a.url);
      j["attempts"] = a.attempts;
      j["removalPending"] = a.removal_pending;
      accounts.push_back(std::move(j));
    }
    json keywords = json::array();
    for (const KeywordRow& k : row.keywords)
      keywords.push_back({{"text", k.text}, {"removalPending", k.removal_pending}});
    json names = json::array();
    for (const KeywordRow& n : row.names) names.push_back({{"text", n.text}, {"removalPending", n.removal_pending}});
    json coparent = row.coparent_channel.empty() ? json(nullptr) : json{{"channel", row.coparent_channel}};
    people.push_back({{"name", row.name},
                      {"removalPending", row.removal_pending},
                      {"coparent", std::move(coparent)},
                      {"feeds", row.hidden_in_feeds},
                      {"feedsOffPending", row.feeds_off_pending},
                      {"keywords", std::move(keywords)},
                      {"names", std::move(names)},
                      {"accounts", std::move(accounts)}});
  }
  return people;
}

}  // namespace deadbolt
