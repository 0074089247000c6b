// List editing: the person's intent applied to a v1 list, in the core.
#include <gtest/gtest.h>

#include <algorithm>

#include "deadbolt/editing.h"
#include "deadbolt/feed_list.h"
#include "deadbolt/items.h"
#include "list_support.h"

namespace deadbolt {
namespace {

Blocklist parse(const std::string& json) { return test::parse_list(json); }
using test::exported;

const char* kJane = R"({"version":1,"theme":"dusk","people":[{"name":"Jane Doe","note":"kept","keywords":["Jane Doe"],
  "accounts":[{"platform":"instagram","handle":"janedoe","added":"2026-11-01","colour":"red"},
              {"url":"https://www.facebook.com/profile.php?id=100012345678901"}]}]})";

// An account added by a link that names it by id (a YouTube channel's UC…,
// a Facebook profile number) is read back from the stored list as a handle
// after a restart: a removal planned now still finds it when it is due, and
// the same link is already listed then.
TEST(Editing, AnAccountAddedByItsIdLinkIsFoundAgainAfterTheListIsStoredAndReadBack) {
  Identifier identifier;
  for (const char* link : {"https://www.youtube.com/channel/UCjanevlogs0000000000000",
                           "https://www.facebook.com/profile.php?id=100099999999999"}) {
    const EditResult added = add_account(parse(kJane), identifier, "Jane Doe", link, "", "2026-12-01");
    ASSERT_FALSE(added.error) << link << ": " << added.error.message;
    const Blocklist stored = parse(serialize_blocklist(added.list));  // the next start's
    const Account& now = added.list.people[0].accounts.back();
    const ChangePlan removal = plan_removal(added.list, ChangeKind::remove_account, "Jane Doe", account_key(now));
    ASSERT_FALSE(removal.error) << link;
    const EditResult due = apply_changes(stored, {removal.change});
    EXPECT_TRUE(due.changed) << link << ": the removal found the account after the restart";
    EXPECT_EQ(add_account(stored, identifier, "Jane Doe", link, "", "").error.code, "already-listed") << link;
  }
}

TEST(Editing, AddsAnAccountFromALinkToAnExistingPersonFoundByName) {
  Identifier identifier;
  const Blocklist list = parse(kJane);
  const EditResult r = add_account(list, identifier, "  jane doe ", "https://x.com/JaneDoe_X", "", "2026-12-01");
  ASSERT_FALSE(r.error) << r.error.message;
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.person, "Jane Doe");
  EXPECT_EQ(Catalog::get().platforms()[static_cast<std::size_t>(r.platform)].id, "x");
  const auto j = exported(r.list);
  ASSERT_EQ(j["people"].size(), 1u);
  const auto& added = j["people"][0]["accounts"][2];
  EXPECT_EQ(added["platform"], "x");
  EXPECT_EQ(added["handle"], "JaneDoe_X");
  EXPECT_EQ(added["added"], "2026-12-01");
  // Unknown fields of the list, the person and other accounts survive.
  EXPECT_EQ(j["theme"], "dusk");
  EXPECT_EQ(j["people"][0]["note"], "kept");
  EXPECT_EQ(j["people"][0]["accounts"][0]["colour"], "red");
  // The input list is untouched.
  EXPECT_EQ(list.people[0].accounts.size(), 2u);
}

TEST(Editing, AddsAnAccountFromAPlatformAndHandleToANewPerson) {
  Identifier identifier;
  const EditResult r = add_account(parse(kJane), identifier, "Sam", "@sam.smith", "instagram", "2026-12-01");
  ASSERT_FALSE(r.error) << r.error.message;
  const auto j = exported(r.list);
  ASSERT_EQ(j["people"].size(), 2u);
  EXPECT_EQ(j["people"][1]["name"], "Sam");
  EXPECT_EQ(j["people"][1]["accounts"][0]["handle"], "sam.smith");
}

TEST(Editing, RefusesDuplicatesHoweverTheyAreWritten) {
  Identifier identifier;
  const Blocklist list = parse(kJane);
  // The same Instagram account, another case and shape; the Facebook one listed by link, given as a handle.
  for (auto [text, platform] : {std::pair{"https://instagram.com/JaneDoe/", ""},
                                {"JANEDOE", "instagram"},
                                {"https://m.facebook.com/profile.php?id=100012345678901", ""}}) {
    const EditResult r = add_account(list, identifier, "Jane Doe", text, platform, "2026-12-01");
    EXPECT_EQ(r.error.code, "already-listed") << text;
    EXPECT_FALSE(r.changed);
    EXPECT_EQ(r.list.people[0].accounts.size(), 2u);
  }
}

