// The inbox table: how each web inbox marks up its conversation rows, as CSS
// selectors the inbox content script queries (it knows none of its own).
// Data only, beside the feed table; one entry per inbox, each with the
// public sources its facts were read from (read 2026-12-04 with the
// project's search tools). Inboxes change their markup often: each entry is
// the one place to fix, and the fake pages of tests/e2e/inbox/ reproduce
// these facts, not the live sites.
//
//   hosts, paths  where the inbox is (exact hosts; path prefixes, "/" any)
//   channel       the co-parent channel it is (DESIGN: coparent.channel)
//   rows          conversation rows (held back until decided)
//   senders       inside a row (or the row itself): one element per participant
//   addresses     attributes read as an email address, a number or a WhatsApp id
//   names         attributes read as a shown name ("text": the element's text)
//   preview       the preview text and unread badge (covered in a group row)
//   group         a row (or something in it) matching this is a group chat
//   self          shown names that are the user, not another party
//   pane          the open conversation beside the list ("" none known)
//   pane_senders  inside the pane: what names its other party (its header),
//                 read together as ONE participant (a header's status line,
//                 "online", is not another person)
//   current       a row (or something in it) matching this is the open one
//   open          the conversation's address written from a listed number
//   handle        an attribute holding a participant's handle amid other text
//   shadow        hosts whose shadow root holds the inbox (rows, pane)
//
// The open pane is sealed whole when its header names a listed person, when
// the page's URL does (messenger.com/t/<them>), or when the list's current
// row is sealed (the apps open the latest conversation by themselves: the
// one they wrote last). A group's pane stays: its header names the group.
#include "deadbolt/inbox.h"

