// The list's one owner (extension/list_owner.js) with the real cores and a
// fake chrome.storage that fires storage.onChanged as Chrome does: this
// worker's own edits never reload the list, its memory stays flat, another
// device's change reloads it once, a due removal that could not be stored
// stays due, and an edit is one crossing that answers what the shell stores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installFakeChrome } from './fake_chrome.mjs';
import { makeList } from '../../bench/corpus.mjs';

const chrome = installFakeChrome();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmBinary = fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm'));
const { createDecider, createListCore } = await import('../../extension/core.js');
const { createListOwner } = await import('../../extension/list_owner.js');
const { createProtection } = await import('../../extension/protection.js');
const { saveList } = await import('../../extension/list_storage.js');
const { addPending, getPending } = await import('../../extension/pending.js');
const { createHealth } = await import('../../extension/health.js');

const LIST_1000 = JSON.stringify(makeList(1000));
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A worker's list owner over the fake storage, wired as background.js wires it; and its protection. */
function newWorker() {
  let made = 0;
  const owner = createListOwner({
    createDecider,
    async createListCore() {
      made += 1;
      const core = await createListCore({ wasmBinary });
      core.setBlockPage(chrome.runtime.getURL('extension/pages/blocked.html'));
      return core;
    },
    held: (core, feedIndex, inboxIndex, whole) => protection.saveFeedIndex(core, feedIndex, inboxIndex, whole),
    installRules: (core, rules) => protection.applyRules(core, rules),
  });
  const listener = (changes, area) => owner.storageChanged(changes, area);
  chrome.storage.onChanged.addListener(listener);
  // A worker that stops hears nothing more: another test's writes must not reload its list.
  const free = owner.free;
  owner.free = () => {
    chrome.storage.onChanged.removeListener(listener);
    free();
  };
  const protection = createProtection({
    full: owner.full, commit: owner.commit, loaded: owner.deciding, enabled: async () => true, setEnabled() {},
  });
  return { owner, protection, made: () => made };
}

/** The protection check over a worker's owner and protection, wired as background.js wires it. */
function healthOf(owner, protection) {
  return createHealth({ steady: owner.steady, enabled: async () => true, applyRules: (core) => protection.applyRules(core), verifyDecider: owner.verifyDecider });
}

function freshStorage() {
  for (const a of ['local', 'sync', 'session']) {
    chrome.storage[a].clear();
    chrome.storage[a].failWrites = null;
    chrome.storage[a].failReads = null;
    chrome.storage[a].beforeWrite = null;
  }
}

test('40 edits on this device make no reload, and the list core memory stays flat', async (t) => {
  freshStorage();
  // The list follows sync, so that each edit's own write comes back as a sync event.
  const { LIST_FOLLOWS_SYNC } = await import('../../extension/storage_keys.js');
  await chrome.storage.local.set({ [LIST_FOLLOWS_SYNC]: true });
  const { owner, protection, made } = newWorker();
  assert.equal((await protection.importList({ text: LIST_1000 })).ok, true);
  const { core } = await owner.full();
  const edit = (i) => protection.addAccount({ person: 'Jane', text: `jane_${i}`, platform: 'instagram' });
  for (let i = 0; i < 5; i++) assert.equal((await edit(i)).ok, true);  // warm: the heap reaches its working size
  await settle();
  const before = core.memoryBytes();
  for (let i = 5; i < 45; i++) assert.equal((await edit(i)).ok, true);
  await settle();
  const after = core.memoryBytes();
  t.diagnostic(`list core wasm memory over 40 edits at 1,000 accounts: ${(before / 1048576).toFixed(1)} MB -> ${(after / 1048576).toFixed(1)} MB`);
  assert.equal(owner.counts.reloads, 0, 'this worker took its own writes for another device\'s');
  assert.equal(owner.counts.listLoads, 1, 'the stored list was read once, at the first edit');
  assert.equal(made(), 1, 'one list core, reused: none to leak');
  assert.ok(after - before <= 1 << 20, `memory grew ${after - before} B over 40 edits`);
  assert.equal((await owner.deciding()).core.blocks('https://www.instagram.com/jane_44/'), true, 'decisions follow the edits');
  // Once edits pause, the next start's snapshot is the last stored list's.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const { 'list.snapshot': snapshot, 'list.gen': gen } = await chrome.storage.local.get(['list.snapshot', 'list.gen']);
  assert.equal(snapshot.version, gen);
  const decider = await createDecider();
  assert.equal(decider.loadSnapshot(Uint8Array.from(atob(snapshot.bytes), (c) => c.charCodeAt(0))), true);
  assert.equal(decider.blocks('https://www.instagram.com/jane_44/'), true);
  owner.free();
});

