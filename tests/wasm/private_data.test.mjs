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
const { LETTER_DRAFT, LOG_PREFIX, SETTINGS, SETTINGS_PERSONAL } = await import('../../extension/storage_keys.js');

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
  chrome.storage.local.clear();
  await updateSettings((s) => { s.feedInstances = ['mastodon.example']; s.reasons = ['They never listened.']; });
  const many = Array.from({ length: 400 }, (_, i) => `instance-${i}.social.example`);
  await assert.rejects(updateSettings((s) => { s.feedInstances = many; s.reasons = ['changed']; }), /settingsTooLarge/);
  const { [SETTINGS]: stored } = await chrome.storage.sync.get(SETTINGS);
  assert.deepEqual(stored.feedInstances, ['mastodon.example'], 'the synced settings are as they were');
  assert.deepEqual((await getSettings()).reasons, ['They never listened.'], 'and so are the personal ones');
});

test('their reasons, support person and start date never reach storage.sync; an earlier version\'s copy is read once and left as it was', async () => {
  chrome.storage.sync.clear();
  chrome.storage.local.clear();
  // What an earlier version left in storage.sync: everything in one item.
  await chrome.storage.sync.set({ [SETTINGS]: { reasons: ['old reason'], support: { name: 'Sam', contact: '07700 900123' }, startDate: '2026-11-01', cooldownHours: 48 } });
  const before = await getSettings();
  assert.deepEqual(before.reasons, ['old reason'], 'read from there until moved');
  assert.equal(before.support.name, 'Sam');
  // Any change copies them to this device; the synced copy is left as the earlier version wrote it (its
  // other browsers still on that version keep their reasons), and never written with this device's own.
  await updateSettings((s) => { s.cooldownHours = 72; });
  const { [SETTINGS]: synced } = await chrome.storage.sync.get(SETTINGS);
  assert.equal(synced.cooldownHours, 72);
  assert.deepEqual(synced.reasons, ['old reason'], 'the earlier version\'s copy, untouched');
  const { [SETTINGS_PERSONAL]: personal } = await chrome.storage.local.get(SETTINGS_PERSONAL);
  assert.deepEqual(personal, { reasons: ['old reason'], support: { name: 'Sam', contact: '07700 900123' }, startDate: '2026-11-01' });
  // New ones are written on this device only.
  await updateSettings((s) => { s.reasons = ['I deserve calm']; s.support = { name: 'Alex', contact: 'alex@example.com' }; });
  assert.equal(JSON.stringify(await chrome.storage.sync.get(null)).includes('calm'), false);
  assert.equal(JSON.stringify(await chrome.storage.sync.get(null)).includes('Alex'), false);
  assert.deepEqual((await getSettings()).reasons, ['I deserve calm']);
  // Another device still running the earlier version writes its copy: this device's own stay.
  await chrome.storage.sync.set({ [SETTINGS]: { ...synced, reasons: ['theirs'], enabled: false } });
  const after = await getSettings();
  assert.deepEqual(after.reasons, ['I deserve calm']);
  assert.equal(after.enabled, false, 'what protects still follows the other device');
  // A new install (nothing on this device yet) with no earlier copy in sync: nothing personal there at all.
  chrome.storage.sync.clear();
  chrome.storage.local.clear();
  await updateSettings((s) => { s.reasons = ['mine alone']; s.startDate = '2026-12-01'; });
  assert.deepEqual(Object.keys((await chrome.storage.sync.get(SETTINGS))[SETTINGS]).sort(),
    ['cooldownHours', 'enabled', 'feedInstances', 'feedMentions', 'feedPlaceholder']);
});

test('a letter is kept whole or refused whole, and keeping it ends the draft', async () => {
  chrome.storage.local.clear();
  const { keepLetter, getLetters, LETTER_MAX_CHARS } = await import('../../extension/letters.js');
  await chrome.storage.local.set({ [LETTER_DRAFT]: 'draft' });
  const long = `${'a'.repeat(LETTER_MAX_CHARS - 1)}😊`;  // one character over, its last one two UTF-16 units
  assert.match((await keepLetter(long)).error, /letterTooLong/);
  assert.deepEqual(await getLetters(), [], 'nothing cut and kept');
  assert.equal((await chrome.storage.local.get(LETTER_DRAFT))[LETTER_DRAFT], 'draft', 'the draft stays');
  // Kept by a page that never read the draft (its worker did not answer): the draft stays.
  await keepLetter('a short one');
  assert.equal((await chrome.storage.local.get(LETTER_DRAFT))[LETTER_DRAFT], 'draft', 'not read, not ended');
  const whole = `${'b'.repeat(30_000)}😊`;
  const { letter } = await keepLetter(whole, { endsDraft: true });
  assert.equal(letter.text, whole);
  assert.equal((await getLetters())[1].text, whole);
  assert.equal((await chrome.storage.local.get(LETTER_DRAFT))[LETTER_DRAFT], undefined, 'the draft is done with');
});

test('a block page left open after "Delete all unsent letters" cannot write its draft back; one opened after can', async () => {
  chrome.storage.local.clear();
  const { deletePrivateData, getDraft, setDraft } = await import('../../extension/letters.js');
  const before = await getDraft();
  assert.deepEqual(await setDraft('I still think about you', before.epoch), { ok: true });
  assert.equal((await getDraft()).text, 'I still think about you');
  await deletePrivateData({ letters: true });
  assert.equal((await getDraft()).text, '', 'deleted');
  // The open page's next write (a keystroke, closing it) is refused, and nothing comes back.
  assert.deepEqual(await setDraft('I still think about you', before.epoch), { stale: true, epoch: before.epoch + 1 });
  assert.equal((await getDraft()).text, '');
  // A page that reads the draft now writes as before.
  const after = await getDraft();
  assert.notEqual(after.epoch, before.epoch);
  assert.deepEqual(await setDraft('a new one', after.epoch), { ok: true });
  assert.equal((await getDraft()).text, 'a new one');
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
