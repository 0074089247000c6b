// The one JavaScript API over the WebAssembly core. Everything about URLs and
// platforms is decided in there; this file only moves strings across and
// parses the core's JSON answers.
import createDeadboltCore from './wasm/deadbolt_core.mjs';

let modulePromise = null;

/**
 * Instantiates the core (once per JavaScript realm) with an empty list.
 * `options` go to the Emscripten factory: Node tests pass {wasmBinary}.
 */
export async function createCore(options = {}) {
  modulePromise ??= createDeadboltCore(options);
  const module = await modulePromise;
  return new Core(new module.Core(), module);
}

const encoder = new TextEncoder();

export const EMPTY_LIST = '{"version":1,"people":[]}';

export class Core {
  #native;
  #module;
  #address;
  #input = null;  // a view of the core's input buffer in wasm memory

  constructor(native, module) {
    this.#native = native;
    this.#module = module;
    this.#address = native.address();
  }

  // The URL's UTF-8 bytes, written straight into the core's input buffer:
  // no embind string conversion, no allocation once the buffer is warm.
  #encode(url) {
    for (;;) {
      // A view is lost when wasm memory grows; take a new one then.
      if (this.#input === null || this.#input.byteLength === 0) this.#reserve(1024);
      const { read, written } = encoder.encodeInto(url, this.#input);
      if (read === url.length) return written;
      this.#reserve(url.length * 3);
    }
  }

  #reserve(bytes) {
    const size = Math.max(bytes, this.#input?.byteLength ?? 0);
    const pointer = this.#module._deadbolt_input_buffer(this.#address, size);
    this.#input = this.#module.HEAPU8.subarray(pointer, pointer + size);
  }

  /** Loads a v1 blocklist (JSON text). Returns null, or what is wrong, in words. */
  load(json) {
    const error = this.#native.load(json);
    return error === '' ? null : error;
  }

  /** Whether the URL must be blocked: the hot path. */
  blocks(url) {
    const bytes = this.#encode(String(url));
    return this.#module._deadbolt_decide_input(this.#address, bytes) === 1;
  }

  /** {verdict, platform, platformName, handle, kind, person, personIndex} */
  verdict(url) {
    return JSON.parse(this.#native.decideJson(url));
  }

  /** The URL model's reading: {host, path, query} or null (tests compare it with the browser's). */
  parseUrl(url) {
    return JSON.parse(this.#native.parseUrl(String(url)));
  }

  /** The address a URL names, as the core reads it (no scheme, no fragment): equal keys, same page. */
  addressKey(url) {
    const parsed = this.parseUrl(url);
    return parsed ? `${parsed.host}${parsed.path}${parsed.query === null ? '' : `?${parsed.query}`}` : String(url);
  }

  /** What a URL shows, listed or not: {platform, platformName, handle, kind}. */
  identify(url) {
    return JSON.parse(this.#native.identify(url));
  }

  /** Reads "Add a profile" input: {platform, platformName, handle, error}. */
  readProfile(text, platform = '') {
    return JSON.parse(this.#native.readProfile(text, platform));
  }

  /** declarativeNetRequest rules for the loaded list: {covered, skipped, rules}. */
  rules(blockPage) {
    return JSON.parse(this.#native.rules(blockPage));
  }

  /**
   * Stats of the attempt log: [{t, o, person, platform, kind}] with "now"
   * and its UTC offset (minutes east) passed in; `startDay` from localDay().
   */
  stats(log, nowMs, offsetMin, startDay = null) {
    const clean = (s) => String(s ?? '').replace(/[\t\n]/g, ' ');
    const tsv = log.map((e) => `${Math.trunc(e.t)}\t${e.o ?? 0}\t${clean(e.person)}\t${clean(e.platform)}\t${clean(e.kind)}`).join('\n');
    return JSON.parse(this.#native.stats(tsv, nowMs, offsetMin, startDay ?? -1e16));
  }

  /** The local day number of a time (days since 1970-01-01 there). */
  localDay(timeMs, offsetMin) {
    return this.#native.localDay(timeMs, offsetMin);
  }

  /** The canonical key of an account; equal keys are the same account. "" if invalid. */
  accountKey(platform, handle) {
    return this.#native.accountKey(String(platform), String(handle));
  }

  /** The decision index as text: a restarted worker loads it in milliseconds. */
  snapshot() {
    return this.#native.snapshot();
  }

  /** The feed list's decision index for the content scripts ("" without the full list). */
  feedIndex() {
    return this.#native.feedIndex();
  }

  /** Loads a snapshot of this build; false (and nothing changed) if it cannot. */
  loadSnapshot(text) {
    return this.#native.loadSnapshot(text);
  }

  /** Whether the whole list is loaded, not only its snapshot. */
  hasFullList() {
    return this.#native.hasFullList();
  }

  /** The loaded list as v1 JSON text, unknown fields included. */
  exportList() {
    return this.#native.exportList();
  }

  /** [{id, name}] of every platform a person can list. */
  platforms() {
    return JSON.parse(this.#native.platforms());
  }
}
