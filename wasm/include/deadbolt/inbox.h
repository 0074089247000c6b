// Inboxes: is a conversation row of a web inbox (Gmail, WhatsApp Web,
// Messenger…) one with a listed person? Then it is sealed: no painted frame
// shows their name, address, photo, preview or unread badge.
//
// The content script gathers a row's participants as the inbox's markup
// entry says (inbox_catalog_data.cpp): for each participant element, the
// values of its address attributes (Gmail's `email`, WhatsApp's `data-id`),
// its shown name (`title`, `name` or text) and its link. The core reads
// each: an email address, a phone number (also WhatsApp's "<number>@c.us"),
// a link decided by the same Engine that blocks navigations (a messenger
// `/t/<id>`, a profile, `#@username` in Telegram Web), or a saved contact
// name compared whole with the person's name, keywords and the extra names
// the user gave them ("names" in the v1 list). Look-alikes stay apart: an
// address or number is compared as its canonical key, a name as all its
// folded words ("Jane Doe" is not "Jane Doerr", nor "Jane Doe Smith").
//
// Several participants (see decide_row): a row whose other parties are all
// listed people is sealed whole; a row that also has someone else (a group
// chat, a thread with another sender) stays, with the listed people's own
// names and the preview (which may be theirs) covered.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "deadbolt/blocklist.h"
#include "deadbolt/decide.h"
#include "deadbolt/key_index.h"
#include "deadbolt/name_index.h"
#include "deadbolt/url.h"

namespace deadbolt {

// Where a participant element writes its account in an attribute amid other
// text (XChat's row: aria-description "Jane Doe, @janedoe, hey, 2h"): the
// handle stands after the first `prefix` and before `end` ("" = the value's
// end); `href` ("/{}") makes it a link on the page's host, decided as a
// participant's link is. Never a name: only what the entry says is read.
struct InboxHandle {
  std::string_view attribute;  // "" none
  std::string_view prefix;     // ", @"
  std::string_view end;        // ","
  std::string_view href;       // "/{}"
};

// One inbox's markup: where it is and the CSS selectors the content script
// queries (the script knows none of its own). Lists are space-separated.
struct InboxMarkup {
  std::string_view id;         // "gmail", "whatsapp", …
  std::string_view hosts;      // hosts the inbox is served on (exact, lower case)
  std::string_view paths;      // path prefixes of the inbox on those hosts; "/" for any
  std::string_view channel;    // the co-parent channel this inbox is ("email", "whatsapp", …); "" none
  std::string_view rows;       // conversation rows
  std::string_view senders;    // inside a row: the elements that each name one participant
  std::string_view addresses;  // attribute names of a participant read as an address, number or id
  std::string_view names;      // attribute names read as a shown name; "text" reads the element's text
  std::string_view preview;    // inside a row: the preview text and unread badge
  std::string_view group;      // a row matching this is a group chat ("" none)
  std::string_view self;       // shown names that are the user ("me"), not another party
  // The open conversation beside the list (see inbox_catalog_data.cpp): it
  // is sealed when its header names only listed people, when the page's
  // own URL names one, or when the list's current row is a sealed one.
  std::string_view pane;          // the open conversation's container ("" none known)
  std::string_view pane_senders;  // inside it: the elements naming its other party (its header)
  std::string_view current;       // a row (or something in it) matching this is the open one
  // The conversation's address written from a listed number ("{phone}":
  // its digits), for a row that holds no link to it; "" none.
  std::string_view open = {};
  InboxHandle handle = {};  // a participant's account written in an attribute
  // Elements whose shadow root holds the inbox (X Chat draws in one): the
  // content script reads rows and panes there too. "" none.
  std::string_view shadow = {};
};

// The inbox table (inbox_catalog_data.cpp).
const std::vector<InboxMarkup>& inbox_table();

// The attributes whose change can alter a row's or a pane's verdict, for
// the inbox script to watch (space-separated, each once): those the entry's
// selectors name ("[aria-selected=…]", "[data-peer-type=…]"), its address,
// name and handle attributes, and those a recycled row is given anew
// (inbox_catalog_data.cpp). Appended to `out`.
void append_watched_attributes(const InboxMarkup& markup, std::string& out);
extern const std::string_view kRecycledRowAttributes;  // inbox_catalog_data.cpp

// The inbox served at `host` + `path` (lower-case host), or null.
const InboxMarkup* inbox_markup_for(std::string_view host, std::string_view path);

// The list the inbox index is built from: every person, with the extra
// names the user gave them ("names": ["Janey", "J ❤️"]) added to their
// keywords (names without a letter or digit cannot be matched and are left).
Blocklist inbox_list(const Blocklist& list);

enum class RowAction {
  show,   // no listed party
  seal,   // every other party is listed: the row shows no trace of them
  cover,  // listed and unlisted parties: their names and the preview are covered
  open,   // only a co-parent, on the channel they keep open: shown
};

struct RowVerdict {
  RowAction action = RowAction::show;
  int person = -1;          // the (first) listed person
  std::vector<int> listed;  // indexes of the participants who are listed
  // An address of the conversation with `person` that names them, for
  // opening it on purpose (the block page's cool-down): a participant link
  // the Engine decides is a message to them (messenger.com/t/<them>,
  // #@<them>), or the entry's `open` written from their number. "" none.
  std::string open;
};

// Decides inbox rows with an Engine loaded with an inbox index. Not
// thread-safe. A participant is begun with participant(), then given
// values; decide_row() ends the row.
class InboxDecider {
 public:
  explicit InboxDecider(Engine& engine) : engine_(engine) { refresh(); }

