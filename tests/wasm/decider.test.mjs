// The decider (wasm/exports.cpp + extension/decider.js) is the same core as
// the full module, built without embind: it must decide every shared case
// exactly as the full module and the native build do, load the same lists,
// and refuse any snapshot it cannot trust, keeping what it had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { createCore, createDecider } = await import(path.join(root, 'extension/core.js'));
const deciderWasm = fs.readFileSync(path.join(root, 'extension/wasm/deadbolt_decider.wasm'));
const coreWasm = fs.readFileSync(path.join(root, 'extension/wasm/deadbolt_core.wasm'));
const listText = fs.readFileSync(path.join(root, 'tests/data/blocklist.json'), 'utf8');

async function newDecider(list = listText) {
  const decider = await createDecider(deciderWasm);
  assert.equal(decider.load(list), null);
  return decider;
}

function readCases() {
  const lines = fs.readFileSync(path.join(root, 'tests/data/decisions.tsv'), 'utf8').split('\n');
  return lines.filter((l) => l !== '' && !l.startsWith('#')).slice(1).map((l) => {
    const [url, verdict, platform, handle, person, kind] = l.split('\t');
    return { url, verdict, platform, handle, person, kind };
  });
}

const dash = (v) => (v === null || v === undefined ? '-' : String(v));
const row = (v) => [v.verdict, dash(v.platform), dash(v.handle), dash(v.person), dash(v.kind)];

test('shared decision cases: the decider agrees with the table and with the full module', async () => {
  const decider = await newDecider();
  const full = await createCore({ wasmBinary: coreWasm });
  assert.equal(full.load(listText), null);
  const cases = readCases();
  assert.ok(cases.length >= 100, `only ${cases.length} cases`);
  let blocked = 0;
  for (const c of cases) {
    const v = decider.verdict(c.url);
    assert.deepEqual(row(v), [c.verdict, c.platform, c.handle, c.person, c.kind], c.url);
    assert.equal(decider.blocks(c.url), c.verdict === 'block', c.url);
    const decided = decider.decide(c.url);
    assert.deepEqual(decided, c.verdict === 'block' ? v : null, c.url);
    assert.deepEqual(decided, full.decide(c.url), c.url);
    assert.equal(decider.addressKey(c.url), v.address, c.url);
    blocked += c.verdict === 'block';
  }
  assert.ok(blocked > 50);
});

test('the snapshot of either module loads in the other and decides alike', async () => {
  const decider = await newDecider();
  const full = await createCore({ wasmBinary: coreWasm });
  full.load(listText);
  assert.deepEqual(decider.snapshot(), full.snapshot(), 'one core: the same image');
  const fromFull = await createDecider(deciderWasm);
  assert.equal(fromFull.loadSnapshot(full.snapshot()), true);
  assert.equal(fromFull.hasFullList(), false);
  for (const c of readCases()) assert.equal(fromFull.verdict(c.url).verdict, c.verdict, c.url);
});

test('a damaged, truncated or foreign snapshot is refused and changes nothing', async () => {
  const good = (await newDecider()).snapshot();
  const decider = await newDecider('{"version":1,"people":[{"name":"Sam","accounts":[{"platform":"x","handle":"samsmith"}]}]}');
  const flipped = good.slice();
  flipped[good.length - 20] ^= 1;
  const version = good.slice();
  version[8] = 1;
  const text = new TextEncoder().encode('deadbolt-snapshot 1 0000000000000000\np\tJane\n');
  for (const [name, bad] of [['flipped', flipped], ['truncated', good.slice(0, good.length - 8)], ['version', version],
    ['text format', text], ['empty', new Uint8Array(0)], ['not bytes', 'deadbolt']]) {
    assert.equal(decider.loadSnapshot(bad), false, name);
    assert.equal(decider.blocks('https://x.com/samsmith'), true, name);
    assert.equal(decider.blocks('https://www.instagram.com/janedoe'), false, name);
    assert.equal(decider.hasFullList(), true, name);
  }
  assert.equal(decider.loadSnapshot(good), true);
  assert.equal(decider.blocks('https://www.instagram.com/janedoe'), true);
});

test('lists are refused as the full module refuses them, and hostile strings are allowed', async () => {
  const decider = await newDecider();
  assert.match(decider.load('{"version":1,"people":[{"name":"J","accounts":[{"platform":"myspace","handle":"j"}]}]}'),
    /^\$\.people\[0\]\.accounts\[0\]\.platform: unknown platform "myspace"$/);
  assert.match(decider.load('{oops'), /^not valid JSON/);
  assert.match(decider.load('['.repeat(100_000) + ']'.repeat(100_000)), /nested deeper than 64/);
  assert.equal(decider.blocks('https://www.instagram.com/janedoe'), true, 'the old list stays');
  for (const input of ['', 'x'.repeat(3_000_000), 'https://www.instagram.com/jane\uD800doe', '\u0000', 'https://\uFFFF/']) {
    assert.equal(decider.blocks(input), false);
    assert.equal(decider.decide(input), null);
  }
  assert.equal(decider.blocks('https://www.instagram.com/janedoe'), true, 'memory grew and the views followed');
});

test('the classic-script form instantiates from the bytes it carries, with no fetch', async () => {
  const source = fs.readFileSync(path.join(root, 'extension/wasm/decider.classic.js'), 'utf8');
  assert.doesNotMatch(source.replace(/\/\/.*$/gm, ''), /^\s*(import|export)\b|import\.meta/m, 'a classic script: no module syntax');
  const context = vm.createContext({ TextEncoder, TextDecoder, WebAssembly, Uint8Array, atob, URL, ArrayBuffer });
  vm.runInContext(source, context);
  const decider = await vm.runInContext('deadboltDecider.instantiateDecider(deadboltDecider.wasm)', context);
  assert.equal(decider.load(listText), null);
  for (const c of readCases()) assert.equal(decider.blocks(c.url), c.verdict === 'block', c.url);
});

test('one decider with 1,000 accounts stays within 4 MB of memory', async () => {
  const people = Array.from({ length: 200 }, (_, p) => ({
    name: `Person ${p}`, keywords: [`Person Name ${p}`],
    accounts: Array.from({ length: 5 }, (_, a) => ({ platform: ['instagram', 'x', 'tiktok', 'reddit', 'github'][a], handle: `someone_${p}_${a}` })),
  }));
  const list = JSON.stringify({ version: 1, people });
  const decider = await newDecider(list);
  const fromSnapshot = await createDecider(deciderWasm);
  assert.equal(fromSnapshot.loadSnapshot(decider.snapshot()), true);
  assert.equal(fromSnapshot.blocks('https://www.instagram.com/someone_199_0'), true);
  assert.ok(decider.memoryBytes() <= 4 * 1024 * 1024, `${decider.memoryBytes()} bytes after the list`);
  assert.ok(fromSnapshot.memoryBytes() <= 4 * 1024 * 1024, `${fromSnapshot.memoryBytes()} bytes after the snapshot`);
});
