// Where Deadbolt keeps things, and how it keeps them safe.
//
// The blocklist lives in chrome.storage.local, on this device only, unless
// the person turns on "follow my browsers" (see listFollowsSync): then it is
// also kept in chrome.storage.sync so that it follows their browser sync,
// split into items under the sync quotas, with the full copy in
// chrome.storage.local written first: a failed or interrupted sync write, a
// corrupt item or a list too large for sync never loses the list. The attempt
// log lives in chrome.storage.local, one item per attempt, each staged in
// storage.session before it is written so that a stopped worker loses none.

import {
  FEED_COUNT_PREFIX, LIST_BACKUP as BACKUP_KEY, LIST_FOLLOWS_SYNC, LIST_CHUNK_PREFIX as CHUNK_PREFIX, LIST_GEN, LIST_META as META_KEY,
  LIST_SAVED_AT, LIST_SNAPSHOT, LIST_WHERE, LOG_PREFIX, SEEN_PREFIX, STAGED_ATTEMPT_PREFIX, STAGED_NAVIGATION_PREFIX,
} from './storage_keys.js';

// chrome.storage.sync allows 8,192 bytes an item (key and JSON value) and
// 102,400 in all; leave room for the meta item and other settings.
const CHUNK_BYTES = 7000;
const SYNC_LIST_BYTES = 90000;

const encoder = new TextEncoder();
const byteLength = (s) => encoder.encode(s).length;

/** Splits text into pieces whose JSON-encoded form stays under CHUNK_BYTES. */
function chunk(text) {
  const pieces = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK_BYTES);
    while (byteLength(JSON.stringify(text.slice(start, end))) > CHUNK_BYTES) end = start + Math.floor((end - start) * 0.8);
    // Never split a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * Saves the list (v1 JSON text, already validated by the core).
 * Returns {where: 'sync' | 'local', reason?, gen}: `gen` is the generation
 * written, which the worker's own storage.onChanged event carries too.
 * `claim(gen)` is told that generation before anything is written, so that
 * the writer knows its own change when the event comes (list_owner.js).
 */
export async function saveList(text, { claim = () => {} } = {}) {
  if (!(await listFollowsSync())) return saveOnDevice(text, claim);
  const { [META_KEY]: old } = await chrome.storage.sync.get(META_KEY);
  const oldKeys = old?.where === 'sync' ? Array.from({ length: old.count }, (_, i) => `${CHUNK_PREFIX}${old.gen}.${i}`) : [];
  const gen = nextGeneration(old?.gen);
  claim(gen);
  await chrome.storage.local.set({ [BACKUP_KEY]: text, [LIST_SAVED_AT]: Date.now() });
  const pieces = byteLength(text) > SYNC_LIST_BYTES ? null : chunk(text);
  const newKeys = (pieces ?? []).map((_, i) => `${CHUNK_PREFIX}${gen}.${i}`);
  let result = { where: 'local', reason: 'too-large' };
  if (pieces) {
    try {
      // Chunks of the new generation first, then the meta item that points at
      // them: a reader never sees a half-written list.
      await chrome.storage.sync.set(Object.fromEntries(pieces.map((p, i) => [newKeys[i], p])));
      await chrome.storage.sync.set({ [META_KEY]: { v: 1, where: 'sync', gen, count: pieces.length } });
      result = { where: 'sync' };
    } catch (error) {
      result = { where: 'local', reason: String(error?.message ?? error) };
    }
  }
  if (result.where === 'local') {
    // Tell other devices the list lives locally here; sync may be what failed.
    await chrome.storage.sync.set({ [META_KEY]: { v: 1, where: 'local', gen } }).catch(() => {});
  }
  const stale = result.where === 'sync' ? oldKeys : [...oldKeys, ...newKeys];
  if (stale.length) await chrome.storage.sync.remove(stale).catch(() => {});
  await chrome.storage.local.set({ [LIST_WHERE]: result, [LIST_GEN]: gen });
  return { ...result, gen };
}

// ---- Snapshot: the decision index, for a fast start --------------------------

/**
 * The stored list's version: the synced generation, else the local one.
 * `local`: more keys of storage.local to read in the same call (a worker's
 * first storage calls are slow: one fewer is worth it on the start path).
 */