  // Rebuilds the name index: call after the engine loads a list or snapshot.
  void refresh();

  // Starts a row on `page`; false (nothing sealed) when the page is not an
  // inbox of the table.
  bool begin(std::string_view page);
  const InboxMarkup* markup() const { return markup_; }
  void participant();
  // An address attribute's value: an email address, a phone number, or a
  // WhatsApp id ("15551234567@c.us", inside "false_…@c.us_…" too).
  void address(std::string_view value);
  // A shown name: compared whole with listed names; also read as an
  // address or a number when it is one (an unsaved contact shows its number).
  void name(std::string_view value);
  // A participant's link, as written: resolved against the page.
  void link(std::string_view href);
  // The value of the entry's handle attribute (InboxHandle): the handle in
  // it, made a link on the page's host, decided as link() decides.
  void handle(std::string_view value);
  // A participant's free text (an open pane's header, "Jane Doe
  // <jane.doe@example.com>"): only the addresses and numbers in it are read,
  // never its words as a name, so a look-alike name beside another address
  // stays apart.
  void text(std::string_view value);
  // The row is a group chat (its markup matched the entry's `group`).
  void group() { group_ = true; }
  const RowVerdict& decide_row();
  const RowVerdict& row_verdict() const { return verdict_; }  // the last decide_row()

  // The listed person a text names anywhere, as whole words: a tab title
  // ("(1) Jane Doe", "Jane Doe messaged you") or a notification's title
  // and body; also an address or number in it. -1 when none.
  int person_in_text(std::string_view text);

  // The person a shown name names as a whole, or -1.
  int person_named(std::string_view name);

 private:
  void listed(int person);
  int person_for_address(std::string_view value);
  int person_in_addresses(std::string_view text);  // the first listed address or number in a text

  Engine& engine_;
  NameIndex names_;
  UrlParser page_parser_, link_parser_;
  Url page_, link_;
  const InboxMarkup* markup_ = nullptr;
  bool page_ok_ = false;
  // The row being decided.
  int current_ = -1;  // participant index
  int current_person_ = -1;
  bool current_self_ = false, current_seen_ = false;
  int unlisted_ = 0;
  bool group_ = false;
  std::vector<int> persons_;  // per listed participant, its person
  std::string open_;          // the row's first address of a conversation with a listed person
  int open_person_ = -1;      // that person
  void offer_number(int person, std::string_view number);
  void decide_link();  // decides resolved_, an absolute link of the row
  RowVerdict verdict_;
  std::string scratch_, resolved_;
  void end_participant();
};

}  // namespace deadbolt
