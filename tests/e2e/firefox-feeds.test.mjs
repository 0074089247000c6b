// Feed items in Firefox, with the Firefox package: on each platform's fake
// feed page every listed item is hidden, every other shown, and the page's
// own frame counter sees no frame of a listed item, on first load, for
// skeletons, recycled nodes, an SPA navigation, a 2,000-item scroll and a
// background tab brought forward; and in-app search rows.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames } from './harness.mjs';
import { openFeedPage, useFirefox } from './firefox.mjs';
import { assertClean, FEED_LIST, FEEDS, SEARCHES } from './feeds/fixtures.mjs';

const running = useFirefox({ list: FEED_LIST });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const report = (page) => page.evaluate(() => window.feedTest.report());

const open = (url) => openFeedPage(running, url);

for (const [platform, url] of Object.entries(FEEDS)) {
  test(`${platform}: first load, skeleton, recycled nodes and SPA navigation paint no listed item`, async () => {
    const page = await open(url);
    assertClean(await report(page), 'first load');
    await page.evaluate(() => window.feedTest.skeleton());
    await animationFrames(page);
    assertClean(await report(page), 'skeleton');
    await page.evaluate(() => window.feedTest.recycle());
    await animationFrames(page);
    assertClean(await report(page), 'recycled');
    await page.evaluate(() => window.feedTest.navigate(`${location.pathname}/following`));
    await animationFrames(page);
    assertClean(await report(page), 'SPA navigation');
    await page.close();
  });
}

// In-app search rows (tests/e2e/search.test.mjs in Chromium): results,
// the typeahead a keypress inserts whole, recent searches, TikTok comments,
// and a row whose link or avatar test id is set a task later.
for (const [platform, url] of Object.entries(SEARCHES)) {
  test(`${platform} search: results, typeahead and rows filled in later paint no listed row`, async () => {
    const page = await open(url);
    const loaded = await report(page);
    assertClean(loaded, 'first load');
    await page.focus('[data-search-box]');
    await page.keyboard.type('jane');
    await page.waitForFunction(() => !!window.feedTest.dropdown);
    await animationFrames(page);
    const typed = await report(page);
    assertClean(typed, 'typeahead');
    assert.ok(typed.listed > loaded.listed, 'the dropdown\'s rows are counted');
    await page.evaluate(() => window.feedTest.lateRow());
    await animationFrames(page);
    assertClean(await report(page), 'row filled in later');
    await page.close();
  });
}

describe('every situation', () => {
  test('a 2,000-item infinite scroll paints no listed item', async () => {
    const page = await open(FEEDS.x);
    await page.evaluate(() => window.feedTest.scroll(2000));
    await animationFrames(page);
    const r = await report(page);
    assertClean(r, 'scroll');
    assert.ok(r.listed >= 200 && r.shown >= 1800);
    await page.close();
  });

  test('a background tab brought forward paints no listed item', async () => {
    const feed = await open(FEEDS.instagram);
    const front = await running.firefox.browser.newPage();
    await front.goto(FEEDS.x);
    await front.bringToFront();
    await feed.evaluate(() => { window.feedTest.append('listed', 20); window.feedTest.append('friend', 20); });
    await sleep(300);
    await feed.bringToFront();
    await animationFrames(feed);
    assertClean(await report(feed), 'background tab');
    await front.close();
    await feed.close();
  });
});
