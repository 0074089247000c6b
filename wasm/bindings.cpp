// The embind surface of the core: the only C++ that knows about JavaScript.
// Strings cross as UTF-8; structured results cross as JSON text, which the
// shell parses once (extension/core.js). The hot call, decide(), returns a
// number so that the common "allow" costs no JSON at all.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdint>

#include "deadbolt/decide.h"
#include "deadbolt/items.h"
#include "deadbolt/profile_input.h"
#include "deadbolt/rules.h"
#include "deadbolt/stats.h"

namespace {

using deadbolt::Catalog;
using ojson = nlohmann::ordered_json;

ojson identity_json(const deadbolt::Identity& id) {
  ojson j;
  const bool found = id.found() && id.platform >= 0;
  const auto* p = found ? &Catalog::get().platforms()[static_cast<std::size_t>(id.platform)] : nullptr;
  j["platform"] = p ? ojson(std::string(p->id)) : ojson(nullptr);
  j["platformName"] = p ? ojson(std::string(p->name)) : ojson(nullptr);
  j["handle"] = found && !id.handle.empty() ? ojson(std::string(id.handle)) : ojson(nullptr);
  j["kind"] = id.found() ? ojson(std::string(deadbolt::kind_name(id.attempt()))) : ojson(nullptr);
  return j;
}

class Core {
 public:
  // Loads a v1 blocklist; returns "" on success, else the error in words
  // (the current list stays).
  std::string load(const std::string& json) {
    deadbolt::BlocklistError error;
    return engine_.load(json, error) ? std::string() : error.to_string();
  }

  // 1 to block, 0 to allow, for a string passed through embind.
  int decide(const std::string& url) { return engine_.decide(url).block ? 1 : 0; }

  // The hot path, without embind's string conversion: JavaScript encodes the
  // URL straight into this buffer (TextEncoder.encodeInto) and calls
  // deadbolt_decide_input() below. No allocation once the buffer is warm.
  char* input_buffer(std::size_t bytes) {
    if (input_.size() < bytes) input_.resize(bytes);
    return input_.data();
  }
  int decide_input(std::size_t bytes) {
    return engine_.decide(std::string_view(input_.data(), std::min(bytes, input_.size()))).block ? 1 : 0;
  }
  // This object's address, for the two C entry points below.
  std::uintptr_t address() { return reinterpret_cast<std::uintptr_t>(this); }

  // The verdict with its details, for a URL that decide() blocked.
  std::string decideJson(const std::string& url) {
    const deadbolt::Verdict& v = engine_.decide(url);
    ojson j;
    j["verdict"] = v.block ? "block" : "allow";
    j.update(identity_json(v.identity));
    j["person"] = v.person >= 0 ? ojson(engine_.person_name(v.person)) : ojson(nullptr);
    j["personIndex"] = v.person;
    return deadbolt::dump_json(j);
  }

  // The URL model's reading of a URL: {host, path, query} or null. For the
  // differential test against the browser's own parser.
  std::string parseUrl(const std::string& url) {
    deadbolt::UrlParser parser;
    deadbolt::Url parsed;
    if (!parser.parse(url, parsed)) return "null";
    ojson j;
    j["host"] = std::string(parsed.host);
    j["path"] = std::string(parsed.path);
    j["query"] = parsed.has_query ? ojson(std::string(parsed.query)) : ojson(nullptr);
    return deadbolt::dump_json(j);
  }

  // What a URL shows, listed or not: {platform, platformName, handle, kind}.
  std::string identify(const std::string& url) {
    deadbolt::Identity id;
    engine_.identify(url, id);
    return deadbolt::dump_json(identity_json(id));
  }

  // "Add a profile": {platform, platformName, handle, error}.
  std::string readProfile(const std::string& text, const std::string& platform) {
    deadbolt::Identifier identifier;
    const deadbolt::ProfileInput in = deadbolt::read_profile_input(identifier, text, platform);
    ojson j;
    const auto* p = in.ok() ? &Catalog::get().platforms()[static_cast<std::size_t>(in.platform)] : nullptr;
    j["platform"] = p ? ojson(std::string(p->id)) : ojson(nullptr);
    j["platformName"] = p ? ojson(std::string(p->name)) : ojson(nullptr);
    j["handle"] = in.ok() ? ojson(in.handle) : ojson(nullptr);
    j["error"] = in.ok() ? ojson(nullptr) : ojson(in.error);
    j["errorCode"] = in.ok() ? ojson(nullptr) : ojson(in.error_code);
    if (in.error_code == "bad-handle") {
      // What the platform accepts, for the page to say in the person's language.
      const auto& spec = Catalog::get().platforms()[static_cast<std::size_t>(in.platform)];
      j["rule"] = {{"platformName", std::string(spec.name)},
                   {"chars", std::string(spec.handle_chars)},
                   {"min", spec.min_len},
                   {"max", spec.max_len},
                   {"federated", (spec.flags & deadbolt::kFederated) != 0},
                   {"numeric", (spec.flags & deadbolt::kNumeric) != 0}};
    }
    return deadbolt::dump_json(j);
  }

