// The decider: the core's decisions on the start path, from a standalone
// wasm module (wasm/exports.cpp) with plain C exports: no Emscripten glue,
// no embind. The service worker decides with it from its first event; the
// full core (core.js) loads only when a page needs editing, rules or stats.
//
// The decider loads binary snapshots only: a v1 list (JSON) is read by the
// full core, whose snapshot the decider then loads, so that no JSON library
// is on the start path.
//
// This file is also the content scripts' decider: scripts/build wraps it
// into a classic script (extension/built/decider.classic.js) that carries the
// wasm bytes itself, since a content script can neither import a module nor
// fetch a web-accessible file without letting pages detect Deadbolt. So it
// has no module syntax but one export statement, at the end.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The module's imports: the few a standalone build of the core asks for. */
function importsFor(onGrow) {
  return {
    env: { emscripten_notify_memory_growth: onGrow },
    wasi_snapshot_preview1: {
      proc_exit: (code) => { throw new WebAssembly.RuntimeError(`deadbolt decider exited (${code})`); },
    },
  };
}

/**
 * Instantiates a decider with an empty list. `source` is where the wasm is:
 * a URL (fetched and compiled while it streams in), a Response or a promise
 * of one, the bytes themselves (an ArrayBuffer or a typed array), or an
 * already compiled WebAssembly.Module.
 */
async function instantiateDecider(source) {
  let decider = null;
  const imports = importsFor(() => decider?.memoryGrew());
  let instance;
  if (source instanceof WebAssembly.Module) {
    instance = await WebAssembly.instantiate(source, imports);
  } else if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    ({ instance } = await WebAssembly.instantiate(source, imports));
  } else {
    const response = await (typeof source === 'string' || source instanceof URL ? fetch(source) : source);
    // Compiled while the bytes stream in, and cacheable by the browser; a
    // server that does not say application/wasm gets the plain path.
    if (response.headers.get('content-type')?.startsWith('application/wasm')) {
      ({ instance } = await WebAssembly.instantiateStreaming(response, imports));
    } else {
      ({ instance } = await WebAssembly.instantiate(await response.arrayBuffer(), imports));
    }
  }
  decider = new Decider(instance);
  return decider;
}

class Decider {
  #x;        // the module's exports
  #heap;     // a view of all of wasm memory; replaced when memory grows
  #input = null;  // a view of the core's input buffer

  constructor(instance) {
    this.#x = instance.exports;
    this.#x._initialize();  // the core's static constructors
    this.#heap = new Uint8Array(this.#x.memory.buffer);
  }

  /** Called by the module when its memory grew: every view is stale. */
  memoryGrew() {
    this.#heap = new Uint8Array(this.#x.memory.buffer);
    this.#input = null;
  }

