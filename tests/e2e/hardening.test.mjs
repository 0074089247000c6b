// Faults and hostile input in the browser: a damaged synced list, a list too
// large for sync, hostile imports, and Deadbolt itself sending nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as harness from './harness.mjs';
import { DEMO_LIST, ask, launch, openBlocked, stopWorker, useBrowser, waitForHref } from './harness.mjs';

let sites;
let browser;

const inExtension = (fn, arg) => harness.inExtension(browser, fn, arg);
const restartWorker = () => stopWorker(browser);
const expectBlocked = async (url) => (await openBlocked(browser, url)).close();

// These tests are of the synced copy: the person has turned sync on.
useBrowser({
  list: DEMO_LIST,
  ready: async (b, s) => {
    browser = b;
    sites = s;
    const result = await ask(b, { type: 'setListSync', on: true });
    if (result?.ok !== true) throw new Error(`sync could not be turned on: ${JSON.stringify(result)}`);
  },
});

test('a damaged synced copy falls back to the local copy, and says so', async () => {
  await inExtension(async () => {
    const { 'list.meta': meta } = await chrome.storage.sync.get('list.meta');
    await chrome.storage.sync.set({ [`list.chunk.${meta.gen}.0`]: '{"version": 1, "people": [garbage' });
    await chrome.storage.local.remove('list.snapshot');
  });
  await restartWorker();
  const { list, problem, unreadable } = await ask(browser, { type: 'list' });
  assert.equal(list.people[0].name, 'Jane Doe');
  assert.match(problem, /synced copy of your list could not be read .*the copy on this device is used/);
  assert.equal(unreadable, 1, 'the damaged copy is kept aside, for the settings page to offer');
  const { lists } = await ask(browser, { type: 'unreadableLists' });
  assert.deepEqual(lists.map((l) => [l.from, l.text]), [['sync', '{"version": 1, "people": [garbage']]);
  await expectBlocked('https://www.instagram.com/janedoe/');
});

test('a missing synced item falls back too', async () => {
  await inExtension(async () => {
    const { 'list.meta': meta } = await chrome.storage.sync.get('list.meta');
    await chrome.storage.sync.remove(`list.chunk.${meta.gen}.0`);
    await chrome.storage.local.remove('list.snapshot');
  });
  await restartWorker();
  const { list, problem } = await ask(browser, { type: 'list' });
  assert.equal(list.people[0].accounts.length, 4);
  assert.match(problem, /Part of the synced copy/);
});

test('a list too large for sync is kept on this device, and the settings say so', async () => {
  const big = JSON.parse(DEMO_LIST);
  for (let i = 0; i < 3000; i++) big.people[0].accounts.push({ platform: 'instagram', handle: `someone_${i}`, note: 'x'.repeat(20) });
  const result = await ask(browser, { type: 'importList', text: JSON.stringify(big) });
  assert.equal(result.ok, true, JSON.stringify(result).slice(0, 200));
  assert.equal(result.where.where, 'local');
  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  await options.getByText('kept on this device only', { exact: false }).waitFor();
  await options.close();
  await restartWorker();
  await expectBlocked('https://www.instagram.com/someone_2999/');
});

test('hostile imports are refused with a clear message and change nothing', async () => {
  const before = (await ask(browser, { type: 'list' })).list;
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  for (const [text, expected] of [
    ['not json at all', /not valid JSON/],
    [deep, /nested deeper than 64/],
    ['{"version": 2, "people": []}', /unsupported version 2/],
    ['{"version": 1, "people": [{"name": "X", "accounts": [{"platform": "myspace", "handle": "x"}]}]}', /unknown platform "myspace"/],
    [`{"version":1,"people":[],"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`, /larger than 8 MiB/],
  ]) {
    const result = await ask(browser, { type: 'importList', text });
    assert.match(result.error ?? '', expected, text.slice(0, 40));
  }
  assert.deepEqual((await ask(browser, { type: 'list' })).list, before);
  // And through the page, with a 50 MB file: refused before it is read.
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-big-')), 'huge.json');
  fs.writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 0x20));
  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  await options.getByLabel('Import', { exact: true }).setInputFiles(file);
  await options.getByText('too large to be a Deadbolt list', { exact: false }).waitFor();
  await options.close();
});

test('a web page cannot talk to Deadbolt', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://news.example/');
  const answer = await page.evaluate(async (id) => {
    try {
      return await new Promise((resolve) => chrome.runtime.sendMessage(id, { type: 'list' }, (r) => resolve(r ?? 'no answer')));
    } catch (e) {
      return `refused: ${e.message}`;
    }
  }, browser.extensionId).catch((e) => `refused: ${e.message}`);
  assert.ok(answer === 'no answer' || String(answer).startsWith('refused'), JSON.stringify(answer).slice(0, 100));
  await page.close();
});

