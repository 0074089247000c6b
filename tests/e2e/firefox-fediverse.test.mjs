// Mastodon on an instance no catalog lists, in Firefox with the Firefox
// package: the instance added in the settings gets the feed scripts
// (scripting.registerContentScripts), the listed people's items are hidden
// with no painted frame, and a removal, once its cool-down is over, takes
// them away again (tests/e2e/fediverse.test.mjs is the same in Chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, waitForHref } from './harness.mjs';
import { openFeedPage, useFirefox } from './firefox.mjs';
import { assertClean } from './feeds/fixtures.mjs';
import { FEDIVERSE_LIST, FEDIVERSE_PAGE } from './feeds/fediverse.mjs';

const running = useFirefox({ list: FEDIVERSE_LIST });

const report = (page) => page.evaluate(() => window.feedTest.report());
const registered = () => running.firefox.page.evaluate(() => chrome.scripting.getRegisteredContentScripts());

const open = (url) => openFeedPage(running, url);

async function until(predicate, what, timeout = 8000) {
  const end = Date.now() + timeout;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('Firefox: an instance added in the settings hides the listed people there, and its removal ends it', async () => {
  let page = await open(FEDIVERSE_PAGE);
  assert.ok((await report(page)).listedRendered.length > 0, 'before: nothing decides the page');
  await page.close();

  const { firefox } = running;
  await firefox.show('extension/pages/options.html');
  const settings = firefox.page;
  await settings.type('#instance', 'social.example');
  await until(() => settings.evaluate(() => document.getElementById('instance-readback').textContent === 'Deadbolt will also work on social.example'), 'the reading');
  await settings.click('#instance-form button[type=submit]');
  await until(() => settings.evaluate(() => document.getElementById('instance-readback').textContent.startsWith('Added.')), 'added')
    .catch(async (e) => { throw new Error(`${e.message}: ${await settings.evaluate(() => document.getElementById('instance-readback').textContent)}`); });
  const scripts = await registered();
  assert.deepEqual(scripts.map((s) => s.matches), [['https://social.example/*']]);

  page = await open(FEDIVERSE_PAGE);
  assertClean(await report(page), 'Firefox, added instance');
  await page.evaluate(() => window.feedTest.recycle());
  await page.evaluate(() => window.feedTest.scroll(300));
  await animationFrames(page);
  assertClean(await report(page), 'Firefox, recycled and scrolled');
  await page.close();

  // Removal waits out the cool-down; made due here, applied when its alarm fires.
  assert.ok((await firefox.ask({ type: 'removeInstance', host: 'social.example' })).pending);
  assert.equal((await registered()).length, 1, 'still there during the cool-down');
  await settings.evaluate(async () => {
    const { pending: p } = await chrome.storage.local.get('pending');
    await chrome.storage.local.set({ pending: p.map((c) => ({ ...c, dueAt: Date.now() - 1 })) });
    chrome.alarms.create(`pending:${p[0].id}`, { when: Date.now() });
  });
  await until(async () => (await registered()).length === 0, 'unregistered');
  page = await open(FEDIVERSE_PAGE);
  assert.ok((await report(page)).listedRendered.length > 0, 'after: nothing decides the page any more');
  await page.close();
  await waitForHref(settings, (href) => href.includes('options.html'));
});
