// One read-modify-write at a time. Every change to a stored item that reads
// it first (letters, pending changes, settings, the list) runs inside
// `serialised(name, fn)`, so that two at once cannot lose one or bring back
// what the other removed. Web Locks are shared by all of the extension's
// realms (its pages and its service worker), so this holds across them;
// where the API is missing, calls in this realm still run one at a time.

const chains = new Map();  // name -> the last queued call in this realm (fallback only)

/** Runs `fn()` when no other holder of `name` runs; resolves to its result. */
export function serialised(name, fn) {
  const locks = globalThis.navigator?.locks;
  if (locks) return locks.request(`deadbolt:${name}`, () => fn());
  const run = (chains.get(name) ?? Promise.resolve()).then(() => fn());
  const settled = run.then(() => {}, () => {});
  chains.set(name, settled);
  settled.then(() => chains.get(name) === settled && chains.delete(name));
  return run;
}

/**
 * Reads `key` from `area` ('local' or 'sync'), passes it (or `fallback`) to
 * `change(value)`, which returns {value, result}: `value` is written back
 * (unless undefined), `result` returned. All inside serialised().
 */
export function updateItem(area, key, fallback, change) {
  return serialised(`${area}.${key}`, async () => {
    const { [key]: stored } = await chrome.storage[area].get(key);
    const { value, result } = await change(stored ?? fallback);
    if (value !== undefined) await chrome.storage[area].set({ [key]: value });
    return result;
  });
}