test('a change another device synced reloads the list exactly once', async () => {
  freshStorage();
  // The person keeps the list in step across their browsers (else sync is never read).
  const { LIST_FOLLOWS_SYNC } = await import('../../extension/storage_keys.js');
  await chrome.storage.local.set({ [LIST_FOLLOWS_SYNC]: true });
  const { owner, protection } = newWorker();
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  assert.equal((await owner.deciding()).core.blocks('https://www.instagram.com/samsmith/'), false);
  // Another device's worker writes the next generation (its saveList, not ours).
  await saveList(JSON.stringify({ version: 1, people: [{ name: 'Sam', accounts: [{ platform: 'instagram', handle: 'samsmith' }] }] }));
  await settle();
  assert.equal(owner.counts.reloads, 1);
  const { core: now } = await owner.deciding();
  assert.equal(now.blocks('https://www.instagram.com/samsmith/'), true, 'the synced list is the one decided with');
  assert.equal(now.blocks('https://www.instagram.com/janedoe/'), false);
  assert.match((await owner.full()).core.exportList(), /samsmith/, 'and the one held');
  owner.free();
});

test('a device that keeps its list to itself reloads nothing for sync writes; moving the list into sync reads it once', async () => {
  freshStorage();
  const { LIST_CHUNK_PREFIX, LIST_META } = await import('../../extension/storage_keys.js');
  const { createListSync } = await import('../../extension/listsync.js');
  const { owner, protection } = newWorker();
  const listSync = createListSync({ rewrite: (change) => owner.rewrite(change) });
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  // Another device's list, in sync (what its saveList leaves there).
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}77.0`]: JSON.stringify({ version: 1, people: [{ name: 'Sam', accounts: [{ platform: 'instagram', handle: 'samsmith' }] }] }) });
  await chrome.storage.sync.set({ [LIST_META]: { v: 1, where: 'sync', gen: 77, count: 1 } });
  await settle();
  assert.equal(owner.counts.reloads, 0, 'this device does not read sync for its list');
  // Switched on here: the two lists merged, stored, and read once as stored;
  // the switch's own writes come back as sync events and reload nothing.
  assert.equal((await listSync.set({ on: true })).ok, true);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(owner.counts.reloads, 1);
  const { core } = await owner.deciding();
  assert.equal(core.blocks('https://www.instagram.com/samsmith/'), true, 'the other device\'s list is merged in');
  assert.equal(core.blocks('https://www.instagram.com/janedoe/'), true);
  owner.free();
});

test('a feed index the browser would not store keeps the snapshot back: the next start writes it again', async () => {
  freshStorage();
  const { FEED_INDEX } = await import('../../extension/storage_keys.js');
  const { toBase64 } = await import('../../extension/base64.js');
  const first = newWorker();
  assert.equal((await first.protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  await new Promise((resolve) => setTimeout(resolve, 1100));  // edits paused: indexes and snapshot written
  chrome.storage.local.failWrites = (items) => (FEED_INDEX in items ? new Error('IO error') : null);
  assert.equal((await first.protection.addAccount({ person: 'Sam', text: 'samsmith', platform: 'instagram' })).ok, true);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  chrome.storage.local.failWrites = null;
  const { 'list.snapshot': snapshot, 'list.gen': gen } = await chrome.storage.local.get(['list.snapshot', 'list.gen']);
  assert.notEqual(snapshot.version, gen, 'no snapshot of a list whose feed index was not stored');
  first.owner.free();
  // The next start finds no snapshot of the list as stored: it reads the list, and writes the indexes.
  const next = newWorker();
  const { core } = await next.owner.full();
  await settle();
  const stored = (await chrome.storage.local.get(FEED_INDEX))[FEED_INDEX];
  assert.equal(stored.snapshot, toBase64(core.feedIndex()), 'the feed index is the stored list\'s, Sam included');
  next.owner.free();
});

test('a conversation asked for opens once when its wait is over, even while a change due beside it cannot be stored', async () => {
  freshStorage();
  chrome.declarativeNetRequest.updateSessionRules ??= async () => {};  // the opened conversation's allow rule
  const { owner, protection } = newWorker();
  const list = { version: 1, people: [{ name: 'Jane', accounts: [{ platform: 'phone', handle: '+447700900123' },
    { platform: 'instagram', handle: 'janedoe' }, { platform: 'instagram', handle: 'jane_alt' }] }] };
  assert.equal((await protection.importList({ text: JSON.stringify(list) })).ok, true);
  const url = 'https://wa.me/447700900123';
  const v = (await owner.deciding()).core.decide(url);
  const { core } = await owner.full();
  const plan = core.planRemoval({ kind: 'remove-account', person: 'Jane', key: core.listRows([], [])[0].accounts.find((a) => a.handle === 'jane_alt').key });
  assert.ok(!plan.error, JSON.stringify(plan));
  await addPending([{ kind: 'open-conversation', person: v.person, platform: v.platform, platformName: v.platformName, url }, plan.change], 0, Date.now() - 1000);
  chrome.storage.local.failWrites = (items) => ('list.backup' in items ? new Error('QUOTA_BYTES quota exceeded') : null);
  const opened = [];
  for (let round = 0; round < 3; round++) {  // the minute's retries
    await protection.applyDue().catch(() => {});
    opened.push((await protection.openConversation({ url })).ok === true);
  }
  chrome.storage.local.failWrites = null;
  assert.deepEqual(opened, [true, false, false], 'opened once, not again at each retry');
  assert.equal((await getPending()).length, 1, 'the removal stays due');
  owner.free();
});

test('a synced list whose chunks arrive after its pointer is read again when they land', async () => {
  freshStorage();
  const { LIST_CHUNK_PREFIX, LIST_FOLLOWS_SYNC, LIST_META } = await import('../../extension/storage_keys.js');
  await chrome.storage.local.set({ [LIST_FOLLOWS_SYNC]: true });
  const { owner, protection } = newWorker();
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  // Another device's write reaches this one pointer first, its two chunks later (sync promises no order).
  const theirs = JSON.stringify({ version: 1, people: [
    { name: 'Jane', accounts: [{ platform: 'instagram', handle: 'janedoe' }] },
    { name: 'Kim', accounts: [{ platform: 'instagram', handle: 'kimlee' }] }] });
  const half = Math.floor(theirs.length / 2);
  await chrome.storage.sync.set({ [LIST_META]: { v: 1, where: 'sync', gen: 7777, count: 2 } });
  await settle();
  let { core } = await owner.deciding();
  assert.equal(core.blocks('https://www.instagram.com/kimlee/'), false, 'not whole yet: this device keeps its own copy');
  assert.equal(core.blocks('https://www.instagram.com/janedoe/'), true);
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}7777.0`]: theirs.slice(0, half) });
  await settle();
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}7777.1`]: theirs.slice(half) });
  await settle();
  await owner.steady(() => {});  // after the list operations the chunks queued
  ({ core } = await owner.deciding());
  assert.equal(core.blocks('https://www.instagram.com/kimlee/'), true, 'read again once whole: the synced list is decided with');
  // Whole now: a later chunk write of another generation reloads nothing.
  const reloads = owner.counts.reloads;
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}7777.1`]: theirs.slice(half) });
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}1.0`]: 'x' });
  await settle();
  await owner.steady(() => {});
  assert.equal(owner.counts.reloads, reloads);
  owner.free();
});

test('an account added while sync refused writes stays listed when another device writes next: the lists are merged', async () => {
  freshStorage();
  const { LIST_CHUNK_PREFIX, LIST_FOLLOWS_SYNC, LIST_META } = await import('../../extension/storage_keys.js');
  await chrome.storage.local.set({ [LIST_FOLLOWS_SYNC]: true });
  const { owner, protection } = newWorker();
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  // storage.sync refuses writes for a while (its write limits): Sam is stored on this device only.
  const { set, remove } = chrome.storage.sync;
  chrome.storage.sync.set = async () => { throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'); };
  chrome.storage.sync.remove = chrome.storage.sync.set;
  try {
    const added = await protection.addAccount({ person: 'Sam', text: 'samsmith', platform: 'instagram' });
    assert.equal(added.ok, true);
    assert.equal(added.where.where, 'local');
  } finally {
    Object.assign(chrome.storage.sync, { set, remove });
  }
  // Another device, which never saw Sam, writes its list.
  const theirs = { version: 1, people: [
    { name: 'Jane', accounts: [{ platform: 'instagram', handle: 'janedoe' }] },
    { name: 'Kim', accounts: [{ platform: 'instagram', handle: 'kimlee' }] }] };
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}9999.0`]: JSON.stringify(theirs) });
  await chrome.storage.sync.set({ [LIST_META]: { v: 1, where: 'sync', gen: 9999, count: 1 } });
  await settle();
  const { core } = await owner.deciding();
  for (const handle of ['janedoe', 'samsmith', 'kimlee']) assert.equal(core.blocks(`https://www.instagram.com/${handle}/`), true, handle);
  // Stored so, for every device: sync holds the merged list now.
  const meta = (await chrome.storage.sync.get(LIST_META))[LIST_META];
  assert.notEqual(meta.gen, 9999);
  const synced = (await chrome.storage.sync.get(`${LIST_CHUNK_PREFIX}${meta.gen}.0`))[`${LIST_CHUNK_PREFIX}${meta.gen}.0`];
  assert.match(synced, /samsmith/);
  assert.match(synced, /kimlee/);
  owner.free();
});

