// The in-app guard (extension/content/guard.js) on the fake single-page apps
// of this folder, written once for both browsers (tests/e2e/spa.test.mjs,
// tests/e2e/firefox-spa.test.mjs): a trusted click, middle-click, Enter and
// a typeahead row on a listed person show the block page, logged once, and a
// hover opens no card; in every case the fake platform's server sees no
// request naming them (their API, their avatar), so nothing of them is
// painted (the apps render only after their API answered). A look-alike
// handle and another person still fetch and render. A synthetic click from
// the page's own script is not cancelled (probing learns nothing from the
// guard); what stops it then is the rules on the apps' API, where the API
// names the person in its URL.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { logReaches, waitForHref } from '../harness.mjs';
import { ACTIVATIONS, APPS, naming, openApp as openAppIn, requestsNaming, SPA_LIST } from './fixtures.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `useDriver`: drivers.mjs's useChromiumDriver or useFirefoxDriver.
 * `more(app, driver, openApp)`: a browser's own tests of `app`, run in its describe.
 */
export function spaSuite(useDriver, { more = () => {} } = {}) {
  const driver = useDriver({ list: SPA_LIST });
  const attempts = async () => (await driver.ask({ type: 'stats' })).all;
  const openApp = (app) => openAppIn(() => driver.newPage(), app);

  for (const app of APPS) {
    describe(app.name, () => {
      for (const [name, act] of Object.entries(ACTIVATIONS)) {
        test(`${name} on the listed person: the block page, logged once, no request names them`, async () => {
          const from = driver.sites.full.length;
          const logged = await attempts();
          const page = await openApp(app);
          await act(page, app);
          await waitForHref(page, (href) => href.includes('blocked.html'));
          assert.equal(await logReaches(driver.ask, logged + 1), logged + 1, 'logged once');
          assert.deepEqual(naming(driver.sites.full.slice(from), app.host, app.listed), []);
          await page.close();
        });
      }

      test('hover on the listed person opens no card; on a look-alike it does', async () => {
        const from = driver.sites.full.length;
        const page = await openApp(app);
        await page.hover('#p-listed');
        await sleep(900);  // three times the app's hover delay
        assert.deepEqual(await page.evaluate(() => [window.painted, window.fetched]), [[], []]);
        assert.deepEqual(naming(driver.sites.full.slice(from), app.host, app.listed), []);
        await page.hover('#p-lookalike');
        await driver.waitFor(page, (key) => window.painted.includes(key), app.lookalike);
        assert.ok(await requestsNaming(driver.sites.full, from, app.host, app.lookalike) >= 2, 'the look-alike\'s API and avatar');
        await page.close();
      });

      test('a link of hers whose picture is a component with its own shadow root: hover and click stopped the same', async () => {
        const from = driver.sites.full.length;
        const page = await openApp(app);
        // The event starts inside the component's tree, where closest() cannot see the link.
        const box = await page.evaluate(() => {
          const avatar = document.createElement('x-avatar');
          avatar.attachShadow({ mode: 'open' }).innerHTML = '<span style="display:inline-block;width:24px;height:24px;background:#888"></span>';
          document.querySelector('#p-listed').prepend(avatar);
          const { x, y, width, height } = avatar.shadowRoot.firstElementChild.getBoundingClientRect();
          return { x: x + width / 2, y: y + height / 2 };
        });
        await page.mouse.move(box.x, box.y);
        await sleep(900);  // three times the app's hover delay
        assert.deepEqual(await page.evaluate(() => [window.painted, window.fetched]), [[], []]);
        await page.mouse.click(box.x, box.y);
        await waitForHref(page, (href) => href.includes('blocked.html'));
        assert.deepEqual(naming(driver.sites.full.slice(from), app.host, app.listed), []);
        await page.close();
      });

      test('clicks on a look-alike and on another person fetch, render and navigate in-app', async () => {
        for (const [id, key] of [['#p-lookalike', app.lookalike], ['#p-other', app.other]]) {
          const from = driver.sites.full.length;
          const page = await openApp(app);
          const href = await page.evaluate((selector) => document.querySelector(selector).getAttribute('href'), id);
          await page.click(id);
          await driver.waitFor(page, (k) => window.painted.includes(k), key);
          assert.equal(await page.evaluate(() => location.pathname + location.search), href);
          assert.ok(await requestsNaming(driver.sites.full, from, app.host, key) >= 2, `${key}: API and avatar requested`);
          await page.close();
        }
      });

      test('a synthetic click from the page is not cancelled: the app handles it as for anyone', async () => {
        const from = driver.sites.full.length;
        const page = await openApp(app);
        // The app's own handler ran on it (it asks for the person in the same task).
        const fetched = await page.evaluate(() => {
          document.querySelector('#p-listed').click();
          return window.fetched;
        });
        assert.deepEqual(fetched, [app.listed]);
        await sleep(500);
        const reached = naming(driver.sites.full.slice(from), app.host, app.listed);
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

      if (app.api) {
        test('another site\'s page asking the API for the listed person gets what it gets for anyone; the app\'s own ask is still stopped', async () => {
          // A failed request would tell that page the handle is listed; it
          // cannot read the answer, so letting it through shows nobody anything.
          const from = driver.sites.full.length;
          const page = await driver.newPage();
          await page.goto('https://news.example/');
          const ask = (url) => page.evaluate((u) => fetch(u, { mode: 'no-cors', credentials: 'include' })
            .then((r) => `answered ${r.type}`, (e) => `failed (${e.name})`), url);
          const listed = await ask(`https://${app.host}${app.api(app.listed)}`);
          const lookalike = await ask(`https://${app.host}${app.api(app.lookalike)}`);
          assert.equal(listed, lookalike, 'the listed person\'s request fares as a look-alike\'s');
          assert.equal(naming(driver.sites.full.slice(from), app.host, app.listed).length, 1, 'it reached the site, as anyone\'s');
          await page.close();
          // The same request from the app's own page is still stopped before it leaves.
          const at = driver.sites.full.length;
          const own = await openApp(app);
          const outcome = await own.evaluate((u) => fetch(u, { credentials: 'include' }).then(() => 'answered', () => 'failed'), app.api(app.listed));
          assert.equal(outcome, 'failed');
          assert.deepEqual(naming(driver.sites.full.slice(at), app.host, app.listed), []);
          await own.close();
        });
      }

      more(app, driver, openApp);
    });
  }

  test('a listed person\'s embed framed on another site is stopped; a look-alike\'s loads', async () => {
    // TikTok's creator embed: a frame whose initiator is the embedding page.
    const from = driver.sites.full.length;
    const page = await driver.newPage();
    await page.goto('https://news.example/');
    await page.evaluate(() => {
      for (const h of ['janedoe', 'janedoe2']) {
        const frame = document.createElement('iframe');
        frame.src = `https://www.tiktok.com/embed/@${h}`;
        document.body.append(frame);
      }
    });
    const embeds = (h) => naming(driver.sites.full.slice(from), 'www.tiktok.com', h).filter((r) => r.includes('/embed/'));
    for (let i = 0; i < 50 && !embeds('janedoe2').length; i++) await sleep(100);
    assert.equal(embeds('janedoe2').length, 1, 'the look-alike\'s embed loaded');
    await sleep(300);
    assert.deepEqual(embeds('janedoe'), []);
    await page.close();
  });
  // Last in the file: it turns her posts' hiding on, which only a cool-down turns off.
  describe('with her posts hidden in feeds too (the guard decides with the feed script\'s core)', () => {
    // Facebook's app names a person only in a POST body, so no rule stands
    // behind the guard there: what the app asked for (window.fetched) is what
    // the guard let through.
    const app = APPS.find((a) => a.name === 'facebook');
    const stored = (keys) => driver.inExtension((k) => chrome.storage.local.get(k), keys);
    let shownIndex = null;  // the feed index while her posts are shown in feeds

    test('turned on, the feed index is the whole list, and says so', async () => {
      shownIndex = (await stored(['feeds.index']))['feeds.index'];
      assert.equal((await driver.ask({ type: 'setFeeds', person: 'Jane Doe', on: true })).ok, true);
      let both = {};
      for (let i = 0; i < 50; i++) {
        both = await stored(['feeds.index', 'list.snapshot']);
        if (both['feeds.index']?.snapshot === both['list.snapshot']?.bytes) break;
        await sleep(100);
      }
      assert.equal(both['feeds.index'].snapshot, both['list.snapshot'].bytes);
      assert.equal(both['feeds.index'].whole, true, 'marked as the whole list, for the guard');
      assert.notEqual(shownIndex.snapshot, both['list.snapshot'].bytes, 'without her, the feed index was not');
      assert.equal(shownIndex.whole, false);
    });

    test('a link of hers the feed leaves in place is stopped; a look-alike\'s is not', async () => {
      const from = driver.sites.full.length;
      const page = await openApp(app);
      // Outside any list, as a profile header or a byline is: no feed item to hide.
      await page.evaluate(({ listed, lookalike }) => {
        for (const [id, key] of [['solo-listed', listed], ['solo-lookalike', lookalike]]) {
          const a = document.createElement('a');
          a.id = id;
          a.href = `/profile.php?id=${key}`;
          a.textContent = `Profile ${id}`;
          a.style.cssText = 'display: block; padding: 8px';
          document.body.append(a);
        }
      }, app);
      await page.hover('#solo-listed');
      await sleep(900);  // three times the app's hover delay
      assert.deepEqual(await page.evaluate(() => window.fetched), [], 'the app asked for nothing');
      await page.hover('#solo-lookalike');
      await driver.waitFor(page, (key) => window.fetched.includes(key), app.lookalike);
      await page.click('#solo-listed');
      await waitForHref(page, (href) => href.includes('blocked.html'));
      assert.deepEqual(naming(driver.sites.full.slice(from), app.host, app.listed), []);
      await page.close();
    });

    test('her posts shown in feeds again while the app is open: her links are still stopped at once', async () => {
      const page = await openApp(app);
      const display = () => page.evaluate(() => getComputedStyle(document.querySelector('#p-listed').closest('li')).display);
      assert.equal(await display(), 'none', 'hidden by the feed script while her posts are hidden');
      // Her posts shown again (as when the cool-down of "off" ends): the feed
      // index loses her, the whole list keeps her, so the feed script's core
      // no longer holds what the guard decides with.
      await driver.inExtension((index) => chrome.storage.local.set({ 'feeds.index': index }), shownIndex);
      await driver.waitFor(page, () => getComputedStyle(document.querySelector('#p-listed').closest('li')).display !== 'none');
      const from = driver.sites.full.length;
      await page.hover('#p-listed');
      await sleep(900);
      assert.deepEqual(await page.evaluate(() => window.fetched), [], 'the app asked for nothing');
      await page.click('#p-listed');
      await waitForHref(page, (href) => href.includes('blocked.html'));
      assert.deepEqual(naming(driver.sites.full.slice(from), app.host, app.listed), []);
      await page.close();
    });
  });
}
