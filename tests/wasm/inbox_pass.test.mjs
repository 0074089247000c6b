// A conversation opened on purpose is kept for the inbox script by its
// person's place in the inbox index: when a changed list writes a different
// index, that place may hold someone else, so the pass must end; the same
// index written again (a worker restart, the switch) must keep it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake_chrome.mjs';

const chrome = installFakeChrome();
const { saveInboxIndex } = await import('../../extension/inbox_index.js');
const { INBOX_OPENED, INBOX_INDEX } = await import('../../extension/storage_keys.js');

const settings = { enabled: true };
const opened = () => chrome.storage.local.get(INBOX_OPENED).then((r) => r[INBOX_OPENED] ?? null);

test('the same inbox index written again keeps the pass; a different one ends it before it is written', async () => {
  await saveInboxIndex(null, settings, new Uint8Array([1, 2, 3]));
  await chrome.storage.local.set({ [INBOX_OPENED]: { person: 1, until: Date.now() + 60_000 } });

  await saveInboxIndex(null, { enabled: false }, new Uint8Array([1, 2, 3]));
  assert.equal((await opened())?.person, 1, 'the same list: the pass stays');

  let passWhenIndexChanged = 'unseen';
  const seen = (changes) => { if (changes[INBOX_INDEX]) passWhenIndexChanged = opened(); };
  chrome.storage.onChanged.addListener(seen);
  await saveInboxIndex(null, settings, new Uint8Array([1, 3]));
  chrome.storage.onChanged.removeListener(seen);
  assert.equal(await opened(), null, 'another list: the pass ended');
  assert.equal(await passWhenIndexChanged, null, 'ended before the new index was there');
});
