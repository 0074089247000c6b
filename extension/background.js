// The service worker: wiring only. It rebuilds everything on every start —
// MV3 stops idle workers, so nothing may depend on memory surviving.
import { createCore, EMPTY_LIST } from './core.js';
import { appendAttempt, loadList, loadSnapshot, readLog, saveList, saveSnapshot } from './storage.js';
import { installRules, listenToNavigations } from './blocking.js';

let state = start();
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
  return { core, where, problem };
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
  await installRules(core);
}

chrome.runtime.onInstalled.addListener(() => full().then(({ core }) => installRules(core)));
chrome.runtime.onStartup.addListener(() => full().then(({ core }) => installRules(core)));
chrome.storage.onChanged.addListener((changes, area) => {
  // Another device changed the synced list.
  const meta = changes['list.meta'];
  if (area === 'sync' && meta && meta.newValue?.gen !== ownGeneration) reload();
});

listenToNavigations({
  decide: async (url) => {
    const { core } = await state;
    return core.blocks(url) ? core.verdict(url) : null;
  },
  onBlocked: (verdict) =>
    appendAttempt({ t: Date.now(), person: verdict.person, platform: verdict.platform, kind: verdict.kind }),
});

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
    // Saved. The navigation listeners block at once; the rules follow.
    const rules = await installRules(core).catch((e) => ({ error: String(e?.message ?? e) }));
    return { ok: true, where, rules };
  });
  listWrites = write.catch(() => {});
  return write;
}

const today = () => new Date().toDateString();

const handlers = {
  async verdict({ url }) {
    const { core } = await state;
    return core.verdict(String(url));
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
        if (account.url && !account.platform) {
          const read = core.readProfile(account.url);
          account.shown = { platform: read.platform, handle: read.handle };
        }
      }
    }
    return { list, platforms: core.platforms(), where, problem, attempts };
  },
  async readProfile({ text, platform }) {
    const { core } = await state;
    return core.readProfile(String(text ?? ''), String(platform ?? ''));
  },
  async addAccount({ text, platform, person }) {
    const { core } = await full();
    const read = core.readProfile(String(text ?? ''), String(platform ?? ''));
    if (read.error) return { error: read.error };
    const name = String(person ?? '').trim() || chrome.i18n.getMessage('defaultPersonName');
    const list = JSON.parse(core.exportList());
    let entry = list.people.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!entry) list.people.push((entry = { name, keywords: [], accounts: [] }));
    entry.accounts ??= [];
    entry.accounts.push({ platform: read.platform, handle: read.handle, added: new Date().toISOString().slice(0, 10) });
    const result = await commitList(JSON.stringify(list));
    return result.error ? result : { ...result, added: { ...read, person: entry.name } };
  },
  async importList({ text }) {
    return commitList(String(text ?? ''));
  },
  async exportList() {
    const { core } = await full();
    return { text: core.exportList() };
  },
  async stats() {
    const log = await readLog();
    const day = today();
    return { total: log.length, today: log.filter((e) => new Date(e.t).toDateString() === day).length };
  },
  async incognito() {
    return { allowed: await chrome.extension.isAllowedIncognitoAccess() };
  },
};

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // Only Deadbolt's own pages may ask: no content scripts, no other extension.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return false;
  const handler = Object.hasOwn(handlers, message?.type) ? handlers[message.type] : null;
  if (!handler) return false;
  handler(message).then(reply, (e) => reply({ error: String(e?.message ?? e) }));
  return true;
});
