#include "deadbolt/inbox.h"

#include <cctype>

#include "deadbolt/contact_address.h"
#include "deadbolt/text.h"

namespace deadbolt {
namespace {

bool path_in(std::string_view path, std::string_view prefixes) {
  bool found = false;
  for_each_word(prefixes, [&](std::string_view prefix) {
    if (found || path.substr(0, prefix.size()) != prefix) return;
    // "/mail" is "/mail", "/mail/u/0/" but not "/mailbox".
    found = prefix.back() == '/' || path.size() == prefix.size() || path[prefix.size()] == '/';
  });
  return found;
}

bool word_in(std::string_view word, std::string_view list) {
  bool found = false;
  for_each_word(list, [&](std::string_view w) { found = found || w == word; });
  return found;
}

// WhatsApp's chat and message ids: "15551234567@c.us", also inside
// "false_15551234567@c.us_3EB0…" (and "@s.whatsapp.net" in its protocol).
std::string_view whatsapp_number(std::string_view value) {
  for (std::string_view suffix : {std::string_view("@c.us"), std::string_view("@s.whatsapp.net")}) {
    const std::size_t at = value.find(suffix);
    if (at == std::string_view::npos) continue;
    std::size_t start = at;
    while (start > 0 && value[start - 1] >= '0' && value[start - 1] <= '9') --start;
    return value.substr(start, at - start);
  }
  return {};
}

bool looks_like_number(std::string_view s) {
  std::size_t digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != '+' && c != ' ' && c != '-' && c != '.' && c != '(' && c != ')' && c != '/' && c != '\t')
      return false;
  }
  return digits >= kMinPhoneDigits;
}

}  // namespace

const InboxMarkup* inbox_markup_for(std::string_view host, std::string_view path) {
  for (const InboxMarkup& m : inbox_table())
    if (word_in(host, m.hosts) && path_in(path, m.paths)) return &m;
  return nullptr;
}

Blocklist inbox_list(const Blocklist& list) {
  Blocklist out = list;
  for (Person& person : out.people)
    person.keywords.insert(person.keywords.end(), person.names.begin(), person.names.end());
  return out;
}

void InboxDecider::refresh() { names_.build(engine_); }

bool InboxDecider::begin(std::string_view page) {
  verdict_ = RowVerdict{};
  persons_.clear();
  current_ = -1;
  current_person_ = -1;
  current_self_ = current_seen_ = false;
  unlisted_ = 0;
  group_ = false;
  open_.clear();
  open_person_ = -1;
  page_ok_ = page_parser_.parse(page, page_);
  markup_ = page_ok_ ? inbox_markup_for(page_.host, page_.path) : nullptr;
  return markup_ != nullptr;
}

void InboxDecider::end_participant() {
  if (current_ < 0) return;
  if (current_person_ >= 0) {
    verdict_.listed.push_back(current_);
    persons_.push_back(current_person_);
  } else if (current_seen_ && !current_self_) {
    ++unlisted_;
  }
}

void InboxDecider::participant() {
  end_participant();
  ++current_;
  current_person_ = -1;
  current_self_ = current_seen_ = false;
}

void InboxDecider::listed(int person) {
  if (current_ < 0) participant();
  if (current_person_ < 0) current_person_ = person;
}

int InboxDecider::person_for_address(std::string_view value) {
  const Catalog& catalog = Catalog::get();
  if (const std::string_view number = whatsapp_number(value); !number.empty()) {
    scratch_.assign("+").append(number);
    return catalog.phone_platform() < 0
               ? -1
               : engine_.person_for_account(catalog.phone_platform(), Capture::handle, scratch_);
  }
  if (value.find('@') != std::string_view::npos) {
    return catalog.email_platform() < 0 || !email_problem(value).empty()
               ? -1
               : engine_.person_for_account(catalog.email_platform(), Capture::handle, value);
  }
  if (looks_like_number(value) && value.find('+') != std::string_view::npos && catalog.phone_platform() >= 0)
    return engine_.person_for_account(catalog.phone_platform(), Capture::handle, value);
  return -1;
}

