// Deadbolt in a real Chromium: blocked before the page loads, logged once,
// and still there after the worker or the whole browser restarts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, ask, launch, useBrowser, waitForHref } from './harness.mjs';

const isBlockPage = (href) => href.includes('/extension/pages/blocked.html#');

let sites;
let browser;

async function total() {
  return (await ask(browser, { type: 'stats' })).all;
}

const logReaches = (expected, timeout) => harness.logReaches((m) => ask(browser, m), expected, timeout);

/** Navigates a fresh tab to `url`; returns the tab once it shows the block page. */
async function expectBlocked(url) {
  const page = await browser.context.newPage();
  await page.goto(url).catch(() => {});  // aborted by the redirect
  const href = await waitForHref(page, isBlockPage);
  assert.equal(decodeURIComponent(href.slice(href.indexOf('#') + 1)), url);
  return page;
}

useBrowser({
  list: DEMO_LIST,
  ready: (b, s, imported) => {
    browser = b;
    sites = s;
    assert.equal(imported.rules.refused, 0, 'Chrome accepted every compiled rule');
    assert.ok(imported.rules.installed >= 10, JSON.stringify(imported.rules));
  },
});

describe('full navigations never reach the profile', () => {
  for (const url of [
    'https://www.instagram.com/janedoe/',
    'https://instagram.com/JaneDoe',
    'https://www.instagram.com/stories/janedoe/3141592653589793238/',
    'https://x.com/janedoe_x',
    'https://www.facebook.com/profile.php?id=100012345678901',
    'https://www.linkedin.com/in/jane-doe-123/',
  ]) {
    test(`typed: ${url}`, async () => {
      const start = await total();
      const page = await expectBlocked(url);
      const path = new URL(url).pathname;
      assert.deepEqual(sites.hits(new URL(url).hostname.replace(/^www\./, ''), path), [], 'no request reached the site');
      assert.equal(await logReaches(start + 1), start + 1, 'logged exactly once');
      await page.close();
    });
  }

  for (const [name, link] of [['a link clicked on another site', '#profile'], ['a redirect link (l.facebook.com) to the profile', '#redirect']]) {
    test(name, async () => {
      const start = await total();
      const page = await browser.context.newPage();
      await page.goto('https://news.example/');
      await page.click(link);
      await waitForHref(page, isBlockPage);
      assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
      assert.equal(await logReaches(start + 1), start + 1);
      await page.close();
    });
  }
});

test('a search for the name is blocked', async () => {
  const start = await total();
  const page = await expectBlocked('https://www.google.com/search?q=jane+doe+instagram');
  assert.deepEqual(sites.hits('google.com', '/search'), [], 'stopped before the request by a keyword rule');
  assert.equal(await logReaches(start + 1), start + 1);
  await page.close();
});

test('a single-page-app navigation (pushState) into the profile is blocked', async () => {
  const start = await total();
  const page = await browser.context.newPage();
  await page.goto('https://www.instagram.com/');
  await page.click('#spa');
  await waitForHref(page, isBlockPage);
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), [], 'pushState sends no request for the profile');
  assert.equal(await logReaches(start + 1), start + 1, 'one attempt, though several events saw it');
  await page.close();
});

test('a profile that is not listed loads', async () => {
  const start = await total();
  const page = await browser.context.newPage();
  await page.goto('https://www.instagram.com/natgeo/');
  assert.equal(await page.textContent('h1'), 'PROFILE www.instagram.com/natgeo/');
  assert.equal(sites.hits('instagram.com', '/natgeo/').length, 1);
  assert.equal(await logReaches(start), start);
  await page.close();
});

test('a burst of 50 attempts logs 50', async () => {
  const start = await total();
  const page = await browser.context.newPage();
  for (let i = 0; i < 50; i++) {
    await page.goto(`https://www.instagram.com/janedoe/?attempt=${i}`, { waitUntil: 'commit' }).catch(() => {});
  }
  assert.equal(await logReaches(start + 50, 15000), start + 50);
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
  await page.close();
});

test('the popup count goes up', async () => {
  const popup = await browser.context.newPage();
  await popup.goto(browser.url('extension/pages/popup.html'));
  await popup.waitForFunction(() => document.querySelector('#streak').textContent !== '');  // rendered
  const before = Number(await popup.textContent('#total'));
  const start = await total();
  assert.equal(before, start);
  (await expectBlocked('https://www.instagram.com/janedoe/reels/')).close();
  await logReaches(start + 1);
  await popup.reload();
  await popup.waitForFunction((n) => document.querySelector('#total').textContent === String(n), start + 1);
  await popup.close();
});

test('blocking survives the service worker being stopped', async () => {
  const start = await total();
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.goto('https://www.instagram.com/janedoe/').catch(() => {});
  await waitForHref(page, isBlockPage);
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
  assert.equal(await logReaches(start + 1), start + 1, 'the restarted worker logged it');
  await page.close();
});

test('the list and the log survive a browser restart', async () => {
  const start = await total();
  const { userDataDir } = browser;
  await browser.context.close();
  browser = await launch({ port: sites.port, userDataDir });
  const { list } = await ask(browser, { type: 'list' });
  assert.equal(list.people[0].name, 'Jane Doe');
  assert.equal(list.people[0].accounts.length, 4);
  assert.equal(await total(), start);
  const page = await expectBlocked('https://www.instagram.com/janedoe/');
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
  assert.equal(await logReaches(start + 1), start + 1);
  await page.close();
});
