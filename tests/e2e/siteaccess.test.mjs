// Protection never depends on site access: with Deadbolt's site access
// withheld (Chromium's "Site access: On click"), a redirect rule would be
// dropped and the profile would load. The worker installs block rules for
// the hosts it cannot redirect on, and the navigation listener shows the
// block page: the listed profile's request never reaches the site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, ask, relaunchWith, useBrowser, waitForHref } from './harness.mjs';

let sites;
let browser;

useBrowser({
  list: DEMO_LIST,
  ready: async (b, s) => {
    sites = s;
    // The user switches Deadbolt's site access to "On click": every host withheld.
    browser = await relaunchWith(b, s.port, (settings) => {
      settings.withholding_permissions = true;
      delete settings.runtime_granted_permissions;
    });
  },
});

const status = async () => (await harness.inExtension(browser, () => chrome.storage.local.get('rules.status')))['rules.status'];

test('with site access withheld, a listed profile never reaches the site and the block page shows', async () => {
  const access = await harness.inExtension(browser, () => chrome.permissions.contains({ origins: ['*://*.instagram.com/*'] }));
  assert.equal(access, false, 'site access is withheld (else this test proves nothing)');
  // The rules follow the withheld access: block rules, not redirects the browser would drop.
  const end = Date.now() + 8000;
  let current = await status();
  while (!(current?.blockOnly > 0) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    current = await status();
  }
  assert.ok(current?.blockOnly > 0, `block rules installed: ${JSON.stringify(current)}`);
  const rules = await browser.worker.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
  assert.ok(rules.length > 0 && rules.every((r) => r.action.type === 'block'), 'every rule blocks (no site access anywhere)');

  const before = (await ask(browser, { type: 'stats' })).all;
  for (const url of ['https://www.instagram.com/janedoe/', 'https://x.com/janedoe_x']) {
    const page = await browser.context.newPage();
    page.goto(url).catch(() => {});  // blocked: the block page replaces the navigation, so it is not awaited
    await waitForHref(page, (href) => href.includes('blocked.html'));
    await page.close();
  }
  // A link from another site (the request has an initiator).
  const news = await browser.context.newPage();
  await news.goto('https://news.example/');
  await news.click('#profile', { noWaitAfter: true });
  await waitForHref(news, (href) => href.includes('blocked.html'));
  await news.close();
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), [], 'no request for the profile reached the site');
  assert.deepEqual(sites.hits('x.com', '/janedoe_x'), []);
  assert.equal(await harness.logReaches((m) => ask(browser, m), before + 3), before + 3, 'each attempt logged once');
});

test('with site access withheld, the settings page and the popup say which sites, with a way to allow them', async () => {
  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  const notice = options.locator('#health-notices p', { hasText: /can't see .*instagram\.com/ });
  await notice.waitFor();
  assert.equal(await notice.getByRole('button', { name: 'Allow' }).count(), 1);
  await options.close();
  const popup = await browser.context.newPage();
  await popup.goto(browser.url('extension/pages/popup.html'));
  await popup.locator('#health-notices p', { hasText: /can't see .*x\.com/ }).waitFor();
  await popup.getByText('Some sites not allowed', { exact: false }).waitFor();
  await popup.close();
});

test('with site access withheld, a profile that is not listed still loads', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://www.instagram.com/natgeo/');
  assert.equal(await page.locator('h1').textContent(), 'PROFILE www.instagram.com/natgeo/');
  assert.equal(sites.hits('instagram.com', '/natgeo/').length, 1);
  await page.close();
});

test('site access granted again: the rules redirect once more', async () => {
  browser = await relaunchWith(browser, sites.port, (settings) => {
    settings.withholding_permissions = false;
  });
  const end = Date.now() + 8000;
  let current = await status();
  while (current?.blockOnly !== 0 && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    current = await status();
  }
  assert.equal(current?.blockOnly, 0, JSON.stringify(current));
  const page = await harness.openBlocked(browser, 'https://www.instagram.com/janedoe/');
  await page.close();
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
});

test('one site allowed ("On click", then allowed on instagram.com): its rules redirect, the rest block, nothing leaks', async () => {
  browser = await relaunchWith(browser, sites.port, (settings) => {
    settings.withholding_permissions = true;
    settings.runtime_granted_permissions = {
      api: [], manifest_permissions: [], scriptable_host: [], explicit_host: ['*://*.instagram.com/*', '*://*.instagr.am/*'],
    };
  });
  const end = Date.now() + 8000;
  let current = await status();
  while (!(current?.blockOnly > 0 && current.blockOnly < current.installed) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 200));
    current = await status();
  }
  assert.ok(current.blockOnly > 0 && current.blockOnly < current.installed, JSON.stringify(current));
  assert.ok(!current.withheld.some((g) => g.domains.includes('instagram.com')), 'instagram.com is allowed');
  const seen = sites.hits('instagram.com', '/janedoe').length;
  // Typed, and a link from a site Deadbolt may not see (the request's initiator).
  const typed = await browser.context.newPage();
  typed.goto('https://www.instagram.com/janedoe/?typed').catch(() => {});
  await waitForHref(typed, (href) => href.includes('blocked.html'));
  await typed.close();
  const news = await browser.context.newPage();
  await news.goto('https://news.example/');
  await news.click('#profile', { noWaitAfter: true });
  await waitForHref(news, (href) => href.includes('blocked.html'));
  await news.close();
  const x = await browser.context.newPage();
  x.goto('https://x.com/janedoe_x').catch(() => {});
  await waitForHref(x, (href) => href.includes('blocked.html'));
  await x.close();
  assert.equal(sites.hits('instagram.com', '/janedoe').length, seen, 'no request for the profile');
  assert.deepEqual(sites.hits('x.com', '/janedoe_x'), []);
});
