// Deadbolt in a real Chromium: the blocking suite written once for both
// browsers (blocking/suite.mjs), and what only Chromium's driver can do: a
// burst of navigations that do not wait for a load, the service worker
// stopped, and the whole browser restarted on its profile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, waitForHref } from './harness.mjs';
import { useChromiumDriver } from './drivers.mjs';
import { blockingSuite } from './blocking/suite.mjs';

const { driver, total, logReaches, expectBlocked, isBlockPage } = blockingSuite(useChromiumDriver);

test('Chrome accepted every compiled rule of the list', () => {
  assert.equal(driver.imported.rules.refused, 0);
  assert.ok(driver.imported.rules.installed >= 10, JSON.stringify(driver.imported.rules));
});

// puppeteer's goto cannot return at the commit, before the load (playwright's waitUntil: 'commit').
test('a burst of 50 attempts logs 50', async () => {
  const start = await total();
  const page = await driver.newPage();
  for (let i = 0; i < 50; i++) {
    await page.goto(`https://www.instagram.com/janedoe/?attempt=${i}`, { waitUntil: 'commit' }).catch(() => {});
  }
  assert.equal(await logReaches(start + 50, 15000), start + 50);
  assert.deepEqual(driver.sites.hits('instagram.com', '/janedoe'), []);
  await page.close();
});

// Firefox runs the background as an event page, not a service worker; stopping it takes CDP.
test('blocking survives the service worker being stopped', async () => {
  const start = await total();
  const page = await driver.newPage();
  const cdp = await driver.browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.goto('https://www.instagram.com/janedoe/').catch(() => {});
  await waitForHref(page, isBlockPage);
  assert.deepEqual(driver.sites.hits('instagram.com', '/janedoe'), []);
  assert.equal(await logReaches(start + 1), start + 1, 'the restarted worker logged it');
  await page.close();
});

// A restart on the same profile needs the profile's path, which only Chromium's launcher keeps.
test('the list and the log survive a browser restart', async () => {
  const start = await total();
  const { userDataDir } = driver.browser;
  await driver.browser.context.close();
  driver.browser = await launch({ port: driver.sites.port, userDataDir });
  const { list } = await driver.ask({ type: 'list' });
  assert.equal(list.people[0].name, 'Jane Doe');
  assert.equal(list.people[0].accounts.length, 4);
  assert.equal(await total(), start);
  const page = await expectBlocked('https://www.instagram.com/janedoe/');
  assert.deepEqual(driver.sites.hits('instagram.com', '/janedoe'), []);
  assert.equal(await logReaches(start + 1), start + 1);
  await page.close();
});