test('a due removal whose list cannot be stored stays due and is applied on the retry', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  await addPending([{ kind: 'remove-person', person: 'Jane' }], 0);
  chrome.storage.local.failWrites = (items) => ('list.backup' in items ? new Error('QUOTA_BYTES quota exceeded') : null);
  await assert.rejects(protection.applyDue());
  assert.equal((await getPending()).length, 1, 'still due');
  await new Promise((resolve) => setTimeout(resolve, 1100));  // edits paused: the snapshot is written
  const { 'list.snapshot': snapshot, 'list.gen': gen } = await chrome.storage.local.get(['list.snapshot', 'list.gen']);
  assert.equal(snapshot?.version, gen, 'the snapshot is the stored list\'s, not the one that was not stored');
  assert.ok(chrome.alarmsCreated.some((a) => a.name === 'pending:retry'), 'a retry is set');
  const decides = async (url) => (await owner.deciding()).core.blocks(url);
  assert.equal(await decides('https://www.instagram.com/janedoe/'), true, 'the list decided with is the one stored');
  chrome.storage.local.failWrites = null;
  await protection.applyDue();
  assert.deepEqual(await getPending(), []);
  assert.equal(await decides('https://www.instagram.com/janedoe/'), false);
  owner.free();
});

const BLOCK_PAGE = 'chrome-extension://deadbolt/extension/pages/blocked.html';
// Rules without their ids, in a set: what a rule does.
const ruleContent = (rules) => rules.map(({ id: _id, ...rule }) => JSON.stringify(rule)).sort();

