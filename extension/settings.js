// The person's own settings, the slow path for anything that lowers
// protection, and their private writing.
//
// Adding protection is instant. Removing an account, a person or a keyword,
// shortening the cool-down or turning Deadbolt off is a pending change that
// takes effect after the cool-down (24 hours unless the person chose longer)
// and can be cancelled until then: that is the point of a deadbolt.
//
// Every change that reads an item first goes through updateItem(): one at a
// time across the worker and the pages (see serialised.js).
import { serialised, updateItem } from './serialised.js';
import { LETTERS as LETTERS_KEY, PENDING as PENDING_KEY, SETTINGS as SETTINGS_KEY } from './storage_keys.js';
import { deleteLog } from './storage.js';

const HOUR_MS = 3_600_000;

export const DEFAULT_SETTINGS = {
  reasons: [],
  support: { name: '', contact: '' },
  startDate: null,  // "YYYY-MM-DD": the day no contact began
  cooldownHours: 24,
  enabled: true,
  feedMentions: true,     // also hide feed items that mention or tag a listed person
  feedPlaceholder: false, // a quiet blank line where an item was, instead of nothing
};

export async function getSettings() {
  const { [SETTINGS_KEY]: stored } = await chrome.storage.sync.get(SETTINGS_KEY).catch(() => ({}));
  return { ...DEFAULT_SETTINGS, ...(stored ?? {}) };
}

/**
 * Changes the settings: `change(settings)` edits them in place (a copy of
 * the stored ones, defaults filled in) and may return a result, which this
 * resolves to once they are stored.
 */
export function updateSettings(change) {
  return updateItem('sync', SETTINGS_KEY, {}, async (stored) => {
    const settings = { ...DEFAULT_SETTINGS, ...stored };
    const result = await change(settings);
    return { value: settings, result };
  });
}

// ---- Pending changes --------------------------------------------------------

export async function getPending() {
  const { [PENDING_KEY]: pending = [] } = await chrome.storage.local.get(PENDING_KEY);
  return pending;
}

/** Queues changes that lower protection; returns them with their ids and due times. */
export function addPending(changes, cooldownHours, now = Date.now()) {
  const entries = changes.map((change) => ({
    ...change, id: crypto.randomUUID(), requestedAt: now, dueAt: now + cooldownHours * HOUR_MS,
  }));
  return updateItem('local', PENDING_KEY, [], (pending) => {
    for (const entry of entries) chrome.alarms?.create(`pending:${entry.id}`, { when: entry.dueAt });
    return { value: [...pending, ...entries], result: entries };
  });
}

export async function cancelPending(id) {
  await updateItem('local', PENDING_KEY, [], (pending) => ({ value: pending.filter((p) => p.id !== id) }));
  chrome.alarms?.clear(`pending:${id}`);
}

/**
 * Applies the changes whose cool-down is over, `apply(due)`, then removes
 * them from the pending list, all while no other change to that list can
 * run: a change cancelled meanwhile waits, and then either was applied
 * already or stays cancelled; a worker stopped halfway applies them again
 * next time (applying a removal twice changes nothing). Resolves to them.
 * `apply` must not change the pending list itself.
 */
export function takeDue(apply, now = Date.now()) {
  return serialised(`local.${PENDING_KEY}`, async () => {
    const pending = await getPending();
    const due = pending.filter((p) => p.dueAt <= now);
    if (!due.length) return due;
    await apply(due);
    await chrome.storage.local.set({ [PENDING_KEY]: pending.filter((p) => p.dueAt > now) });
    return due;
  });
}

// ---- Unsent letters ---------------------------------------------------------

export async function getLetters() {
  const { [LETTERS_KEY]: letters = [] } = await chrome.storage.local.get(LETTERS_KEY);
  return letters;
}

export function saveLetter(text, now = Date.now()) {
  const letter = { id: crypto.randomUUID(), at: now, text: String(text).slice(0, 20_000) };
  return updateItem('local', LETTERS_KEY, [], (letters) => ({ value: [...letters, letter], result: letter }));
}

/** The block page's "Keep it, unsent": {letter}, or {error} when nothing is written yet. */
export async function keepLetter(text) {
  if (!String(text ?? '').trim()) return { error: chrome.i18n.getMessage('letterEmpty') };
  return { letter: await saveLetter(String(text)) };
}

export async function deleteLetter(id) {
  await updateItem('local', LETTERS_KEY, [], (letters) => ({ value: letters.filter((l) => l.id !== id) }));
}

/** Deletes the person's private data at once: letters, the attempt log, or both. */
export async function deletePrivateData({ letters = false, log = false }) {
  if (letters) await serialised(`local.${LETTERS_KEY}`, () => chrome.storage.local.remove(LETTERS_KEY));
  if (log) await deleteLog();
}
