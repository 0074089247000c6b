// The in-app guard in Firefox, with the Firefox package, on the fake
// single-page apps of tests/e2e/spa/ (one launch for the file): a trusted
// click, middle-click and Enter on a listed person show the block page,
// logged once, and a hover opens no card, with no request naming them at
// the fake platform; a look-alike and another person still fetch and render.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { logReaches, waitForHref } from './harness.mjs';
import { useFirefox } from './firefox.mjs';
import { ACTIVATIONS, APPS, naming, openApp as openAppIn, requestsNaming, SPA_LIST } from './spa/fixtures.mjs';

const running = useFirefox({ list: SPA_LIST });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const attempts = async () => (await running.firefox.ask({ type: 'stats' })).all;

const openApp = (app) => openAppIn(() => running.firefox.browser.newPage(), app);

for (const app of APPS) {
  describe(app.name, () => {
    for (const [name, act] of Object.entries(ACTIVATIONS)) {
      test(`${name} on the listed person: the block page, logged once, no request names them`, async () => {
        const from = running.sites.full.length;
        const logged = await attempts();
        const page = await openApp(app);
        await act(page);
        await waitForHref(page, (href) => href.includes('blocked.html'));
        assert.equal(await logReaches(running.firefox.ask, logged + 1), logged + 1, 'logged once');
        assert.deepEqual(naming(running.sites.full.slice(from), app.host, app.listed), []);
        await page.close();
      });
    }

    test('hover on the listed person opens no card; a look-alike\'s opens; another person\'s click renders', async () => {
      const from = running.sites.full.length;
      const page = await openApp(app);
      await page.hover('#p-listed');
      await sleep(900);  // three times the app's hover delay
      assert.deepEqual(await page.evaluate(() => [window.painted, window.fetched]), [[], []]);
      await page.hover('#p-lookalike');
      await page.waitForFunction((key) => window.painted.includes(key), {}, app.lookalike);
      await page.click('#p-other');
      await page.waitForFunction((key) => window.painted.includes(key), {}, app.other);
      assert.deepEqual(naming(running.sites.full.slice(from), app.host, app.listed), []);
      assert.ok(await requestsNaming(running.sites.full, from, app.host, app.lookalike) >= 2, 'the look-alike\'s API and avatar');
      assert.ok(await requestsNaming(running.sites.full, from, app.host, app.other) >= 2, 'the other person\'s API and avatar');
      await page.close();
    });
  });
}