test('an edit is one crossing: the core answers the list, its snapshot, the feed index and its rules\' change', async () => {
  const core = await createListCore({ wasmBinary });
  core.setBlockPage(BLOCK_PAGE);
  const imported = core.importList(LIST_1000);
  assert.equal(imported.added.length > 1000, true);
  const before = core.rules(BLOCK_PAGE);  // the whole set, as installed
  const result = core.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram', today: '2026-12-04' });
  assert.equal(result.changed, true);
  assert.ok(result.snapshot instanceof Uint8Array && result.feedIndex instanceof Uint8Array);
  assert.equal(result.rules.from, before.version, 'the change is from the set handed out last');
  assert.equal(result.rules.rules, undefined, 'an edit does not answer the whole set');
  // The list re-indexed in place decides exactly as the same list parsed afresh.
  const fresh = await createListCore({ wasmBinary });
  assert.equal(fresh.load(result.list), null);
  assert.deepEqual(fresh.snapshot(), result.snapshot);
  assert.deepEqual(fresh.feedIndex(), result.feedIndex);
  // The change applied to the set before is the new list's whole set.
  const after = new Map(before.rules.map((r) => [r.id, r]));
  for (const id of result.rules.removeRuleIds) after.delete(id);
  for (const r of result.rules.addRules) after.set(r.id, r);
  assert.deepEqual(ruleContent([...after.values()]), ruleContent(fresh.rules(BLOCK_PAGE).rules));
  assert.equal(result.rules.covered, fresh.rules(BLOCK_PAGE).covered);
  // Everyone hidden in feeds: the feed index is the snapshot, not a second index built.
  assert.deepEqual(result.feedIndex, result.snapshot);
  const off = core.applyChanges([{ kind: 'feeds-off', person: 'Jane' }]);
  assert.equal(off.changed, true);
  assert.notDeepEqual(off.feedIndex, off.snapshot, 'someone shown in feeds: the feed index leaves them out');
  const shown = await createDecider();
  assert.equal(shown.loadSnapshot(off.snapshot), true);
  assert.equal(shown.blocks('https://www.instagram.com/janedoe/'), true, 'still blocked as a page');
  // Refused: nothing but the reason, and the list held is unchanged.
  const again = core.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram', today: '2026-12-04' });
  assert.equal(again.errorCode, 'already-listed');
  assert.equal(again.list, undefined);
  // undo(): the list before the last edit is back.
  core.addPerson('Sam');
  core.undo();
  assert.equal(JSON.parse(core.exportList()).people.some((p) => p.name === 'Sam'), false);
  core.free();
  fresh.free();
});

