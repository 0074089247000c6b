#include "deadbolt/feed_list.h"

#include "deadbolt/blocklist_json.h"

namespace deadbolt {

bool hidden_in_feeds(const Person& person) {
  const nlohmann::ordered_json* source = source_json(person.source);
  if (!source || !source->is_object()) return true;
  const auto it = source->find("feeds");
  return it == source->end() || !it->is_boolean() || it->get<bool>();
}

Blocklist feed_list(const Blocklist& list) {
  Blocklist out;
  out.source = list.source;
  for (const Person& person : list.people)
    if (hidden_in_feeds(person)) out.people.push_back(person);
  return out;
}

}  // namespace deadbolt
