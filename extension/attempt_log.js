// The attempt log, in chrome.storage.local, one item per attempt, each
// staged in storage.session before it is written so that a stopped worker
// loses none; and the navigations a starting worker saw before it could
// decide them.
import {
  LOG_PREFIX, SEEN_PREFIX, STAGED_ATTEMPT_PREFIX, STAGED_NAVIGATION_PREFIX,
} from './storage_keys.js';

const encoder = new TextEncoder();

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
// Changes to the log's items seen or issued: a read that overlaps one (its
// event may come before the read's answer) is used once, never kept.
let logChanges = 0;
// Items this worker wrote whose change events have not come yet (key ->
// count): counted as changes when issued, so their events are not counted
// again; else every block page, which comes with its attempt's write, would
// read the whole log again.
const ownWrites = new Map();

async function appendToLog(entries) {
  const items = Object.fromEntries(entries.map((e) => [logKey(e), e]));
  logChanges += 1;
  if (logItems) for (const [key, entry] of Object.entries(items)) logItems.set(key, entry);
  for (const key of Object.keys(items)) ownWrites.set(key, (ownWrites.get(key) ?? 0) + 1);
  try {
    await chrome.storage.local.set(items);
  } catch (error) {
    logItems = null;  // not stored: read the log again
    for (const key of Object.keys(items)) ownEventCame(key);  // none will
    throw error;
  }
}

function ownEventCame(key) {
  const pending = ownWrites.get(key);
  if (!pending) return false;
  if (pending === 1) ownWrites.delete(key);
  else ownWrites.set(key, pending - 1);
  return true;
}

globalThis.chrome?.storage?.onChanged?.addListener((changes, area) => {
  if (area !== 'local') return;
  for (const [key, { newValue }] of Object.entries(changes)) {
    if (!key.startsWith(LOG_PREFIX)) continue;
    const own = ownEventCame(key);
    if (own && (!logItems || JSON.stringify(logItems.get(key)) === JSON.stringify(newValue))) continue;
    logChanges += 1;
    if (!logItems) return;
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
  logChanges += 1;
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
  let items = logItems;
  if (!items) {
    await logQueue;
    const before = logChanges;
    // Only the log's items where the browser can list keys (Chrome 130+):
    // the list's copy and its snapshot are not read for nothing.
    const keys = chrome.storage.local.getKeys
      ? (await chrome.storage.local.getKeys()).filter((k) => k.startsWith(LOG_PREFIX))
      : null;
    const all = await chrome.storage.local.get(keys);
    items = new Map(Object.entries(all).filter(([k]) => k.startsWith(LOG_PREFIX)));
    if (logChanges === before) logItems ??= items;
  }
  return [...items.values()]
    .flatMap((item) => (Array.isArray(item) ? item : typeof item?.t === 'number' ? [item] : []))
    .sort((a, b) => a.t - b.t);
}

/** Deletes the log of blocked visits at once; recorded contacts stay. */
export function deleteLog() {
  const remove = logQueue.then(async () => {
    logItems = null;
    logChanges += 1;
    const all = await chrome.storage.local.get(null);
    // The visits only: a contact they recorded ("I reached out") is what
    // their day count counts from, not a blocked visit, and stays (also
    // inside the month arrays of earlier versions).
    const isContact = (entry) => entry?.kind === 'contact';
    const keys = Object.keys(all).filter((k) => k.startsWith(LOG_PREFIX));
    const kept = Object.fromEntries(keys.filter((k) => Array.isArray(all[k]) && all[k].some(isContact))
      .map((k) => [k, all[k].filter(isContact)]));
    if (Object.keys(kept).length) await chrome.storage.local.set(kept);
    await chrome.storage.local.remove(keys.filter((k) => !(k in kept) && !isContact(all[k])));
  });
  logQueue = remove.catch(() => {});
  return remove;
}
