// The service worker's cold start to its first decision, in Chromium: the
// worker is stopped, woken by a navigation, and reports how long it took
// from its own start (its performance.timeOrigin) to being ready to decide,
// and when each step of that ended (background.js start(): its first line,
// the decider instantiated, the snapshot read, the snapshot loaded, the first
// decision). Medians of several starts. Beside it, the same for an empty
// worker: Chromium's own part, which no extension can make shorter.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ask, launch } from '../tests/e2e/harness.mjs';

export async function coldStart({ list, starts = 7, extensionDir = undefined }) {
  const browser = await launch({ extensionDir });
  try {
    if (list !== undefined) {
      const result = await ask(browser, { type: 'importList', text: list });
      if (!result.ok) throw new Error(`list refused: ${result.error}`);
    }
    const page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/popup.html'));
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const times = [];
    const own = [];  // Deadbolt's part: from its first line to the first decision
    const phases = {};
    for (let i = 0; i < starts; i++) {
      await page.evaluate(() => chrome.storage.session.remove(['perf.coldStartMs', 'perf.startPhases']));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await new Promise((r) => setTimeout(r, 300));
      const tab = await browser.context.newPage();
      await tab.goto('https://www.example.com/', { waitUntil: 'commit' }).catch(() => {});  // wakes the worker
      let stored = {};
      for (let wait = 0; wait < 100 && stored['perf.coldStartMs'] === undefined; wait++) {
        stored = await page.evaluate(() => chrome.storage.session.get(['perf.coldStartMs', 'perf.startPhases']));
        if (stored['perf.coldStartMs'] === undefined) await new Promise((r) => setTimeout(r, 50));
      }
      await tab.close();
      if (stored['perf.coldStartMs'] === undefined) continue;
      times.push(stored['perf.coldStartMs']);
      const firstLine = stored['perf.startPhases']?.firstLine;
      if (firstLine !== undefined) own.push(stored['perf.coldStartMs'] - firstLine);
      for (const [name, ms] of Object.entries(stored['perf.startPhases'] ?? {})) (phases[name] ??= []).push(ms);
    }
    const median = (xs) => quantile([...xs].sort((a, b) => a - b), 0.5);
    times.sort((a, b) => a - b);
    return {
      median_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), runs: times,
      own_median_ms: median(own), own_p95_ms: quantile([...own].sort((a, b) => a - b), 0.95),
      phases_median_ms: Object.fromEntries(Object.entries(phases).map(([name, xs]) => [name, median(xs)])),
    };
  } finally {
    await browser.context.close();
  }
}

/**
 * An empty MV3 worker's start to its first line, measured as coldStart
 * measures Deadbolt's: the floor under any extension's cold start here.
 */
