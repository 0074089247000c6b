// The slow path for anything that lowers protection. Adding protection is
// instant. Removing an account, a person or a keyword, shortening the
// cool-down or turning Deadbolt off is a pending change that takes effect
// after the cool-down (24 hours unless the person chose longer) and can be
// cancelled until then: that is the point of a deadbolt. Every change reads
// the pending list first: updateItem() keeps them one at a time.
import { serialised, updateItem } from './serialised.js';
import { PENDING as PENDING_KEY } from './storage_keys.js';

const HOUR_MS = 3_600_000;

export async function getPending() {
  const { [PENDING_KEY]: pending = [] } = await chrome.storage.local.get(PENDING_KEY);
  return pending;
}

// A change as asked for, without when and under which id: the same removal
// asked twice (two clicks, two pages at once) is one change.
const OWN_FIELDS = new Set(['id', 'requestedAt', 'dueAt']);
const changeKey = (change) => JSON.stringify(Object.keys(change).filter((k) => !OWN_FIELDS.has(k)).sort().map((k) => [k, change[k]]));

/**
 * Queues changes that lower protection; returns them with their ids and due
 * times. A change already waiting is not queued again: its entry is
 * returned, due when it was (asking again never restarts the cool-down).
 */
export function addPending(changes, cooldownHours, now = Date.now()) {
  return updateItem('local', PENDING_KEY, [], (pending) => {
    const waiting = new Map(pending.map((p) => [changeKey(p), p]));
    const added = [];
    const result = changes.map((change) => {
      const key = changeKey(change);
      if (waiting.has(key)) return waiting.get(key);
      const entry = { ...change, id: crypto.randomUUID(), requestedAt: now, dueAt: now + cooldownHours * HOUR_MS };
      waiting.set(key, entry);
      added.push(entry);
      return entry;
    });
    // Each answered entry's alarm, set again for a waiting one (an alarm the browser dropped comes back).
    for (const entry of result) chrome.alarms?.create(`pending:${entry.id}`, { when: entry.dueAt });
    return { value: added.length ? [...pending, ...added] : undefined, result };
  });
}

export async function cancelPending(id) {
  await updateItem('local', PENDING_KEY, [], (pending) => ({ value: pending.filter((p) => p.id !== id) }));
  chrome.alarms?.clear(`pending:${id}`);
}

/**
 * Applies the changes whose cool-down is over, `apply(due)`, then removes
 * them from the pending list, all while no other change to that list can
 * run: a change cancelled meanwhile waits, and then either was applied
 * already or stays cancelled; a worker stopped halfway applies them again
 * next time (applying a removal twice changes nothing). Resolves to them.
 * `apply` must not change the pending list itself. `which(change)`: only
 * those due changes are taken (the others stay for another call).
 */
export function takeDue(apply, now = Date.now(), which = () => true) {
  return serialised(`local.${PENDING_KEY}`, async () => {
    const pending = await getPending();
    const taken = (p) => p.dueAt <= now && which(p);
    const due = pending.filter(taken);
    if (!due.length) return due;
    await apply(due);
    await chrome.storage.local.set({ [PENDING_KEY]: pending.filter((p) => !taken(p)) });
    return due;
  });
}
