// Blocking navigations: the listeners for what the rules (dynamic_rules.js)
// cannot see (single-page-app navigations, wrapped links, searches, pages a
// site serves from its own service worker), and the block page they lead
// to. Every decision is the core's.

export const BLOCK_PAGE = 'extension/pages/blocked.html';

const blockPageUrl = (url) => `${chrome.runtime.getURL(BLOCK_PAGE)}#${url}`;

// A navigation can be reported by more than one event (tabs.onUpdated after
// onHistoryStateUpdated, say). Events that may repeat another are dropped
// when the same tab reported the same URL this recently, and — however late
// they come (a stalled tab's tabs.onUpdated can follow 30 s later) — when
// they name the URL this tab was last blocked on: only a new navigation
// (onBeforeNavigate) in the tab is a new attempt.
const REPEAT_MS = 1500;

/**
 * Listens to every kind of navigation. `decide(url)` returns the core's
 * verdict (one decision: person, platform, kind, address) or null to allow;
 * `onBlocked(verdict, tabId, stagedId, time)` logs the attempt; `afterBlocked(url)`,
 * when given, runs once it is logged. Must be called synchronously at service-worker start-up (MV3
 * wakes the worker only for listeners registered then). Returns {settled()}:
 * a promise that every navigation reported so far has been handled, and
 * activated(tabId, url): the in-app guard's report of a stopped activation.
 */
export function listenToNavigations({ decide, onBlocked, stage = null, afterBlocked = null }) {
  const recent = new Map();  // `${tabId} ${url}` -> time reported
  const blockedIn = new Map();  // tabId -> the URL it was last blocked on, until it navigates elsewhere
  const inFlight = new Set();
  const blockPageBase = chrome.runtime.getURL(BLOCK_PAGE);

  const handle = async (tabId, url, mayRepeat) => {
    const key = `${tabId} ${url}`;
    const now = Date.now();
    if (mayRepeat && (blockedIn.get(tabId) === url || now - (recent.get(key) ?? 0) < REPEAT_MS)) return;
    // A new navigation ends the last one's repeats; the block page it was sent to is not new.
    if (!mayRepeat && !url.startsWith(blockPageBase)) blockedIn.delete(tabId);
    recent.set(key, now);
    if (recent.size > 200) for (const [k, t] of recent) if (now - t > REPEAT_MS) recent.delete(k);
    // While the worker is still starting, the navigation is staged so that a
    // stop before the decision cannot lose it (see attempt_log.js).
    const staged = stage ? await stage.begin(url, now, tabId) : null;
    const verdict = await decide(url);
    if (verdict) {
      blockedIn.set(tabId, url);
      chrome.tabs.update(tabId, { url: blockPageUrl(url) }).catch(() => {});  // the tab may be gone
      await onBlocked(verdict, tabId, staged, now);
      afterBlocked?.(url);
    }
    if (staged) await stage.end(staged);
  };
  const track = (tabId, url, mayRepeat) => {
    const handled = handle(tabId, url, mayRepeat).catch(() => {});
    inFlight.add(handled);
    handled.then(() => inFlight.delete(handled));
  };

  const topFrame = (details) => details.frameId === 0 && details.tabId >= 0 && details.documentLifecycle !== 'prerender';

  chrome.webNavigation.onBeforeNavigate.addListener((d) => {
    if (topFrame(d)) track(d.tabId, d.url, false);
  });
  chrome.webNavigation.onHistoryStateUpdated.addListener((d) => {
    if (topFrame(d)) track(d.tabId, d.url, true);
  });
  chrome.webNavigation.onReferenceFragmentUpdated.addListener((d) => {
    if (topFrame(d)) track(d.tabId, d.url, true);
  });
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url) track(tabId, change.url, true);
  });
  chrome.tabs.onRemoved?.addListener((tabId) => blockedIn.delete(tabId));

  return {
    settled: () => Promise.all([...inFlight]),
    // The in-app guard stopped a trusted activation of `url` in this tab's
    // top frame before the page saw it: handled as that tab's navigation to
    // it (decided again here, the block page, logged once).
    activated: (tabId, url) => track(tabId, url, true),
  };
}
