// libFuzzer: the attempt log and times on any bytes: counts stay consistent
// (contact entries count in none of the attempt totals, nor in the tallies).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "deadbolt/stats_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 12) return 0;
  std::int64_t now = 0;
  std::int32_t offset = 0;
  __builtin_memcpy(&now, data, 8);
  __builtin_memcpy(&offset, data + 8, 4);
  now %= 4'102'444'800'000;  // up to the year 2100, either side of 1970
  offset %= 1441;
  const std::string text(reinterpret_cast<const char*>(data + 12), size - 12);
  const auto log = deadbolt::parse_attempts_tsv(text);
  const deadbolt::Stats s = deadbolt::compute_stats(
      log, now, offset, (size & 1) ? std::optional<std::int64_t>(now / 86'400'000 - 30) : std::nullopt);
  // Reported contacts (kind "contact") are never attempts.
  int attempts = 0;
  for (const auto& entry : log) attempts += entry.kind != deadbolt::kContactKind;
  int daily = 0;
  for (int n : s.daily) daily += n;
  if (s.all != attempts || daily != s.month || s.today > s.week || s.week > s.month || s.month > s.all ||
      s.current_streak < 0 || s.longest_streak < s.current_streak)
    std::abort();
  std::int64_t ms;
  std::optional<std::int32_t> o;
  (void)deadbolt::parse_iso8601(text, ms, o);
  // The tallies by platform, person and kind each count every attempt once.
  const deadbolt::Tallies tallies = deadbolt::tally_attempts(log);
  for (const auto* by : {&tallies.by_platform, &tallies.by_person, &tallies.by_kind}) {
    int total = 0;
    for (const auto& [name, n] : *by) total += n;
    if (total != attempts) std::abort();
  }
  (void)deadbolt::stats_json(s, tallies);
  return 0;
}
