// deadbolt: the command-line face of the core (contract in DESIGN.md §3).
//
//   deadbolt parse URL...                       one JSON object per URL
//   deadbolt check --blocklist FILE [URL...]    URLs from arguments or stdin
//   deadbolt rules --blocklist FILE [--block-page URL]
//                                               declarativeNetRequest rules, a JSON array
//
// Exit status: 0 when every URL got its line, 2 when the blocklist cannot be
// used (one line on stderr names the file and what is wrong), 64 on misuse.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "deadbolt/decide.h"
#include "deadbolt/rules.h"

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
      "       deadbolt rules --blocklist FILE [--block-page URL]\n",
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
    std::fprintf(stderr, "deadbolt: %zu accounts have no rule (over Chrome's %zu regex rules); the navigation "
                 "listeners still block them\n", rules.accounts_skipped, deadbolt::kMaxRegexRules);
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
  if (command == "check" || command == "rules") {
    std::string file;
    std::string block_page = "chrome-extension://deadbolt/extension/pages/blocked.html";
    std::vector<std::string> urls;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i] == "--blocklist" && i + 1 < args.size()) file = args[++i];
      else if (args[i].rfind("--blocklist=", 0) == 0) file = args[i].substr(12);
      else if (command == "rules" && args[i] == "--block-page" && i + 1 < args.size()) block_page = args[++i];
      else if (args[i] == "--") { urls.insert(urls.end(), args.begin() + static_cast<long>(i) + 1, args.end()); break; }
      else urls.push_back(args[i]);
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
