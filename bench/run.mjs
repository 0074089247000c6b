// scripts/bench: every figure of DESIGN.md §5 in one run, side by side.
//   node bench/run.mjs [--quick]
// The last line printed is one JSON object with the headline figures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBenchFiles } from './corpus.mjs';
import { blockPageFloor, blockPageReady, coldStart, editLatency, emptyWorkerStart, firstPaint, pageCoreReady } from './cold_start.mjs';
import { DEMO_LIST } from '../tests/e2e/harness.mjs';
import { contentFloor, contentReady, feedItem, firstPaintDelay, scrollOverhead } from './feeds.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const dir = path.join(root, 'build-native/bench');

const corpusFile = path.join(dir, 'corpus.txt');
if (!fs.existsSync(corpusFile)) writeBenchFiles(dir);
const corpusSize = fs.readFileSync(corpusFile, 'utf8').split('\n').filter(Boolean).length;

// Native, with Google Benchmark.
const native = JSON.parse(execFileSync(path.join(root, 'build-native/deadbolt_bench'), [dir, '--benchmark_format=json'], {
  env: { ...process.env, DEADBOLT_BENCH_ITERATIONS: String(quick ? 20_000 : corpusSize) },
  maxBuffer: 64 << 20,
  stdio: ['ignore', 'pipe', 'inherit'],
}).toString());
const nativeOf = (name) => native.benchmarks.find((b) => b.name.startsWith(name));

// WebAssembly under Node, beside the regex baseline and new URL().
const wasm = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bench/wasm_bench.mjs'), dir, ...(quick ? ['--quick'] : [])], {
  maxBuffer: 64 << 20,
  stdio: ['ignore', 'pipe', 'inherit'],
}).toString());

// Cold start of the service worker, in Chromium, with the 1,000-account list.
// And with the small demo list; then the core alone in a page.
const notMeasured = { median_ms: null, p95_ms: null, runs: [], phases_median_ms: {} };
let cold = notMeasured;
let coldSmall = notMeasured;
let emptyWorker = notMeasured;
let pageCore = { embedded: null, runs: {} };
process.env.HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-bench-home-'));
try {
  cold = await coldStart({ list: fs.readFileSync(path.join(dir, 'list-1000.json'), 'utf8'), starts: quick ? 7 : 11 });
  coldSmall = await coldStart({ list: DEMO_LIST, starts: quick ? 7 : 11 });
  emptyWorker = await emptyWorkerStart({ starts: quick ? 7 : 11 });
} catch (error) {
  console.error(`cold start not measured: ${error.message}`);
}
try {
  pageCore = await pageCoreReady({ list: fs.readFileSync(path.join(dir, 'list-1000.json'), 'utf8'), runs: quick ? 7 : 11 });
} catch (error) {
  console.error(`page core not measured: ${error.message}`);
}
// What the start path loads and runs: the decider's wasm and its module.
// (The worker's one file carries the wasm in base64, and the full core's glue,
// which is parsed but runs only when a page needs it.)
const deciderBytes = fs.statSync(path.join(root, 'extension/built/deadbolt_decider.wasm')).size;
// Its JavaScript as it ships: the content scripts' decider.classic.js (the
// decider's code minified, as the worker's bundle has it too) without the
// wasm's base64, which the wasm figure already counts.
const deciderWasmBase64 = fs.readFileSync(path.join(root, 'extension/built/deadbolt_decider.wasm')).toString('base64');
const deciderClassic = fs.readFileSync(path.join(root, 'extension/built/decider.classic.js'), 'utf8');
if (!deciderClassic.includes(deciderWasmBase64)) throw new Error('decider.classic.js does not carry the built decider: run scripts/build');
const deciderJsBytes = Buffer.byteLength(deciderClassic) - deciderWasmBase64.length;
const workerBytes = fs.statSync(path.join(root, 'extension/built/worker.js')).size;
// The block page's day count after a blocked navigation; an edit at 1,000
// accounts as the settings page sees it.
let blockPage = { median_ms: null, p95_ms: null, runs: [] };
let edit = { median_ms: null, p95_ms: null, runs: [] };
let blockFloor = { median_ms: null };
try {
  blockPage = await blockPageReady({ list: fs.readFileSync(path.join(dir, 'list-1000.json'), 'utf8'), runs: quick ? 7 : 15 });
  blockFloor = await blockPageFloor({ runs: quick ? 7 : 15 });
} catch (error) {
  console.error(`block page not measured: ${error.message}`);
}
try {
  edit = await editLatency({ list: fs.readFileSync(path.join(dir, 'list-1000.json'), 'utf8'), edits: quick ? 20 : 60 });
} catch (error) {
  console.error(`edit not measured: ${error.message}`);
}
let paint = {};
try {
  paint = await firstPaint({ list: fs.readFileSync(path.join(dir, 'list-1000.json'), 'utf8'), runs: quick ? 3 : 7 });
} catch (error) {
  console.error(`first paint not measured: ${error.message}`);
}

