// Sealed inboxes in Firefox, with the Firefox package: on each inbox's fake
// page no frame shows a trace of a listed person, on first load, when a
// message arrives, when a row is re-rendered to the top and when a row is
// recycled for them; other conversations stay; a title naming them is replaced.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, INBOX_PAGES } from './harness.mjs';
import { useFirefox } from './firefox.mjs';
import { assertClean, INBOX_LIST } from './inbox/fixtures.mjs';

const running = useFirefox({ list: INBOX_LIST });

const report = (page) => page.evaluate(() => window.inboxTest.report());

for (const [inbox, url] of Object.entries(INBOX_PAGES)) {
  test(`${inbox}: first load, arrival, re-render to the top, recycled row, open conversation and title show no trace of them`, async () => {
    const page = await running.firefox.browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.inboxTest?.frames > 3);
    await animationFrames(page, 5);
    assertClean(await report(page), 'first load');
    await page.evaluate(() => {
      window.inboxTest.arrive('listed');
      window.inboxTest.arrive('friend');
      window.inboxTest.toTop(':scope > :has([data-trace])');
    });
    await animationFrames(page);
    assertClean(await report(page), 'arrival and re-render');
    await page.evaluate(() => window.inboxTest.recycle(':scope > :has([data-shown]):not(:has([data-trace]))', 'listed'));
    await animationFrames(page);
    assertClean(await report(page), 'a recycled row');
    if (await page.evaluate(() => !!document.getElementById('pane-friend'))) {
      // The open conversation beside the list: another's shown, theirs sealed again.
      await page.evaluate(() => window.inboxTest.openPane('friend'));
      await animationFrames(page);
      assert.deepEqual((await report(page)).shownHidden, [], 'another person\'s open conversation is shown');
      await page.evaluate(() => window.inboxTest.openPane('listed'));
      await animationFrames(page);
      assertClean(await report(page), 'their conversation opened again');
      if (await page.evaluate(() => !!document.getElementById('pane-lookalike'))) {
        await page.evaluate(() => window.inboxTest.openPane('lookalike'));
        await animationFrames(page);
        assert.deepEqual((await report(page)).shownHidden, [], 'a look-alike\'s open conversation is shown');
      }
    }
    await page.evaluate(() => { document.title = '(1) Jane Doe'; });
    await animationFrames(page, 3);
    assert.equal(await page.evaluate(() => document.title), 'Messages');
    await page.close();
  });
}

// Headless Firefox cannot show a service worker's notifications at all
// (showNotification fails with NS_ERROR_FAILURE, measured; getNotifications
// stays empty), so which ones are shown is checked in Chromium; here, that
// the page gets the same answer for every one it raises.
test('whatsapp: notifications raised through the service worker registration all answer alike to the page', async () => {
  const page = await running.firefox.browser.newPage();
  await page.goto(INBOX_PAGES.whatsapp);
  await page.waitForFunction(() => window.inboxTest?.frames > 3);
  const answers = [];
  for (const [title, body] of [['Jane Doe', 'are you up?'], ['Mum', 'dinner on Sunday?'], ['+1 555 123 4567', 'new number'], ['Janey', 'please']]) {
    answers.push(await page.evaluate((t, b) => window.inboxTest.notifyViaWorker(t, b), title, body));
  }
  assert.deepEqual(answers, ['resolved', 'resolved', 'resolved', 'resolved'], 'every one answered alike');
  await page.close();
});
