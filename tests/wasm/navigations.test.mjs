// The navigation listeners count one attempt per navigation: the events that
// may repeat a navigation (tabs.onUpdated, onHistoryStateUpdated) never log it
// twice, even when a stalled tab reports them long after; a new navigation to
// the same address is a new attempt, but one from the block page to the
// address it holds is left to that page (it knows Back from a new visit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake_chrome.mjs';

const chrome = installFakeChrome();
const emitter = () => {
  const listeners = [];
  return { addListener: (l) => listeners.push(l), fire: (...args) => listeners.forEach((l) => l(...args)) };
};
chrome.webNavigation = {
  onBeforeNavigate: emitter(), onHistoryStateUpdated: emitter(), onReferenceFragmentUpdated: emitter(),
};
const updates = [];
chrome.tabs = { onUpdated: emitter(), onRemoved: emitter(), update: async (tabId, change) => updates.push([tabId, change.url]) };

const { listenToNavigations } = await import('../../extension/blocking.js');

const PROFILE = 'https://www.instagram.com/janedoe/';
const logged = [];
const listener = listenToNavigations({
  decide: async (url) => (url === PROFILE ? { person: 'Jane Doe', address: 'instagram/janedoe' } : null),
  onBlocked: async (verdict, tabId) => logged.push([tabId, verdict.person]),
});

let clock = 1_000_000;
const realNow = Date.now;
Date.now = () => clock;
const frame = (tabId, url) => ({ tabId, url, frameId: 0 });

test('a late repeat of a blocked navigation is not a second attempt', async () => {
  chrome.webNavigation.onBeforeNavigate.fire(frame(5, PROFILE));
  await listener.settled();
  assert.deepEqual(logged, [[5, 'Jane Doe']]);
  assert.deepEqual(updates, [[5, `chrome-extension://deadbolt/extension/pages/blocked.html#${PROFILE}`]]);
  // The tab shows the block page, then reports the old address 30 s late.
  chrome.webNavigation.onBeforeNavigate.fire(frame(5, updates[0][1]));
  clock += 30_000;
  chrome.tabs.onUpdated.fire(5, { url: PROFILE });
  chrome.webNavigation.onHistoryStateUpdated.fire(frame(5, PROFILE));
  await listener.settled();
  assert.equal(logged.length, 1, 'the stalled tab\'s late events repeat the attempt already logged');
});

test('from its block page, the address it holds is blocked and left to the block page\'s own report; in another tab it is a new attempt', async () => {
  clock += 5_000;
  // Back, or the address typed again: the listener cannot tell which, the
  // block page can (its navigation's type), so it is the one that reports.
  chrome.webNavigation.onBeforeNavigate.fire(frame(5, PROFILE));
  await listener.settled();
  assert.equal(updates.at(-1)[1], `chrome-extension://deadbolt/extension/pages/blocked.html#${PROFILE}`, 'blocked again');
  assert.equal(logged.length, 1, 'not logged by the listener');
  chrome.webNavigation.onBeforeNavigate.fire(frame(6, PROFILE));
  await listener.settled();
  assert.deepEqual(logged.slice(1), [[6, 'Jane Doe']]);
});

test('after the tab went elsewhere, an in-app navigation to the profile counts again', async () => {
  clock += 5_000;
  chrome.webNavigation.onBeforeNavigate.fire(frame(6, 'https://www.instagram.com/'));
  clock += 5_000;
  chrome.webNavigation.onHistoryStateUpdated.fire(frame(6, PROFILE));
  await listener.settled();
  assert.equal(logged.length, 3);
  Date.now = realNow;
});
