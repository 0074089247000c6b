// The service worker: wiring only. It rebuilds everything on every start —
// MV3 stops idle workers, so nothing may depend on memory surviving.
import { createCore, EMPTY_LIST } from './core.js';
import {
  appendAttempt, appendReportedAttempt, loadList, loadSnapshot, readLog, recoverStagedAttempts, saveList, saveSnapshot,
  seenKey, stageNavigation, stagedNavigations, unstageNavigation,
} from './storage.js';
import { installRules, listenToNavigations, removeRules } from './blocking.js';
import {
  addPending, cancelPending, deleteLetter, deletePrivateData, getLetters, getPending, getSettings, saveLetter,
  saveSettings, takeDue,
} from './settings.js';

let state = start();
let ready = false;
state.then(() => { ready = true; });
recoverStagedAttempts();  // attempts a stopped worker had not yet written
let ownGeneration = null;  // the list.meta generation this worker wrote last

async function start() {
  // The fast way: the index snapshot of the list as stored now, read while
  // the wasm compiles.
  const [core, snapshot] = await Promise.all([createCore(), loadSnapshot()]);
  let result = { core, where: null, problem: null };
  if (!snapshot || !core.loadSnapshot(snapshot)) result = await loadFullList(core);
  // Ready to decide: how long this start took, from the worker's own start
  // (scripts/bench reads it; it is a figure, never sent anywhere).
  core.blocks('https://www.example.com/');
  chrome.storage.session.set({ 'perf.coldStartMs': performance.now() }).catch(() => {});
  return result;
}

/** Loads and validates the stored list itself, and refreshes the snapshot. */
async function loadFullList(core) {
  // Each candidate is loaded as it is validated: the last accepted one stays.
  const { text, where, problem } = await loadList((candidate) => core.load(candidate));
  if (text === null) core.load(EMPTY_LIST);
  if (!problem) await saveSnapshot(core.snapshot());
  if (!problem) await saveFeedIndex(core);
  return { core, where, problem };
}

/**
 * The content scripts' copy of what to hide in feeds: the feed list's
 * decision index and the feed settings, in chrome.storage.local (never in the
 * page's world). Written whole, never read-modify-written.
 */
async function saveFeedIndex(core) {
  const snapshot = core.feedIndex();
  if (!snapshot) return;
  const settings = await getSettings();
  await chrome.storage.local.set({
    'feeds.index': {
      snapshot, enabled: settings.enabled, mentions: settings.feedMentions !== false,
      placeholder: settings.feedPlaceholder === true,
    },
  }).catch(() => {});
}

/** The state with the whole list loaded (a fast start loads only the index). */
async function full() {
  const current = await state;
  if (current.core.hasFullList()) return current;
  state = loadFullList(current.core);
  return state;
}

async function reload() {
  state = start();  // the snapshot is stale now: start() loads the list itself
  const { core } = await full();
  await applyRules(core);
}

chrome.runtime.onInstalled.addListener(({ reason }) => {
  full().then(({ core }) => applyRules(core));
  if (reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('extension/pages/welcome.html') });
});
chrome.runtime.onStartup.addListener(() => full().then(({ core }) => applyRules(core)));
chrome.storage.onChanged.addListener((changes, area) => {
  // Another device changed the synced list.
  const meta = changes['list.meta'];
  if (area === 'sync' && meta && meta.newValue?.gen !== ownGeneration) reload();
});

let enabled = getSettings().then((s) => s.enabled);

/** The record that this tab's attempt at `url` was logged, as the core reads the address. */
const seenIn = (core, tabId, url) => seenKey(tabId, core.addressKey(url));

const navigations = listenToNavigations({
  decide: async (url) => {
    const { core } = await state;
    return core.blocks(url) && (await enabled) ? core.verdict(url) : null;
  },
  onBlocked: async (verdict, tabId, url, id, t) => {
    // The time the navigation was seen: a staged one recovered elsewhere gets the same entry.
    const { core } = await state;
    return appendAttempt(attemptOf(verdict, t), { id: id ?? undefined, seen: seenIn(core, tabId, url) });
  },
  stage: {
    begin: (url, t, tabId) => (ready ? null : stageNavigation(url, t, tabId)),
    end: unstageNavigation,
  },
});

