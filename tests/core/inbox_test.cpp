// Inboxes (issue 23): a conversation row whose other party is a listed
// person is sealed; the catalog says where each inbox writes its parties;
// look-alike addresses, numbers and names stay apart; a group keeps its
// other members; a co-parent's open channel stays open.
#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "deadbolt/blocklist_json.h"
#include "deadbolt/inbox.h"

namespace {

using deadbolt::Engine;
using deadbolt::InboxDecider;
using deadbolt::RowAction;

const char* kList = R"({"version":1,"people":[
  {"name":"Jane Doe","keywords":["Jane Doe"],"names":["Janey","J ❤️"],"accounts":[
    {"platform":"email","handle":"jane.doe@example.com"},
    {"platform":"email","handle":"jane.doe@gmail.com"},
    {"platform":"phone","handle":"+1 555 123 4567"},
    {"platform":"facebook","handle":"jane.doe.77"},
    {"platform":"instagram","handle":"janedoe"},
    {"platform":"x","handle":"janedoe_x"},
    {"url":"https://www.linkedin.com/in/jane-doe-123/"},
    {"platform":"telegram","handle":"janedoe_tg"}]},
  {"name":"Sam Coparent","coparent":{"channel":"whatsapp"},"accounts":[
    {"platform":"phone","handle":"+44 7700 900123"},
    {"platform":"email","handle":"sam@example.org"}]}]})";

// A participant: (kind, value) pairs; kind 'A' address, 'N' name, 'L' link,
// 'H' the value of the markup's handle attribute.
using Participant = std::initializer_list<std::pair<char, std::string_view>>;

struct Fixture {
  Engine engine;
  InboxDecider inbox{engine};
  Fixture() {
    deadbolt::BlocklistError error;
    Engine full;
    EXPECT_TRUE(full.load(kList, error)) << error.to_string();
    const std::string json = deadbolt::serialize_blocklist(deadbolt::inbox_list(full.blocklist()));
    // The content scripts load the inbox index as a snapshot: test that path.
    Engine built;
    EXPECT_TRUE(built.load(json, error)) << error.to_string();
    EXPECT_TRUE(engine.load_snapshot(built.snapshot()));
    inbox.refresh();
  }
  deadbolt::RowVerdict row(std::string_view page, std::initializer_list<Participant> parts, bool group = false) {
    if (!inbox.begin(page)) return {};
    for (const Participant& p : parts) {
      inbox.participant();
      for (const auto& [kind, value] : p) {
        if (kind == 'A') inbox.address(value);
        if (kind == 'N') inbox.name(value);
        if (kind == 'L') inbox.link(value);
        if (kind == 'H') inbox.handle(value);
      }
    }
    if (group) inbox.group();
    return inbox.decide_row();
  }
};

constexpr std::string_view kGmail = "https://mail.google.com/mail/u/0/#inbox";

TEST(InboxCatalog, EveryInboxHasItsEntryAndSelectors) {
  struct Case {
    const char* page;
    const char* id;
  } cases[] = {
      {"https://mail.google.com/mail/u/0/#inbox", "gmail"},
      {"https://outlook.live.com/mail/0/", "outlook"},
      {"https://outlook.office.com/mail/inbox", "outlook"},
      {"https://mail.yahoo.com/d/folders/1", "yahoo"},
      {"https://web.whatsapp.com/", "whatsapp"},
      {"https://www.messenger.com/t/123", "messenger"},
      {"https://www.facebook.com/messages/t/123", "facebook-messages"},
      {"https://www.instagram.com/direct/inbox/", "instagram"},
      {"https://x.com/messages", "x"},
      {"https://www.linkedin.com/messaging/", "linkedin"},
      {"https://web.telegram.org/k/", "telegram"},
      // The overlays these apps dock on their other pages.
      {"https://x.com/home", "x-drawer"},
      {"https://twitter.com/janedoe_x", "x-drawer"},
      {"https://www.linkedin.com/feed/", "linkedin-overlay"},
      {"https://www.facebook.com/", "facebook-popover"},
      {"https://www.facebook.com/groups/feed/", "facebook-popover"},
      // X Chat, where X's messages are now.
      {"https://x.com/i/chat", "x-chat"},
      {"https://x.com/i/chat/1111:2222", "x-chat"},
      // Google Messages, the phone's texts on the web.
      {"https://messages.google.com/web/conversations", "google-messages"},
      {"https://messages.google.com/web/conversations/4142", "google-messages"},
  };
  Fixture f;
  for (const Case& c : cases) {
    ASSERT_TRUE(f.inbox.begin(c.page)) << c.page;
    EXPECT_EQ(f.inbox.markup()->id, c.id) << c.page;
    EXPECT_FALSE(f.inbox.markup()->rows.empty()) << c.id;
    EXPECT_FALSE(f.inbox.markup()->senders.empty()) << c.id;
  }
  // Not inboxes: a feed with no overlay known, another path, a look-alike host.
  for (const char* page :
       {"https://m.facebook.com/", "https://www.instagram.com/janedoe/", "https://x.com.evil.example/home",
        "https://mail.google.com.evil.example/mail/", "https://mail.google.com/mailbox",
        "https://www.linkedin.com.evil.example/feed/", "https://messages.google.com/", "not a url"})
    EXPECT_FALSE(f.inbox.begin(page)) << page;
}

