// Email addresses and phone numbers as accounts, the message and compose
// URLs that reach a listed person (kind message), searches for their address
// or number, the co-parent's open channel, and the stats of reported contact.
#include <gtest/gtest.h>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/contact_address.h"
#include "deadbolt/decide.h"
#include "deadbolt/profile_input.h"
#include "deadbolt/stats_json.h"
#include "test_support.h"

namespace deadbolt {
namespace {

std::string email_key(std::string_view a) {
  std::string out;
  return append_email_key(a, out) ? out : "invalid";
}
std::string phone_digits(std::string_view n) {
  std::string out;
  return append_phone_digits(n, out) ? out : "invalid";
}

TEST(ContactAddress, EmailCanonicalForm) {
  EXPECT_EQ(email_key("Jane.Doe@Gmail.com"), "janedoe@gmail.com");
  EXPECT_EQ(email_key("j.a.n.e.doe+exes@googlemail.com"), "janedoe@gmail.com") << "one mailbox, tags ignored";
  EXPECT_EQ(email_key(" mailto:JANE@Example.ORG "), "jane@example.org");
  EXPECT_EQ(email_key("jane.doe@outlook.com"), "jane.doe@outlook.com") << "outside Gmail, dots count";
  EXPECT_NE(email_key("jane.doe@outlook.com"), email_key("janedoe@outlook.com"));
  EXPECT_EQ(email_key("jane+x@outlook.com"), "jane+x@outlook.com") << "outside Gmail, a tag is part of the address";
}

TEST(ContactAddress, EmailErrorsSayWhatIsWrong) {
  EXPECT_EQ(email_problem("jane@example.com"), "");
  EXPECT_EQ(email_problem("jane.example.com"), "an email address needs an '@'");
  EXPECT_EQ(email_problem("@example.com"), "nothing before the '@'");
  EXPECT_EQ(email_problem("jane@"), "nothing after the '@'");
  EXPECT_EQ(email_problem("jane@localhost"), "the part after the '@' needs a dot (example.com)");
  EXPECT_EQ(email_problem("ja ne@example.com"), "' ' cannot be in an email address");
  EXPECT_EQ(email_problem("jane@@example.com"), "an email address has only one '@'");
  EXPECT_NE(email_problem(".jane@example.com").find("'.'"), std::string::npos);
  EXPECT_NE(email_problem("jane@exa_mple.com").find("'_'"), std::string::npos);
}

TEST(ContactAddress, PhoneDigitsAndErrors) {
  EXPECT_EQ(phone_digits("+1 (555) 123-4567"), "15551234567");
  EXPECT_EQ(phone_digits("0044 7700.900/123"), "447700900123") << "00 is the international prefix";
  EXPECT_EQ(phone_digits("tel:+33612345678"), "33612345678");
  EXPECT_EQ(phone_digits("15551234567"), "15551234567");
  EXPECT_EQ(phone_problem("07700 900123"), "write it with the country code, as +44 7700 900123 (not a 0 at the start)");
  EXPECT_EQ(phone_problem("+1 555 CALL"), "'C' cannot be in a phone number");
  EXPECT_EQ(phone_problem("+1 555"), "too short: 4 digits, with the country code at least 7");
  EXPECT_EQ(phone_problem("+1234567890123456"), "too long: 16 digits, at most 15 with the country code");
  EXPECT_EQ(phone_problem("1+5551234567"), "a '+' only goes at the start");
  EXPECT_EQ(phone_problem("+0 555 123 4567"), "a country code never starts with 0");
}

TEST(ContactAddress, CountryCodes) {
  EXPECT_EQ(national_number("15551234567"), "5551234567");
  EXPECT_EQ(national_number("447700900123"), "7700900123");
  EXPECT_EQ(national_number("79161234567"), "9161234567");
  EXPECT_EQ(national_number("353861234567"), "861234567") << "Ireland: three digits";
  EXPECT_EQ(national_number("4915112345678"), "15112345678");
  // The prefix a number is dialled with in its own country.
  EXPECT_EQ(trunk_prefix("447700900123"), "0");
  EXPECT_EQ(trunk_prefix("79161234567"), "8") << "Russia: 8 (916) 123-45-67";
  EXPECT_EQ(trunk_prefix("375291234567"), "80") << "Belarus";
  EXPECT_EQ(trunk_prefix("36201234567"), "06") << "Hungary";
  EXPECT_EQ(trunk_prefix("3706123456"), "8") << "Lithuania";
  EXPECT_EQ(trunk_prefix("3531234567"), "0") << "Ireland, not Lithuania";
}

// A listed number written nationally, after its own country's trunk prefix.
TEST(ContactAddress, NationalNumbersAfterTheirTrunkPrefix) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(
      R"({"version":1,"people":[{"name":"Ivan","accounts":[{"platform":"phone","handle":"+7 916 123 45 67"}]}]})",
      error));
  EXPECT_EQ(engine.person_in_phone_runs("8 (916) 123-45-67"), 0);
  EXPECT_EQ(engine.person_in_phone_runs("(916) 123-45-67"), 0) << "without it";
  EXPECT_EQ(engine.person_in_phone_runs("+7 916 123-45-67"), 0);
  EXPECT_EQ(engine.person_in_phone_runs("0916 123 45 67"), -1) << "not Russia's trunk prefix";
  EXPECT_EQ(engine.person_in_phone_runs("8 (916) 123-45-68"), -1);
}

