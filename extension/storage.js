// Where Deadbolt keeps things, and how it keeps them safe.
//
// The blocklist lives in chrome.storage.sync so that it follows the user's
// browser sync, split into items under the sync quotas, with a full copy in
// chrome.storage.local written first: a failed or interrupted sync write, a
// corrupt item or a list too large for sync never loses the list. The attempt
// log lives in chrome.storage.local, one item per month, appended through a
// single serialised writer so that a burst of attempts loses none.

const META_KEY = 'list.meta';
const BACKUP_KEY = 'list.backup';
const CHUNK_PREFIX = 'list.chunk.';
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
 * Returns {where: 'sync' | 'local', reason?}.
 */
export async function saveList(text) {
  await chrome.storage.local.set({ [BACKUP_KEY]: text, 'list.savedAt': Date.now() });
  const { [META_KEY]: old } = await chrome.storage.sync.get(META_KEY);
  const oldKeys = old?.where === 'sync' ? Array.from({ length: old.count }, (_, i) => `${CHUNK_PREFIX}${old.gen}.${i}`) : [];
  const gen = (old?.gen ?? 0) + 1;
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
  await chrome.storage.local.set({ 'list.where': result, 'list.gen': gen });
  return result;
}

// ---- Snapshot: the decision index, for a fast start --------------------------

/** The stored list's version: the synced generation, else the local one. */
async function listVersion() {
  const [{ [META_KEY]: meta }, { 'list.gen': gen }] = await Promise.all([
    chrome.storage.sync.get(META_KEY).catch(() => ({})),
    chrome.storage.local.get('list.gen'),
  ]);
  return meta?.gen ?? gen ?? null;
}

/** Keeps the core's snapshot of the list as it is stored now. */
export async function saveSnapshot(text) {
  await chrome.storage.local.set({ 'list.snapshot': { version: await listVersion(), text } });
}

/** The snapshot, if it was made from the list as stored now; else null. */
export async function loadSnapshot() {
  const [version, { 'list.snapshot': snapshot }] = await Promise.all([listVersion(), chrome.storage.local.get('list.snapshot')]);
  return snapshot && version !== null && snapshot.version === version && typeof snapshot.text === 'string' ? snapshot.text : null;
}

/**
 * The stored list, newest first: the synced copy when it is whole, else the
 * local copy. `validate(text)` returns null when the core accepts the text.
 * Returns {text, where, problem?}; text is null on a fresh install.
 */
export async function loadList(validate) {
  const { [META_KEY]: meta } = await chrome.storage.sync.get(META_KEY).catch(() => ({}));
  const { [BACKUP_KEY]: backup } = await chrome.storage.local.get(BACKUP_KEY);
  let problem = null;
  if (meta?.where === 'sync' && Number.isInteger(meta.count) && meta.count > 0) {
    const keys = Array.from({ length: meta.count }, (_, i) => `${CHUNK_PREFIX}${meta.gen}.${i}`);
    const items = await chrome.storage.sync.get(keys).catch(() => ({}));
    if (keys.every((k) => typeof items[k] === 'string')) {
      const text = keys.map((k) => items[k]).join('');
      const error = validate(text);
      if (!error) return { text, where: 'sync' };
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

// ---- Attempt log ------------------------------------------------------------

const logKey = (time) => `log.${new Date(time).toISOString().slice(0, 7)}`;
const STAGED = 'attempt.';  // storage.session keys of attempts not yet in the log
let logQueue = Promise.resolve();

async function appendToLog(entries) {
  const byMonth = new Map();
  for (const e of entries) byMonth.set(logKey(e.t), [...(byMonth.get(logKey(e.t)) ?? []), e]);
  const stored = await chrome.storage.local.get([...byMonth.keys()]);
  for (const [key, added] of byMonth) {
    const month = stored[key] ?? [];
    const ids = new Set(month.map((e) => e.id));
    for (const e of added) if (!ids.has(e.id)) month.push(e);  // a recovered entry may already be there
    stored[key] = month;
  }
  await chrome.storage.local.set(stored);
}

/**
 * Appends one attempt {t, o, person, platform, kind}; resolves once stored.
 * It is staged in storage.session first (one write, no read): a worker
 * stopped mid-burst leaves it there, and the next start moves it to the log.
 */
export function appendAttempt(entry, recordId = crypto.randomUUID().slice(0, 12)) {
  const id = `${STAGED}${recordId}`;
  const record = { ...entry, id: recordId };
  const staged = chrome.storage.session.set({ [id]: record }).catch(() => {});
  const write = logQueue.then(async () => {
    await staged;
    await appendToLog([record]);
    await chrome.storage.session.remove(id).catch(() => {});
  });
  logQueue = write.catch(() => {});
  return write;
}

// ---- Navigations seen while the worker was still starting -------------------
// A worker woken by a navigation needs ~100 ms before it can decide; if it is
// stopped in that window the navigation would go unlogged. Such navigations
// are staged (in memory-only session storage) until decided.

const NAV = 'nav.';

export async function stageNavigation(url, t) {
  const id = crypto.randomUUID().slice(0, 12);
  await chrome.storage.session.set({ [`${NAV}${id}`]: { url, t } }).catch(() => {});
  return id;
}

export async function unstageNavigation(id) {
  await chrome.storage.session.remove(`${NAV}${id}`).catch(() => {});
}

/** Navigations a stopped worker never decided: [{id, url, t}], removed from staging. */
export async function takeStagedNavigations() {
  const session = await chrome.storage.session.get(null).catch(() => ({}));
  const keys = Object.keys(session).filter((k) => k.startsWith(NAV));
  if (keys.length) await chrome.storage.session.remove(keys).catch(() => {});
  return keys.map((k) => ({ id: k.slice(NAV.length), ...session[k] }));
}

/** Moves attempts a stopped worker left staged into the log. */
export function recoverStagedAttempts() {
  const recover = logQueue.then(async () => {
    const session = await chrome.storage.session.get(null).catch(() => ({}));
    const keys = Object.keys(session).filter((k) => k.startsWith(STAGED));
    if (!keys.length) return 0;
    await appendToLog(keys.map((k) => session[k]).sort((a, b) => a.t - b.t));
    await chrome.storage.session.remove(keys);
    return keys.length;
  });
  logQueue = recover.catch(() => {});
  return recover;
}

/** Every logged attempt, oldest first. */
export async function readLog() {
  await logQueue;
  const all = await chrome.storage.local.get(null);
  return Object.keys(all)
    .filter((k) => k.startsWith('log.'))
    .sort()
    .flatMap((k) => (Array.isArray(all[k]) ? all[k] : []));
}
