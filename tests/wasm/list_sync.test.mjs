// The list in storage.sync (extension/list_storage.js), where other devices
// and the browser's own limits write too: an edit answered as saved is not
// undone at the next start when sync refused it, and a synced list this
// build cannot read is never written over from here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake_chrome.mjs';

const chrome = installFakeChrome();
const { loadList, saveList } = await import('../../extension/list_storage.js');
const { LIST_BACKUP, LIST_CHUNK_PREFIX, LIST_FOLLOWS_SYNC, LIST_META } = await import('../../extension/storage_keys.js');

const list = (name) => JSON.stringify({ version: 1, people: [{ name, accounts: [{ platform: 'instagram', handle: name.toLowerCase() }] }] });
const acceptAll = () => null;

/** What another device's saveList leaves in sync: its chunk and the meta item pointing at it. */
async function writtenElsewhere(text, gen) {
  await chrome.storage.sync.set({ [`${LIST_CHUNK_PREFIX}${gen}.0`]: text });
  await chrome.storage.sync.set({ [LIST_META]: { v: 1, where: 'sync', gen, count: 1 } });
}

function fresh() {
  chrome.storage.local.clear();
  chrome.storage.sync.clear();
  return chrome.storage.local.set({ [LIST_FOLLOWS_SYNC]: true });
}

test('an edit whose sync write was refused (its write limits) is not undone at the next start', async () => {
  await fresh();
  assert.equal((await saveList(list('Jane'))).where, 'sync');
  // storage.sync refuses every write now, the fallback meta item too.
  const set = chrome.storage.sync.set;
  const remove = chrome.storage.sync.remove;
  chrome.storage.sync.set = async () => { throw new Error('MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded'); };
  chrome.storage.sync.remove = chrome.storage.sync.set;
  try {
    const saved = await saveList(list('Sam'));
    assert.equal(saved.where, 'local');
  } finally {
    chrome.storage.sync.set = set;
    chrome.storage.sync.remove = remove;
  }
  assert.equal((await chrome.storage.sync.get(LIST_META))[LIST_META].where, 'sync', 'sync still points at the older list');
  const read = await loadList(acceptAll);
  assert.equal(read.text, list('Sam'), 'the edit answered as saved');
  // Another device writes after: its list is read, and this device's own,
  // never synced, is handed over beside it to be merged (list_owner.js), the
  // local copy left as it was until the merge is stored.
  await writtenElsewhere(list('Kim'), 4242);
  const parted = await loadList(acceptAll);
  assert.equal(parted.text, list('Kim'));
  assert.equal(parted.unsynced, list('Sam'));
  assert.equal((await chrome.storage.local.get(LIST_BACKUP))[LIST_BACKUP], list('Sam'));
});

test('a synced list this build cannot read is not written over from here until it can be read', async () => {
  await fresh();
  const newer = JSON.stringify({ version: 1, people: [{ name: 'Jane', accounts: [{ platform: 'newplatform', handle: 'jane' }] }] });
  await writtenElsewhere(newer, 500);
  const refuseNewer = (text) => (text === newer ? 'unknown platform' : null);
  const read = await loadList(refuseNewer);
  assert.deepEqual(read.refused.map((r) => r.from), ['sync']);
  // An edit here stays here: every other device keeps the list they share.
  const saved = await saveList(list('Kim'));
  assert.deepEqual([saved.where, saved.reason], ['local', 'sync-unreadable']);
  assert.equal((await chrome.storage.sync.get(`${LIST_CHUNK_PREFIX}500.0`))[`${LIST_CHUNK_PREFIX}500.0`], newer);
  assert.equal((await chrome.storage.sync.get(LIST_META))[LIST_META].gen, 500);
  assert.equal((await loadList(refuseNewer)).text, list('Kim'), 'this device keeps its own edit meanwhile');
  // A list it can read arrives (the other device changed it, or this build was updated): it follows sync again.
  await writtenElsewhere(list('Jane'), 600);
  assert.equal((await loadList(refuseNewer)).text, list('Jane'));
  assert.equal((await saveList(list('Jane and Kim'))).where, 'sync');
});
