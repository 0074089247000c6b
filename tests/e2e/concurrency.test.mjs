// Nothing is lost, nothing comes back: writes that meet in time (five block
// pages at once, a cancel while the cool-down is being applied, a setting
// changed on another device) each keep their effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, ask, openBlocked, stopWorker, useBrowser, waitForHref } from './harness.mjs';

let sites;
let browser;

const inExtension = (fn, arg) => harness.inExtension(browser, fn, arg);

useBrowser({ list: DEMO_LIST, ready: (b, s) => { browser = b; sites = s; } });

test('five block pages in five tabs keep five different letters written at the same moment', async () => {
  const pages = [];
  for (let i = 0; i < 5; i++) {
    const page = await openBlocked(browser, `https://www.instagram.com/janedoe/?tab=${i}`);
    await page.getByLabel('Write what you want to send them.', { exact: false }).fill(`Letter ${i}, never sent.`);
    pages.push(page);
  }
  // Every page presses "Keep it" in the same turn of its event loop.
  await Promise.all(pages.map((page) => page.evaluate(() => document.getElementById('save-letter').click())));
  await Promise.all(pages.map((page) => page.getByText('Kept.', { exact: false }).waitFor()));
  const { letters } = await ask(browser, { type: 'letters' });
  assert.deepEqual(letters.map((l) => l.text).sort(), [0, 1, 2, 3, 4].map((i) => `Letter ${i}, never sent.`));
  for (const page of pages) await page.close();
});

test('five accounts added from five pages at the same moment are all listed', async () => {
  const pages = [];
  for (let i = 0; i < 5; i++) {
    const page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/welcome.html'));
    pages.push(page);
  }
  const results = await Promise.all(pages.map((page, i) => page.evaluate(
    (n) => chrome.runtime.sendMessage({ type: 'addAccount', text: `https://www.tiktok.com/@at.once.${n}`, person: 'Jane Doe' }), i)));
  assert.deepEqual(results.map((r) => r.ok), [true, true, true, true, true]);
  const listed = async () => (await ask(browser, { type: 'list' })).list.people[0].accounts
    .map((a) => a.handle).filter((h) => h?.startsWith('at.once.')).sort();
  const all = [0, 1, 2, 3, 4].map((i) => `at.once.${i}`);
  assert.deepEqual(await listed(), all, 'the worker holds all five');
  // And stored all five: a worker started again reads the list from storage
  // (one write lost to another would be missing there, not in memory).
  await stopWorker(browser);
  assert.deepEqual(await listed(), all, 'all five were stored');
  for (const page of pages) await page.close();
});

test('a removal cancelled while the due ones are being taken stays cancelled', async () => {
  const outcome = await inExtension(async () => {
    const { takeDue, cancelPending, getPending } = await import('/extension/pending.js');
    const now = Date.now();
    const entry = (id, dueAt) => ({ kind: 'remove-keyword', person: 'Nobody', keyword: id, id, requestedAt: now, dueAt });
    const rounds = [];
    for (let round = 0; round < 5; round++) {
      await chrome.storage.local.set({ pending: [entry('due', now - 1), entry('cancelled', now + 3_600_000), entry('kept', now + 3_600_000)] });
      const applied = [];
      // Both start in the same turn: each reads the pending list before the other writes it.
      const [due] = await Promise.all([
        takeDue(async (changes) => { applied.push(...changes.map((c) => c.id)); }),
        cancelPending('cancelled'),
      ]);
      rounds.push({ due: due.map((c) => c.id), applied, left: (await getPending()).map((c) => c.id) });
    }
    await chrome.storage.local.set({ pending: [] });
    return rounds;
  });
  for (const round of outcome) assert.deepEqual(round, { due: ['due'], applied: ['due'], left: ['kept'] });
});

// The worker applies due changes when it starts, and the cancel is what
// starts it here; whether the two meet in time is the browser's to choose
// (the test above makes them meet, on the pending list itself).
test('a cancel that starts a stopped worker with a removal due: the due one is applied, the cancelled one never', async () => {
  const outcome = await inExtension(async () => {
    const now = Date.now();
    const entry = (kind, extra, id, dueAt) => ({ kind, person: 'Jane Doe', ...extra, id, requestedAt: now, dueAt });
    await chrome.storage.local.set({
      pending: [
        entry('remove-keyword', { keyword: 'Jane Doe' }, 'due', now - 1),
        entry('remove-account', { key: 'x:janedoe_x' }, 'cancelled', now + 3_600_000),
        entry('remove-person', {}, 'kept', now + 3_600_000),
      ],
    });
    return 'staged';
  });
  assert.equal(outcome, 'staged');
  await stopWorker(browser);
  assert.deepEqual(await ask(browser, { type: 'cancelPending', id: 'cancelled' }), { ok: true });
  let state;
  for (let i = 0; i < 50; i++) {
    state = await ask(browser, { type: 'list' });
    if (state.list.people[0].keywords.length === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(state.list.people[0].keywords, [], 'the due removal was applied');
  assert.deepEqual(state.pending.map((p) => p.id), ['kept'], 'the cancelled one did not come back');
  assert.ok(state.list.people[0].accounts.some((a) => a.handle === 'janedoe_x'), 'the cancelled removal was not applied');
  await ask(browser, { type: 'cancelPending', id: 'kept' });
  await ask(browser, { type: 'addKeyword', person: 'Jane Doe', keyword: 'Jane Doe' });
});

test('a setting changed on another device takes effect at once, turning Deadbolt off and back on', async () => {
  /** What another device's sync brings: its copy of the settings, written from outside the worker. */
  const fromOtherDevice = (patch) => inExtension(async (p) => {
    const { settings } = await chrome.storage.sync.get('settings');
    await chrome.storage.sync.set({ settings: { ...settings, ...p } });
  }, patch);
  const rulesStatus = () => inExtension(async () => (await chrome.storage.local.get('rules.status'))['rules.status']);
  const until = async (predicate, what) => {
    for (let i = 0; i < 100; i++) {
      if (predicate(await rulesStatus())) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`timed out waiting for ${what}`);
  };

  await fromOtherDevice({ enabled: false, reasons: ['Written on my phone'] });
  await until((s) => s?.off === true, 'the rules to be removed');
  const open = await browser.context.newPage();
  await open.goto('https://www.instagram.com/janedoe/');
  assert.equal(await open.textContent('h1'), 'PROFILE www.instagram.com/janedoe/', 'off: nothing is blocked');
  await open.close();
  assert.deepEqual((await ask(browser, { type: 'overview' })).reasons, ['Written on my phone']);

  await fromOtherDevice({ enabled: true });
  await until((s) => s && !s.off && s.installed > 0, 'the rules to be reinstalled');
  const seen = sites.hits('instagram.com', '/janedoe/').length;
  const blocked = await browser.context.newPage();
  await blocked.goto('https://www.instagram.com/janedoe/').catch(() => {});
  await waitForHref(blocked, (href) => href.includes('blocked.html'));
  assert.equal(sites.hits('instagram.com', '/janedoe/').length, seen, 'blocked before the request, by the reinstalled rules');
  await blocked.close();
  assert.equal((await ask(browser, { type: 'overview' })).enabled, true);
});
