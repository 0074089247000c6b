// The compiled rules checked against the browser's own matcher, as
// DuckDuckGo's ddg2dnr checks its rules: with tests/data/blocklist.json
// imported, Chromium's declarativeNetRequest.testMatchOutcome (available to
// unpacked extensions) is asked about every row of tests/data/decisions.tsv.
// The rows marked "rule" must be stopped by a rule before the request (a
// main_frame request), the others must not be; and no rule, of either kind
// (the profile pages' regex rules, the apps' API urlFilters), may match a
// URL the core allows, as a page or as the app's own request.
// And the apps' own requests are blocked only as their own pages send them
// (testMatchOutcome with the initiator).
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

// A page on another site must not learn from a failed request that a handle
// is listed (issue: the endpoint rules had no initiator, so any page could
// probe the list with fetch(…, {mode: 'no-cors'})). The browser's matcher,
// asked with the request's initiator: the app's own request is blocked, the
// same URL from another site is not; an open API's is from the web clients
// the catalog names, not from any other site; an embed's is everywhere.
test('the apps\' own requests are blocked as the app sends them, not as another site sends them', async () => {
  const outcome = (requests) => inExtension(browser, async (list) => {
    const out = [];
    for (const request of list) {
      const { matchedRules } = await chrome.declarativeNetRequest.testMatchOutcome({ tabId: 1, ...request });
      out.push(matchedRules.length > 0);
    }
    return out;
  }, requests);
  const NEWS = 'https://news.example';
  const cases = [
    // [url, type, initiator, blocked]
    ['https://www.instagram.com/api/v1/feed/user/janedoe/username/', 'xmlhttprequest', 'https://www.instagram.com', true],
    ['https://i.instagram.com/api/v1/users/web_profile_info/?username=janedoe', 'xmlhttprequest', 'https://www.instagram.com', true],
    ['https://www.instagram.com/api/v1/feed/user/janedoe/username/', 'xmlhttprequest', NEWS, false],
    ['https://www.instagram.com/api/v1/feed/user/janedoe/username/', 'image', NEWS, false],
    ['https://i.instagram.com/api/v1/users/web_profile_info/?username=janedoe', 'other', 'https://instagram.com.evil.example', false],
    ['https://x.com/i/api/graphql/q/UserByScreenName?variables=%7B%22screen_name%22%3A%22janedoe_x%22%7D', 'xmlhttprequest', 'https://x.com', true],
    ['https://x.com/i/api/graphql/q/UserByScreenName?variables=%7B%22screen_name%22%3A%22janedoe_x%22%7D', 'xmlhttprequest', 'https://twitter.com', true],
    ['https://x.com/i/api/graphql/q/UserByScreenName?variables=%7B%22screen_name%22%3A%22janedoe_x%22%7D', 'xmlhttprequest', NEWS, false],
    ['https://www.tiktok.com/api/user/detail/?aid=1988&uniqueId=jane.doe', 'xmlhttprequest', 'https://www.tiktok.com', true],
    ['https://www.tiktok.com/api/user/detail/?aid=1988&uniqueId=jane.doe', 'xmlhttprequest', NEWS, false],
    ['https://www.linkedin.com/voyager/api/identity/profiles/jane-doe-123/profileView', 'xmlhttprequest', 'https://www.linkedin.com', true],
    ['https://www.linkedin.com/voyager/api/identity/profiles/jane-doe-123/profileView', 'xmlhttprequest', NEWS, false],
    // Open: Bluesky's AppView read by its own app or a web client the catalog
    // names is a look; asked by any other page, it is a probe of the list.
    ['https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=jane.bsky.social', 'xmlhttprequest', 'https://deck.blue', true],
    ['https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=jane.bsky.social', 'xmlhttprequest', 'https://bsky.app', true],
    ['https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed?actor=jane.bsky.social', 'xmlhttprequest', 'https://skyfeed.app', true],
    ['https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=jane.bsky.social', 'xmlhttprequest', NEWS, false],
    ['https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile?actor=jane.bsky.social', 'other', 'https://bsky.app.evil.example', false],
    // Embeds and players framed on a news site show the person.
    ['https://www.tiktok.com/embed/@jane.doe', 'sub_frame', NEWS, true],
    ['https://syndication.twitter.com/srv/timeline-profile/screen-name/janedoe_x?dnt=true', 'sub_frame', NEWS, true],
    ['https://player.twitch.tv/?channel=janetwitch&parent=news.example', 'sub_frame', NEWS, true],
    // Fetched, an embed is no look: nothing of it is shown.
    ['https://www.tiktok.com/embed/@jane.doe', 'xmlhttprequest', NEWS, false],
  ];
  const got = await outcome(cases.map(([url, type, initiator]) => ({ url, type, initiator })));
  const wrong = cases.filter((c, i) => got[i] !== c[3]).map(([url, type, initiator, blocked]) => `${blocked ? 'not blocked' : 'blocked'}: ${type} ${url} from ${initiator}`);
  assert.deepEqual(wrong, []);
});

// Handles with letters beyond ASCII are taken in any case, as YouTube and
// LinkedIn take them ("@пан" is "@Пан"; accents are not case): the browser's
// matcher stops each case of a short one before its request. Last in this
// file: it replaces the list.
test('a handle beyond ASCII is stopped by the browser\'s matcher in any case, and its look-alikes are not', async () => {
  const list = JSON.stringify({
    version: 1,
    people: [{ name: 'P', accounts: [{ url: 'https://www.youtube.com/@Пан' }, { url: 'https://www.linkedin.com/in/josé-garcía/' }] }],
  });
  const imported = await ask(browser, { type: 'importList', text: list });
  assert.ok(imported.ok, imported.error);
  let cased = 0;
  for (let i = 0; i < 50 && cased === 0; i++) {
    const rules = await inExtension(browser, () => chrome.declarativeNetRequest.getDynamicRules());
    cased = rules.filter((r) => r.condition.regexFilter?.includes('%D0%[B9]F')).length;
    if (!cased) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(cased > 0, 'rules for the new list installed');
  const theirs = ['https://www.youtube.com/@Пан', 'https://www.youtube.com/@пан', 'https://m.youtube.com/@ПАН/videos',
    'https://www.linkedin.com/in/JOSÉ-GARCÍA/', 'https://www.linkedin.com/in/José-García'];
  const others = ['https://www.youtube.com/@пак', 'https://www.youtube.com/@Пано', 'https://www.linkedin.com/in/jose-garcia/'];
  const hits = await matches([...theirs, ...others].map((u) => new URL(u).href), ['main_frame']);
  assert.deepEqual(theirs.filter((u, i) => hits[i].length === 0), [], 'not stopped before the request');
  assert.deepEqual(others.filter((u, i) => hits[theirs.length + i].length > 0), [], 'stopped, but not theirs');
  for (const url of [...theirs, ...others]) {
    const { verdict } = await ask(browser, { type: 'verdict', url: new URL(url).href });
    assert.equal(verdict, theirs.includes(url) ? 'block' : 'allow', url);
  }
});
