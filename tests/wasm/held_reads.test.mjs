// What the worker holds so that the block page's one answer needs no storage
// read (extension/attempt_log.js, extension/settings.js): the attempt log and
// the settings are read once and then kept as this worker writes them; a
// change from anywhere else, or a read that overlaps one, is read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake_chrome.mjs';

const chrome = installFakeChrome();
const { appendAttempt, readLog } = await import('../../extension/attempt_log.js');
const { getSettings, updateSettings } = await import('../../extension/settings.js');
const { LOG_PREFIX, SETTINGS } = await import('../../extension/storage_keys.js');

/** Counts the reads of a storage area while `run` runs. */
async function readsOf(area, run) {
  const get = area.get;
  let reads = 0;
  area.get = (...args) => { reads += 1; return get.apply(area, args); };
  try {
    const value = await run();
    return { reads, value };
  } finally {
    area.get = get;
  }
}

const attempt = (t) => ({ t, o: 0, person: 'Jane', platform: 'instagram', kind: 'profile' });

test('the log is read once; this worker\'s own attempts, events and all, do not make it read again', async () => {
  chrome.storage.local.clear();
  assert.equal((await readLog()).length, 0);
  for (let i = 1; i <= 3; i++) await appendAttempt(attempt(i));
  const { reads, value } = await readsOf(chrome.storage.local, readLog);
  assert.equal(reads, 0, 'held: no storage read for the block page');
  assert.deepEqual(value.map((e) => e.t), [1, 2, 3]);
});

test('a read of the log that overlaps only this worker\'s own writes is kept', async () => {
  chrome.storage.local.clear();
  await readLog();
  // As in Chrome: a write's event may come after the write resolved, and
  // while a read is on its way (the block page reads as its attempt is written).
  chrome.storage.timing.eventsLater = true;
  const get = chrome.storage.local.get;
  chrome.storage.local.get = async (keys) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return get.call(chrome.storage.local, keys);
  };
  try {
    await chrome.storage.local.set({ [`${LOG_PREFIX}1970-01.x`]: { ...attempt(1), id: 'x' } });  // drops what is held
    await new Promise((resolve) => setTimeout(resolve, 10));
    const writing = appendAttempt(attempt(2));
    assert.deepEqual((await readLog()).map((e) => e.t), [1, 2]);
    await writing;
    await new Promise((resolve) => setTimeout(resolve, 10));
    const { reads, value } = await readsOf(chrome.storage.local, readLog);
    assert.equal(reads, 0, 'kept: its own attempt\'s late event did not make it a stale read');
    assert.deepEqual(value.map((e) => e.t), [1, 2]);
  } finally {
    chrome.storage.local.get = get;
    chrome.storage.timing.eventsLater = false;
  }
});

test('an attempt written elsewhere makes the log read again, and it is there', async () => {
  await readLog();
  await chrome.storage.local.set({ [`${LOG_PREFIX}1970-01.other`]: { ...attempt(4), id: 'other' } });
  const { reads, value } = await readsOf(chrome.storage.local, readLog);
  assert.ok(reads > 0, 'read again');
  assert.deepEqual(value.map((e) => e.t), [1, 2, 4]);
  assert.equal((await readsOf(chrome.storage.local, readLog)).reads, 0, 'then held again');
});

test('the settings are read once, and read again after any change to them', async () => {
  chrome.storage.sync.clear();
  assert.equal((await getSettings()).cooldownHours, 24, 'the defaults');
  assert.equal((await readsOf(chrome.storage.sync, getSettings)).reads, 0, 'held');
  // Another device (or page) changes them: the event drops what is held.
  await chrome.storage.sync.set({ [SETTINGS]: { cooldownHours: 48 } });
  const { reads, value } = await readsOf(chrome.storage.sync, getSettings);
  assert.equal(reads, 1);
  assert.equal(value.cooldownHours, 48);
  // A change made here goes through storage too.
  await updateSettings((s) => { s.reasons = ['I deserve calm']; });
  assert.deepEqual((await getSettings()).reasons, ['I deserve calm']);
  // What a caller does to its copy is its own.
  (await getSettings()).reasons.push('changed by a caller');
  assert.deepEqual((await getSettings()).reasons, ['I deserve calm']);
});

test('a settings change made here is read back at once, even before its storage event arrives', async () => {
  chrome.storage.sync.clear();
  chrome.storage.local.clear();
  assert.equal((await getSettings()).feedPlaceholder, false);  // held
  chrome.storage.timing.eventsLater = true;
  try {
    await updateSettings((s) => { s.feedPlaceholder = true; });
    assert.equal((await getSettings()).feedPlaceholder, true, 'not the copy held before the change');
  } finally {
    chrome.storage.timing.eventsLater = false;
  }
});

test('a settings read that overlaps a change is used once, never kept', async () => {
  chrome.storage.sync.clear();
  const get = chrome.storage.sync.get;
  // The change lands (and its event fires) while the read is on its way, answered with the old value.
  chrome.storage.sync.get = async (keys) => {
    const before = await get.call(chrome.storage.sync, keys);
    await chrome.storage.sync.set({ [SETTINGS]: { cooldownHours: 72 } });
    return before;
  };
  try {
    assert.equal((await getSettings()).cooldownHours, 24, 'the overlapping read answers what it read');
  } finally {
    chrome.storage.sync.get = get;
  }
  assert.equal((await getSettings()).cooldownHours, 72, 'and was not kept');
});

test('settings the browser will not read are not taken for the defaults: nothing is written from them', async () => {
  const { saveFeedIndex } = await import('../../extension/feed_index.js');
  const { FEED_INDEX } = await import('../../extension/storage_keys.js');
  await chrome.storage.sync.set({ [SETTINGS]: { enabled: false, cooldownHours: 72, feedInstances: ['mastodon.social'] } });
  await chrome.storage.local.set({ [FEED_INDEX]: { snapshot: 'AA==', enabled: false, instances: ['mastodon.social'] } });
  let refused = 0;
  chrome.storage.sync.failReads = (keys) => {
    if (![keys].flat().includes(SETTINGS)) return null;
    refused += 1;
    return new Error('An unexpected error occurred');
  };
  try {
    await assert.rejects(getSettings(), 'unreadable is said, not answered with "on, 24 hours, no instances"');
    assert.ok(refused > 1, 'asked again before giving up');
    const core = { feedIndex: () => new Uint8Array([1]), snapshot: () => new Uint8Array([2]), inboxIndex: () => null };
    await assert.rejects(saveFeedIndex(core));
    assert.deepEqual((await chrome.storage.local.get(FEED_INDEX))[FEED_INDEX], { snapshot: 'AA==', enabled: false, instances: ['mastodon.social'] },
      'the feed index still says off, with their instance');
  } finally {
    chrome.storage.sync.failReads = null;
  }
  const settings = await getSettings();
  assert.deepEqual([settings.enabled, settings.cooldownHours], [false, 72]);
});
