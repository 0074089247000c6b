// The worker's fast start in the browser: it decides with the decider from a
// binary snapshot, refuses a damaged or stale one and falls back to the full
// list (never to an empty one), and brings in the full core only when a page
// needs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, ask, stopWorker, useBrowser } from './harness.mjs';

let browser;

const inExtension = (fn, arg) => harness.inExtension(browser, fn, arg);
const verdictOf = async (url) => (await ask(browser, { type: 'verdict', url })).verdict;
const storedSnapshot = () => inExtension(async () => (await chrome.storage.local.get('list.snapshot'))['list.snapshot'] ?? null);

useBrowser({ list: DEMO_LIST, ready: (b) => { browser = b; } });

test('a restarted worker decides from the stored binary snapshot', async () => {
  const snapshot = await storedSnapshot();
  assert.equal(typeof snapshot?.bytes, 'string', 'the snapshot is kept, in base64');
  assert.equal(atob(snapshot.bytes).slice(0, 8), 'deadbolt');
  await stopWorker(browser);
  assert.equal(await verdictOf('https://www.instagram.com/janedoe/'), 'block');
  assert.equal(await verdictOf('https://www.google.com/search?q=jane+doe'), 'block');
  assert.equal(await verdictOf('https://www.instagram.com/someoneelse/'), 'allow');
});

test('a damaged snapshot is refused and the full list is loaded instead, then snapshotted again', async () => {
  for (const damage of ['checksum', 'truncated', 'version', 'not base64']) {
    await inExtension(async (kind) => {
      const { 'list.snapshot': s } = await chrome.storage.local.get('list.snapshot');
      const bytes = Uint8Array.from(atob(s.bytes), (c) => c.charCodeAt(0));
      let damaged = bytes;
      if (kind === 'checksum') damaged[bytes.length - 3] ^= 0x10;
      if (kind === 'truncated') damaged = bytes.subarray(0, bytes.length >> 1);
      if (kind === 'version') damaged[8] = 1;
      const text = kind === 'not base64' ? '!!!' : btoa(String.fromCharCode(...damaged));
      await chrome.storage.local.set({ 'list.snapshot': { ...s, bytes: text } });
    }, damage);
    await stopWorker(browser);
    assert.equal(await verdictOf('https://www.instagram.com/janedoe/'), 'block', damage);
    assert.equal(await verdictOf('https://x.com/janedoe_x'), 'block', damage);
    // The start refreshed the snapshot from the full list: whole again.
    const again = await storedSnapshot();
    assert.equal(atob(again.bytes).charCodeAt(8), 3, damage);  // the format's number (snapshot.cpp)
  }
});

test('a snapshot of an older list is not used', async () => {
  const old = await storedSnapshot();
  const changed = JSON.parse(DEMO_LIST);
  changed.people[0].accounts.push({ platform: 'tiktok', handle: 'jane_tt' });
  assert.equal((await ask(browser, { type: 'importList', text: JSON.stringify(changed) })).ok, true);
  // Put the old snapshot back under the new list: its version no longer matches.
  await inExtension(async (s) => chrome.storage.local.set({ 'list.snapshot': s }), old);
  await stopWorker(browser);
  assert.equal(await verdictOf('https://www.tiktok.com/@jane_tt'), 'block');
});

test('pages that need the full core get it, and decisions stay the same', async () => {
  await stopWorker(browser);
  const { list } = await ask(browser, { type: 'list' });
  assert.equal(list.people[0].name, 'Jane Doe');
  const stats = await ask(browser, { type: 'stats' });
  assert.equal(typeof stats.all, 'number');
  assert.equal(await verdictOf('https://www.instagram.com/janedoe/'), 'block');
  assert.equal(await verdictOf('https://www.instagram.com/someoneelse/'), 'allow');
});
