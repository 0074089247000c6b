// The key scenarios in Firefox, with the Firefox package exactly as it would
// go to addons.mozilla.org: typed profile, a link through a redirector, a
// single-page-app navigation, a search for the name, a profile that is not
// listed, and the popup's count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, waitForHref } from './harness.mjs';
import { useFirefox } from './firefox.mjs';

const running = useFirefox({ list: DEMO_LIST });

const isBlockPage = (href) => href.startsWith(running.firefox.url('extension/pages/blocked.html'));
const total = async () => (await running.firefox.ask({ type: 'stats' })).all;

const logReaches = (want) => harness.logReaches(running.firefox.ask, want, 5000);

/** Opens a new tab on `url`; returns it once it shows the block page. */
async function expectBlocked(url) {
  const page = await running.firefox.browser.newPage();
  await page.goto(url).catch(() => {});  // the redirect interrupts the navigation
  await waitForHref(page, isBlockPage);
  return page;
}

test('Firefox grants the host permission the redirect rules need', async () => {
  const { origins } = await running.firefox.page.evaluate(() => chrome.permissions.getAll());
  assert.ok(origins.includes('<all_urls>'), `granted: ${origins.join(', ')}`);
  const { list } = await running.firefox.ask({ type: 'list' });
  assert.equal(list.people[0].name, 'Jane Doe');
});

test('a typed profile is blocked before it is requested, and logged once', async () => {
  const start = await total();
  const page = await expectBlocked('https://www.instagram.com/janedoe/');
  await page.waitForFunction(() => document.querySelector('#who').textContent.includes('Jane Doe'));
  assert.deepEqual(running.sites.hits('instagram.com', '/janedoe'), [], 'no request reached the site');
  assert.equal(await logReaches(start + 1), start + 1);
  await page.close();
});

for (const [name, start, link] of [
  ['a redirect link (l.facebook.com) to the profile is blocked', 'https://news.example/', '#redirect'],
  ['a single-page-app navigation (pushState) into the profile is blocked', 'https://www.instagram.com/', '#spa'],
]) {
  test(name, async () => {
    const before = await total();
    const page = await running.firefox.browser.newPage();
    await page.goto(start);
    await page.click(link);
    await waitForHref(page, isBlockPage);
    assert.deepEqual(running.sites.hits('instagram.com', '/janedoe'), [], 'no request for the profile');
    assert.equal(await logReaches(before + 1), before + 1, 'one attempt, though several events may see it');
    await page.close();
  });
}

test('a search for the name is blocked', async () => {
  const start = await total();
  const page = await expectBlocked('https://www.google.com/search?q=jane+doe+instagram');
  assert.deepEqual(running.sites.hits('google.com', '/search'), []);
  assert.equal(await logReaches(start + 1), start + 1);
  await page.close();
});

test('a profile that is not listed loads', async () => {
  const start = await total();
  const page = await running.firefox.browser.newPage();
  await page.goto('https://www.instagram.com/natgeo/');
  assert.equal(await page.$eval('h1', (h) => h.textContent), 'PROFILE www.instagram.com/natgeo/');
  assert.equal(running.sites.hits('instagram.com', '/natgeo/').length, 1);
  assert.equal(await logReaches(start), start);
  await page.close();
});

test('the popup shows every attempt', async () => {
  const start = await total();
  assert.ok(start >= 4, `the attempts above were logged (${start})`);
  await running.firefox.show('extension/pages/popup.html');
  await running.firefox.page.waitForFunction((n) => document.querySelector('#total').textContent === String(n), {}, start);
  await running.firefox.show('extension/pages/welcome.html');
});
