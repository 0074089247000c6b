// The inbox content script's copy of whom to seal: the inbox list's decision
// index (a core snapshot of every person, with the extra names the user gave
// them, in base64) and the inbox settings, in chrome.storage.local (never in
// the page's world). Written whole; read first only to end a pass it would
// move (below).
import { toBase64 } from './base64.js';
import { dayCounts } from './day_counts.js';
import { INBOX_COUNT_PREFIX, INBOX_INDEX as INBOX_INDEX_KEY, INBOX_OPENED } from './storage_keys.js';

/**
 * Writes the inbox index for the list the core holds (`bytes`: an edit's
 * own, else the core makes it), with `settings` (enabled, coverCoparentPreview).
 * Resolves to whether it was stored (true when there is none to write).
 */
export async function saveInboxIndex(core, settings, bytes = core.inboxIndex?.()) {
  if (!bytes) return true;
  const snapshot = toBase64(bytes);
  // A conversation opened on purpose is kept for the inbox script by its
  // person's place in this index (the script knows them by no other name): a
  // different index may put someone else in that place, so the pass ends
  // before it is written. The same list written again (a restart, a switch)
  // keeps it.
  const { [INBOX_INDEX_KEY]: before = null } = await chrome.storage.local.get(INBOX_INDEX_KEY).catch(() => ({}));
  if (before?.snapshot !== snapshot) await chrome.storage.local.remove(INBOX_OPENED).catch(() => {});
  return chrome.storage.local.set({
    [INBOX_INDEX_KEY]: {
      snapshot, enabled: settings.enabled,
      coverCoparentPreview: settings.inboxCoverCoparentPreview === true,
    },
  }).then(() => true, () => false);
}

/**
 * How many conversations and notifications of listed people were kept
 * sealed: {today, all}. They reached out; the user did not: not attempts.
 */
export const inboxCounts = (now = new Date()) => dayCounts(INBOX_COUNT_PREFIX, now);
