// Blocking: the declarativeNetRequest rules the core compiles (they redirect
// before any request is sent), and the navigation listeners for what rules
// cannot see (single-page-app navigations, wrapped links, searches, pages a
// site serves from its own service worker). Every decision is the core's.

import { RULES_STATUS } from './storage_keys.js';

export const BLOCK_PAGE = 'extension/pages/blocked.html';

export const blockPageUrl = (url) => `${chrome.runtime.getURL(BLOCK_PAGE)}#${url}`;

// A page rule the core wrote as a block because site access is withheld
// (the apps' own requests are blocked by urlFilter rules, never redirected).
const isWithheldRedirect = (r) => r.action.type === 'block' && r.condition.regexFilter !== undefined;

let ruleWrites = Promise.resolve();  // one rule update at a time: each reads, then replaces
let installed = null;  // id -> JSON of the rules this worker installed last; null: read them from the browser

// Whether the browser compiles a regex, by regex: an edit adds a rule or
// two, so only those are asked about (the answer for a regex never changes
// while the worker runs).
const regexSupported = new Map();
function supported(regex) {
  let answer = regexSupported.get(regex);
  if (answer === undefined) {
    answer = chrome.declarativeNetRequest.isRegexSupported({ regex, isCaseSensitive: true }).then((r) => r.isSupported);
    regexSupported.set(regex, answer);
    answer.catch(() => regexSupported.delete(regex));
  }
  return answer;
}

/**
 * The core's rules as this browser will take them: `compiled` (the rules an
 * edit already answered: rules()'s shape) or the core's rules for the list it
 * holds, as block rules where site access is withheld, and without any regex
 * Chrome refuses within its budget (each is checked first, so that one
 * refusal cannot cost the others).
 */
async function compileRules(core, compiled = null) {
  const blockPage = chrome.runtime.getURL(BLOCK_PAGE);
  // A redirect needs site access (Chromium's "On click", Firefox's per-site
  // access can withhold it) and the browser drops one it lacks; a block
  // needs none. Where access is withheld the core writes block rules, and
  // the navigation listener shows the block page: the request never leaves.
  let answer = compiled ?? core.rules(blockPage);
  const withheld = await withheldGroups(answer.origins);
  // The core keeps what it was last told; told again when anything is
  // withheld now or was before (an answer with block rules).
  if (withheld.length || answer.rules.some(isWithheldRedirect)) {
    answer = core.rules(blockPage, withheld.map((g) => g.patterns));
  }
  // The block rules for the apps' own requests are urlFilters: nothing to check.
  const checks = await Promise.all(
    answer.rules.map((r) => (r.condition.regexFilter === undefined ? true : supported(r.condition.regexFilter))),
  );
  return { ...answer, accepted: answer.rules.filter((_, i) => checks[i]), withheld };
}

/**
 * Replaces the dynamic rules with the core's rules for the list it holds,
 * or with `compiled` (the rules an edit already answered: rules()'s shape).
 */
export function installRules(core, compiled = null) {
  const install = ruleWrites.then(async () => {
    const { rules, accepted, covered, skipped, withheld } = await compileRules(core, compiled);
    const wanted = new Map(accepted.map((r) => [r.id, JSON.stringify(r)]));
    let change;
    if (installed) {
      // Only what changed: an edit that adds an account touches a rule or none,
      // and the browser recompiles only those.
      const removeRuleIds = [...installed].filter(([id, text]) => wanted.get(id) !== text).map(([id]) => id);
      change = { removeRuleIds, addRules: accepted.filter((r) => installed.get(r.id) !== wanted.get(r.id)) };
    } else {
      const existing = await chrome.declarativeNetRequest.getDynamicRules();
      change = { removeRuleIds: existing.map((r) => r.id), addRules: accepted };
    }
    installed = null;  // unknown until the update succeeds
    if (change.removeRuleIds.length || change.addRules.length) await chrome.declarativeNetRequest.updateDynamicRules(change);
    installed = wanted;
    const status = {
      installed: accepted.length, refused: rules.length - accepted.length, covered, skipped,
      blockOnly: accepted.filter(isWithheldRedirect).length, withheld,
    };
    await chrome.storage.local.set({ [RULES_STATUS]: status });
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
    const key = (r) => JSON.stringify([r.action.type, r.action.redirect?.regexSubstitution ?? null, r.condition.regexFilter ?? r.condition.urlFilter]);
    const want = accepted.map(key).sort();
    const present = await chrome.declarativeNetRequest.getDynamicRules();
    const have = present.map(key).sort();
    const ok = want.length === have.length && want.every((k, i) => k === have[i]);
    if (!ok) installed = null;  // what this worker installed is not what is there: read it again
    return { ok, expected: want.length, installed: have.length };
  });
  ruleWrites = verify.catch(() => {});
  return verify;
}

/** The core's groups of match patterns ({patterns, domains}) the browser has not granted. */
export async function withheldGroups(groups = []) {
  if (!chrome.permissions?.contains) return [];  // no permissions API (a test double): nothing known withheld
  const granted = await Promise.all(groups.map((g) => chrome.permissions.contains({ origins: g.patterns }).catch(() => false)));
  return groups.filter((_, i) => !granted[i]);
}

/** Removes every rule: Deadbolt turned off (after its cool-down). */
export function removeRules() {
  const remove = ruleWrites.then(async () => {
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    installed = null;
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: existing.map((r) => r.id) });
    installed = new Map();
    const status = { installed: 0, refused: 0, covered: 0, skipped: 0, off: true };
    await chrome.storage.local.set({ [RULES_STATUS]: status });
    return status;
  });
  ruleWrites = remove.catch(() => {});
  return remove;
}

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
    // stop before the decision cannot lose it (see storage.js).
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