// What the inbox script watches comes from the entry: every attribute its
// selectors test, what it reads, and what a recycled row is given anew.
TEST(InboxCatalog, TheWatchedAttributesAreTheOnesTheEntryReads) {
  const auto watched = [](std::string_view id) {
    for (const deadbolt::InboxMarkup& m : deadbolt::inbox_table())
      if (m.id == id) {
        std::string out;
        deadbolt::append_watched_attributes(m, out);
        return " " + out + " ";
      }
    return std::string();
  };
  const std::string x = watched("x-drawer");
  for (const char* name : {"data-testid", "aria-selected", "data-selected", "href", "aria-description", "data-peer-id"})
    EXPECT_NE(x.find(std::string(" ") + name + " "), std::string::npos) << name << " in" << x;
  EXPECT_EQ(x.find(" text "), std::string::npos) << "the element's text is no attribute";
  const std::string telegram = watched("telegram");
  EXPECT_NE(telegram.find(" data-peer-type "), std::string::npos) << telegram;
  EXPECT_NE(telegram.find(" href "), std::string::npos) << telegram;
  const std::string gmail = watched("gmail");
  for (const char* name : {"email", "jid", "name"})
    EXPECT_NE(gmail.find(std::string(" ") + name + " "), std::string::npos) << name << " in" << gmail;
  // Each once, for the observer's attribute filter.
  EXPECT_EQ(gmail.find(" email "), gmail.rfind(" email "));
}

