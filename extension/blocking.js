// Blocking: the declarativeNetRequest rules the core compiles (they redirect
// before any request is sent), and the navigation listeners for what rules
// cannot see (single-page-app navigations, wrapped links, searches, pages a
// site serves from its own service worker). Every decision is the core's.

export const BLOCK_PAGE = 'extension/pages/blocked.html';

export const blockPageUrl = (url) => `${chrome.runtime.getURL(BLOCK_PAGE)}#${url}`;

let ruleWrites = Promise.resolve();  // one rule update at a time: each reads, then replaces

/**
 * The core's rules for the loaded list as this browser will take them:
 * block rules where site access is withheld, and without any regex Chrome
 * refuses within its budget (each is checked first, so that one refusal
 * cannot cost the others).
 */
async function compileRules(core) {
  const blockPage = chrome.runtime.getURL(BLOCK_PAGE);
  // A redirect needs site access (Chromium's "On click", Firefox's per-site
  // access can withhold it) and the browser drops one it lacks; a block
  // needs none. Where access is withheld the core writes block rules, and
  // the navigation listener shows the block page: the request never leaves.
  let compiled = core.rules(blockPage);
  const withheld = await withheldGroups(compiled.origins);
  if (withheld.length) compiled = core.rules(blockPage, withheld.map((g) => g.patterns));
  const { rules } = compiled;
  const checks = await Promise.all(
    rules.map((r) =>
      chrome.declarativeNetRequest.isRegexSupported({ regex: r.condition.regexFilter, isCaseSensitive: true }),
    ),
  );
  return { ...compiled, accepted: rules.filter((_, i) => checks[i].isSupported), withheld };
}

/** Replaces the dynamic rules with the core's rules for the loaded list. */
export function installRules(core) {
  const install = ruleWrites.then(async () => {
    const { rules, accepted, covered, skipped, withheld } = await compileRules(core);
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    await chrome.declarativeNetRequest.updateDynamicRules({
      removeRuleIds: existing.map((r) => r.id),
      addRules: accepted,
    });
    const status = {
      installed: accepted.length, refused: rules.length - accepted.length, covered, skipped,
      blockOnly: accepted.filter((r) => r.action.type === 'block').length, withheld,
    };
    await chrome.storage.local.set({ 'rules.status': status });
    return status;
  });
  ruleWrites = install.catch(() => {});
  return install;
}

/**
 * Do the installed rules match what the core compiles now, in count and
 * content? {ok, expected, installed}.
 */
export function verifyRules(core) {
  const verify = ruleWrites.then(async () => {
    const { accepted } = await compileRules(core);
    const installed = await chrome.declarativeNetRequest.getDynamicRules();
    const key = (r) => JSON.stringify([r.action.type, r.action.redirect?.regexSubstitution ?? null, r.condition.regexFilter]);
    const want = accepted.map(key).sort();
    const have = installed.map(key).sort();
    return { ok: want.length === have.length && want.every((k, i) => k === have[i]), expected: want.length, installed: have.length };
  });
  ruleWrites = verify.catch(() => {});
  return verify;
}

/** The core's groups of match patterns ({patterns, domains}) the browser has not granted. */
export async function withheldGroups(groups = []) {
  const granted = await Promise.all(groups.map((g) => chrome.permissions.contains({ origins: g.patterns }).catch(() => false)));
  return groups.filter((_, i) => !granted[i]);
}

/** Removes every rule: Deadbolt turned off (after its cool-down). */
export function removeRules() {
  const remove = ruleWrites.then(async () => {
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: existing.map((r) => r.id) });
    const status = { installed: 0, refused: 0, covered: 0, skipped: 0, off: true };
    await chrome.storage.local.set({ 'rules.status': status });
    return status;
  });
  ruleWrites = remove.catch(() => {});
  return remove;
}

// A navigation can be reported by more than one event (tabs.onUpdated after
// onHistoryStateUpdated, say). Events that may repeat another are dropped
// when the same tab reported the same URL this recently.
const REPEAT_MS = 1500;

/**
 * Listens to every kind of navigation. `decide(url)` returns the core's
 * verdict (one decision: person, platform, kind, address) or null to allow;
 * `onBlocked(verdict, tabId, stagedId, time)` logs the attempt; `afterBlocked(url)`,
 * when given, runs once it is logged. Must be called synchronously at service-worker start-up (MV3
 * wakes the worker only for listeners registered then). Returns {settled()}:
 * a promise that every navigation reported so far has been handled.
 */
export function listenToNavigations({ decide, onBlocked, stage = null, afterBlocked = null }) {
  const recent = new Map();  // `${tabId} ${url}` -> time reported
  const inFlight = new Set();

  const handle = async (tabId, url, mayRepeat) => {
    const key = `${tabId} ${url}`;
    const now = Date.now();
    if (mayRepeat && now - (recent.get(key) ?? 0) < REPEAT_MS) return;
    recent.set(key, now);
    if (recent.size > 200) for (const [k, t] of recent) if (now - t > REPEAT_MS) recent.delete(k);
    // While the worker is still starting, the navigation is staged so that a
    // stop before the decision cannot lose it (see storage.js).
    const staged = stage ? await stage.begin(url, now, tabId) : null;
    const verdict = await decide(url);
    if (verdict) {
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

  return { settled: () => Promise.all([...inFlight]) };
}
