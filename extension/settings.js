// The person's settings (synced with their browsers), read and changed one
// change at a time (serialised.js: across the worker and the pages).
import { updateItem } from './serialised.js';
import { SETTINGS as SETTINGS_KEY } from './storage_keys.js';

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

// The stored settings as last read here: the block page's answer and every
// decision about feeds read them, and a storage.sync read under load costs
// up to 20 ms. Any change, from here or another device, drops them; a read
// that overlaps a change is used once, never kept.
let held = null;
let changes = 0;
globalThis.chrome?.storage?.onChanged?.addListener((changed, area) => {
  if (area !== 'sync' || !(SETTINGS_KEY in changed)) return;
  changes += 1;
  held = null;
});

export async function getSettings() {
  let stored = held;
  if (!stored) {
    const before = changes;
    const items = await chrome.storage.sync.get(SETTINGS_KEY).catch(() => null);
    stored = items?.[SETTINGS_KEY] ?? {};
    if (items && changes === before) held = stored;
  }
  return structuredClone({ ...DEFAULT_SETTINGS, ...stored });  // a copy: callers may change theirs
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
    // storage.sync refuses an item over its quota with a message meant for
    // developers: say it in the person's words, before the write.
    if (SETTINGS_KEY.length + encoder.encode(JSON.stringify(settings)).length > SYNC_ITEM_BYTES) {
      throw new Error(chrome.i18n.getMessage('settingsTooLarge'));
    }
    return { value: settings, result };
  });
}

// chrome.storage.sync's QUOTA_BYTES_PER_ITEM (Chrome and Firefox): the key and its value as JSON.
const SYNC_ITEM_BYTES = 8192;
const encoder = new TextEncoder();