async function listVersion(local = []) {
  const [{ [META_KEY]: meta }, items] = await Promise.all([
    chrome.storage.sync.get(META_KEY).catch(() => ({})),
    chrome.storage.local.get([LIST_GEN, SYNC_CHOICE_KEY, ...local]),
  ]);
  const synced = followsSync(items[SYNC_CHOICE_KEY], meta);
  return { version: (synced ? meta?.gen : null) ?? items[LIST_GEN] ?? null, items };
}

// Storage keeps JSON values: the snapshot's bytes are kept in base64. The
// core checks what it is given (format, build, checksum); this only says
// whether it belongs to the list as stored now.

export const toBase64 = (bytes) => {
  if (bytes.toBase64) return bytes.toBase64();
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
};

export const fromBase64 = (text) => {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
};

/** Keeps the core's snapshot (Uint8Array) of the list as it is stored now. */
/**
 * Keeps the core's snapshot (Uint8Array) of the list as it is stored now,
 * or of the list of generation `version` (saveList() claims it).
 */
export async function saveSnapshot(bytes, version = undefined) {
  version ??= (await listVersion()).version;
  await chrome.storage.local.set({ [LIST_SNAPSHOT]: { version, bytes: toBase64(bytes) } });
}

/** The snapshot (Uint8Array), if it was made from the list as stored now; else null. */
export async function loadSnapshot() {
  const { version, items: { [LIST_SNAPSHOT]: snapshot } } = await listVersion([LIST_SNAPSHOT]);
  if (!snapshot || version === null || snapshot.version !== version || typeof snapshot.bytes !== 'string') return null;
  try {
    return fromBase64(snapshot.bytes);
  } catch {
    return null;  // not base64: damaged; the full list is loaded instead
  }
}

/**
 * The stored list, newest first: the synced copy when it is whole, else the
 * local copy. `validate(text)` returns null when the core accepts the text.
 * Returns {text, where, problem?}; text is null on a fresh install.
 */
export async function loadList(validate) {
  const { [META_KEY]: meta } = await chrome.storage.sync.get(META_KEY).catch(() => ({}));
  const { [BACKUP_KEY]: backup } = await chrome.storage.local.get(BACKUP_KEY);
  if (!(await listFollowsSync())) {
    // On this device only: the local copy is the list.
    const error = typeof backup === 'string' ? validate(backup) : null;
    if (typeof backup !== 'string') return { text: null, where: 'none', problem: null };
    if (!error) return { text: backup, where: 'device' };
    return { text: null, where: 'none', problem: chrome.i18n.getMessage('problemUnreadable', [error]) };
  }
  let problem = null;
  if (meta?.where === 'sync' && Number.isInteger(meta.count) && meta.count > 0) {
    const keys = Array.from({ length: meta.count }, (_, i) => `${CHUNK_PREFIX}${meta.gen}.${i}`);
    const items = await chrome.storage.sync.get(keys).catch(() => ({}));
    if (keys.every((k) => typeof items[k] === 'string')) {
      const text = keys.map((k) => items[k]).join('');
      const error = validate(text);
      if (!error) {
        // The local copy follows: turning sync off later, or a synced copy
        // removed elsewhere, leaves this device with the list it last saw.
        if (text !== backup) await chrome.storage.local.set({ [BACKUP_KEY]: text }).catch(() => {});
        return { text, where: 'sync' };
      }
      problem = chrome.i18n.getMessage('problemSyncDamaged', [error]);
    } else {
      problem = chrome.i18n.getMessage('problemSyncIncomplete');
    }
  }
  if (typeof backup === 'string') {
    const error = validate(backup);
    if (!error) return { text: backup, where: 'local', problem };
    problem = chrome.i18n.getMessage('problemUnreadable', [error]);
  }
  return { text: null, where: 'none', problem };
}

// ---- Where the list lives: this device, or also the browser's sync ----------
// The person's choice, per device, in storage.local. Off unless they turn it
// on; an install from before the choice existed, whose list is in sync
// today, keeps it there (as it had it: turning sync off behind their back
// would leave their other browsers with a list that no longer follows).

const SYNC_CHOICE_KEY = LIST_FOLLOWS_SYNC;

