// The service worker: wiring only — start-up, listeners and one route per
// message, each a call into a module (protection.js: the list, its rules and
// the cool-down; attempts.js: decisions, the log and its stats; settings.js:
// the person's own writing). It rebuilds everything on every start — MV3
// stops idle workers, so nothing may depend on memory surviving.
import { Core, createCore, createDecider, EMPTY_LIST } from './core.js';
import {
  feedCounts, loadList, loadSnapshot, recoverStagedAttempts, saveSnapshot, stageNavigation, unstageNavigation,
} from './storage.js';
import { listFollowsSync, switchingListArea } from './storage.js';  // the list's sync choice (listsync.js)
import { listenToNavigations } from './blocking.js';
import { deleteLetter, deletePrivateData, getLetters, getSettings, keepLetter } from './settings.js';
import { createProtection, saveFeedIndex } from './protection.js';
import { createAttempts } from './attempts.js';
import { createHealth, HEALTH_ALARM } from './health.js';
import { createListSync } from './listsync.js';
import { createForgetting } from './forget.js';

// ---- Start-up ----------------------------------------------------------------

const firstLineMs = performance.now();  // the worker's own start to its first line: Chromium's part
let state = start();
let ready = false;
state.then(() => { ready = true; });
recoverStagedAttempts();  // attempts a stopped worker had not yet written
let ownGeneration = null;  // the list.meta generation this worker wrote last
let enabled = getSettings().then((s) => s.enabled);

async function start() {
  // The fast way: the decider (the core's decisions without the embind glue)
  // and the index snapshot of the list as stored now. The full core waits
  // until a page needs it (full()), or until there is no snapshot this build
  // accepts (a fresh install, an update, a damaged one): then it reads the
  // list itself and stores a new snapshot.
  // The snapshot is asked for first: the browser reads it while the wasm
  // compiles, and a first decision on the empty decider compiles the
  // decision path (V8 compiles wasm functions on their first call) while the
  // read is still on its way.
  // `phases`: when each step ended, for scripts/bench (a figure kept in
  // session storage, never sent anywhere).
  const phases = { firstLine: firstLineMs };
  const reading = loadSnapshot().then((bytes) => { phases.snapshotRead = performance.now(); return bytes; });
  const decider = await createDecider();
  phases.deciderReady = performance.now();
  decider.blocks('https://www.example.com/');
  const snapshot = await reading;
  let result = { core: decider, where: null, problem: null };
  if (!snapshot || !decider.loadSnapshot(snapshot)) result = await loadFullList(await createCore());
  phases.loaded = performance.now();
  result.core.decide('https://www.example.com/');
  phases.decided = performance.now();
  chrome.storage.session.set({ 'perf.coldStartMs': phases.decided, 'perf.startPhases': phases }).catch(() => {});
  return result;
}

/** Loads and validates the stored list into the full core, and refreshes the snapshot and the feed index. */
async function loadFullList(core) {
  // Each candidate is loaded as it is validated: the last accepted one stays.
  const { text, where, problem } = await loadList((candidate) => core.load(candidate));
  if (text === null) core.load(EMPTY_LIST);
  if (!problem) await Promise.all([saveSnapshot(core.snapshot()), saveFeedIndex(core)]);
  return { core, where, problem };
}

/**
 * The state with the full core and the whole list loaded: editing, rules,
 * stats. A start has only the decider; the full core is instantiated on the
 * first call, and decides from then on.
 */
let fullState = null;
function full() {
  if (fullState) return fullState;
  const loading = state.then(async (current) =>
    current.core instanceof Core && current.core.hasFullList() ? current : loadFullList(await createCore()));
  fullState = loading;
  // Decisions stay with the decider until the full core is ready.
  loading.then((current) => { if (fullState === loading) state = Promise.resolve(current); },
    () => { if (fullState === loading) fullState = null; });
  return loading;
}

async function reload() {
  fullState = null;
  state = start();  // the snapshot is stale now: start() loads the list itself
  const { core } = await full();
  await protection.applyRules(core);
}

const engine = {
  loaded: () => state,
  full,
  stored(core, saved) {
    state = Promise.resolve({ core, where: saved.where, problem: null });
    ownGeneration = saved.gen;
  },
  enabled: () => enabled,
  setEnabled(on) { enabled = Promise.resolve(on); },
};
const protection = createProtection(engine);
const attempts = createAttempts(engine);
const forgetting = createForgetting(engine);  // registers its history listener now, when granted
const listSync = createListSync(engine, (core) => protection.applyRules(core));
const health = createHealth({ full, enabled: () => enabled, applyRules: (core) => protection.applyRules(core) });

