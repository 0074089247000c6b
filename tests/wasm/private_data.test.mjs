// The person's own data as the settings page changes it (extension/
// attempt_log.js, extension/settings.js): deleting the log of blocked visits
// keeps the contacts they recorded (their day count counts from them), and
// settings too large for storage.sync are refused in their words, with
// nothing written; a synced list over half the sync quota stays in sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake_chrome.mjs';

const chrome = installFakeChrome();
const { appendAttempt, deleteLog, readLog } = await import('../../extension/attempt_log.js');
const { getSettings, updateSettings } = await import('../../extension/settings.js');
const { LOG_PREFIX, SETTINGS } = await import('../../extension/storage_keys.js');

test('deleting the log of blocked visits keeps the contacts they recorded, also in old month arrays', async () => {
  chrome.storage.local.clear();
  const t = Date.UTC(2026, 10, 20);
  await appendAttempt({ t, o: 0, person: 'Jane', platform: 'instagram', kind: 'profile' });
  await appendAttempt({ t: t + 1000, o: 0, person: '', platform: '', kind: 'contact' });
  // An earlier version's month array, visits and a contact mixed.
  await chrome.storage.local.set({
    [`${LOG_PREFIX}2026-10`]: [
      { t: Date.UTC(2026, 9, 2), o: 0, person: 'Jane', platform: 'x', kind: 'search' },
      { t: Date.UTC(2026, 9, 3), o: 0, person: '', platform: '', kind: 'contact' },
    ],
  });
  assert.equal((await readLog()).length, 4);
  await deleteLog();
  const left = await readLog();
  assert.deepEqual(left.map((e) => [e.kind, e.t]), [['contact', Date.UTC(2026, 9, 3)], ['contact', t + 1000]]);
});

test('settings too large for storage.sync are refused in the person\'s words, and nothing is written', async () => {
  chrome.storage.sync.clear();
  await updateSettings((s) => { s.reasons = ['They never listened.']; });
  const long = Array.from({ length: 40 }, (_, i) => `${i}: ${'a reason that matters to me '.repeat(8)}`);
  await assert.rejects(updateSettings((s) => { s.reasons = long; }), /settingsTooLarge/);
  const { [SETTINGS]: stored } = await chrome.storage.sync.get(SETTINGS);
  assert.deepEqual(stored.reasons, ['They never listened.'], 'the stored settings are as they were');
  assert.deepEqual((await getSettings()).reasons, ['They never listened.']);
});

test('a synced list over half the sync quota stays in sync edit after edit (two generations do not fit at once)', async () => {
  chrome.storage.local.clear();
  chrome.storage.sync.clear();
  const { saveList, loadList } = await import('../../extension/list_storage.js');
  // storage.sync's QUOTA_BYTES, as the browsers count it: keys and JSON values.
  const set = chrome.storage.sync.set;
  chrome.storage.sync.set = async (values) => {
    const all = { ...(await chrome.storage.sync.get(null)), ...values };
    const bytes = Object.entries(all).reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
    if (bytes > 102_400) throw new Error('QUOTA_BYTES quota exceeded');
    return set.call(chrome.storage.sync, values);
  };
  try {
    await chrome.storage.local.set({ 'list.followsSync': true });
    const list = (n) => JSON.stringify({
      version: 1,
      people: [{ name: 'Jane', accounts: Array.from({ length: n }, (_, i) => ({ platform: 'instagram', handle: `friend_of_jane_${i}` })) }],
    });
    for (const n of [1200, 1201, 1202]) {
      const text = list(n);
      assert.ok(text.length > 55_000 && text.length < 90_000, `${text.length} bytes: over half the quota, under the list's limit`);
      const saved = await saveList(text);
      assert.equal(saved.where, 'sync', `edit with ${n} accounts: ${saved.reason ?? ''}`);
      const read = await loadList(() => null);
      assert.equal(read.where, 'sync');
      assert.equal(read.text, text);
    }
  } finally {
    chrome.storage.sync.set = set;
  }
});
