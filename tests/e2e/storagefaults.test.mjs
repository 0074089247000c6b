// A content script's read of chrome.storage.local refused. Firefox's storage
// answers some reads with "An unexpected error occurred" (seen on
// 2026-12-05, Firefox 153 ESR, while Deadbolt's event page was being
// stopped and started): a feed tab that took that for "no index" took
// Deadbolt for off and painted a listed person's posts. Deadbolt is loaded
// here with one more content script, first in the feed and inbox worlds,
// that refuses the world's first reads as Firefox did (`#refuse=N` in the
// page's address; `all`: every read): a refused read is asked again, and a
// read that keeps failing holds back what it would have shown until the
// index changes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { animationFrames, ask, INBOX_PAGES, launch, ROOT, startFakeSites } from './harness.mjs';
import { assertClean as assertFeedClean, FEEDS } from './feeds/fixtures.mjs';
import { assertClean as assertInboxClean, INBOX_LIST } from './inbox/fixtures.mjs';

const REFUSING_READS = `(() => {
  const refuse = /[#&]refuse=(\\d+|all)/.exec(location.hash);
  if (!refuse) return;
  let left = refuse[1] === 'all' ? Infinity : Number(refuse[1]);
  const area = chrome.storage.local;
  const get = area.get.bind(area);
  area.get = (...args) => (left-- > 0 ? Promise.reject(new Error('An unexpected error occurred')) : get(...args));
})();`;

let sites;
let browser;
before(async () => {
  sites = await startFakeSites();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-refusing-'));
  for (const item of ['manifest.json', '_locales', 'extension']) fs.cpSync(path.join(ROOT, item), path.join(dir, item), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  for (const entry of manifest.content_scripts) {
    if (entry.js.includes('extension/content/local_read.js')) entry.js.unshift('refusing_reads.js');
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'refusing_reads.js'), REFUSING_READS);
  browser = await launch({ port: sites.port, extensionDir: dir });
  const imported = await ask(browser, { type: 'importList', text: INBOX_LIST });
  if (imported?.ok !== true) throw new Error(`the test list was refused: ${JSON.stringify(imported)}`);
});
after(async () => {
  await browser?.context.close().catch(() => {});
  await sites?.close();
});

/** `url` in a new tab, once its page (`what`: feedTest or inboxTest) has painted a few frames. */
async function open(url, what) {
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction((w) => window[w]?.frames > 3, what);
  await animationFrames(page, 5);
  return page;
}

/**
 * The page's report once what it holds back while its reads are refused is
 * let go: a refused read is asked again after a pause (20, 40, 80 ms… in
 * local_read.js), so the fourth read may land after the page's first frames.
 */
async function settledReport(page, what) {
  await page.waitForFunction((w) => window[w].report().shownHidden.length === 0, what, { timeout: 10000 }).catch(() => {});
  await animationFrames(page, 3);
  return page.evaluate((w) => window[w].report(), what);
}

test('a feed whose first reads are refused still hides them before a frame', async () => {
  const page = await open(`${FEEDS.x}#refuse=3`, 'feedTest');
  assertFeedClean(await settledReport(page, 'feedTest'), 'three reads refused');
  await page.close();
});

test('a feed whose index cannot be read at all stays held back, and follows the index once it changes', async () => {
  const page = await open(`${FEEDS.x}#refuse=all`, 'feedTest');
  const held = await page.evaluate(() => window.feedTest.report());
  assert.equal(held.paintedFrames, 0, 'no frame of them while nothing could be read');
  assert.deepEqual(held.listedRendered, []);
  assert.ok(held.shownHidden.length > 0, 'the other items are held back too: unreadable is not "off"');
  // The list changes (someone else added): the new index comes with the change, no read needed.
  const added = await ask(browser, { type: 'addAccount', text: 'https://www.tiktok.com/@someone.else', person: 'Someone Else' });
  assert.equal(added?.ok, true, JSON.stringify(added));
  await page.waitForFunction(() => window.feedTest.report().shownHidden.length === 0, null, { timeout: 5000 });
  await animationFrames(page, 3);
  assertFeedClean(await page.evaluate(() => window.feedTest.report()), 'after the index changed');
  await page.close();
});

test('an inbox whose first reads are refused still seals them before a frame', async () => {
  const page = await open(`${INBOX_PAGES.whatsapp}#refuse=3`, 'inboxTest');
  assertInboxClean(await settledReport(page, 'inboxTest'), 'three reads refused');
  await page.close();
});
