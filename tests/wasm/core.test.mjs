// The full WebAssembly core (the list core): loading, reading input, export,
// stats and edits. It decides nothing; the decider, which loads its
// snapshots, runs the shared decision cases (decider.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createDeadboltCore } = await import(path.join(root, 'extension/built/deadbolt_core.mjs'));
const wasmBinary = fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm'));
const module = await createDeadboltCore({ wasmBinary });

function newCore(list = fs.readFileSync(path.join(root, 'tests/data/blocklist.json'), 'utf8')) {
  const core = new module.Core();
  assert.equal(core.load(list), '');
  return core;
}

test('a bad list is refused with its JSON path and the old list stays', () => {
  const core = newCore();
  const error = core.load('{"version":1,"people":[{"name":"J","accounts":[{"platform":"myspace","handle":"j"}]}]}');
  assert.match(error, /^\$\.people\[0\]\.accounts\[0\]\.platform: unknown platform "myspace"$/);
  assert.match(core.load('{oops'), /^not valid JSON \(byte 2, line 1, column 2/);
  assert.match(core.exportList(), /"janedoe"/, 'the list before stays');
});

// The full core formats these with its own hexadecimal printf (wasm/printf_hex.cpp).
test('a control character in a list is named in the error, as U+ and four hex digits', () => {
  const core = newCore();
  assert.match(core.load('{"version":1,"people":["a\u001fb"]}'), /control character U\+001F \(US\).*last read: '"a<U\+001F>'\)$/);
  assert.match(core.load('{"version":1,"people":["\u0001"]}'), /last read: '"<U\+0001>'\)$/);
});

test('hostile strings cross into the core and are read as nothing listable', () => {
  const core = newCore();
  for (const input of ['', 'x'.repeat(3_000_000), 'https://www.instagram.com/jane\uD800doe', '\u0000', 'https://\uFFFF/']) {
    assert.equal(JSON.parse(core.readProfile(input, '')).platform, null, input.slice(0, 20));
    assert.ok(JSON.parse(core.readProfile(input, 'instagram')).error, 'refused as a profile, with a reason');
  }
});

test('a pasted URL is read back as the profile it shows', () => {
  const core = newCore('{"version":1,"people":[]}');
  const read = JSON.parse(core.readProfile('https://www.linkedin.com/in/jane-doe-123/', ''));
  assert.deepEqual([read.platform, read.platformName, read.handle, read.error ?? null], ['linkedin', 'LinkedIn', 'jane-doe-123', null]);
  const other = JSON.parse(core.readProfile('https://example.com/', ''));
  assert.equal(other.platform, null);
  assert.ok(other.error, 'no profile there, and the reason');
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

// The shell's API over the core (extension/core.js): typed stats, list
// edits that return the list to store and the snapshot deciders load.
const { createCore, createDecider } = await import(path.join(root, 'extension/core.js'));

test('stats take the log and the start date as typed values', async () => {
  const core = await createCore({ wasmBinary });
  const day = 86_400_000;
  const now = Date.UTC(2026, 10, 30, 12);
  const log = [{ t: now - 3 * day, o: 0, person: 'Jane', platform: 'instagram', kind: 'profile' }];
  const none = core.stats({ log, nowMs: now, offsetMin: 0, startDate: null });
  assert.equal(none.all, 1);
  assert.equal(none.daysSinceStart ?? null, null);
  assert.deepEqual([none.byPlatform, none.byPerson, none.byKind], [{ instagram: 1 }, { Jane: 1 }, { profile: 1 }], 'tallied by name');
  const since = core.stats({ log, nowMs: now, offsetMin: 0, startDate: '2026-11-20' });
  assert.equal(since.daysSinceStart, 10);
});

test('list edits come back as the list to store, with typed results, and the core holds the new list', async () => {
  const core = await createCore({ wasmBinary });
  core.load('{"version":1,"mood":"kept","people":[{"name":"Jane Doe","accounts":[]}]}');
  const added = core.addAccount({ person: 'jane doe', text: 'https://www.instagram.com/JaneDoe/', today: '2026-12-01' });
  assert.deepEqual(added.added, { person: 'Jane Doe', platform: 'instagram', platformName: 'Instagram', handle: 'JaneDoe' });
  assert.deepEqual(JSON.parse(added.list), JSON.parse(core.exportList()), 'the list it holds');
  assert.equal(added.list.includes('\n'), false, 'to store: without indentation');
  assert.match(core.exportList(), /\n {2}"people"/, 'to export: indented, for people');
  const decider = await createDecider();
  assert.equal(decider.loadSnapshot(added.snapshot), true, 'the snapshot the edit answers');
  assert.equal(decider.blocks('https://www.instagram.com/janedoe/'), true);
  assert.equal(JSON.parse(core.exportList()).mood, 'kept');
  assert.equal(core.addAccount({ person: 'Jane Doe', text: 'janedoe', platform: 'instagram' }).errorCode, 'already-listed');
  const bad = core.addAccount({ person: 'Jane Doe', text: 'no spaces', platform: 'instagram' });
  assert.equal(bad.errorCode, 'bad-handle');
  assert.equal(bad.rule.platformName, 'Instagram', 'the platform rule, for the page to word');
  const [row] = core.listRows([{ t: 1, person: 'Jane Doe', platform: 'instagram', kind: 'profile' }]);
  assert.equal(row.accounts[0].attempts, 1);
  const { change } = core.planRemoval({ kind: 'remove-account', person: 'Jane Doe', key: row.accounts[0].key });
  assert.equal(change.platformName, 'Instagram');
  assert.equal(core.listRows([], [change])[0].accounts[0].removalPending, true);
  assert.equal(core.planRemoval({ kind: 'remove-person', person: 'Nobody' }).errorCode, 'person-missing');
  const applied = core.applyChanges([{ ...change, id: 'x', dueAt: 0 }, { kind: 'disable' }]);
  assert.equal(applied.changed, true);
  assert.deepEqual(JSON.parse(core.exportList()).people[0].accounts, []);
  const plan = core.planImport('{"version":1,"people":[{"name":"Sam","accounts":[{"platform":"tiktok","handle":"sam"}]}]}');
  assert.deepEqual(plan.added.map((a) => a.kind), ['person', 'account']);
  assert.deepEqual(plan.removals, [{ kind: 'remove-person', person: 'Jane Doe' }]);
  assert.match(core.planImport('{"version":1,"people":[{"name":""}]}').error, /^\$\.people\[0\]\.name: must not be empty$/);
});
