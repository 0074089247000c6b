// The names a person is saved under, through the worker's own modules (list
// owner, protection, core.js) over the real cores and a fake chrome.storage:
// adding one is one crossing that rewrites the inbox index (which alone
// changes), removing one waits out the cool-down and is applied when due.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installFakeChrome } from './fake_chrome.mjs';

const chrome = installFakeChrome();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const wasmBinary = fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm'));
const { createDecider, createListCore } = await import('../../extension/core.js');
const { createListOwner } = await import('../../extension/list_owner.js');
const { createProtection } = await import('../../extension/protection.js');
const { getPending } = await import('../../extension/pending.js');
const { FEED_INDEX, INBOX_INDEX, PENDING } = await import('../../extension/storage_keys.js');

const LIST = JSON.stringify({
  version: 1,
  people: [{ name: 'Jane Doe', keywords: ['Jane Doe'], accounts: [{ platform: 'instagram', handle: 'janedoe' }] }],
});

/** The inbox script's view: the stored inbox index in a decider; who a shown name names (-1: no one). */
async function inboxNames() {
  const { [INBOX_INDEX]: stored } = await chrome.storage.local.get(INBOX_INDEX);
  const decider = await createDecider();
  assert.equal(decider.loadInboxIndex(Uint8Array.from(atob(stored.snapshot), (c) => c.charCodeAt(0))), true);
  return (name) => decider.inboxTextPerson(name);
}

test('a saved name: added at once with the inbox index, removed through the cool-down', async () => {
  for (const a of ['local', 'sync', 'session']) chrome.storage[a].clear();
  const owner = createListOwner({
    createDecider,
    createListCore: async () => createListCore({ wasmBinary }),
    held: (core, feedIndex, inboxIndex) => protection.saveFeedIndex(core, feedIndex, inboxIndex),
    installRules: (core, rules) => protection.applyRules(core, rules),
  });
  const protection = createProtection({ full: owner.full, commit: owner.commit, enabled: async () => true, setEnabled() {} });
  assert.equal((await protection.importList({ text: LIST })).ok, true);
  await owner.settled();  // the edit's copies (indexes, snapshot) are written
  assert.equal((await inboxNames())('Janey'), -1);
  const feedBefore = (await chrome.storage.local.get(FEED_INDEX))[FEED_INDEX];

  const added = await protection.addName({ person: 'jane doe', name: ' Janey ' });
  assert.equal(added.ok, true);
  assert.equal(added.changed, true);
  assert.equal(added.inboxIndex, undefined, 'the page gets the answer without the binaries');
  await owner.settled();  // the edit's copies (indexes, snapshot) are written
  assert.equal((await inboxNames())('Janey'), 0, 'the inbox index was rewritten with the name');
  assert.deepEqual((await chrome.storage.local.get(FEED_INDEX))[FEED_INDEX], feedBefore, 'feeds do not use saved names');

  assert.equal((await protection.addName({ person: 'Jane Doe', name: 'JANEY' })).changed, false, 'already there');
  assert.equal((await protection.addName({ person: 'Jane Doe', name: ' ... ' })).errorCode, 'saved-name-empty');
  assert.equal((await protection.addName({ person: 'Sam', name: 'Sammy' })).errorCode, 'person-missing');

  const asked = await protection.requestRemoval({ change: { kind: 'remove-name', person: 'Jane Doe', name: 'Janey' } });
  assert.equal(asked.pending.kind, 'remove-name');
  assert.ok(asked.pending.dueAt - Date.now() >= 23 * 3600_000, 'it waits out the cool-down');
  const shown = await protection.list();
  assert.deepEqual(shown.people[0].names, [{ text: 'Janey', removalPending: true }]);
  assert.deepEqual(shown.list.people[0].names, ['Janey'], 'not removed yet');
  await protection.applyDue();
  assert.equal((await getPending()).length, 1, 'not due yet: still waiting');
  assert.equal((await protection.requestRemoval({ change: { kind: 'remove-name', person: 'Jane Doe', name: 'Jay' } })).errorCode,
    'saved-name-missing');

  // Its cool-down over (the waiting removal made due now), it is applied, and the inbox index follows.
  await chrome.storage.local.set({ [PENDING]: (await getPending()).map((p) => ({ ...p, dueAt: Date.now() - 1 })) });
  await protection.applyDue();
  await owner.settled();  // the edit's copies (indexes, snapshot) are written
  assert.deepEqual((await protection.list()).list.people[0].names ?? [], []);
  assert.equal((await inboxNames())('Janey'), -1);
  owner.free();
});

test('an edit\'s inbox index is the one a core holding the new list makes, with saved names and without', async () => {
  const core = await createListCore({ wasmBinary });
  const fresh = await createListCore({ wasmBinary });
  const same = (result) => {
    assert.equal(fresh.load(result.list), null);
    assert.deepEqual(result.inboxIndex, fresh.inboxIndex());
  };
  const imported = core.importList(LIST);
  same(imported);
  const named = core.addName('Jane Doe', 'Janey');
  same(named);
  assert.notDeepEqual(named.inboxIndex, imported.inboxIndex);
  assert.deepEqual(named.feedIndex, imported.feedIndex, 'the feed index does not change with a saved name');
  same(core.addKeyword('Jane Doe', 'J Doe'));
  core.free();
  fresh.free();
});