// A page's text is read for numbers in one pass: a run of separators with
// no digit ("((((…", a stranger's message) is passed whole, not scanned
// again from each of its bytes. A megabyte of it before a listed number:
// linear, a millisecond; stepping one byte at a time, hours (the suite's
// timeout, CMakeLists.txt, fails it).
TEST(ContactAddress, ARunOfSeparatorsIsReadOnce) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(
      R"({"version":1,"people":[{"name":"Ivan","accounts":[{"platform":"phone","handle":"+7 916 123 45 67"}]}]})",
      error));
  std::string text(1 << 20, '(');
  text += "x +7 916 123-45-67";
  EXPECT_EQ(engine.person_in_phone_runs(text), 0);
  text.replace(text.size() - 2, 2, "68");
  EXPECT_EQ(engine.person_in_phone_runs(text), -1);
}

class MessagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BlocklistError error;
    ASSERT_TRUE(engine.load(test::read_file(test::test_data("messages-blocklist.json")), error)) << error.to_string();
  }
  // "block|person|platform|handle|kind|channel"
  std::string decide(const std::string& url) {
    const Verdict& v = engine.decide(url);
    const auto& p = Catalog::get().platforms();
    return std::string(v.block ? "block" : "allow") + "|" + (v.person >= 0 ? engine.person_name(v.person) : "-") + "|" +
           (v.identity.platform >= 0 ? std::string(p[v.identity.platform].id) : "-") + "|" +
           std::string(v.identity.handle.empty() ? "-" : v.identity.handle) + "|" +
           std::string(kind_name(v.attempt())) + "|" +
           std::string(v.identity.channel.empty() ? "-" : v.identity.channel);
  }
  Engine engine;
};