TEST(Editing, RefusesInvalidInputWithTheProfileReadersCode) {
  Identifier identifier;
  const Blocklist list = parse(kJane);
  EXPECT_EQ(add_account(list, identifier, "Jane Doe", "no spaces allowed", "instagram", "").error.code, "bad-handle");
  EXPECT_EQ(add_account(list, identifier, "Jane Doe", "https://example.com/jane", "", "").error.code, "not-a-profile");
  EXPECT_EQ(add_account(list, identifier, "Jane Doe", "", "", "").error.code, "empty");
  EXPECT_EQ(add_account(list, identifier, "   ", "janedoe2", "instagram", "").error.code, "name-needed");
}

TEST(Editing, AddsPeopleOnce) {
  const Blocklist list = parse(kJane);
  const EditResult r = add_person(list, " Sam ");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(exported(r.list)["people"][1]["name"], "Sam");
  EXPECT_EQ(add_person(list, "JANE   doe").error.code, "person-exists");
  EXPECT_EQ(add_person(list, "").error.code, "name-needed");
}

TEST(Editing, AddsKeywordsToKnownPeopleOnly) {
  const Blocklist list = parse(kJane);
  const EditResult r = add_keyword(list, "jane doe", "  Janey ");
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(exported(r.list)["people"][0]["keywords"], nlohmann::ordered_json::parse(R"(["Jane Doe","Janey"])"));
  const EditResult again = add_keyword(list, "Jane Doe", "Jane Doe");
  EXPECT_FALSE(again.error);
  EXPECT_FALSE(again.changed);
  EXPECT_EQ(add_keyword(list, "Nobody", "x").error.code, "person-missing");
  EXPECT_EQ(add_keyword(list, "Jane Doe", "!!!").error.code, "keyword-empty");
}

TEST(Editing, RowsGiveWhatThePagesShowWithAttemptsPerPlatform) {
  const std::vector<Attempt> log = {{0, 0, "Jane Doe", "instagram", "profile"},
                                    {1, 0, "Jane Doe", "instagram", "story"},
                                    {2, 0, "Jane Doe", "facebook", "profile"},
                                    {3, 0, "Sam", "instagram", "profile"}};
  const auto rows = list_rows(parse(kJane), log);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].name, "Jane Doe");
  ASSERT_EQ(rows[0].accounts.size(), 2u);
  EXPECT_EQ(rows[0].accounts[0].key, "instagram:janedoe");
  EXPECT_EQ(rows[0].accounts[0].added, "2026-11-01");
  EXPECT_EQ(rows[0].accounts[0].attempts, 2);
  EXPECT_EQ(rows[0].accounts[1].handle, "100012345678901");
  EXPECT_EQ(rows[0].accounts[1].url, "https://www.facebook.com/profile.php?id=100012345678901");
  EXPECT_EQ(rows[0].accounts[1].attempts, 1);
  const auto j = rows_json(rows);
  EXPECT_EQ(j[0]["accounts"][0]["platformName"], "Instagram");
  EXPECT_TRUE(j[0]["accounts"][1]["added"].is_null());
  EXPECT_EQ(j[0]["keywords"][0]["text"], "Jane Doe");
  EXPECT_FALSE(rows[0].removal_pending);
  EXPECT_FALSE(rows[0].accounts[0].removal_pending);
}

TEST(Editing, RowsMarkWhatAPendingRemovalWillTake) {
  const Blocklist list = parse(kJane);
  const std::string facebook = list_rows(list, {})[0].accounts[1].key;
  const auto rows = list_rows(list, {},
                              {plan_removal(list, ChangeKind::remove_account, "Jane Doe", facebook).change,
                               plan_removal(list, ChangeKind::remove_keyword, "Jane Doe", "Jane Doe").change});
  EXPECT_FALSE(rows[0].removal_pending);
  EXPECT_FALSE(rows[0].accounts[0].removal_pending);
  EXPECT_TRUE(rows[0].accounts[1].removal_pending);
  EXPECT_TRUE(rows[0].keywords[0].removal_pending);
  EXPECT_TRUE(
      list_rows(list, {}, {plan_removal(list, ChangeKind::remove_person, "jane doe", "").change})[0].removal_pending);
}

