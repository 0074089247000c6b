// The feed content scripts' copy of whom to hide (the feed list's decision
// index and the feed settings), what they count of it, and the style sheet
// each feed page's core makes of it.
import { sameBytes, toBase64 } from './base64.js';
import { dayCounts } from './day_counts.js';
import { saveInboxIndex } from './inbox_index.js';
import { getSettings } from './settings.js';
import { FEED_COUNT_PREFIX, FEED_INDEX } from './storage_keys.js';

/**
 * The content scripts' copy of what to hide in feeds: the feed list's
 * decision index (a core snapshot, in base64: `bytes` when an edit already
 * made it) and the feed settings, in chrome.storage.local (never in the
 * page's world). Written whole, never read-modify-written. `whole`: the
 * feed list is the whole list (everyone's posts hidden, as by default), so
 * the in-app guard decides with the feed script's decider and reads nothing
 * of its own (content/guard.js); an edit knows it already (list_owner.js),
 * otherwise it is found from the list core's snapshot. Resolves to whether
 * both indexes were stored (a refused write is not thrown: the list owner
 * then keeps its snapshot back, so that the next start writes them again).
 */
export async function saveFeedIndex(core, bytes = core.feedIndex(), inboxBytes = undefined, whole = sameBytes(bytes, core.snapshot())) {
  const settings = await getSettings();  // unreadable: rejects, and nothing is written from defaults
  const inboxWritten = await saveInboxIndex(core, settings, inboxBytes);  // the inbox script's index changes with the same list and switch
  const feedWritten = await chrome.storage.local.set({
    [FEED_INDEX]: {
      snapshot: toBase64(bytes), whole, enabled: settings.enabled, mentions: settings.feedMentions !== false,
      placeholder: settings.feedPlaceholder === true,
      instances: settings.feedInstances ?? [],  // the fediverse instances they read on (instances.js)
    },
  }).then(() => true, () => false);
  return inboxWritten && feedWritten;
}

/** How many feed items were kept out of sight: {today, all}. */
export const feedCounts = (now = new Date()) => dayCounts(FEED_COUNT_PREFIX, now);

/**
 * Puts a feed page's user style sheet (content/feeds.js) into its frame
 * (`target`: a scripting.InjectionTarget): `css` inserted as a user sheet, which
 * the page cannot read, after `previous`, the one it replaces, is removed.
 */
export async function styleFrame(target, css, previous) {
  if (previous) await chrome.scripting.removeCSS({ target, css: previous, origin: 'USER' }).catch(() => {});
  if (css) await chrome.scripting.insertCSS({ target, css, origin: 'USER' });
}