TEST_F(MessagesTest, EveryMessageShapeReachingJaneIsBlocked) {
  const std::pair<const char*, const char*> cases[] = {
      {"https://wa.me/15551234567", "block|Jane Doe|phone|15551234567|message|whatsapp"},
      {"https://wa.me/15551234567/?text=hi", "block|Jane Doe|phone|15551234567|message|whatsapp"},
      {"https://api.whatsapp.com/send?phone=15551234567&text=hey", "block|Jane Doe|phone|15551234567|message|whatsapp"},
      {"https://api.whatsapp.com/send/?phone=%2B1%20555%20123%204567",
       "block|Jane Doe|phone|+1 555 123 4567|message|whatsapp"},
      {"https://web.whatsapp.com/send?phone=15551234567", "block|Jane Doe|phone|15551234567|message|whatsapp"},
      {"https://m.me/janedoe77", "block|Jane Doe|facebook|janedoe77|message|messenger"},
      {"https://m.me/Jane.Doe.77?ref=x", "block|Jane Doe|facebook|Jane.Doe.77|message|messenger"},
      {"https://www.messenger.com/t/jane.doe.77/", "block|Jane Doe|facebook|jane.doe.77|message|messenger"},
      {"https://www.facebook.com/messages/t/janedoe77", "block|Jane Doe|facebook|janedoe77|message|messenger"},
      {"https://ig.me/m/JaneDoe", "block|Jane Doe|instagram|JaneDoe|message|instagram"},
      {"https://web.telegram.org/k/#@janedoe_tg", "block|Jane Doe|telegram|janedoe_tg|message|telegram"},
      {"https://web.telegram.org/a/#@JaneDoe_TG", "block|Jane Doe|telegram|JaneDoe_TG|message|telegram"},
      {"https://t.me/+15551234567", "block|Jane Doe|phone|+15551234567|message|telegram"},
      {"https://www.linkedin.com/messaging/compose/?recipient=jane-doe-123",
       "block|Jane Doe|linkedin|jane-doe-123|message|linkedin"},
      {"https://mail.google.com/mail/?view=cm&fs=1&to=jane.doe@gmail.com",
       "block|Jane Doe|email|jane.doe@gmail.com|message|email"},
      {"https://mail.google.com/mail/u/2/?view=cm&to=JaneDoe%2Bhi%40GoogleMail.com&su=x",
       "block|Jane Doe|email|JaneDoe+hi@GoogleMail.com|message|email"},
      {"https://mail.google.com/mail/?view=cm&to=bob@example.org,kim@example.net;j.a.n.e.doe@gmail.com",
       "block|Jane Doe|email|j.a.n.e.doe@gmail.com|message|email"},
      {"https://mail.google.com/mail/?view=cm&to=bob@example.org&cc=Jane%20Doe%20%3Cjanedoe@gmail.com%3E",
       "block|Jane Doe|email|janedoe@gmail.com|message|email"},
      {"https://mail.google.com/mail/?view=cm&to=bob@example.org&bcc=jane.doe@outlook.com",
       "block|Jane Doe|email|jane.doe@outlook.com|message|email"},
      {"https://mail.google.com/mail/?extsrc=mailto&url=mailto%3Abob%40example.org%2Cjane.doe%40gmail.com",
       "block|Jane Doe|email|jane.doe@gmail.com|message|email"},
      {"https://mail.google.com/mail/?extsrc=mailto&url=mailto%3Abob%40example.org%3Fcc%3Djane.doe%2540outlook.com",
       "block|Jane Doe|email|jane.doe@outlook.com|message|email"},
      {"https://outlook.live.com/mail/0/deeplink/compose?to=jane.doe@outlook.com",
       "block|Jane Doe|email|jane.doe@outlook.com|message|email"},
      {"https://outlook.office.com/mail/deeplink/compose?to=bob@example.org%3Bjane.doe%40outlook.com",
       "block|Jane Doe|email|jane.doe@outlook.com|message|email"},
      {"https://outlook.office.com/mail/deeplink/compose?mailtouri=mailto%3Ajane.doe%40outlook.com",
       "block|Jane Doe|email|jane.doe@outlook.com|message|email"},
      {"https://compose.mail.yahoo.com/?to=JANE.DOE@OUTLOOK.COM&subject=hi",
       "block|Jane Doe|email|JANE.DOE@OUTLOOK.COM|message|email"},
  };
  for (const auto& [url, expected] : cases) EXPECT_EQ(decide(url), expected) << url;
}

