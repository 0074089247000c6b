// Sealed inboxes in Firefox, with the Firefox package: on each inbox's fake
// page no frame shows a trace of a listed person, on first load, when a
// message arrives, when a row is re-rendered to the top and when a row is
// recycled for them; other conversations stay; a title naming them is replaced.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { INBOX_PAGES, startFakeSites } from './harness.mjs';
import { launchFirefox } from './firefox.mjs';
import { assertClean, INBOX_LIST } from './inbox/fixtures.mjs';

let sites;
let firefox;

before(async () => {
  sites = await startFakeSites();
  firefox = await launchFirefox({ proxyPort: sites.proxyPort });
  assert.equal((await firefox.ask({ type: 'importList', text: INBOX_LIST })).ok, true);
});

after(async () => {
  await firefox?.close();
  await sites?.close();
});

async function frames(page, count = 10) {
  await page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), count);
}

const report = (page) => page.evaluate(() => window.inboxTest.report());

for (const [inbox, url] of Object.entries(INBOX_PAGES)) {
  test(`${inbox}: first load, arrival, re-render to the top, recycled row and title show no trace of them`, async () => {
    const page = await firefox.browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.inboxTest?.frames > 3);
    await frames(page, 5);
    assertClean(await report(page), 'first load');
    await page.evaluate(() => {
      window.inboxTest.arrive('listed');
      window.inboxTest.arrive('friend');
      window.inboxTest.toTop(':scope > :has([data-trace])');
    });
    await frames(page);
    assertClean(await report(page), 'arrival and re-render');
    await page.evaluate(() => window.inboxTest.recycle(':scope > :has([data-shown]):not(:has([data-trace]))', 'listed'));
    await frames(page);
    assertClean(await report(page), 'a recycled row');
    await page.evaluate(() => { document.title = '(1) Jane Doe'; });
    await frames(page, 3);
    assert.equal(await page.evaluate(() => document.title), 'Messages');
    await page.close();
  });
}