function attemptOf(verdict, t) {
  return {
    t,
    o: -new Date(t).getTimezoneOffset(),  // the local offset then, so the attempt counts on its own day
    person: verdict.person,
    platform: verdict.platform,
    kind: verdict.kind,
  };
}

// Navigations a stopped worker saw but never decided: decide and log them now,
// and unstage each only once its attempt is stored. The same id as a log
// entry the stopped worker may have written keeps this exactly once.
state.then(async ({ core }) => {
  const on = await enabled;
  await Promise.all((await stagedNavigations()).map(async (nav) => {
    if (on && core.blocks(nav.url)) {
      const seen = Number.isInteger(nav.tabId) ? seenIn(core, nav.tabId, nav.url) : null;
      await appendAttempt(attemptOf(core.verdict(nav.url), nav.t), { id: nav.id, seen });
    }
    await unstageNavigation(nav.id);
  }));
});

/** Installs the rules, or none while Deadbolt is turned off. */
async function applyRules(core) {
  return (await enabled) ? installRules(core) : removeRules();
}

// ---- Cool-down: changes that lower protection wait, then apply ------------

async function applyDue() {
  const due = await takeDue();
  if (!due.length) return;
  const settings = await getSettings();
  const { core } = await full();
  const list = JSON.parse(core.exportList());
  let listChanged = false;
  for (const change of due) {
    const person = list.people.find((p) => p.name === change.person);
    if (change.kind === 'remove-person' && person) {
      list.people = list.people.filter((p) => p !== person);
      listChanged = true;
    } else if (change.kind === 'remove-account' && person) {
      const key = change.key;
      person.accounts = (person.accounts ?? []).filter((a) => accountKeyOf(core, a) !== key);
      listChanged = true;
    } else if (change.kind === 'remove-keyword' && person) {
      person.keywords = (person.keywords ?? []).filter((k) => k !== change.keyword);
      listChanged = true;
    } else if (change.kind === 'feeds-off' && person) {
      person.feeds = false;
      listChanged = true;
    } else if (change.kind === 'feed-mentions-off') {
      settings.feedMentions = false;
    } else if (change.kind === 'cooldown') {
      settings.cooldownHours = change.value;
    } else if (change.kind === 'disable') {
      settings.enabled = false;
    }
  }
  await saveSettings(settings);
  enabled = Promise.resolve(settings.enabled);
  if (listChanged) await commitList(JSON.stringify(list));
  else {
    await applyRules(core);
    await saveFeedIndex(core);
  }
}

/** An account's canonical key, whether it is kept as {platform, handle} or {url}. */
function accountKeyOf(core, account) {
  if (account.platform) return core.accountKey(account.platform, account.handle ?? '');
  const read = core.readProfile(account.url ?? '');
  return read.error ? `url:${account.url}` : core.accountKey(read.platform, read.handle);
}

chrome.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name.startsWith('pending:')) applyDue();
});
state.then(applyDue);

// ---- Messages from Deadbolt's own pages -------------------------------------

let listWrites = Promise.resolve();  // list changes, one at a time

/** Validates `text` with the core, stores it and installs its rules. */
function commitList(text) {
  const write = listWrites.then(async () => {
    const { core } = await full();
    const before = core.exportList();
    const error = core.load(text);
    if (error) return { error };
    const exported = core.exportList();
    let where;
    try {
      where = await saveList(exported);
    } catch (e) {
      core.load(before);  // not stored: do not pretend it was
      return { error: `Could not save your list: ${e?.message ?? e}` };
    }
    const { 'list.meta': meta } = await chrome.storage.sync.get('list.meta').catch(() => ({}));
    ownGeneration = meta?.gen ?? null;
    state = Promise.resolve({ core, where: where.where, problem: null });
    await saveSnapshot(core.snapshot());
    await saveFeedIndex(core);
    // Saved. The navigation listeners block at once; the rules follow.
    const rules = await applyRules(core).catch((e) => ({ error: String(e?.message ?? e) }));
    return { ok: true, where, rules };
  });
  listWrites = write.catch(() => {});
  return write;
}