TEST_F(MessagesTest, LookAlikesStayAllowed) {
  for (const char* url : {
           "https://wa.me/15551234568",   // another number
           "https://wa.me/155512345670",  // a longer one
           "https://wa.me/5551234567",    // no country code: another number
           "https://api.whatsapp.com/send?phone=15551234560",
           "https://m.me/janedoe78",
           "https://ig.me/m/janedoe2",
           "https://web.telegram.org/k/#@janedoe_tg2",
           "https://mail.google.com/mail/?view=cm&to=janedoe@outlook.com",     // differs by a dot outside Gmail
           "https://mail.google.com/mail/?view=cm&to=jane.doe+x@outlook.com",  // a tag outside Gmail is another address
           "https://mail.google.com/mail/?view=cm&to=bob@example.org",         // a compose window to someone else
           "https://mail.google.com/mail/?view=cm&to=janedoe@gmail.co",        // another domain
           "https://mail.google.com/mail/u/0/#inbox",                          // the inbox itself
           "https://outlook.live.com/mail/0/deeplink/compose?to=sam@example.org",
           "https://compose.mail.yahoo.com/?to=jane.doe@outlook.com.evil.example",
           "https://www.google.com/search?q=555-123-4568",
           "https://www.google.com/search?q=1555123456",
           "https://www.google.com/search?q=order+15551234567890",
           "https://www.google.com/search?q=janedoe@outlook.com",
           "https://www.google.com/search?q=x5551234567",
       })
    EXPECT_EQ(decide(url).substr(0, 5), "allow") << url;
}

TEST_F(MessagesTest, SearchesForTheAddressOrTheNumber) {
  for (const char* url : {
           "https://www.google.com/search?q=%2B1+555+123+4567", "https://www.google.com/search?q=555-123-4567",
           "https://www.google.com/search?q=%28555%29+123+4567", "https://www.google.com/search?q=555.123.4567+who",
           "https://www.bing.com/search?q=15551234567", "https://duckduckgo.com/?q=001+555+123+4567",
           "https://www.google.com/search?q=JANE.DOE%40gmail.com",
           "https://www.google.com/search?q=%22janedoe%2Bold%40googlemail.com%22",
           "https://search.yahoo.com/search?p=jane.doe@outlook.com+facebook",
           "https://www.google.co.uk/search?q=07700+900123",  // Sam's UK number, written nationally
       })
    EXPECT_EQ(decide(url).substr(0, 5), "block") << url;
}

TEST_F(MessagesTest, TheDraftIsKept) {
  EXPECT_EQ(engine.decide("https://wa.me/15551234567?text=I%20miss%20you").identity.draft, "I miss you");
  EXPECT_EQ(engine.decide("https://mail.google.com/mail/?view=cm&to=jane.doe@gmail.com&su=Hello&body=Are+you+there%3F")
                .identity.draft,
            "Hello\n\nAre you there?");
  EXPECT_EQ(engine
                .decide("https://mail.google.com/mail/"
                        "?extsrc=mailto&url=mailto%3Ajane.doe%40gmail.com%3Fsubject%3DHi%26body%3DCall%2520me")
                .identity.draft,
            "Hi\n\nCall me");
  EXPECT_EQ(engine.decide("https://outlook.live.com/mail/0/deeplink/compose?to=jane.doe@outlook.com&subject=S&body=B")
                .identity.draft,
            "S\n\nB");
  EXPECT_EQ(engine.decide("https://wa.me/15551234567").identity.draft, "");
}

TEST_F(MessagesTest, TheCoparentKeepsOneChannel) {
  // Sam is a co-parent on WhatsApp: messages there are allowed, and say so.
  const Verdict& open = engine.decide("https://wa.me/447700900123?text=Pick-up%20at%205");
  EXPECT_FALSE(open.block);
  EXPECT_TRUE(open.coparent_channel);
  EXPECT_EQ(engine.person_name(open.person), "Sam");
  EXPECT_EQ(decide("https://api.whatsapp.com/send?phone=447700900123").substr(0, 5), "allow");
  // Every other channel, and every look, stays blocked.
  EXPECT_EQ(decide("https://t.me/+447700900123"), "block|Sam|phone|+447700900123|message|telegram");
  EXPECT_EQ(decide("https://mail.google.com/mail/?view=cm&to=sam@example.com"),
            "block|Sam|email|sam@example.com|message|email");
  EXPECT_EQ(decide("https://www.google.com/search?q=%2B44+7700+900123").substr(0, 5), "block");
  // Sam's open channel is WhatsApp: a compose window to Sam and Bob is blocked.
  EXPECT_EQ(decide("https://mail.google.com/mail/?view=cm&to=bob@example.org,sam@example.com").substr(0, 9),
            "block|Sam");
}

