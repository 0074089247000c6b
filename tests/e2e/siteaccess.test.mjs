// Protection without site access, in Chromium: the suite written once for
// both browsers (siteaccess/suite.mjs), then access given back, whole and
// for one site, which a test can only do here by restarting on a profile
// whose Preferences say so (Firefox asks the person in a prompt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBlocked, relaunchWith, waitForHref } from './harness.mjs';
import { useChromiumDriver } from './drivers.mjs';
import { siteAccessSuite } from './siteaccess/suite.mjs';

const { driver, statusBecomes, isBlockPage } = siteAccessSuite(useChromiumDriver);

test('site access granted again: the rules redirect once more', async () => {
  driver.browser = await relaunchWith(driver.browser, driver.sites.port, (settings) => {
    settings.withholding_permissions = false;
  });
  const current = await statusBecomes((s) => s?.blockOnly === 0);
  assert.equal(current?.blockOnly, 0, JSON.stringify(current));
  const page = await openBlocked(driver.browser, 'https://www.instagram.com/janedoe/');
  await page.close();
  assert.deepEqual(driver.sites.hits('instagram.com', '/janedoe'), []);
});

test('one site allowed ("On click", then allowed on instagram.com): its rules redirect, the rest block, nothing leaks', async () => {
  driver.browser = await relaunchWith(driver.browser, driver.sites.port, (settings) => {
    settings.withholding_permissions = true;
    settings.runtime_granted_permissions = {
      api: [], manifest_permissions: [], scriptable_host: [], explicit_host: ['*://*.instagram.com/*', '*://*.instagr.am/*'],
    };
  });
  const current = await statusBecomes((s) => s?.blockOnly > 0 && s.blockOnly < s.installed);
  assert.ok(current.blockOnly > 0 && current.blockOnly < current.installed, JSON.stringify(current));
  assert.ok(!current.withheld.some((g) => g.domains.includes('instagram.com')), 'instagram.com is allowed');
  const seen = driver.sites.hits('instagram.com', '/janedoe').length;
  // Typed, and a link from a site Deadbolt may not see (the request's initiator).
  const typed = await driver.newPage();
  typed.goto('https://www.instagram.com/janedoe/?typed').catch(() => {});
  await waitForHref(typed, isBlockPage);
  await typed.close();
  const news = await driver.newPage();
  await news.goto('https://news.example/');
  await news.click('#profile', { noWaitAfter: true });
  await waitForHref(news, isBlockPage);
  await news.close();
  const x = await driver.newPage();
  x.goto('https://x.com/janedoe_x').catch(() => {});
  await waitForHref(x, isBlockPage);
  await x.close();
  assert.equal(driver.sites.hits('instagram.com', '/janedoe').length, seen, 'no request for the profile');
  assert.deepEqual(driver.sites.hits('x.com', '/janedoe_x'), []);
});
