// The declarativeNetRequest rules the core compiles: they redirect a listed
// person's pages to the block page before any request is sent, and block the
// apps' own requests for them. The core gives every rule a stable id
// (wasm/include/deadbolt/rule_ids.h), so an edit answers only the rules it
// adds and the ids it drops; this installs that change, or the whole set
// when what is installed is not known.
//
// Chrome re-indexes the whole dynamic rule set on every update (~250 ms at
// 1,000 accounts here), so installs wait their turn and a burst of edits is
// installed as one update. An edit is answered before its rules land: the
// navigation listeners decide with the new list at once.
import { BLOCK_PAGE } from './blocking.js';
import { RULES_STATUS } from './storage_keys.js';

// A page rule the core wrote as a block because site access is withheld
// (the apps' own requests are blocked by urlFilter rules, never redirected).
const isWithheldRedirect = (r) => r.action.type === 'block' && r.condition.regexFilter !== undefined;

let ruleWrites = Promise.resolve();  // one rule update at a time: each reads, then replaces
let installed = null;  // id -> rule, as installed last; null: read them from the browser
let installedVersion = null;  // the core's version of the set installed (rule_ids.h)
let refused = new Set();  // ids of rules the browser would not compile, left out
let withheldNow = [];  // the groups ({patterns, domains}) the core writes block rules for
let queued = [];  // installs asked for and not yet begun: {core, compiled, resolve, reject}

// Whether the browser compiles a regex, by regex: an edit adds a rule or
// two, so only those are asked about (the answer for a regex never changes
// while the worker runs).
const regexSupported = new Map();
function supported(rule) {
  const regex = rule.condition.regexFilter;
  if (regex === undefined) return true;  // a urlFilter: nothing to check
  let answer = regexSupported.get(regex);
  if (answer === undefined) {
    answer = chrome.declarativeNetRequest.isRegexSupported({ regex, isCaseSensitive: true }).then((r) => r.isSupported);
    regexSupported.set(regex, answer);
    answer.catch(() => regexSupported.delete(regex));
  }
  return answer;
}

/** The core's groups of match patterns ({patterns, domains}) the browser has not granted. */
export async function withheldGroups(groups = []) {
  if (!chrome.permissions?.contains) return [];  // no permissions API (a test double): nothing known withheld
  const granted = await Promise.all(groups.map((g) => chrome.permissions.contains({ origins: g.patterns }).catch(() => false)));
  return groups.filter((_, i) => !granted[i]);
}

const patternsOf = (groups) => JSON.stringify(groups.map((g) => g.patterns));

/**
 * The core's whole rule set as this browser will take them, as block rules
 * where site access is withheld, and without any regex Chrome refuses
 * (each is checked first, so that one refusal cannot cost the others).
 */
async function wholeSet(core) {
  const blockPage = chrome.runtime.getURL(BLOCK_PAGE);
  // A redirect needs site access (Chromium's "On click", Firefox's per-site
  // access can withhold it) and the browser drops one it lacks; a block
  // needs none. Where access is withheld the core writes block rules, and
  // the navigation listener shows the block page: the request never leaves.
  let answer = core.rules(blockPage);
  const withheld = await withheldGroups(answer.origins);
  // The core keeps what it was last told; told again when anything is
  // withheld now or was before (an answer with block rules).
  if (withheld.length || answer.rules.some(isWithheldRedirect)) {
    answer = core.rules(blockPage, withheld.map((g) => g.patterns));
  }
  const checks = await Promise.all(answer.rules.map(supported));
  return { ...answer, accepted: answer.rules.filter((_, i) => checks[i]), withheld };
}

// Replaces what is installed with the core's whole set: only the rules
// whose id or content changed, when what is installed is known.
async function installWhole(core) {
  const { rules, accepted, covered, skipped, withheld, version } = await wholeSet(core);
  const text = (r) => JSON.stringify(r);
  const wanted = new Map(accepted.map((r) => [r.id, r]));
  let change;
  if (installed) {
    const removeRuleIds = [...installed].filter(([id, r]) => !wanted.has(id) || text(wanted.get(id)) !== text(r)).map(([id]) => id);
    change = { removeRuleIds, addRules: accepted.filter((r) => !installed.has(r.id) || text(installed.get(r.id)) !== text(r)) };
  } else {
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    change = { removeRuleIds: existing.map((r) => r.id), addRules: accepted };
  }
  await update(change);
  installed = wanted;
  installedVersion = version;
  refused = new Set(rules.filter((r) => !wanted.has(r.id)).map((r) => r.id));
  withheldNow = withheld;
  return status({ covered, skipped, withheld });
}

