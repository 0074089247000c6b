#include "deadbolt/stats.h"

#include <algorithm>
#include <cstdint>

namespace deadbolt {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Sorted, each value once. A heap sort: std::sort's introsort is 1 KB of
// the decider, which carries this for the block page's day count.
void sort_unique(std::vector<std::int64_t>& v) {
  std::make_heap(v.begin(), v.end());
  std::sort_heap(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

int milestone_after(int streak) {
  for (int m : {3, 7, 14, 30, 60, 90, 180, 365})
    if (streak < m) return m;
  return (streak / 365 + 1) * 365;
}

}  // namespace

std::int64_t local_day(std::int64_t time_ms, std::int32_t offset_min) {
  return floor_div(time_ms + static_cast<std::int64_t>(offset_min) * 60'000, kDayMs);
}

Stats compute_stats(const std::vector<Attempt>& log, std::int64_t now_ms, std::int32_t now_offset_min,
                    std::optional<std::int64_t> start_day) {
  Stats s;
  const std::int64_t today = local_day(now_ms, now_offset_min);
  s.daily.assign(kSeriesDays, 0);
  s.by_hour.assign(24, 0);
  std::vector<std::int64_t> days, contacts;
  days.reserve(log.size());
  for (const Attempt& a : log) {
    // A clock that ran ahead cannot put an attempt after today.
    const std::int64_t day = std::min(local_day(a.time_ms, a.offset_min), today);
    if (a.kind == kContactKind) {
      contacts.push_back(day);
      continue;
    }
    const std::int64_t local_ms = a.time_ms + static_cast<std::int64_t>(a.offset_min) * 60'000;
    ++s.by_hour[static_cast<std::size_t>(floor_div(local_ms, 3'600'000) - floor_div(local_ms, kDayMs) * 24)];
    const std::int64_t age = today - day;
    ++s.all;
    if (age == 0) ++s.today;
    if (age < 7) ++s.week;
    if (age < kSeriesDays) {
      ++s.month;
      ++s.daily[static_cast<std::size_t>(kSeriesDays - 1 - age)];
    }
    days.push_back(day);
  }
  sort_unique(days);
  // Attempts before no contact began do not break its streak.
  if (start_day) days.erase(days.begin(), std::lower_bound(days.begin(), days.end(), *start_day));

  if (start_day) s.days_since_start = static_cast<int>(std::max<std::int64_t>(0, today - *start_day));
  std::int64_t longest = 0;
  if (days.empty()) {
    s.current_streak = s.days_since_start.value_or(0);
    longest = s.current_streak;
  } else {
    s.current_streak = static_cast<int>(today - days.back());
    if (start_day) longest = days.front() - *start_day;
    for (std::size_t i = 1; i < days.size(); ++i) longest = std::max(longest, days[i] - days[i - 1] - 1);
    longest = std::max<std::int64_t>(longest, s.current_streak);
  }
  s.longest_streak = static_cast<int>(longest);

  // Days without contact: runs start at the start date and at each reported
  // contact (those before the start date belong to before no contact).
  sort_unique(contacts);
  if (!contacts.empty()) s.last_contact_day = contacts.back();
  std::vector<std::int64_t> starts;
  if (start_day) starts.push_back(std::min(*start_day, today));
  for (std::int64_t c : contacts)
    if (!start_day || c >= *start_day) starts.push_back(c);
  sort_unique(starts);
  if (!starts.empty()) {
    s.no_contact_days = static_cast<int>(today - starts.back());
    std::int64_t run = *s.no_contact_days;
    for (std::size_t i = 1; i < starts.size(); ++i) run = std::max(run, starts[i] - starts[i - 1]);
    s.longest_no_contact_days = static_cast<int>(run);
  }
  // Milestones count days of no contact when they are known (what people
  // count), else days without an attempt.
  s.next_milestone = milestone_after(s.no_contact_days.value_or(s.current_streak));
  return s;
}

Tallies tally_attempts(const std::vector<Attempt>& log) {
  Tallies t;
  for (const Attempt& a : log) {
    if (a.kind == kContactKind) continue;
    ++t.by_platform[a.platform];
    ++t.by_person[a.person];
    ++t.by_kind[a.kind];
  }
  return t;
}

std::vector<Attempt> parse_attempts_tsv(std::string_view text, std::size_t* skipped) {
  std::vector<Attempt> out;
  std::size_t bad = 0;
  auto number = [](std::string_view s, std::int64_t& v) {
    if (s.empty() || s.size() > 18) return false;
    bool negative = s[0] == '-';
    if (negative) s.remove_prefix(1);
    if (s.empty()) return false;
    v = 0;
    for (char c : s) {
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    if (negative) v = -v;
    return true;
  };
  for (std::size_t p = 0; p < text.size();) {
    std::size_t end = text.find('\n', p);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(p, end - p);
    p = end + 1;
    if (line.empty()) continue;
    std::string_view fields[5];
    std::size_t n = 0;
    while (n < 5) {
      const auto tab = line.find('\t');
      fields[n++] = line.substr(0, tab);
      if (tab == std::string_view::npos) break;
      line.remove_prefix(tab + 1);
    }
    std::int64_t time = 0, offset = 0;
    if (n != 5 || !number(fields[0], time) || !number(fields[1], offset) || offset < -1440 || offset > 1440) {
      ++bad;
      continue;
    }
    out.push_back({time, static_cast<std::int32_t>(offset), std::string(fields[2]), std::string(fields[3]),
                   std::string(fields[4])});
  }
  if (skipped) *skipped = bad;
  return out;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

bool parse_iso8601(std::string_view s, std::int64_t& time_ms, std::optional<std::int32_t>& offset_min) {
  int y, mo, d, h = 0, mi = 0, sec = 0, ms = 0;
  offset_min.reset();
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31)
    return false;
  std::size_t p = 10;
  if (p < s.size() && (s[p] == 'T' || s[p] == ' ')) {
    if (!digits(s, p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(s, p + 4, 2, mi)) return false;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, sec)) return false;
      p += 3;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        std::size_t q = p + 1;
        int scale = 100;
        while (q < s.size() && s[q] >= '0' && s[q] <= '9') {
          ms += (s[q] - '0') * scale;
          scale /= 10;
          ++q;
        }
        if (q == p + 1) return false;
        p = q;
      }
    }
    if (h > 23 || mi > 59 || sec > 60) return false;
  }
  if (p < s.size()) {
    if (s[p] == 'Z' && p + 1 == s.size()) {
      offset_min = 0;
    } else if ((s[p] == '+' || s[p] == '-') && p + 6 == s.size() && s[p + 3] == ':') {
      int oh, om;
      if (!digits(s, p + 1, 2, oh) || !digits(s, p + 4, 2, om) || oh > 23 || om > 59) return false;
      offset_min = (s[p] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return false;
    }
  }
  const std::int64_t local = ((days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 24 + h) * 60 +
                              mi) *
                                 60 +
                             sec;
  time_ms = (local - static_cast<std::int64_t>(offset_min.value_or(0)) * 60) * 1000 + ms;
  return true;
}

std::string day_string(std::int64_t day) {
  // Howard Hinnant's civil_from_days.
  day += 719468;
  const std::int64_t era = (day >= 0 ? day : day - 146096) / 146097;
  const auto doe = static_cast<unsigned>(day - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
  // Written by hand as "%04lld-%02u-%02u" would: snprintf alone brought
  // printf's machinery (~8 KB) into the decider, for this one line.
  std::string out;
  if (y < 0) out += '-';
  std::uint64_t magnitude = y < 0 ? 0 - static_cast<std::uint64_t>(y) : static_cast<std::uint64_t>(y);
  char digits[20];
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude != 0);
  for (std::size_t width = y < 0 ? 3 : 4; n < width; --width) out += '0';
  while (n != 0) out += digits[--n];
  for (const unsigned part : {m, d}) {
    out += '-';
    out += static_cast<char>('0' + part / 10);
    out += static_cast<char>('0' + part % 10);
  }
  return out;
}

}  // namespace deadbolt
