// The service worker: wiring only — start-up, listeners and one route per
// message, each a call into a module (protection.js: the list, its rules and
// the cool-down; attempts.js: decisions, the log and its stats; letters.js:
// the person's own writing). It rebuilds everything on every start — MV3
// stops idle workers, so nothing may depend on memory surviving.
import { compileDecider, createDecider, createListCore } from './core.js';
import { recoverStagedAttempts, stageNavigation, unstageNavigation } from './attempt_log.js';
import { feedCounts, saveFeedIndex, styleFrame } from './feed_index.js';
import { BLOCK_PAGE, listenToNavigations } from './blocking.js';
import { getSettings, updateSettings } from './settings.js';
import { deleteLetter, deletePrivateData, getDraft, getLetters, keepLetter, setDraft } from './letters.js';
import { createProtection } from './protection.js';
import { createAttempts } from './attempts.js';
import { createListOwner } from './list_owner.js';
import { PERF_COLD_START, PERF_START_PHASES } from './storage_keys.js';
import { createHealth, HEALTH_ALARM, RULES_RETRY_ALARM } from './health.js';
import { createListSync } from './listsync.js';
import { createForgetting } from './forget.js';
import { inboxCounts } from './inbox_index.js';
import { endPass, passes } from './conversations.js';
import { reachOpenTabs } from './content_scripts.js';

// ---- Start-up ----------------------------------------------------------------

// `phases`: when each start-up step ended, for scripts/bench (a figure kept
// in session storage, never sent anywhere).
const phases = { firstLine: performance.now() };  // the worker's own start to its first line: Chromium's part
// The list and its cores: the decider from the stored snapshot at once, the
// list core when a page or an edit needs it (list_owner.js).
const list = createListOwner({
  createDecider,
  async createListCore() {
    const core = await createListCore();
    core.setBlockPage(chrome.runtime.getURL(BLOCK_PAGE));
    return core;
  },
  held: (core, feedIndex, inboxIndex, whole) => saveFeedIndex(core, feedIndex, inboxIndex, whole),
  installRules: (core, rules) => protection.applyRules(core, rules),
  onPhase: (name) => { phases[name] = performance.now(); },
});
// The list owner has asked for the stored snapshot; the decider's wasm is
// handed to the engine now, to compile off this thread while the listeners
// below are registered (~10 ms), not after them.
compileDecider().catch(() => {});  // a failure is met again, and retried, where the decider is made
let ready = false;
list.deciding().then(({ core }) => {
  phases.loaded = performance.now();
  core.decide('https://www.example.com/');
  phases.decided = performance.now();
  ready = true;
  chrome.storage.session.set({ [PERF_COLD_START]: phases.decided, [PERF_START_PHASES]: phases }).catch(() => {});
});
recoverStagedAttempts();  // attempts a stopped worker had not yet written
// Unreadable settings are not "off": Deadbolt protects until they can be read.
let enabled = getSettings().then((s) => s.enabled, () => true);

const engine = {
  loaded: () => list.deciding(),
  full: () => list.full(),
  commit: (edit, options) => list.commit(edit, options),
  enabled: () => enabled,
  setEnabled(on) { enabled = Promise.resolve(on); },
};
const protection = createProtection(engine);
const attempts = createAttempts(engine);
// Between list operations: mid-edit the core holds a list not yet stored (list_owner.js steady()).
const installAll = () => list.steady(({ core }) => protection.applyRules(core));
const forgetting = createForgetting(engine);  // registers its history listener now, when granted
const listSync = createListSync({ rewrite: (change) => list.rewrite(change) });
const health = createHealth({
  steady: (fn) => list.steady(fn), enabled: () => enabled, applyRules: (core) => protection.applyRules(core), verifyDecider: () => list.verifyDecider(),
});

// ---- Listeners -----------------------------------------------------------------

chrome.runtime.onInstalled.addListener(({ reason }) => {
  installAll();
  protection.registerInstances().catch(() => {});
  chrome.alarms?.create(HEALTH_ALARM, { periodInMinutes: 30 });
  if (reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('extension/pages/welcome.html') });
  // Tabs open since before this version: its scripts, now (content_scripts.js).
  if (reason === 'install' || reason === 'update') reachOpenTabs().catch(() => {});
  // An earlier version kept their reasons and support person in storage.sync: copied to this device.
  if (reason === 'update') updateSettings(() => {}).catch(() => {});
});
chrome.runtime.onStartup.addListener(() => {
  installAll();
  protection.registerInstances().catch(() => {});
  chrome.alarms?.create(HEALTH_ALARM, { periodInMinutes: 30 });
});
chrome.storage.onChanged.addListener((changes, area) => {
  // Another device changed the synced list (this worker's own writes are
  // known by their generation), or turned Deadbolt on or off.
  list.storageChanged(changes, area);
  if (area === 'sync' && changes.settings) protection.enabledElsewhere(changes.settings.newValue?.enabled ?? true);
  if (area === 'sync' && changes.settings) protection.instancesChanged(changes.settings.oldValue, changes.settings.newValue).catch(() => {});
});
// Site access granted or withheld (Chromium's "On click", Firefox's per-site
// access): the rules follow, block rules where a redirect would be dropped.
const rulesFollowAccess = () => installAll().then(() => health.check());
chrome.permissions?.onAdded?.addListener(rulesFollowAccess);
chrome.permissions?.onAdded?.addListener(() => forgetting.listen());
chrome.permissions?.onRemoved?.addListener(rulesFollowAccess);
chrome.alarms?.onAlarm.addListener((alarm) => {
  // A due change may turn Deadbolt off: the check notes when, at once.
  if (alarm.name.startsWith('pending:')) Promise.resolve(protection.applyDue()).then(() => health.check()).catch(() => {});
  if (alarm.name === HEALTH_ALARM || alarm.name === RULES_RETRY_ALARM) health.check();
  if (alarm.name === 'inbox-pass-end') endPass();
});

