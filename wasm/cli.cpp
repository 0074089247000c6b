// deadbolt: the command-line face of the core (contract in DESIGN.md §3).
//
//   deadbolt parse URL...                       one JSON object per URL
//   deadbolt check --blocklist FILE [URL...]    URLs from arguments or stdin
//   deadbolt stats --log FILE --now ISO8601 [--utc-offset MINUTES] [--since DATE]
//                                               counts, streaks and the daily series, JSON
//   deadbolt rules --blocklist FILE [--block-page URL]
//                                               declarativeNetRequest rules, a JSON array
//   deadbolt edit --blocklist FILE OPERATION ARG...
//                                               the list after the edit (v1 JSON) on stdout
//     add-account PERSON TEXT [--platform ID] [--today YYYY-MM-DD]   a link, or a handle of --platform
//     add-person NAME · add-keyword PERSON KEYWORD · add-name PERSON NAME
//     remove-person PERSON · remove-account PERSON KEY · remove-keyword PERSON KEYWORD
//     remove-name PERSON NAME                  (removals at once: a
//                                               file has no cool-down; the extension keeps one)
//     import FILE [--plan]                     what FILE adds, merged; --plan: {added, removals}
//     rows                                     the settings page's rows, JSON
//   deadbolt items --blocklist FILE [--no-mentions]
//                                               feed items as JSON lines on stdin, one verdict a line
//
// Exit status: 0 when every URL got its line, 2 when the blocklist cannot be
// used (one line on stderr names the file and what is wrong), 64 on misuse;
// `edit` exits 1 when the edit is refused ("deadbolt edit: CODE: why").
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "deadbolt/decide.h"
#include "deadbolt/editing.h"
#include "deadbolt/feed_list.h"
#include "deadbolt/items.h"
#include "deadbolt/rules.h"
#include "deadbolt/stats.h"

namespace {

using deadbolt::Catalog;
using deadbolt::Engine;
using deadbolt::Identity;
using deadbolt::Kind;
using ojson = nlohmann::ordered_json;

constexpr int kUsageError = 64;
constexpr int kBadBlocklist = 2;

void usage(std::FILE* to) {
  std::fputs(
      "usage: deadbolt parse URL...\n"
      "       deadbolt check --blocklist FILE [URL...]   (URLs from standard input when none are given)\n"
      "       deadbolt rules --blocklist FILE [--block-page URL]\n"
      "       deadbolt items --blocklist FILE [--no-mentions]   (JSON lines on standard input)\n"
      "       deadbolt stats --log FILE --now ISO8601 [--utc-offset MINUTES] [--since YYYY-MM-DD]\n"
      "       deadbolt edit --blocklist FILE add-account PERSON TEXT [--platform ID] [--today YYYY-MM-DD]\n"
      "                                      add-person NAME | add-keyword PERSON KEYWORD | remove-person PERSON\n"
      "                                      remove-account PERSON KEY | remove-keyword PERSON KEYWORD\n"
      "                                      add-name PERSON NAME | remove-name PERSON NAME\n"
      "                                      import FILE [--plan] | rows\n",
      to);
}

ojson nullable(std::string_view s, bool present) { return present ? ojson(std::string(s)) : ojson(nullptr); }

void identity_fields(ojson& line, const Identity& id) {
  const bool found = id.found();
  line["platform"] = found && id.platform >= 0
                         ? ojson(std::string(Catalog::get().platforms()[static_cast<std::size_t>(id.platform)].id))
                         : ojson(nullptr);
  line["handle"] = nullable(id.handle, found && !id.handle.empty());
}

void print(const ojson& line) {
  const std::string text = deadbolt::dump_json(line);
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fputc('\n', stdout);
}

int parse_command(const std::vector<std::string>& urls) {
  Engine engine;
  Identity id;
  for (const std::string& url : urls) {
    engine.identify(url, id);
    ojson line;
    line["url"] = url;
    identity_fields(line, id);
    line["kind"] = nullable(deadbolt::kind_name(id.attempt()), id.found());
    print(line);
  }
  return 0;
}

void check_one(Engine& engine, const std::string& url) {
  const deadbolt::Verdict& v = engine.decide(url);
  ojson line;
  line["url"] = url;
  line["verdict"] = v.block ? "block" : "allow";
  identity_fields(line, v.identity);
  line["person"] = v.person >= 0 ? ojson(engine.person_name(v.person)) : ojson(nullptr);
  line["kind"] = nullable(deadbolt::kind_name(v.attempt()), v.identity.found());
  print(line);
}

// Loads the blocklist FILE into `engine`; on failure prints the one line of
// the contract and returns false.
bool load_blocklist(const std::string& file, Engine& engine) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "deadbolt: %s: cannot read the blocklist file\n", file.c_str());
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  deadbolt::BlocklistError error;
  if (!engine.load(text.str(), error)) {
    std::fprintf(stderr, "deadbolt: %s: %s\n", file.c_str(), error.to_string().c_str());
    return false;
  }
  return true;
}

