// The in-app guard (extension/content/guard.js) in Chromium, on the fake
// single-page apps of tests/e2e/spa/: a trusted click, middle-click, Enter
// and a typeahead row on a listed person show the block page, logged once,
// a hover opens no card and a drag carries nothing; in every case the fake platform's server sees
// no request naming them (their API, their avatar), so nothing of them is
// painted (the apps render only after their API answered). A look-alike
// handle and another person still fetch and render. A synthetic click from
// the page's own script is not cancelled (probing learns nothing from the
// guard); what stops it then is the rules on the apps' API, where the API
// names the person in its URL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { logReaches, useBrowser, waitForHref } from './harness.mjs';
import { ACTIVATIONS as BASE_ACTIVATIONS, APPS, naming, openApp as openAppIn, requestsNaming, SPA_LIST } from './spa/fixtures.mjs';

let browser;
let sites;
let extensionPage;  // one of Deadbolt's pages, kept open to ask the worker
useBrowser({
  list: SPA_LIST,
  ready: async (b, s) => {
    browser = b;
    sites = s;
    extensionPage = await b.context.newPage();
    await extensionPage.goto(b.url('extension/pages/welcome.html'));
  },
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const askWorker = (message) => extensionPage.evaluate((m) => chrome.runtime.sendMessage(m), message);
const attempts = async () => (await askWorker({ type: 'stats' })).all;

const openApp = (app) => openAppIn(() => browser.context.newPage(), app);

const ACTIVATIONS = {
  ...BASE_ACTIVATIONS,
  'a typeahead row': async (page, app) => {
    await page.fill('#search', 'jane');
    await page.click(`[data-row="${app.listed}"]`);
  },
};

for (const app of APPS) {
  describe(app.name, () => {
    for (const [name, act] of Object.entries(ACTIVATIONS)) {
      test(`${name} on the listed person: the block page, logged once, no request names them`, async () => {
        const from = sites.full.length;
        const logged = await attempts();
        const page = await openApp(app);
        await act(page, app);
        await waitForHref(page, (href) => href.includes('blocked.html'));
        assert.equal(await logReaches(askWorker, logged + 1), logged + 1, 'logged once');
        assert.deepEqual(naming(sites.full.slice(from), app.host, app.listed), []);
        await page.close();
      });
    }

    test('hover on the listed person opens no card; on a look-alike it does', async () => {
      const from = sites.full.length;
      const page = await openApp(app);
      await page.hover('#p-listed');
      await sleep(900);  // three times the app's hover delay
      assert.deepEqual(await page.evaluate(() => [window.painted, window.fetched]), [[], []]);
      assert.deepEqual(naming(sites.full.slice(from), app.host, app.listed), []);
      await page.hover('#p-lookalike');
      await page.waitForFunction((key) => window.painted.includes(key), app.lookalike);
      assert.ok(await requestsNaming(sites.full, from, app.host, app.lookalike) >= 2, 'the look-alike\'s API and avatar');
      await page.close();
    });

    test('a drag of the listed person\'s link carries nothing; a look-alike\'s carries its link', async () => {
      const page = await openApp(app);
      await page.dragAndDrop('#p-listed', '#search');
      await page.dragAndDrop('#p-lookalike', '#search');
      const dropped = await page.evaluate(() => window.dropped);
      assert.equal(dropped.length, 1, JSON.stringify(dropped));
      assert.ok(dropped[0].includes(await page.getAttribute('#p-lookalike', 'href')), dropped[0]);
      await page.close();
    });

    test('clicks on a look-alike and on another person fetch, render and navigate in-app', async () => {
      for (const [id, key] of [['#p-lookalike', app.lookalike], ['#p-other', app.other]]) {
        const from = sites.full.length;
        const page = await openApp(app);
        const href = await page.getAttribute(id, 'href');
        await page.click(id);
        await page.waitForFunction((k) => window.painted.includes(k), key);
        assert.equal(await page.evaluate(() => location.pathname + location.search), href);
        assert.ok(naming(sites.full.slice(from), app.host, key).length >= 2, `${key}: API and avatar requested`);
        await page.close();
      }
    });

    test('a synthetic click from the page is not cancelled: the app handles it as for anyone', async () => {
      const from = sites.full.length;
      const page = await openApp(app);
      // The app's own handler ran on it (it asks for the person in the same task).
      const fetched = await page.evaluate(() => {
        document.querySelector('#p-listed').click();
        return window.fetched;
      });
      assert.deepEqual(fetched, [app.listed]);
      await sleep(500);
      const reached = naming(sites.full.slice(from), app.host, app.listed);
      if (app.inBody) {
        // Facebook names the person only in the POST body of /api/graphql/:
        // no URL rule can see it, so a page's own script reaches it (the
        // navigation that follows is blocked by the listeners).
        assert.ok(reached.length >= 1, 'the body-only API is not a URL rule\'s to stop');
      } else {
        // The rules on the apps' own API (issue 19, i19) stop the request.
        assert.deepEqual(reached, []);
        assert.equal(await page.evaluate(() => document.querySelector('#status').textContent), 'Something went wrong');
        assert.deepEqual(await page.evaluate(() => window.painted), []);
      }
      await page.close();
    });
  });
}