TEST(Coparent, AnEmailCoparentAmongRecipients) {
  Engine engine;
  BlocklistError error;
  ASSERT_TRUE(engine.load(R"({"version":1,"people":[
      {"name":"Sam","coparent":{"channel":"email"},"accounts":[{"platform":"email","handle":"sam@example.com"}]},
      {"name":"Jane","accounts":[{"platform":"email","handle":"jane@example.com"}]}]})",
                          error));
  const Verdict& alone = engine.decide("https://mail.google.com/mail/?view=cm&to=sam@example.com&su=Dentist");
  EXPECT_FALSE(alone.block);
  EXPECT_TRUE(alone.coparent_channel);
  EXPECT_FALSE(engine.decide("https://mail.google.com/mail/?view=cm&to=sam@example.com,bob@example.org").block);
  const Verdict& both = engine.decide("https://mail.google.com/mail/?view=cm&to=sam@example.com&cc=jane@example.com");
  EXPECT_TRUE(both.block) << "the co-parent's channel does not open one to Jane";
  EXPECT_EQ(engine.person_name(both.person), "Jane");
  EXPECT_TRUE(engine.decide("https://www.google.com/search?q=sam@example.com").block) << "looking stays blocked";
  EXPECT_TRUE(engine.decide("https://wa.me/15551234567").block == false) << "Sam has no number listed";
}

TEST(Coparent, ChannelsAreValidatedAndUnknownFieldsSurvive) {
  Engine engine;
  BlocklistError error;
  EXPECT_FALSE(engine.load(R"({"version":1,"people":[{"name":"Sam","coparent":{"channel":"sms"}}]})", error));
  EXPECT_EQ(error.to_string(),
            "$.people[0].coparent.channel: unknown channel \"sms\" (one of email, whatsapp, messenger, instagram, "
            "telegram, linkedin)");
  EXPECT_FALSE(engine.load(R"({"version":1,"people":[{"name":"Sam","coparent":"email"}]})", error));
  EXPECT_EQ(error.to_string(), "$.people[0].coparent: must be an object, not a string");
  EXPECT_FALSE(engine.load(R"({"version":1,"people":[{"name":"Sam","coparent":{}}]})", error));
  EXPECT_EQ(error.to_string(), "$.people[0].coparent: missing \"channel\"");
  ASSERT_TRUE(engine.load(test::read_file(test::test_data("messages-blocklist.json")), error)) << error.to_string();
  const std::string exported = serialize_blocklist(engine.blocklist(), -1);
  EXPECT_NE(exported.find(R"("coparent":{"channel":"whatsapp","note":"kids"})"), std::string::npos) << exported;
  // The channel survives a snapshot, as the worker restarts with one.
  Engine restarted;
  ASSERT_TRUE(restarted.load_snapshot(engine.snapshot()));
  EXPECT_FALSE(restarted.decide("https://wa.me/447700900123").block);
  EXPECT_TRUE(restarted.decide("https://t.me/+447700900123").block);
  EXPECT_TRUE(restarted.decide("https://www.google.com/search?q=555-123-4567").block);
}

