// The one JavaScript API over the WebAssembly core. Everything about URLs and
// platforms is decided in there; this file only moves strings across and
// parses the core's JSON answers.
//
// Two builds of the one C++ core: the decider (decider.js, C exports, no
// glue), which decides every URL, feed item and inbox row, and the list core
// below (embind), which holds the whole list and decides nothing: the worker
// instantiates it only when a page needs editing, rules or stats, and its
// snapshot is what deciders load (list_owner.js owns both). A list core is
// only ever given a list's text, never a snapshot, so it cannot compile rules
// from an empty index; the decider has no rules().
import createDeadboltCore from './built/deadbolt_core.mjs';
// The decider with its bytes, as one module (scripts/embed-decider.mjs, from decider.js).
import { DECIDER_WASM_BASE64, instantiateDecider } from './built/decider.mjs';
import { fromBase64 } from './base64.js';

let modulePromise = null;
let compiledDecider = null;

/**
 * The decider's compiled module, from the bytes this module carries (no
 * fetch: in the worker, fetching the .wasm costs more than compiling it):
 * compiled once per realm, begun by the first call, which decodes the bytes
 * and hands them to the engine at once, so that a caller can start it early
 * and have it compile off the main thread meanwhile. A compile that failed
 * is begun again by the next call.
 */
export function compileDecider() {
  compiledDecider ??= (async () => WebAssembly.compile(fromBase64(DECIDER_WASM_BASE64)))().catch((e) => {
    compiledDecider = null;
    throw e;
  });
  return compiledDecider;
}

/**
 * A decider (decider.js) with an empty list: blocks, decide, verdict,
 * loadSnapshot, snapshot. `source` as instantiateDecider takes
 * it; by default the module compileDecider() compiles.
 */
export async function createDecider(source = undefined) {
  return instantiateDecider(source ?? (await compileDecider()));
}

/**
 * A list core with an empty list (the module instantiated once per
 * JavaScript realm). `options` go to the Emscripten factory: Node tests pass
 * {wasmBinary}. Free it with free() when it is replaced.
 */
export async function createListCore(options = {}) {
  modulePromise ??= createDeadboltCore(options);
  const module = await modulePromise;
  return new ListCore(new module.Core(), module);
}

export const createCore = createListCore;

export class ListCore {
  #native;
  #module;

  constructor(native, module) {
    this.#native = native;
    this.#module = module;
  }

  /** Frees the core's memory (an embind object is never garbage-collected). Unusable after. */
  free() {
    this.#native.delete();
    this.#native = null;
  }

  /** Bytes of wasm memory the list cores of this realm share. */
  memoryBytes() {
    return this.#module.HEAPU8.byteLength;
  }

  /** Loads a v1 blocklist (JSON text). Returns null, or what is wrong, in words. */
  load(json) {
    const error = this.#native.load(json);
    return error === '' ? null : error;
  }

