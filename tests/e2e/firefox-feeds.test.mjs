// Feed items in Firefox, with the Firefox package: on each platform's fake
// feed page every listed item is hidden, every other shown, and the page's
// own frame counter sees no frame of a listed item, on first load, for
// skeletons, recycled nodes, an SPA navigation, a 2,000-item scroll and a
// background tab brought forward.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames } from './harness.mjs';
import { useFirefox } from './firefox.mjs';
import { assertClean, FEED_LIST, FEEDS } from './feeds/fixtures.mjs';

const running = useFirefox({ list: FEED_LIST });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const report = (page) => page.evaluate(() => window.feedTest.report());

async function open(url) {
  const page = await running.firefox.browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.feedTest?.frames > 3);
  await animationFrames(page, 5);
  return page;
}

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
