// Blocking navigations: the listeners for what the rules (dynamic_rules.js)
// cannot see (single-page-app navigations, wrapped links, searches, pages a
// site serves from its own service worker), and the block page they lead
// to. Every decision is the core's.

export const BLOCK_PAGE = 'extension/pages/blocked.html';

const blockPageUrl = (url) => `${chrome.runtime.getURL(BLOCK_PAGE)}#${url}`;

/**
 * The block page's addresses: Chromium opens it at a dynamic URL
 * (web_accessible_resources' use_dynamic_url) but reports and records the
 * tab under the extension's own id; both are it.
 */
export const blockPageAddresses = () => [chrome.runtime.getURL(BLOCK_PAGE), `${chrome.runtime.getURL('')}${BLOCK_PAGE}`];
/** Whether `url` is one of the block page's addresses. */
export const isBlockPage = (url) => blockPageAddresses().some((page) => url.startsWith(page));

// A navigation can be reported by more than one event (tabs.onUpdated after
// onHistoryStateUpdated, say). Events that may repeat another are dropped
// when the same tab reported the same URL this recently, and — however late
// they come (a stalled tab's tabs.onUpdated can follow 30 s later) — when
// they name the URL this tab was last blocked on: only a new navigation
// (onBeforeNavigate) in the tab is a new attempt.
const REPEAT_MS = 1500;

// From a block page to the address it holds: blocked again (the rules see to
// it before any request), but not logged here. Back (or Forward) is the
// attempt that block page already counted, or every press of Back would add
// one to their count; the address typed again is a new one. Only the block
// page that comes up can tell them apart (its navigation's type), so it is
// the one that reports (blocked.js). A tab is "on the block page" from its
// navigation there until its next one.

/**
 * Listens to every kind of navigation. `decide(url)` returns the core's
 * verdict (one decision: person, platform, kind, address) or null to allow;
 * `onBlocked(verdict, tabId, stagedId, time)` logs the attempt; `afterBlocked(url)`,
 * when given, runs after each block (once the attempt is logged, when it is one). Must be called synchronously at service-worker start-up (MV3
 * wakes the worker only for listeners registered then). Returns {settled()}:
 * a promise that every navigation reported so far has been handled, and
 * activated(tabId, url): the in-app guard's report of a stopped activation.
 */
export function listenToNavigations({ decide, onBlocked, stage = null, afterBlocked = null }) {
  const recent = new Map();  // `${tabId} ${url}` -> time reported
  const blockedIn = new Map();  // tabId -> the URL it was last blocked on, until it navigates elsewhere
  const onBlockPage = new Set();  // tabs whose last navigation went to the block page
  const inFlight = new Set();

  const handle = async (tabId, url, mayRepeat) => {
    const key = `${tabId} ${url}`;
    const now = Date.now();
    // The block page's own navigation may be reported by tabs.onUpdated alone.
    const toBlockPage = isBlockPage(url);
    if (toBlockPage) onBlockPage.add(tabId);
    if (mayRepeat && (blockedIn.get(tabId) === url || now - (recent.get(key) ?? 0) < REPEAT_MS)) return;
    let again = false;
    if (!mayRepeat) {
      again = !toBlockPage && onBlockPage.has(tabId) && blockedIn.get(tabId) === url;
      if (!toBlockPage) onBlockPage.delete(tabId);
      // A new navigation ends the last one's repeats; the block page it was sent to is not new.
      if (!again && !toBlockPage) blockedIn.delete(tabId);
    }
    recent.set(key, now);
    if (recent.size > 200) for (const [k, t] of recent) if (now - t > REPEAT_MS) recent.delete(k);
    // While the worker is still starting, the navigation is staged so that a
    // stop before the decision cannot lose it (see attempt_log.js).
    const staged = stage ? await stage.begin(url, now, tabId) : null;
    const verdict = await decide(url);
    if (verdict) {
      blockedIn.set(tabId, url);
      chrome.tabs.update(tabId, { url: blockPageUrl(url) }).catch(() => {});  // the tab may be gone
      if (!again) await onBlocked(verdict, tabId, staged, now);
      afterBlocked?.(url);  // a return leaves history too (forget.js), though it is not a new attempt
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
  chrome.tabs.onRemoved?.addListener((tabId) => {
    blockedIn.delete(tabId);
    onBlockPage.delete(tabId);
  });

  return {
    settled: () => Promise.all([...inFlight]),
    // The in-app guard stopped a trusted activation of `url` in this tab's
    // top frame before the page saw it: handled as that tab's navigation to
    // it (decided again here, the block page, logged once).
    activated: (tabId, url) => track(tabId, url, true),
  };
}