test('a rule keeps its id wherever it lands: an account added to the first person changes its own rules alone', async () => {
  const core = await createListCore({ wasmBinary });
  core.setBlockPage(BLOCK_PAGE);
  core.importList(JSON.stringify(makeList(100)));
  const before = core.rules(BLOCK_PAGE);
  const first = JSON.parse(core.exportList()).people[0].name;
  const result = core.addAccount({ person: first, text: 'janedoe', platform: 'instagram', today: '2026-12-04' });
  const { removeRuleIds, addRules } = result.rules;
  // Its rules come before every other person's: numbered in order, every id after them would move.
  assert.ok(addRules.length >= 1 && addRules.length <= 10, `${addRules.length} rules added`);
  assert.deepEqual(removeRuleIds, [], 'no rule of anyone else was replaced');
  const ids = new Set(before.rules.map((r) => r.id));
  assert.ok(addRules.every((r) => !ids.has(r.id)), 'new rules take ids no installed rule has');
  core.free();
});

test('an edit asks the browser only about regexes it has not checked, and changes only the rules that changed', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  assert.equal((await protection.importList({ text: LIST_1000 })).ok, true);
  const first = chrome.declarativeNetRequest.regexChecks;
  chrome.declarativeNetRequest.lastUpdate = { removed: 0, added: 0 };
  assert.ok(first > 100, `${first} checks for the whole list`);
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  await owner.settled();
  const perEdit = chrome.declarativeNetRequest.regexChecks - first;
  assert.ok(perEdit <= 2, `${perEdit} isRegexSupported calls for one added account`);
  const { removed, added } = chrome.declarativeNetRequest.lastUpdate;
  assert.ok(removed + added <= 4, `one added account replaced ${removed} rules with ${added}`);
  const installed = chrome.declarativeNetRequest.rules;
  const { core } = await owner.full();
  assert.deepEqual(ruleContent(installed), ruleContent(core.rules(BLOCK_PAGE).rules), 'the rules installed are the list\'s');
  owner.free();
});

test('a burst of edits is answered before its rules land, and installed in few updates that end as the list\'s rules', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  assert.equal((await protection.importList({ text: LIST_1000 })).ok, true);
  const updates = chrome.declarativeNetRequest.updates;
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) =>
    protection.addAccount({ person: `Person ${i % 3}`, text: `burst_${i}`, platform: 'x' })));
  assert.ok(answers.every((a) => a.ok && a.rules === undefined), 'answered without waiting for the rules');
  await owner.settled();
  const used = chrome.declarativeNetRequest.updates - updates;
  assert.ok(used >= 1 && used < 10, `${used} rule updates for 10 edits`);
  const { core } = await owner.full();
  assert.deepEqual(ruleContent(chrome.declarativeNetRequest.rules), ruleContent(core.rules(BLOCK_PAGE).rules));
  owner.free();
});