void InboxDecider::address(std::string_view value) {
  if (markup_ == nullptr || value.empty()) return;
  if (current_ < 0) participant();
  // Only an address tells that someone else is in the thread: names and
  // links may be the row's own labels.
  const bool is_address = !whatsapp_number(value).empty() || email_problem(value).empty() ||
                          (looks_like_number(value) && value.find('+') != std::string_view::npos);
  if (!is_address) return;
  // A WhatsApp chat id ("<number>@c.us") is the conversation's own: in a
  // one-to-one chat it is the one other party, the one a saved name shows,
  // so an unlisted chat id beside a listed saved name is not someone else
  // (a group is told by its "@g.us" id).
  current_seen_ = current_seen_ || whatsapp_number(value).empty();
  const int person = person_for_address(value);
  if (person >= 0) {
    listed(person);
    offer_number(person, whatsapp_number(value));
  }
}

void InboxDecider::offer_number(int person, std::string_view number) {
  const std::string_view shape = markup_->open;
  const std::size_t at = shape.find("{phone}");
  if (open_person_ >= 0 || number.empty() || at == std::string_view::npos) return;
  open_.assign(shape.substr(0, at));
  for (char c : number)
    if (c >= '0' && c <= '9') open_.push_back(c);
  open_.append(shape.substr(at + 7));
  open_person_ = person;
}

int InboxDecider::person_named(std::string_view name) { return names_.person_named(name); }

void InboxDecider::name(std::string_view value) {
  if (markup_ == nullptr || value.empty()) return;
  if (current_ < 0) participant();
  if (word_in(value, markup_->self)) {
    current_self_ = true;
    return;
  }
  int person = person_named(value);
  // An unsaved contact shows its number or address instead of a name: a
  // number as the app writes it, international ("+1 555 123 4567", as
  // WhatsApp does) or national ("(555) 123-4567", as Google Messages does
  // in the number's own country).
  if (person < 0 && looks_like_number(value)) {
    scratch_.clear();
    bool plus = false;
    for (char c : value) {
      if (c >= '0' && c <= '9') scratch_.push_back(c);
      else if (c == '+' && scratch_.empty()) plus = true;
    }
    person = engine_.person_for_phone_digits(scratch_, plus);
    if (person >= 0 && plus) offer_number(person, value);  // a national number lacks its country code
  } else if (person < 0 && value.find('@') != std::string_view::npos) {
    person = person_for_address(value);
  }
  if (person >= 0) listed(person);
}

void InboxDecider::link(std::string_view href) {
  if (markup_ == nullptr || href.empty()) return;
  if (current_ < 0) participant();
  if (!link_parser_.parse(href, link_, &page_)) return;
  resolved_.clear();
  resolved_.append(link_.scheme).append("://").append(link_.host).append(link_.path);
  if (link_.has_query) resolved_.append("?").append(link_.query);
  if (!link_.fragment.empty()) resolved_.append("#").append(link_.fragment);
  decide_link();
}

void InboxDecider::handle(std::string_view value) {
  const InboxHandle* h = markup_ != nullptr ? &markup_->handle : nullptr;
  if (h == nullptr || h->prefix.empty() || !page_ok_) return;
  if (current_ < 0) participant();
  const std::size_t at = value.find(h->prefix);
  if (at == std::string_view::npos) return;
  std::string_view handle = value.substr(at + h->prefix.size());
  if (!h->end.empty()) handle = handle.substr(0, handle.find(h->end));
  resolved_.clear();
  if (append_handle_link(resolved_, page_.scheme, page_.host, h->href, handle)) decide_link();
}

void InboxDecider::decide_link() {
  const Verdict& v = engine_.decide(resolved_);
  if (v.identity.kind == Kind::search) return;  // a search link in a row is not a party
  if (v.block || v.coparent_channel) listed(v.person);
  if (v.block && v.identity.kind == Kind::message && open_person_ < 0) {
    open_ = resolved_;
    open_person_ = v.person;
  }
}

void InboxDecider::text(std::string_view value) {
  if (markup_ == nullptr || value.empty()) return;
  if (current_ < 0) participant();
  const int person = person_in_addresses(value);
  if (person >= 0) listed(person);
}

