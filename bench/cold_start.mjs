// The service worker's cold start to its first decision, in Chromium: the
// worker is stopped, woken by a navigation, and reports how long it took
// from its own start to being ready to decide (instantiating the wasm,
// reading and loading the list). Median of several starts.
import { ask, launch } from '../tests/e2e/harness.mjs';

export async function coldStart({ list, starts = 7 }) {
  const browser = await launch();
  try {
    const result = await ask(browser, { type: 'importList', text: list });
    if (!result.ok) throw new Error(`list refused: ${result.error}`);
    const page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/popup.html'));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const times = [];
    for (let i = 0; i < starts; i++) {
      await page.evaluate(() => chrome.storage.session.remove('perf.coldStartMs'));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 300));
      const tab = await browser.context.newPage();
      await tab.goto('https://www.example.com/', { waitUntil: 'commit' }).catch(() => {});  // wakes the worker
      let ms;
      for (let wait = 0; wait < 100 && ms === undefined; wait++) {
        ms = await page.evaluate(async () => (await chrome.storage.session.get('perf.coldStartMs'))['perf.coldStartMs']);
        if (ms === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      await tab.close();
      if (ms !== undefined) times.push(ms);
    }
    times.sort((a, b) => a - b);
    return { median_ms: times[Math.floor((times.length - 1) / 2)], runs: times };
  } finally {
    await browser.context.close();
  }
}

/**
 * First contentful paint of each of Deadbolt's pages, opened from the
 * extension: median of `runs` openings each, in milliseconds.
 */
export async function firstPaint({ list, runs = 5 }) {
  const browser = await launch();
  try {
    await ask(browser, { type: 'importList', text: list });
    const pages = {
      blocked: 'https://www.instagram.com/janedoe/',
      popup: browser.url('extension/pages/popup.html'),
      settings: browser.url('extension/pages/options.html'),
      welcome: browser.url('extension/pages/welcome.html'),
    };
    const result = {};
    for (const [name, url] of Object.entries(pages)) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.context.newPage();
        await page.bringToFront();  // a tab in the background is never painted
        await page.goto(url).catch(() => {});
        if (name === 'blocked') await page.waitForURL(/blocked\.html/).catch(() => {});
        await page.waitForLoadState('load').catch(() => {});
        const fcp = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, null, { timeout: 5000 })
          .then((h) => h.jsonValue()).catch(() => null);
        if (fcp !== null) times.push(fcp);
        await page.close();
      }
      times.sort((a, b) => a - b);
      if (times.length) result[name] = times[Math.floor((times.length - 1) / 2)];
    }
    return result;
  } finally {
    await browser.context.close();
  }
}