int rules_command(const std::string& file, const std::string& block_page) {
  Engine engine;
  if (!load_blocklist(file, engine)) return kBadBlocklist;
  const deadbolt::RuleSet rules = deadbolt::compile_rules(engine.blocklist());
  std::puts(deadbolt::rules_json(rules, block_page).c_str());
  if (rules.accounts_skipped > 0)
    std::fprintf(stderr,
                 "deadbolt: %zu accounts have no rule (over Chrome's %zu regex rules); the navigation "
                 "listeners still block them\n",
                 rules.accounts_skipped, deadbolt::kMaxRegexRules);
  return 0;
}

// The attempt log: a JSON array of {"t": ms or ISO 8601, "o": minutes east of
// UTC, "person", "platform", "kind"} (the extension's own records), or the
// core's tab-separated form.
bool read_log(const std::string& file, std::int32_t default_offset, std::vector<deadbolt::Attempt>& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "deadbolt: %s: cannot read the log file\n", file.c_str());
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const std::string s = text.str();
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || s[first] != '[') {
    std::size_t skipped = 0;
    out = deadbolt::parse_attempts_tsv(s, &skipped);
    if (skipped) std::fprintf(stderr, "deadbolt: %s: %zu malformed lines skipped\n", file.c_str(), skipped);
    return true;
  }
  nlohmann::ordered_json log;
  std::string error;
  if (!deadbolt::parse_json(s, log, error) || !log.is_array()) {
    std::fprintf(stderr, "deadbolt: %s: %s\n", file.c_str(), error.empty() ? "not a JSON array" : error.c_str());
    return false;
  }
  std::size_t bad = 0;
  if (!deadbolt::parse_attempts_json(log, default_offset, out, bad)) {
    std::fprintf(stderr, "deadbolt: %s: [%zu] is not an attempt {\"t\": time, …}\n", file.c_str(), bad);
    return false;
  }
  return true;
}

int stats_command(const std::string& file, const std::string& now_text, const std::string& offset_text,
                  const std::string& since_text) {
  std::int64_t now = 0;
  std::optional<std::int32_t> now_offset;
  if (!deadbolt::parse_iso8601(now_text, now, now_offset)) {
    std::fprintf(stderr, "deadbolt stats: --now %s is not an ISO 8601 time\n", now_text.c_str());
    return kUsageError;
  }
  if (!offset_text.empty()) {
    char* end = nullptr;
    const long v = std::strtol(offset_text.c_str(), &end, 10);
    if (*end != '\0' || v < -1440 || v > 1440) {
      std::fprintf(stderr, "deadbolt stats: --utc-offset %s is not minutes east of UTC\n", offset_text.c_str());
      return kUsageError;
    }
    now_offset = static_cast<std::int32_t>(v);
  }
  std::optional<std::int64_t> start_day;
  if (!since_text.empty()) {
    std::int64_t since = 0;
    std::optional<std::int32_t> ignored;
    if (!deadbolt::parse_iso8601(since_text, since, ignored)) {
      std::fprintf(stderr, "deadbolt stats: --since %s is not a date\n", since_text.c_str());
      return kUsageError;
    }
    start_day = deadbolt::local_day(since, 0);  // a calendar date: its own day
  }
  std::vector<deadbolt::Attempt> log;
  if (!read_log(file, now_offset.value_or(0), log)) return kBadBlocklist;
  std::puts(deadbolt::stats_json(deadbolt::compute_stats(log, now, now_offset.value_or(0), start_day),
                                 deadbolt::tally_attempts(log))
                .c_str());
  return 0;
}

int check_command(const std::string& file, const std::vector<std::string>& urls) {
  Engine engine;
  if (!load_blocklist(file, engine)) return kBadBlocklist;
  if (!urls.empty()) {
    for (const std::string& url : urls) check_one(engine, url);
    return 0;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    check_one(engine, line);
  }
  return 0;
}

bool read_text(const std::string& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
}

int refused(const deadbolt::EditError& error) {
  std::fprintf(stderr, "deadbolt edit: %s: %s\n", error.code.c_str(), error.message.c_str());
  return 1;
}