// ---- Listeners -----------------------------------------------------------------

chrome.runtime.onInstalled.addListener(({ reason }) => {
  full().then(({ core }) => protection.applyRules(core));
  chrome.alarms?.create(HEALTH_ALARM, { periodInMinutes: 30 });
  if (reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('extension/pages/welcome.html') });
});
chrome.runtime.onStartup.addListener(() => {
  full().then(({ core }) => protection.applyRules(core));
  chrome.alarms?.create(HEALTH_ALARM, { periodInMinutes: 30 });
});
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'sync') return;
  // Another device changed the synced list, or turned Deadbolt on or off.
  const meta = changes['list.meta'];
  // (Not while this device keeps its list to itself, nor while it is moving
  // it: the move merges what others write meanwhile.)
  if (meta && meta.newValue?.gen !== ownGeneration && !switchingListArea()) {
    listFollowsSync().then((on) => on && !switchingListArea() && reload());
  }
  if (changes.settings) protection.enabledElsewhere(changes.settings.newValue?.enabled ?? true);
});
// Site access granted or withheld (Chromium's "On click", Firefox's per-site
// access): the rules follow, block rules where a redirect would be dropped.
const rulesFollowAccess = () => full().then(({ core }) => protection.applyRules(core)).then(() => health.check());
chrome.permissions?.onAdded?.addListener(rulesFollowAccess);
chrome.permissions?.onAdded?.addListener(() => forgetting.listen());
chrome.permissions?.onRemoved?.addListener(rulesFollowAccess);
chrome.alarms?.onAlarm.addListener((alarm) => {
  // A due change may turn Deadbolt off: the check notes when, at once.
  if (alarm.name.startsWith('pending:')) Promise.resolve(protection.applyDue()).then(() => health.check()).catch(() => {});
  if (alarm.name === HEALTH_ALARM) health.check();
});

const navigations = listenToNavigations({
  decide: attempts.decide,
  onBlocked: attempts.logBlocked,
  afterBlocked: (url) => forgetting.blocked(url),
  stage: {
    begin: (url, t, tabId) => (ready ? null : stageNavigation(url, t, tabId)),
    end: unstageNavigation,
  },
});

state.then(() => attempts.recoverStaged());
state.then(() => protection.applyDue());

// ---- Messages from Deadbolt's own pages --------------------------------------

const routes = {
  blockPageShown: ({ url }, sender) => attempts.blockPageShown(url, sender.tab?.id, navigations.settled),
  verdict: ({ url }) => attempts.verdict(url),
  overview: () => attempts.overview(),
  stats: () => attempts.stats(),
  currentTab: ({ url }) => attempts.currentTab(url),
  list: () => protection.list(),
  readProfile: ({ text, platform }) => attempts.readProfile(text, platform),
  addAccount: (m) => protection.addAccount(m),
  addPerson: (m) => protection.addPerson(m),
  addKeyword: (m) => protection.addKeyword(m),
  requestRemoval: (m) => protection.requestRemoval(m),
  setCoparent: (m) => protection.setCoparent(m),
  setFeeds: (m) => protection.setFeeds(m),
  feedCounts: () => feedCounts(),
  recordContact: () => attempts.recordContact(),
  coparentChannels: () => attempts.coparentChannels(),
  cancelPending: (m) => protection.cancelPending(m),
  updateSettings: (m) => protection.updateSettings(m),
  previewImport: (m) => protection.previewImport(m),
  importList: (m) => protection.importList(m),
  exportList: () => protection.exportList(),
  saveLetter: ({ text }) => keepLetter(text),
  letters: async () => ({ letters: await getLetters() }),
  deleteLetter: ({ id }) => deleteLetter(String(id)).then(() => ({ ok: true })),
  deletePrivateData: ({ letters, log }) => deletePrivateData({ letters: !!letters, log: !!log }).then(() => ({ ok: true })),
  incognito: async () => ({ allowed: await chrome.extension.isAllowedIncognitoAccess() }),
  health: () => health.check(),
  listSync: () => listSync.status(),
  setListSync: (m) => listSync.set(m),
  forgetHistory: () => forgetting.status(),
  setForgetHistory: (m) => forgetting.set(m),
};

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only Deadbolt's own pages may ask: no content scripts, no other extension.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return false;
  const route = Object.hasOwn(routes, message?.type) ? routes[message.type] : null;
  if (!route) return false;
  Promise.resolve().then(() => route(message, sender)).then(reply, (e) => reply({ error: String(e?.message ?? e) }));
  return true;
});
