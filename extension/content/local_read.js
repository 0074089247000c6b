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
/* exported deadboltReadLocal */
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
