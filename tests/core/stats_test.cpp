// Stats: local days, streaks and milestones, with "now" and every offset
// passed in.
#include <gtest/gtest.h>

#include <cstdio>

#include "deadbolt/stats.h"

namespace deadbolt {
namespace {

std::int64_t at(const char* iso) {
  std::int64_t ms = 0;
  std::optional<std::int32_t> offset;
  EXPECT_TRUE(parse_iso8601(iso, ms, offset)) << iso;
  return ms;
}

Attempt attempt(const char* iso, std::int32_t offset, const char* platform = "instagram",
                const char* kind = "profile") {
  return {at(iso), offset, "Jane", platform, kind};
}

TEST(Stats, AnEmptyLog) {
  const Stats s = compute_stats({}, at("2026-11-23T12:00:00Z"), 0);
  EXPECT_EQ(s.all, 0);
  EXPECT_EQ(s.current_streak, 0);
  EXPECT_EQ(s.next_milestone, 3);
  EXPECT_EQ(s.daily, std::vector<int>(30, 0));
  EXPECT_FALSE(s.days_since_start.has_value());
  const Stats since = compute_stats({}, at("2026-11-23T12:00:00Z"), 0, local_day(at("2026-11-13"), 0));
  EXPECT_EQ(since.current_streak, 10) << "no attempt since no contact began 10 days ago";
  EXPECT_EQ(since.longest_streak, 10);
  EXPECT_EQ(*since.days_since_start, 10);
  EXPECT_EQ(since.next_milestone, 14);
}

TEST(Stats, LocalDayBoundaries) {
  const std::int64_t now = at("2026-11-23T00:30:00+01:00");  // just after midnight in Berlin
  const std::vector<Attempt> log = {
      attempt("2026-11-22T23:59:59+01:00", 60),  // yesterday, Berlin
      attempt("2026-11-23T00:00:00+01:00", 60),  // today, Berlin
      attempt("2026-11-22T23:10:00Z", 60),       // 00:10 on the 23rd in Berlin: today
  };
  const Stats s = compute_stats(log, now, 60);
  EXPECT_EQ(s.today, 2);
  EXPECT_EQ(s.week, 3);
  EXPECT_EQ(s.daily[29], 2);
  EXPECT_EQ(s.daily[28], 1);
  EXPECT_EQ(s.current_streak, 0);
  // The same log seen from UTC: now is 23:30 on the 22nd, all three are "today".
  EXPECT_EQ(compute_stats({{at("2026-11-22T23:10:00Z"), 0, "J", "x", "profile"}}, now, 0).today, 1);
}

TEST(Stats, TimeZoneOffsetsWestOfUtcAndNegativeTimes) {
  const std::int64_t now = at("2026-11-23T20:00:00-08:00");
  const Stats s = compute_stats({attempt("2026-11-23T01:00:00-08:00", -480)}, now, -480);
  EXPECT_EQ(s.today, 1);
  EXPECT_EQ(local_day(-1, 0), -1) << "before 1970 rounds down, not toward zero";
  EXPECT_EQ(local_day(at("1969-12-31T23:00:00Z"), 0), -1);
}

TEST(Stats, DaylightSavingJumps) {
  // Europe/Berlin leaves summer time on 2026-10-25 at 03:00 (+02:00 -> +01:00).
  // An attempt at 00:30 local summer time on the 25th belongs to the 25th,
  // though in winter time the same instant would read 23:30 on the 24th.
  const Attempt before = attempt("2026-10-25T00:30:00+02:00", 120);
  const Attempt after = attempt("2026-10-25T23:30:00+01:00", 60);
  const std::int64_t now = at("2026-10-26T09:00:00+01:00");
  const Stats s = compute_stats({before, after}, now, 60);
  EXPECT_EQ(s.daily[28], 2) << "both on the 25th, the day before today";
  EXPECT_EQ(s.today, 0);
  EXPECT_EQ(s.current_streak, 1);
  // Spring forward: 2026-03-29 02:00 +01:00 -> 03:00 +02:00.
  const Stats spring = compute_stats(
      {attempt("2026-03-29T01:59:00+01:00", 60), attempt("2026-03-29T03:01:00+02:00", 120)},
      at("2026-03-29T12:00:00+02:00"), 120);
  EXPECT_EQ(spring.today, 2);
}

TEST(Stats, StreaksAndMilestones) {
  const std::int64_t start = local_day(at("2026-10-01"), 0);
  const std::vector<Attempt> log = {
      attempt("2026-09-20T12:00:00Z", 0),  // before no contact began: does not count against it
      attempt("2026-10-11T12:00:00Z", 0),  // 10 clean days first
      attempt("2026-10-11T18:00:00Z", 0), attempt("2026-11-01T12:00:00Z", 0),  // 20 clean days between
      attempt("2026-11-02T12:00:00Z", 0),
  };
  const Stats s = compute_stats(log, at("2026-11-23T12:00:00Z"), 0, start);
  EXPECT_EQ(s.current_streak, 21);
  EXPECT_EQ(s.longest_streak, 21);
  EXPECT_EQ(*s.days_since_start, 53);
  EXPECT_EQ(s.next_milestone, 60) << "milestones count days of no contact";
  EXPECT_EQ(s.all, 5);
  EXPECT_EQ(s.month, 2);
  EXPECT_EQ(tally_attempts(log).by_person.at("Jane"), 5);
  const Stats longer = compute_stats({attempt("2026-11-01T12:00:00Z", 0)}, at("2026-11-03T12:00:00Z"), 0, start);
  EXPECT_EQ(longer.longest_streak, 31) << "the 31 days from the start to the first attempt";
  EXPECT_EQ(longer.current_streak, 2);
  EXPECT_EQ(compute_stats({attempt("2026-11-01T12:00:00Z", 0)}, at("2026-11-03T12:00:00Z"), 0).next_milestone, 3)
      << "without a start: days without an attempt";
  EXPECT_EQ(longer.next_milestone, 60) << "day 33 of no contact";
  EXPECT_EQ(compute_stats({}, at("2027-11-23T12:00:00Z"), 0, start).next_milestone, 730);
}

TEST(Stats, AClockThatRanAheadCountsToday) {
  const Stats s = compute_stats({attempt("2026-11-25T12:00:00Z", 0)}, at("2026-11-23T12:00:00Z"), 0);
  EXPECT_EQ(s.today, 1);
  EXPECT_EQ(s.current_streak, 0);
}

TEST(Stats, AHundredThousandAttempts) {
  std::string tsv;
  const std::int64_t now = at("2026-11-23T12:00:00Z");
  for (int i = 0; i < 100000; ++i)
    tsv += std::to_string(now - static_cast<std::int64_t>(i) * 600'000) + "\t0\tJane\t" + (i % 2 ? "instagram" : "x") +
           "\tprofile\n";  // one every 10 minutes, back ~694 days
  std::size_t skipped = 99;
  const std::vector<Attempt> log = parse_attempts_tsv(tsv + "garbage\n1\t2\n", &skipped);
  EXPECT_EQ(skipped, 2u);
  ASSERT_EQ(log.size(), 100000u);
  const Stats s = compute_stats(log, now, 0);
  EXPECT_EQ(s.all, 100000);
  EXPECT_EQ(s.today, 73) << "12:00 back to midnight, every 10 minutes";
  EXPECT_EQ(tally_attempts(log).by_platform.at("x"), 50000);
  EXPECT_EQ(s.daily[0], 144);
  EXPECT_EQ(s.current_streak, 0);
  EXPECT_EQ(s.longest_streak, 0);
}

TEST(Stats, Iso8601) {
  std::int64_t ms;
  std::optional<std::int32_t> offset;
  EXPECT_TRUE(parse_iso8601("2026-11-23T21:30:00.250+05:30", ms, offset));
  EXPECT_EQ(*offset, 330);
  EXPECT_EQ(ms, at("2026-11-23T16:00:00.25Z"));
  EXPECT_TRUE(parse_iso8601("2026-11-23", ms, offset));
  EXPECT_FALSE(offset.has_value());
  for (const char* bad : {"", "2026-13-01", "2026-11-23T25:00", "2026-11-23T10:00+1", "yesterday", "2026-11-23Tx"})
    EXPECT_FALSE(parse_iso8601(bad, ms, offset)) << bad;
}

}  // namespace
}  // namespace deadbolt

TEST(Stats, DayStringsAsPrintfWroteThem) {
  // day_string formats by hand (printf stays out of the decider): held to
  // "%04lld-%02u-%02u" across eras, years below 1000, before year 0 and past 9999.
  EXPECT_EQ(deadbolt::day_string(0), "1970-01-01");
  EXPECT_EQ(deadbolt::day_string(20792), "2026-12-05");
  EXPECT_EQ(deadbolt::day_string(-719468), "0000-03-01");
  EXPECT_EQ(deadbolt::day_string(-719469), "0000-02-29");
  EXPECT_EQ(deadbolt::day_string(-719835), "-001-02-28");
  EXPECT_EQ(deadbolt::day_string(-400000), "0874-11-02");
  EXPECT_EQ(deadbolt::day_string(3000000), "10183-09-21");
  for (std::int64_t day = -1'000'000; day <= 3'000'000; day += 997) {
    const std::string text = deadbolt::day_string(day);
    char expected[40];
    long long y = 0;
    unsigned m = 0, d = 0;
    ASSERT_EQ(std::sscanf(text.c_str(), "%lld-%u-%u", &y, &m, &d), 3) << text;
    std::snprintf(expected, sizeof expected, "%04lld-%02u-%02u", y, m, d);
    EXPECT_EQ(text, expected) << day;
  }
}
