// The decider's C ABI (deadbolt/decider_c.h states each call and the
// lifetime of what it answers): the same core as bindings.cpp, without
// embind, for the start path (the service worker's first decision, and every
// platform tab's content script). Each instance of the module is one engine.
// JavaScript (extension/decider.js) writes its input straight into wasm
// memory and reads results back from it.
//
// The decider never parses JSON: a v1 list is loaded by the full core, whose
// snapshot the decider then loads. That keeps a JSON library off the start
// path (and a third of the bytes out of the module); tests/wasm/decider.test.mjs
// checks that no JSON parser is linked in.
#include "deadbolt/decider_c.h"

#include <emscripten/emscripten.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "deadbolt/decide.h"
#include "deadbolt/feed_style.h"
#include "deadbolt/inbox.h"
#include "deadbolt/instances.h"
#include "deadbolt/items.h"
#include "deadbolt/json_writer.h"
#include "deadbolt/stats.h"
#include "deadbolt/tagged_fields.h"
#include "deadbolt/verdict_json.h"

namespace {

struct Decider {
  deadbolt::Engine engine;
  std::unique_ptr<deadbolt::ItemDecider> items;   // made by the first feed index: content scripts only
  std::unique_ptr<deadbolt::InboxDecider> inbox;  // made by the first inbox index: the inbox script only
  std::string instances;          // the fediverse instances the person added ('\n'-separated), for feed markup
  std::unique_ptr<char[]> input;  // a plain buffer: what in() reads on every decision is two fields
  std::size_t input_size = 0;
  std::string output;

