// The protection check: what Deadbolt depends on, and whether it holds —
// on (not switched off), allowed in private windows, site access for the
// hosts its rules cover and for the fediverse instances the person added, its rules installed as the core compiled them
// (count and content; put back when something removed or changed them), and
// its decisions made from the list it holds (the decider given it again if not). It
// runs when the worker starts, every half hour, when site access changes,
// a minute after the browser refused rules (then 2, 4 … 30 while it keeps
// refusing) and whenever the popup or the settings page opens. The periods when
// Deadbolt was off or could not protect everywhere are kept (on this device
// only) for the popup's history: told plainly, never as blame.
import { BLOCK_PAGE } from './blocking.js';
import { verifyRules, withheldGroups } from './dynamic_rules.js';
import { serialised, updateItem } from './serialised.js';
import { HEALTH_HISTORY } from './storage_keys.js';
import { instanceGroups } from './instances.js';

const HISTORY_KEY = HEALTH_HISTORY;  // [{kind, from, to}]: to is null while it lasts
const MAX_PERIODS = 40;
export const HEALTH_ALARM = 'health';
/** A check a minute after rules could not be installed (protection.js), not only at the next half hour. */
export const RULES_RETRY_ALARM = 'health:rules';

/**
 * `engine`: steady(fn) (list_owner.js: runs fn({core, unreadable}) between
 * list operations), enabled(), applyRules(core) (installs the rules, or
 * removes them while off) and verifyDecider() (list_owner.js: {ok, repaired}).
 */
export function createHealth(engine) {
  // One check at a time (the popup's, an alarm's, a permission change's):
  // two at once would both find the rules missing, both put them back and
  // both write the repair into the history.
  const check = () => serialised('health', checkNow);
  async function checkNow() {
    const on = await engine.enabled();
    // The rules are compared with the list core between list operations
    // only: an edit under way has changed the core but not yet queued its
    // rules, which is not rules removed (steady()).
    const { unreadable, withheld, repaired, refused } = await engine.steady(async ({ core, unreadable }) => {
      const withheld = await withheldGroups(core.rules(chrome.runtime.getURL(BLOCK_PAGE)).origins);
      // The rules as the core compiles them now: a missing, extra or changed
      // rule (another tool, a browser that dropped them) is put right at once.
      const verified = on ? await verifyRules(core) : { ok: true };
      if (verified.ok) return { unreadable, withheld, repaired: false, refused: null };
      try {
        await engine.applyRules(core);
        return { unreadable, withheld, repaired: true, refused: null };
      } catch (e) {
        // What the browser said when it would not take the rules.
        return { unreadable, withheld, repaired: false, refused: String(e?.message ?? e) };
      }
    });
    const [incognito, instancesWithheld] = await Promise.all([
      chrome.extension.isAllowedIncognitoAccess(),
      instanceGroups().then(withheldGroups, () => []),
    ]);
    const decisions = await engine.verifyDecider();
    const history = await record({ off: !on, incognito: !incognito, siteAccess: withheld.length + instancesWithheld.length > 0 }, repaired);
    const problems = [];
    if (!on) problems.push({ kind: 'off' });
    if (unreadable) problems.push({ kind: 'listUnreadable' });
    if (!incognito) problems.push({ kind: 'incognito' });
    for (const group of withheld) problems.push({ kind: 'siteAccess', patterns: group.patterns, domains: group.domains });
    // An instance added for its feed: without access there, its feed is not filtered.
    for (const group of instancesWithheld) problems.push({ kind: 'instanceAccess', patterns: group.patterns, domains: group.domains });
    if (repaired) problems.push({ kind: 'rulesRepaired' });
    if (refused !== null) problems.push({ kind: 'rulesRefused', reason: refused });
    if (decisions.repaired) problems.push({ kind: decisions.ok ? 'decisionsRepaired' : 'decisionsStale' });
    return { problems, history };
  }

  return { check };
}

/**
 * Opens a period for each state that has begun and closes the ones that
 * have ended; a repair is a moment of its own. Returns the history, newest first.
 */
function record(states, repaired, now = Date.now()) {
  return updateItem('local', HISTORY_KEY, [], (stored) => {
    const history = Array.isArray(stored) ? stored.slice() : [];
    let changed = false;
    for (const [kind, lacking] of Object.entries(states)) {
      const open = history.find((p) => p.kind === kind && p.to === null);
      if (lacking && !open) {
        history.push({ kind, from: now, to: null });
        changed = true;
      } else if (!lacking && open) {
        open.to = now;
        changed = true;
      }
    }
    if (repaired) {
      history.push({ kind: 'rules', from: now, to: now });
      changed = true;
    }
    const kept = history.slice(-MAX_PERIODS);
    return { value: changed ? kept : undefined, result: kept.slice().reverse() };
  });
}