  // declarativeNetRequest rules for the loaded list, redirecting to
  // `blockPage`: {"covered": n, "skipped": n, "rules": [...]}.
  std::string rules(const std::string& block_page) {
    const deadbolt::RuleSet set = deadbolt::compile_rules(engine_.blocklist());
    return "{\"covered\":" + std::to_string(set.accounts_covered) + ",\"skipped\":" +
           std::to_string(set.accounts_skipped) + ",\"rules\":" + deadbolt::rules_json(set, block_page) + "}";
  }

  // Stats of the attempt log (tab-separated, see parse_attempts_tsv) as JSON.
  // `start_day` < -1e15 when no start date is set.
  std::string stats(const std::string& log, double now_ms, int now_offset_min, double start_day) {
    const auto attempts = deadbolt::parse_attempts_tsv(log);
    std::optional<std::int64_t> start;
    if (start_day > -1e15) start = static_cast<std::int64_t>(start_day);
    return deadbolt::stats_json(
        deadbolt::compute_stats(attempts, static_cast<std::int64_t>(now_ms), now_offset_min, start));
  }

  // The local day number of a time, as the stats count days.
  double localDay(double time_ms, int offset_min) {
    return static_cast<double>(deadbolt::local_day(static_cast<std::int64_t>(time_ms), offset_min));
  }

  // The canonical key of an account ("instagram:janedoe"), "" if not valid:
  // two accounts are the same account when their keys are equal.
  std::string accountKey(const std::string& platform, const std::string& handle) {
    const int p = Catalog::get().platform_index(platform);
    if (p < 0) return {};
    deadbolt::Capture capture;
    std::string normal;
    if (!deadbolt::normalise_handle(Catalog::get(), p, handle, capture, normal)) return {};
    return engine_.account_key(p, capture, normal);
  }

  // The decision index as text, and back (see Engine::snapshot).
  std::string snapshot() { return engine_.snapshot(); }
  bool loadSnapshot(const std::string& text) { return engine_.load_snapshot(text); }
  bool hasFullList() { return engine_.has_full_list(); }

  // The decision index of the feed list (the people hidden in feeds) for the
  // content scripts; "" when only a snapshot is loaded (no list to read).
  std::string feedIndex() {
    if (!engine_.has_full_list()) return {};
    deadbolt::Engine feeds;
    deadbolt::BlocklistError error;
    if (!feeds.load(deadbolt::serialize_blocklist(deadbolt::feed_list(engine_.blocklist())), error)) return {};
    return feeds.snapshot();
  }

  // The loaded list as v1 JSON, unknown fields included.
  std::string exportList() { return deadbolt::serialize_blocklist(engine_.blocklist()); }

  // Every platform a person can list: [{id, name}].
  std::string platforms() {
    ojson list = ojson::array();
    for (const auto& p : Catalog::get().platforms())
      if (!(p.flags & deadbolt::kSearchEngine)) list.push_back({{"id", std::string(p.id)}, {"name", std::string(p.name)}});
    return deadbolt::dump_json(list);
  }

 private:
  deadbolt::Engine engine_;
  std::string input_;
};

}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE char* deadbolt_input_buffer(Core* core, std::size_t bytes) { return core->input_buffer(bytes); }
EMSCRIPTEN_KEEPALIVE int deadbolt_decide_input(Core* core, std::size_t bytes) { return core->decide_input(bytes); }
}

EMSCRIPTEN_BINDINGS(deadbolt) {
  emscripten::class_<Core>("Core")
      .constructor<>()
      .function("load", &Core::load)
      .function("decide", &Core::decide)
      .function("address", &Core::address)
      .function("decideJson", &Core::decideJson)
      .function("identify", &Core::identify)
      .function("parseUrl", &Core::parseUrl)
      .function("readProfile", &Core::readProfile)
      .function("rules", &Core::rules)
      .function("exportList", &Core::exportList)
      .function("stats", &Core::stats)
      .function("localDay", &Core::localDay)
      .function("accountKey", &Core::accountKey)
      .function("snapshot", &Core::snapshot)
      .function("feedIndex", &Core::feedIndex)
      .function("loadSnapshot", &Core::loadSnapshot)
      .function("hasFullList", &Core::hasFullList)
      .function("platforms", &Core::platforms);
}
