// The person's settings, read and changed one change at a time
// (serialised.js: across the worker and the pages). What protects them
// (on or off, the cool-down, the feed options, the instances) follows their
// browsers through storage.sync, so that turning Deadbolt off on one device
// turns it off on all. What is theirs alone (their reasons, their support
// person and how to reach them, the day they began) stays on this device,
// in storage.local: nothing of it leaves the machine, sync or not.
import { retrying } from './retrying.js';
import { updateItem } from './serialised.js';
import { SETTINGS as SETTINGS_KEY, SETTINGS_PERSONAL } from './storage_keys.js';

const DEFAULT_SETTINGS = {
  reasons: [],
  support: { name: '', contact: '' },
  startDate: null,  // "YYYY-MM-DD": the day no contact began
  cooldownHours: 24,
  enabled: true,
  feedMentions: true,     // also hide feed items that mention or tag a listed person
  feedPlaceholder: false, // a quiet blank line where an item was, instead of nothing
  feedInstances: [],      // hosts of the fediverse instances they read on (instances.js)
};
const PERSONAL = ['reasons', 'support', 'startDate'];

const pick = (settings, keys) => Object.fromEntries(keys.filter((k) => k in settings).map((k) => [k, settings[k]]));
const omit = (settings, keys) => Object.fromEntries(Object.entries(settings).filter(([k]) => !keys.includes(k)));

// The two stored items as one. Before these were kept apart, everything was
// in storage.sync: until the first change on this device copies them here, the
// personal fields are read from there.
const merged = (synced = {}, personal = undefined) =>
  (personal ? { ...omit(synced, PERSONAL), ...personal } : synced);

// The stored settings as last read here: the block page's answer and every
// decision about feeds read them, and a storage.sync read under load costs
// up to 20 ms. Any change, from here or another device, drops them; a read
// that overlaps a change is used once, never kept.
let held = null;
let changes = 0;
globalThis.chrome?.storage?.onChanged?.addListener((changed, area) => {
  if (!(area === 'sync' && SETTINGS_KEY in changed) && !(area === 'local' && SETTINGS_PERSONAL in changed)) return;
  changes += 1;
  held = null;
});

/**
 * The settings, defaults filled in. A read the browser refuses (Firefox
 * refuses some while its event page starts) is asked again a few times; if
 * it still fails this rejects: defaults taken for their settings would turn
 * Deadbolt back on in the feeds they turned it off in, drop their instances'
 * filtering, or let a removal wait a shorter cool-down than the one they chose.
 * What only shows something (the block page's reasons) may fall back to
 * defaultSettings() itself.
 */
export async function getSettings() {
  let stored = held;
  if (!stored) {
    const before = changes;
    const read = await readBoth();
    stored = merged(read[0][SETTINGS_KEY], read[1][SETTINGS_PERSONAL]);
    if (changes === before) held = stored;
  }
  return structuredClone({ ...DEFAULT_SETTINGS, ...stored });  // a copy: callers may change theirs
}

/** The defaults alone: for what shows the settings when they cannot be read. */
export const defaultSettings = () => structuredClone(DEFAULT_SETTINGS);

const readBoth = () => retrying(
  () => Promise.all([chrome.storage.sync.get(SETTINGS_KEY), chrome.storage.local.get(SETTINGS_PERSONAL)]), [20, 80, 320]);

/**
 * Changes the settings: `change(settings)` edits them in place (a copy of
 * the stored ones, defaults filled in) and may return a result, which this
 * resolves to once they are stored. Both items are written in the synced
 * one's turn: every writer of either comes through here.
 */
export async function updateSettings(change) {
  const result = await writeSettings(change);
  // Read again from here on: storage.onChanged may come after this resumes.
  changes += 1;
  held = null;
  return result;
}

function writeSettings(change) {
  return updateItem('sync', SETTINGS_KEY, {}, async (synced) => {
    const { [SETTINGS_PERSONAL]: personal } = await chrome.storage.local.get(SETTINGS_PERSONAL);
    const settings = { ...DEFAULT_SETTINGS, ...merged(synced, personal) };
    const result = await change(settings);
    // Never written to sync again; what an earlier version put there is left
    // as it was, so that their browsers still on it keep their reasons (a
    // copy taken away there would be lost for good).
    const value = { ...omit(settings, PERSONAL), ...pick(synced, PERSONAL) };
    // storage.sync refuses an item over its quota with a message meant for
    // developers: say it in the person's words, before either write.
    if (SETTINGS_KEY.length + encoder.encode(JSON.stringify(value)).length > SYNC_ITEM_BYTES) {
      throw new Error(chrome.i18n.getMessage('settingsTooLarge'));
    }
    await chrome.storage.local.set({ [SETTINGS_PERSONAL]: pick(settings, PERSONAL) });
    return { value, result };
  });
}

// chrome.storage.sync's QUOTA_BYTES_PER_ITEM (Chrome and Firefox): the key and its value as JSON.
const SYNC_ITEM_BYTES = 8192;
const encoder = new TextEncoder();
