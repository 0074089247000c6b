// The service worker's cold start to its first decision, in Chromium: the
// worker is stopped, woken by a navigation, and reports how long it took
// from its own start to being ready to decide (instantiating the wasm,
// reading and loading the list). Median of several starts.
import { ask, launch } from '../tests/e2e/harness.mjs';

export async function coldStart({ list, starts = 7, extensionDir = undefined }) {
  const browser = await launch({ extensionDir });
  try {
    const result = await ask(browser, { type: 'importList', text: list });
    if (!result.ok) throw new Error(`list refused: ${result.error}`);
    const page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/popup.html'));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const times = [];
    const firstLines = [];
    for (let i = 0; i < starts; i++) {
      await page.evaluate(() => chrome.storage.session.remove(['perf.coldStartMs', 'perf.firstLineMs']));
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
      const first = await page.evaluate(async () => (await chrome.storage.session.get('perf.firstLineMs'))['perf.firstLineMs']);
      if (ms !== undefined && first !== undefined) firstLines.push(first);
    }
    times.sort((a, b) => a - b);
    firstLines.sort((a, b) => a - b);
    return { median_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), runs: times, first_line_median_ms: quantile(firstLines, 0.5) };
  } finally {
    await browser.context.close();
  }
}

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : null);

/**
 * The core alone in one of Deadbolt's pages, with the 1,000-account list:
 * from nothing (each run in a new page) to instantiated, the stored snapshot
 * loaded, and a first decision. Modes: the decider compiled as its file
 * streams in (what the worker does), the decider from bytes fetched first,
 * and the full embind core. Also the decider's memory with the list, and the
 * time to read the snapshot from storage. Medians in milliseconds.
 */
export async function pageCoreReady({ list, runs = 7 }) {
  const browser = await launch();
  try {
    const result = await ask(browser, { type: 'importList', text: list });
    if (!result.ok) throw new Error(`list refused: ${result.error}`);
    const out = { runs: {} };
    for (const mode of ['streaming', 'bytes', 'full']) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.context.newPage();
        await page.goto(browser.url('extension/pages/welcome.html'));
        const ms = await page.evaluate(async (m) => {
          const stored = (await chrome.storage.local.get('list.snapshot'))['list.snapshot'];
          const snapshot = Uint8Array.from(atob(stored.bytes), (c) => c.charCodeAt(0));
          const wasm = chrome.runtime.getURL('extension/wasm/deadbolt_decider.wasm');
          const t0 = performance.now();
          let core;
          if (m === 'full') {
            const { createCore } = await import(chrome.runtime.getURL('extension/core.js'));
            core = await createCore();
          } else {
            const { instantiateDecider } = await import(chrome.runtime.getURL('extension/decider.js'));
            core = await instantiateDecider(m === 'streaming' ? wasm : await (await fetch(wasm)).arrayBuffer());
          }
          if (!core.loadSnapshot(snapshot)) throw new Error('snapshot refused');
          core.blocks('https://www.example.com/');
          return performance.now() - t0;
        }, mode);
        times.push(ms);
        await page.close();
      }
      out.runs[mode] = times.map((t) => +t.toFixed(1));
      out[mode] = quantile([...times].sort((a, b) => a - b), 0.5);
    }
    const page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/welcome.html'));
    Object.assign(out, await page.evaluate(async (text) => {
      const t0 = performance.now();
      const stored = (await chrome.storage.local.get('list.snapshot'))['list.snapshot'];
      const snapshot = Uint8Array.from(atob(stored.bytes), (c) => c.charCodeAt(0));
      const storage_ms = performance.now() - t0;
      const { instantiateDecider } = await import(chrome.runtime.getURL('extension/decider.js'));
      const wasm = chrome.runtime.getURL('extension/wasm/deadbolt_decider.wasm');
      const fromSnapshot = await instantiateDecider(wasm);
      fromSnapshot.loadSnapshot(snapshot);
      const fromList = await instantiateDecider(wasm);
      const error = fromList.load(text);
      if (error) throw new Error(error);
      return { storage_ms, snapshot_bytes: snapshot.length, memory_snapshot: fromSnapshot.memoryBytes(), memory_list: fromList.memoryBytes() };
    }, list));
    await page.close();
    return out;
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