namespace deadbolt {
namespace {

// X Chat, on /i/chat and in the drawer on X's other pages (see the x-chat
// entry): the same rows, pane and shadow root in both.
// (Literals, joined at compile time with the older drawer's selectors.)
#define X_CHAT_ROWS "[data-testid^=\"dm-conversation-item-\"], a[id^=\"dm-conversation-option-\"]"
#define X_CHAT_SENDERS                                                                                          \
  "[data-testid^=\"dm-conversation-item-\"], a[id^=\"dm-conversation-option-\"], a[href^=\"https://x.com/\"], " \
  ".font-chirp.line-clamp-1"
constexpr std::string_view kXChatGroup =
    "[data-testid^=\"dm-conversation-item-g\"], a[id^=\"dm-conversation-option-g\"]";
constexpr std::string_view kXChatPane = "[data-testid=\"dm-conversation-panel\"]";
constexpr std::string_view kXChatPaneSenders =
    "[data-testid=\"dm-conversation-header\"] a[href], [data-testid=\"dm-conversation-username\"]";
constexpr std::string_view kXChatCurrent = "[data-selected=\"true\"], [aria-selected=\"true\"]";
constexpr std::string_view kXChatRoot = "[data-testid=\"xchatEmbedRoute\"]";
// A row names its other party in its aria-description, "<name>, @<handle>,
// <last message>, <time>". The first ", @" is read: a display name that
// holds one itself is read wrong (the row's avatar link and the open pane's
// header link still tell), and a chat with oneself, which has no handle
// there, is read by a message that starts ", @<handle>,".
constexpr InboxHandle kXChatHandle = {"aria-description", ", @", ",", "/{}"};

}  // namespace

// Attributes a list gives a recycled row anew, beside what the selectors
// read: Telegram Web's rows carry their chat's data-peer-id (the entry
// below), WhatsApp's their chat's data-id (read as an address too).
const std::string_view kRecycledRowAttributes = "data-peer-id data-id";

const std::vector<InboxMarkup>& inbox_table() {
  static const std::vector<InboxMarkup> table = {
      // Gmail: each thread row of the list is tr.zA; its participants are
      // span elements with an `email` attribute (and `name`) inside .yW,
      // the user's own one named "me"; the subject is .bog, the snippet
      // .y2. Sources: gmail.js (KartikTalwar/gmail.js, its DOM helpers read
      // `tr.zA` rows and `span[email]` senders), InboxSDK's thread-row view
      // (the same `[email]` spans), and public extensions' row readers
      // ("Extract sender email from an inbox row (.zA element)" with
      // '.yW span[email]'). A thread opens at #inbox/<thread id>, which
      // names no person; each message of an open thread is div.adn (gmail.js'
      // email element), its sender span.gD[email] and avatar img[jid], its
      // recipients span.g2[email], its body .a3s (as a rendered Gmail page
      // saved as a test fixture by SubstrateLabs/brocc,
      // _gmail-inbox-thread.html, Apr 2025, shows). The thread's subject
      // (h2.hP) sits outside the messages and is not sealed.
      {"gmail", "mail.google.com", "/mail", "email", "tr.zA, div.adn", "span[email], img[jid]", "email jid", "name",
       ".y2, .bog, .bqe, .xT, .a3s", "", "me",
       // No pane: an open thread's messages (div.adn) are rows of their own,
       // each sealed, covered or shown by its sender, so a thread with Bob
       // and Jane keeps Bob's messages. Its subject line (h2.hP) stays.
       "", "", ""},
      // Outlook on the web: the message list is a listbox of
      // div[role="option"] rows carrying data-convid; the sender's display
      // name is a span whose `title` is the address. Sources: public
      // Outlook-web extensions' readers ('[role="option"]', 'title'
      // attributes holding addresses; outlook-web-copy-link, Outlook Copy
      // Sender) and Microsoft's ARIA listbox pattern.
      {"outlook", "outlook.live.com outlook.office.com outlook.office365.com", "/mail", "email",
       "div[role=\"option\"][data-convid], [role=\"listbox\"] > div[role=\"option\"]", "span[title*=\"@\"]", "title",
       "", "span:not([title])", "", "",
       // The reading pane beside the list: #ReadingPaneContainerId, a
       // role="region" labelled "Reading Pane", or
       // [data-app-section="MailReadingPaneContainer"]; its header's sender
       // carries the address in a title (read with the header's text, in
       // which Outlook also writes "Name <address>"); the open row is the
       // listbox option with aria-selected="true". The message's URL
       // (/mail/inbox/id/<id>) names nobody. Sources: the public "Outlook
       // Copy Sender" extension v1.7.0 (reading pane by
       // #ReadingPaneContainerId or [role="region"][aria-label*="Reading" i],
       // the sender read from [title*="@"] in its header), a public
       // mail-archiving extension's OutlookFetcher (readingPane
       // 'div[role="region"][aria-label*="eading"]',
       // '[data-app-section="MailReadingPaneContainer"]', sender
       // '[data-app-section="SenderLine"]'), and the ARIA listbox pattern.
       // Thin: which header element holds the address varies by build, so
       // every [title*="@"] of the pane and its SenderLine's text are read.
       "#ReadingPaneContainerId, [role=\"region\"][aria-label*=\"Reading\" i], "
       "[data-app-section=\"MailReadingPaneContainer\"]",
       "[title*=\"@\"], [data-app-section=\"SenderLine\"]", "[aria-selected=\"true\"]"},
      // Yahoo Mail: rows are [data-test-id="message-list-item"]; senders
      // are span[title] (the address) in [data-test-id="senders"]; subject
      // and snippet have their own data-test-id. Source: Yahoo's
      // data-test-id attributes as read by public Yahoo Mail extensions
      // (will355/email-scam-detection-chrome-ext providers/yahoo.js reads
      // data-test-id="message-from" / "message-subject").
      {"yahoo", "mail.yahoo.com", "/", "email", "[data-test-id=\"message-list-item\"]",
       "[data-test-id=\"senders\"] span[title], [data-test-id=\"senders_list\"] span[title]", "title", "",
       "[data-test-id=\"message-subject\"], [data-test-id=\"message-snippet\"], [data-test-id=\"snippet\"]", "", "",
       // The open message beside the list: [data-test-id="message-view"];
       // its sender [data-test-id="message-from"] (or "message-view-from"),
       // whose text holds the sender's name and address. The message's URL
       // (/d/folders/1/messages/<id>) names nobody, and no public source
       // names how the list marks the open row, so none is read. Sources:
       // will355/email-scam-detection-chrome-ext providers/yahoo.js
       // (isViewingEmail: '[data-test-id="message-view"]'; the address read
       // from the text of '[data-test-id="message-from"]'), a public mail
       // reader's getYahooEmail ('[data-test-id="message-view-from"]' ||
       // '[data-test-id="message-from"]'). Thin: a title holding the address
       // is not documented, so the text is read for it.
       "[data-test-id=\"message-view\"]", "[data-test-id=\"message-from\"], [data-test-id=\"message-view-from\"]", ""},
      // WhatsApp Web: the chat list (#pane-side, role="grid") has
      // role="row"/"listitem" rows; the contact's saved name, or the number
      // of an unsaved one, is span[title]; a chat's id is "<number>@c.us"
      // ("<id>@g.us" for a group) in data-id attributes; the last message is
      // span[dir="ltr"], the unread count [data-icon="unread-count"]. Sources:
      // public WhatsApp Web automation (selector references: 'span[title]'
      // chat names, '[role="grid"] div[role="row"]' rows, 'span[dir="ltr"]'
      // previews; whatsapp-web.js / WA-JS ids "<number>@c.us", "@g.us").
      {"whatsapp", "web.whatsapp.com", "/", "whatsapp", "#pane-side [role=\"row\"], #pane-side [role=\"listitem\"]",
       "span[title], [data-id]", "data-id", "title",
       "span[dir=\"ltr\"], span.selectable-text, [data-icon=\"unread-count\"], [aria-label*=\"unread\"]",
       "[data-id*=\"@g.us\"]", "",
       // The open chat is #main; its header holds the contact's name
       // (span[title], or span[dir="auto"] in newer builds) and status.
       // Sources: public WhatsApp Web automation ("//div[@id='main']/header"
       // as the profile button; "document.querySelector('#main header')"
       // then 'span[dir="auto"]' for the contact's name). The selected row:
       // aria-selected, the ARIA grid pattern the list follows (role="grid").
       "#main", "header span[title], header span[dir=\"auto\"]", "[aria-selected=\"true\"]",
       // A chat is opened by its number at web.whatsapp.com/send?phone=
       // (WhatsApp's click-to-chat, the shape catalog_data.cpp decides).
       "https://web.whatsapp.com/send?phone={phone}"},
      // Google Messages for web (messages.google.com/web): the texts (SMS,
      // RCS) of the person's phone. An Angular app: the conversation list
      // (mws-conversations-list) holds mws-conversation-list-item rows
      // (role="option"), each an a[data-e2e-conversation] to
      // /web/conversations/<id> (an id, not a person). The row's name
      // ([data-e2e-conversation-name], an h2.name) is the contact's saved
      // name or, unsaved, the number as the phone writes it: national in its
      // own country, "(555) 555-7334". The preview is
      // mws-conversation-snippet ("Sender: text" or "You: text"), the time
      // mws-relative-timestamp, an unread row's text .text-content.unread;
      // the open one has aria-selected="true". Sources: the "Google Messages
      // Parsing Hints" of MV10/clanker (docs/page-structure.md, FEB-2026:
      // rows, a[data-e2e-conversation],
      // [data-e2e-conversation-name], the snippet, aria-selected, numbers
      // "(XXX) XXX-XXXX" for unsaved contacts, the conversation area
      // [data-e2e-conversation-container]); a public Google Messages web
      // utility script for Claude in Chrome (2026: names read from the row's
      // .name, the header from '.title-container .title h2' or 'div.title h2',
      // messages mws-message-wrapper). Thin: how a group row names its
      // members, and whether the header sits inside the conversation area,
      // are not documented; a group row whose name is not one person's stays.
      {"google-messages", "messages.google.com", "/web", "",
       "mws-conversation-list-item, a[data-e2e-conversation]:not(mws-conversation-list-item a)",
       "[data-e2e-conversation-name], h2.name", "", "text", "mws-conversation-snippet", "", "",
       // The open conversation, sealed by its header's name or by the
       // list's selected row (its URL names nobody).
       "[data-e2e-conversation-container]", ".title-container .title h2, div.title h2", "[aria-selected=\"true\"]"},
      // Messenger (messenger.com): each chat is a row holding a link to
      // /t/<username or id>; a group's link names a thread, not a person,
      // and so does an end-to-end encrypted chat's (/e2ee/t/<thread>): there
      // the name (the link's first span[dir="auto"]) is what tells.
      // Sources: public Messenger scrapers ('a[href^="/t/"]' conversation
      // links), Messenger's m.me / messenger.com/t/ links (catalog_data.cpp).
      {"messenger", "www.messenger.com messenger.com", "/", "messenger",
       "[role=\"row\"]:has(a[href*=\"/t/\"]), [role=\"listitem\"]:has(a[href*=\"/t/\"])",
       "a[href*=\"/t/\"], a[href*=\"/t/\"] span[dir=\"auto\"]", "", "text", "span[dir=\"auto\"]", "", "",
       // The open thread is the page's role="main" column beside the chat
       // list (role="navigation"), at /t/<id>: sealed by its URL or by the
       // current row, which the chat list marks with ARIA's aria-current
       // (WAI-ARIA 1.2; its header's markup is not publicly documented).
       "[role=\"main\"]", "", "[aria-current=\"page\"], [aria-selected=\"true\"]"},
      // Messenger inside Facebook (facebook.com/messages): the same rows,
      // links to /messages/t/<username or id>. Source: public Facebook
      // scrapers ("//a[contains(@href, '/messages/t/')]", role="row").
      {"facebook-messages", "www.facebook.com facebook.com web.facebook.com m.facebook.com", "/messages", "messenger",
       "[role=\"row\"]:has(a[href*=\"/t/\"]), [role=\"listitem\"]:has(a[href*=\"/t/\"])",
       "a[href*=\"/t/\"], a[href*=\"/t/\"] span[dir=\"auto\"]", "", "text", "span[dir=\"auto\"]", "", "",
       // The open thread is the page's role="main" column beside the chat
       // list (role="navigation"), at /t/<id>: sealed by its URL or by the
       // current row, which the chat list marks with ARIA's aria-current
       // (WAI-ARIA 1.2; its header's markup is not publicly documented).
       "[role=\"main\"]", "", "[aria-current=\"page\"], [aria-selected=\"true\"]"},
      // Messenger's popover on Facebook's other pages (the top bar's
      // Messenger button): a dialog labelled "Messenger" holding the grid of
      // chats labelled "Chats", whose rows link to /messages/t/<id> or
      // /messages/e2ee/t/<id>, as on facebook.com/messages. Sources: the
      // public Ghostify extension (src/platforms/facebook.js, 2026: the
      // popover is '[role="dialog"][aria-label="Messenger"]' with
      // '[role="grid"][aria-label="Chats"]', a chat opened from it by its
      // link to '/messages/t/' or '/messages/e2ee/t/'); the row markup of
      // the entry above. Read by role and link, not by its localised labels.
      // Thin: the docked chat windows ("Messages in conversation with …")
      // show no public identity but their label: not read.
      {"facebook-popover", "www.facebook.com facebook.com web.facebook.com", "/", "messenger",
       "[role=\"dialog\"] [role=\"row\"]:has(a[href*=\"/t/\"])",
       "a[href*=\"/t/\"], a[href*=\"/t/\"] span[dir=\"auto\"]", "", "text", "span[dir=\"auto\"]", "", "", "", "", ""},
      // Instagram Direct: the inbox at /direct/inbox/ lists threads that
      // open /direct/t/<thread id> (a thread, not a person); a row shows the
      // other party's name (span[title]) and avatar. Sources: public
      // Instagram DM tools (thread URLs /direct/t/{thread_id}/, thread rows
      // div[role="button"] / role="listitem").
      {"instagram", "www.instagram.com instagram.com", "/direct", "instagram",
       "[role=\"listitem\"]:has(a[href*=\"/direct/t/\"]), a[href*=\"/direct/t/\"]",
       "span[title], a[href]:not([href*=\"/direct/\"])", "", "title", "span[dir=\"auto\"]:not([title])", "", "",
       // The open thread: the element labelled "Conversation with <name>"
       // (its messages "Messages in conversation with <name>"); its header
       // links to the other party's profile, a link labelled "Open the
       // profile page of <handle>". The thread's URL (/direct/t/<thread id>)
       // names a thread, not a person; how the list marks the open row is
       // not publicly documented, so none is read. Sources: public Instagram
       // DM cleaners' selectors (CONVERSATION_HEADER
       // '[aria-label^="Conversation with"]', CONVERSATION_LINK
       // '[role="link"][href][aria-label^="Open the profile page of "]'; a
       // DM exporter's 'div[aria-label^="Conversation with "]',
       // 'a[aria-label*="Open the profile page"]'). Thin: the header's own
       // markup beyond that link is not documented.
       "[aria-label^=\"Conversation with\"]",
       "a[href][aria-label*=\"profile page\"], header a[href]:not([href*=\"/direct/\"])", ""},
      // X messages: each conversation is [data-testid="conversation"],
      // holding the other party's avatar link to /<handle> and their
      // @handle; it opens /messages/<id1>-<id2> (numeric ids). Sources: X's
      // data-testid attributes as used by public DM tools
      // ('[data-testid="conversation"]'; Twitter-UI-Customizer's DM
      // selectors), the /messages/{conversation_id} route.
      // X Chat's rows and root are read here too: an account moved to it may
      // be shown X Chat at /messages (see the x-chat entry).
      {"x", "x.com twitter.com mobile.x.com mobile.twitter.com", "/messages", "",
       "[data-testid=\"conversation\"], " X_CHAT_ROWS, "a[href]:not([href^=\"/messages\"]), " X_CHAT_SENDERS, "",
       "text", "[dir=\"auto\"]", kXChatGroup, "",
       // The open conversation: [data-testid="DmActivityContainer"], or the
       // region (section[role="region"]) that holds its header
       // [data-testid="DMConversationHeader"], whose links go to the other
       // party's profile (/<handle>); the messages scroll inside
       // [data-testid="DmActivityViewport"]. The URL (/messages/<id>-<id>)
       // holds numeric ids, and the list's open row has no documented mark.
       // Sources: public X DM tools ('[data-testid="DMConversationHeader"]
       // a[href^="/"]' for the partner's handle; conversation roots
       // '[data-testid="DmActivityViewport"]',
       // '[data-testid="DmActivityContainer"]', 'section[role="region"]').
       "[data-testid=\"DmActivityContainer\"], section[role=\"region\"]:has([data-testid=\"DMConversationHeader\"])",
       "[data-testid=\"DMConversationHeader\"] a[href]", "", "", kXChatHandle, kXChatRoot},
      // X Chat, the encrypted messages X moved its DMs to in 2025 (/i/chat,
      // /i/chat/<id>:<id>), drawn inside an open shadow root under
      // [data-testid="xchatEmbedRoute"]. Two row designs are in public
      // readers: div[data-testid="dm-conversation-item-<id>:<id>"], whose
      // aria-description reads "<name>, @<handle>, <last message>, <time>[,
      // Unread]" (no handle in a chat with oneself), and later
      // a[id="dm-conversation-option-<id>"] links whose name is a
      // .font-chirp.line-clamp-1 element. Ids are numeric (a group's begins
      // with "g"), never a handle. A row may hold an avatar link
      // a[href="https://x.com/<handle>"]; the open row has
      // data-selected="true" (aria-selected on an ARIA option). The open
      // conversation is [data-testid="dm-conversation-panel"]; its header
      // [data-testid="dm-conversation-header"] links to x.com/<handle>, and
      // [data-testid="dm-conversation-username"] is their name. Sources,
      // public X Chat readers (2025-2026): a Selenium DM listener reading
      // 'div[data-testid^="dm-conversation-item"]' and its aria-description
      // split at ", " (the handle second, "Unread" last); an X DM archiver
      // (group ids "g…", '[data-selected="true"]', the panel and header
      // test ids); XActions' scraper ('[data-testid="dm-inbox-panel"]', the
      // avatar link 'a[href^="https://x.com/"]'); a Playwright tool's shim
      // for the shadow root under [data-testid="xchatEmbedRoute"]; a
      // reading extension written against saved X Chat pages (the shadow
      // root, the header's link, dm-conversation-username); a group-review
      // extension ('a[id^="dm-conversation-option-g"]', '.font-chirp.line-clamp-1').
      // The URL names nobody: the pane is sealed by its header or its row.
      {"x-chat", "x.com twitter.com mobile.x.com mobile.twitter.com", "/i/chat", "", X_CHAT_ROWS, X_CHAT_SENDERS, "",
       "text", "", kXChatGroup, "", kXChatPane, kXChatPaneSenders, kXChatCurrent, "", kXChatHandle, kXChatRoot},
      // X's messages drawer, docked on every other page (/home, a profile…):
      // the same rows as /messages, [data-testid="conversation"], inside
      // [data-testid="DMDrawer"], each with the other party's avatar link
      // a[data-testid="DM_Conversation_Avatar"][href="/<handle>"]. Source: a
      // rendered x.com/home saved as a test fixture by SubstrateLabs/brocc
      // (cli/src/brocc_li/tests/html_fixtures/_x-home.html, commit 817559b3,
      // Apr 2025). No public source shows that drawer's open conversation.
      // X Chat's drawer, [data-testid="chat-drawer-root"] (named by public X
      // customisers' style sheets that hide it, 2026), holds "the full chat
      // UI at 400px" (a public tool's notes on it) with X Chat's
      // [data-testid="dm-inbox-panel"] (a public drawer resizer's
      // selectors): its rows and pane are read as /i/chat's, in its root.
      {"x-drawer", "x.com twitter.com mobile.x.com mobile.twitter.com", "/", "",
       "[data-testid=\"DMDrawer\"] [data-testid=\"conversation\"], " X_CHAT_ROWS,
       "a[href]:not([href^=\"/messages\"]), " X_CHAT_SENDERS, "", "text", "[dir=\"auto\"]", kXChatGroup, "", kXChatPane,
       kXChatPaneSenders, kXChatCurrent, "", kXChatHandle, kXChatRoot},
      // LinkedIn messaging: rows are li.msg-conversation-listitem; the
      // names are .msg-conversation-listitem__participant-names, the
      // snippet .msg-conversation-card__message-snippet(-body), the unread
      // count .msg-conversation-card__unread-count. Source: public LinkedIn
      // DM tools' selector files (sarahcallmesmadds/…/selectors.js).
      // The real list (a rendered messaging page saved as a test fixture by
      // SubstrateLabs/brocc, cli/src/brocc_li/tests/html_fixtures/
      // _linkedin-messages.html, commit 817559b3, Apr 2025) shows: a row
      // holds no link (its .msg-conversation-listitem__link is a div), and
      // its photo, img.presence-entity__image in
      // .msg-selectable-entity__entity whose alt is the person's name,
      // comes before the name: read as a name, the photo is never painted
      // while the name is still on its way (a row arriving in parts). A
      // group's tiled photos are not that one-person presence entity.
      {"linkedin", "www.linkedin.com linkedin.com", "/messaging", "linkedin",
       "li.msg-conversation-listitem, .msg-conversation-listitem",
       ".msg-conversation-listitem__participant-names, a[href*=\"/in/\"], "
       ".msg-selectable-entity__entity img.presence-entity__image[alt]",
       "", "text alt",
       ".msg-conversation-card__message-snippet, .msg-conversation-card__message-snippet-body, "
       ".msg-conversation-card__unread-count",
       "", "",
       // The open conversation (.msg-convo-wrapper / .msg-thread): its
       // header's link to the person's profile (.msg-thread__link-to-profile,
       // /in/<handle>) and name (.msg-entity-lockup__entity-title); the open
       // row is .msg-conversation-card--active. Sources: the same
       // selectors.js (activeHeaderName '.msg-thread__link-to-profile',
       // activeConversation '.msg-conversation-card--active') and public
       // LinkedIn DM readers (conversationPane '[class*="msg-convo-wrapper"]').
       // The real page (brocc's _linkedin-messages.html, above) marks the
       // open row's inner div .msg-conversations-container__convo-item-link--active
       // instead, and its header links to /in/<member id> (ACoAA…), not to
       // the profile's own address: the header's name is what tells there.
       ".msg-convo-wrapper, .msg-thread", ".msg-thread__link-to-profile, .msg-entity-lockup__entity-title",
       ".msg-conversation-card--active, .msg-conversations-container__convo-item-link--active"},
      // LinkedIn's messaging overlay, docked on every other page (the feed,
      // profiles, …): its list (section.msg-overlay-list-bubble__content) has
      // rows .msg-conversation-listitem__link.msg-overlay-list-bubble__convo-item--v2
      // (.msg-overlay-list-bubble__convo-item before v2) naming the person in
      // h3.msg-conversation-listitem__participant-names, as /messaging does.
      // Sources: ankit705yadav/chatMarker, content-scripts/linkedin.js
      // ("Floating chat overlay": chatItemFloating, chatNameFloating; commit
      // "Add support for LinkedIn floating chat bar", Nov 2025).
      // An open conversation is a bubble, div.msg-convo-wrapper.msg-overlay-conversation-bubble
      // [role="dialog"], whose header h2.msg-overlay-bubble-header__title is
      // the other party's name and whose photo img.msg-facepile-grid__img--person
      // has it as alt: a rendered LinkedIn feed saved as a test fixture by
      // SubstrateLabs/brocc (cli/src/brocc_li/tests/html_fixtures/_linkedin-feed.html,
      // commit 817559b3, Apr 2025). Which row is open is not marked there.
      {"linkedin-overlay", "www.linkedin.com linkedin.com", "/", "linkedin",
       ".msg-overlay-list-bubble__convo-item--v2, .msg-overlay-list-bubble__convo-item",
       ".msg-conversation-listitem__participant-names, a[href*=\"/in/\"]", "", "text",
       ".msg-conversation-card__message-snippet, .msg-conversation-card__message-snippet-body, "
       ".msg-conversation-card__unread-count, .msg-overlay-list-bubble-item__time-stamp",
       "", "", ".msg-overlay-conversation-bubble",
       ".msg-overlay-bubble-header__title, img.msg-facepile-grid__img--person[alt]", ""},
      // Telegram Web (K at /k/, A at /a/): chat rows are .chatlist-chat
      // (K) and .ListItem.Chat (A) with data-peer-id and a link to
      // #<peer id> or #@<username>; the name is .peer-title (K) or
      // .fullName (A); data-peer-type tells a user from a group or channel.
      // Source: Telegram Web K selector notes in public automation
      // (ktrou69-commits/macro-ai TELEGRAM_SELECTORS.md:
      // li.chatlist-chat[data-peer-type='user'], data-peer-id), Telegram's
      // web.telegram.org/k/#@username links (catalog_data.cpp).
      {"telegram", "web.telegram.org", "/", "telegram", ".chatlist-chat, .ListItem.Chat",
       ".peer-title, .fullName, a[href^=\"#\"]", "", "text",
       ".row-subtitle, .dialog-subtitle, .last-message, .dialog-subtitle-badge, .ChatBadge",
       "[data-peer-type=\"chat\"], [data-peer-type=\"channel\"]", "",
       // The open chat: #column-center .chat (K) or #MiddleColumn (A); its
       // top bar's .peer-title (K) or .ChatInfo .title / .fullName (A).
       // Source: public Telegram Web automation's platform selectors
       // (chatPanel '#column-center .chat, .chat-container, #MiddleColumn';
       // chatHeader '.chat-info .user-title, .top-bar .peer-title, .ChatInfo .title').
       "#column-center .chat, #MiddleColumn",
       ".chat-info .peer-title, .top-bar .peer-title, .ChatInfo .title, .MiddleHeader .fullName", ""},
  };
  return table;
}

}  // namespace deadbolt