const followsSync = (choice, meta) => (typeof choice === 'boolean' ? choice : meta?.where === 'sync' && Number.isInteger(meta?.gen));

/** Does the list follow the person's browsers (chrome.storage.sync)? */
export async function listFollowsSync() {
  const { [SYNC_CHOICE_KEY]: choice } = await chrome.storage.local.get(SYNC_CHOICE_KEY);
  if (typeof choice === 'boolean') return choice;
  const { [META_KEY]: meta } = await chrome.storage.sync.get(META_KEY).catch(() => ({}));
  const kept = followsSync(choice, meta);
  await chrome.storage.local.set({ [SYNC_CHOICE_KEY]: kept });
  return kept;
}

// Generations written by two devices at once must not share chunk keys: a
// random step makes that unlikely (gen is only ever compared for equality).
const nextGeneration = (old) => (Number.isInteger(old) ? old : 0) + 1 + Math.floor(Math.random() * 1000);

/** Saves on this device only. */
async function saveOnDevice(text, claim) {
  const { [LIST_GEN]: old } = await chrome.storage.local.get(LIST_GEN);
  const gen = nextGeneration(old);
  claim(gen);
  const result = { where: 'device' };
  await chrome.storage.local.set({ [BACKUP_KEY]: text, [LIST_SAVED_AT]: Date.now(), [LIST_WHERE]: result, [LIST_GEN]: gen });
  return { ...result, gen };
}

/** The synced list `meta` points at, whole, or null. */
async function readSynced(meta) {
  if (meta?.where !== 'sync' || !Number.isInteger(meta.count) || meta.count <= 0) return null;
  const keys = Array.from({ length: meta.count }, (_, i) => `${CHUNK_PREFIX}${meta.gen}.${i}`);
  const items = await chrome.storage.sync.get(keys).catch(() => ({}));
  return keys.every((k) => typeof items[k] === 'string') ? keys.map((k) => items[k]).join('') : null;
}

let switching = false;
/** Is a switch under way? (The worker leaves other devices' writes to it meanwhile.) */
export const switchingListArea = () => switching;

/**
 * Moves the list in or out of sync: `on` true makes it follow the person's
 * browsers, false keeps it on this device only and removes it from sync.
 * `text`: the list as this device holds it; `merge(other)` returns the list
 * with `other` (another device's synced list) added, or null to keep the
 * list as it is (the core merges: nothing is lost, nothing doubled). Lists
 * other devices write while this runs are merged too. Resolves to what
 * saveList answered for the final list, with its `text`.
 * Call inside serialised('list').
 */
export async function switchListArea(on, text, merge) {
  switching = true;
  // Other writers' lists seen while switching, read at once: the next write
  // of the list removes the generation it replaces.
  const foreign = [];
  const watch = (changes, area) => {
    const meta = changes[META_KEY]?.newValue;
    if (area === 'sync' && meta) foreign.push({ gen: meta.gen, text: readSynced(meta) });
  };
  chrome.storage.onChanged.addListener(watch);
  try {
    const { [META_KEY]: meta } = await chrome.storage.sync.get(META_KEY).catch(() => ({}));
    // The synced list is this device's own while it follows sync (a last
    // change from another device is kept); otherwise it is merged only on the way in.
    const synced = on || (await listFollowsSync()) ? await readSynced(meta) : null;
    let current = synced === null ? text : merge(synced) ?? text;
    if (!on) {
      await chrome.storage.local.set({ [SYNC_CHOICE_KEY]: false });
      const saved = await saveList(current);
      // Nothing of the list stays in the browser account.
      const all = await chrome.storage.sync.get(null).catch(() => ({}));
      const ours = Object.keys(all).filter((k) => k === META_KEY || k.startsWith(CHUNK_PREFIX));
      if (ours.length) await chrome.storage.sync.remove(ours).catch(() => {});
      return { ...saved, text: current };
    }
    await chrome.storage.local.set({ [SYNC_CHOICE_KEY]: true });
    let saved = await saveList(current);
    // Another device may have written meanwhile: its list is merged in and
    // written again, until no write is left unmerged.
    const merged = new Set([saved.gen, meta?.gen]);
    for (let round = 0; round < 5; round++) {
      await new Promise((r) => setTimeout(r, 150));  // storage events arrive after the write
      const others = foreign.filter((f) => !merged.has(f.gen));
      if (!others.length) break;
      for (const other of others) {
        merged.add(other.gen);
        const theirs = await other.text;
        if (theirs !== null) current = merge(theirs) ?? current;
      }
      saved = await saveList(current);
      merged.add(saved.gen);
    }
    return { ...saved, text: current };
  } finally {
    chrome.storage.onChanged.removeListener(watch);
    switching = false;
  }
}

