// The content scripts' one way to read chrome.storage.local: the first
// script of each world (feeds and guard; inbox), so that a failed read is
// never taken for an answer.
//
// Why: Firefox sometimes refuses a content script's read outright ("An
// unexpected error occurred"; seen on 2026-12-05 with Firefox 153 ESR while
// Deadbolt's event page was being stopped or started). A script that took
// that for "no index" took Deadbolt for off, and showed a listed person's
// posts in that tab. The read is made again a few times, with growing
// pauses (about 8 s in all); if it still fails the promise rejects, and the
// caller keeps held back what it holds until the index changes.
/* exported deadboltReadLocal, deadboltReadFollowing, deadboltFirst */
// eslint-disable-next-line no-var -- a global of the isolated world, for the next content scripts
var deadboltReadLocal = async (keys) => {
  for (const pause of [20, 40, 80, 160, 320, 640, 1280, 2000, 2000, 2000]) {
    try {
      return await chrome.storage.local.get(keys);
    } catch {
      await new Promise((resolve) => { setTimeout(resolve, pause); });
    }
  }
  return chrome.storage.local.get(keys);
};

/**
 * For a script that is starting: reads `keys` (as deadboltReadLocal) and
 * follows their changes until `stop()`, so that none is lost meanwhile.
 * `latest()`: what was read with every change since laid over it (a change
 * is at least as new as a read asked for before it), or null while nothing
 * was read or changed. `items` resolves to latest() once the read is done,
 * or at once when the first key's change comes first (a read being asked
 * again is not waited for); it rejects if the read keeps failing and the
 * first key did not change. (A change to another key alone is not enough:
 * the first key, the index, would then be missing, and a script that took
 * that for "no index" would take Deadbolt for off.)
 */
// eslint-disable-next-line no-var -- a global of the isolated world, for the next content scripts
var deadboltReadFollowing = (keys) => {
  let read = null;
  let changed = null;
  let changeCame;
  const change = new Promise((resolve) => { changeCame = resolve; });
  const follow = (changes, area) => {
    if (area !== 'local') return;
    for (const key of keys) if (changes[key]) (changed ??= {})[key] = changes[key].newValue;
    if (changed && keys[0] in changed) changeCame();
  };
  chrome.storage.onChanged.addListener(follow);
  const latest = () => (read || changed ? { ...read, ...changed } : null);
  return {
    items: Promise.race([deadboltReadLocal(keys).then((items) => { read = items; }), change]).then(latest),
    latest,
    stop: () => chrome.storage.onChanged.removeListener(follow),
  };
};

// Once per world. The worker injects these scripts into tabs that were open
// before it was installed or updated (extension/content_scripts.js), and
// Firefox injects a new version's scripts into them as well: a script family
// (feeds, guard, inbox) that finds itself already running in this world
// steps aside. `deadboltFirst(name)` is true only the first time.
// eslint-disable-next-line no-var -- a global of the isolated world, for the next content scripts
var deadboltRunning = deadboltRunning ?? new Set();
// eslint-disable-next-line no-var -- as above
var deadboltFirst = (name) => !deadboltRunning.has(name) && Boolean(deadboltRunning.add(name));