const navigations = listenToNavigations({
  // A sealed conversation opened on purpose, after its cool-down, passes for a few minutes.
  decide: async (url) => {
    const verdict = await attempts.decide(url);
    return verdict && (await passes(verdict)) ? null : verdict;
  },
  onBlocked: attempts.logBlocked,
  afterBlocked: (url) => forgetting.blocked(url),
  stage: {
    begin: (url, t, tabId) => (ready ? null : stageNavigation(url, t, tabId)),
    end: unstageNavigation,
  },
});

list.deciding().then(() => attempts.recoverStaged());
list.deciding().then(() => protection.applyDue());

// ---- Messages from Deadbolt's own pages --------------------------------------

const routes = {
  blockPage: ({ url, report }, sender) => attempts.blockPage(url, sender.tab?.id, report === true, navigations.settled),
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
  addName: (m) => protection.addName(m),
  requestRemoval: (m) => protection.requestRemoval(m),
  setCoparent: (m) => protection.setCoparent(m),
  setFeeds: (m) => protection.setFeeds(m),
  feedCounts: () => feedCounts(),
  inboxCounts: () => inboxCounts(),
  openState: (m) => protection.openState(m),
  requestOpen: (m) => protection.requestOpen(m),
  openConversation: (m) => protection.openConversation(m),
  recordContact: () => attempts.recordContact(),
  coparentChannels: () => attempts.coparentChannels(),
  cancelPending: (m) => protection.cancelPending(m),
  readInstance: (m) => protection.readInstance(m),
  addInstance: (m) => protection.addInstance(m),
  removeInstance: (m) => protection.removeInstance(m),
  updateSettings: (m) => protection.updateSettings(m),
  previewImport: (m) => protection.previewImport(m),
  importList: (m) => protection.importList(m),
  exportList: () => protection.exportList(),
  unreadableLists: () => protection.unreadableLists(),
  saveLetter: ({ text, endsDraft }) => keepLetter(text, { endsDraft: endsDraft === true }),
  letters: async () => ({ letters: await getLetters() }),
  letterDraft: () => getDraft(),
  setLetterDraft: ({ text, epoch }) => setDraft(text, epoch),
  deleteLetter: ({ id }) => deleteLetter(String(id)).then(() => ({ ok: true })),
  deletePrivateData: ({ letters, log }) => deletePrivateData({ letters: !!letters, log: !!log }).then(() => ({ ok: true })),
  incognito: async () => ({ allowed: await chrome.extension.isAllowedIncognitoAccess() }),
  health: () => health.check(),
  listSync: () => listSync.status(),
  setListSync: (m) => listSync.set(m),
  forgetHistory: () => forgetting.status(),
  setForgetHistory: (m) => forgetting.set(m),
};

// The in-app guard (content/guard.js) reports a trusted activation it
// stopped: the one message a content script sends. Nothing is answered; the
// URL is decided again here and only the sender's own tab can be sent to the
// block page, so a page that forged it learns and gains nothing.
chrome.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'guardActivation' || !sender.tab || sender.frameId !== 0) return false;
  navigations.activated(sender.tab.id, String(message.url));
  return false;
});

// The feed script (content/feeds.js) hands over its page's user style sheet,
// made by its core: inserted into the sender's own frame only, replacing the
// one it sent before. A page that forged it could restyle only itself.
chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (sender.id !== chrome.runtime.id || message?.type !== 'feedStyle' || !sender.tab) return false;
  styleFrame({ tabId: sender.tab.id, frameIds: [sender.frameId ?? 0] }, String(message.css ?? ''), String(message.previous ?? ''))
    .then(() => reply({ ok: true }), (e) => reply({ error: String(e?.message ?? e) }));
  return true;
});

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only Deadbolt's own pages may ask: no content scripts, no other extension.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return false;
  const route = Object.hasOwn(routes, message?.type) ? routes[message.type] : null;
  if (!route) return false;
  Promise.resolve().then(() => route(message, sender)).then(reply, (e) => reply({ error: String(e?.message ?? e) }));
  return true;
});
