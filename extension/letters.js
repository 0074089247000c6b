// The person's own writing: unsent letters, kept on this device; and
// deleting it, or the attempt log, at once.
import { serialised, updateItem } from './serialised.js';
import { LETTERS as LETTERS_KEY } from './storage_keys.js';
import { deleteLog } from './attempt_log.js';

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
