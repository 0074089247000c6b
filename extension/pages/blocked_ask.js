// The block page's question to the worker, asked as the parser reaches this
// classic script at the top of <head>. The page's module (blocked.js) runs
// only once the whole document is parsed, 3–16 ms later here
// (docs/BENCHMARKS.md), and its day count waits for this answer. blocked.js
// takes the answer from here, and asks again itself if it did not come (a
// worker starting again).
'use strict';
globalThis.deadboltBlockPageQuestion = (() => {
  // Not reported again when the person came back to it (Back or Forward) or
  // reloaded it: that visit was counted when the address was first blocked.
  const cameBack = performance.getEntriesByType('navigation')[0]?.type === 'back_forward';
  const message = { type: 'blockPage', url: location.hash.slice(1), report: !history.state?.reported && !cameBack };
  try {
    return { message, answer: chrome.runtime.sendMessage(message).catch(() => undefined) };
  } catch {
    return { message, answer: Promise.resolve(undefined) };  // asked again by blocked.js
  }
})();