  // The string's UTF-8 bytes, written straight into the core's input buffer:
  // no copy in JavaScript, no allocation once the buffer is warm. The buffer
  // has room for three bytes a UTF-16 unit (the most UTF-8 takes), so one
  // call writes it all.
  #encode(text) {
    if (this.#input === null || this.#input.length < text.length * 3) this.#reserve(Math.max(1024, text.length * 3));
    return encoder.encodeInto(text, this.#input).written;
  }

  #reserve(bytes) {
    const size = Math.max(bytes, this.#input?.byteLength ?? 0);
    const pointer = this.#x.deadbolt_input(size);  // may grow memory, and so reset #input
    this.#input = this.#heap.subarray(pointer, pointer + size);
  }

  /** The text the last call left in the core's output buffer. */
  #output(bytes) {
    const pointer = this.#x.deadbolt_output();
    return decoder.decode(this.#heap.subarray(pointer, pointer + bytes));
  }

  /** Whether the URL must be blocked: the hot path, a number across and back. */
  blocks(url) {
    return this.#x.deadbolt_decide(this.#encode(String(url))) === 1;
  }

  /**
   * The decision on a URL, made once: null to allow, else {verdict: 'block',
   * person, personIndex, platform, platformName, handle, kind, address}.
   */
  decide(url) {
    const bytes = this.#encode(String(url));
    if (this.#x.deadbolt_decide(bytes) !== 1) return null;
    return JSON.parse(this.#output(this.#x.deadbolt_verdict(bytes)));
  }

  /** {verdict, platform, platformName, handle, kind, person, personIndex, address}, allowed or not. */
  verdict(url) {
    return JSON.parse(this.#output(this.#x.deadbolt_verdict(this.#encode(String(url)))));
  }

  /** Loads a binary snapshot (Uint8Array) of this build; false, and nothing changed, if it cannot. */
  loadSnapshot(bytes) {
    if (!this.#place(bytes)) return false;
    return this.#x.deadbolt_load_snapshot(bytes.length) === 1;
  }

  // Copies a snapshot into the core's snapshot buffer: the one copy it takes.
  #place(bytes) {
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) return false;
    const pointer = this.#x.deadbolt_snapshot_buffer(bytes.length);  // may grow memory
    this.#heap.set(bytes, pointer);
    return true;
  }

  /** The loaded index as a binary snapshot (a copy). */
  snapshot() {
    const bytes = this.#x.deadbolt_snapshot();
    const pointer = this.#x.deadbolt_output();
    return this.#heap.slice(pointer, pointer + bytes);
  }

  /**
   * Loads a feed index (the binary snapshot of the feed list) for deciding
   * feed items; `mentions`: also hide items that only mention or tag them.
   * False, and nothing hidden, if it cannot.
   */
  loadFeedIndex(bytes, mentions) {
    if (!this.#place(bytes)) return false;
    return this.#x.deadbolt_load_feed_index(bytes.length, mentions ? 1 : 0) === 1;
  }

  /**
   * The feed markup of the page at `pageUrl` ({platform, items, authors,
   * attributes}), or null when it has none; '' gives {platforms: [every one]}.
   * `instances`: the fediverse instances the person added (hosts, as
   * readInstance() gave them), served with the fediverse web UI's markup.
   */
  feedMarkup(pageUrl, instances = []) {
    const hosts = Array.isArray(instances) ? instances.map(String) : [];
    const input = pageUrl === '' ? '' : [String(pageUrl), ...hosts].join('\n');
    const length = this.#x.deadbolt_feed_markup(input === '' ? 0 : this.#encode(input));
    return length === 0 ? null : JSON.parse(this.#output(length));
  }

  /**
   * The user style sheet (wasm/include/deadbolt/feed_style.h) that hides the
   * items of `people` (indexes of the loaded feed index's people, as
   * decideItem() returns them) on the page at `pageUrl` in the page's own
   * layout, or '' for none. Instances as feedMarkup() last took them.
   */
  feedStyle(pageUrl, people) {
    const input = [pageUrl, ...people].join('\n');  // the core reads whole decimal numbers only
    const length = this.#x.deadbolt_feed_style(this.#encode(input));
    return length === 0 ? '' : this.#output(length);
  }

  /** The URL model's reading of `url`: {host, path, query} or null (for the differential test). */
  parseUrl(url) {
    return JSON.parse(this.#output(this.#x.deadbolt_parse_url(this.#encode(String(url)))));
  }

  /** What the person typed as their fediverse instance: {host, pattern} or {error}. */
  readInstance(text) {
    return JSON.parse(this.#output(this.#x.deadbolt_read_instance(this.#encode(String(text)))));
  }

  /**
   * Decides one feed item: -1 to show it, else the index of the listed person
   * whose item it is. `links` and `authors` are hrefs as written; `attributes`
   * are [name, value] pairs, as feedMarkup() named them.
   */
  decideItem(pageUrl, links, authors, attributes) {
    // One crossing per item: NUL-separated fields, each after a tag byte
    // (wasm/exports.cpp reads them).
    let text = 'P' + pageUrl;
    for (const href of authors) text += '\0A' + href;
    for (const href of links) text += '\0L' + href;
    for (const [name, value] of attributes) text += '\0T' + name + '=' + value;
    return this.#x.deadbolt_decide_item(this.#encode(text)) - 1;
  }

  /**
   * What the block page shows of the attempt log at `nowMs`, in the zone
   * `offsetMin` minutes east of UTC, from `startDate` ("YYYY-MM-DD" or null):
   * {all, currentStreak, daysSinceStart, nextMilestone, lastContact,
   * noContactDays, longestNoContactDays, byHour}, as ListCore.stats() names them.
   */
  streak({ log, nowMs, offsetMin, startDate = null }) {
    // The log as the core's TSV reader takes it: only times and contacts count here.
    let text = `${startDate ?? ''}\n`;
    for (const e of log) {
      const t = typeof e.t === 'number' ? e.t : Date.parse(e.t);
      if (Number.isFinite(t)) text += `${Math.round(t)}\t${Number.isInteger(e.o) ? e.o : 0}\t\t\t${e.kind === 'contact' ? 'contact' : 'attempt'}\n`;
    }
    const bytes = this.#x.deadbolt_streak(this.#encode(text), nowMs, offsetMin);
    return JSON.parse(this.#output(bytes));
  }

  /**
   * Loads an inbox index (the binary snapshot of the inbox list) for
   * deciding inbox rows. False, and nothing sealed, if it cannot.
   */
  loadInboxIndex(bytes) {
    if (!this.#place(bytes)) return false;
    return this.#x.deadbolt_load_inbox_index(bytes.length) === 1;
  }

  /**
   * The inbox markup of the page at `pageUrl` ({id, rows, senders,
   * addresses, names, preview, group, pane, paneSenders, current, handle,
   * shadow, watch: the attributes whose change can alter a verdict}), or
   * null when it is no inbox; '' gives {inboxes: [every one]}.
   */
  inboxMarkup(pageUrl) {
    const length = this.#x.deadbolt_inbox_markup(pageUrl === '' ? 0 : this.#encode(String(pageUrl)));
    return length === 0 ? null : JSON.parse(this.#output(length));
  }

  /**
   * Decides one inbox row: null to show it, else {action: 'seal' | 'cover' |
   * 'open', person, listed: [participant indexes], open: an address of the
   * conversation with them that the block page can open after its cool-down,
   * or ''}. `participants` is an
   * array of {addresses: [value], names: [text], links: [href], texts?:
   * [free text, read for addresses and numbers only], handles?: [values of
   * the markup's handle attribute]}.
   */
  decideInboxRow(pageUrl, participants, group) {
    // Fields are NUL-separated: a NUL in a page's text (a name, a message)
    // must not start a field of its own.
    const field = (tag, value) => `\0${tag}${String(value).replaceAll('\0', ' ')}`;
    let text = 'P' + String(pageUrl).replaceAll('\0', ' ');
    for (const p of participants) {
      text += '\0S';
      for (const value of p.addresses) text += field('A', value);
      for (const value of p.names) text += field('N', value);
      for (const href of p.links) text += field('L', href);
      for (const value of p.texts ?? []) text += field('X', value);
      for (const value of p.handles ?? []) text += field('H', value);
    }
    if (group) text += '\0G';
    // The action in the low two bits, the answer's length above them.
    const answer = this.#x.deadbolt_decide_inbox_row(this.#encode(text));
    if (answer === 0) return null;
    const { person, listed, open = '' } = JSON.parse(this.#output(answer >>> 2));
    return { action: ['show', 'seal', 'cover', 'open'][answer & 3], person, listed, open };
  }

  /** The index of the listed person a title or notification text names, or -1. */
  inboxTextPerson(text) {
    return this.#x.deadbolt_inbox_text(this.#encode(String(text))) - 1;
  }

  /** Bytes of wasm memory this decider holds. */
  memoryBytes() {
    return this.#x.memory.buffer.byteLength;
  }
}

export { instantiateDecider, Decider };