test("a content script in a web page, Deadbolt's own, gets no answer from the worker", async () => {
  // A web page has no chrome.runtime; a content script does, with Deadbolt's
  // own extension id, and a page can drive one through the DOM. So the
  // worker's sender check is what keeps the list from it: Deadbolt is
  // loaded here with a probe content script on news.example, which asks the
  // worker for the list and writes what it got into the page.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-probe-'));
  for (const item of ['manifest.json', '_locales', 'extension']) fs.cpSync(path.join(harness.ROOT, item), path.join(dir, item), { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  manifest.content_scripts = [{ matches: ['https://news.example/*'], js: ['probe.js'], run_at: 'document_idle' }];
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'probe.js'), `
    const ask = (type) => new Promise((resolve) => chrome.runtime.sendMessage({ type }, (answer) => {
      const refused = chrome.runtime.lastError?.message;
      resolve(answer === undefined ? { refused: refused ?? 'no answer' } : { answer });
    }));
    Promise.all(['list', 'exportList', 'letters'].map(ask)).then((answers) => {
      document.documentElement.dataset.probe = JSON.stringify(answers);
    });`);
  const own = await launch({ port: sites.port, extensionDir: dir });
  try {
    assert.equal((await ask(own, { type: 'importList', text: DEMO_LIST })).ok, true, 'its own pages are answered');
    const page = await own.context.newPage();
    await page.goto('https://news.example/');
    const probe = JSON.parse(await page.waitForFunction(() => document.documentElement.dataset.probe).then((h) => h.jsonValue()));
    assert.equal(probe.length, 3);
    for (const answer of probe) assert.ok('refused' in answer, `answered a content script: ${JSON.stringify(answer).slice(0, 120)}`);
  } finally {
    await own.context.close();
  }
});

test('Deadbolt itself sends no request, to any host', async () => {
  // A browser of its own in which every host name leads to the fake sites.
  const own = await launch({ port: sites.port, everyHost: true });
  const seen = sites.requests.length;
  try {
    assert.equal((await ask(own, { type: 'importList', text: DEMO_LIST })).ok, true);
    for (const page of ['popup', 'options', 'welcome']) {
      const tab = await own.context.newPage();
      await tab.goto(own.url(`extension/pages/${page}.html`));
      await tab.waitForFunction(() => performance.getEntriesByName('deadbolt-ready').length > 0);
      await tab.close();
    }
    await ask(own, { type: 'addAccount', text: 'https://www.tiktok.com/@jane.doe', person: 'Jane Doe' });
    const blocked = await own.context.newPage();
    await blocked.goto('https://www.instagram.com/janedoe/').catch(() => {});
    await waitForHref(blocked, (href) => href.includes('blocked.html'));
    await blocked.waitForFunction(() => performance.getEntriesByName('deadbolt-ready').length > 0);
    await new Promise((r) => setTimeout(r, 2000));
    // Chromium's own services still call home (account list, component
    // updates) whatever the flags; those are the browser's, not Deadbolt's.
    const browserOwn = (r) => /^(accounts\.google\.com|update\.googleapis\.com|clients\d*\.google\.com|[a-z-]+\.gvt1\.com)\//.test(r);
    assert.deepEqual(sites.requests.slice(seen).filter((r) => !browserOwn(r)), [], 'no request left the browser');
  } finally {
    await own.context.close();
  }
});

test('a web page cannot detect Deadbolt through its block page', async () => {
  const page = await browser.context.newPage();
  await page.goto('https://news.example/');
  const probe = await page.evaluate(async (id) => {
    try {
      const r = await fetch(`chrome-extension://${id}/extension/pages/blocked.html`);
      return `loaded ${r.status}`;
    } catch (e) {
      return 'refused';
    }
  }, browser.extensionId);
  assert.equal(probe, 'refused', 'web_accessible_resources uses a dynamic URL: the static one answers nothing');
  await page.close();
});

