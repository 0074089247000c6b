// The in-app guard (extension/content/guard.js) while it starts: a trusted
// activation of a link is held, never let through undecided. Once the core
// is ready, a listed link goes to the block page and any other is clicked
// again for the person, so a friend's link is never dropped. The guard runs
// here in a VM with a window whose events this test dispatches, and a
// decider stub: what is tested is the holding, not the deciding. Also the
// sharing: when the feed script's decider holds the whole list, the guard
// decides with it and makes none of its own, and when the feed script loads
// another index into it, activations are held from that very event.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GUARD = fs.readFileSync(path.join(root, 'extension/content/guard.js'), 'utf8');

/** A link as guard.js reads one: closest(), href, click(). */
function fakeLink(href) {
  const link = { nodeType: 1, href, isConnected: true, clicks: 0 };
  link.closest = (selector) => (selector.startsWith('a[href]') ? link : null);
  link.getAttribute = (name) => (name === 'href' ? href : null);
  link.click = () => { link.clicks += 1; };
  return link;
}

const SNAPSHOT = 'AA==';  // list.snapshot, as the stub reads it
const stubDecider = (listed) => ({ loadFeedIndex: () => true, feedMarkup: () => null, blocks: (href) => listed.includes(href) });

/**
 * guard.js started in a fresh world; `listed` are the hrefs its own decider
 * blocks. `feeds`: the feed script's decider, {whole: whether it holds the
 * whole list, listed}, or none. `reads`: how storage reads answer (by
 * default at once).
 */