  /** Reads "Add a profile" input: {platform, platformName, handle, error}. */
  readProfile(text, platform = '') {
    return JSON.parse(this.#native.readProfile(text, platform));
  }

  /**
   * declarativeNetRequest rules for the loaded list: {covered, skipped,
   * rules, origins}. `origins`: the groups of match patterns the rules need
   * site access for; the rules of the groups in `withheld` block instead of
   * redirecting.
   */
  rules(blockPage, withheld = []) {
    return JSON.parse(this.#native.rules(blockPage, JSON.stringify(withheld)));
  }

  /**
   * Stats of the attempt log [{t, o, person, platform, kind}] at `nowMs`, in
   * the zone `offsetMin` minutes east of UTC; `startDate` "YYYY-MM-DD" (the
   * day no contact began) or null. Entries of kind "contact" (reported
   * contact, no person or platform) are never attempts: they give
   * lastContact, noContactDays, longestNoContactDays.
   */
  stats({ log, nowMs, offsetMin, startDate = null }) {
    return JSON.parse(this.#native.stats(JSON.stringify({ log, nowMs, offsetMin, startDate })));
  }

  /** The block page's part of stats() (see Decider.streak): the same answer, from the whole stats. */
  streak(request) {
    return this.stats(request);
  }

  // ---- List editing: one call into the core per edit. The core edits the
  // list it holds and, when it changed, holds and indexes the new one, and
  // answers everything the shell stores and installs: {changed, ..., list:
  // v1 text, snapshot, feedIndex, inboxIndex (Uint8Array), rules: rules()'s answer}. A
  // refused edit answers {error, errorCode} and changes nothing; undo()
  // puts back the list before the last edit (it could not be stored).

  #edit(bundle) {
    const answer = JSON.parse(bundle.answer);
    if (bundle.list === undefined) return answer;
    return {
      ...answer,
      list: bundle.list,
      snapshot: new Uint8Array(bundle.snapshot),  // copies: the views are over wasm memory
      feedIndex: new Uint8Array(bundle.feedIndex),
      inboxIndex: new Uint8Array(bundle.inboxIndex),
      rules: JSON.parse(bundle.rules),
    };
  }

  /** The block page the compiled rules redirect to (rules() and every edit's rules). */
  setBlockPage(url) {
    this.#native.setBlockPage(String(url));
  }

  undo() {
    this.#native.undo();
  }

  /** Adds the account `text` names (a link, or a handle of `platform`) to `person`, new or listed. */
  addAccount({ person, text, platform = '', today }) {
    return this.#edit(this.#native.addAccount(JSON.stringify({ person, text, platform, today })));
  }

  addPerson(name) {
    return this.#edit(this.#native.addPerson(String(name ?? '')));
  }

  addKeyword(person, keyword) {
    return this.#edit(this.#native.addKeyword(String(person ?? ''), String(keyword ?? '')));
  }

  /** A name `person` is saved under (a phone's contact name): inbox rows showing only it are sealed. */
  addName(person, name) {
    return this.#edit(this.#native.addName(String(person ?? ''), String(name ?? '')));
  }

  feedsOn(person) {
    return this.#edit(this.#native.feedsOn(String(person ?? '')));
  }

  closeChannel(person) {
    return this.#edit(this.#native.closeChannel(String(person ?? '')));
  }

  /**
   * Checks a removal {kind, person, key|keyword|name} against the list: {change}
   * to keep through the cool-down, with what the pages show of it, or {error}.
   */
  planRemoval(change) {
    return JSON.parse(this.#native.planRemoval(JSON.stringify(change ?? null)));
  }

  /** Applies removals whose cool-down is over (other changes are ignored). */
  applyChanges(changes) {
    return this.#edit(this.#native.applyChanges(JSON.stringify(changes)));
  }

  /** What importing `text` would do: {added: [...], removals: [...]} or {error}; the list unchanged. */
  planImport(text) {
    return JSON.parse(this.#native.planImport(String(text)));
  }

  /** Applies what importing `text` adds: an edit, whose answer has planImport()'s added and removals too. */
  importList(text) {
    return this.#edit(this.#native.importList(String(text)));
  }

  /**
   * The settings page's rows, with the attempts of the log and the removals
   * `pending`: [{name, removalPending, keywords: [{text, removalPending}], names: (the same),
   * accounts: [{key, platform, platformName, handle, added, url, attempts, removalPending}]}].
   */
  listRows(log, pending = []) {
    return JSON.parse(this.#native.listRows(JSON.stringify({ log, pending })));
  }

  /** The decision index as a binary image (Uint8Array): a restarted worker loads it in a millisecond. */
  snapshot() {
    return new Uint8Array(this.#native.snapshot());  // a copy: the view is over wasm memory
  }

  /** The feed list's decision index (a snapshot) for the content scripts. */
  feedIndex() {
    return new Uint8Array(this.#native.feedIndex());  // a copy: the view is over wasm memory
  }

  /** The inbox list's decision index (a snapshot) for the inbox content script. */
  inboxIndex() {
    return new Uint8Array(this.#native.inboxIndex());  // a copy: the view is over wasm memory
  }

  /** The loaded list as v1 JSON text, unknown fields included. */
  exportList() {
    return this.#native.exportList();
  }

  /** The channels a co-parent may keep open: ["email", "whatsapp", …]. */
  coparentChannels() {
    return JSON.parse(this.#native.coparentChannels());
  }

  /** [{id, name}] of every platform a person can list. */
  platforms() {
    return JSON.parse(this.#native.platforms());
  }
}
