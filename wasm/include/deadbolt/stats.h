// Stats: the attempt log -> counts, the no-contact streak, a daily series.
// Entries of kind "contact" are contacts the person reported ("I reached
// out"), never attempts: they restart the count of days without contact.
// Pure: "now" and every time-zone offset are passed in. Each attempt carries
// the UTC offset it was made at, so it counts on the local day it happened on
// even when daylight-saving time changed since. No JSON library: the
// JSON readers and writers are stats_json.h's, in the lists library.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace deadbolt {

struct Attempt {
  std::int64_t time_ms = 0;     // Unix time, milliseconds
  std::int32_t offset_min = 0;  // the local UTC offset then, minutes east (UTC+1 = 60)
  std::string person, platform, kind;
};

inline constexpr int kSeriesDays = 30;

struct Stats {
  int today = 0, week = 0, month = 0, all = 0;  // today, the last 7 and 30 local days, ever
  std::vector<int> daily;                       // the last 30 local days, oldest first; the last is today
  int current_streak = 0;                       // whole days since the last attempt (0 if one was today)
  int longest_streak = 0;
  std::optional<int> days_since_start;  // since no contact began, when known
  int next_milestone = 3;  // after no_contact_days (else current_streak): 3, 7, 14, 30, 60, 90, 180, 365, then yearly
  std::optional<std::int64_t> last_contact_day;  // local day of the last reported contact
  // Whole local days since the later of the start and the last contact;
  // unknown when neither is.
  std::optional<int> no_contact_days;
  int longest_no_contact_days = 0;  // the longest such run, the current one included
  std::vector<int> by_hour;         // 24 counts of attempts by the local hour they were made at
};

inline constexpr std::string_view kContactKind = "contact";

// The local day number of a moment (days since 1970-01-01 in that zone).
std::int64_t local_day(std::int64_t time_ms, std::int32_t offset_min);

// `start_day`: the local day no contact began, if the person set it.
Stats compute_stats(const std::vector<Attempt>& log, std::int64_t now_ms, std::int32_t now_offset_min,
                    std::optional<std::int64_t> start_day = std::nullopt);

// Attempts ever by platform, person and kind (contacts are not attempts):
// what the pages' stats list by name. Apart from compute_stats(), which the
// block page's day count (the decider) uses without them.
struct Tallies {
  std::map<std::string, int> by_platform, by_person, by_kind;
};
Tallies tally_attempts(const std::vector<Attempt>& log);

// The log as the extension hands it over: one attempt a line,
// "time_ms \t offset_min \t person \t platform \t kind". Malformed lines are
// skipped and counted in `skipped`.
std::vector<Attempt> parse_attempts_tsv(std::string_view text, std::size_t* skipped = nullptr);

// Parses "2026-11-23", "2026-11-23T21:30:00Z", "2026-11-23T21:30:00.5+01:00".
// `offset_min` is set when the text names one ("Z" is 0).
bool parse_iso8601(std::string_view text, std::int64_t& time_ms, std::optional<std::int32_t>& offset_min);

// "2026-11-23" for a local day number.
std::string day_string(std::int64_t day);

}  // namespace deadbolt
