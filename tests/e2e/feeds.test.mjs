// Feed items in a real Chromium: on each platform's fake feed page, every
// listed person's item is hidden, every other item shown, and the page's own
// frame counter (tests/e2e/feeds/frames.js) never sees a frame in which a
// listed item renders: on first load, with the worker stopped, on an SPA
// navigation, for skeletons filled in later, for recycled nodes, on a
// 2,000-item scroll and in a background tab brought forward.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ask, launch, startFakeSites, stopWorker } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

import { FEED_LIST, FEEDS } from './feeds/fixtures.mjs';

let sites;
let browser;

before(async () => {
  sites = await startFakeSites();
  browser = await launch({ port: sites.port });
  const result = await ask(browser, { type: 'importList', text: FEED_LIST });
  assert.equal(result.ok, true, JSON.stringify(result));
});

after(async () => {
  await browser?.context.close();
  await sites?.close();
});

/** Waits until the page has run `frames` more animation frames. */
async function frames(page, count = 10) {
  await page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), count);
}

async function report(page) {
  return page.evaluate(() => window.feedTest.report());
}

function assertClean(r, what) {
  assert.ok(r.listed > 0 && r.shown > 0, `${what}: the page has listed and other items (${r.listed}, ${r.shown})`);
  assert.deepEqual(r.listedRendered, [], `${what}: listed items still rendered`);
  assert.deepEqual(r.shownHidden, [], `${what}: other items hidden`);
  assert.deepEqual(r.painted, [], `${what}: listed items painted`);
  assert.equal(r.paintedFrames, 0, `${what}: ${r.paintedFrames} painted frames of ${r.frames}`);
  assert.ok(r.frames > 0, `${what}: the page counted frames`);
}

async function open(url) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.feedTest?.frames > 3);
  await frames(page, 5);
  return page;
}

for (const [platform, url] of Object.entries(FEEDS)) {
  describe(platform, () => {
    test('first load: listed items hidden, others shown, no frame painted', async () => {
      const page = await open(url);
      assertClean(await report(page), 'first load');
      await page.close();
    });

    test('skeletons filled later and recycled nodes are decided again before a frame', async () => {
      const page = await open(url);
      await page.evaluate(() => window.feedTest.skeleton());
      await frames(page);
      assertClean(await report(page), 'skeleton');
      const { listed, shown } = await page.evaluate(() => window.feedTest.recycle());
      await frames(page);
      const r = await report(page);
      assertClean(r, 'recycled');
      assert.ok(!r.listedRendered.includes(listed) && !r.shownHidden.includes(shown));
      await page.close();
    });

    test('an SPA navigation between feeds paints no listed item', async () => {
      const page = await open(url);
      await page.evaluate(() => window.feedTest.navigate(`${location.pathname}/following`));
      await frames(page);
      assertClean(await report(page), 'SPA navigation');
      await page.close();
    });
  });
}

describe('every situation', () => {
  test('with the worker stopped, a new page is still decided before a frame', async () => {
    await stopWorker(browser);
    for (const url of [FEEDS.instagram, FEEDS.x, FEEDS.reddit]) {
      const page = await open(url);
      assertClean(await report(page), `worker stopped: ${url}`);
      await page.close();
    }
  });

  test('a 2,000-item infinite scroll paints no listed item', async () => {
    for (const url of [FEEDS.x, FEEDS.youtube]) {
      const page = await open(url);
      await page.evaluate(() => window.feedTest.scroll(2000));
      await frames(page);
      const r = await report(page);
      assertClean(r, `scroll: ${url}`);
      assert.ok(r.listed >= 200 && r.shown >= 1800, JSON.stringify({ listed: r.listed, shown: r.shown }));
      await page.close();
    }
  });

  test('a background tab brought forward paints no listed item', async () => {
    const feed = await open(FEEDS.instagram);
    const front = await browser.context.newPage();
    await front.goto(FEEDS.x);
    await front.bringToFront();
    // Items arrive while the tab is in the background (a feed refreshing itself).
    await feed.evaluate(() => { window.feedTest.append('listed', 20); window.feedTest.append('friend', 20); });
    await sleep(300);
    await feed.bringToFront();
    await frames(feed);
    assertClean(await report(feed), 'background tab');
    await front.close();
    await feed.close();
  });

  test('kept out of your feeds: counted apart from attempts', async () => {
    const before = await ask(browser, { type: 'feedCounts' });
    const attempts = (await ask(browser, { type: 'stats' })).all;
    const page = await open(FEEDS.linkedin);
    const hidden = (await report(page)).listed;
    await sleep(1500);  // the count is written a second after the last hide
    const counts = await ask(browser, { type: 'feedCounts' });
    assert.equal(counts.today - before.today, hidden);
    assert.equal(counts.all - before.all, hidden);
    assert.equal((await ask(browser, { type: 'stats' })).all, attempts, 'hidden items are not attempts');
    await page.close();
  });

  test('an emptied feed does not make the page load more in a tight loop', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.instagram.com/feeds/loop');
    await sleep(2000);
    const { fetches, painted } = await page.evaluate(() => ({ fetches: window.feedTest.fetches, painted: window.feedTest.paintedFrames }));
    assert.equal(painted, 0);
    assert.ok(fetches >= 1 && fetches <= 15, `the page loaded ${fetches} times in 2 s`);
    await page.close();
  });
});
