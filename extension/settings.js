// The person's own settings, the slow path for anything that lowers
// protection, and their private writing.
//
// Adding protection is instant. Removing an account, a person or a keyword,
// shortening the cool-down or turning Deadbolt off is a pending change that
// takes effect after the cool-down (24 hours unless the person chose longer)
// and can be cancelled until then: that is the point of a deadbolt.

const SETTINGS_KEY = 'settings';
const PENDING_KEY = 'pending';
const LETTERS_KEY = 'letters';
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

export async function saveSettings(settings) {
  await chrome.storage.sync.set({ [SETTINGS_KEY]: settings });
}

// ---- Pending changes --------------------------------------------------------

export async function getPending() {
  const { [PENDING_KEY]: pending = [] } = await chrome.storage.local.get(PENDING_KEY);
  return pending;
}

/** Queues a change that lowers protection; returns it with its due time. */
export async function addPending(change, cooldownHours, now = Date.now()) {
  const pending = await getPending();
  const entry = { ...change, id: crypto.randomUUID(), requestedAt: now, dueAt: now + cooldownHours * HOUR_MS };
  pending.push(entry);
  await chrome.storage.local.set({ [PENDING_KEY]: pending });
  chrome.alarms?.create(`pending:${entry.id}`, { when: entry.dueAt });
  return entry;
}

export async function cancelPending(id) {
  const pending = await getPending();
  await chrome.storage.local.set({ [PENDING_KEY]: pending.filter((p) => p.id !== id) });
  chrome.alarms?.clear(`pending:${id}`);
}

/** Removes and returns the changes whose cool-down is over. */
export async function takeDue(now = Date.now()) {
  const pending = await getPending();
  const due = pending.filter((p) => p.dueAt <= now);
  if (due.length) await chrome.storage.local.set({ [PENDING_KEY]: pending.filter((p) => p.dueAt > now) });
  return due;
}

// ---- Unsent letters ---------------------------------------------------------

export async function getLetters() {
  const { [LETTERS_KEY]: letters = [] } = await chrome.storage.local.get(LETTERS_KEY);
  return letters;
}

export async function saveLetter(text, now = Date.now()) {
  const letters = await getLetters();
  const letter = { id: crypto.randomUUID(), at: now, text: String(text).slice(0, 20_000) };
  letters.push(letter);
  await chrome.storage.local.set({ [LETTERS_KEY]: letters });
  return letter;
}

export async function deleteLetter(id) {
  const letters = await getLetters();
  await chrome.storage.local.set({ [LETTERS_KEY]: letters.filter((l) => l.id !== id) });
}

/** Deletes the person's private data at once: letters, the attempt log, or both. */
export async function deletePrivateData({ letters = false, log = false }) {
  if (letters) await chrome.storage.local.remove(LETTERS_KEY);
  if (log) {
    const all = await chrome.storage.local.get(null);
    await chrome.storage.local.remove(Object.keys(all).filter((k) => k.startsWith('log.')));
  }
}