// Feeds: one 30-link item in the content scripts' core; content script start
// to first decision and the 2,000-item scroll's main-thread time, in Chromium.
// The 1,000-account list with the feed pages' listed person added, so that
// the scroll hides what the page marks as listed (one item in ten).
const { FEED_LIST } = await import('../tests/e2e/feeds/fixtures.mjs');
const benchList = JSON.parse(fs.readFileSync(path.join(dir, 'list-1000.json'), 'utf8'));
benchList.people.push(...JSON.parse(FEED_LIST).people);
const list1000 = JSON.stringify(benchList);
const item = await feedItem({ list: list1000, rounds: quick ? 100 : 400 });
let ready = { median_ms: null, p95_ms: null, runs: 0 };
let contentFloorRun = { median_ms: null };
try {
  ready = await contentReady({ list: list1000, runs: quick ? 9 : 25 });
  contentFloorRun = await contentFloor({ list: list1000, runs: quick ? 9 : 25 });
} catch (error) {
  console.error(`content script start not measured: ${error.message}`);
}
let paintDelay = { delay_ms: null };
try {
  paintDelay = await firstPaintDelay({ list: list1000, pairs: quick ? 5 : 9 });
} catch (error) {
  console.error(`first paint of a loading feed page not measured: ${error.message}`);
}
let scroll = { overhead_pct: null };
try {
  scroll = await scrollOverhead({ list: list1000, pairs: quick ? 5 : 9 });
} catch (error) {
  console.error(`feed scroll not measured: ${error.message}`);
}

const n10 = nativeOf('decide/10/'), n1k = nativeOf('decide/1000/'), n100k = nativeOf('decide/100000/'), parse = nativeOf('parse_url');
const fmt = (v, unit = 'ns') => (v === null || v === undefined ? 'n/a' : `${Math.round(v).toLocaleString('en-US')} ${unit}`);
const rows = [
  ['native decide, 10 accounts', fmt(n10.median_ns), fmt(n10.p99_ns), '≤ 300 ns median'],
  ['native decide, 1,000 accounts', fmt(n1k.median_ns), fmt(n1k.p99_ns), '≤ 300 ns median'],
  ['native decide, 100,000 accounts', fmt(n100k.median_ns), fmt(n100k.p99_ns), ''],
  ['native URL parse alone', fmt(parse.median_ns), fmt(parse.p99_ns), 'ada-url ≈ 190 ns'],
  ['wasm decide + crossing, 10', fmt(wasm.wasm_10.median_ns), fmt(wasm.wasm_10.p99_ns), ''],
  ['wasm decide + crossing, 1,000', fmt(wasm.wasm_1000.median_ns), fmt(wasm.wasm_1000.p99_ns), '≤ 1 µs median, ≤ 5 µs p99'],
  ['wasm decide + crossing, 100,000', fmt(wasm.wasm_100000.median_ns), fmt(wasm.wasm_100000.p99_ns), ''],
  ['JS baseline: RegExp per account, 1,000', fmt(wasm.regex_1000.median_ns), fmt(wasm.regex_1000.p99_ns), '≥ 10× the wasm median'],
  ['Node new URL()', fmt(wasm.url_parse.median_ns), fmt(wasm.url_parse.p99_ns), 'wasm ≤ 2× this'],
];
const summary = {
  wasm_median_ns: wasm.wasm_1000.median_ns,
  wasm_p99_ns: wasm.wasm_1000.p99_ns,
  native_median_ns: n1k.median_ns,
  regex_baseline_over_wasm: +(wasm.regex_1000.median_ns / wasm.wasm_1000.median_ns).toFixed(1),
  wasm_over_url_parse: +(wasm.wasm_1000.median_ns / wasm.url_parse.median_ns).toFixed(2),
  flat_ratio_100k_over_10: +(wasm.wasm_100000.median_ns / wasm.wasm_10.median_ns).toFixed(2),
  wasm_bytes_plus_glue: wasm.wasm_bytes + wasm.glue_bytes,
  cold_start_ms: cold.median_ms === null ? null : +cold.median_ms.toFixed(1),
  page_core_ready_ms: pageCore.embedded === null ? null : +pageCore.embedded.toFixed(1),
  core_memory_bytes_1000: pageCore.memory_snapshot ?? null,
  start_path_bytes: deciderBytes + deciderJsBytes,
  content_ready_ms: ready.median_ms === null ? null : +ready.median_ms.toFixed(1),
  content_floor_ms: contentFloorRun.median_ms === null ? null : +contentFloorRun.median_ms.toFixed(1),
  feed_item_us: +item.median_us.toFixed(2),
  feed_scroll_overhead_pct: scroll.overhead_pct === null ? null : +scroll.overhead_pct.toFixed(1),
  feed_first_paint_delay_ms: paintDelay.delay_ms === null ? null : +paintDelay.delay_ms.toFixed(1),
  empty_worker_ms: emptyWorker.median_ms === null ? null : +emptyWorker.median_ms.toFixed(1),
  block_page_ready_ms: blockPage.median_ms === null ? null : +blockPage.median_ms.toFixed(1),
  block_page_floor_ms: blockFloor.median_ms === null ? null : +blockFloor.median_ms.toFixed(1),
  edit_p95_ms_1000: edit.p95_ms === null ? null : +edit.p95_ms.toFixed(1),
};