TEST(ContactAccounts, BlocklistErrorsArePrecise) {
  Engine engine;
  BlocklistError error;
  EXPECT_FALSE(engine.load(
      R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"email","handle":"jane.example.com"}]}]})", error));
  EXPECT_EQ(
      error.to_string(),
      "$.people[0].accounts[0].handle: \"jane.example.com\" is not an email address: an email address needs an '@'");
  EXPECT_FALSE(engine.load(
      R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"phone","handle":"0555 123 4567"}]}]})", error));
  EXPECT_EQ(error.to_string(),
            "$.people[0].accounts[0].handle: \"0555 123 4567\" is not a phone number: write it with the country code, "
            "as +44 7700 900123 (not a 0 at the start)");
  ASSERT_TRUE(engine.load(
      R"({"version":1,"people":[{"name":"J","accounts":[{"platform":"phone","handle":"+1 (555) 123-4567"}]}]})",
      error));
  EXPECT_EQ(engine.blocklist().people[0].accounts[0].handle, "15551234567");
}

TEST(ContactAccounts, AddAProfileReadsAPastedAddressOrNumber) {
  Identifier identifier;
  const auto& p = Catalog::get().platforms();
  ProfileInput in = read_profile_input(identifier, "  Jane.Doe@Gmail.com ", "");
  ASSERT_TRUE(in.ok()) << in.error;
  EXPECT_EQ(p[in.platform].id, "email");
  EXPECT_EQ(in.handle, "Jane.Doe@Gmail.com");
  in = read_profile_input(identifier, "mailto:jane@example.org?subject=x", "");
  EXPECT_EQ(p[in.platform].id, "email");
  EXPECT_EQ(in.handle, "jane@example.org");
  in = read_profile_input(identifier, "+1 (555) 123-4567", "");
  ASSERT_TRUE(in.ok()) << in.error;
  EXPECT_EQ(p[in.platform].id, "phone");
  EXPECT_EQ(in.handle, "15551234567");
  in = read_profile_input(identifier, "+1 555-12", "");
  EXPECT_EQ(in.error_code, "bad-phone");
  EXPECT_EQ(in.error, "That isn't a phone number: too short: 6 digits, with the country code at least 7.");
  in = read_profile_input(identifier, "07700 900123", "");
  EXPECT_EQ(in.error,
            "That isn't a phone number: write it with the country code, as +44 7700 900123 (not a 0 at the start).");
  in = read_profile_input(identifier, "jane@localhost", "email");
  EXPECT_EQ(in.error_code, "bad-email");
  in = read_profile_input(identifier, "@jane@mastodon.social", "");
  EXPECT_EQ(p[in.platform].id, "mastodon") << "a leading '@' is a fediverse handle";
}

// ---- Stats: reported contacts -------------------------------------------

std::int64_t at(const char* iso) {
  std::int64_t ms = 0;
  std::optional<std::int32_t> offset;
  EXPECT_TRUE(parse_iso8601(iso, ms, offset)) << iso;
  return ms;
}

Attempt entry(const char* iso, std::int32_t offset, const char* kind = "profile") {
  return {at(iso), offset, kind == kContactKind ? "" : "Jane", kind == kContactKind ? "" : "instagram", kind};
}

TEST(ContactStats, AContactIsNeverAnAttemptAndRestartsTheCount) {
  const std::int64_t start = local_day(at("2026-10-01"), 0);
  const std::vector<Attempt> log = {
      entry("2026-10-10T12:00:00Z", 0),
      entry("2026-10-24T21:00:00Z", 0, "contact"),  // day 23 of no contact: they wrote back
      entry("2026-11-20T02:30:00Z", 0),
  };
  const Stats s = compute_stats(log, at("2026-11-23T12:00:00Z"), 0, start);
  EXPECT_EQ(s.all, 2) << "the contact is not an attempt";
  EXPECT_EQ(tally_attempts(log).by_kind.count("contact"), 0u);
  ASSERT_TRUE(s.last_contact_day.has_value());
  EXPECT_EQ(day_string(*s.last_contact_day), "2026-10-24");
  EXPECT_EQ(*s.no_contact_days, 30) << "from Oct 24 to Nov 23";
  EXPECT_EQ(s.longest_no_contact_days, 30);
  EXPECT_EQ(*s.days_since_start, 53);
  EXPECT_EQ(s.next_milestone, 60);
  // The day of the contact: day 0 again, the longest run kept.
  const Stats same_day = compute_stats(log, at("2026-10-24T23:00:00Z"), 0, start);
  EXPECT_EQ(*same_day.no_contact_days, 0);
  EXPECT_EQ(same_day.longest_no_contact_days, 23);
  EXPECT_EQ(same_day.next_milestone, 3);
  const std::string json = stats_json(s, tally_attempts(log));
  EXPECT_NE(json.find(R"("lastContact":"2026-10-24","noContactDays":30,"longestNoContactDays":30,"byHour":[)"),
            std::string::npos)
      << json;
}

