// Where the list is kept, and how it is kept safe: in chrome.storage.local,
// on this device only, unless the person turns on "follow my browsers" (see
// listFollowsSync): then it is also kept in chrome.storage.sync so that it
// follows their browser sync, split into items under the sync quotas, with
// the full copy in chrome.storage.local written first: a failed or
// interrupted sync write, a corrupt item or a list too large for sync never
// loses the list. Beside it, the core's snapshot of it, for a fast start.

import { fromBase64, toBase64 } from './base64.js';
import {
  LIST_BACKUP as BACKUP_KEY, LIST_FOLLOWS_SYNC, LIST_CHUNK_PREFIX as CHUNK_PREFIX, LIST_GEN, LIST_META as META_KEY,
  LIST_SAVED_AT, LIST_SNAPSHOT, LIST_SYNC_REFUSED, LIST_UNREADABLE, LIST_WHERE,
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
  // One read for the choice and this device's generation: an edit's answer waits for every storage call here.
  const { [LIST_FOLLOWS_SYNC]: choice, [LIST_GEN]: deviceGen, [LIST_SYNC_REFUSED]: refusedGen } =
    await chrome.storage.local.get([LIST_FOLLOWS_SYNC, LIST_GEN, LIST_SYNC_REFUSED]);
  if (!(typeof choice === 'boolean' ? choice : await listFollowsSync())) return saveOnDevice(text, claim, deviceGen);
  const { [META_KEY]: old } = await chrome.storage.sync.get(META_KEY);
  // A synced list this build could not read (a newer Deadbolt's, or damaged)
  // is every device's list: this device keeps its edits to itself until it
  // can read it, rather than replace it for all of them.
  if (old?.where === 'sync' && Number.isInteger(old.gen) && refusedGen === old.gen) {
    return saveOnDevice(text, claim, deviceGen, { where: 'local', reason: 'sync-unreadable' });
  }
  const oldKeys = old?.where === 'sync' ? Array.from({ length: old.count }, (_, i) => `${CHUNK_PREFIX}${old.gen}.${i}`) : [];
  const gen = nextGeneration(old?.gen);
  claim(gen);
  await chrome.storage.local.set({ [BACKUP_KEY]: text, [LIST_SAVED_AT]: Date.now() });
  const pieces = byteLength(text) > SYNC_LIST_BYTES ? null : chunk(text);
  const newKeys = (pieces ?? []).map((_, i) => `${CHUNK_PREFIX}${gen}.${i}`);
  let result = { where: 'local', reason: 'too-large' };
  let staleKeys = oldKeys;
  if (pieces) {
    // Chunks of the new generation first, then the meta item that points at
    // them: a reader never sees a half-written list.
    const write = async () => {
      await chrome.storage.sync.set(Object.fromEntries(pieces.map((p, i) => [newKeys[i], p])));
      await chrome.storage.sync.set({ [META_KEY]: { v: 1, where: 'sync', gen, count: pieces.length } });
    };
    try {
      await write();
      result = { where: 'sync' };
    } catch (error) {
      result = { where: 'local', reason: String(error?.message ?? error) };
    }
    if (result.where === 'local' && oldKeys.length) {
      // A list over half the sync quota cannot have two generations there at
      // once: the old one goes first, then. Another device reading meanwhile
      // finds it incomplete and keeps its own copy until the meta item moves.
      try {
        await chrome.storage.sync.remove(oldKeys);
        staleKeys = [];
        await write();
        result = { where: 'sync' };
      } catch (error) {
        result = { where: 'local', reason: String(error?.message ?? error) };
      }
    }
  }
  if (result.where === 'local') {
    // Tell other devices the list lives locally here; sync may be what failed
    // (its write limits), this write too: `over` records the generation sync
    // held before, so that loadList() knows the local copy is the newer one
    // while sync still holds that generation.
    result.over = Number.isInteger(old?.gen) ? old.gen : null;
    await chrome.storage.sync.set({ [META_KEY]: { v: 1, where: 'local', gen } }).catch(() => {});
  }
  const stale = result.where === 'sync' ? staleKeys : [...staleKeys, ...newKeys];
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

// The core checks a snapshot it is given (format, build, checksum); this
// only says whether it belongs to the list as stored now.

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
 * Returns {text, where, problem?, refused, unsynced?}; text is null on a
 * fresh install. `refused`: the stored texts the core could not read ({text,
 * from, error}), which must be kept aside (keepUnreadable) before anything is
 * written over them: a list a newer Deadbolt wrote, or a damaged one, is
 * still theirs. `unsynced`: this device's own list, when its last save never
 * reached sync and another device has written since: the two have parted,
 * and the caller merges this one into `text` and stores the result (the
 * local copy is left as it was until then). `incomplete`: the generation of
 * a synced list whose chunks had not all arrived (sync delivers a write's
 * items in no promised order): read again when they come (list_owner.js).
 */
export async function loadList(validate) {
  const { [META_KEY]: meta } = await chrome.storage.sync.get(META_KEY).catch(() => ({}));
  const { [BACKUP_KEY]: backup, [LIST_WHERE]: lastSave, [LIST_SYNC_REFUSED]: refusedGen } =
    await chrome.storage.local.get([BACKUP_KEY, LIST_WHERE, LIST_SYNC_REFUSED]);
  const refused = [];
  const check = (text, from) => {
    const error = validate(text);
    if (error) refused.push({ text, from, error });
    return error;
  };
  if (!(await listFollowsSync())) {
    // On this device only: the local copy is the list.
    if (typeof backup !== 'string') return { text: null, where: 'none', problem: null, refused };
    const error = check(backup, 'device');
    if (!error) return { text: backup, where: 'device', refused };
    return { text: null, where: 'none', problem: chrome.i18n.getMessage('problemUnreadable', [error]), refused };
  }
  let problem = null;
  let incomplete;
  // This device's last save did not reach sync, which still holds the very
  // list that save replaced: the local copy is the newer (an edit answered
  // as saved must not come back undone at the next start). A generation
  // another device wrote since is taken as usual.
  const unsynced = lastSave?.where === 'local' && Number.isInteger(lastSave.over) && lastSave.over === meta?.gen;
  if (unsynced && typeof backup === 'string' && !validate(backup)) return { text: backup, where: 'local', refused };
  // Saved here only, and another device wrote since: both are the person's.
  const parted = lastSave?.where === 'local' && Number.isInteger(lastSave.over) && !unsynced && typeof backup === 'string';
  if (meta?.where === 'sync' && Number.isInteger(meta.count) && meta.count > 0) {
    const keys = Array.from({ length: meta.count }, (_, i) => `${CHUNK_PREFIX}${meta.gen}.${i}`);
    const items = await chrome.storage.sync.get(keys).catch(() => ({}));
    if (keys.every((k) => typeof items[k] === 'string')) {
      const text = keys.map((k) => items[k]).join('');
      const error = check(text, 'sync');
      if (!error) {
        if (refusedGen !== undefined) await chrome.storage.local.remove(LIST_SYNC_REFUSED).catch(() => {});
        if (parted && text !== backup) return { text, where: 'sync', refused, unsynced: backup };
        // The local copy follows: turning sync off later, or a synced copy
        // removed elsewhere, leaves this device with the list it last saw.
        if (text !== backup) await chrome.storage.local.set({ [BACKUP_KEY]: text }).catch(() => {});
        return { text, where: 'sync', refused };
      }
      // Not written over from here while it stays this generation (saveList).
      if (refusedGen !== meta.gen) await chrome.storage.local.set({ [LIST_SYNC_REFUSED]: meta.gen }).catch(() => {});
      problem = chrome.i18n.getMessage('problemSyncDamaged', [error]);
    } else {
      problem = chrome.i18n.getMessage('problemSyncIncomplete');
      incomplete = meta.gen;
    }
  }
  if (typeof backup === 'string') {
    const error = check(backup, 'device');
    if (!error) return { text: backup, where: 'local', problem, refused, incomplete };
    problem = chrome.i18n.getMessage('problemUnreadable', [error]);
  }
  return { text: null, where: 'none', problem, refused, incomplete };
}

// The newest few kept: each is a whole list, and storage.local is not endless.
const UNREADABLE_KEPT = 5;

/**
 * Keeps stored lists the core refused aside, under their own key, before an
 * edit writes over them (the person can download them from the settings
 * page). A text kept already is not kept twice. Throws if it could not be
 * written: then nothing may be written over them.
 */
export async function keepUnreadable(refused) {
  if (!refused.length) return;
  const kept = await unreadableLists();
  const known = new Set(kept.map((k) => k.text));
  const added = refused.filter((r) => !known.has(r.text)).map((r) => ({ ...r, keptAt: Date.now() }));
  if (!added.length) return;
  await chrome.storage.local.set({ [LIST_UNREADABLE]: [...kept, ...added].slice(-UNREADABLE_KEPT) });
}

/** The lists kept aside by keepUnreadable, oldest first. */
export async function unreadableLists() {
  const { [LIST_UNREADABLE]: kept = [] } = await chrome.storage.local.get(LIST_UNREADABLE);
  return Array.isArray(kept) ? kept.filter((k) => typeof k?.text === 'string') : [];
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

/** Saves on this device only (`result`: what saveList answers). */
async function saveOnDevice(text, claim, old, result = { where: 'device' }) {
  const gen = nextGeneration(old);
  claim(gen);
  await chrome.storage.local.set({ [BACKUP_KEY]: text, [LIST_SAVED_AT]: Date.now(), [LIST_WHERE]: result, [LIST_GEN]: gen });
  return { ...result, gen };
}

/** The generation whose chunk `key` is ("list.chunk.<gen>.<i>"), or null for another key. */
export function chunkGeneration(key) {
  if (!key.startsWith(CHUNK_PREFIX)) return null;
  const gen = Number(key.slice(CHUNK_PREFIX.length).split('.')[0]);
  return Number.isInteger(gen) ? gen : null;
}

/** The synced list `meta` points at, whole, or null. */
async function readSynced(meta) {
  if (meta?.where !== 'sync' || !Number.isInteger(meta.count) || meta.count <= 0) return null;
  const keys = Array.from({ length: meta.count }, (_, i) => `${CHUNK_PREFIX}${meta.gen}.${i}`);
  const items = await chrome.storage.sync.get(keys).catch(() => ({}));
  return keys.every((k) => typeof items[k] === 'string') ? keys.map((k) => items[k]).join('') : null;
}

/**
 * Moves the list in or out of sync: `on` true makes it follow the person's
 * browsers, false keeps it on this device only and removes it from sync.
 * `text`: the list as this device holds it; `merge(other)` returns the list
 * with `other` (another device's synced list) added, or null to keep the
 * list as it is (the core merges: nothing is lost, nothing doubled). Lists
 * other devices write while this runs are merged too. Resolves to what
 * saveList answered for the final list, with its `text`. `claim`: told each
 * generation written, as saveList's (the writer's own events then reload nothing).
 * Call inside serialised('list').
 */
export async function switchListArea(on, text, merge, claim = () => {}) {
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
      const saved = await saveList(current, { claim });
      // Nothing of the list stays in the browser account.
      const all = await chrome.storage.sync.get(null).catch(() => ({}));
      const ours = Object.keys(all).filter((k) => k === META_KEY || k.startsWith(CHUNK_PREFIX));
      if (ours.length) await chrome.storage.sync.remove(ours).catch(() => {});
      return { ...saved, text: current };
    }
    await chrome.storage.local.set({ [SYNC_CHOICE_KEY]: true });
    let saved = await saveList(current, { claim });
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
      saved = await saveList(current, { claim });
      merged.add(saved.gen);
    }
    return { ...saved, text: current };
  } finally {
    chrome.storage.onChanged.removeListener(watch);
  }
}