// ---- Attempt log ------------------------------------------------------------
// Two witnesses see an attempt: the navigation listener, at once, and the
// block page, when it shows. The listener logs; the block page reports too,
// and its report is logged only when the listener's record of the same
// address in the same tab is missing (a worker stopped before it ran).

const STAGED = STAGED_ATTEMPT_PREFIX;  // storage.session keys of attempts not yet in the log
const SEEN = SEEN_PREFIX;  // storage.session: `seen.<tab>.<address hash>` -> time it was logged
const SEEN_MS = 60_000;  // a block page reports within seconds; older records are dropped
let logQueue = Promise.resolve();

// Each attempt is stored under a key of its own, `log.<YYYY-MM>.<id>`: a write
// never reads first, so the last write of a stopped worker and the first of
// its successor cannot undo each other, and storing a recovered attempt again
// changes nothing. (Earlier versions kept one array a month: still read.)
const logKey = (entry) => `${LOG_PREFIX}${new Date(entry.t).toISOString().slice(0, 7)}.${entry.id}`;

// The log as this worker holds it (storage key -> item), once read: every
// write of the log goes through this module and is applied here as it is
// issued, so the block page's day count needs no storage read, nor to wait
// for the write of the attempt that led to it. A change of the log's items
// from anywhere else drops it (storage.onChanged below).
let logItems = null;

async function appendToLog(entries) {
  const items = Object.fromEntries(entries.map((e) => [logKey(e), e]));
  if (logItems) for (const [key, entry] of Object.entries(items)) logItems.set(key, entry);
  try {
    await chrome.storage.local.set(items);
  } catch (error) {
    logItems = null;  // not stored: read the log again
    throw error;
  }
}

globalThis.chrome?.storage?.onChanged?.addListener((changes, area) => {
  if (area !== 'local' || !logItems) return;
  for (const [key, { newValue }] of Object.entries(changes)) {
    if (!key.startsWith(LOG_PREFIX)) continue;
    const held = logItems.get(key);
    if (newValue === undefined ? held !== undefined : JSON.stringify(held) !== JSON.stringify(newValue)) logItems = null;
    if (!logItems) return;
  }
});

/**
 * The storage.session key that says this tab's attempt at `address` was
 * logged. The address is hashed (two 32-bit FNV-1a): the URL is never stored.
 */
export function seenKey(tabId, address) {
  const bytes = encoder.encode(address);
  let a = 0x811c9dc5 | 0;
  let b = 0x01000193 | 0;
  for (let i = 0; i < bytes.length; i++) {  // an index loop: 10 ms for a 2 MB URL, for-of 60 times that
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x01000193) ^ (b >>> 15);
  }
  return `${SEEN}${tabId}.${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}`;
}

/**
 * Appends one attempt {t, o, person, platform, kind}; resolves once stored.
 * It is staged in storage.session first, with its `seen` record, in one
 * write issued before any await: a worker stopped mid-burst leaves it there,
 * and the next start moves it to the log. `id` keeps a recovered attempt
 * from being logged twice.
 */
export function appendAttempt(entry, { id = crypto.randomUUID().slice(0, 12), seen = null } = {}) {
  const record = { ...entry, id };
  logItems?.set(logKey(record), record);  // read at once, as issued
  const items = { [`${STAGED}${id}`]: record };
  if (seen) items[seen] = entry.t;
  const staged = chrome.storage.session.set(items).catch(() => {});
  const write = logQueue.then(async () => {
    await staged;
    await appendToLog([record]);
    await chrome.storage.session.remove(`${STAGED}${id}`).catch(() => {});
  });
  logQueue = write.catch(() => {});
  return write;
}