TEST(Editing, PlansRemovalsOfWhatIsListedAndAppliesThemWhenDue) {
  const Blocklist list = parse(kJane);
  const std::string key = list_rows(list, {})[0].accounts[1].key;
  const ChangePlan account = plan_removal(list, ChangeKind::remove_account, "jane doe", key);
  ASSERT_FALSE(account.error) << account.error.message;
  EXPECT_EQ(account.change.person, "Jane Doe");
  const auto j = change_json(account.change);
  EXPECT_EQ(j["kind"], "remove-account");
  EXPECT_EQ(j["platformName"], "Facebook");
  EXPECT_EQ(j["handle"], "100012345678901");
  // Stored by the shell with its own fields, read back.
  auto stored = j;
  stored["id"] = "abc";
  stored["dueAt"] = 123;
  Change back;
  ASSERT_TRUE(parse_change(stored, back));
  const ChangePlan keyword = plan_removal(list, ChangeKind::remove_keyword, "Jane Doe", "Jane Doe");
  ASSERT_FALSE(keyword.error);
  const EditResult r = apply_changes(list, {back, keyword.change});
  EXPECT_TRUE(r.changed);
  const auto out = exported(r.list);
  EXPECT_EQ(out["people"][0]["accounts"].size(), 1u);
  EXPECT_EQ(out["people"][0]["accounts"][0]["handle"], "janedoe");
  EXPECT_TRUE(out["people"][0]["keywords"].empty());
  EXPECT_EQ(out["people"][0]["note"], "kept");

  EXPECT_EQ(plan_removal(list, ChangeKind::remove_person, "Nobody", "").error.code, "person-missing");
  EXPECT_EQ(plan_removal(list, ChangeKind::remove_account, "Jane Doe", "x:nobody").error.code, "account-missing");
  EXPECT_EQ(plan_removal(list, ChangeKind::remove_keyword, "Jane Doe", "Janet").error.code, "keyword-missing");
}

Change change(ChangeKind kind, std::string person, std::string key = {}) {
  Change c;
  c.kind = kind;
  c.person = std::move(person);
  c.key = std::move(key);
  return c;
}

TEST(Editing, ADueRemovalWhoseTargetIsGoneChangesNothing) {
  const Blocklist list = parse(kJane);
  const EditResult r = apply_changes(
      list, {change(ChangeKind::remove_person, "Sam"), change(ChangeKind::remove_account, "Jane Doe", "x:nobody")});
  EXPECT_FALSE(r.error);
  EXPECT_FALSE(r.changed);
  const EditResult gone = apply_changes(list, {change(ChangeKind::remove_person, "JANE DOE")});
  EXPECT_TRUE(gone.changed);
  EXPECT_TRUE(gone.list.people.empty());
  EXPECT_EQ(exported(gone.list)["theme"], "dusk");
}

TEST(Editing, ARemovalQueuedBeforeHandlesWereLoweredBeyondAsciiStillApplies) {
  // Keys of earlier builds kept letters beyond ASCII as listed; a removal
  // queued then is read in this build's form, and removes the account.
  const Blocklist list = parse(R"({"version":1,"people":[{"name":"P","accounts":[
      {"platform":"youtube","handle":"@\u041f\u0430\u043d\u0434\u0435\u043a\u0441"},
      {"platform":"spotify","handle":"MixedCase"}]}]})");
  const auto rows = list_rows(list, {});
  ASSERT_EQ(rows[0].accounts.size(), 2u);
  EXPECT_EQ(rows[0].accounts[0].key, "youtube:\xd0\xbf\xd0\xb0\xd0\xbd\xd0\xb4\xd0\xb5\xd0\xba\xd1\x81");
  Change old;
  ASSERT_TRUE(parse_change(nlohmann::ordered_json::parse(R"({"kind":"remove-account","person":"P",
      "key":"youtube:\u041f\u0430\u043d\u0434\u0435\u043a\u0441","platform":"youtube","handle":"@Пандекс"})"),
                           old));
  EXPECT_TRUE(list_rows(list, {}, {old})[0].accounts[0].removal_pending) << "shown as waiting";
  const EditResult r = apply_changes(list, {old});
  EXPECT_TRUE(r.changed);
  ASSERT_EQ(r.list.people[0].accounts.size(), 1u);
  EXPECT_EQ(r.list.people[0].accounts[0].handle, "MixedCase");
  // A platform that tells case apart keeps the key as stored: another case is another account.
  Change other_case;
  ASSERT_TRUE(
      parse_change(nlohmann::ordered_json::parse(R"({"kind":"remove-account","person":"P","key":"spotify:mixedcase"})"),
                   other_case));
  EXPECT_FALSE(apply_changes(list, {other_case}).changed);
}

TEST(Editing, ParseChangeRefusesWhatIsNotAListChange) {
  Change c;
  for (const char* text :
       {R"({"kind":"disable"})", R"({"kind":"remove-person"})", R"({"kind":"remove-account","person":"J"})",
        R"({"kind":"remove-keyword","person":"J"})", R"([1])", R"("remove-person")"})
    EXPECT_FALSE(parse_change(nlohmann::ordered_json::parse(text), c)) << text;
}