console.log(`Deadbolt benchmarks (${quick ? 'quick' : 'full'}): ${wasm.urls.toLocaleString('en-US')} URLs, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}`);
console.log('');
const width = Math.max(...rows.map((r) => r[0].length));
console.log(`${'measure'.padEnd(width)}  ${'median'.padStart(12)}  ${'p99'.padStart(12)}  target`);
for (const [name, median, p99, target] of rows) console.log(`${name.padEnd(width)}  ${median.padStart(12)}  ${p99.padStart(12)}  ${target}`);
console.log('');
console.log(`baseline / wasm (1,000 accounts): ${summary.regex_baseline_over_wasm}×    wasm / new URL(): ${summary.wasm_over_url_parse}×    flat 100k / 10: ${summary.flat_ratio_100k_over_10}×`);
console.log(`wasm ${wasm.wasm_bytes.toLocaleString('en-US')} B + glue ${wasm.glue_bytes.toLocaleString('en-US')} B = ${summary.wasm_bytes_plus_glue.toLocaleString('en-US')} B (≤ 250 KB)`);
console.log(`index of 100,000 accounts: ${(n100k.index_bytes / 1048576).toFixed(1)} MiB native; wasm heap grew ${(wasm.heap_bytes_100k / 1048576).toFixed(1)} MiB loading it`);
const runsOf = (r) => r.runs.map((v) => v.toFixed(0)).join(', ');
console.log(`load average while measuring: ${os.loadavg().map((v) => v.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
const phasesOf = (r) => Object.entries(r.phases_median_ms).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ');
console.log(`service worker cold start to first decision, 1,000 accounts: ${fmt(cold.median_ms, 'ms')} median, p95 ${fmt(cold.p95_ms, 'ms')} of ${cold.runs.length} (${runsOf(cold)}) (≤ 30 ms); from Deadbolt's first line ${fmt(cold.own_median_ms, 'ms')} median, p95 ${fmt(cold.own_p95_ms, 'ms')}; each step ended at (median ms): ${phasesOf(cold)}`);
console.log(`service worker cold start to first decision, demo list: ${fmt(coldSmall.median_ms, 'ms')} median, p95 ${fmt(coldSmall.p95_ms, 'ms')} of ${coldSmall.runs.length} (${runsOf(coldSmall)}); from Deadbolt's first line ${fmt(coldSmall.own_median_ms, 'ms')} median; steps: ${phasesOf(coldSmall)}`);
console.log(`an empty MV3 worker's start to its first line (Chromium's floor here): ${fmt(emptyWorker.median_ms, 'ms')} median, p95 ${fmt(emptyWorker.p95_ms, 'ms')} of ${emptyWorker.runs.length} (${runsOf(emptyWorker)})`);
console.log(`core ready in a page (instantiate, snapshot of 1,000 accounts, first decision), median: decider from the bytes it carries ${fmt(pageCore.embedded, 'ms')} (≤ 10 ms) [${pageCore.runs.embedded ?? ''}], decider streamed from its .wasm ${fmt(pageCore.streaming, 'ms')} [${pageCore.runs.streaming ?? ''}], from fetched bytes ${fmt(pageCore.bytes, 'ms')} [${pageCore.runs.bytes ?? ''}], full embind core with the list's text ${fmt(pageCore.full, 'ms')} [${pageCore.runs.full ?? ''}]; reading the snapshot from storage ${fmt(pageCore.storage_ms, 'ms')} (${pageCore.snapshot_bytes ?? 'n/a'} B)`);
console.log(`memory of one decider: ${pageCore.memory_empty ?? 'n/a'} B empty, ${pageCore.memory_snapshot ?? 'n/a'} B with the snapshot of 1,000 accounts (≤ 4 MB)`);
console.log(`start path: decider wasm ${deciderBytes.toLocaleString('en-US')} B + its JavaScript as shipped (minified) ${deciderJsBytes.toLocaleString('en-US')} B = ${summary.start_path_bytes.toLocaleString('en-US')} B (≤ 150 KB); the worker's one file ${workerBytes.toLocaleString('en-US')} B carries that wasm in base64 and the full core's glue (${wasm.glue_bytes.toLocaleString('en-US')} B), parsed but run only when a page needs it`);
console.log(`blocked navigation start to the block page's day count painted, 1,000 accounts: ${fmt(blockPage.median_ms, 'ms')} median, p95 ${fmt(blockPage.p95_ms, 'ms')} of ${blockPage.runs.length} (${runsOf(blockPage)}) (≤ 50 ms); the floor, an empty extension page after the same redirect: ${fmt(blockFloor.median_ms, 'ms')} median`);
console.log(`an edit at 1,000 accounts as the settings page sees it (message to answer: edit, store, install): ${fmt(edit.median_ms, 'ms')} median, p95 ${fmt(edit.p95_ms, 'ms')} of ${edit.runs.length} (≤ 50 ms p95)`);
console.log(`first contentful paint of the pages (median, ≤ 100 ms): ${Object.entries(paint).map(([k, v]) => `${k} ${v.toFixed(0)} ms`).join(', ') || 'n/a'}`);
console.log(`feed item, 30 links, content scripts' core under Node: ${item.median_us.toFixed(2)} µs median, ${item.p99_us.toFixed(2)} µs p99 (≤ 20 µs)`);
console.log(`content script start to first decision on a feed page: ${fmt(ready.median_ms, 'ms')} median, ${fmt(ready.p95_ms, 'ms')} p95 of ${ready.runs} (≤ 20 ms); the floor, one content script reading a value of the feed index's size (${contentFloorRun.index_bytes ?? 'n/a'} B) on the same page: ${fmt(contentFloorRun.median_ms, 'ms')} median`);
console.log(paintDelay.missing ? `first contentful paint of a loading feed page: not measured (${paintDelay.missing} is missing)`
  : `first contentful paint of a real feed page still loading (instagram-home, streamed): ${fmt(paintDelay.with_ms, 'ms')} with Deadbolt, ${fmt(paintDelay.without_ms, 'ms')} without: ${fmt(paintDelay.delay_ms, 'ms')} later (median of the pairs' own, ${(paintDelay.delays_ms ?? []).join(', ')}); parsing ended at ${fmt(paintDelay.parsed_ms, 'ms')}`);
console.log(`2,000-item feed scroll, main-thread time: ${fmt(scroll.with_ms, 'ms')} with Deadbolt, ${fmt(scroll.without_ms, 'ms')} without, ${scroll.overhead_pct === null ? 'n/a' : scroll.overhead_pct.toFixed(1)} % more (≤ 5 %; median of the pairs' own, ${(scroll.pairs_pct ?? []).join(', ')}); the content script's observer itself ${fmt(scroll.observer_ms, 'ms')} (${scroll.observer_pct === undefined ? 'n/a' : scroll.observer_pct.toFixed(1)} %); ${scroll.painted_frames ?? 'n/a'} painted frames of listed items`);
console.log(JSON.stringify(summary));
