#include "deadbolt/stats_json.h"

#include "deadbolt/blocklist_json.h"

namespace deadbolt {

bool parse_attempts_json(const nlohmann::ordered_json& log, std::int32_t default_offset, std::vector<Attempt>& out,
                         std::size_t& bad) {
  if (!log.is_array()) return bad = 0, false;
  out.reserve(out.size() + log.size());
  for (std::size_t i = 0; i < log.size(); ++i) {
    const auto& e = log[i];
    Attempt a;
    std::optional<std::int32_t> offset;
    const auto t = e.is_object() ? e.find("t") : e.end();
    if (!e.is_object() || t == e.end()) return bad = i, false;
    if (t->is_number()) a.time_ms = static_cast<std::int64_t>(t->get<double>());
    else if (!t->is_string() || !parse_iso8601(t->get_ref<const std::string&>(), a.time_ms, offset))
      return bad = i, false;
    const auto o = e.find("o");
    a.offset_min = o != e.end() && o->is_number_integer() ? o->get<std::int32_t>() : offset.value_or(default_offset);
    for (auto [key, field] : {std::pair{"person", &a.person}, {"platform", &a.platform}, {"kind", &a.kind}})
      if (const auto v = e.find(key); v != e.end() && v->is_string()) *field = v->get<std::string>();
    out.push_back(std::move(a));
  }
  return true;
}

std::string stats_json(const Stats& s, const Tallies& t) {
  nlohmann::ordered_json j;
  j["today"] = s.today;
  j["week"] = s.week;
  j["month"] = s.month;
  j["all"] = s.all;
  j["currentStreak"] = s.current_streak;
  j["longestStreak"] = s.longest_streak;
  j["daysSinceStart"] = s.days_since_start ? nlohmann::ordered_json(*s.days_since_start)
                                           : nlohmann::ordered_json(nullptr);
  j["nextMilestone"] = s.next_milestone;
  j["daily"] = s.daily;
  j["byPlatform"] = t.by_platform;
  j["byPerson"] = t.by_person;
  j["byKind"] = t.by_kind;
  j["lastContact"] = s.last_contact_day ? nlohmann::ordered_json(day_string(*s.last_contact_day))
                                        : nlohmann::ordered_json(nullptr);
  j["noContactDays"] = s.no_contact_days ? nlohmann::ordered_json(*s.no_contact_days) : nlohmann::ordered_json(nullptr);
  j["longestNoContactDays"] = s.longest_no_contact_days;
  j["byHour"] = s.by_hour;
  return dump_json(j);
}

}  // namespace deadbolt
