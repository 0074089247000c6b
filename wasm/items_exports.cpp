// The content scripts' core: C exports over the decision index and the feed
// items, no embind, so that the module is small and its JavaScript face is a
// hand-written classic script (extension/content/core_loader.js).
//
// One crossing per item: the content script writes the item into the input
// buffer as NUL-separated fields, each starting with a tag byte:
//   'P' page URL (first)   'L' link href   'A' author link href
//   'T' attribute, "name=value"
// A NUL inside a field (only JavaScript could put one there) splits it; the
// worst that does is misread that link.
#include <emscripten/emscripten.h>

#include <string>
#include <string_view>

#include "deadbolt/items.h"

namespace {

struct ItemsCore {
  deadbolt::Engine engine;
  deadbolt::ItemDecider decider{engine};
  std::string input;
  std::string output;
};

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
}

void append_markup(std::string& out, const deadbolt::FeedMarkup& m) {
  out += "{\"platform\":";
  append_json_string(out, m.platform);
  out += ",\"items\":";
  append_json_string(out, m.items);
  out += ",\"authors\":";
  append_json_string(out, m.authors);
  out += ",\"attributes\":[";
  bool first = true;
  for (const auto& a : m.attributes) {
    if (a.name.empty()) continue;
    if (!first) out += ',';
    first = false;
    append_json_string(out, a.name);
  }
  out += "]}";
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE ItemsCore* deadbolt_items_create() { return new ItemsCore(); }

EMSCRIPTEN_KEEPALIVE char* deadbolt_items_input(ItemsCore* core, std::size_t bytes) {
  if (core->input.size() < bytes) core->input.resize(bytes);
  return core->input.data();
}

EMSCRIPTEN_KEEPALIVE const char* deadbolt_items_output(ItemsCore* core) { return core->output.data(); }

// Loads a decision index (Engine::snapshot of the feed list) from the input
// buffer; 1 on success. `mentions`: hide items that only mention them.
EMSCRIPTEN_KEEPALIVE int deadbolt_items_load(ItemsCore* core, std::size_t bytes, int mentions) {
  core->decider.set_mentions(mentions != 0);
  const bool loaded = core->engine.load_snapshot(
      std::string_view(core->input.data(), std::min(bytes, core->input.size())));
  core->decider.refresh();
  return loaded ? 1 : 0;
}

// The feed markup of the page whose URL is in the input buffer, as JSON in
// the output buffer; returns its length, 0 when the page has no feed markup.
// Page 0 bytes long: every platform's markup, {"platforms": [...]}.
EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_items_markup(ItemsCore* core, std::size_t bytes) {
  core->output.clear();
  if (bytes == 0) {
    core->output = "{\"platforms\":[";
    bool first = true;
    for (const auto& m : deadbolt::feed_table()) {
      if (!first) core->output += ',';
      first = false;
      append_markup(core->output, m);
    }
    core->output += "]}";
    return core->output.size();
  }
  deadbolt::UrlParser parser;
  deadbolt::Url url;
  if (!parser.parse(std::string_view(core->input.data(), std::min(bytes, core->input.size())), url)) return 0;
  const deadbolt::FeedMarkup* m = deadbolt::feed_markup_for_host(url.host);
  if (m == nullptr) return 0;
  append_markup(core->output, *m);
  return core->output.size();
}

// Decides the item in the input buffer: 0 to show it, else 1 + the index of
// the listed person whose item it is.
EMSCRIPTEN_KEEPALIVE int deadbolt_items_decide(ItemsCore* core, std::size_t bytes) {
  const std::string_view in(core->input.data(), std::min(bytes, core->input.size()));
  deadbolt::ItemDecider& d = core->decider;
  bool started = false;
  for (std::size_t start = 0; start < in.size();) {
    std::size_t end = in.find('\0', start);
    if (end == std::string_view::npos) end = in.size();
    const std::string_view field = in.substr(start, end - start);
    start = end + 1;
    if (field.empty()) continue;
    const std::string_view value = field.substr(1);
    switch (field[0]) {
      case 'P':
        if (!d.begin(value)) return 0;
        started = true;
        break;
      case 'L':
      case 'A':
        if (started) d.link(value, field[0] == 'A');
        break;
      case 'T':
        if (started) {
          const std::size_t eq = value.find('=');
          if (eq != std::string_view::npos) d.attribute(value.substr(0, eq), value.substr(eq + 1));
        }
        break;
      default: break;
    }
    if (started && d.verdict().hide) break;
  }
  return started && d.verdict().hide ? 1 + d.verdict().person : 0;
}

}  // extern "C"