int edited(const deadbolt::EditResult& r) {
  if (r.error) return refused(r.error);
  std::puts(deadbolt::serialize_blocklist(r.list).c_str());
  return 0;
}

// `args`: the operation and its arguments, --blocklist already taken.
int edit_command(const std::string& file, std::vector<std::string> args) {
  Engine engine;
  if (!load_blocklist(file, engine)) return kBadBlocklist;
  std::string platform, today;
  bool plan_only = false;
  std::vector<std::string> words;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--platform" && i + 1 < args.size()) platform = args[++i];
    else if (args[i] == "--today" && i + 1 < args.size()) today = args[++i];
    else if (args[i] == "--plan") plan_only = true;
    else words.push_back(args[i]);
  }
  const auto wants = [&](const char* op, std::size_t n) {
    return !words.empty() && words[0] == op && words.size() == n + 1;
  };
  const deadbolt::Blocklist& list = engine.blocklist();
  deadbolt::Identifier identifier;
  if (wants("add-account", 2))
    return edited(deadbolt::add_account(list, identifier, words[1], words[2], platform, today));
  if (wants("add-person", 1)) return edited(deadbolt::add_person(list, words[1]));
  if (wants("add-keyword", 2)) return edited(deadbolt::add_keyword(list, words[1], words[2]));
  if (wants("add-name", 2)) return edited(deadbolt::add_name(list, words[1], words[2]));
  for (auto [op, kind, n] : {std::tuple{"remove-person", deadbolt::ChangeKind::remove_person, 1u},
                             {"remove-account", deadbolt::ChangeKind::remove_account, 2u},
                             {"remove-keyword", deadbolt::ChangeKind::remove_keyword, 2u},
                             {"remove-name", deadbolt::ChangeKind::remove_name, 2u}}) {
    if (!wants(op, n)) continue;
    const auto plan = deadbolt::plan_removal(list, kind, words[1], n > 1 ? words[2] : std::string());
    if (plan.error) return refused(plan.error);
    return edited(deadbolt::apply_changes(list, {plan.change}));
  }
  if (wants("import", 1)) {
    std::string text;
    if (!read_text(words[1], text)) {
      std::fprintf(stderr, "deadbolt: %s: cannot read the file\n", words[1].c_str());
      return kBadBlocklist;
    }
    const auto plan = deadbolt::plan_import(list, identifier, text);
    if (plan.error) return refused(plan.error);
    if (!plan_only) return std::puts(deadbolt::serialize_blocklist(plan.merged).c_str()), 0;
    ojson added = ojson::array(), removals = ojson::array();
    for (const auto& a : plan.added) added.push_back(deadbolt::addition_json(a));
    for (const auto& c : plan.removals) removals.push_back(deadbolt::change_json(c));
    print(ojson{{"added", std::move(added)}, {"removals", std::move(removals)}});
    return 0;
  }
  if (wants("rows", 0)) {
    print(deadbolt::rows_json(deadbolt::list_rows(list, {})));
    return 0;
  }
  std::fputs("deadbolt edit: unknown operation or wrong number of arguments\n", stderr);
  usage(stderr);
  return kUsageError;
}

// One feed item: {"page": URL, "links": [href...], "authors": [href...],
// "attributes": {name: value}}; "authors" and "attributes" are optional (the
// content script sends what the feed table's selectors chose).
ojson item_line(deadbolt::ItemDecider& decider, const Engine& engine, const std::string& text) {
  ojson item;
  std::string error;
  ojson out;
  out["hide"] = false;
  if (!deadbolt::parse_json(text, item, error)) {
    out["error"] = error;
    return out;
  }
  if (!item.is_object()) {
    out["error"] = "not a JSON object";
    return out;
  }
  const auto page = item.find("page");
  if (page == item.end() || !page->is_string()) {
    out["error"] = "\"page\" is missing or not a string";
    return out;
  }
  for (const char* list : {"links", "authors"}) {
    const auto it = item.find(list);
    if (it != item.end() && !it->is_array()) {
      out["error"] = std::string("\"") + list + "\" is not an array";
      return out;
    }
  }
  const auto attributes = item.find("attributes");
  if (attributes != item.end() && !attributes->is_object()) {
    out["error"] = "\"attributes\" is not an object";
    return out;
  }
  if (!decider.begin(page->get_ref<const std::string&>())) {
    out["error"] = "\"page\" is not an http(s) URL";
    return out;
  }
  for (const char* list : {"authors", "links"}) {
    const auto it = item.find(list);
    if (it == item.end()) continue;
    for (const auto& href : *it)
      if (href.is_string()) decider.link(href.get_ref<const std::string&>(), list[0] == 'a');
  }
  if (attributes != item.end())
    for (const auto& [name, value] : attributes->items())
      if (value.is_string()) decider.attribute(name, value.get_ref<const std::string&>());
  const deadbolt::ItemVerdict& v = decider.verdict();
  out["hide"] = v.hide;
  out["person"] = v.hide ? ojson(engine.person_name(v.person)) : ojson(nullptr);
  out["platform"] = v.hide ? ojson(std::string(Catalog::get().platforms()[static_cast<std::size_t>(v.platform)].id))
                           : ojson(nullptr);
  out["handle"] = v.hide ? ojson(std::string(v.handle)) : ojson(nullptr);
  return out;
}

