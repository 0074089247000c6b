// The in-app guard in Chromium: the suite written once for both browsers
// (spa/suite.mjs), and a drag, which only Chromium's driver can make.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromiumDriver } from './drivers.mjs';
import { spaSuite } from './spa/suite.mjs';

spaSuite(useChromiumDriver, {
  // puppeteer-core has no drag over WebDriver BiDi in Firefox 153.
  more: (app, driver, openApp) => {
    test('a drag of the listed person\'s link carries nothing; a look-alike\'s carries its link', async () => {
      const page = await openApp(app);
      await page.dragAndDrop('#p-listed', '#search');
      await page.dragAndDrop('#p-lookalike', '#search');
      const dropped = await page.evaluate(() => window.dropped);
      assert.equal(dropped.length, 1, JSON.stringify(dropped));
      assert.ok(dropped[0].includes(await page.getAttribute('#p-lookalike', 'href')), dropped[0]);
      await page.close();
    });
  },
});