TEST(InboxSenders, GmailRowsByEmailAttribute) {
  Fixture f;
  EXPECT_EQ(f.row(kGmail, {{{'A', "jane.doe@example.com"}, {'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(kGmail, {{{'A', "Jane.Doe@Example.com"}}}).action, RowAction::seal) << "case never matters";
  EXPECT_EQ(f.row(kGmail, {{{'A', "j.a.n.e.doe+x@gmail.com"}}}).action, RowAction::seal) << "one Gmail mailbox";
  // The user's own "me" is not another party.
  EXPECT_EQ(f.row(kGmail, {{{'A', "jane.doe@example.com"}}, {{'A', "me@example.net"}, {'N', "me"}}}).action,
            RowAction::seal);
  // Look-alikes stay apart.
  EXPECT_EQ(f.row(kGmail, {{{'A', "jane.doe2@example.com"}, {'N', "Jane D."}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kGmail, {{{'A', "janedoe@example.com"}}}).action, RowAction::show) << "dots count outside Gmail";
  EXPECT_EQ(f.row(kGmail, {{{'A', "jane.doe@example.co"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kGmail, {{{'A', "bob@example.com"}, {'N', "Bob"}}}).action, RowAction::show);
  // A message of an open thread: her avatar (jid), her as sender, "me" as recipient.
  EXPECT_EQ(f.row(kGmail, {{{'A', "jane.doe@example.com"}},
                           {{'A', "jane.doe@example.com"}, {'N', "Jane Doe"}},
                           {{'A', "me@example.net"}, {'N', "me"}}})
                .action,
            RowAction::seal);
}

TEST(InboxSenders, SeveralParticipantsCoverOnlyTheListed) {
  Fixture f;
  const auto v = f.row(kGmail, {{{'A', "bob@example.com"}, {'N', "Bob"}},
                                {{'A', "jane.doe@example.com"}, {'N', "Jane"}},
                                {{'A', "me@example.net"}, {'N', "me"}}});
  EXPECT_EQ(v.action, RowAction::cover);
  ASSERT_EQ(v.listed.size(), 1u);
  EXPECT_EQ(v.listed[0], 1) << "the second participant is hers";
  EXPECT_EQ(v.person, 0);
  // A group chat (the markup's group marker) with her in it: covered, not sealed.
  EXPECT_EQ(f.row("https://web.whatsapp.com/", {{{'N', "Jane Doe"}}}, true).action, RowAction::cover);
}

TEST(InboxSenders, WhatsAppByNumberIdAndSavedName) {
  Fixture f;
  const std::string_view wa = "https://web.whatsapp.com/";
  EXPECT_EQ(f.row(wa, {{{'A', "15551234567@c.us"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(wa, {{{'A', "false_15551234567@c.us_3EB0C0FFEE"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(wa, {{{'N', "+1 555-123-4567"}}}).action, RowAction::seal) << "an unsaved contact shows the number";
  EXPECT_EQ(f.row(wa, {{{'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(wa, {{{'N', "jané  doe"}}}).action, RowAction::seal) << "case and accents fold";
  EXPECT_EQ(f.row(wa, {{{'N', "Janey"}}}).action, RowAction::seal) << "a name the user gave them";
  EXPECT_EQ(f.row(wa, {{{'N', "J ❤️"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(wa, {{{'N', "J"}}}).action, RowAction::show) << "the heart is part of that name";
  // Look-alikes.
  EXPECT_EQ(f.row(wa, {{{'A', "155512345678@c.us"}}}).action, RowAction::show) << "a longer number";
  EXPECT_EQ(f.row(wa, {{{'A', "15551234568@c.us"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(wa, {{{'N', "Jane Doerr"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(wa, {{{'N', "Jane Doe Smith"}}}).action, RowAction::show) << "names match whole";
  EXPECT_EQ(f.row(wa, {{{'N', "Jane"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(wa, {{{'N', "Janet"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(wa, {{{'A', "15551234567@g.us"}}}).action, RowAction::show) << "a group id is not her number";
}

// Google Messages shows an unsaved contact's number as the phone writes it:
// in its own country without the country code, "(555) 123-4567".
TEST(InboxSenders, GoogleMessagesByNameAndNationalNumber) {
  Fixture f;
  const std::string_view gm = "https://messages.google.com/web/conversations";
  EXPECT_EQ(f.row(gm, {{{'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(gm, {{{'N', "Janey"}}}).action, RowAction::seal) << "a name the user gave them";
  EXPECT_EQ(f.row(gm, {{{'N', "(555) 123-4567"}}}).action, RowAction::seal) << "her number, national";
  EXPECT_EQ(f.row(gm, {{{'N', "555-123-4567"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(gm, {{{'N', "+1 (555) 123-4567"}}}).action, RowAction::seal) << "international";
  EXPECT_EQ(f.row(gm, {{{'N', "1 555 123 4567"}}}).action, RowAction::seal) << "international, no '+'";
  EXPECT_EQ(f.row(gm, {{{'N', "07700 900123"}}}).action, RowAction::seal)
      << "Sam's number, national with its trunk 0 (his open channel is WhatsApp, not texts)";
  // Look-alikes: another number, a longer one, a short code, a name.
  EXPECT_EQ(f.row(gm, {{{'N', "(555) 123-4568"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(gm, {{{'N', "(555) 123-45678"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(gm, {{{'N', "+44 555 123 4567"}}}).action, RowAction::show) << "her national digits, another country";
  EXPECT_EQ(f.row(gm, {{{'N', "123-456"}}}).action, RowAction::show) << "a short code";
  EXPECT_EQ(f.row(gm, {{{'N', "Jane Doerr"}}}).action, RowAction::show);
  // A national number names no conversation to open (its country is not written).
  EXPECT_EQ(f.row("https://web.whatsapp.com/", {{{'N', "(555) 123-4567"}}}).open, "");
}

TEST(InboxSenders, CoparentChannelStaysOpenElsewhereSealed) {
  Fixture f;
  EXPECT_EQ(f.row("https://web.whatsapp.com/", {{{'A', "447700900123@c.us"}}}).action, RowAction::open);
  EXPECT_EQ(f.row("https://web.whatsapp.com/", {{{'N', "Sam Coparent"}}}).action, RowAction::open);
  EXPECT_EQ(f.row(kGmail, {{{'A', "sam@example.org"}}}).action, RowAction::seal) << "not the open channel";
  // Sam and Jane in one WhatsApp row: Jane is not an open channel.
  const auto v = f.row("https://web.whatsapp.com/", {{{'N', "Sam Coparent"}}, {{'N', "Jane Doe"}}}, true);
  EXPECT_EQ(v.action, RowAction::cover);
  EXPECT_EQ(v.person, 0);
}

TEST(InboxSenders, MessengerInstagramXLinkedInTelegramByLinksAndNames) {
  Fixture f;
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/t/jane.doe.77/"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/t/janedoe77/"}}}).action, RowAction::seal)
      << "Facebook ignores dots";
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/t/jane.doe.78/"}}}).action, RowAction::show);
  EXPECT_EQ(f.row("https://www.facebook.com/messages/t/1", {{{'L', "/messages/t/jane.doe.77/"}}}).action,
            RowAction::seal);
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/e2ee/t/7288172/"}}}).action, RowAction::show)
      << "a thread id names nobody";
  EXPECT_EQ(f.row("https://www.instagram.com/direct/inbox/", {{{'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://www.instagram.com/direct/inbox/", {{{'L', "/janedoe/"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://www.instagram.com/direct/inbox/", {{{'L', "/janedoe2/"}}}).action, RowAction::show);
  EXPECT_EQ(f.row("https://x.com/messages", {{{'L', "/janedoe_x"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://x.com/messages", {{{'L', "/janedoe_xx"}}}).action, RowAction::show);
  EXPECT_EQ(f.row("https://www.linkedin.com/messaging/", {{{'L', "/in/jane-doe-123/"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://www.linkedin.com/messaging/", {{{'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://www.linkedin.com/messaging/", {{{'N', "Jane Doe, Bob Smith"}}}).action, RowAction::show)
      << "a group's joined names are not her name";
  EXPECT_EQ(f.row("https://web.telegram.org/k/", {{{'L', "#@janedoe_tg"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://web.telegram.org/k/", {{{'L', "#@janedoe_tg2"}}}).action, RowAction::show);
  EXPECT_EQ(f.row("https://web.telegram.org/k/", {{{'N', "Janey"}}}).action, RowAction::seal);
}

TEST(InboxSenders, TitlesAndNotificationsNamingThem) {
  Fixture f;
  EXPECT_EQ(f.inbox.person_in_text("(1) Jane Doe"), 0);
  EXPECT_EQ(f.inbox.person_in_text("Jane Doe messaged you"), 0);
  EXPECT_EQ(f.inbox.person_in_text("New message from Janey: are you up?"), 0);
  EXPECT_EQ(f.inbox.person_in_text("jane.doe@example.com"), 0);
  EXPECT_EQ(f.inbox.person_in_text("+1 555 123 4567"), 0);
  // An unsaved contact's notification, as Google Messages writes its number.
  EXPECT_EQ(f.inbox.person_in_text("(555) 123-4567\nnew number, it's me"), 0);
  EXPECT_EQ(f.inbox.person_in_text("+1 (555) 123-4567"), 0);
  EXPECT_EQ(f.inbox.person_in_text("(555) 123-4568\nwrong number?"), -1);
  EXPECT_EQ(f.inbox.person_in_text("Your code is 5551234"), -1);
  EXPECT_EQ(f.inbox.person_in_text("(1) WhatsApp"), -1);
  EXPECT_EQ(f.inbox.person_in_text("Jane Doerr sent a photo"), -1);
  EXPECT_EQ(f.inbox.person_in_text("Inbox (3) - me@example.net - Gmail"), -1);
  EXPECT_EQ(f.inbox.person_in_text(""), -1);
}

TEST(InboxList, NamesAreValidatedAndKeptOnExport) {
  Engine e;
  deadbolt::BlocklistError error;
  EXPECT_FALSE(e.load(R"({"version":1,"people":[{"name":"A","names":"Janey","accounts":[]}]})", error));
  EXPECT_EQ(error.path, "$.people[0].names");
  EXPECT_FALSE(e.load(R"({"version":1,"people":[{"name":"A","names":["!!"],"accounts":[]}]})", error));
  EXPECT_EQ(error.path, "$.people[0].names[0]");
  ASSERT_TRUE(e.load(kList, error)) << error.to_string();
  EXPECT_NE(deadbolt::serialize_blocklist(e.blocklist()).find("Janey"), std::string::npos);
  // The names do not become search keywords of the main list.
  EXPECT_FALSE(e.decide("https://www.google.com/search?q=janey").block);
}

}  // namespace

namespace {

// The open conversation beside the list: its header read as ONE participant
// (a status line is not another person), the page's URL as a link.
TEST(InboxPane, HeaderIsOneParticipantStatusLinesIncluded) {
  Fixture f;
  constexpr std::string_view kWhatsApp = "https://web.whatsapp.com/";
  EXPECT_EQ(f.row(kWhatsApp, {{{'N', "Janey"}, {'N', "online"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(kWhatsApp, {{{'N', "Mum"}, {'N', "online"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kWhatsApp, {{{'N', "Jane Doerr"}, {'N', "last seen today at 10:01"}}}).action, RowAction::show);
  constexpr std::string_view kLinkedIn = "https://www.linkedin.com/messaging/thread/2-AAA/";
  EXPECT_EQ(f.row(kLinkedIn, {{{'L', "/in/jane-doe-123/"}, {'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(kLinkedIn, {{{'L', "/in/jane-doe-1234/"}, {'N', "Jane Doerr"}}}).action, RowAction::show);
  // LinkedIn's overlay bubble on the feed: its header's name, its photo's alt.
  constexpr std::string_view kLinkedInFeed = "https://www.linkedin.com/feed/";
  EXPECT_EQ(f.row(kLinkedInFeed, {{{'N', "Jane Doe"}, {'N', "Jane Doe"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(kLinkedInFeed, {{{'N', "Kristine McCarthy"}, {'N', "Kristine McCarthy"}}}).action, RowAction::show);
  // X's drawer on the home timeline: a row's avatar link.
  EXPECT_EQ(f.row("https://x.com/home", {{{'L', "/janedoe_x"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row("https://x.com/home", {{{'L', "/janedoe_xx"}}}).action, RowAction::show);
  // The page's own URL names them (Messenger opens /t/<id> by itself).
  EXPECT_EQ(
      f.row("https://www.messenger.com/t/jane.doe.77/", {{{'L', "https://www.messenger.com/t/jane.doe.77/"}}}).action,
      RowAction::seal);
  EXPECT_EQ(
      f.row("https://www.messenger.com/t/100004444444444/", {{{'L', "https://www.messenger.com/t/100004444444444/"}}})
          .action,
      RowAction::show);
}

// X Chat names a row's other party only in its aria-description, "<name>,
// @<handle>, <last message>, <time>": the handle there is decided as a link
// to their profile, and nothing else in it is read.
TEST(InboxHandle, XChatRowIsToldByTheHandleInItsDescription) {
  Fixture f;
  constexpr std::string_view kChat = "https://x.com/i/chat";
  EXPECT_EQ(f.row(kChat, {{{'H', "Jane, @janedoe_x, you up?, 2h"}}}).action, RowAction::seal);
  EXPECT_EQ(f.row(kChat, {{{'H', "Jane, @JaneDoe_X, you up?, 2h, Unread"}}}).action, RowAction::seal);
  // The same in X Chat's drawer on the home timeline, beside the older drawer's rows.
  EXPECT_EQ(f.row("https://x.com/home", {{{'H', "Jane, @janedoe_x, hi, 1d"}}}).action, RowAction::seal);
  // Someone else; a look-alike handle; her handle only in a friend's last message.
  EXPECT_EQ(f.row(kChat, {{{'H', "Friendly, @friendly_x, lol, 3h"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kChat, {{{'H', "Jane X, @janedoe_xx, hi, 1d"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kChat, {{{'H', "Friendly, @friendly_x, ask @janedoe_x, 3h"}}}).action, RowAction::show);
  // Her name alone is not read from the description (free text), nor a
  // handle that would reach beyond one path segment.
  EXPECT_EQ(f.row(kChat, {{{'H', "Jane Doe, hi, 2h"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kChat, {{{'H', "x, @../janedoe_x, hi"}}}).action, RowAction::show);
  EXPECT_EQ(f.row(kChat, {{{'H', "x, @janedoe_x/status/1, hi"}}}).action, RowAction::show);
  // The row's avatar link, when it has one, says the same.
  EXPECT_EQ(f.row(kChat, {{{'H', "Jane, @janedoe_x, hi, 2h"}}, {{'L', "https://x.com/janedoe_x"}}}).action,
            RowAction::seal);
  // X Chat is drawn in a shadow root: both entries say where.
  EXPECT_EQ(deadbolt::inbox_markup_for("x.com", "/i/chat")->shadow, "[data-testid=\"xchatEmbedRoute\"]");
  EXPECT_EQ(deadbolt::inbox_markup_for("x.com", "/home")->shadow, "[data-testid=\"xchatEmbedRoute\"]");
  // An inbox whose markup names no handle attribute reads none.
  EXPECT_EQ(f.row("https://www.linkedin.com/messaging/", {{{'H', "Jane, @janedoe_x, hi, 2h"}}}).action,
            RowAction::show);
  // X Chat shown at /messages (an account moved to it): read there too.
  EXPECT_EQ(f.row("https://x.com/messages", {{{'H', "Jane, @janedoe_x, hi, 2h"}}}).action, RowAction::seal);
}

TEST(InboxPane, EveryPaneCanBeTold) {
  // A pane with neither a header to read nor a current row to follow could
  // only be told by its URL: every entry with a pane says one of them.
  int panes = 0;
  for (const auto& m : deadbolt::inbox_table()) {
    if (m.pane.empty()) continue;
    ++panes;
    EXPECT_FALSE(m.pane_senders.empty() && m.current.empty()) << m.id;
  }
  EXPECT_GE(panes, 9);
  // Outlook, Yahoo, Instagram Direct and X have an open pane too.
  const std::pair<std::string_view, std::string_view> pages[] = {{"outlook.live.com", "/mail/0/inbox/id/AQQk"},
                                                                 {"mail.yahoo.com", "/d/folders/1"},
                                                                 {"www.instagram.com", "/direct/t/3402823/"},
                                                                 {"x.com", "/messages/1-2"},
                                                                 {"x.com", "/i/chat/1111:2222"},
                                                                 {"messages.google.com", "/web/conversations/4142"}};
  for (const auto& [host, path] : pages) {
    const deadbolt::InboxMarkup* m = deadbolt::inbox_markup_for(host, path);
    ASSERT_NE(m, nullptr) << host;
    EXPECT_FALSE(m->pane.empty()) << host;
  }
}

// A sealed conversation can be opened on purpose: the row says an address
// of it that names them (the block page's cool-down opens it), when it has one.
TEST(InboxOpen, RowSaysWhereTheConversationOpens) {
  Fixture f;
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/t/jane.doe.77/"}, {'N', "Jane Doe"}}}).open,
            "https://www.messenger.com/t/jane.doe.77/");
  EXPECT_EQ(f.row("https://web.whatsapp.com/", {{{'A', "false_15551234567@c.us_3EB0"}, {'N', "Janey"}}}).open,
            "https://web.whatsapp.com/send?phone=15551234567");
  EXPECT_EQ(f.row("https://web.whatsapp.com/", {{{'N', "+1 555 123 4567"}}}).open,
            "https://web.whatsapp.com/send?phone=15551234567");
  EXPECT_EQ(f.row("https://web.telegram.org/k/", {{{'L', "#@janedoe_tg"}, {'N', "Jane"}}}).open,
            "https://web.telegram.org/k/#@janedoe_tg");
  // No address that names them: a thread id, a profile, a mail.
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/e2ee/t/7288172616/"}, {'N', "Jane Doe"}}}).open, "");
  EXPECT_EQ(f.row("https://x.com/messages", {{{'L', "/janedoe_x"}}}).open, "");
  EXPECT_EQ(f.row(kGmail, {{{'A', "jane.doe@example.com"}}}).open, "");
  // Someone else's conversation says none.
  EXPECT_EQ(f.row("https://www.messenger.com/", {{{'L', "/t/100004444444444/"}, {'N', "Alex Kim"}}}).open, "");
}

// A pane header's free text ("Jane Doe <jane.doe@example.com>", Yahoo's and
// Outlook's sender lines) is read for addresses and numbers only.
TEST(InboxPane, HeaderTextGivesAddressesNotNames) {
  Fixture f;
  constexpr std::string_view kYahoo = "https://mail.yahoo.com/d/folders/1/messages/101";
  const auto text = [&](std::string_view value) {
    f.inbox.begin(kYahoo);
    f.inbox.participant();
    f.inbox.text(value);
    return f.inbox.decide_row().action;
  };
  EXPECT_EQ(text("Jane Doe jane.doe@example.com"), RowAction::seal);
  EXPECT_EQ(text("Jane Doe\n  <jane.doe@example.com>"), RowAction::seal);
  EXPECT_EQ(text("From: J (+1 555 123 4567)"), RowAction::seal);
  EXPECT_EQ(text("Jane Doe jane.doe@example.co"), RowAction::show) << "a look-alike address";
  EXPECT_EQ(text("Jane Doe"), RowAction::show) << "a name in free text is not read";
  EXPECT_EQ(text("Janey <janey@example.net>"), RowAction::show);
  EXPECT_EQ(text(""), RowAction::show);
}

}  // namespace
