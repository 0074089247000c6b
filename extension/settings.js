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