TEST(Editing, AnImportAddsAtOnceAndPlansItsRemovals) {
  Identifier identifier;
  const Blocklist list = parse(kJane);
  const ImportPlan plan = plan_import(list, identifier, R"({"version":1,"people":[
    {"name":"jane doe","keywords":["Janey"],"accounts":[{"platform":"instagram","handle":"JaneDoe"},{"platform":"tiktok","handle":"jane.doe"}]},
    {"name":"Sam","pet":"cat","accounts":[{"url":"https://www.instagram.com/sam.smith/","since":"2020"}]}]})");
  ASSERT_FALSE(plan.error) << plan.error.message;
  std::vector<std::string> added;
  for (const auto& a : plan.added) added.push_back(addition_json(a).dump());
  EXPECT_EQ(
      added,
      (std::vector<std::string>{
          R"({"kind":"keyword","person":"Jane Doe","keyword":"Janey"})",
          R"({"kind":"account","person":"Jane Doe","key":"tiktok:jane.doe","platform":"tiktok","platformName":"TikTok","handle":"jane.doe"})",
          R"({"kind":"person","person":"Sam"})",
          R"({"kind":"account","person":"Sam","key":"instagram:sam.smith","platform":"instagram","platformName":"Instagram","handle":"sam.smith"})"}));
  std::vector<std::string> removals;
  for (const auto& c : plan.removals) removals.push_back(change_json(c).dump());
  EXPECT_EQ(
      removals,
      (std::vector<std::string>{
          R"({"kind":"remove-account","person":"Jane Doe","key":"facebook#100012345678901","platform":"facebook","platformName":"Facebook","handle":"100012345678901"})",
          R"({"kind":"remove-keyword","person":"Jane Doe","keyword":"Jane Doe"})"}));
  const auto merged = exported(plan.merged);
  EXPECT_EQ(merged["theme"], "dusk");
  EXPECT_EQ(merged["people"][0]["accounts"].size(), 3u);  // nothing removed at once
  EXPECT_EQ(merged["people"][1]["pet"], "cat");
  EXPECT_EQ(merged["people"][1]["accounts"][0]["since"], "2020");
  // Importing the merged list again adds nothing and removes nothing.
  const ImportPlan again = plan_import(plan.merged, identifier, serialize_blocklist(plan.merged));
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.removals.empty());
}

TEST(Editing, AnImportWithErrorsIsRefusedWithItsPathAndChangesNothing) {
  Identifier identifier;
  const Blocklist list = parse(kJane);
  struct {
    const char* text;
    const char* message;
  } cases[] = {
      {"{oops", "not valid JSON (byte 2, line 1, column 2"},
      {R"({"version":2,"people":[]})", "$.version: unsupported version 2 (this Deadbolt reads version 1)"},
      {R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"myspace","handle":"j"}]}]})",
       "$.people[0].accounts[0].platform: unknown platform \"myspace\""},
      {R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"instagram","handle":"no spaces"}]}]})",
       "$.people[0].accounts[0].handle: \"no spaces\" is not a valid handle: Instagram handles use letters, digits"},
      {R"({"version":1,"people":[{"name":"J","accounts":[{"url":"https://example.com/j"}]}]})",
       "$.people[0].accounts[0].url: \"https://example.com/j\" is not a profile Deadbolt recognises"},
  };
  for (const auto& c : cases) {
    const ImportPlan plan = plan_import(list, identifier, c.text);
    EXPECT_EQ(plan.error.code, "bad-list") << c.text;
    EXPECT_EQ(plan.error.message.rfind(c.message, 0), 0u) << plan.error.message;
    EXPECT_TRUE(plan.added.empty());
    EXPECT_TRUE(plan.merged.people.empty());
  }
}

}  // namespace
}  // namespace deadbolt

