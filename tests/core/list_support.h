// Helpers shared by the core tests that edit v1 lists.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/decide.h"
#include "deadbolt/feed_list.h"
#include "deadbolt/identity.h"

namespace deadbolt::test {

// The v1 list `json`, which the test expects to be valid.
inline Blocklist parse_list(const std::string& json) {
  Identifier identifier;
  Blocklist list;
  BlocklistError error;
  EXPECT_TRUE(parse_blocklist(json, identifier, list, error)) << error.to_string();
  return list;
}

// The list as it is exported, read back as JSON.
inline nlohmann::ordered_json exported(const Blocklist& list) {
  return nlohmann::ordered_json::parse(serialize_blocklist(list));
}

// Loads into `engine` the feed list of the v1 list `json` (the people hidden
// in feeds), as the feed scripts' index holds it; false if either is refused.
inline bool load_feed_list(Engine& engine, const std::string& json) {
  Engine full;
  BlocklistError error;
  if (!full.load(json, error)) {
    ADD_FAILURE() << error.to_string();
    return false;
  }
  if (!engine.load(serialize_blocklist(feed_list(full.blocklist())), error)) {
    ADD_FAILURE() << error.to_string();
    return false;
  }
  return true;
}

}  // namespace deadbolt::test
