// The browser forgets them (Chromium): with the optional `history`
// permission granted (the profile's Preferences stand in for the person's
// "Allow", DESIGN.md §4) and "Remove them from this browser's history"
// turned on, history entries of listed people go — what was there, what
// appears later, and what a blocked navigation would leave — and nothing else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, relaunchWith, useBrowser } from './harness.mjs';

let browser;

useBrowser({
  list: DEMO_LIST,
  ready: async (b, s) => {
    // What Chromium writes when the person allows an optional permission.
    browser = await relaunchWith(b, s.port, (settings) => {
      for (const key of ['active_permissions', 'granted_permissions', 'runtime_granted_permissions']) {
        const set = settings[key] ?? {};
        settings[key] = { ...set, api: [...(set.api ?? []), 'history'] };
      }
    });
  },
});

const inExtension = (fn, arg) => harness.inExtension(browser, fn, arg);
const LISTED = [
  'https://www.instagram.com/janedoe/',
  'https://www.instagram.com/stories/janedoe/3141592653/',
  'https://x.com/janedoe_x/status/1234567890',
  'https://www.google.com/search?q=jane+doe+instagram',
  'https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fjanedoe%2F',
  'https://www.linkedin.com/in/jane-doe-123/',
];
const OTHERS = ['https://www.instagram.com/natgeo/', 'https://news.example/', 'https://x.com/someone_else', 'https://www.google.com/search?q=weather'];
const everything = () => inExtension(async () =>
  (await chrome.history.search({ text: '', startTime: 0, maxResults: 10000 })).map((i) => i.url));
const visits = (url) => inExtension(async (u) => (await chrome.history.getVisits({ url: u })).length, url);

async function until(predicate, timeout = 8000) {
  const end = Date.now() + timeout;
  while (!(await predicate()) && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
  return predicate();
}

test('turning it on removes what history holds of listed people, and nothing else', async () => {
  assert.equal(await inExtension(() => chrome.permissions.contains({ permissions: ['history'] })), true, 'granted (stand-in for Allow)');
  // Months of checking, before Deadbolt: the entries are there.
  await inExtension(async (urls) => { for (const url of urls) await chrome.history.addUrl({ url }); }, [...LISTED, ...OTHERS]);
  // And a blocked navigation leaves its traces while forgetting is off (what the last test removes).
  await (await harness.openBlocked(browser, 'https://www.instagram.com/janedoe/?before=1')).close();
  assert.ok(await until(async () => (await everything()).some((u) => u.includes('blocked.html') && u.includes('before=1'))),
    'the block page, with the address it carries, is in history');
  const before = await everything();
  for (const url of [...LISTED, ...OTHERS]) assert.ok(before.includes(url), `in history first: ${url}`);

  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  await options.getByText('read and change your browsing history', { exact: false }).waitFor();
  await options.getByLabel('Remove them from this browser\'s history').check();
  const done = options.getByText(/Done: \d+ pages of theirs removed/);
  await done.waitFor();
  const removed = Number((await done.textContent()).match(/\d+/)[0]);
  assert.ok(removed >= LISTED.length + 1, `removed ${removed}: the listed entries and the block page`);
  await options.close();
  const after = await everything();
  for (const url of LISTED) assert.ok(!after.includes(url), `removed: ${url}`);
  for (const url of OTHERS) assert.ok(after.includes(url), `untouched: ${url}`);
});

test('a new entry of a listed person goes as it appears; others stay', async () => {
  await inExtension(async () => {
    await chrome.history.addUrl({ url: 'https://www.instagram.com/janedoe/reels/' });
    await chrome.history.addUrl({ url: 'https://www.tiktok.com/@someone_new' });
  });
  assert.ok(await until(async () => (await visits('https://www.instagram.com/janedoe/reels/')) === 0), 'removed as it appeared');
  assert.ok((await everything()).includes('https://www.tiktok.com/@someone_new'));
});

test('a blocked navigation leaves neither the address typed nor the block page', async () => {
  const url = 'https://www.instagram.com/janedoe/?typed=1';
  const page = await harness.openBlocked(browser, url);
  await page.close();
  // The block page, and the address it was going to, are removed (each within seconds).
  const gone = await until(async () => {
    const all = await everything();
    return !all.some((u) => u.includes('blocked.html') || u.includes('janedoe')) && (await visits(url)) === 0;
  }, 10000);
  assert.ok(gone, `left in history: ${(await everything()).filter((u) => u.includes('janedoe') || u.includes('blocked'))}`);
  assert.ok((await everything()).includes('https://www.instagram.com/natgeo/'), 'others untouched');
});