// A co-parent's channel: opening one is planned (it lowers protection),
// closing one is at once, and the list keeps the mark's other fields.
TEST(Editing, CoparentChannelOpensThroughTheCooldownAndClosesAtOnce) {
  deadbolt::Identifier identifier;
  deadbolt::Blocklist list;
  deadbolt::BlocklistError error;
  ASSERT_TRUE(deadbolt::parse_blocklist(
      R"({"version":1,"people":[{"name":"Sam","accounts":[{"platform":"phone","handle":"+15551234567"}]}]})",
      identifier, list, error))
      << error.to_string();

  EXPECT_EQ(deadbolt::plan_open_channel(list, "Nobody", "whatsapp").error.code, "person-missing");
  EXPECT_EQ(deadbolt::plan_open_channel(list, "Sam", "carrier-pigeon").error.code, "bad-channel");
  const auto plan = deadbolt::plan_open_channel(list, "sam", "whatsapp");
  ASSERT_FALSE(plan.error) << plan.error.message;
  EXPECT_EQ(plan.change.person, "Sam");
  EXPECT_EQ(deadbolt::change_json(plan.change)["kind"], "coparent");

  // The change survives its JSON round trip through the shell's storage.
  deadbolt::Change stored;
  ASSERT_TRUE(deadbolt::parse_change(deadbolt::change_json(plan.change), stored));
  const auto opened = deadbolt::apply_changes(list, {stored});
  ASSERT_TRUE(opened.changed);
  EXPECT_EQ(opened.list.people[0].coparent_channel, "whatsapp");
  EXPECT_NE(deadbolt::serialize_blocklist(opened.list, -1).find(R"("coparent":{"channel":"whatsapp"})"),
            std::string::npos);
  EXPECT_EQ(deadbolt::plan_open_channel(opened.list, "Sam", "whatsapp").error.code, "no-change");

  const auto closed = deadbolt::close_channel(opened.list, "Sam");
  ASSERT_FALSE(closed.error);
  EXPECT_TRUE(closed.changed);
  EXPECT_TRUE(closed.list.people[0].coparent_channel.empty());
  EXPECT_EQ(deadbolt::serialize_blocklist(closed.list, -1).find("coparent"), std::string::npos);
  EXPECT_EQ(deadbolt::list_rows(opened.list, {})[0].coparent_channel, "whatsapp");
}

TEST(Editing, AnImportKeepsANewCoparentsChannelAndOpensNoneForSomeoneListed) {
  deadbolt::Identifier identifier;
  deadbolt::Blocklist list;
  deadbolt::BlocklistError error;
  ASSERT_TRUE(deadbolt::parse_blocklist(
      R"({"version":1,"people":[{"name":"Sam","accounts":[{"platform":"phone","handle":"+15551234567"}]}]})",
      identifier, list, error));
  const auto plan = deadbolt::plan_import(
      list, identifier,
      R"({"version":1,"people":[{"name":"Sam","coparent":{"channel":"email"},"accounts":[]},
                                {"name":"Alex","coparent":{"channel":"whatsapp"},"accounts":[]}]})");
  ASSERT_FALSE(plan.error) << plan.error.message;
  ASSERT_EQ(plan.merged.people.size(), 2u);
  EXPECT_EQ(plan.merged.people[0].coparent_channel, "");  // Sam's channel waits
  EXPECT_EQ(plan.merged.people[1].coparent_channel, "whatsapp");
  const auto opens = std::count_if(plan.removals.begin(), plan.removals.end(), [](const deadbolt::Change& c) {
    return c.kind == deadbolt::ChangeKind::open_channel && c.person == "Sam" && c.channel == "email";
  });
  EXPECT_EQ(opens, 1);
}

TEST(Editing, ShowingSomeoneInFeedsWaitsAndHidingThemAgainIsAtOnce) {
  deadbolt::Identifier identifier;
  deadbolt::Blocklist list;
  deadbolt::BlocklistError error;
  ASSERT_TRUE(deadbolt::parse_blocklist(
      R"({"version":1,"people":[{"name":"Sam","accounts":[{"platform":"x","handle":"samrivers"}]}]})", identifier, list,
      error));
  const auto plan = deadbolt::plan_feeds_off(list, "Sam");
  ASSERT_FALSE(plan.error) << plan.error.message;
  EXPECT_EQ(deadbolt::change_json(plan.change)["kind"], "feeds-off");
  EXPECT_TRUE(deadbolt::list_rows(list, {}, {plan.change})[0].feeds_off_pending);
  const auto off = deadbolt::apply_changes(list, {plan.change});
  ASSERT_TRUE(off.changed);
  EXPECT_FALSE(deadbolt::hidden_in_feeds(off.list.people[0]));
  EXPECT_FALSE(deadbolt::list_rows(off.list, {})[0].hidden_in_feeds);
  EXPECT_EQ(deadbolt::plan_feeds_off(off.list, "Sam").error.code, "no-change");
  const auto on = deadbolt::feeds_on(off.list, "sam");
  ASSERT_TRUE(on.changed);
  EXPECT_TRUE(deadbolt::hidden_in_feeds(on.list.people[0]));
  EXPECT_EQ(deadbolt::feeds_on(list, "Nobody").error.code, "person-missing");
}
