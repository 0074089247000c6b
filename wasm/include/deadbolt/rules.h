// Rule compiler: blocklist -> declarativeNetRequest rules that redirect a
// listed account's pages to the block page before any request is sent.
//
// A rule covers what a regular expression can say exactly: the platform's
// hosts and their allowed subdomains, the profile and story shapes of the
// catalog, id URLs, case-insensitive where the platform is. Whatever a rule
// matches, decide() blocks too (tests/core/rules_test.cpp holds them to
// that); what rules cannot see (percent-encoded paths, wrappers, searches,
// single-page-app navigations, and URLs carrying user info, "user:pw@", which
// the browser matches as written and whose pattern would not fit Chrome's
// regex budget) the shell's navigation listeners decide.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/blocklist.h"

namespace deadbolt {

struct CompiledRule {
  std::string regex;
  bool case_sensitive;  // always true: case-insensitive parts are wrapped in (?i:…)
  int person;
  int account;  // -1 for a name keyword's rule
  // The hosts the rule can match, as space-separated match patterns
  // ("*://*.instagram.com/*", or "<all_urls>" where the host is open): the
  // site access a redirect needs. Rules of the same site share one string.
  std::string origins;
};

// A rule that blocks the apps' own requests for a listed account (their
// JSON APIs and feeds: the catalog's "+api" shapes) in every resource type
// but the top-level page, which the navigation listeners take to the block
// page; sent by the platform's own pages only, where the catalog names them
// (`initiators`): any other page would learn from the failure that the
// account is listed, and is shown nothing by the answer. An embed or player
// ("+frame") is blocked as a frame on any page: framed, it shows the person.
// A urlFilter, not a regex: these do not draw on Chrome's 1,000 regex rules,
// only on the dynamic rule limit (kMaxFilterRules).
struct AppSpec;  // catalog.h

struct FilterRule {
  std::string url_filter;
  bool case_sensitive;  // false but for platforms whose handles differ by case
  int person;
  int account;
  const AppSpec* app = nullptr;  // initiatorDomains: its domains and clients; none (a frame): any page
  bool frame = false;            // sub_frame only
};

struct RuleSet {
  std::vector<CompiledRule> rules;
  std::vector<FilterRule> filters;
  std::size_t accounts_covered = 0;
  std::size_t accounts_skipped = 0;  // left to the navigation listeners: over budget
  std::size_t keywords_covered = 0;  // name keywords searched for on the major search engines
  std::size_t keywords_skipped = 0;
  std::size_t filters_skipped = 0;  // accounts whose endpoint filters did not fit
};

// Chrome allows 1,000 regex rules per extension (dynamic + session). Some
// room is kept for the shell's own rules.
inline constexpr std::size_t kMaxRegexRules = 990;

// Dynamic rules of every kind: Chrome allows 30,000 (5,000 before Chrome
// 121), Firefox 5,000. The filter rules stay within the smaller, beside the
// regex rules.
inline constexpr std::size_t kMaxFilterRules = 4000;

// Appends the filter rules for one account's endpoint shapes ("+api",
// "+frame"), of `person` and its account `index`: for compile_rules.
void endpoint_filters(const Account& account, int person, int index, std::vector<FilterRule>& out);

// Compiles rules for the accounts and name keywords in list order (the first
// people listed are the ones that matter most), stopping before an account
// whose rules would not all fit in `max_rules`; then, in the room left, for
// the keywords' possessives ("Jane Doe's").
RuleSet compile_rules(const Blocklist& list, std::size_t max_rules = kMaxRegexRules,
                      std::size_t max_filters = kMaxFilterRules);

// What a regex costs in RE2 program instructions, estimated from above.
int regex_cost(std::string_view regex);

// The distinct `origins` strings of the rules, in first-seen order.
std::vector<std::string> rule_origins(const RuleSet& rules);

// Whether rule `r` blocks instead of redirecting: its site access is one of
// the `withheld` groups (see rules_json). Rule ids follow it (rule_ids.h).
inline bool blocks_instead(const CompiledRule& r, const std::vector<std::string>& withheld) {
  return std::find(withheld.begin(), withheld.end(), r.origins) != withheld.end();
}

// The rules as the JSON array chrome.declarativeNetRequest.updateDynamicRules
// takes: each redirects to `block_page` + "#" + the original URL, except the
// rules whose `origins` is one of `withheld`: those block instead. A browser
// drops a redirect it lacks site access for (and with it the request's only
// matching rule), while a block needs none; the shell's navigation listener
// then shows the block page. Then the filter rules, each blocking its requests.
std::string rules_json(const RuleSet& rules, std::string_view block_page, int first_id = 1,
                       const std::vector<std::string>& withheld = {});
// The same with the ids RuleIds gave them (rule_ids.h); a rule whose id is 0
// (compiled twice) is left out.
std::string rules_json(const RuleSet& rules, std::string_view block_page, const std::vector<int>& ids,
                       const std::vector<std::string>& withheld);
// Only the rules at positions `which` (an edit's added rules).
std::string rules_json(const RuleSet& rules, std::string_view block_page, const std::vector<int>& ids,
                       const std::vector<std::size_t>& which, const std::vector<std::string>& withheld);

}  // namespace deadbolt
