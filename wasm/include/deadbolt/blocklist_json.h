// Blocklist format v1 as JSON: loaded with validation that names the JSON
// path of every problem; unknown fields survive a round trip (kept in each
// object's KeptSource). Part of the lists library, never of the decider.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "deadbolt/blocklist.h"
#include "deadbolt/identity.h"

namespace deadbolt {

inline constexpr std::size_t kMaxBlocklistBytes = 8 * 1024 * 1024;
inline constexpr int kMaxJsonDepth = 64;

// Parses and validates a v1 blocklist. On failure returns false, fills
// `error` and leaves `out` untouched.
bool parse_blocklist(std::string_view text, Identifier& identifier, Blocklist& out, BlocklistError& error);

// Serialises a blocklist as v1 JSON, unknown fields included.
std::string serialize_blocklist(const Blocklist& list, int indent = 2);

// The JSON object a KeptSource holds: null when it holds none.
const nlohmann::ordered_json* source_json(const KeptSource& source);
// The same, made an (empty) object first when it holds none.
nlohmann::ordered_json& source_json(KeptSource& source);

// Parses JSON without exceptions and without unbounded nesting; on failure
// returns false with a message that gives the byte offset.
bool parse_json(std::string_view text, nlohmann::ordered_json& out, std::string& error);

// Serialises JSON; invalid UTF-8 in strings is replaced, never thrown on.
std::string dump_json(const nlohmann::json& value, int indent = -1);
std::string dump_json(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace deadbolt