test('the two kinds of core cannot be confused: no rules from a decider, no snapshot into a list core', async () => {
  const decider = await createDecider();
  const core = await createListCore({ wasmBinary });
  assert.equal(typeof decider.rules, 'undefined');
  assert.equal(typeof decider.addAccount, 'undefined');
  assert.equal(typeof core.loadSnapshot, 'undefined');
  // A new list core holds the empty list, not an empty index: its rules are the empty list's.
  assert.deepEqual(core.rules('x').rules, []);
  assert.equal(core.load(JSON.stringify(makeList(10))), null);
  assert.ok(core.rules('x').rules.length > 0);
  core.free();
});

test('decisions follow the list held: a decider holding another list is found by the check and given the list again', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  assert.deepEqual(await owner.verifyDecider(), { ok: true, repaired: false }, 'after an edit the decider holds its list');
  // As if the decider had refused the edit's snapshot and kept an older list.
  const { core: decider } = await owner.deciding();
  const other = await createListCore({ wasmBinary });
  assert.equal(other.load(JSON.stringify({ version: 1, people: [{ name: 'Sam', accounts: [{ platform: 'instagram', handle: 'samsmith' }] }] })), null);
  assert.equal(decider.loadSnapshot(other.snapshot()), true);
  other.free();
  assert.equal(decider.blocks('https://www.instagram.com/janedoe/'), false, 'the decider no longer follows the list');
  assert.deepEqual(await owner.verifyDecider(), { ok: true, repaired: true });
  assert.equal(decider.blocks('https://www.instagram.com/janedoe/'), true, 'given the list again');
  assert.equal(decider.blocks('https://www.instagram.com/samsmith/'), false);
  assert.deepEqual(await owner.verifyDecider(), { ok: true, repaired: false });
  owner.free();
});

