// Feed items in a real Chromium: the suite written once for both browsers
// (feeds/suite.mjs), and a page opened with the service worker stopped,
// which takes CDP (Firefox runs the background as an event page).
import { test } from 'node:test';
import { stopWorker } from './harness.mjs';
import { useChromiumDriver } from './drivers.mjs';
import { feedSuite, report } from './feeds/suite.mjs';
import { assertClean, FEEDS } from './feeds/fixtures.mjs';

feedSuite(useChromiumDriver, {
  situations: (driver, open) => {
    test('with the worker stopped, a new page is still decided before a frame', async () => {
      await stopWorker(driver.browser);
      for (const url of [FEEDS.instagram, FEEDS.x, FEEDS.reddit]) {
        const page = await open(url);
        assertClean(await report(page), `worker stopped: ${url}`);
        await page.close();
      }
    });
  },
});
