// The decider's C ABI: the same core as bindings.cpp, without embind, for the
// start path (the service worker's first decision, content scripts). Each
// instance of the module is one engine. JavaScript (extension/decider.js)
// writes its input straight into wasm memory and reads results back from it:
//
//   char* deadbolt_input(size)        room for `size` input bytes (a URL, a list, a request)
//   int deadbolt_decide(size)         the URL in the input: 1 block, 0 allow (the hot path: no JSON)
//   size deadbolt_verdict(size)       the URL in the input: verdict_json() into the output
//   size deadbolt_address(size)       the URL in the input: address_key() into the output
//   size deadbolt_load_list(size)     the v1 list in the input: 0 loaded, else the error's length (output)
//   char* deadbolt_snapshot_buffer(size), int deadbolt_load_snapshot(size)
//                                     a binary snapshot written in place: 1 loaded, 0 refused
//   size deadbolt_snapshot()          the loaded index as a snapshot into the output
//   int deadbolt_has_full_list()
//   char* deadbolt_output()           where the last result is (valid until the next call)
//
// A new decision is one line at the end of this file, of the same shape:
//   DEADBOLT_TEXT_EXPORT(deadbolt_items, deadbolt::items_json)
// for a `std::string fn(deadbolt::Engine&, std::string_view input)`; its
// answer is read in JavaScript with decider.call('deadbolt_items', text).
#include <emscripten/emscripten.h>

#include <algorithm>
#include <string>

#include "deadbolt/decide.h"
#include "deadbolt/verdict_json.h"

namespace {

struct Decider {
  deadbolt::Engine engine;
  std::string input;
  std::string output;

  std::string_view in(std::size_t bytes) const { return std::string_view(input.data(), std::min(bytes, input.size())); }
  std::size_t answer(std::string text) {
    output = std::move(text);
    return output.size();
  }
};

Decider& decider() {
  static Decider* instance = new Decider();  // lives as long as the instance; never destroyed
  return *instance;
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE char* deadbolt_input(std::size_t bytes) {
  Decider& d = decider();
  if (d.input.size() < bytes) d.input.resize(bytes);
  return d.input.data();
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

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_address(std::size_t bytes) {
  Decider& d = decider();
  return d.answer(deadbolt::address_key(d.in(bytes)));
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_load_list(std::size_t bytes) {
  Decider& d = decider();
  deadbolt::BlocklistError error;
  if (d.engine.load(d.in(bytes), error)) return 0;
  return d.answer(error.to_string());  // never empty
}

EMSCRIPTEN_KEEPALIVE char* deadbolt_snapshot_buffer(std::size_t bytes) {
  return decider().engine.snapshot_buffer(bytes);
}

EMSCRIPTEN_KEEPALIVE int deadbolt_load_snapshot(std::size_t bytes) {
  return decider().engine.load_snapshot_buffer(bytes) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE std::size_t deadbolt_snapshot() {
  Decider& d = decider();
  return d.answer(d.engine.snapshot());
}

EMSCRIPTEN_KEEPALIVE int deadbolt_has_full_list() { return decider().engine.has_full_list() ? 1 : 0; }

}  // extern "C"

// An export that answers text: the request in the input, the answer's length
// returned and its bytes in the output. EMSCRIPTEN_KEEPALIVE exports it.
#define DEADBOLT_TEXT_EXPORT(name, fn)                                  \
  extern "C" EMSCRIPTEN_KEEPALIVE std::size_t name(std::size_t bytes) { \
    Decider& d = decider();                                             \
    return d.answer(fn(d.engine, d.in(bytes)));                         \
  }
