// Tabs open across an update, in Firefox: it removes the old version's
// content scripts and injects the new version's into open tabs itself, and
// the worker injects them too (extension/content_scripts.js): each script
// family starts once per world (content/local_read.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames } from './harness.mjs';
import { openFeedPage, PACKAGE, useFirefox } from './firefox.mjs';
import { FEED_LIST, FEEDS } from './feeds/fixtures.mjs';

const running = useFirefox({ list: FEED_LIST });

// The style sheet each running feed script adds for what it keeps hidden
// (feeds.js VEILED); an old version's stays in the page after it was removed.
const feedScriptSheets = (page) => page.evaluate(() => [...document.querySelectorAll('style')]
  .filter((s) => /^\[data-v[a-z0-9]+\] \* \{ visibility: hidden !important; \}$/.test(s.textContent)).length);

test('a feed tab open across an update keeps hiding their new items, with one feed script of the new version', async () => {
  const page = await openFeedPage(running, FEEDS.x);
  assert.deepEqual((await page.evaluate(() => window.feedTest.report())).listedRendered, [], 'before: hidden');
  assert.equal(await feedScriptSheets(page), 1);

  // The same add-on installed again: Firefox's update of it (onInstalled "update").
  await running.firefox.browser.installExtension(PACKAGE);
  const end = Date.now() + 10000;
  while ((await feedScriptSheets(page)) < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 1000));  // the worker's own injection, after Firefox's
  assert.equal(await feedScriptSheets(page), 2, 'the new version\'s feed script runs once in the open tab');

  await page.evaluate(() => window.feedTest.reset());
  await page.evaluate(() => window.feedTest.append('listed', 3));
  await animationFrames(page, 10);
  const r = await page.evaluate(() => window.feedTest.report());
  assert.deepEqual(r.listedRendered, [], 'their new items are hidden');
  assert.deepEqual(r.shownHidden, [], 'nobody else\'s');
  assert.equal(r.paintedFrames, 0);
  await page.close();
});
