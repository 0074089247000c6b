// The WebAssembly build runs the same decision cases as the native build
// (tests/data/decisions.tsv), so both are proven to agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createDeadboltCore } = await import(path.join(root, 'extension/wasm/deadbolt_core.mjs'));
const wasmBinary = fs.readFileSync(path.join(root, 'extension/wasm/deadbolt_core.wasm'));
const module = await createDeadboltCore({ wasmBinary });

function newCore(list = fs.readFileSync(path.join(root, 'tests/data/blocklist.json'), 'utf8')) {
  const core = new module.Core();
  assert.equal(core.load(list), '');
  return core;
}

function readCases() {
  const lines = fs.readFileSync(path.join(root, 'tests/data/decisions.tsv'), 'utf8').split('\n');
  const rows = lines.filter((l) => l !== '' && !l.startsWith('#')).slice(1);
  return rows.map((l) => {
    const [url, verdict, platform, handle, person, kind] = l.split('\t');
    return { url, verdict, platform, handle, person, kind };
  });
}

const dash = (v) => (v === null || v === undefined ? '-' : String(v));

test('shared decision cases agree with the native build', () => {
  const core = newCore();
  const cases = readCases();
  assert.ok(cases.length >= 100, `only ${cases.length} cases`);
  for (const c of cases) {
    const fast = core.decide(c.url);
    const v = JSON.parse(core.decideJson(c.url));
    assert.equal(fast, v.verdict === 'block' ? 1 : 0, c.url);
    assert.deepEqual(
      [v.verdict, dash(v.platform), dash(v.handle), dash(v.person), dash(v.kind)],
      [c.verdict, c.platform, c.handle, c.person, c.kind],
      c.url,
    );
  }
});

test('a bad list is refused with its JSON path and the old list stays', () => {
  const core = newCore();
  const error = core.load('{"version":1,"people":[{"name":"J","accounts":[{"platform":"myspace","handle":"j"}]}]}');
  assert.match(error, /^\$\.people\[0\]\.accounts\[0\]\.platform: unknown platform "myspace"$/);
  assert.match(core.load('{oops'), /^not valid JSON \(byte 2, line 1, column 2/);
  assert.equal(core.decide('https://www.instagram.com/janedoe'), 1);
});

test('hostile strings cross into the core and are allowed', () => {
  const core = newCore();
  for (const input of ['', 'x'.repeat(3_000_000), 'https://www.instagram.com/jane\uD800doe', '\u0000', 'https://\uFFFF/']) {
    assert.equal(core.decide(input), 0);
  }
});

test('identify reads back what a pasted URL shows', () => {
  const core = newCore('{"version":1,"people":[]}');
  assert.deepEqual(JSON.parse(core.identify('https://www.linkedin.com/in/jane-doe-123/')), {
    platform: 'linkedin', platformName: 'LinkedIn', handle: 'jane-doe-123', kind: 'profile',
  });
  assert.deepEqual(JSON.parse(core.identify('https://example.com/')), {
    platform: null, platformName: null, handle: null, kind: null,
  });
});

test('export keeps unknown fields and platforms lists every listable platform', () => {
  const core = newCore();
  const exported = JSON.parse(core.exportList());
  assert.equal(exported.theme, 'dusk');
  assert.equal(exported.people[0].note, 'kept on export');
  const ids = JSON.parse(core.platforms()).map((p) => p.id);
  for (const id of ['instagram', 'facebook', 'x', 'mastodon', 'substack']) assert.ok(ids.includes(id), id);
  assert.ok(!ids.includes('google'), 'search engines are not listable platforms');
});
