// Stats and the attempt log as JSON, for the pages and the CLI: the lists
// library's side of stats.h (the decider reads the log as TSV and writes the
// block page's few figures with json_writer.h).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "deadbolt/stats.h"

namespace deadbolt {

// The log as the extension keeps it: a JSON array of {"t": ms or ISO 8601,
// "o": minutes east of UTC, "person", "platform", "kind"}; an entry without
// "o" takes `default_offset` (or the offset its ISO time names). Returns false,
// with `bad` the index of the first entry that is not an attempt.
bool parse_attempts_json(const nlohmann::ordered_json& log, std::int32_t default_offset, std::vector<Attempt>& out,
                         std::size_t& bad);

// Stats and the tallies of the same log as JSON, for the pages and the CLI.
std::string stats_json(const Stats& stats, const Tallies& tallies);

}  // namespace deadbolt