function startGuard(listed, { feeds = null, reads = async () => ({ 'list.snapshot': { bytes: SNAPSHOT }, 'feeds.index': { enabled: true } }) } = {}) {
  const listeners = {};
  const changeListeners = [];
  let settle;
  const sent = [];
  const made = [];  // the deciders guard.js made of its own
  const feed = feeds && { ...feeds, applies: 1, decider: stubDecider(feeds.listed) };
  const world = {
    window: { addEventListener: (type, fn) => { (listeners[type] ??= []).push(fn); } },
    document: { baseURI: 'https://www.instagram.com/' },
    location: { href: 'https://www.instagram.com/' },
    performance,
    chrome: {
      runtime: { sendMessage: (message) => { sent.push(message); return Promise.resolve(); } },
      storage: { onChanged: { addListener(fn) { changeListeners.push(fn); } } },
    },
    deadboltItems: {
      settled: new Promise((resolve) => { settle = resolve; }),
      compiled: async () => null,
      wholeList: () => (feed?.whole ? feed.decider : null),
      applies: () => (feed ? feed.applies : 0),
      lastMarkup: () => null,
    },
    deadboltReadLocal: reads,
    deadboltFirst: () => true,  // one guard in this world
    deadboltDecider: {
      fromBase64: () => new Uint8Array(1),
      instantiateDecider: async () => {
        made.push(stubDecider(listed));
        return made.at(-1);
      },
    },
  };
  vm.createContext(world);
  vm.runInContext(GUARD, world);
  const dispatch = (type, link, extra = {}) => {
    const event = {
      type, isTrusted: true, cancelable: true, button: 0, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false,
      key: '', repeat: false, stopped: false, prevented: false, ...extra,
      composedPath: () => [link], target: link,
      stopImmediatePropagation() { this.stopped = true; }, preventDefault() { this.prevented = true; },
    };
    for (const fn of listeners[type] ?? []) fn(event);
    return event;
  };
  const ready = async () => {
    settle();
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  // The feed script applies another index to its decider (its storage listener runs first).
  const feedLoads = (whole, feedListed) => {
    Object.assign(feed, { whole, applies: feed.applies + 1, decider: stubDecider(feedListed) });
    for (const fn of changeListeners) fn({ 'feeds.index': { newValue: {} } }, 'local');
  };
  // The list or the switch changed in storage (the worker wrote it).
  const stored = () => { for (const fn of changeListeners) fn({ 'list.snapshot': { newValue: {} } }, 'local'); };
  return { dispatch, ready, sent, made, feedLoads, stored };
}

test('a friend\'s link clicked while the guard starts is held, then clicked again for the person', async () => {
  const guard = startGuard(['https://www.instagram.com/janedoe/']);
  const friend = fakeLink('https://www.instagram.com/a_friend/');
  const click = guard.dispatch('click', friend);
  assert.equal(click.stopped && click.prevented, true, 'held: not let through undecided');
  assert.equal(friend.clicks, 0);
  await guard.ready();
  assert.equal(friend.clicks, 1, 'clicked again once it is known not to be listed');
  assert.deepEqual(guard.sent, []);
  // Now ready: the friend's link is let through at once.
  assert.equal(guard.dispatch('click', friend).stopped, false);
});

test('a listed link clicked while the guard starts goes to the block page and is never clicked again', async () => {
  const guard = startGuard(['https://www.instagram.com/janedoe/']);
  const listed = fakeLink('https://www.instagram.com/janedoe/');
  guard.dispatch('click', listed);
  await guard.ready();
  assert.equal(listed.clicks, 0);
  assert.equal(JSON.stringify(guard.sent), JSON.stringify([{ type: 'guardActivation', url: 'https://www.instagram.com/janedoe/' }]));
});

test('a modified click (a new tab, a download) is not replayed as a plain one', async () => {
  const guard = startGuard([]);
  const friend = fakeLink('https://www.instagram.com/a_friend/');
  guard.dispatch('click', friend, { ctrlKey: true });
  await guard.ready();
  assert.equal(friend.clicks, 0);
});

test('with the feed script\'s decider holding the whole list, the guard decides with it and makes none', async () => {
  const jane = 'https://www.instagram.com/janedoe/';
  const guard = startGuard([], { feeds: { whole: true, listed: [jane] } });
  await guard.ready();
  assert.equal(guard.made.length, 0, 'no decider of its own');
  assert.equal(guard.dispatch('click', fakeLink(jane)).stopped, true);
  assert.equal(guard.dispatch('click', fakeLink('https://www.instagram.com/a_friend/')).stopped, false);
});

test('the feed script loads another index into the shared decider: a listed link is held from that event on', async () => {
  const jane = 'https://www.instagram.com/janedoe/';
  let answer = null;
  let reads = 0;
  const guard = startGuard([jane], {
    feeds: { whole: true, listed: [jane] },
    reads: async () => {
      reads += 1;
      return new Promise((resolve) => { answer = resolve; });  // the read after the change: answered below
    },
  });
  await guard.ready();
  assert.equal(guard.made.length, 0);
  assert.equal(reads, 0, 'nothing read: the feed script\'s decider holds the whole list');
  // Her posts shown in feeds again: the feed index (and so the shared decider) no longer has her.
  guard.feedLoads(false, []);
  const link = fakeLink(jane);
  const click = guard.dispatch('click', link);
  assert.equal(click.stopped && click.prevented, true, 'held while the whole list is read again');
  assert.deepEqual(guard.sent, []);
  for (let i = 0; i < 10 && !answer; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(guard.dispatch('click', fakeLink(jane)).stopped, true, 'still held while the read is waited for');
  answer({ 'list.snapshot': { bytes: SNAPSHOT }, 'feeds.index': { enabled: true } });
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(guard.made.length, 1, 'a decider of its own, with the whole list');
  assert.equal(JSON.stringify(guard.sent), JSON.stringify([{ type: 'guardActivation', url: jane }]));
  assert.equal(link.clicks, 0);
  assert.equal(guard.dispatch('click', fakeLink(jane)).stopped, true);
});

test('storage unreadable when it starts: nothing guarded, until the list changes and is read', async () => {
  const jane = 'https://www.instagram.com/janedoe/';
  let reads = 0;
  const guard = startGuard([jane], {
    reads: async () => {
      reads += 1;
      if (reads === 1) throw new Error('An unexpected error occurred');  // as Firefox refuses a content script's read
      return { 'list.snapshot': { bytes: SNAPSHOT }, 'feeds.index': { enabled: true } };
    },
  });
  await guard.ready();
  assert.equal(guard.dispatch('click', fakeLink(jane)).stopped, false, 'nothing to decide with yet');
  guard.stored();
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  assert.equal(guard.dispatch('click', fakeLink(jane)).stopped, true, 'read again once it changed');
});