export async function emptyWorkerStart({ starts = 7 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-empty-worker-'));
  fs.mkdirSync(path.join(dir, 'extension/pages'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'empty', version: '1', permissions: ['storage', 'webNavigation'],
    background: { service_worker: 'worker.js', type: 'module' },
  }));
  fs.writeFileSync(path.join(dir, 'worker.js'), `const firstLine = performance.now();
chrome.webNavigation.onBeforeNavigate.addListener(() => {});
chrome.storage.session.set({ 'perf.coldStartMs': firstLine, 'perf.startPhases': { firstLine } });
`);
  fs.writeFileSync(path.join(dir, 'extension/pages/popup.html'), '<!doctype html><title>empty</title>');
  try {
    return await coldStart({ starts, extensionDir: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : null);

/**
 * The core alone in one of Deadbolt's pages, with the 1,000-account list:
 * from nothing (each run in a new page) to instantiated, the stored snapshot
 * loaded, and a first decision. Modes: the decider from the bytes its module
 * carries (what the worker and content scripts do), the decider compiled as
 * its .wasm file streams in, the same from bytes fetched first, and the full
 * embind core. Also the decider's memory with the list, and the time to read
 * the snapshot from storage. Medians in milliseconds. (The full core, a
 * list core, loads the list's text: it never takes a snapshot.)
 */
export async function pageCoreReady({ list, runs = 7 }) {
  const browser = await launch();
  try {
    const result = await ask(browser, { type: 'importList', text: list });
    if (!result.ok) throw new Error(`list refused: ${result.error}`);
    const out = { runs: {} };
    for (const mode of ['embedded', 'streaming', 'bytes', 'full']) {
      const times = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.context.newPage();
        await page.goto(browser.url('extension/pages/welcome.html'));
        const ms = await page.evaluate(async (m) => {
          const stored = (await chrome.storage.local.get('list.snapshot'))['list.snapshot'];
          const listText = (await chrome.storage.local.get('list.backup'))['list.backup'];
          const snapshot = Uint8Array.fromBase64(stored.bytes);
          const wasm = chrome.runtime.getURL('extension/built/deadbolt_decider.wasm');
          const t0 = performance.now();
          let core;
          if (m === 'full') {
            const { createCore } = await import(chrome.runtime.getURL('extension/core.js'));
            core = await createCore();
          } else if (m === 'embedded') {
            // The decider's one module, its bytes inside (extension/built/decider.mjs).
            const { instantiateDecider, DECIDER_WASM_BASE64 } = await import(chrome.runtime.getURL('extension/built/decider.mjs'));
            core = await instantiateDecider(Uint8Array.fromBase64(DECIDER_WASM_BASE64));
          } else {
            const { instantiateDecider } = await import(chrome.runtime.getURL('extension/decider.js'));
            core = await instantiateDecider(m === 'streaming' ? wasm : await (await fetch(wasm)).arrayBuffer());
          }
          // A list core holds a whole list, never a snapshot: it reads the list's text.
          if (m === 'full' ? core.load(listText) !== null : !core.loadSnapshot(snapshot)) throw new Error('refused');
          if (m !== 'full') core.blocks('https://www.example.com/');  // the list core decides nothing: loaded is ready
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
    Object.assign(out, await page.evaluate(async () => {
      const t0 = performance.now();
      const stored = (await chrome.storage.local.get('list.snapshot'))['list.snapshot'];
      const snapshot = Uint8Array.fromBase64(stored.bytes);
      const storage_ms = performance.now() - t0;
      const { createDecider } = await import(chrome.runtime.getURL('extension/core.js'));
      const decider = await createDecider();
      const before = decider.memoryBytes();
      if (!decider.loadSnapshot(snapshot)) throw new Error('snapshot refused');
      return { storage_ms, snapshot_bytes: snapshot.length, memory_empty: before, memory_snapshot: decider.memoryBytes() };
    }));
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

/**
 * A blocked navigation to the block page's day count: from the navigation's
 * start (the block page's time origin: the rule redirects within the same
 * navigation) to the frame in which the day count is painted (blocked.js
 * marks it). Median and p95 of `runs` navigations, in milliseconds.
 */
export async function blockPageReady({ list, runs = 7, extensionDir = undefined, mark = 'deadbolt-days-painted' }) {
  const browser = await launch({ extensionDir });
  try {
    // The 1,000-account list, and the profile the navigation opens.
    if (list !== null) {
      const listed = JSON.parse(list);
      listed.people.push({ name: 'Jane', accounts: [{ platform: 'instagram', handle: 'janedoe' }] });
      const result = await ask(browser, { type: 'importList', text: JSON.stringify(listed) });
      if (!result.ok) throw new Error(`list refused: ${result.error}`);
    }
    const times = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.context.newPage();
      await page.bringToFront();  // a tab in the background is never painted
      await page.goto('https://www.instagram.com/janedoe/').catch(() => {});
      const ms = await page.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, mark, { timeout: 10_000 })
        .then((h) => h.jsonValue()).catch(() => null);
      if (ms !== null && page.url().includes('blocked.html')) times.push(ms);
      await page.close();
    }
    times.sort((a, b) => a - b);
    return { median_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), runs: times };
  } finally {
    await browser.context.close();
  }
}

/**
 * The floor under blockPageReady, measured the same way: an extension whose
 * one static rule redirects the same profile to a page with Deadbolt's
 * stylesheet, whose module script writes a line and marks the next frame.
 * What no block page can be faster than here (a new tab's renderer, the
 * redirect, an extension page's load); blockPageReady minus this is
 * Deadbolt's own part.
 */
export async function blockPageFloor({ runs = 7 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-floor-'));
  const pages = path.join(dir, 'extension/pages');
  fs.mkdirSync(pages, { recursive: true });
  const page = 'extension/pages/blocked.html';
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({
    manifest_version: 3, name: 'floor', version: '1', permissions: ['declarativeNetRequest'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'worker.js', type: 'module' },
    declarative_net_request: { rule_resources: [{ id: 'floor', enabled: true, path: 'rules.json' }] },
    web_accessible_resources: [{ resources: [page], matches: ['<all_urls>'], use_dynamic_url: true }],
  }));
  fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify([{
    id: 1, priority: 1,
    action: { type: 'redirect', redirect: { extensionPath: `/${page}` } },
    condition: { regexFilter: '^https://www\\.instagram\\.com/janedoe/$', resourceTypes: ['main_frame'] },
  }]));
  fs.writeFileSync(path.join(dir, 'worker.js'), '');
  fs.copyFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../extension/pages/style.css'), path.join(pages, 'style.css'));
  fs.writeFileSync(path.join(dir, page), '<!doctype html><meta charset="utf-8"><title>floor</title>' +
    '<link rel="stylesheet" href="style.css"><script type="module" src="floor.js"></script><main><p id="streak"></p></main>');
  fs.writeFileSync(path.join(pages, 'floor.js'),
    "document.getElementById('streak').textContent = 'Day 3';\nrequestAnimationFrame(() => performance.mark('deadbolt-days-painted'));\n");
  try {
    return await blockPageReady({ list: null, runs, extensionDir: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * An edit at 1,000 accounts as the settings page sees it: the message sent
 * from the page to the answer received (the core's edit and storing the
 * list; its snapshot, indexes and rules are written after the answer, the
 * rules once edits pause). p95 and median of
 * `edits` accounts added one after another, in milliseconds.
 */
export async function editLatency({ list, edits = 20, extensionDir = undefined }) {
  const browser = await launch({ extensionDir });
  try {
    const result = await ask(browser, { type: 'importList', text: list });
    if (!result.ok) throw new Error(`list refused: ${result.error}`);
    const page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/options.html'));
    // As a person edits: with the page showing their list (and its protection
    // check done), not while it is still loading.
    await page.waitForFunction(() => performance.getEntriesByName('deadbolt-ready').length > 0);
    await page.waitForTimeout(1000);
    const times = await page.evaluate(async (n) => {
      const out = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        const answer = await chrome.runtime.sendMessage({ type: 'addAccount', person: 'Bench', text: `bench_edit_${i}`, platform: 'instagram' });
        if (!answer?.ok) throw new Error(`edit refused: ${JSON.stringify(answer)}`);
        out.push(performance.now() - t0);
      }
      return out;
    }, edits);
    times.sort((a, b) => a - b);
    return { median_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), runs: times };
  } finally {
    await browser.context.close();
  }
}