int items_command(const std::string& file, bool mentions) {
  Engine full;
  if (!load_blocklist(file, full)) return kBadBlocklist;
  // The feeds see only the people who asked to be hidden there.
  Engine engine;
  deadbolt::BlocklistError error;
  if (!engine.load(deadbolt::serialize_blocklist(deadbolt::feed_list(full.blocklist())), error)) {
    std::fprintf(stderr, "deadbolt: %s: %s\n", file.c_str(), error.to_string().c_str());
    return kBadBlocklist;
  }
  deadbolt::ItemDecider decider(engine);
  decider.set_mentions(mentions);
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    print(item_line(decider, engine, line));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    usage(args.empty() ? stderr : stdout);
    return args.empty() ? kUsageError : 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "parse") return parse_command(args);
  if (command == "stats") {
    std::string file, now, offset, since;
    for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
      if (args[i] == "--log") file = args[i + 1];
      else if (args[i] == "--now") now = args[i + 1];
      else if (args[i] == "--utc-offset") offset = args[i + 1];
      else if (args[i] == "--since") since = args[i + 1];
      else {
        std::fprintf(stderr, "deadbolt stats: unexpected '%s'\n", args[i].c_str());
        return kUsageError;
      }
    }
    if (file.empty() || now.empty() || args.size() % 2 != 0) {
      std::fputs("deadbolt stats: --log FILE and --now ISO8601 are required\n", stderr);
      return kUsageError;
    }
    return stats_command(file, now, offset, since);
  }
  if (command == "edit") {
    std::string file;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--blocklist" && i + 1 < args.size()) file = args[++i];
      else rest.push_back(args[i]);
    }
    if (file.empty()) {
      std::fputs("deadbolt edit: --blocklist FILE is required\n", stderr);
      return kUsageError;
    }
    return edit_command(file, rest);
  }
  if (command == "items") {
    std::string file;
    bool mentions = true;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--blocklist" && i + 1 < args.size()) file = args[++i];
      else if (args[i].rfind("--blocklist=", 0) == 0) file = args[i].substr(12);
      else if (args[i] == "--no-mentions") mentions = false;
      else {
        std::fprintf(stderr, "deadbolt items: unexpected '%s'\n", args[i].c_str());
        return kUsageError;
      }
    }
    if (file.empty()) {
      std::fputs("deadbolt items: --blocklist FILE is required\n", stderr);
      return kUsageError;
    }
    return items_command(file, mentions);
  }
  if (command == "check" || command == "rules") {
    std::string file;
    std::string block_page = "chrome-extension://deadbolt/extension/pages/blocked.html";
    std::vector<std::string> urls;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--blocklist" && i + 1 < args.size()) file = args[++i];
      else if (args[i].rfind("--blocklist=", 0) == 0) file = args[i].substr(12);
      else if (command == "rules" && args[i] == "--block-page" && i + 1 < args.size()) block_page = args[++i];
      else if (args[i] == "--") {
        urls.insert(urls.end(), args.begin() + static_cast<long>(i) + 1, args.end());
        break;
      } else urls.push_back(args[i]);
    }
    if (file.empty()) {
      std::fprintf(stderr, "deadbolt %s: --blocklist FILE is required\n", command.c_str());
      usage(stderr);
      return kUsageError;
    }
    if (command == "rules") {
      if (!urls.empty()) {
        std::fprintf(stderr, "deadbolt rules: unexpected argument '%s'\n", urls[0].c_str());
        return kUsageError;
      }
      return rules_command(file, block_page);
    }
    return check_command(file, urls);
  }
  std::fprintf(stderr, "deadbolt: unknown command '%s'\n", command.c_str());
  usage(stderr);
  return kUsageError;
}
