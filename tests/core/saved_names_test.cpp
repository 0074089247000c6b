// The names a person is saved under ("names" in the v1 list): added at once,
// removed through the cool-down, kept by export and import, and what seals
// an inbox row that shows only that name.
#include <gtest/gtest.h>

#include "deadbolt/decide.h"
#include "deadbolt/editing.h"
#include "deadbolt/inbox.h"

namespace deadbolt {
namespace {

Blocklist parse(const std::string& json) {
  Identifier identifier;
  Blocklist list;
  BlocklistError error;
  EXPECT_TRUE(parse_blocklist(json, identifier, list, error)) << error.to_string();
  return list;
}

nlohmann::ordered_json exported(const Blocklist& list) {
  return nlohmann::ordered_json::parse(serialize_blocklist(list));
}

const char* kJane = R"({"version":1,"people":[{"name":"Jane Doe","keywords":["Jane Doe"],"names":["Janey"],
  "accounts":[{"platform":"instagram","handle":"janedoe"}]}]})";

TEST(SavedNames, AddsATrimmedNameToAListedPerson) {
  const Blocklist list = parse(kJane);
  const EditResult r = add_name(list, "jane doe", "  J ❤️  ");
  ASSERT_FALSE(r.error) << r.error.message;
  EXPECT_TRUE(r.changed);
  EXPECT_EQ(r.person, "Jane Doe");
  const auto j = exported(r.list);
  EXPECT_EQ(j["people"][0]["names"], (nlohmann::ordered_json{"Janey", "J ❤️"}));
  EXPECT_EQ(j["people"][0]["keywords"], (nlohmann::ordered_json{"Jane Doe"}));  // not a search keyword
  EXPECT_EQ(list.people[0].names.size(), 1u);                                   // the input is untouched
  EXPECT_EQ(add_name(list, "Nobody", "Janey").error.code, "person-missing");
}

TEST(SavedNames, ANameAlreadyTheirsChangesNothing) {
  const Blocklist list = parse(kJane);
  for (const char* same : {"Janey", " JANEY ", "jáney"}) {
    const EditResult r = add_name(list, "Jane Doe", same);
    EXPECT_FALSE(r.error) << same;
    EXPECT_FALSE(r.changed) << same;
    EXPECT_EQ(r.list.people[0].names, (std::vector<std::string>{"Janey"}));
  }
}

TEST(SavedNames, ANameThatCouldNeverMatchIsRefusedPrecisely) {
  const Blocklist list = parse(kJane);
  for (const char* never : {"", "   ", "!!", "... -"}) {
    const EditResult r = add_name(list, "Jane Doe", never);
    EXPECT_EQ(r.error.code, "saved-name-empty") << never;
    EXPECT_FALSE(r.changed);
    EXPECT_EQ(r.list.people[0].names.size(), 1u);
  }
  // An emoji is a name a phone can show ("❤️"), and rows compare it as written.
  EXPECT_TRUE(add_name(list, "Jane Doe", "💔").changed);
  const EditResult long_one = add_name(list, "Jane Doe", std::string(kMaxSavedNameBytes + 1, 'j'));
  EXPECT_EQ(long_one.error.code, "saved-name-too-long");
  EXPECT_FALSE(add_name(list, "Jane Doe", std::string(kMaxSavedNameBytes, 'j')).error);
}

TEST(SavedNames, RemovalIsPlannedShownAsPendingAndAppliedWhenDue) {
  const Blocklist list = parse(kJane);
  const ChangePlan plan = plan_removal(list, ChangeKind::remove_name, "jane doe", "Janey");
  ASSERT_FALSE(plan.error) << plan.error.message;
  const auto j = change_json(plan.change);
  EXPECT_EQ(j.dump(), R"({"kind":"remove-name","person":"Jane Doe","name":"Janey"})");
  // Planning removes nothing: the rows say it waits.
  EXPECT_EQ(list.people[0].names.size(), 1u);
  const auto rows = list_rows(list, {}, {plan.change});
  ASSERT_EQ(rows[0].names.size(), 1u);
  EXPECT_TRUE(rows[0].names[0].removal_pending);
  EXPECT_FALSE(rows[0].keywords[0].removal_pending);
  EXPECT_EQ(rows_json(rows)[0]["names"].dump(), R"([{"text":"Janey","removalPending":true}])");
  EXPECT_FALSE(list_rows(list, {})[0].names[0].removal_pending);
  // Stored by the shell with its own fields, read back, applied when due.
  auto stored = j;
  stored["id"] = "n1";
  stored["dueAt"] = 1;
  Change back;
  ASSERT_TRUE(parse_change(stored, back));
  const EditResult r = apply_changes(list, {back});
  EXPECT_TRUE(r.changed);
  EXPECT_TRUE(exported(r.list)["people"][0]["names"].empty());
  EXPECT_EQ(exported(r.list)["people"][0]["keywords"].size(), 1u);
  // Gone already: nothing to do, no error.
  EXPECT_FALSE(apply_changes(r.list, {back}).changed);

  EXPECT_EQ(plan_removal(list, ChangeKind::remove_name, "Jane Doe", "Janet").error.code, "saved-name-missing");
  EXPECT_FALSE(parse_change(nlohmann::ordered_json::parse(R"({"kind":"remove-name","person":"Jane Doe"})"), back));
}

