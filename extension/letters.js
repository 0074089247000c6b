// The person's own writing: unsent letters, kept on this device; and
// deleting it, or the attempt log, at once.
import { serialised, updateItem } from './serialised.js';
import { LETTER_DRAFT, LETTERS as LETTERS_KEY, LETTERS_DELETED } from './storage_keys.js';
import { deleteLog } from './attempt_log.js';

export async function getLetters() {
  const { [LETTERS_KEY]: letters = [] } = await chrome.storage.local.get(LETTERS_KEY);
  return letters;
}

// The longest letter kept: the block page's box stops there (maxlength), and
// a longer one sent another way is refused whole, never cut.
export const LETTER_MAX_CHARS = 100_000;

export function saveLetter(text, now = Date.now()) {
  const letter = { id: crypto.randomUUID(), at: now, text: String(text) };
  return updateItem('local', LETTERS_KEY, [], (letters) => ({ value: [...letters, letter], result: letter }));
}

/**
 * The letter the block page was writing when it closed: {text ('' when
 * none), epoch (how many times every letter was deleted before it was read)}.
 */
export async function getDraft() {
  const { [LETTER_DRAFT]: draft = '', [LETTERS_DELETED]: epoch = 0 } = await chrome.storage.local.get([LETTER_DRAFT, LETTERS_DELETED]);
  return { text: typeof draft === 'string' ? draft : '', epoch };
}

/**
 * Keeps the letter being written (the last page to write it wins); empty
 * removes it. A page that read the draft at `epoch` and is still open after
 * "Delete all unsent letters" is refused ({stale: true, epoch: the one now}):
 * what the person deleted is not written back by a tab left open.
 */
export function setDraft(text, epoch) {
  return serialised(`local.${LETTERS_KEY}`, async () => {
    const { [LETTERS_DELETED]: now = 0 } = await chrome.storage.local.get(LETTERS_DELETED);
    if (epoch !== now) return { stale: true, epoch: now };
    const draft = String(text ?? '').slice(0, LETTER_MAX_CHARS);
    await (draft.trim() ? chrome.storage.local.set({ [LETTER_DRAFT]: draft }) : chrome.storage.local.remove(LETTER_DRAFT));
    return { ok: true };
  });
}

/**
 * The block page's "Keep it, unsent": {letter}, or {error} when nothing is
 * written yet. `endsDraft`: the page had the stored draft in its box (so it
 * is in this letter), and it is done with; a page that never read it leaves it.
 */
export async function keepLetter(text, { endsDraft = false } = {}) {
  if (!String(text ?? '').trim()) return { error: chrome.i18n.getMessage('letterEmpty') };
  if (String(text).length > LETTER_MAX_CHARS) return { error: chrome.i18n.getMessage('letterTooLong') };
  const letter = await saveLetter(String(text));
  if (endsDraft) await chrome.storage.local.remove(LETTER_DRAFT).catch(() => {});
  return { letter };
}

export async function deleteLetter(id) {
  await updateItem('local', LETTERS_KEY, [], (letters) => ({ value: letters.filter((l) => l.id !== id) }));
}

/** Deletes the person's private data at once: letters, the attempt log, or both. */
export async function deletePrivateData({ letters = false, log = false }) {
  if (letters) {
    await serialised(`local.${LETTERS_KEY}`, async () => {
      // Counted with the draft emptied in one write: a page reading the
      // draft meanwhile reads both or neither, and one that read it before
      // is refused even if what follows fails.
      const { [LETTERS_DELETED]: epoch = 0 } = await chrome.storage.local.get(LETTERS_DELETED);
      await chrome.storage.local.set({ [LETTERS_DELETED]: epoch + 1, [LETTER_DRAFT]: '' });
      await chrome.storage.local.remove([LETTERS_KEY, LETTER_DRAFT]);
    });
  }
  if (log) await deleteLog();
}
