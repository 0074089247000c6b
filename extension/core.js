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
  return new Core(new module.Core());
}

export const EMPTY_LIST = '{"version":1,"people":[]}';

export class Core {
  #native;

  constructor(native) {
    this.#native = native;
  }

  /** Loads a v1 blocklist (JSON text). Returns null, or what is wrong, in words. */
  load(json) {
    const error = this.#native.load(json);
    return error === '' ? null : error;
  }

  /** Whether the URL must be blocked: the hot path. */
  blocks(url) {
    return this.#native.decide(url) === 1;
  }

  /** {verdict, platform, platformName, handle, kind, person, personIndex} */
  verdict(url) {
    return JSON.parse(this.#native.decideJson(url));
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

  /** The loaded list as v1 JSON text, unknown fields included. */
  exportList() {
    return this.#native.exportList();
  }

  /** [{id, name}] of every platform a person can list. */
  platforms() {
    return JSON.parse(this.#native.platforms());
  }
}
