// The embind surface of the core: the only C++ that knows about JavaScript.
// Strings cross as UTF-8; structured requests and results cross as JSON text
// (one object each way, described at each function), which the shell makes
// and parses once (extension/core.js). This core decides nothing: it holds
// the whole list, edits it, compiles its rules, counts stats and writes the
// snapshot that the decider (exports.cpp), which every context holds,
// decides with.
#include <emscripten/bind.h>

#include <cstdint>
#include <optional>
#include <utility>

#include "deadbolt/decide.h"
#include "deadbolt/editing.h"
#include "deadbolt/feed_list.h"
#include "deadbolt/inbox.h"
#include "deadbolt/items.h"
#include "deadbolt/profile_input.h"
#include "deadbolt/rule_ids.h"
#include "deadbolt/rules.h"
#include "deadbolt/stats.h"
#include "deadbolt/text.h"

namespace {

using deadbolt::Catalog;
using ojson = nlohmann::ordered_json;

// A list edit's answer: {"changed": bool, ...} or {"error": English,
// "errorCode": code}. The new list itself travels beside it (Core::commit).
ojson edit_json(const deadbolt::EditResult& r) {
  ojson j;
  if (r.error) {
    j["error"] = r.error.message;
    j["errorCode"] = r.error.code;
    return j;
  }
  j["changed"] = r.changed;
  return j;
}

// A member of a JSON request, or null when it has none.
const ojson& member(const ojson& obj, const char* key) {
  static const ojson missing;
  if (!obj.is_object()) return missing;
  const auto it = obj.find(key);
  return it == obj.end() ? missing : *it;
}

// Parses a JSON request; a request that is not JSON (a shell bug) reads as null.
ojson request(const std::string& text) {
  ojson j;
  std::string error;
  if (!deadbolt::parse_json(text, j, error)) return nullptr;
  return j;
}

class Core {
 public:
  // Loads a v1 blocklist; returns "" on success, else the error in words
  // (the current list stays).
  std::string load(const std::string& json) {
    previous_.reset();
    deadbolt::BlocklistError error;
    return engine_.load(json, error) ? std::string() : error.to_string();
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
  // `blockPage`: {"covered": n, "skipped": n, "rules": [...], "origins":
  // [{patterns, domains}, ...]}. `origins` lists the site access each group
  // of rules needs; `withheld` (a JSON array of such groups' `patterns`)
  // names the groups the browser has not granted: their rules block instead.
  // Both are kept for the rules an edit answers.
  std::string rules(const std::string& block_page, const std::string& withheld) {
    setBlockPage(block_page);
    withheld_.clear();
    if (const ojson groups = request(withheld); groups.is_array())
      for (const ojson& group : groups) {
        if (!group.is_array()) continue;
        std::string joined;
        for (const ojson& pattern : group)
          if (pattern.is_string()) joined += (joined.empty() ? "" : " ") + pattern.get<std::string>();
        withheld_.push_back(std::move(joined));
      }
    return rules_answer(false);
  }

  // Stats of the attempt log. Request: {"log": [{t, o, person, platform,
  // kind}], "nowMs": number, "offsetMin": minutes east of UTC, "startDate":
  // "YYYY-MM-DD" | null}. Answer: stats_json(), or {"error"} for a request
  // that is not one.
  std::string stats(const std::string& text) {
    const ojson req = request(text);
    std::vector<deadbolt::Attempt> log;
    std::size_t bad = 0;
    const ojson& now = member(req, "nowMs");
    const ojson& offset = member(req, "offsetMin");
    const ojson& start_date = member(req, "startDate");
    if (!now.is_number() || !deadbolt::parse_attempts_json(member(req, "log"), 0, log, bad))
      return R"({"error":"not a stats request"})";
    std::optional<std::int64_t> start;
    if (start_date.is_string()) {
      std::int64_t t = 0;
      std::optional<std::int32_t> ignored;
      if (deadbolt::parse_iso8601(start_date.get_ref<const std::string&>(), t, ignored))
        start = deadbolt::local_day(t, 0);
    }
    return deadbolt::stats_json(
        deadbolt::compute_stats(log, static_cast<std::int64_t>(now.get<double>()),
                                offset.is_number_integer() ? offset.get<std::int32_t>() : 0, start),
        deadbolt::tally_attempts(log));
  }

  // ---- List editing (see editing.h), on the loaded list ---------------------
  // One crossing per edit: each applies the edit to the list this core
  // holds and, when the list changed, re-indexes the result in place (no
  // text written and parsed back) and answers commit(): everything the
  // shell stores and installs. undo() puts the list before it back (the
  // shell could not store the new one).

  // The block page the compiled rules redirect to.
  void setBlockPage(const std::string& url) {
    if (url != block_page_) rule_ids_.forget();  // every rule's JSON changes
    block_page_ = url;
  }

  // Request: {"person", "text", "platform", "today": "YYYY-MM-DD"}; the answer
  // also has "added": {person, platform, platformName, handle}.
  emscripten::val addAccount(const std::string& text) {
    const ojson req = request(text);
    deadbolt::Identifier identifier;
    auto r = deadbolt::add_account(engine_.blocklist(), identifier, field(req, "person"), field(req, "text"),
                                   field(req, "platform"), field(req, "today"));
    ojson j = edit_json(r);
    if (!r.error) {
      ojson added = {{"person", r.person}};
      added.update(platform_json(r.platform));
      added["handle"] = r.handle;
      j["added"] = std::move(added);
    } else if (const ojson read = request(readProfile(field(req, "text"), field(req, "platform")));
               member(read, "errorCode").is_string() &&
               member(read, "errorCode").get_ref<const std::string&>() == r.error.code) {
      // The input's own reading (with the platform's handle rule), so that
      // the page says what is wrong in the person's language.
      j.update(read);
    }
    return commit(std::move(j), std::move(r));
  }
  emscripten::val addPerson(const std::string& name) {
    auto r = deadbolt::add_person(engine_.blocklist(), name);
    return commit(edit_json(r), std::move(r));
  }
  emscripten::val addKeyword(const std::string& person, const std::string& keyword) {
    auto r = deadbolt::add_keyword(engine_.blocklist(), person, keyword);
    return commit(edit_json(r), std::move(r));
  }
  // A name they are saved under ("names"): inbox rows showing it are sealed.
  emscripten::val addName(const std::string& person, const std::string& name) {
    auto r = deadbolt::add_name(engine_.blocklist(), person, name);
    return commit(edit_json(r), std::move(r));
  }

  // Hides a person in feeds again, at once.
  emscripten::val feedsOn(const std::string& person) {
    auto r = deadbolt::feeds_on(engine_.blocklist(), person);
    return commit(edit_json(r), std::move(r));
  }

  // Closes a co-parent's open channel at once.
  emscripten::val closeChannel(const std::string& person) {
    auto r = deadbolt::close_channel(engine_.blocklist(), person);
    return commit(edit_json(r), std::move(r));
  }

  // Request: {"kind": "remove-person"|"remove-account"|"remove-keyword"|"remove-name"|"coparent",
  // "person", "key"? (an account row's key), "keyword"?, "name"?, "channel"? (coparent)}. Answer: {"change":
  // change_json()} to keep through the cool-down, or {"error", "errorCode"}.
  std::string planRemoval(const std::string& text) {
    const ojson req = request(text);
    deadbolt::Change wanted;
    if (!deadbolt::parse_change(req, wanted)) return R"({"error":"unknown change","errorCode":"bad-change"})";
    const auto plan = wanted.kind == deadbolt::ChangeKind::open_channel
                          ? deadbolt::plan_open_channel(engine_.blocklist(), wanted.person, wanted.channel)
                      : wanted.kind == deadbolt::ChangeKind::feeds_off
                          ? deadbolt::plan_feeds_off(engine_.blocklist(), wanted.person)
                          : deadbolt::plan_removal(engine_.blocklist(), wanted.kind, wanted.person,
                                                   wanted.kind == deadbolt::ChangeKind::remove_keyword ? wanted.keyword
                                                   : wanted.kind == deadbolt::ChangeKind::remove_name  ? wanted.name
                                                                                                       : wanted.key);
    if (plan.error) return deadbolt::dump_json(ojson{{"error", plan.error.message}, {"errorCode", plan.error.code}});
    return deadbolt::dump_json(ojson{{"change", deadbolt::change_json(plan.change)}});
  }

  // Request: [change_json(), ...] whose cool-down is over (other members and
  // entries that are not list changes are ignored).
  emscripten::val applyChanges(const std::string& text) {
    const ojson req = request(text);
    std::vector<deadbolt::Change> changes;
    if (req.is_array())
      for (const auto& entry : req)
        if (deadbolt::Change c; deadbolt::parse_change(entry, c)) changes.push_back(std::move(c));
    auto r = deadbolt::apply_changes(engine_.blocklist(), changes);
    return commit(edit_json(r), std::move(r));
  }

  // Applies what importing `text` adds (planImport's "added"); its answer also
  // has "added" and "removals" as planImport's.
  emscripten::val importList(const std::string& text) {
    deadbolt::Identifier identifier;
    auto plan = deadbolt::plan_import(engine_.blocklist(), identifier, text);
    deadbolt::EditResult r;
    r.error = plan.error;
    r.changed = !plan.error;
    r.list = std::move(plan.merged);
    ojson j = edit_json(r);
    if (!plan.error) j.update(import_json(plan));
    return commit(std::move(j), std::move(r));
  }

  void undo() {
    if (previous_) engine_.load(std::move(*previous_));
    previous_.reset();
  }

  // What importing `text` would do, the loaded list unchanged: {"added":
  // [addition_json()], "removals": [change_json()]} or {"error": "$.path:
  // what is wrong", "errorCode": "bad-list"}.
  std::string planImport(const std::string& text) {
    deadbolt::Identifier identifier;
    const auto plan = deadbolt::plan_import(engine_.blocklist(), identifier, text);
    if (plan.error) return deadbolt::dump_json(ojson{{"error", plan.error.message}, {"errorCode", plan.error.code}});
    return deadbolt::dump_json(import_json(plan));
  }

  // The settings page's rows: [{name, removalPending, keywords: [{text,
  // removalPending}], accounts: [{key, platform, platformName, handle, added,
  // url, attempts, removalPending}]}]. Request: {"log": the attempt log as
  // for stats(), "pending": the stored pending changes}.
  std::string listRows(const std::string& text) {
    const ojson req = request(text);
    std::vector<deadbolt::Attempt> log;
    std::vector<deadbolt::Change> pending;
    std::size_t bad = 0;
    deadbolt::parse_attempts_json(member(req, "log"), 0, log, bad);
    if (const ojson& stored = member(req, "pending"); stored.is_array())
      for (const auto& entry : stored)
        if (deadbolt::Change c; deadbolt::parse_change(entry, c)) pending.push_back(std::move(c));
    return deadbolt::dump_json(deadbolt::rows_json(deadbolt::list_rows(engine_.blocklist(), log, pending)));
  }

  // The decision index as a binary image (a Uint8Array over wasm memory,
  // valid until the next call: copy it). This core is made only by loading
  // a whole list (there is no way to give it a snapshot): its rules() can
  // never come from an empty list by mistake. Snapshots are for the decider.
  emscripten::val snapshot() {
    snapshot_ = engine_.snapshot();
    return view(snapshot_);
  }

  // The decision index of the feed list (the people hidden in feeds) for the
  // content scripts. A view valid until the next call, as snapshot()'s.
  emscripten::val feedIndex() {
    feed_index_ = feed_snapshot();
    return view(feed_index_);
  }

  // The decision index of the inbox list (everyone, with the extra names
  // the user gave them) for the inbox content script; as feedIndex().
  emscripten::val inboxIndex() {
    inbox_index_ = inbox_snapshot();
    return view(inbox_index_);
  }

  // The loaded list as v1 JSON, unknown fields included.
  std::string exportList() { return deadbolt::serialize_blocklist(engine_.blocklist()); }

  // The channels a co-parent may keep open: ["email", "whatsapp", …].
  std::string coparentChannels() {
    ojson list = ojson::array();
    for (std::string_view c : deadbolt::kCoparentChannels) list.push_back(std::string(c));
    return deadbolt::dump_json(list);
  }

  // Every platform a person can list: [{id, name}].
  std::string platforms() {
    ojson list = ojson::array();
    for (const auto& p : Catalog::get().platforms())
      if (!(p.flags & deadbolt::kSearchEngine))
        list.push_back({{"id", std::string(p.id)}, {"name", std::string(p.name)}});
    return deadbolt::dump_json(list);
  }

 private:
  static emscripten::val view(const std::string& bytes) {
    return emscripten::val(
        emscripten::typed_memory_view(bytes.size(), reinterpret_cast<const unsigned char*>(bytes.data())));
  }

  // Everyone hidden in feeds (as they are unless the person chose otherwise):
  // the feed list is the list itself, and its index the snapshot.
  bool feed_list_is_the_list() const {
    const auto& people = engine_.blocklist().people;
    return std::all_of(people.begin(), people.end(), deadbolt::hidden_in_feeds);
  }
  std::string feed_snapshot() const {
    if (feed_list_is_the_list()) return engine_.snapshot();
    deadbolt::Engine feeds;
    feeds.load(deadbolt::feed_list(engine_.blocklist()));
    return feeds.snapshot();
  }

  std::string inbox_snapshot() const {
    deadbolt::Engine inbox;
    inbox.load(deadbolt::inbox_list(engine_.blocklist()));
    return inbox.snapshot();
  }

  // The rules of the list held, compiled now: {"covered", "skipped",
  // "keywordsCovered", "keywordsSkipped", "filters", "origins" (each group's
  // match patterns and domains as a person reads them, "" for any site),
  // then either the whole set ("version", "rules") or, for an edit, what
  // changed since the set handed out last ("from", "to", "removeRuleIds",
  // "addRules"): ids are stable (rule_ids.h), so that is a rule or four.
  std::string rules_answer(bool change) {
    const deadbolt::RuleSet set = deadbolt::compile_rules(engine_.blocklist());
    const deadbolt::RuleAssignment ids = rule_ids_.assign(set, withheld_);
    ojson origins = ojson::array();
    for (const std::string& group : deadbolt::rule_origins(set)) {
      ojson patterns = ojson::array(), domains = ojson::array();
      deadbolt::for_each_word(group, [&](std::string_view p) {
        patterns.push_back(std::string(p));
        constexpr std::string_view kAny = "*://*.";
        domains.push_back(p.substr(0, kAny.size()) == kAny
                              ? std::string(p.substr(kAny.size(), p.size() - kAny.size() - 2))
                              : std::string());
      });
      origins.push_back({{"patterns", std::move(patterns)}, {"domains", std::move(domains)}});
    }
    std::string out = "{\"covered\":" + std::to_string(set.accounts_covered) +
                      ",\"skipped\":" + std::to_string(set.accounts_skipped) +
                      ",\"keywordsCovered\":" + std::to_string(set.keywords_covered) +
                      ",\"keywordsSkipped\":" + std::to_string(set.keywords_skipped) +
                      ",\"filters\":" + std::to_string(set.filters.size()) +
                      ",\"origins\":" + deadbolt::dump_json(origins);
    if (!change)
      return out + ",\"version\":" + std::to_string(ids.to) +
             ",\"rules\":" + deadbolt::rules_json(set, block_page_, ids.ids, withheld_) + "}";
    out += ",\"from\":" + std::to_string(ids.from) + ",\"to\":" + std::to_string(ids.to) + ",\"removeRuleIds\":[";
    for (std::size_t i = 0; i < ids.removed.size(); ++i) out += (i ? "," : "") + std::to_string(ids.removed[i]);
    return out + "],\"addRules\":" + deadbolt::rules_json(set, block_page_, ids.ids, ids.added, withheld_) + "}";
  }

  static ojson import_json(const deadbolt::ImportPlan& plan) {
    ojson added = ojson::array(), removals = ojson::array();
    for (const auto& a : plan.added) added.push_back(deadbolt::addition_json(a));
    for (const auto& c : plan.removals) removals.push_back(deadbolt::change_json(c));
    return ojson{{"added", std::move(added)}, {"removals", std::move(removals)}};
  }

  // An edit's one answer: {answer: JSON text}, and when the list changed,
  // also {list: v1 text, snapshot, feedIndex, inboxIndex (Uint8Array views
  // valid until the next call), rules: rules() JSON}, with the new list held
  // and indexed. The inbox index changes alone when a saved name does.
  emscripten::val commit(ojson answer, deadbolt::EditResult&& r) {
    emscripten::val out = emscripten::val::object();
    out.set("answer", deadbolt::dump_json(answer));
    if (r.error || !r.changed) return out;
    previous_ = engine_.blocklist();
    engine_.load(std::move(r.list));
    snapshot_ = engine_.snapshot();
    feed_index_ = feed_list_is_the_list() ? snapshot_ : feed_snapshot();
    // Without saved names the inbox list is the list itself: its index is the snapshot.
    const auto& people = engine_.blocklist().people;
    inbox_index_ = std::any_of(people.begin(), people.end(), [](const auto& p) { return !p.names.empty(); })
                       ? inbox_snapshot()
                       : snapshot_;
    // Stored without indentation: half the bytes to write on every edit, and
    // twice the list fits the browser's sync quota. exportList() is for people.
    out.set("list", deadbolt::serialize_blocklist(engine_.blocklist(), -1));
    out.set("rules", rules_answer(true));
    // The views last: any allocation after them may grow wasm memory, which
    // detaches every view already made (a large list did, here).
    out.set("snapshot", view(snapshot_));
    out.set("feedIndex", view(feed_index_));
    out.set("inboxIndex", view(inbox_index_));
    return out;
  }

  static std::string field(const ojson& req, const char* key) {
    const ojson& v = member(req, key);
    return v.is_string() ? v.get<std::string>() : std::string();
  }
  static ojson platform_json(int platform) {
    const auto* p = platform >= 0 ? &Catalog::get().platforms()[static_cast<std::size_t>(platform)] : nullptr;
    return {{"platform", p ? ojson(std::string(p->id)) : ojson(nullptr)},
            {"platformName", p ? ojson(std::string(p->name)) : ojson(nullptr)}};
  }

  deadbolt::Engine engine_;
  std::string snapshot_;
  std::string feed_index_;
  std::string inbox_index_;
  std::string block_page_;
  std::vector<std::string> withheld_;            // rule groups without site access: block rules (see rules())
  deadbolt::RuleIds rule_ids_;                   // the rules' ids, stable from one edit to the next
  std::optional<deadbolt::Blocklist> previous_;  // the list before the last edit, for undo()
};

}  // namespace

EMSCRIPTEN_BINDINGS(deadbolt) {
  emscripten::class_<Core>("Core")
      .constructor<>()
      .function("load", &Core::load)
      .function("readProfile", &Core::readProfile)
      .function("rules", &Core::rules)
      .function("exportList", &Core::exportList)
      .function("stats", &Core::stats)
      .function("addAccount", &Core::addAccount)
      .function("addPerson", &Core::addPerson)
      .function("addKeyword", &Core::addKeyword)
      .function("addName", &Core::addName)
      .function("planRemoval", &Core::planRemoval)
      .function("closeChannel", &Core::closeChannel)
      .function("feedsOn", &Core::feedsOn)
      .function("applyChanges", &Core::applyChanges)
      .function("planImport", &Core::planImport)
      .function("importList", &Core::importList)
      .function("setBlockPage", &Core::setBlockPage)
      .function("undo", &Core::undo)
      .function("listRows", &Core::listRows)
      .function("snapshot", &Core::snapshot)
      .function("feedIndex", &Core::feedIndex)
      .function("inboxIndex", &Core::inboxIndex)
      .function("platforms", &Core::platforms)
      .function("coparentChannels", &Core::coparentChannels);
}