test('the worker stopped in the middle of a burst of 50 attempts: the log has 50', async () => {
  await ask(browser, { type: 'deletePrivateData', log: true });
  // An extension page that watches storage.session, where the worker stages
  // what it has received and not yet finished with.
  const watcher = await browser.context.newPage();
  await watcher.goto(browser.url('extension/pages/welcome.html'));
  // Attempts the worker has received: logged, staged, or navigations to the
  // profile staged undecided (not those to the block page that follow them).
  const countReceived = () => watcher.evaluate(async () => {
    const [local, session] = await Promise.all([chrome.storage.local.get(null), chrome.storage.session.get(null)]);
    const ids = new Set(Object.keys(local).filter((k) => k.startsWith('log.')).flatMap((k) => [local[k]].flat().map((e) => e.id)));
    for (const [key, value] of Object.entries(session)) {
      if (key.startsWith('attempt.') || (key.startsWith('nav.') && value.url.startsWith('https://www.instagram.com/'))) {
        ids.add(key.slice(key.indexOf('.') + 1));
      }
    }
    return ids.size;
  });
  const received = async (n) => {
    let count = await countReceived();
    for (let wait = 0; wait < 1000 && count < n; wait++) {
      await new Promise((r) => setTimeout(r, 5));
      count = await countReceived();
    }
    assert.ok(count >= n, `the worker received attempt ${n - 1}`);
  };
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  let stops = 0;  // times Deadbolt's worker was seen to stop
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    stops += versions.filter((v) => v.scriptURL.startsWith(browser.url('')) && v.runningStatus === 'stopped').length;
  });
  await cdp.send('ServiceWorker.enable');
  const stop = async () => {
    const before = stops;
    await cdp.send('ServiceWorker.stopAllWorkers');
    for (let wait = 0; wait < 200 && stops === before; wait++) await new Promise((r) => setTimeout(r, 10));
  };
  for (let i = 0; i < 50; i++) {
    await page.goto(`https://www.instagram.com/janedoe/?burst=${i}`, { waitUntil: 'commit' }).catch(() => {});
    // Stopped as soon as it has received an attempt (its write still under
    // way), and again while it is starting up (the next attempt woke it and
    // it cannot decide yet): five times each. The next attempt waits until
    // the stop is done: a DevTools stop can swallow an event that arrives
    // while it is under way, which Chrome's own idle stop never does.
    if (i % 10 === 5 || i % 10 === 6) {
      await received(i + 1);
      await stop();
    }
  }
  let all = 0;
  for (let wait = 0; wait < 100 && all < 50; wait++) {
    await new Promise((r) => setTimeout(r, 150));
    all = (await ask(browser, { type: 'stats' })).all;
  }
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await ask(browser, { type: 'stats' })).all, 50);
  await page.close();
  await watcher.close();
});

test('the block page logs an attempt the listener missed, once, and a listened one not again', async () => {
  await ask(browser, { type: 'deletePrivateData', log: true });
  // Opened directly, the block page is the only witness: no navigation to the profile happened.
  const page = await browser.context.newPage();
  await page.goto(`${browser.url('extension/pages/blocked.html')}#https://www.instagram.com/janedoe/?missed`);
  const count = (want) => harness.logReaches((m) => ask(browser, m), want, 4000);
  assert.equal(await count(1), 1, 'the report was logged');
  await page.reload();
  assert.equal(await count(1), 1, 'a reload is not another attempt');
  await page.close();
  // Blocked the usual way, both witnesses see it: one attempt.
  await expectBlocked('https://www.instagram.com/janedoe/?listened');
  assert.equal(await count(2), 2);
  // An address the core allows is never logged, whatever the page says.
  const other = await browser.context.newPage();
  await other.goto(`${browser.url('extension/pages/blocked.html')}#https://www.instagram.com/someone.else/`);
  assert.equal(await count(2), 2);
  await other.close();
});

test('the browser killed right after an add: the add is there after restart', async () => {
  const result = await ask(browser, { type: 'addAccount', text: 'https://www.threads.net/@jane.after.crash', person: 'Jane Doe' });
  assert.equal(result.ok, true, `acknowledged: ${JSON.stringify(result)}`);
  const { userDataDir } = browser;
  // SIGKILL: no shutdown, no flush beyond what the acknowledgement waited for.
  execSync(`pkill -9 -f -- '[-]-user-data-dir=${userDataDir}' || true`);  // [-]: not this shell itself
  await browser.context.close().catch(() => {});
  browser = await launch({ port: sites.port, userDataDir });
  const { list } = await ask(browser, { type: 'list' });
  assert.ok(list.people.some((p) => p.accounts.some((a) => a.handle === 'jane.after.crash')), 'the acknowledged add survived');
  await expectBlocked('https://www.threads.net/@jane.after.crash');
});

test('a quota error while saving keeps the list on this device', async () => {
  const own = await launch({ port: sites.port });  // a profile of its own: the list above is large now
  try {
    assert.equal((await ask(own, { type: 'setListSync', on: true })).ok, true, 'sync turned on');
    const inOwn = async (fn) => {
      const page = await own.context.newPage();
      await page.goto(own.url('extension/pages/welcome.html'));
      await page.evaluate(fn);
      await page.close();
    };
    // Fill browser sync almost to its 100 KB quota with someone else's data.
    await inOwn(async () => {
      const junk = {};
      for (let i = 0; i < 12; i++) junk[`other.${i}`] = 'x'.repeat(7800);
      await chrome.storage.sync.set(junk);
    });
    const list = JSON.parse(DEMO_LIST);
    for (let i = 0; i < 300; i++) list.people[0].accounts.push({ platform: 'x', handle: `quota_${i}` });
    const result = await ask(own, { type: 'importList', text: JSON.stringify(list) });
    assert.equal(result.ok, true);
    assert.equal(result.where.where, 'local');
    assert.match(result.where.reason, /quota/i);
    const page = await own.context.newPage();
    await page.goto('https://x.com/quota_299').catch(() => {});
    await waitForHref(page, (href) => href.includes('blocked.html'));
  } finally {
    await own.context.close();
  }
});
