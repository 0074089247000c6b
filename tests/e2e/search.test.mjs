// In-app search rows as feed items, in a real Chromium: on each platform's
// fake search page (tests/e2e/feeds/<platform>search.html, markup from the
// sources cited there), a listed person's rows in the search results, in the
// typeahead dropdown a keypress opens (inserted as one subtree) and in
// "recent searches", and TikTok comments and replies by them, are hidden
// with no painted frame; rows of other people and look-alike handles stay.
// A row rendered bare whose link or avatar test id is set a task later is
// hidden before it paints too.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './harness.mjs';
import { assertClean, FEED_LIST, SEARCHES } from './feeds/fixtures.mjs';

let browser;

useBrowser({ list: FEED_LIST, ready: (b) => { browser = b; } });

async function frames(page, count = 10) {
  await page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), count);
}

const report = (page) => page.evaluate(() => window.feedTest.report());

describe('search rows', () => {
  for (const [platform, url] of Object.entries(SEARCHES)) {
    test(`${platform}: results, typeahead, recent searches and rows filled in later paint no listed row`, async () => {
      const page = await browser.context.newPage();
      await page.goto(url);
      await page.bringToFront();
      await page.waitForFunction(() => window.feedTest?.frames > 3);
      await frames(page, 5);
      const loaded = await report(page);
      assertClean(loaded, `${platform} first load`);
      // A keypress in the search box opens the dropdown, inserted whole.
      await page.focus('[data-search-box]');
      await page.keyboard.type('jane');
      await page.waitForFunction(() => !!window.feedTest.dropdown);
      await frames(page);
      const typed = await report(page);
      assertClean(typed, `${platform} typeahead`);
      assert.ok(typed.listed > loaded.listed && typed.shown > loaded.shown, `${platform}: the dropdown's rows are counted`);
      // A row inserted bare, its link or avatar test id set a task later.
      await page.evaluate(() => window.feedTest.lateRow());
      await frames(page);
      const late = await report(page);
      assertClean(late, `${platform} row filled in later`);
      assert.equal(late.listed, typed.listed + 1, `${platform}: the late row is counted`);
      await page.close();
    });
  }
});