test('a start whose storage reads the browser refuses is made again: decisions follow the stored list, not nothing', async () => {
  freshStorage();
  // A list stored, with its snapshot, by an earlier worker.
  const earlier = newWorker();
  assert.equal((await earlier.protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  await earlier.owner.settled();
  earlier.owner.free();
  // The next worker's first reads are refused, as Firefox refuses some while an event page starts.
  let refusals = 3;
  chrome.storage.local.failReads = () => (refusals-- > 0 ? new Error('An unexpected error occurred') : null);
  const { owner } = newWorker();
  const { core } = await owner.deciding();
  assert.equal(refusals < 0, true, 'every refusal was met');
  assert.equal(core.blocks('https://www.instagram.com/janedoe/'), true, 'decided with the stored list');
  // Every try refused: the next caller starts again, once the browser answers.
  chrome.storage.local.failReads = () => new Error('An unexpected error occurred');
  const broken = newWorker();
  const failed = await broken.owner.deciding().then(() => null, (e) => e);
  assert.match(String(failed), /unexpected error/, 'a start that cannot read says so, never decides with an empty list');
  chrome.storage.local.failReads = null;
  assert.equal((await broken.owner.deciding()).core.blocks('https://www.instagram.com/janedoe/'), true);
  assert.match((await broken.owner.full()).core.exportList(), /janedoe/);
  owner.free();
  broken.owner.free();
});

// A list this build cannot read (a newer Deadbolt's platform, a damaged
// copy) is still the person's: the first edit must not write over it.
const NEWER_BUILDS_LIST = JSON.stringify({
  version: 1,
  people: [{ name: 'Sam', accounts: [{ platform: 'instagram', handle: 'samsmith' }, { platform: 'a-platform-of-2030', handle: 'sam' }] }],
});

test('a stored list the core cannot read is kept aside before the first edit writes over it', async () => {
  freshStorage();
  await chrome.storage.local.set({ 'list.backup': NEWER_BUILDS_LIST, 'list.followsSync': false });
  const { owner, protection } = newWorker();
  const shown = await protection.list();
  assert.match(shown.problem, /problemUnreadable/, 'the settings page says it could not be read');
  assert.equal(shown.unreadable, 1, 'and that a copy is kept');
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  const { lists } = await protection.unreadableLists();
  assert.deepEqual(lists.map((l) => [l.text, l.from]), [[NEWER_BUILDS_LIST, 'device']], 'the unread list is kept, whole');
  assert.match(lists[0].error, /a-platform-of-2030/, 'with why it was refused');
  const { 'list.backup': backup } = await chrome.storage.local.get('list.backup');
  assert.match(backup, /janedoe/, 'the edit is stored');
  owner.free();
  // A worker started again keeps one copy, not two.
  const again = newWorker();
  await again.owner.full();
  assert.equal((await again.protection.unreadableLists()).lists.length, 1);
  again.owner.free();
});

test('a synced list from a newer build is kept aside when this device falls back to its own copy', async () => {
  freshStorage();
  const { owner } = newWorker();
  await owner.full();
  await saveList(JSON.stringify({ version: 1, people: [{ name: 'Jane', accounts: [{ platform: 'instagram', handle: 'janedoe' }] }] }));
  await chrome.storage.local.set({ 'list.followsSync': true });
  await chrome.storage.sync.set({ 'list.meta': { v: 1, where: 'sync', gen: 9001, count: 1 }, 'list.chunk.9001.0': NEWER_BUILDS_LIST });
  owner.free();
  const { owner: next, protection } = newWorker();
  const shown = await protection.list();
  assert.match(shown.problem, /problemSyncDamaged/);
  assert.equal(shown.where, 'local');
  assert.deepEqual((await protection.unreadableLists()).lists.map((l) => l.from), ['sync']);
  next.free();
});

test('a stored list this build cannot read is said by the protection check, not only on the settings page', async () => {
  freshStorage();
  await chrome.storage.local.set({ 'list.backup': NEWER_BUILDS_LIST, 'list.followsSync': false });
  const { owner, protection } = newWorker();
  const health = healthOf(owner, protection);
  const { problems } = await health.check();
  assert.ok(problems.some((p) => p.kind === 'listUnreadable'), JSON.stringify(problems));
  // Read again, after an edit made a list this build can read: no longer said.
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  assert.ok(!(await health.check()).problems.some((p) => p.kind === 'listUnreadable'));
  owner.free();
});

test('a protection check while an edit is being stored does not take the edit\'s coming rules for rules removed', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  const health = healthOf(owner, protection);
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' })).ok, true);
  await owner.settled();
  assert.ok(!(await health.check()).problems.some((p) => p.kind === 'rulesRepaired'), 'the rules are sound before');
  // The next edit's list write waits on a slow disk: the list core already holds the new list.
  let release;
  const slowDisk = new Promise((resolve) => { release = resolve; });
  let writing;
  const reached = new Promise((resolve) => { writing = resolve; });
  chrome.storage.local.beforeWrite = (items) => {
    if (!('list.backup' in items)) return undefined;
    writing();
    return slowDisk;
  };
  const edit = protection.addAccount({ person: 'Sam', text: 'samsmith', platform: 'instagram' });
  await reached;
  const checked = health.check();
  await settle();
  release();
  assert.equal((await edit).ok, true);
  const { problems, history } = await checked;
  assert.ok(!problems.some((p) => p.kind === 'rulesRepaired'), JSON.stringify(problems));
  assert.deepEqual(history.filter((p) => p.kind === 'rules'), [], 'no repair in the history');
  await owner.settled();
  const regexes = chrome.declarativeNetRequest.rules.map((r) => r.condition.regexFilter ?? '').join(' ');
  assert.match(regexes, /samsmith/, 'and the edit\'s rules are installed');
  owner.free();
});

test('rules the browser refused after an edit: a protection check is due a minute later, and it puts them back', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  const health = healthOf(owner, protection);
  await health.check();  // whatever an earlier test left installed: put right first
  chrome.alarmsCreated.length = 0;
  chrome.declarativeNetRequest.failUpdates = () => new Error('Internal error while updating dynamic rules.');
  assert.equal((await protection.addAccount({ person: 'Jane', text: 'janedoe_refused', platform: 'instagram' })).ok, true, 'the edit is stored');
  await owner.settled();
  chrome.declarativeNetRequest.failUpdates = null;
  const has = () => chrome.declarativeNetRequest.rules.some((r) => (r.condition.regexFilter ?? '').includes('janedoe_refused'));
  assert.equal(has(), false, 'the browser took none');
  assert.deepEqual(chrome.alarmsCreated.filter((a) => a.name === 'health:rules').map((a) => a.delayInMinutes), [1], 'a check is due in a minute');
  // The alarm's check (background.js runs health.check()): the rules are put back.
  assert.ok((await health.check()).problems.some((p) => p.kind === 'rulesRepaired'));
  assert.equal(has(), true);
  owner.free();
});

