// Firefox lets the user withhold an MV3 add-on's site access (the add-ons
// panel's per-site switch; the same as the add-on giving it up). A redirect
// rule then does nothing; Deadbolt's rules turn into blocks for those hosts,
// and the block page is shown by the navigation listener: the listed
// profile's request must never reach the fake site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, waitForHref } from './harness.mjs';
import { useFirefox } from './firefox.mjs';

const running = useFirefox({ list: DEMO_LIST });

const isBlockPage = (href) => href.startsWith(running.firefox.url('extension/pages/blocked.html'));
const status = async () => (await running.firefox.page.evaluate(() => chrome.storage.local.get('rules.status')))['rules.status'];

async function statusBecomes(predicate) {
  const end = Date.now() + 8000;
  let current = await status();
  while (!predicate(current) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    current = await status();
  }
  return current;
}

test('Firefox: with site access withheld, a listed profile never reaches the site', async () => {
  const removed = await running.firefox.page.evaluate(() => chrome.permissions.remove({ origins: ['<all_urls>'] }));
  assert.equal(removed, true, 'site access withdrawn');
  const access = await running.firefox.page.evaluate(() => chrome.permissions.contains({ origins: ['*://*.instagram.com/*'] }));
  assert.equal(access, false, 'no site access for instagram.com (else this test proves nothing)');
  const current = await statusBecomes((s) => s?.blockOnly > 0);
  assert.ok(current?.blockOnly > 0, `block rules installed: ${JSON.stringify(current)}`);

  const before = (await running.firefox.ask({ type: 'stats' })).all;
  for (const url of ['https://www.instagram.com/janedoe/', 'https://x.com/janedoe_x']) {
    const page = await running.firefox.browser.newPage();
    await page.goto(url).catch(() => {});  // blocked
    await waitForHref(page, isBlockPage);
    await page.close();
  }
  assert.deepEqual(running.sites.hits('instagram.com', '/janedoe'), [], 'no request for the profile reached the site');
  assert.deepEqual(running.sites.hits('x.com', '/janedoe_x'), []);
  assert.equal(await harness.logReaches(running.firefox.ask, before + 2, 5000), before + 2, 'each attempt logged once');
});

test('Firefox: with site access withheld, a profile that is not listed still loads', async () => {
  const page = await running.firefox.browser.newPage();
  await page.goto('https://www.instagram.com/natgeo/');
  assert.equal(await page.$eval('h1', (h) => h.textContent), 'PROFILE www.instagram.com/natgeo/');
  await page.close();
});
