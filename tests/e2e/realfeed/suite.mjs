// Feed hiding on pages the real platforms rendered (../shared/testdata/realfeed,
// third-party fixtures, never copied here): every person a page names is
// listed in turn, a few at a time, and every item of theirs must be hidden
// with no painted frame while everyone else's item stays.
//
// What an item is and whose it is comes from tests/e2e/realfeed/<page>.json,
// drafted from the saved markup alone by realfeed/draft.mjs and checked by
// hand, never from Deadbolt's own code. The fake site serves each page at its
// real address with the page's own frame counter (feeds/frames.js) and marks,
// for the batch being listed, the expected hidden items data-listed and the
// others data-shown (attributes Deadbolt never reads).
//
// REALFEED_STRIP=1 serves the pages with every class and test id renamed
// (tomorrow's markup): the figures then measure the fallback, not the catalog.
// REALFEED_EXTRA=<dir> runs other saved pages instead: <dir>/served.json
// ({page: {url, kind}}), <dir>/pages/<page>.html and the expectations
// draft.mjs writes to <dir>/expect/<page>.json (see README.md here).
//
// Written once (realFeedSuite), run by ../realfeed.test.mjs in Chromium and
// ../firefox-realfeed.test.mjs in Firefox through their drivers (../drivers.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { animationFrames, ROOT, ROUTES } from '../harness.mjs';

const EXTRA = process.env.REALFEED_EXTRA;
const REALFEED = EXTRA ? path.join(EXTRA, 'pages') : path.resolve(ROOT, '../shared/testdata/realfeed');
const EXPECT = EXTRA ? path.join(EXTRA, 'expect') : path.join(ROOT, 'tests/e2e/realfeed');  // <page>.json
const STRIP = process.env.REALFEED_STRIP === '1';
// A few people at a time: at most `loads` page loads per page (CI time).
const batchSize = (people, loads) => Math.max(8, Math.ceil(people / loads));

/** Where SOURCES.md says each page is served. */
const SERVED = EXTRA ? extraServed(EXTRA) : {
  'x-home': 'https://x.com/home',
  'x-bookmarks': 'https://x.com/i/bookmarks',
  'threads-home': 'https://www.threads.net/',
  'bsky-feed': 'https://bsky.app/',
  'instagram-home': 'https://www.instagram.com/',
  'linkedin-feed': 'https://www.linkedin.com/feed/',
  'youtube-home': 'https://www.youtube.com/',
  'reddit-post': 'https://www.reddit.com/r/Showerthoughts/comments/awx46q/vanilla_becoming_the_default_flavour_of_ice_cream/',
  'facebook-group': 'https://m.facebook.com/groups/117507531664134/',
};

function extraServed(dir) {
  const served = JSON.parse(fs.readFileSync(path.join(dir, 'served.json'), 'utf8'));
  return Object.fromEntries(Object.entries(served).map(([name, { url }]) => [name, url]));
}

/** An annotated account ("platform:handle") as a list entry. */
function account(owner) {
  const cut = owner.indexOf(':');
  const [platform, handle] = [owner.slice(0, cut), owner.slice(cut + 1)];
  const url = {
    x: `https://x.com/${handle}`,
    threads: `https://www.threads.net/@${handle}`,
    bluesky: `https://bsky.app/profile/${handle}`,
    instagram: `https://www.instagram.com/${handle}/`,
    linkedin: `https://www.linkedin.com/${handle}/`,
    youtube: `https://www.youtube.com/${handle}`,
    reddit: `https://www.reddit.com/user/${handle}/`,
    mastodon: `https://mastodon.social/@${handle}`,  // user@host, as viewed through mastodon.social
    facebook: handle.startsWith('id=') ? `https://www.facebook.com/profile.php?id=${handle.slice(3)}` : `https://www.facebook.com/${handle}`,
  }[platform];
  return { url };
}

/**
 * The suite, in the browser `useDriver()` starts (../drivers.mjs), with at
 * most `loads` page loads per page, each page sent in pieces as `stream`
 * says (null: at once); `skip` names pages not run there, with why;
 * `stalls` names pages the browser itself may stop parsing (with why): a
 * load of one that does not end is not a result, and is made again (seven
 * times at most, each counted in the page's figures: on a busy machine
 * Firefox stopped one YouTube load in two, with or without Deadbolt).
 */
