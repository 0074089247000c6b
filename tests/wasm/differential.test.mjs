// Differential test: the decider's URL model against Node's WHATWG URL (the ada
// parser; Chrome follows the same standard). 100,000 generated and mutated
// URLs: wherever Node accepts an http(s) URL, host and path must be equal;
// for every input, deciding the raw text must equal deciding Node's href.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../../bench/corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { createCore, createDecider } = await import(path.join(root, 'extension/core.js'));
const core = await createCore({ wasmBinary: fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm')) });
assert.equal(core.load(fs.readFileSync(path.join(root, 'tests/data/blocklist.json'), 'utf8')), null);
const decider = await createDecider();  // what decides in the extension, on the list core's snapshot
assert.equal(decider.loadSnapshot(core.snapshot()), true);

const bases = fs.readFileSync(path.join(root, 'tests/data/decisions.tsv'), 'utf8').split('\n')
  .filter((l) => l.startsWith('http')).map((l) => l.split('\t')[0]);
const r = rng(20261123);
const pick = (list) => list[Math.floor(r() * list.length)];
const hosts = ['www.instagram.com', 'INSTAGRAM.com', 'instagram.com.', 'x.com', 'l.facebook.com', 'www.google.co.uk',
  'ｉｎｓｔａｇｒａｍ.com', 'bücher.example', 'ÄÖÜ.example', 'faß.example', 'xn--bcher-kva.example', '[::1]', '127.1',
  '0x7f.0.0.1', 'web.archive.org', 'janedoe.tumblr.com', 'WWW.TikTok.COM', 'www-instagram-com.translate.goog'];
const mutations = [
  (u) => u.toUpperCase(),
  (u) => u.replace('://', '://user:pass@'),
  (u) => u.replace(/^(https?:\/\/[^/]+)/, '$1:443'),
  (u) => u.replace(/^(https?:\/\/[^/]+)/, '$1:8080'),
  (u) => u.replace(/\//g, '\\'),
  (u) => u.replace(/^https?:\/\//, 'https:'),
  (u) => u.replace(/^https?:\/\//, 'HTTPS:///'),
  (u) => u.replace(/\/([^/]*)$/, '/./$1'),
  (u) => u.replace(/\/([^/]*)$/, '/x/../$1'),
  (u) => u.replace(/\/([^/]*)$/, '/%2e%2E/$1'),
  (u) => `  ${u}\t\n `,
  (u) => u.replace(/a/g, '%61'),
  (u) => u.replace(/e/, '\t'),
  (u) => u.replace(/o/, '\n'),
  (u) => u + '#!/frag',
  (u) => u + '?q=a b<c>"d\'`',
  (u) => u.replace(/^(https?:\/\/)[^/]+/, `$1${pick(hosts)}`),
  (u) => u.replace(/(\w)/, '%$1'),
  (u) => u + '/\u00e9\u4e2d',
  (u) => u.replace(/\.com/, '.com.'),
  (u) => u.replace(/^https/, 'http'),
  (u) => u + '/..//../',
  (u) => u.replace(/\//g, '//'),
];

test('100,000 URLs: host and path agree with Node, and raw and href decide alike', () => {
  let compared = 0;
  const disagreements = [];
  for (let i = 0; i < 100_000; i++) {
    let url = pick(bases);
    const rounds = 1 + Math.floor(r() * 3);
    for (let k = 0; k < rounds; k++) url = pick(mutations)(url);
    let node = null;
    try {
      node = new URL(url);
    } catch {
      // Node refuses it, so a browser never hands it to the extension:
      // nothing to compare.
    }
    if (node && (node.protocol === 'http:' || node.protocol === 'https:')) {
      const ours = decider.parseUrl(url);
      compared++;
      if (!ours || ours.host !== node.hostname || ours.path !== node.pathname) {
        disagreements.push(`${JSON.stringify(url)}: node ${node.hostname} ${node.pathname}; core ${ours && `${ours.host} ${ours.path}`}`);
      }
      if (decider.blocks(url) !== decider.blocks(node.href)) disagreements.push(`decide differs: ${JSON.stringify(url)} vs ${node.href}`);
    }
  }
  console.log(`# differential: ${compared} URLs accepted by Node compared (of 100000 generated), ${disagreements.length} disagreements`);
  for (const d of disagreements.slice(0, 20)) console.log(`#   ${d}`);
  assert.ok(compared > 50_000, `only ${compared} compared`);
  assert.deepEqual(disagreements, []);
});

// The decider's parser scans sixteen bytes a step in WebAssembly SIMD
// (text.cpp, find_byte_in), the last block overlapping the one before: a
// byte it must stop at ('%', '.', a space, a quote, a brace, a letter beyond
// ASCII) is put at every position of hosts, paths and queries of every
// length around a block's end, and each URL read as Node reads it.
test('a byte to stop at, at every position around a 16-byte block, is read as Node reads it', () => {
  const marks = ['%41', '.', ' ', '"', '{', '\u00e9', '..', '%2e'];
  const disagreements = [];
  let compared = 0;
  for (let length = 0; length <= 40; length++) {
    for (let at = 0; at <= length; at++) {
      for (const mark of marks) {
        const word = 'a'.repeat(at) + mark + 'b'.repeat(length - at);
        for (const url of [`https://www.instagram.com/${word}`, `https://x.com/${word}?q=1`,
          `https://example.com/p?q=${word}#top`, `https://${'h'.repeat(length)}.example/${word}`]) {
          let node;
          try {
            node = new URL(url);
          } catch {
            continue;
          }
          const ours = decider.parseUrl(url);
          compared++;
          const want = { host: node.hostname, path: node.pathname, query: node.search ? node.search.slice(1) : null };
          if (!ours || ours.host !== want.host || ours.path !== want.path || (ours.query ?? null) !== want.query)
            disagreements.push(`${JSON.stringify(url)}: node ${JSON.stringify(want)}; core ${JSON.stringify(ours)}`);
        }
      }
    }
  }
  for (const d of disagreements.slice(0, 10)) console.log(`#   ${d}`);
  assert.ok(compared > 20_000, `only ${compared} compared`);
  assert.deepEqual(disagreements, []);
});