/** The list, with `change(list)` applied, committed through the core. */
async function changeList(change) {
  const { core } = await full();
  const list = JSON.parse(core.exportList());
  const error = change(list);
  if (error) return { error };
  return commitList(JSON.stringify(list));
}

const findPerson = (list, name) => list.people.find((p) => p.name.toLowerCase() === String(name).trim().toLowerCase());

async function stats() {
  const { core } = await state;
  const settings = await getSettings();
  const offset = -new Date().getTimezoneOffset();
  const startDay = settings.startDate ? core.localDay(Date.parse(`${settings.startDate}T00:00:00Z`), 0) : null;
  return core.stats(await readLog(), Date.now(), offset, startDay);
}

const handlers = {
  /**
   * The block page is showing `url` in the sender's tab: the second witness
   * of the attempt. Logged only if the navigation listener did not log it.
   */
  async blockPageShown({ url }, sender) {
    const { core } = await state;
    const address = String(url);
    const tabId = sender.tab?.id;
    if (!Number.isInteger(tabId) || !core.blocks(address) || !(await enabled)) return { logged: false };
    await navigations.settled();  // the listener's record of it, if it has one, is written first
    const attempt = attemptOf(core.verdict(address), Date.now());
    return { logged: await appendReportedAttempt(attempt, seenIn(core, tabId, address)) };
  },
  async verdict({ url }) {
    const { core } = await state;
    return core.verdict(String(url));
  },
  async overview() {
    const settings = await getSettings();
    return {
      stats: await stats(),
      reasons: settings.reasons,
      support: settings.support,
      enabled: settings.enabled,
      incognito: await chrome.extension.isAllowedIncognitoAccess(),
      platforms: (await state).core.platforms(),
    };
  },
  async list() {
    const { core, where, problem } = await full();
    const log = await readLog();
    const attempts = {};
    for (const e of log) {
      const key = `${e.person}\u0000${e.platform}`;
      attempts[key] = (attempts[key] ?? 0) + 1;
    }
    const list = JSON.parse(core.exportList());
    // Accounts kept as links are shown as the core reads them.
    for (const person of list.people) {
      for (const account of person.accounts ?? []) {
        account.key = accountKeyOf(core, account);
        if (account.url && !account.platform) {
          const read = core.readProfile(account.url);
          account.shown = { platform: read.platform, handle: read.handle };
        }
      }
    }
    const rules = (await chrome.storage.local.get('rules.status'))['rules.status'] ?? null;
    return {
      list, platforms: core.platforms(), where, problem, attempts, rules,
      settings: await getSettings(), pending: await getPending(), letters: (await getLetters()).length,
      incognito: await chrome.extension.isAllowedIncognitoAccess(),
    };
  },
  async readProfile({ text, platform }) {
    const { core } = await state;
    return core.readProfile(String(text ?? ''), String(platform ?? ''));
  },
  async addAccount({ text, platform, person }) {
    const { core } = await full();
    const read = core.readProfile(String(text ?? ''), String(platform ?? ''));
    if (read.error) return read;
    const name = String(person ?? '').trim() || chrome.i18n.getMessage('defaultPersonName');
    let added;
    const result = await changeList((list) => {
      let entry = findPerson(list, name);
      if (!entry) list.people.push((entry = { name, keywords: [], accounts: [] }));
      entry.accounts ??= [];
      const key = core.accountKey(read.platform, read.handle);
      if (entry.accounts.some((a) => accountKeyOf(core, a) === key)) return chrome.i18n.getMessage('alreadyListed');
      entry.accounts.push({ platform: read.platform, handle: read.handle, added: new Date().toISOString().slice(0, 10) });
      added = { ...read, person: entry.name };
      return null;
    });
    return result.error ? result : { ...result, added };
  },
  async addPerson({ name }) {
    const clean = String(name ?? '').trim();
    if (!clean) return { error: chrome.i18n.getMessage('nameNeeded') };
    return changeList((list) => {
      if (findPerson(list, clean)) return chrome.i18n.getMessage('personExists');
      list.people.push({ name: clean, keywords: [], accounts: [] });
      return null;
    });
  },
  async addKeyword({ person, keyword }) {
    return changeList((list) => {
      const entry = findPerson(list, person);
      if (!entry) return chrome.i18n.getMessage('personMissing');
      entry.keywords ??= [];
      if (!entry.keywords.includes(String(keyword).trim())) entry.keywords.push(String(keyword).trim());
      return null;
    });
  },
  /** "Hide them in my feeds": on at once; off waits for the cool-down like any removal. */
  async setFeeds({ person, on }) {
    if (!on) {
      const { cooldownHours } = await getSettings();
      return { pending: await addPending({ kind: 'feeds-off', person: String(person) }, cooldownHours) };
    }
    // On again: a waiting "off" is dropped, and the list says on.
    for (const p of await getPending()) if (p.kind === 'feeds-off' && p.person === String(person)) await cancelPending(p.id);
    return changeList((list) => {
      const entry = findPerson(list, person);
      if (!entry) return chrome.i18n.getMessage('personMissing');
      delete entry.feeds;
      return null;
    });
  },
  /** How many feed items were kept out of sight: {today, all}. */
  async feedCounts() {
    const all = await chrome.storage.local.get(null);
    const now = new Date();
    const today = `feeds.count.${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}.`;
    let total = 0;
    let day = 0;
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith('feeds.count.') || !Number.isFinite(value)) continue;
      total += value;
      if (key.startsWith(today)) day += value;
    }
    return { today: day, all: total };
  },
  /** Removing anything waits for the cool-down. */
  async requestRemoval({ change }) {
    const allowed = ['remove-account', 'remove-person', 'remove-keyword'];
    if (!allowed.includes(change?.kind)) return { error: 'unknown change' };
    const { cooldownHours } = await getSettings();
    return { pending: await addPending(change, cooldownHours) };
  },
  async cancelPending({ id }) {
    await cancelPending(String(id));
    return { ok: true };
  },
  async updateSettings({ patch }) {
    const settings = await getSettings();
    const pending = [];
    if (Array.isArray(patch.reasons)) settings.reasons = patch.reasons.map((r) => String(r).trim()).filter(Boolean).slice(0, 50);
    if (patch.support) settings.support = { name: String(patch.support.name ?? '').slice(0, 100), contact: String(patch.support.contact ?? '').slice(0, 200) };
    if ('startDate' in patch) settings.startDate = /^\d{4}-\d{2}-\d{2}$/.test(patch.startDate ?? '') ? patch.startDate : null;
    if (patch.enabled === true) settings.enabled = true;  // more protection: at once
    if (patch.feedMentions === true) {
      settings.feedMentions = true;
      for (const p of await getPending()) if (p.kind === 'feed-mentions-off') await cancelPending(p.id);
    }
    if (patch.feedMentions === false && settings.feedMentions !== false) pending.push({ kind: 'feed-mentions-off' });
    if (typeof patch.feedPlaceholder === 'boolean') settings.feedPlaceholder = patch.feedPlaceholder;
    if (patch.enabled === false && settings.enabled) pending.push({ kind: 'disable' });
    if (Number.isFinite(patch.cooldownHours)) {
      const hours = Math.max(24, Math.min(24 * 30, Math.round(patch.cooldownHours)));
      // Longer is more protection, at once; shorter waits out the current cool-down.
      if (hours >= settings.cooldownHours) settings.cooldownHours = hours;
      else pending.push({ kind: 'cooldown', value: hours });
    }
    await saveSettings(settings);
    const queued = [];
    for (const change of pending) queued.push(await addPending(change, settings.cooldownHours));
    if (patch.enabled === true) {
      enabled = Promise.resolve(true);
      await applyRules((await full()).core);
    }
    await saveFeedIndex((await full()).core);
    return { settings, pending: queued };
  },
  async previewImport({ text }) {
    return importPlan(String(text ?? ''));
  },
  /** Applies what an import adds; its removals are queued only on request. */
  async importList({ text, removals = false }) {
    const plan = await importPlan(String(text ?? ''));
    if (plan.error) return plan;
    const result = await commitList(JSON.stringify(plan.merged));
    if (result.error) return result;
    if (removals) {
      const { cooldownHours } = await getSettings();
      for (const change of plan.removals) await addPending(change, cooldownHours);
    }
    return { ...result, added: plan.added.length, removals: plan.removals.length };
  },
  async exportList() {
    const { core } = await full();
    return { text: core.exportList() };
  },
  async stats() {
    return stats();
  },
  async saveLetter({ text }) {
    if (!String(text ?? '').trim()) return { error: chrome.i18n.getMessage('letterEmpty') };
    return { letter: await saveLetter(String(text)) };
  },
  async letters() {
    return { letters: await getLetters() };
  },
  async deleteLetter({ id }) {
    await deleteLetter(String(id));
    return { ok: true };
  },
  async deletePrivateData({ letters, log }) {
    await deletePrivateData({ letters: !!letters, log: !!log });
    return { ok: true };
  },
  async currentTab({ url }) {
    const { core } = await state;
    const read = core.readProfile(String(url ?? ''));
    return { ...read, blocked: !read.error && core.blocks(String(url)) };
  },
  async incognito() {
    return { allowed: await chrome.extension.isAllowedIncognitoAccess() };
  },
};