TEST(SavedNames, ExportAndImportKeepThem) {
  Identifier identifier;
  const Blocklist list = parse(kJane);
  const EditResult added = add_name(list, "Jane Doe", "Jay");
  // An empty list imports the export whole: the names come along.
  const ImportPlan fresh = plan_import(parse(R"({"version":1,"people":[]})"), identifier,
                                       serialize_blocklist(added.list));
  ASSERT_FALSE(fresh.error) << fresh.error.message;
  EXPECT_EQ(fresh.merged.people[0].names, (std::vector<std::string>{"Janey", "Jay"}));
  EXPECT_EQ(exported(fresh.merged)["people"][0]["names"], (nlohmann::ordered_json{"Janey", "Jay"}));
  // Into a list that has the person: a new name is added at once, a missing one waits.
  const ImportPlan plan = plan_import(list, identifier, R"({"version":1,"people":[
    {"name":"Jane Doe","keywords":["Jane Doe"],"names":["Jay"],"accounts":[{"platform":"instagram","handle":"janedoe"}]}]})");
  ASSERT_FALSE(plan.error) << plan.error.message;
  ASSERT_EQ(plan.added.size(), 1u);
  EXPECT_EQ(addition_json(plan.added[0]).dump(), R"({"kind":"name","person":"Jane Doe","name":"Jay"})");
  ASSERT_EQ(plan.removals.size(), 1u);
  EXPECT_EQ(change_json(plan.removals[0]).dump(), R"({"kind":"remove-name","person":"Jane Doe","name":"Janey"})");
  EXPECT_EQ(plan.merged.people[0].names, (std::vector<std::string>{"Janey", "Jay"}));
  // The round trip again adds and removes nothing.
  const ImportPlan again = plan_import(plan.merged, identifier, serialize_blocklist(plan.merged));
  EXPECT_TRUE(again.added.empty());
  EXPECT_TRUE(again.removals.empty());
}

TEST(SavedNames, AnAddedNameSealsARowThatShowsOnlyIt) {
  const Blocklist list = parse(kJane);
  // As the inbox script does: the inbox index as a snapshot, a shown name decided.
  const auto sealed = [](const Blocklist& l, std::string_view shown) {
    Engine built;
    built.load(inbox_list(l));
    Engine engine;
    EXPECT_TRUE(engine.load_snapshot(built.snapshot()));
    InboxDecider decider(engine);
    return decider.person_named(shown) == 0;
  };
  EXPECT_FALSE(sealed(list, "Jay 🌙"));
  const EditResult r = add_name(list, "Jane Doe", "Jay 🌙");
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(sealed(r.list, "Jay 🌙"));
  EXPECT_TRUE(sealed(r.list, "JAY 🌙"));  // folded, as rows are compared
  EXPECT_FALSE(sealed(r.list, "Jay"));   // whole names only
  EXPECT_FALSE(sealed(r.list, "Jay 🌙 Smith"));
  const EditResult removed = apply_changes(r.list,
                                           {plan_removal(r.list, ChangeKind::remove_name, "Jane Doe", "Jay 🌙").change});
  EXPECT_FALSE(sealed(removed.list, "Jay 🌙"));
}

TEST(SavedNames, AWhatsAppRowWithTheirSavedNameAndAnUnlistedChatIdIsSealed) {
  // Her number is not listed: the row's chat id ("<number>@c.us", as
  // tests/e2e/inbox/whatsapp.html carries it) is the one other party of
  // the chat, the one her saved name shows, not someone else.
  const EditResult r = add_name(parse(kJane), "Jane Doe", "Jay");
  Engine engine;
  engine.load(inbox_list(r.list));
  InboxDecider inbox(engine);
  const auto row = [&](std::initializer_list<std::pair<char, std::string_view>> parts, bool group = false) {
    EXPECT_TRUE(inbox.begin("https://web.whatsapp.com/"));
    for (const auto& [kind, value] : parts) {
      inbox.participant();
      if (kind == 'A') inbox.address(value);
      else inbox.name(value);
    }
    if (group) inbox.group();
    return inbox.decide_row().action;
  };
  EXPECT_EQ(row({{'A', "false_15551234567@c.us_3EB0AA"}, {'N', "Jay"}}), RowAction::seal);
  EXPECT_EQ(row({{'A', "false_15551234567@c.us_3EB0AA"}, {'N', "Mum"}}), RowAction::show);
  // A group with her in it keeps its other members: covered, not sealed.
  EXPECT_EQ(row({{'A', "false_120363000000000001@g.us_3"}, {'N', "Jay"}}, true), RowAction::cover);
  // In a mail thread another address is someone else: covered.
  ASSERT_TRUE(inbox.begin("https://mail.google.com/mail/u/0/#inbox"));
  inbox.participant();
  inbox.address("bob@example.com");
  inbox.participant();
  inbox.name("Jay");
  EXPECT_EQ(inbox.decide_row().action, RowAction::cover);
}

}  // namespace
}  // namespace deadbolt