test('the same removal asked twice, or by two pages at once, waits once and is not restarted', async () => {
  freshStorage();
  chrome.alarmsCreated.length = 0;
  const jane = { kind: 'remove-person', person: 'Jane' };
  const [first] = await addPending([jane], 24, 1000);
  const [again] = await addPending([{ person: 'Jane', kind: 'remove-person' }], 24, 5000);
  assert.equal(again.id, first.id, 'the waiting one is answered');
  assert.equal(again.dueAt, first.dueAt, 'due when it was');
  const both = await Promise.all([addPending([{ kind: 'remove-person', person: 'Sam' }], 24), addPending([{ kind: 'remove-person', person: 'Sam' }], 24)]);
  assert.equal(both[0][0].id, both[1][0].id);
  // Another change, or the same kind for someone else, is its own.
  await addPending([{ kind: 'cooldown', value: 48 }, { kind: 'cooldown', value: 72 }], 24);
  const pending = await getPending();
  assert.deepEqual(pending.map((p) => p.person ?? p.value), ['Jane', 'Sam', 48, 72]);
  const alarms = chrome.alarmsCreated.filter((a) => a.name.startsWith('pending:'));
  assert.equal(new Set(alarms.map((a) => a.name)).size, 4, 'one alarm each');
  // Asked again, the waiting one's alarm is set again, for when it was due (a dropped alarm comes back).
  assert.deepEqual(alarms.filter((a) => a.name === `pending:${first.id}`).map((a) => a.when), [first.dueAt, first.dueAt]);
});

test('when a list it cannot read cannot be kept aside either, edits are refused and nothing is written', async () => {
  freshStorage();
  await chrome.storage.local.set({ 'list.backup': NEWER_BUILDS_LIST, 'list.followsSync': false });
  chrome.storage.local.failWrites = (items) => ('list.unreadable' in items ? new Error('QUOTA_BYTES quota exceeded') : null);
  const { owner, protection } = newWorker();
  const result = await protection.addAccount({ person: 'Jane', text: 'janedoe', platform: 'instagram' });
  assert.match(result.error, /listNotKeptAside/);
  const { 'list.backup': backup } = await chrome.storage.local.get('list.backup');
  assert.equal(backup, NEWER_BUILDS_LIST, 'the stored list is untouched');
  owner.free();
});

test('the feed index says whether it is the whole list: someone added whose posts stay shown makes it not', async () => {
  freshStorage();
  const { owner, protection } = newWorker();
  const index = async () => (await chrome.storage.local.get('feeds.index'))['feeds.index'];
  const jane = { name: 'Jane', accounts: [{ platform: 'instagram', handle: 'janedoe' }] };
  assert.equal((await protection.importList({ text: JSON.stringify({ version: 1, people: [jane] }) })).ok, true);
  await owner.settled();
  const first = await index();
  assert.equal(first.whole, true, 'everyone\'s posts hidden: the feed index is the whole list');
  // Someone whose posts stay shown: the list changes, the feed index's bytes do not.
  const sam = { name: 'Sam', feeds: false, accounts: [{ platform: 'instagram', handle: 'sam_w' }] };
  assert.equal((await protection.importList({ text: JSON.stringify({ version: 1, people: [jane, sam] }) })).ok, true);
  await owner.settled();
  const second = await index();
  assert.equal(second.snapshot, first.snapshot, 'the same feed list');
  assert.equal(second.whole, false, 'no longer the whole list: the guard must not decide with it');
  owner.free();
});
