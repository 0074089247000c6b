// What the content scripts count (feed items kept out of sight, messages
// kept sealed): each tab writes its own keys (`<prefix><YYYY-MM-DD>.<session>`)
// whole, so none can undo another's; this only adds them up.
import { localDay } from './pages/local_day.js';

/** {today, all} of the counts stored under `prefix`, today being `now`'s local day. */
export async function dayCounts(prefix, now = new Date()) {
  const all = await chrome.storage.local.get(null);
  const today = `${prefix}${localDay(now)}.`;
  let total = 0;
  let day = 0;
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(prefix) || !Number.isFinite(value)) continue;
    total += value;
    if (key.startsWith(today)) day += value;
  }
  return { today: day, all: total };
}