/**
 * What importing `text` would do: additions apply at once, removals go
 * through the cool-down. Returns {merged, added, removals} or {error}.
 */
async function importPlan(text) {
  const { core } = await full();
  const current = JSON.parse(core.exportList());
  // Validate the file with a core of its own: the loaded list stays untouched.
  const checker = await createCore();
  const error = checker.load(text);
  if (error) return { error };
  const incoming = JSON.parse(checker.exportList());
  const merged = structuredClone(current);
  const added = [];
  const removals = [];
  for (const person of incoming.people) {
    let target = findPerson(merged, person.name);
    if (!target) {
      merged.people.push((target = { ...person, keywords: [], accounts: [] }));
      added.push({ kind: 'person', person: person.name });
    }
    target.keywords ??= [];
    target.accounts ??= [];
    for (const keyword of person.keywords ?? []) {
      if (!target.keywords.includes(keyword)) {
        target.keywords.push(keyword);
        added.push({ kind: 'keyword', person: target.name, keyword });
      }
    }
    const keys = new Set(target.accounts.map((a) => accountKeyOf(core, a)));
    for (const account of person.accounts ?? []) {
      const key = accountKeyOf(core, account);
      if (!keys.has(key)) {
        target.accounts.push(account);
        keys.add(key);
        added.push({ kind: 'account', person: target.name, key });
      }
    }
  }
  for (const person of current.people) {
    const other = findPerson(incoming, person.name);
    if (!other) {
      removals.push({ kind: 'remove-person', person: person.name });
      continue;
    }
    const keys = new Set((other.accounts ?? []).map((a) => accountKeyOf(core, a)));
    for (const account of person.accounts ?? []) {
      const key = accountKeyOf(core, account);
      if (!keys.has(key)) removals.push({ kind: 'remove-account', person: person.name, key });
    }
    for (const keyword of person.keywords ?? []) {
      if (!(other.keywords ?? []).includes(keyword)) removals.push({ kind: 'remove-keyword', person: person.name, keyword });
    }
  }
  return { merged, added, removals };
}

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only Deadbolt's own pages may ask: no content scripts, no other extension.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return false;
  const handler = Object.hasOwn(handlers, message?.type) ? handlers[message.type] : null;
  if (!handler) return false;
  handler(message, sender).then(reply, (e) => reply({ error: String(e?.message ?? e) }));
  return true;
});
