// libFuzzer: list editing on any bytes. The input is what a person types
// ("Add a profile", a keyword) up to the first newline, then a file to
// import. Every edit is either refused with a code and a reason, or gives a
// list that loads again; an import merged once adds nothing the second time.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "deadbolt/editing.h"

namespace {

deadbolt::Blocklist load(const std::string& text) {
  deadbolt::Identifier identifier;
  deadbolt::Blocklist list;
  deadbolt::BlocklistError error;
  if (!deadbolt::parse_blocklist(text, identifier, list, error)) std::abort();
  return list;
}

// A result must be a refusal that says why, or a list that loads back.
void check(const deadbolt::EditResult& r) {
  if (r.error) {
    if (r.error.message.empty()) std::abort();
    return;
  }
  (void)load(deadbolt::serialize_blocklist(r.list));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const deadbolt::Blocklist base = load(
      R"({"version":1,"people":[{"name":"Jane Doe","keywords":["Jane Doe"],"names":["Janey"],
    "accounts":[{"platform":"instagram","handle":"janedoe"},{"url":"https://www.facebook.com/profile.php?id=100012345678901"}]}]})");
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string typed = input.substr(0, newline);
  const std::string file = newline == std::string::npos ? std::string() : input.substr(newline + 1);
  deadbolt::Identifier identifier;

  check(deadbolt::add_account(base, identifier, "Jane Doe", typed, "", "2026-12-01"));
  check(deadbolt::add_account(base, identifier, typed, typed, "instagram", ""));
  check(deadbolt::add_person(base, typed));
  check(deadbolt::add_keyword(base, "Jane Doe", typed));
  check(deadbolt::add_name(base, "Jane Doe", typed));
  for (auto kind : {deadbolt::ChangeKind::remove_person, deadbolt::ChangeKind::remove_account,
                    deadbolt::ChangeKind::remove_keyword, deadbolt::ChangeKind::remove_name}) {
    const deadbolt::ChangePlan plan = deadbolt::plan_removal(base, kind, typed, typed);
    if (plan.error) continue;
    deadbolt::Change back;
    if (!deadbolt::parse_change(deadbolt::change_json(plan.change), back)) std::abort();
    check(deadbolt::apply_changes(base, {back}));
  }

  const deadbolt::ImportPlan plan = deadbolt::plan_import(base, identifier, file);
  if (plan.error) {
    if (plan.error.message.empty()) std::abort();
    return 0;
  }
  const deadbolt::Blocklist merged = load(deadbolt::serialize_blocklist(plan.merged));
  const deadbolt::ImportPlan again = deadbolt::plan_import(merged, identifier, deadbolt::serialize_blocklist(merged));
  if (again.error || !again.added.empty() || !again.removals.empty()) std::abort();
  (void)deadbolt::rows_json(deadbolt::list_rows(merged, {}, plan.removals));
  return 0;
}