  std::string_view in(std::size_t bytes) const {
    return std::string_view(input.get(), bytes < input_size ? bytes : input_size);
  }
  std::size_t answer(std::string text) {
    output = std::move(text);
    return output.size();
  }
};

// Made by the module's static constructors (_initialize), before any call:
// no guard to test on each one. Lives as long as the instance; never destroyed.
Decider* const the_decider = new Decider();
Decider& decider() { return *the_decider; }

// `hosts`: also the registrable domains of the platform's own site (its first
// site in the catalog; later ones are short links, viewers and mirrors with
// markup of their own), for scripts/feed-hosts.mjs, which makes the feed
// script's manifest matches of them.
void write_markup(deadbolt::JsonWriter& w, const deadbolt::FeedMarkup& m, bool hosts = false) {
  w.begin_object();
  if (hosts) {
    w.key("hosts").begin_array();
    for (const auto& site : deadbolt::site_table()) {
      if (site.platform != m.platform) continue;
      for (std::string_view rest = site.hosts; !rest.empty();) {
        const std::size_t space = rest.find(' ');
        const std::string_view host = rest.substr(0, space);
        if (!host.empty()) w.string(host);
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      break;
    }
    w.end_array();
  }
  w.key("platform").string(m.platform);
  w.key("items").string(m.items);
  w.key("authors").string(m.authors);
  w.key("quotes").string(m.quotes);
  // Where identities are read ({selector, attribute}); the core keeps what
  // makes a handle of them.
  w.key("identities").begin_array();
  for (const auto& id : m.identities) {
    if (id.attribute.empty()) continue;
    w.begin_object().key("selector").string(id.selector).key("attribute").string(id.attribute).end_object();
  }
  w.end_array();
  w.end_object();
}

// The item's fields (tagged_fields.h):
//   'P' page URL (first)   'L' link href   'A' author link href
//   'T' attribute, "name=value"
int decide_item(deadbolt::ItemDecider& d, std::string_view in) {
  const bool started = deadbolt::for_each_field_of_page(
      in, [&](std::string_view page) { return d.begin(page); },
      [&](char tag, std::string_view value) {
        if (tag == 'L' || tag == 'A') {
          d.link(value, tag == 'A');
        } else if (tag == 'T') {
          const std::size_t eq = value.find('=');
          if (eq != std::string_view::npos) d.attribute(value.substr(0, eq), value.substr(eq + 1));
        }
        return !d.verdict().hide;
      });
  return started && d.verdict().hide ? 1 + d.verdict().person : 0;
}

void write_inbox_markup(deadbolt::JsonWriter& w, const deadbolt::InboxMarkup& m) {
  w.begin_object();
  w.key("id").string(m.id);
  w.key("hosts").string(m.hosts);
  w.key("rows").string(m.rows);
  w.key("senders").string(m.senders);
  w.key("addresses").string(m.addresses);
  w.key("names").string(m.names);
  w.key("preview").string(m.preview);
  w.key("group").string(m.group);
  w.key("pane").string(m.pane);
  w.key("paneSenders").string(m.pane_senders);
  w.key("current").string(m.current);
  w.key("handle").string(m.handle.attribute);
  w.key("shadow").string(m.shadow);
  std::string watch;
  deadbolt::append_watched_attributes(m, watch);
  w.key("watch").string(watch);
  w.end_object();
}

// The row's fields (tagged_fields.h):
//   'P' page URL (first)   'S' a new participant   'A' an address attribute's value
//   'N' a shown name       'L' a link href         'G' the row is a group chat
//   'X' a free text (a pane header's), read for addresses and numbers only
//   'H' the value of the markup's handle attribute (InboxHandle)
int decide_inbox_row(deadbolt::InboxDecider& d, std::string_view in) {
  const bool started = deadbolt::for_each_field_of_page(
      in, [&](std::string_view page) { return d.begin(page); },
      [&](char tag, std::string_view value) {
        switch (tag) {
          case 'S': d.participant(); break;
          case 'A': d.address(value); break;
          case 'N': d.name(value); break;
          case 'L': d.link(value); break;
          case 'X': d.text(value); break;
          case 'H': d.handle(value); break;
          case 'G': d.group(); break;
          default: break;
        }
        return true;
      });
  if (!started) return 0;
  return static_cast<int>(d.decide_row().action);
}

// The stats the block page shows at once (the day count, the milestone, the
// hours of attempts), with the names and meanings of stats_json()'s.
std::string streak_json(const deadbolt::Stats& s) {
  deadbolt::JsonWriter w;
  w.begin_object();
  w.key("all").number(s.all);
  w.key("currentStreak").number(s.current_streak);
  w.key("daysSinceStart");
  if (s.days_since_start) w.number(*s.days_since_start);
  else w.null();
  w.key("nextMilestone").number(s.next_milestone);
  w.key("lastContact");
  if (s.last_contact_day) w.string(deadbolt::day_string(*s.last_contact_day));
  else w.null();
  w.key("noContactDays");
  if (s.no_contact_days) w.number(*s.no_contact_days);
  else w.null();
  w.key("longestNoContactDays").number(s.longest_no_contact_days);
  w.key("byHour").begin_array();
  for (int n : s.by_hour) w.number(n);
  w.end_array();
  w.end_object();
  return w.take();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE char* deadbolt_input(std::size_t bytes) {
  Decider& d = decider();
  if (d.input_size < bytes) {  // the caller writes it anew: nothing to keep
    d.input.reset(new char[bytes]);
    d.input_size = bytes;
  }
  return d.input.get();
}

EMSCRIPTEN_KEEPALIVE char* deadbolt_output() { return decider().output.data(); }

EMSCRIPTEN_KEEPALIVE int deadbolt_decide(std::size_t bytes) {
  Decider& d = decider();
  return d.engine.decide(d.in(bytes)).block ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_verdict(std::size_t bytes) {
  Decider& d = decider();
  return d.answer(deadbolt::verdict_json(d.engine, d.engine.decide(d.in(bytes)), d.in(bytes)));
}

EMSCRIPTEN_KEEPALIVE char* deadbolt_snapshot_buffer(std::size_t bytes) {
  return decider().engine.snapshot_buffer(bytes);
}

EMSCRIPTEN_KEEPALIVE int deadbolt_load_snapshot(std::size_t bytes) {
  Decider& d = decider();
  const bool loaded = d.engine.load_snapshot_buffer(bytes);
  if (d.items) d.items->refresh();
  if (d.inbox) d.inbox->refresh();
  return loaded ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_snapshot() {
  Decider& d = decider();
  return d.answer(d.engine.snapshot());
}

// `mentions`: hide items that only mention or tag them, not only theirs.
EMSCRIPTEN_KEEPALIVE int deadbolt_load_feed_index(std::size_t bytes, int mentions) {
  Decider& d = decider();
  if (!d.items) d.items = std::make_unique<deadbolt::ItemDecider>(d.engine);
  d.items->set_mentions(mentions != 0);
  d.items->set_instances(d.instances);
  return deadbolt_load_snapshot(bytes);
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_feed_markup(std::size_t bytes) {
  Decider& d = decider();
  deadbolt::JsonWriter w;
  if (bytes == 0) {
    w.begin_object().key("platforms").begin_array();
    for (const auto& m : deadbolt::feed_table()) write_markup(w, m, true);
    w.end_array().end_object();
    return d.answer(w.take());
  }
  // "<page URL>\n<instance>\n…": the page and the instances the person added.
  const std::string_view in = d.in(bytes);
  const std::size_t line = std::min(in.find('\n'), in.size());
  d.instances.assign(in.substr(std::min(line + 1, in.size())));
  if (d.items) d.items->set_instances(d.instances);
  deadbolt::UrlParser parser;
  deadbolt::Url url;
  if (!parser.parse(in.substr(0, line), url)) return d.answer(std::string());
  const deadbolt::FeedMarkup* m = deadbolt::feed_markup_for_page(url.host, d.instances);
  if (m == nullptr) return d.answer(std::string());
  write_markup(w, *m);
  return d.answer(w.take());
}

// The input: the page's URL, then the people to hide (indexes into the feed
// index's people, in decimal), each on a line of its own.
EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_feed_style(std::size_t bytes) {
  Decider& d = decider();
  // Only with mentions hidden: then every link of an item counts, as the sheet counts them.
  if (!d.items || !d.items->mentions()) return d.answer(std::string());
  std::string_view in = d.in(bytes);
  const std::size_t end = in.find('\n');
  deadbolt::UrlParser parser;
  deadbolt::Url url;
  if (!parser.parse(in.substr(0, end), url)) return d.answer(std::string());
  std::vector<int> people;
  for (in = end == std::string_view::npos ? std::string_view() : in.substr(end + 1); !in.empty();) {
    const std::string_view line = in.substr(0, in.find('\n'));
    int person = line.empty() || line.size() > 9 ? -1 : 0;  // decimal digits only, below 10^9
    for (char c : line) person = (person >= 0 && c >= '0' && c <= '9') ? person * 10 + (c - '0') : -1;
    if (person >= 0) people.push_back(person);
    in.remove_prefix(std::min(in.size(), line.size() + 1));
  }
  const deadbolt::FeedMarkup* m = deadbolt::feed_markup_for_page(url.host, d.instances);
  return d.answer(m == nullptr ? std::string() : deadbolt::feed_style(d.engine, *m, people));
}

// The URL model's reading of the URL in the input: {"host", "path",
// "query"} (query null when there is none) or null. For the differential
// test against the browser's own parser, on the build that decides.
EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_parse_url(std::size_t bytes) {
  Decider& d = decider();
  deadbolt::UrlParser parser;
  deadbolt::Url url;
  if (!parser.parse(d.in(bytes), url)) return d.answer("null");
  deadbolt::JsonWriter w;
  w.begin_object().key("host").string(url.host).key("path").string(url.path).key("query");
  if (url.has_query) w.string(url.query);
  else w.null();
  w.end_object();
  return d.answer(w.take());
}

// What the person typed as their fediverse instance: {"host", "pattern"} (the
// match pattern the feed scripts are registered for) or {"error"}.
EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_read_instance(std::size_t bytes) {
  Decider& d = decider();
  const deadbolt::InstanceReading read = deadbolt::read_instance(d.in(bytes));
  deadbolt::JsonWriter w;
  w.begin_object();
  if (read.host.empty()) {
    w.key("error").string(read.error);
  } else {
    w.key("host").string(read.host);
    w.key("pattern").string("https://" + read.host + "/*");
  }
  w.end_object();
  return d.answer(w.take());
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_streak(std::size_t bytes, double now_ms, int offset_min) {
  Decider& d = decider();
  const std::string_view in = d.in(bytes);
  const std::size_t line = std::min(in.find('\n'), in.size());
  std::optional<std::int64_t> start;
  std::int64_t start_ms = 0;
  std::optional<std::int32_t> ignored;
  if (line > 0 && deadbolt::parse_iso8601(in.substr(0, line), start_ms, ignored))
    start = deadbolt::local_day(start_ms, 0);
  const auto log = deadbolt::parse_attempts_tsv(in.substr(std::min(line + 1, in.size())));
  // A time that is no number of milliseconds (NaN, infinite, past int64) is
  // taken as the epoch: the conversion would otherwise be undefined.
  const bool finite_ms = now_ms > -9.2e18 && now_ms < 9.2e18;  // false for NaN too
  const std::int64_t now = finite_ms ? static_cast<std::int64_t>(now_ms) : 0;
  return d.answer(streak_json(deadbolt::compute_stats(log, now, offset_min, start)));
}

EMSCRIPTEN_KEEPALIVE int deadbolt_decide_item(std::size_t bytes) {
  Decider& d = decider();
  return d.items ? decide_item(*d.items, d.in(bytes)) : 0;
}

EMSCRIPTEN_KEEPALIVE int deadbolt_load_inbox_index(std::size_t bytes) {
  Decider& d = decider();
  if (!d.inbox) d.inbox = std::make_unique<deadbolt::InboxDecider>(d.engine);
  return deadbolt_load_snapshot(bytes);
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_inbox_markup(std::size_t bytes) {
  Decider& d = decider();
  deadbolt::JsonWriter w;
  if (bytes == 0) {
    w.begin_object().key("inboxes").begin_array();
    for (const auto& m : deadbolt::inbox_table()) write_inbox_markup(w, m);
    w.end_array().end_object();
    return d.answer(w.take());
  }
  deadbolt::UrlParser parser;
  deadbolt::Url url;
  if (!parser.parse(d.in(bytes), url)) return d.answer(std::string());
  const deadbolt::InboxMarkup* m = deadbolt::inbox_markup_for(url.host, url.path);
  if (m == nullptr) return d.answer(std::string());
  write_inbox_markup(w, *m);
  return d.answer(w.take());
}

EMSCRIPTEN_KEEPALIVE int deadbolt_decide_inbox_row(std::size_t bytes) {
  Decider& d = decider();
  if (!d.inbox) return 0;
  const int action = decide_inbox_row(*d.inbox, d.in(bytes));
  if (action != 0) {
    const deadbolt::RowVerdict& v = d.inbox->row_verdict();
    deadbolt::JsonWriter w;
    w.begin_object().key("person").number(v.person).key("listed").begin_array();
    for (int i : v.listed) w.number(i);
    w.end_array().key("open").string(v.open).end_object();
    return action + 4 * static_cast<int>(d.answer(w.take()));
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE int deadbolt_inbox_text(std::size_t bytes) {
  Decider& d = decider();
  return d.inbox ? 1 + d.inbox->person_in_text(d.in(bytes)) : 0;
}

}  // extern "C"
