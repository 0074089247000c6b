// Tabs open across an update (and, by the same path, an install): Chromium
// runs manifest content scripts only in pages loaded afterwards, and leaves
// an old version's scripts in open tabs cut off from the extension, where
// they follow no change of the list. The worker injects the new version's
// (extension/content_scripts.js); the old ones step aside.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, ask, inExtension, INBOX_PAGES, launch, startFakeSites, updateExtension } from './harness.mjs';
import { INBOX_LIST } from './inbox/fixtures.mjs';
import { FEED_LIST, FEEDS } from './feeds/fixtures.mjs';

// The style sheet each running feed script adds for what it keeps hidden
// (feeds.js VEILED): one per feed script in the page.
const feedScriptsRunning = (page) => page.evaluate(() => [...document.querySelectorAll('style')]
  .filter((s) => /^\[data-v[a-z0-9]+\] \* \{ visibility: hidden !important; \}$/.test(s.textContent)).length);

/** `fn(browser)` with the fake sites and a fresh Chromium with Deadbolt, closed after. */
async function inFreshBrowser(fn) {
  const sites = await startFakeSites();
  const browser = await launch({ port: sites.port });
  try {
    await fn(browser);
  } finally {
    await browser.context.close();
    await sites.close();
  }
}

test('a feed tab open across an update follows the list from then on, without a reload, and each world runs one feed script', () => inFreshBrowser(async (browser) => {
  const page = await browser.context.newPage();
  await page.goto(FEEDS.x);
  await page.waitForFunction(() => window.feedTest?.frames > 2);
  // Nobody listed yet: their items show.
  let r = await page.evaluate(() => window.feedTest.report());
  assert.ok(r.listed > 0 && r.listedRendered.length === r.listed, `before: every item shows (${JSON.stringify(r)})`);
  assert.equal(await feedScriptsRunning(page), 1);

  await updateExtension(browser);
  // The new version's, beside the old one's (which Chromium leaves in the page).
  assert.equal(await feedScriptsRunning(page), 2, 'the new version\'s feed script runs in the open tab');

  // The person adds them after the update: the open tab follows, without a reload.
  const imported = await ask(browser, { type: 'importList', text: FEED_LIST });
  assert.equal(imported?.ok, true, JSON.stringify(imported));
  await page.waitForFunction(() => window.feedTest.report().listedRendered.length === 0, null, { timeout: 3000 })
    .catch(() => {});
  await page.evaluate(() => window.feedTest.reset());
  await page.evaluate(() => window.feedTest.append('listed', 3));
  await animationFrames(page, 10);
  r = await page.evaluate(() => window.feedTest.report());
  assert.deepEqual(r.listedRendered, [], 'their items in the open tab are hidden');
  assert.deepEqual(r.shownHidden, [], 'nobody else\'s');
  assert.equal(r.paintedFrames, 0, 'no frame of their new items was painted');

  // Injected once more (Firefox injects a new version's scripts into open
  // tabs itself, beside the worker's): the world's feed script stays one.
  await inExtension(browser, async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://x.com/*' });
    const entry = chrome.runtime.getManifest().content_scripts.find((e) => e.js.includes('extension/content/feeds.js'));
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: entry.js });
  });
  assert.equal(await feedScriptsRunning(page), 2, 'a second injection into the same world starts nothing');
  await page.evaluate(() => window.feedTest.append('listed', 2));
  await animationFrames(page, 10);
  r = await page.evaluate(() => window.feedTest.report());
  assert.deepEqual(r.listedRendered, [], 'still hidden after the second injection');
  assert.equal(r.paintedFrames, 0);
}));

test('an inbox tab open across an update seals the person listed afterwards, without a reload', () => inFreshBrowser(async (browser) => {
  const page = await browser.context.newPage();
  await page.goto(INBOX_PAGES.gmail);
  await page.waitForFunction(() => window.inboxTest?.frames > 3);
  let r = await page.evaluate(() => window.inboxTest.report());
  assert.ok(r.traces > 0 && r.tracesRendered.length === r.traces, `before: their conversation shows (${JSON.stringify(r)})`);

  await updateExtension(browser);
  const imported = await ask(browser, { type: 'importList', text: INBOX_LIST });
  assert.equal(imported?.ok, true, JSON.stringify(imported));
  await page.waitForFunction(() => window.inboxTest.report().tracesRendered.length === 0, null, { timeout: 3000 })
    .catch(() => {});
  r = await page.evaluate(() => window.inboxTest.report());
  assert.deepEqual(r.tracesRendered, [], 'their conversation in the open tab is sealed');
  assert.deepEqual(r.shownHidden, [], 'nobody else\'s');
  // A message from them arriving now is sealed before a frame.
  await page.evaluate(() => { window.inboxTest.reset(); window.inboxTest.arrive('listed'); });
  await animationFrames(page, 10);
  r = await page.evaluate(() => window.inboxTest.report());
  assert.deepEqual(r.tracesRendered, [], 'a new message from them is sealed');
  assert.equal(r.paintedFrames, 0, 'no frame of it was painted');
}));
