// What the in-app guard (extension/content/guard.js) adds to a click on a
// link that names nobody listed: per event, one closest() and the link's
// resolved href (the DOM part, timed in Chromium; later events on the same
// link compare its href as written and the page's base instead), one more capture listener
// on window (timed in Chromium), and for the first event on a link one
// decision by the decider (timed under Node's V8, loaded as the guard
// loads it: a 1,000-account snapshot through the feed-index door). A
// trusted mouse click on a link fires about 12 events the guard listens to
// (over, enter, move, down, focus, up, click for pointer and mouse), and
// the guard decides a link once for consecutive events on it.
//   node bench/guard.mjs       prints one JSON line
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { makeList } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { createCore, createDecider } = await import(path.join(root, 'extension/core.js'));

const median = (values) => Float64Array.from(values).sort()[Math.floor((values.length - 1) / 2)];
const now = process.hrtime.bigint;

// ---- The decision, as the guard makes it on a link's href.
const core = await createCore({ wasmBinary: fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm')) });
const error = core.load(JSON.stringify(makeList(1000)));
if (error) throw new Error(`list-1000: ${error}`);
const decider = await createDecider();
if (!decider.loadFeedIndex(core.snapshot(), true)) throw new Error('snapshot refused');
const hosts = ['https://www.instagram.com/', 'https://x.com/', 'https://www.tiktok.com/@', 'https://www.linkedin.com/in/', 'https://www.facebook.com/'];
const hrefs = Array.from({ length: 5000 }, (_, i) => `${hosts[i % hosts.length]}someone.else.${i}${i % 2 ? '/' : ''}`);
let listed = 0;
for (let i = 0; i < 50_000; i++) listed += decider.blocks(hrefs[i % hrefs.length]) ? 1 : 0;  // warm up
if (listed) throw new Error('a control href is listed');
const decideNs = [];
for (let round = 0; round < 4; round++) {
  for (const href of hrefs) {
    const a = now();
    decider.blocks(href);
    decideNs.push(Number(now() - a));
  }
}

// ---- The DOM part and the extra listener, in Chromium (the page's world
// runs the same DOM calls the isolated world does).
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.setContent(`<main><ul>${Array.from({ length: 200 }, (_, i) =>
  `<li><a href="/someone.else.${i}/"><div><span><img alt="">Someone ${i}</span></div></a></li>`).join('')}</ul></main>`);
const dom = await page.evaluate(() => {
  const targets = [...document.querySelectorAll('span')];
  const rounds = 100_000;
  let sink = 0;
  // ns per round of `body`, the best of five runs (the machine is shared).
  const time = (body) => {
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      for (let i = 0; i < rounds; i++) sink += body(targets[i % targets.length]);
      best = Math.min(best, ((performance.now() - t0) * 1e6) / rounds);
    }
    return best;
  };
  // An event on a link decided just before (the guard's cache): closest(),
  // the href as written and the page's base.
  const domNs = time((t) => t.closest('a[href], area[href]').getAttribute('href').length + document.baseURI.length);
  // The first event on a link: also its resolved href.
  const firstNs = time((t) => t.closest('a[href], area[href]').href.length);
  // One more capture listener on window that returns at once (as the guard
  // does for an untrusted event), against none.
  const target = targets[7];
  const events = 100_000;
  const run = () => {
    const t = performance.now();
    for (let i = 0; i < events; i++) target.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    return performance.now() - t;
  };
  run();
  const without = Math.min(run(), run(), run());
  const listener = (e) => { if (!e.isTrusted) return; sink += 1; };
  window.addEventListener('mouseover', listener, { capture: true });
  const withListener = Math.min(run(), run(), run());
  window.removeEventListener('mouseover', listener, { capture: true });
  return { domNs, firstNs, listenerNs: Math.max(0, ((withListener - without) * 1e6) / events), sink };
});
await browser.close();

const decide = median(decideNs);
const EVENTS_PER_CLICK = 12;
const click = decide + dom.firstNs + dom.listenerNs + (EVENTS_PER_CLICK - 1) * (dom.domNs + dom.listenerNs);
console.log(JSON.stringify({
  guard_decide_ns: Math.round(decide),
  guard_first_event_dom_ns: Math.round(dom.firstNs),
  guard_event_dom_ns: Math.round(dom.domNs),
  guard_listener_ns: Math.round(dom.listenerNs),
  guard_click_us: Number((click / 1000).toFixed(2)),
}));
