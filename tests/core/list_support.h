// Helpers shared by the core tests that edit v1 lists.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "deadbolt/blocklist_json.h"
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

}  // namespace deadbolt::test
