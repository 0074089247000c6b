// The inbox content script's copy of whom to seal: the inbox list's decision
// index (a core snapshot of every person, with the extra names the user gave
// them, in base64) and the inbox settings, in chrome.storage.local (never in
// the page's world). Written whole, never read-modify-written.
import { toBase64 } from './base64.js';
import { dayCounts } from './day_counts.js';
import { INBOX_COUNT_PREFIX, INBOX_INDEX as INBOX_INDEX_KEY } from './storage_keys.js';

/**
 * Writes the inbox index for the list the core holds (`bytes`: an edit's
 * own, else the core makes it), with `settings` (enabled, coverCoparentPreview).
 */
export async function saveInboxIndex(core, settings, bytes = core.inboxIndex?.()) {
  if (!bytes) return;
  await chrome.storage.local.set({
    [INBOX_INDEX_KEY]: {
      snapshot: toBase64(bytes), enabled: settings.enabled,
      coverCoparentPreview: settings.inboxCoverCoparentPreview === true,
    },
  }).catch(() => {});
}

/**
 * How many conversations and notifications of listed people were kept
 * sealed: {today, all}. They reached out; the user did not: not attempts.
 */
export const inboxCounts = (now = new Date()) => dayCounts(INBOX_COUNT_PREFIX, now);