// Applies edits' changes, in order, as one update: each removes ids and adds rules.
async function installChanges(changes) {
  const last = changes.at(-1);
  const remove = new Set();
  const add = new Map();
  for (const c of changes) {
    for (const id of c.removeRuleIds) {
      if (add.has(id)) add.delete(id);
      if (installed.has(id) || refused.has(id)) remove.add(id);
    }
    for (const r of c.addRules) add.set(r.id, r);
  }
  const adding = [...add.values()];
  const checks = await Promise.all(adding.map(supported));
  const accepted = adding.filter((_, i) => checks[i]);
  await update({ removeRuleIds: [...remove].filter((id) => installed.has(id)), addRules: accepted });
  for (const id of remove) {
    installed.delete(id);
    refused.delete(id);
  }
  for (const r of accepted) installed.set(r.id, r);
  for (const r of adding) if (!installed.has(r.id)) refused.add(r.id);
  installedVersion = last.to;
  return status({ covered: last.covered, skipped: last.skipped, withheld: withheldNow });
}

async function update(change) {
  if (!change.removeRuleIds.length && !change.addRules.length) return;
  try {
    await chrome.declarativeNetRequest.updateDynamicRules(change);
  } catch (e) {
    installed = null;  // unknown now: read from the browser next time
    installedVersion = null;
    throw e;
  }
}

async function status({ covered, skipped, withheld }) {
  const rules = [...installed.values()];
  const status = {
    installed: rules.length, refused: refused.size, covered, skipped,
    blockOnly: rules.filter(isWithheldRedirect).length, withheld,
  };
  await chrome.storage.local.set({ [RULES_STATUS]: status });
  return status;
}

// Whether `changes` follow on from what is installed, one after another,
// with site access as the core was told: then they are all that is needed.
async function follows(changes) {
  if (!installed || !changes.every((c) => c?.addRules && c?.removeRuleIds)) return false;
  let version = installedVersion;
  for (const c of changes) {
    if (c.from !== version) return false;
    version = c.to;
  }
  return patternsOf(await withheldGroups(changes.at(-1).origins)) === patternsOf(withheldNow);
}

async function installQueued() {
  const batch = queued;
  queued = [];
  try {
    const changes = batch.map((b) => b.compiled);
    const status = (await follows(changes)) ? await installChanges(changes) : await installWhole(batch.at(-1).core);
    for (const b of batch) b.resolve(status);
  } catch (e) {
    for (const b of batch) b.reject(e);
  }
}

/**
 * Installs the rules of the list `core` holds: `compiled`, an edit's change
 * (rules()'s counts and origins, with from, to, removeRuleIds and addRules),
 * when it follows on from what is installed, else the whole set. Resolves
 * to what the settings page shows of them.
 */
export function installRules(core, compiled = null) {
  return new Promise((resolve, reject) => {
    queued.push({ core, compiled, resolve, reject });
    if (compiled) lastEditAt = performance.now();
    // Installs asked for while one waits or runs go after it, as one.
    if (queued.length === 1) ruleWrites = ruleWrites.then(editsPause).then(installQueued);
  });
}

// Edits come in bursts (an import's follow-ups, a person typing several
// handles): their rules wait until the edits pause, so that the browser's
// re-indexing, which slows every storage write meanwhile, runs once after
// them, not under each. A whole install (a start, site access changed) does not wait.
const EDITS_PAUSE_MS = 300;
let lastEditAt = -Infinity;
async function editsPause() {
  for (;;) {
    if (queued.some((b) => !b.compiled)) return;
    const wait = lastEditAt + EDITS_PAUSE_MS - performance.now();
    if (wait <= 0) return;
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Do the installed rules match what the core compiles now, in count and
 * content? {ok, expected, installed}.
 */
export function verifyRules(core) {
  const verify = ruleWrites.then(async () => {
    const { accepted } = await wholeSet(core);
    // Which pages' requests a rule acts on is part of it: an endpoint rule
    // without its initiators would let any page probe the list.
    const key = (r) => JSON.stringify([r.action.type, r.action.redirect?.regexSubstitution ?? null, r.condition.regexFilter ?? r.condition.urlFilter,
      ...[r.condition.resourceTypes, r.condition.initiatorDomains].map((list) => [...(list ?? [])].sort().join())]);
    const want = accepted.map(key).sort();
    const present = await chrome.declarativeNetRequest.getDynamicRules();
    const have = present.map(key).sort();
    const ok = want.length === have.length && want.every((k, i) => k === have[i]);
    if (!ok) {
      installed = null;  // what this worker installed is not what is there: read it again
      installedVersion = null;
    }
    return { ok, expected: want.length, installed: have.length };
  });
  ruleWrites = verify.catch(() => {});
  return verify;
}

/** Removes every rule: Deadbolt turned off (after its cool-down). */
export function removeRules() {
  const remove = ruleWrites.then(async () => {
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    await update({ removeRuleIds: existing.map((r) => r.id), addRules: [] });
    installed = new Map();
    installedVersion = null;
    refused = new Set();
    const status = { installed: 0, refused: 0, covered: 0, skipped: 0, off: true };
    await chrome.storage.local.set({ [RULES_STATUS]: status });
    return status;
  });
  ruleWrites = remove.catch(() => {});
  return remove;
}
