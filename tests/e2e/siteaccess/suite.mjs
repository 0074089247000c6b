// Protection never depends on site access, written once for both browsers
// (tests/e2e/siteaccess.test.mjs, tests/e2e/firefox-siteaccess.test.mjs):
// with Deadbolt's site access withheld (Chromium's "Site access: On click",
// Firefox's per-site switch), a redirect rule would be dropped and the
// profile would load. The worker installs block rules for the hosts it
// cannot redirect on, and the navigation listener shows the block page: the
// listed profile's request never reaches the site.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_LIST, logReaches, waitForHref } from '../harness.mjs';

/** `useDriver`: drivers.mjs's useChromiumDriver or useFirefoxDriver. Returns what a browser's own tests share. */
export function siteAccessSuite(useDriver) {
  const driver = useDriver({ list: DEMO_LIST });
  const status = async () => (await driver.inExtension(() => chrome.storage.local.get('rules.status')))['rules.status'];
  const isBlockPage = (href) => href.startsWith(`${driver.url('extension/pages/blocked.html')}#`);

  /** The rules' status once `predicate` holds of it, or after 8 s. */
  async function statusBecomes(predicate) {
    const end = Date.now() + 8000;
    let current = await status();
    while (!predicate(current) && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 200));
      current = await status();
    }
    return current;
  }

  test('with site access withheld, a listed profile never reaches the site and the block page shows', async () => {
    await driver.withholdSiteAccess();
    const access = await driver.inExtension(() => chrome.permissions.contains({ origins: ['*://*.instagram.com/*'] }));
    assert.equal(access, false, 'site access is withheld (else this test proves nothing)');
    // The rules follow the withheld access: block rules, not redirects the browser would drop.
    const current = await statusBecomes((s) => s?.blockOnly > 0);
    assert.ok(current?.blockOnly > 0, `block rules installed: ${JSON.stringify(current)}`);
    const rules = await driver.inExtension(() => chrome.declarativeNetRequest.getDynamicRules());
    assert.ok(rules.length > 0 && rules.every((r) => r.action.type === 'block'), 'every rule blocks (no site access anywhere)');

    const before = (await driver.ask({ type: 'stats' })).all;
    for (const url of ['https://www.instagram.com/janedoe/', 'https://x.com/janedoe_x']) {
      const page = await driver.newPage();
      page.goto(url).catch(() => {});  // blocked: the block page replaces the navigation, so it is not awaited
      await waitForHref(page, isBlockPage);
      await page.close();
    }
    // A link from another site (the request has an initiator).
    const news = await driver.newPage();
    await news.goto('https://news.example/');
    await news.click('#profile', { noWaitAfter: true });
    await waitForHref(news, isBlockPage);
    await news.close();
    assert.deepEqual(driver.sites.hits('instagram.com', '/janedoe'), [], 'no request for the profile reached the site');
    assert.deepEqual(driver.sites.hits('x.com', '/janedoe_x'), []);
    assert.equal(await logReaches(driver.ask, before + 3), before + 3, 'each attempt logged once');
  });

  test('with site access withheld, the settings page and the popup say which sites, with a way to allow them', async () => {
    // A notice that says the site cannot be seen, with a button to allow it; and on the popup, its summary.
    const showsNotice = ([site, summary]) => [...document.querySelectorAll('#health-notices p')].some((p) =>
      /can't see /.test(p.textContent) && p.textContent.includes(site) &&
      [...p.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Allow')) &&
      document.body.textContent.includes(summary);
    const options = await driver.openExtensionPage('extension/pages/options.html');
    await driver.waitFor(options.page, showsNotice, ['instagram.com', '']);
    await options.close();
    const popup = await driver.openExtensionPage('extension/pages/popup.html');
    await driver.waitFor(popup.page, showsNotice, ['x.com', 'Some sites not allowed']);
    await popup.close();
  });

  test('with site access withheld, a profile that is not listed still loads', async () => {
    const page = await driver.newPage();
    await page.goto('https://www.instagram.com/natgeo/');
    assert.equal(await page.evaluate(() => document.querySelector('h1').textContent), 'PROFILE www.instagram.com/natgeo/');
    assert.equal(driver.sites.hits('instagram.com', '/natgeo/').length, 1);
    await page.close();
  });

  return { driver, statusBecomes, isBlockPage };
}