TEST(ContactStats, LocalDaysAcrossTimeZones) {
  // 23:30 in New York on Nov 1 is Nov 2 in UTC: the contact counts on Nov 1 there.
  const std::vector<Attempt> log = {entry("2026-11-02T03:30:00Z", -240, "contact")};
  const Stats ny = compute_stats(log, at("2026-11-02T16:00:00Z"), -300);  // DST ended: now UTC-5
  EXPECT_EQ(day_string(*ny.last_contact_day), "2026-11-01");
  EXPECT_EQ(*ny.no_contact_days, 1);
  // Just after midnight in Tokyo it is already the next day.
  const std::vector<Attempt> tokyo_log = {entry("2026-11-01T14:30:00Z", 540, "contact")};  // 23:30 in Tokyo
  EXPECT_EQ(*compute_stats(tokyo_log, at("2026-11-01T15:05:00Z"), 540).no_contact_days, 1);
  EXPECT_EQ(*compute_stats(tokyo_log, at("2026-11-01T14:59:00Z"), 540).no_contact_days, 0);
  // No start date and no contact: unknown, not zero.
  EXPECT_FALSE(
      compute_stats({entry("2026-11-01T10:00:00Z", 0)}, at("2026-11-02T10:00:00Z"), 0).no_contact_days.has_value());
  EXPECT_NE(stats_json(compute_stats({}, at("2026-11-02T10:00:00Z"), 0), {})
                .find(R"("lastContact":null,"noContactDays":null)"),
            std::string::npos);
}

TEST(ContactStats, ContactsBeforeTheStartAndSeveralRuns) {
  const std::int64_t start = local_day(at("2026-09-01"), 0);
  const std::vector<Attempt> log = {
      entry("2026-08-20T10:00:00Z", 0, "contact"),  // before no contact began: not a restart
      entry("2026-09-11T10:00:00Z", 0, "contact"),  // 10 days
      entry("2026-10-11T10:00:00Z", 0, "contact"),  // 30 days
  };
  const Stats s = compute_stats(log, at("2026-10-16T10:00:00Z"), 0, start);
  EXPECT_EQ(*s.no_contact_days, 5);
  EXPECT_EQ(s.longest_no_contact_days, 30);
  EXPECT_EQ(day_string(*s.last_contact_day), "2026-10-11");
}

TEST(ContactStats, ByHourCountsAttemptsAtTheirLocalHour) {
  const std::vector<Attempt> log = {
      entry("2026-11-20T01:30:00Z", 60),             // 02:30 in Berlin
      entry("2026-11-20T01:59:59Z", 60),             // 02:59
      entry("2026-11-19T23:00:00Z", 120),            // 01:00 at UTC+2
      entry("2026-11-20T04:10:00Z", -300),           // 23:10 in New York, the day before
      entry("2026-11-20T02:00:00Z", 60, "contact"),  // never an attempt
  };
  const Stats s = compute_stats(log, at("2026-11-23T12:00:00Z"), 60);
  ASSERT_EQ(s.by_hour.size(), 24u);
  EXPECT_EQ(s.by_hour[2], 2);
  EXPECT_EQ(s.by_hour[1], 1);
  EXPECT_EQ(s.by_hour[23], 1);
  EXPECT_EQ(s.by_hour[3], 0);
  int total = 0;
  for (int n : s.by_hour) total += n;
  EXPECT_EQ(total, 4);
}

}  // namespace
}  // namespace deadbolt
