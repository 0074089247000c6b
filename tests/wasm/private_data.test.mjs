// The person's own data as the settings page changes it (extension/
// attempt_log.js, extension/settings.js): deleting the log of blocked visits
// keeps the contacts they recorded (their day count counts from them), and
// settings too large for storage.sync are refused in their words, with
// nothing written.
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
