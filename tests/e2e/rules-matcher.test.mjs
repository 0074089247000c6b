// The compiled rules checked against the browser's own matcher, as
// DuckDuckGo's ddg2dnr checks its rules: with tests/data/blocklist.json
// imported, Chromium's declarativeNetRequest.testMatchOutcome (available to
// unpacked extensions) is asked about every row of tests/data/decisions.tsv.
// The rows marked "rule" must be stopped by a rule before the request (a
// main_frame request), the others must not be; and no rule, of either kind
// (the profile pages' regex rules, the apps' API urlFilters), may match a
// URL the core allows, as a page or as the app's own request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ask, inExtension, useBrowser } from './harness.mjs';

const LIST = fs.readFileSync(path.join(ROOT, 'tests/data/blocklist.json'), 'utf8');
const ROWS = fs.readFileSync(path.join(ROOT, 'tests/data/decisions.tsv'), 'utf8').split('\n')
  .filter((l) => l.startsWith('http'))
  .map((l) => {
    const [url, verdict, , , , , rules] = l.split('\t');
    return { url, verdict, rules };
  });

let browser;
useBrowser({ list: LIST, ready: (b) => { browser = b; } });

/** For each URL, which of `types` any of Deadbolt's rules match, as the browser decides: [[type, ruleId]…]. */
function matches(urls, types) {
  return inExtension(browser, async ({ urls: list, types: kinds }) => {
    const out = [];
    for (const url of list) {
      const hit = [];
      for (const type of kinds) {
        try {
          const { matchedRules } = await chrome.declarativeNetRequest.testMatchOutcome({ url, type, tabId: 1 });
          if (matchedRules.length) hit.push([type, matchedRules[0].ruleId]);
        } catch {
          // "Invalid test request URL": nothing the browser could request ("https://").
        }
      }
      out.push(hit);
    }
    return out;
  }, { urls, types });
}

// The request the browser would send: no fragment.
const requestUrl = (url) => url.split('#')[0];

test('the rows decisions.tsv says a rule stops are stopped by the browser\'s matcher, and only those', async () => {
  let installed = 0;
  for (let i = 0; i < 50 && installed === 0; i++) {
    installed = (await inExtension(browser, () => chrome.declarativeNetRequest.getDynamicRules())).length;
    if (!installed) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(installed > 30, `rules installed (${installed})`);
  const hits = await matches(ROWS.map((r) => requestUrl(r.url)), ['main_frame']);
  const wrong = ROWS.map((r, i) => ({ ...r, hit: hits[i] })).filter((r) => (r.hit.length > 0) !== (r.rules === 'rule'))
    .map((r) => `${r.rules === 'rule' ? 'not stopped' : 'stopped'}: ${r.url} ${JSON.stringify(r.hit)}`);
  assert.deepEqual(wrong, []);
  const stopped = hits.filter((h) => h.length).length;
  console.log(`# browser's matcher: ${stopped} of ${ROWS.length} rows stopped before the request (decisions.tsv: ${ROWS.filter((r) => r.rules === 'rule').length})`);
});

test('no rule matches what the core allows, as a page or as the app\'s own request', async () => {
  // The allowed rows, and look-alikes of every row: a longer handle, another host.
  const candidates = [];
  for (const { url, verdict } of ROWS) {
    if (verdict === 'allow') candidates.push(requestUrl(url));
    const u = requestUrl(url);
    candidates.push(u.replace(/\/?$/, 'x'), u.replace('://', '://evil.example/'));
  }
  const types = ['main_frame', 'sub_frame', 'xmlhttprequest', 'image'];
  const hits = await matches(candidates, types);
  const wrong = [];
  for (let i = 0; i < candidates.length; i++) {
    if (!hits[i].length) continue;
    const { verdict } = await ask(browser, { type: 'verdict', url: candidates[i] });
    if (verdict !== 'block') wrong.push(`${candidates[i]} ${JSON.stringify(hits[i])}`);
  }
  assert.deepEqual(wrong, [], 'a rule matched a URL the core allows');
  assert.ok(hits.some((h) => h.length), 'some look-alike is still theirs (a longer path), so the check saw rules match');
});
