// Mastodon on an instance no catalog lists: the person adds the instance they
// read on in the settings, and from then on the listed people's statuses,
// boosts, quotes, mentions and notifications are hidden there before a frame
// is painted (the feed and guard scripts registered for that host); until
// then, and again once a removal has waited out its cool-down, Deadbolt runs
// nothing there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, ask, inExtension, useBrowser } from './harness.mjs';
import { assertClean } from './feeds/fixtures.mjs';
import { FEDIVERSE_LIST, FEDIVERSE_PAGE } from './feeds/fediverse.mjs';

const PAGE = FEDIVERSE_PAGE;

let browser;
useBrowser({ list: FEDIVERSE_LIST, ready: (b) => { browser = b; } });

async function open(url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  await page.waitForFunction(() => window.feedTest?.frames > 3);
  await animationFrames(page, 5);
  return page;
}
const report = (page) => page.evaluate(() => window.feedTest.report());
const registered = () => inExtension(browser, () => chrome.scripting.getRegisteredContentScripts());

test('before the instance is added, Deadbolt runs nothing there', async () => {
  assert.deepEqual(await registered(), []);
  const page = await open(PAGE);
  const r = await report(page);
  assert.ok(r.listedRendered.length > 0, 'the listed statuses render: no script decided them');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).visibility), 'visible');
  await page.close();
});

test('the settings add the instance: the browser is asked for the site, the scripts are registered', async () => {
  const settings = await browser.context.newPage();
  await settings.goto(browser.url('extension/pages/options.html'));
  const field = settings.getByLabel('Your Mastodon instance');
  await field.fill('instagram.com');
  await settings.getByText("That's not a Mastodon server").waitFor();
  await field.fill('https://social.example/home');
  await settings.getByText('Deadbolt will also work on social.example').waitFor();
  await settings.getByRole('button', { name: 'Add instance' }).click();
  await settings.getByText('Added. Deadbolt now keeps them out of your feed on social.example.').waitFor();
  assert.equal(await settings.evaluate(() => chrome.permissions.contains({ origins: ['https://social.example/*'] })), true);
  const scripts = await registered();
  assert.equal(scripts.length, 1);
  assert.deepEqual(scripts[0].matches, ['https://social.example/*']);
  assert.ok(scripts[0].js.some((f) => f.endsWith('content/feeds.js')) && scripts[0].js.some((f) => f.endsWith('content/guard.js')));
  assert.equal(scripts[0].runAt, 'document_start');
  await settings.close();
});

test('on the added instance: listed statuses, boosts, quotes, mentions and notifications hidden, no frame painted', async () => {
  const page = await open(PAGE);
  assertClean(await report(page), 'first load');
  await page.evaluate(() => window.feedTest.skeleton());
  const { listed, shown } = await page.evaluate(() => window.feedTest.recycle());
  await animationFrames(page);
  const r = await report(page);
  assertClean(r, 'skeleton and recycled');
  assert.ok(!r.listedRendered.includes(listed) && !r.shownHidden.includes(shown));
  await page.evaluate(() => window.feedTest.scroll(300));
  await animationFrames(page);
  assertClean(await report(page), 'scroll');
  await page.close();
});

test('removing the instance waits out the cool-down, then its scripts are gone', async () => {
  const settings = await browser.context.newPage();
  await settings.goto(browser.url('extension/pages/options.html'));
  const row = settings.locator('#instances li', { hasText: 'social.example' });
  await row.getByRole('button', { name: 'Remove' }).click();
  await row.getByRole('button', { name: 'Remove after 24 hours?' }).click();
  await settings.getByText('Stop hiding them on social.example').waitFor();
  assert.equal((await registered()).length, 1, 'still there during the cool-down');
  await settings.evaluate(async () => {
    const { pending: p } = await chrome.storage.local.get('pending');
    await chrome.storage.local.set({ pending: p.map((c) => ({ ...c, dueAt: Date.now() - 1 })) });
  });
  const cdp = await browser.context.newCDPSession(settings);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');  // a restarted worker applies what is due
  await ask(browser, { type: 'list' });
  for (let i = 0; i < 50 && (await registered()).length; i++) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await registered(), []);
  assert.deepEqual((await ask(browser, { type: 'list' })).settings.feedInstances, []);
  await settings.close();
  const page = await open(PAGE);
  assert.ok((await report(page)).listedRendered.length > 0, 'nothing decides the page any more');
  await page.close();
});