let reports = Promise.resolve();  // block-page reports, one at a time: each reads, then writes

/**
 * The block page's report: appends the attempt unless the listener logged
 * it (its `seen` record is fresh). Resolves to whether it was appended.
 */
export function appendReportedAttempt(entry, seen) {
  const report = reports.then(async () => {
    const { [seen]: loggedAt } = await chrome.storage.session.get(seen).catch(() => ({}));
    if (typeof loggedAt === 'number' && Math.abs(entry.t - loggedAt) < SEEN_MS) return false;
    await appendAttempt(entry, { seen });
    return true;
  });
  reports = report.catch(() => {});
  return report;
}

// ---- Navigations seen while the worker was still starting -------------------
// A worker woken by a navigation needs ~100 ms before it can decide; if it is
// stopped in that window the navigation would go unlogged. Such navigations
// are staged (in memory-only session storage) until decided.

const NAV = STAGED_NAVIGATION_PREFIX;

export async function stageNavigation(url, t, tabId) {
  const id = crypto.randomUUID().slice(0, 12);
  await chrome.storage.session.set({ [`${NAV}${id}`]: { url, t, tabId } }).catch(() => {});
  return id;
}

export async function unstageNavigation(id) {
  await chrome.storage.session.remove(`${NAV}${id}`).catch(() => {});
}

/**
 * Navigations a stopped worker never decided: [{id, url, t, tabId}]. They
 * stay staged until `unstageNavigation` — after their attempts are stored.
 */
export async function stagedNavigations() {
  const session = await chrome.storage.session.get(null).catch(() => ({}));
  return Object.keys(session).filter((k) => k.startsWith(NAV)).map((k) => ({ id: k.slice(NAV.length), ...session[k] }));
}

/** Moves attempts a stopped worker left staged into the log; drops old `seen` records. */
export function recoverStagedAttempts(now = Date.now()) {
  const recover = logQueue.then(async () => {
    const session = await chrome.storage.session.get(null).catch(() => ({}));
    const stale = Object.keys(session).filter((k) => k.startsWith(SEEN) && !(now - session[k] < SEEN_MS));
    if (stale.length) await chrome.storage.session.remove(stale).catch(() => {});
    const keys = Object.keys(session).filter((k) => k.startsWith(STAGED));
    if (!keys.length) return 0;
    await appendToLog(keys.map((k) => session[k]));  // one item each: no order to keep
    await chrome.storage.session.remove(keys);
    return keys.length;
  });
  logQueue = recover.catch(() => {});
  return recover;
}

/** Every logged attempt, oldest first: attempts being written included. */
export async function readLog() {
  if (!logItems) {
    await logQueue;
    // Only the log's items where the browser can list keys (Chrome 130+):
    // the list's copy and its snapshot are not read for nothing.
    const keys = chrome.storage.local.getKeys
      ? (await chrome.storage.local.getKeys()).filter((k) => k.startsWith(LOG_PREFIX))
      : null;
    const all = await chrome.storage.local.get(keys);
    logItems ??= new Map(Object.entries(all).filter(([k]) => k.startsWith(LOG_PREFIX)));
  }
  return [...logItems.values()]
    .flatMap((item) => (Array.isArray(item) ? item : typeof item?.t === 'number' ? [item] : []))
    .sort((a, b) => a.t - b.t);
}

/** Deletes the whole log at once. */
export function deleteLog() {
  const remove = logQueue.then(async () => {
    logItems = null;
    const all = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith(LOG_PREFIX)));
  });
  logQueue = remove.catch(() => {});
  return remove;
}

// ---- Kept out of feeds: counts the content scripts write --------------------

/**
 * How many feed items were kept out of sight: {today, all}. Each content
 * script writes its own keys (feeds.count.<day>.<session>) whole, so none
 * can undo another's; this only adds them up.
 */
export async function feedCounts(now = new Date()) {
  const all = await chrome.storage.local.get(null);
  const today = `${FEED_COUNT_PREFIX}${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}.`;
  let total = 0;
  let day = 0;
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(FEED_COUNT_PREFIX) || !Number.isFinite(value)) continue;
    total += value;
    if (key.startsWith(today)) day += value;
  }
  return { today: day, all: total };
}
