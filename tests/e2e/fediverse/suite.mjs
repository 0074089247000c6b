// Mastodon on an instance no catalog lists, written once for both browsers
// (tests/e2e/fediverse.test.mjs, tests/e2e/firefox-fediverse.test.mjs): the
// person adds the instance they read on in the settings, and from then on
// the listed people's statuses, boosts, quotes, mentions and notifications
// are hidden there before a frame is painted (the feed and guard scripts
// registered for that host: scripting.registerContentScripts); until then,
// and again once a removal has waited out its cool-down, Deadbolt runs
// nothing there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames } from '../harness.mjs';
import { assertClean } from '../feeds/fixtures.mjs';
import { FEDIVERSE_LIST, FEDIVERSE_PAGE } from '../feeds/fediverse.mjs';

const report = (page) => page.evaluate(() => window.feedTest.report());

/** `useDriver`: drivers.mjs's useChromiumDriver or useFirefoxDriver. */
export function fediverseSuite(useDriver) {
  const driver = useDriver({ list: FEDIVERSE_LIST });
  const registered = () => driver.inExtension(() => chrome.scripting.getRegisteredContentScripts());

  async function open(url) {
    const page = await driver.newPage();
    await page.goto(url);
    await page.bringToFront();
    await page.waitForFunction(() => window.feedTest?.frames > 3);
    await animationFrames(page, 5);
    return page;
  }

  /** Types `text` into the settings' instance field, replacing what it held, and waits for the core's reading. */
  async function typeInstance(settings, text, reading) {
    await settings.page.evaluate(() => { document.getElementById('instance').value = ''; });
    await settings.page.type('#instance', text);
    await driver.waitFor(settings.page, (want) => document.getElementById('instance-readback').textContent === want, reading);
  }

  test('before the instance is added, Deadbolt runs nothing there', async () => {
    assert.deepEqual(await registered(), []);
    const page = await open(FEDIVERSE_PAGE);
    const r = await report(page);
    assert.ok(r.listedRendered.length > 0, 'the listed statuses render: no script decided them');
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).visibility), 'visible');
    await page.close();
  });

  test('the settings add the instance: the browser is asked for the site, the scripts are registered', async () => {
    const settings = await driver.openExtensionPage('extension/pages/options.html');
    await typeInstance(settings, 'instagram.com', "That's not a Mastodon server, but Deadbolt already works there.");
    await typeInstance(settings, 'https://social.example/home', 'Deadbolt will also work on social.example');
    await settings.page.click('#instance-form button[type=submit]');
    await driver.waitFor(settings.page, () => document.getElementById('instance-readback').textContent ===
      'Added. Deadbolt now keeps them out of your feed on social.example.');
    assert.equal(await settings.page.evaluate(() => chrome.permissions.contains({ origins: ['https://social.example/*'] })), true);
    const scripts = await registered();
    assert.equal(scripts.length, 1);
    assert.deepEqual(scripts[0].matches, ['https://social.example/*']);
    assert.ok(scripts[0].js.some((f) => f.endsWith('content/feeds.js')) && scripts[0].js.some((f) => f.endsWith('content/guard.js')));
    assert.equal(scripts[0].runAt.toLowerCase(), 'document_start');
    await settings.close();
  });

  test('on the added instance: listed statuses, boosts, quotes, mentions and notifications hidden, no frame painted', async () => {
    const page = await open(FEDIVERSE_PAGE);
    assertClean(await report(page), 'first load');
    await page.evaluate(() => window.feedTest.skeleton());
    const { listed, shown } = await page.evaluate(() => window.feedTest.recycle());
    await animationFrames(page);
    const r = await report(page);
    assertClean(r, 'skeleton and recycled');
    assert.ok(!r.listedRendered.includes(listed) && !r.shownHidden.includes(shown));
    await page.evaluate(() => window.feedTest.scroll(300));
    await animationFrames(page);
    assertClean(await report(page), 'scroll');
    await page.close();
  });

  test('with the instance\'s site access taken back, the protection check says so, with a way to allow it', async () => {
    // As the person can: every site's access taken back (in Chromium the
    // instance is covered by Deadbolt's own host permissions, so only that
    // takes it away).
    await driver.withholdSiteAccess();
    assert.equal(await driver.inExtension(() => chrome.permissions.contains({ origins: ['https://social.example/*'] })), false);
    const { problems } = await driver.ask({ type: 'health' });
    assert.deepEqual(problems.filter((p) => p.kind === 'instanceAccess').map((p) => p.domains), [['social.example']], JSON.stringify(problems));
    const settings = await driver.openExtensionPage('extension/pages/options.html');
    await driver.waitFor(settings.page, () => [...document.querySelectorAll('#health-notices p')].some((p) =>
      p.textContent.includes("can't see social.example any more") && p.querySelector('button')?.textContent === 'Allow'));
    await settings.close();
  });

  test('removing the instance waits out the cool-down, then its scripts are gone', async () => {
    const settings = await driver.openExtensionPage('extension/pages/options.html');
    // Remove, then its confirmation (the same button, relabelled).
    await driver.waitFor(settings.page, () => !!document.querySelector('#instances li button'));
    await settings.page.click('#instances li button');
    await driver.waitFor(settings.page, () => document.querySelector('#instances li button').textContent.startsWith('Remove after'));
    await settings.page.click('#instances li button');
    await driver.waitFor(settings.page, () => document.body.textContent.includes('Stop hiding them on social.example'));
    assert.equal((await registered()).length, 1, 'still there during the cool-down');
    // The cool-down passes: its alarm fires.
    await settings.page.evaluate(async () => {
      const { pending: p } = await chrome.storage.local.get('pending');
      await chrome.storage.local.set({ pending: p.map((c) => ({ ...c, dueAt: Date.now() - 1 })) });
      chrome.alarms.create(`pending:${p[0].id}`, { when: Date.now() });
    });
    for (let i = 0; i < 80 && (await registered()).length; i++) await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(await registered(), []);
    assert.deepEqual((await driver.ask({ type: 'list' })).settings.feedInstances, []);
    await settings.close();
    const page = await open(FEDIVERSE_PAGE);
    assert.ok((await report(page)).listedRendered.length > 0, 'nothing decides the page any more');
    await page.close();
  });
}
