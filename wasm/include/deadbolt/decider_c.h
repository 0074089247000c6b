// The decider's C ABI: the standalone wasm module (wasm/exports.cpp) that
// the service worker starts with and every platform tab's content script
// decides with, through extension/decider.js. No embind, no JSON parser.
//
// One module instance is one decider: it holds one engine, one input buffer
// and one output buffer, all living as long as the instance.
//
// Lifetimes, as in ada's ada_c.h:
//  - deadbolt_input(size) returns room for `size` bytes of input; the pointer
//    is valid until the next deadbolt_input() call (a larger request may move
//    it) or until memory grows. Write the input there, then pass its length
//    to one of the calls below: they read it, never keep it.
//  - Calls that answer text (a `size_t` result) put it in the output buffer:
//    deadbolt_output() points at it, valid until the next call of any
//    function here. Copy it out (TextDecoder) before calling again.
//  - deadbolt_snapshot_buffer(size) returns room for a snapshot, owned by
//    the decider; deadbolt_load_snapshot(), deadbolt_load_feed_index() or
//    deadbolt_load_inbox_index() read the snapshot written there (the
//    decider keeps its own tables, not the bytes) and free the room once
//    one loaded: it is valid until then, or until the next call to it.
//  - Any call may grow wasm memory: views of memory taken before it are
//    stale after (emscripten_notify_memory_growth tells the JavaScript side).
// Every call is total: bad input answers "allow" (0), "refused" (0) or an
// empty answer, never traps.
// Plain C: any wasm toolchain or host can use it.
#ifndef DEADBOLT_DECIDER_C_H
#define DEADBOLT_DECIDER_C_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

// Room for `bytes` of input (a URL, an item, a log).
char* deadbolt_input(size_t bytes);
// Where the last text answer is.
char* deadbolt_output();

// The URL in the input: 1 block, 0 allow. The hot path: no allocation, no JSON.
int deadbolt_decide(size_t bytes);
// The URL in the input: its verdict_json() into the output; its length.
size_t deadbolt_verdict(size_t bytes);

// Room for a snapshot of `bytes`; then loads it: 1 loaded, 0 refused (the
// decider keeps what it had: another build, damaged, truncated).
char* deadbolt_snapshot_buffer(size_t bytes);
int deadbolt_load_snapshot(size_t bytes);
// The loaded index as a snapshot into the output; its length.
size_t deadbolt_snapshot();

// A feed index (a snapshot of the feed list) placed in the snapshot buffer:
// 1 loaded. `mentions`: also hide items that only mention or tag them.
int deadbolt_load_feed_index(size_t bytes, int mentions);
// The page URL in the input, then on lines of their own the fediverse
// instances the person added (kept for the items decided next): the page's
// feed markup as JSON into the output, 0 if none; an empty input (bytes 0):
// {"platforms": [every platform's markup]}.
size_t deadbolt_feed_markup(size_t bytes);
// The page URL in the input, then on lines of their own the people to hide
// (indexes into the loaded feed index's people, in decimal, as
// deadbolt_decide_item() returns them): the user style sheet (feed_style.h)
// that hides those people's items in the page's own layout, into the output;
// 0 when there is none (no feed index or no people, mentions not hidden, a
// page without such markup). Instances as the last deadbolt_feed_markup()
// kept them.
size_t deadbolt_feed_style(size_t bytes);
// The URL model's reading of the URL in the input, into the output:
// {"host", "path", "query"} (query null if none) or null (not a URL it reads).
size_t deadbolt_parse_url(size_t bytes);
// What the person typed as their fediverse instance (instances.h) into the
// output: {"host", "pattern"} or {"error"}.
size_t deadbolt_read_instance(size_t bytes);
// The item in the input (NUL-separated tagged fields, see exports.cpp): 0 to
// show it, else 1 + the index of the listed person whose item it is.
int deadbolt_decide_item(size_t bytes);

// The input: a start date ("YYYY-MM-DD" or empty), a newline, then the log as
// parse_attempts_tsv() reads it. Into the output: the stats the block page
// shows (stats_json()'s names: all, currentStreak, daysSinceStart,
// nextMilestone, lastContact, noContactDays, longestNoContactDays, byHour).
size_t deadbolt_streak(size_t bytes, double now_ms, int offset_min);

// Inboxes (inbox.h). An inbox index (a snapshot of inbox_list()) written in
// the snapshot buffer: 1 loaded, 0 refused.
int deadbolt_load_inbox_index(size_t bytes);
// The page URL in the input: its inbox markup as JSON into the output, 0 if
// none; an empty input (bytes 0): {"inboxes": [every inbox's markup]}.
size_t deadbolt_inbox_markup(size_t bytes);
// The row in the input (NUL-separated tagged fields, see exports.cpp): 0 to
// show it; else the action in the low two bits (1 seal, 2 cover, 3 open: a
// co-parent's open channel) and, above them, the length of
// {"person", "listed", "open"} in the output ("open": an address of the
// conversation with them, or "").
int deadbolt_decide_inbox_row(size_t bytes);
// A title or notification text in the input: 0, else 1 + the index of the
// listed person it names.
int deadbolt_inbox_text(size_t bytes);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // DEADBOLT_DECIDER_C_H