export async function realFeedSuite(useDriver, { loads = 6, stream = { size: 48 * 1024, delayMs: 15 }, skip = {}, stalls = {} } = {}) {
  if (!fs.existsSync(REALFEED)) {
    test('real feed pages', { skip: `${REALFEED} is missing: the real-page feed tests were not run` }, () => {});
    return;
  }
  const { createCore } = await import(path.join(ROOT, 'extension/core.js'));
  const core = await createCore({ wasmBinary: fs.readFileSync(path.join(ROOT, 'extension/built/deadbolt_core.wasm')) });
  // A list the worker holds, of someone on none of the pages: with no list
  // at all, a worker woken by the suite's own storage writes (an idle one is
  // stopped, Firefox's event page too) would load the empty list again and
  // write its feed index over the one set for the batch.
  const NOBODY = 'x:deadbolt_nobody';
  const browser = useDriver({ list: JSON.stringify({ version: 1, people: [{ name: NOBODY, accounts: [account(NOBODY)] }] }) });

  /** The feed index the worker would write for `owners`, and the owners the core refused. */
  function feedIndex(owners) {
    const people = owners.map((o) => ({ name: o, accounts: [account(o)] }));
    const error = core.load(JSON.stringify({ version: 1, people }));
    if (error) throw new Error(`${owners.join(', ')}: ${error}`);
    return Buffer.from(core.feedIndex()).toString('base64');
  }

  /** Whether the core accepts `owner` as a listed account (a company page is not one). */
  const listable = (owner) => core.load(JSON.stringify({ version: 1, people: [{ name: owner, accounts: [account(owner)] }] })) === null;

  // Each page parsed once (and renamed once, when stripping); the marks change per batch.
  const parsed = new Map();
  function load(name, items) {
    if (parsed.has(name)) return parsed.get(name);
    const $ = cheerio.load(fs.readFileSync(path.join(REALFEED, `${name}.html`), 'utf8'));
    const els = items.map((item) => {
      let el = $(item.sel).eq(item.nth);
      for (let i = 0; i < (item.up ?? 0); i++) el = el.parent();
      return el;
    });
    if (STRIP) {
      // Tomorrow's markup: every class and test id renamed.
      $('[class]').each((_, e) => { $(e).attr('class', `c${$(e).attr('class').length}`); });
      for (const a of ['data-testid', 'data-e2e', 'data-pressable-container']) {
        $(`[${a}]`).each((_, e) => { $(e).attr(a, `t${$(e).attr(a).length}`); });
      }
    }
    $('head').prepend('<script src="/feeds/frames.js"></script>');
    parsed.set(name, { $, els });
    return parsed.get(name);
  }

  /** Serves `name` with `listed` items (indexes) marked data-listed and `shown` data-shown. */
  function serve(name, items, listed, shown) {
    const { $, els } = load(name, items);
    for (const el of els) el.removeAttr('data-listed').removeAttr('data-shown');
    // An item inside a hidden one (a reply in a listed person's thread) goes with it: neither counted nor checked.
    const hiddenNodes = new Set([...listed].map((k) => els[k][0]));
    els.forEach((el, k) => {
      if (listed.has(k)) el.attr('data-listed', String(k));
      else if (shown.has(k) && !el.parents().toArray().some((p) => hiddenNodes.has(p))) el.attr('data-shown', String(k));
    });
    const url = new URL(SERVED[name]);
    // Streamed as over a network, so that the parser yields and the browser
    // paints while the page is still coming in: the frames in between count too.
    ROUTES.set(`${url.host}${url.pathname}`, { body: $.html(), stream });
    return els.map((el) => el.length);
  }

  async function setIndex(snapshot) {
    await browser.inExtension((s) => chrome.storage.local.set({
      'feeds.index': { snapshot: s, enabled: true, mentions: true, placeholder: false },
    }), snapshot);
  }
  const storedIndex = () => browser.inExtension(() => chrome.storage.local.get('feeds.index').then((i) => i['feeds.index']?.snapshot ?? null));

  /**
   * The page's report with `snapshot` as the feed index throughout the load.
   * The worker writes the index from its own list whenever it loads that
   * list again (a restart after a stop, whatever wakes it): a load during
   * which it did was not this batch's, and is made again (counted).
   */
  async function visitWith(name, snapshot) {
    for (let attempt = 1; ; attempt++) {
      await setIndex(snapshot);
      const report = await visit(name);
      if ((await storedIndex()) === snapshot) return report;
      if (attempt === 3) throw new Error(`${name}: the worker kept writing its own feed index over the batch's`);
      overwritten[name] = (overwritten[name] ?? 0) + 1;
    }
  }

  async function visit(name) {
    let page;
    for (let attempt = 1; ; attempt++) {
      page = await browser.newPage();
      try {
        // not 'load': the saved pages name hosts no fake site serves
        await page.goto(SERVED[name], { waitUntil: 'domcontentloaded', timeout: stalls[name] ? 10000 : 30000 });
        break;
      } catch (e) {
        await page.close();
        if (!stalls[name] || attempt === 8) throw e;
        restarted[name] = (restarted[name] ?? 0) + 1;
      }
    }
    await page.waitForFunction(() => window.feedTest?.frames > 3);
    await animationFrames(page, 5);
    const report = await page.evaluate(() => window.feedTest.report());
    await page.close();
    return report;
  }

  const figures = {};
  const restarted = {};  // page -> loads that did not end and were made again
  const overwritten = {};  // page -> loads during which the worker rewrote the feed index, made again
  for (const name of Object.keys(SERVED)) {
    describe(name, () => {
      test(`every person on ${name}: all their items hidden, no one else's`, { skip: skip[name] ?? false }, async () => {
        const { items } = JSON.parse(fs.readFileSync(path.join(EXPECT, `${name}.json`), 'utf8'));
        const all = new Set(items.map((_, k) => k));
        // Baseline: listed no one on the page; items the page itself does not render are left out.
        const found = serve(name, items, new Set(), all);
        assert.deepEqual(found.flatMap((n, k) => (n === 1 ? [] : [k])), [], 'every annotated item is found once');
        const base = await visitWith(name, feedIndex([NOBODY]));
        const unrendered = new Set(base.shownHidden.map(Number));
        const named = [...new Set(items.flatMap((it, k) => (unrendered.has(k) ? [] : it.owners)))].sort();
        const owners = named.filter(listable);
        const f = (figures[name] = { people: owners.length, unlistable: named.length - owners.length, items: 0, hidden: 0, missed: [], wrong: [], painted: 0, paintedItems: [], unrendered: unrendered.size });
        const BATCH = batchSize(owners.length, loads);
        for (let b = 0; b < owners.length; b += BATCH) {
          const batch = owners.slice(b, b + BATCH);
          const listed = new Set(items.flatMap((it, k) => (!unrendered.has(k) && it.owners.some((o) => batch.includes(o)) ? [k] : [])));
          const shown = new Set([...all].filter((k) => !listed.has(k) && !unrendered.has(k)));
          serve(name, items, listed, shown);
          const r = await visitWith(name, feedIndex(batch));
          const wrong = r.shownHidden;
          f.items += listed.size;
          f.hidden += listed.size - r.listedRendered.length;
          f.missed.push(...r.listedRendered.map((k) => `${k}:${items[k].owners.filter((o) => batch.includes(o)).join('+')}`));
          f.wrong.push(...wrong.map((k) => `${k}:${items[k].owners.join('+') || '(no one)'}`));
          f.painted += r.paintedFrames;
          if (r.paintedFrames) f.paintedItems.push(...r.painted.map((k) => `${k}:${items[k].owners.join('+')}`));
        }
        console.log(`# ${browser.name} ${name}${STRIP ? ' (stripped)' : ''}: ${f.people} people, ${f.hidden}/${f.items} of their items hidden, ` +
          `${f.wrong.length} other items hidden, ${f.painted} painted frames; not rendered by the page itself: ${f.unrendered}; ` +
          `accounts no list can hold (company pages): ${f.unlistable}` +
          (restarted[name] ? `; loads the browser stopped parsing, made again: ${restarted[name]}` : '') +
          (overwritten[name] ? `; loads during which the worker rewrote the feed index, made again: ${overwritten[name]}` : ''));
        if (f.missed.length) console.log(`#   missed: ${f.missed.join(' ')}`);
        if (f.painted) console.log(`#   painted: ${f.paintedItems.join(' ')}`);
        if (f.wrong.length) console.log(`#   wrongly hidden: ${[...new Set(f.wrong)].join(' ')}`);
        if (!STRIP) {
          assert.deepEqual(f.missed, [], 'listed items shown');
          assert.deepEqual(f.wrong, [], 'other items hidden');
          assert.equal(f.painted, 0, 'painted frames of listed items');
        }
      });
    });
  }
}
