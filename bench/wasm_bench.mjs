// The decider (what decides in the extension) under Node (V8, Chrome's
// engine), timed per decision with the JavaScript→wasm string crossing the
// extension really pays, beside two peers on the same URLs: a pattern
// blocker's baseline (one RegExp per listed account, tested in turn, as
// LeechBlock NG works) and Node's own `new URL()` (the floor: the browser
// has already parsed every URL it hands an extension).
//
//   node bench/wasm_bench.mjs DIR [--quick]     prints one JSON object
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.argv[2];
const quick = process.argv.includes('--quick');
const { createCore } = await import(path.join(root, 'extension/core.js'));
const wasmPath = path.join(root, 'extension/built/deadbolt_core.wasm');
const gluePath = path.join(root, 'extension/built/deadbolt_core.mjs');

const corpus = fs.readFileSync(path.join(dir, 'corpus.txt'), 'utf8').split('\n').filter(Boolean);
const sample = quick ? corpus.slice(0, 20_000) : corpus;
const readList = (n) => fs.readFileSync(path.join(dir, `list-${n}.json`), 'utf8');

const now = process.hrtime.bigint;
const overheadNs = (() => {
  const s = [];
  for (let i = 0; i < 50_000; i++) {
    const a = now();
    s.push(Number(now() - a));
  }
  return percentile(s, 0.5);
})();

function percentile(values, q) {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(q * (sorted.length - 1))];
}

/** Times fn(url) for every URL, each call on its own; returns ns figures. */
function measure(urls, fn, rounds = 1) {
  // Warm up until V8 has tiered the wasm and the JavaScript up to optimised code.
  for (let i = 0; i < 30_000; i++) fn(urls[i % urls.length]);
  const samples = new Float64Array(urls.length * rounds);
  let k = 0;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (const url of urls) {
      const a = now();
      sink += fn(url) ? 1 : 0;
      samples[k++] = Math.max(0, Number(now() - a) - overheadNs);
    }
  }
  const mean = samples.reduce((x, y) => x + y, 0) / samples.length;
  return { median_ns: percentile(samples, 0.5), p99_ns: percentile(samples, 0.99), mean_ns: mean, sink };
}

// What decides in the extension: the decider, loaded with the snapshot the
// list core writes of each list (the list core itself decides nothing).
const results = {};
const { createDecider } = await import(path.join(root, 'extension/core.js'));
const deciders = {};
for (const n of [10, 1000, 100_000]) {
  const core = await createCore({ wasmBinary: fs.readFileSync(wasmPath) });
  const error = core.load(readList(n));
  if (error) throw new Error(`list-${n}: ${error}`);
  deciders[n] = await createDecider();
  if (!deciders[n].loadSnapshot(core.snapshot())) throw new Error(`list-${n}: snapshot refused`);
  core.free();
}
// The three lists and `new URL()` are measured in turn, pass after pass, and
// each figure is the median of its passes: all four see the same moments of
// this machine (a slow spell lands on every subject, not on one), and
// wasm_over_url_parse compares figures taken side by side. One pass each
// first to let V8 tier everything up: the first measured would otherwise pay
// for the JIT.
const subjects = {
  wasm_10: (url) => deciders[10].blocks(url),
  wasm_1000: (url) => deciders[1000].blocks(url),
  wasm_100000: (url) => deciders[100_000].blocks(url),
  url_parse: (url) => new URL(url).host.length > 0,
};
const passes = Object.fromEntries(Object.keys(subjects).map((name) => [name, []]));
for (const fn of Object.values(subjects)) measure(sample.slice(0, 5000), fn);
for (let pass = 0; pass < 5; pass++) {
  const order = Object.keys(subjects);
  if (pass % 2) order.reverse();
  for (const name of order) passes[name].push(measure(sample, subjects[name]));
}
const median = (values) => Float64Array.from(values).sort()[Math.floor((values.length - 1) / 2)];
for (const [name, runs] of Object.entries(passes)) {
  results[name] = {
    median_ns: median(runs.map((r) => r.median_ns)),
    p99_ns: median(runs.map((r) => r.p99_ns)),
    mean_ns: median(runs.map((r) => r.mean_ns)),
    pass_medians_ns: runs.map((r) => r.median_ns),
  };
}

// Memory of the loaded 100,000-account list, as the wasm heap grew.
{
  const { default: factory } = await import(gluePath);
  const module = await factory({ wasmBinary: fs.readFileSync(wasmPath) });
  const native = new module.Core();
  const before = module.HEAP8?.length ?? 0;
  native.load(readList(100_000));
  results.heap_bytes_100k = (module.HEAP8?.length ?? 0) - before;
}

// The pattern blocker's baseline at 1,000 accounts: a RegExp per account.
{
  const list = JSON.parse(readList(1000));
  const hosts = {
    instagram: 'instagram\\.com', x: '(?:x|twitter)\\.com', tiktok: 'tiktok\\.com/@', facebook: 'facebook\\.com',
    linkedin: 'linkedin\\.com/in', youtube: 'youtube\\.com/@', threads: 'threads\\.net/@', reddit: 'reddit\\.com/user',
    pinterest: 'pinterest\\.com', twitch: 'twitch\\.tv', github: 'github\\.com', soundcloud: 'soundcloud\\.com',
  };
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = list.people.flatMap((p) => p.accounts.map((a) =>
    new RegExp(`^https?://(?:[a-z0-9-]+\\.)*${hosts[a.platform]}/(?:stories/)?${escape(a.handle)}(?:[/?#]|$)`, 'i')));
  const baseline = (url) => {
    for (const re of patterns) if (re.test(url)) return true;
    return false;
  };
  results.regex_1000 = measure(sample.slice(0, quick ? 5000 : 20_000), baseline);
  results.regex_patterns = patterns.length;
}

results.wasm_bytes = fs.statSync(wasmPath).size;
results.glue_bytes = fs.statSync(gluePath).size;
results.urls = sample.length;
console.log(JSON.stringify(results));