const RowVerdict& InboxDecider::decide_row() {
  end_participant();
  current_ = -1;
  if (persons_.empty() || markup_ == nullptr) {
    verdict_.action = RowAction::show;
    return verdict_;
  }
  verdict_.person = persons_.front();
  bool all_open = true;
  for (int person : persons_) all_open = all_open && engine_.coparent_open(person, markup_->channel);
  if (all_open) {
    verdict_.action = RowAction::open;
  } else {
    // Keep only the listed people whose channel is not open here.
    for (int person : persons_) {
      if (!engine_.coparent_open(person, markup_->channel)) {
        verdict_.person = person;
        break;
      }
    }
    verdict_.action = group_ || unlisted_ > 0 ? RowAction::cover : RowAction::seal;
  }
  if (open_person_ == verdict_.person) verdict_.open = open_;
  return verdict_;
}

int InboxDecider::person_in_text(std::string_view text) {
  // Every run of whole words, against the whole names: titles and
  // notifications are short.
  std::string words;
  fold_words(text, words);
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < words.size(); ++i)
    if (i == 0 || words[i - 1] == ' ') starts.push_back(i);
  for (std::size_t a = 0; a < starts.size() && a < 64; ++a) {
    for (std::size_t b = a; b < starts.size() && b < a + 8; ++b) {
      const std::size_t end = b + 1 < starts.size() ? starts[b + 1] - 1 : words.size();
      const int p = names_.person_folded(std::string_view(words).substr(starts[a], end - starts[a]));
      if (p >= 0) return p;
    }
  }
  // An address or a number in it ("jane@example.com", "+1 555 123 4567").
  return person_in_addresses(text);
}

int InboxDecider::person_in_addresses(std::string_view text) {
  // Words end at white space and the punctuation around addresses; a number
  // written with spaces ("+1 555 123 4567") is one word.
  const auto blank = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  const auto mark = [](char c) {
    return c == ',' || c == ':' || c == '<' || c == '>' || c == '(' || c == ')' || c == ';';
  };
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (blank(text[i]) || mark(text[i]))) ++i;
    std::size_t e = i;
    while (e < text.size() && !mark(text[e]) &&
           (!blank(text[e]) || (e + 1 < text.size() && text[e + 1] >= '0' && text[e + 1] <= '9' && text[i] == '+')))
      ++e;
    const std::string_view word = text.substr(i, e - i);
    if (!word.empty()) {
      const int person = person_for_address(word);
      if (person >= 0) return person;
    }
    i = e + 1;
  }
  // A number written as the phone writes it, also nationally ("(555)
  // 123-4567" in a notification from an unsaved contact).
  return engine_.person_in_phone_runs(text);
}

namespace {

// Adds `name` to the space-separated `out` unless it is there.
void add_word(std::string& out, std::string_view name) {
  if (name.empty()) return;
  for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at + 1)) {
    const std::size_t end = at + name.size();
    if ((at == 0 || out[at - 1] == ' ') && (end == out.size() || out[end] == ' ')) return;
  }
  if (!out.empty()) out += ' ';
  out.append(name.data(), name.size());
}

// The attribute names a selector list tests ("[aria-selected=\"true\"]",
// "a[href^=\"#\"]"): each name after a '[' outside quotes.
void add_selector_attributes(std::string& out, std::string_view selectors) {
  char quote = 0;
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const char c = selectors[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      std::size_t end = i + 1;
      while (end < selectors.size() && (std::isalnum(static_cast<unsigned char>(selectors[end])) ||
                                        selectors[end] == '-' || selectors[end] == '_'))
        ++end;
      add_word(out, selectors.substr(i + 1, end - i - 1));
      i = end - 1;
    }
  }
}

}  // namespace

void append_watched_attributes(const InboxMarkup& m, std::string& out) {
  std::string words;
  for (std::string_view selectors : {m.rows, m.senders, m.group, m.pane, m.pane_senders, m.current, m.shadow})
    add_selector_attributes(words, selectors);
  for (std::string_view list : {m.addresses, m.names, m.handle.attribute, kRecycledRowAttributes})
    for_each_word(list, [&](std::string_view name) {
      if (name != "text") add_word(words, name);
    });
  out += words;
}

}  // namespace deadbolt
