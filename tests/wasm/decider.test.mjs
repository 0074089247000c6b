// The decider (wasm/exports.cpp + extension/decider.js) is what decides in
// the extension: the same core as the full module, built without embind and
// without a JSON library. Loaded with the full module's snapshot of a list,
// it must decide every shared case as the native build does, answer JSON
// that reads back as written (wasm/src/json_writer.cpp, checked against
// nlohmann natively), refuse any snapshot it cannot trust (keeping what it
// had), and decide feed items as content scripts ask it to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { createCore, createDecider } = await import(path.join(root, 'extension/core.js'));
const coreWasm = fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm'));
const listText = fs.readFileSync(path.join(root, 'tests/data/blocklist.json'), 'utf8');
const full = await createCore({ wasmBinary: coreWasm });

/** The full core's snapshot of `list`: what the worker stores for the decider. */
function snapshotOf(list) {
  assert.equal(full.load(list), null);
  return full.snapshot();
}

async function newDecider(list = listText) {
  const decider = await createDecider();  // the bytes core.js carries
  assert.equal(decider.loadSnapshot(snapshotOf(list)), true);
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

test('shared decision cases: the decider agrees with the table the native build is tested on', async () => {
  const decider = await newDecider();
  const cases = readCases();
  assert.ok(cases.length >= 100, `only ${cases.length} cases`);
  for (const c of cases) {
    const v = decider.verdict(c.url);
    assert.deepEqual([v.verdict, dash(v.platform), dash(v.handle), dash(v.person), dash(v.kind)],
      [c.verdict, c.platform, c.handle, c.person, c.kind], c.url);
    assert.equal(decider.blocks(c.url), c.verdict === 'block', c.url);
    assert.deepEqual(decider.decide(c.url), c.verdict === 'block' ? v : null, c.url);
  }
});

test('a decision is one call: null to allow, else everything the shell needs, with one address per page', async () => {
  const decider = await newDecider();
  assert.equal(decider.decide('https://www.example.com/'), null);
  const v = decider.decide('HTTPS://WWW.Instagram.com/janedoe/?hl=en#top');
  assert.equal(v.verdict, 'block');
  assert.equal(v.platform, 'instagram');
  assert.equal(v.kind, 'profile');
  assert.ok(v.person);
  assert.equal(v.address, 'www.instagram.com/janedoe/?hl=en', 'no scheme, no fragment, host lower-cased');
  assert.equal(decider.decide('https://www.instagram.com/janedoe/?hl=en').address, v.address);
});

test('strings that JSON must escape come out escaped, and read back as written', async () => {
  const decider = await newDecider();
  const texts = ['quote " back \\ slash', 'tab\there\nnew line', 'bell \u0007 and \u001f', 'caf\u00e9 \u{1F494}'];
  // Ill-formed UTF-8 in a decoded draft: one U+FFFD per maximal subpart.
  const R = '\uFFFD';
  const broken = [['%FF', R], ['%C3', R], ['%E2%82', R], ['%ED%A0%80', R.repeat(3)], ['%F4%90%80%80', R.repeat(4)],
    ['%C0%AF', R.repeat(2)], ['%E2%82%ACok%80x', `\u20ACok${R}x`]];
  const urls = [
    ...texts.map((t) => `https://wa.me/15551234567?text=${encodeURIComponent(t)}`),
    ...broken.map(([b]) => `https://wa.me/15551234567?text=hi${b}there`),
    'https://www.instagram.com/%22quoted%22/', 'https://x.com/a\\b',
  ];
  for (const url of urls) assert.equal(typeof decider.verdict(url).address, 'string', url);  // JSON that parses
  texts.forEach((t, i) => assert.equal(decider.verdict(urls[i]).draft, t, 'a draft reads back as it was written'));
  broken.forEach(([b, read], i) => assert.equal(decider.verdict(urls[texts.length + i]).draft, `hi${read}there`, b));
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
  }
  assert.equal(decider.loadSnapshot(good), true);
  assert.equal(decider.blocks('https://www.instagram.com/janedoe'), true);
});

test('the decider has no JSON parser linked in: the parser\'s own error texts are in the full core only', () => {
  // nlohmann's lexer carries these messages wherever its parser is linked;
  // the full core parses lists, so they must be found there, or this probe
  // could not see a parser at all.
  const probes = ['invalid literal', 'while parsing'];
  const has = (file, text) => fs.readFileSync(path.join(root, 'extension/built', file)).includes(Buffer.from(text));
  assert.ok(probes.some((p) => has('deadbolt_core.wasm', p)), 'the probe finds the full core\'s parser');
  for (const p of probes) assert.equal(has('deadbolt_decider.wasm', p), false, `the decider carries "${p}"`);
});

test('hostile strings are allowed by the decider, and its memory views follow growth', async () => {
  const decider = await newDecider();
  for (const input of ['', 'x'.repeat(3_000_000), 'https://www.instagram.com/jane\uD800doe', '\u0000', 'https://\uFFFF/']) {
    assert.equal(decider.blocks(input), false);
    assert.equal(decider.decide(input), null);
  }
  assert.equal(decider.blocks('https://www.instagram.com/janedoe'), true, 'memory grew and the views followed');
});

test('the block page\'s stats from the decider are the full core\'s', async () => {
  const decider = await newDecider();
  const day = 86_400_000;
  const now = Date.UTC(2026, 11, 4, 15);
  const logs = [
    [],
    [{ t: now - 3 * day, o: 60, person: 'Jane', platform: 'instagram', kind: 'profile' }],
    [{ t: now - 9 * day, o: 0, kind: 'profile' }, { t: now - 5 * day, o: -300, person: '', platform: '', kind: 'contact' },
      { t: now - 2 * day - 3_600_000, o: 0, kind: 'search' }, { t: now - 600_000, o: 0, kind: 'message' }],
  ];
  const keys = ['all', 'currentStreak', 'daysSinceStart', 'nextMilestone', 'lastContact', 'noContactDays', 'longestNoContactDays', 'byHour'];
  for (const log of logs) {
    for (const startDate of [null, '2026-11-01', '2026-12-04']) {
      const request = { log, nowMs: now, offsetMin: 60, startDate };
      const whole = full.stats(request);
      const streak = decider.streak(request);
      assert.deepEqual(Object.keys(streak).sort(), [...keys].sort());
      for (const k of keys) assert.deepEqual(streak[k], whole[k], `${k} of ${JSON.stringify(request)}`);
    }
  }
});

test('the classic-script form instantiates from the bytes it carries, and decides URLs and feed items', async () => {
  const source = fs.readFileSync(path.join(root, 'extension/built/decider.classic.js'), 'utf8');
  assert.doesNotMatch(source.replace(/\/\/.*$/gm, ''), /^\s*(import|export)\b|import\.meta/m, 'a classic script: no module syntax');
  const context = vm.createContext({ TextEncoder, TextDecoder, WebAssembly, Uint8Array, atob, URL, ArrayBuffer, setTimeout });
  vm.runInContext(source, context);
  vm.runInContext(fs.readFileSync(path.join(root, 'extension/content/core_loader.js'), 'utf8'), context);
  const decider = await vm.runInContext('deadboltDecider.instantiateDecider(deadboltDecider.wasm)', context);
  assert.equal(decider.loadSnapshot(snapshotOf(listText)), true);
  for (const c of readCases()) assert.equal(decider.blocks(c.url), c.verdict === 'block', c.url);

  // Feed items, through the content scripts' own interface (core_loader.js).
  const items = vm.runInContext('deadboltItems', context);
  assert.equal(await items.start(), true);
  assert.equal(full.load(listText), null);
  const index = Buffer.from(full.feedIndex()).toString('base64');
  const on = { snapshot: index, enabled: true, mentions: true };
  assert.equal(items.apply({ ...on, snapshot: 'not base64 at all!' }), false);
  assert.equal(items.apply({ ...on, enabled: false }), false, 'off: nothing loaded');
  assert.equal(items.apply({ ...on, whole: true }), true);
  assert.equal(items.wholeList() !== null, true, 'the whole list, on: the guard may decide with it');
  const applied = items.applies();
  assert.equal(items.apply({ ...on, enabled: false, whole: true }), false);
  assert.equal(items.wholeList(), null, 'turned off: not the guard\'s to decide with');
  assert.equal(items.applies(), applied + 1);
  assert.equal(items.apply(on), true);
  assert.equal(items.wholeList(), null, 'not marked whole');
  const page = 'https://www.instagram.com/';
  assert.equal(items.markupFor(page).platform, 'instagram');
  assert.equal(items.markupFor('https://www.example.com/'), null);
  assert.ok(items.markupFor('').platforms.length >= 5, 'every platform\'s markup');
  const jane = items.decideItem(page, ['/janedoe/'], ['/janedoe/'], []);
  assert.ok(jane >= 0, 'her own post is hidden');
  assert.equal(items.decideItem(page, ['/someone_else/', '/explore/'], ['/someone_else/'], []), -1);
  assert.equal(items.decideItem(page, ['/someone_else/', '/janedoe/'], ['/someone_else/'], []), jane, 'a mention hides');
  assert.equal(items.apply({ ...on, mentions: false }), true);
  assert.equal(items.decideItem(page, ['/someone_else/', '/janedoe/'], ['/someone_else/'], []), -1, 'mentions shown when asked');
  assert.equal(items.decideItem('not a page', ['/janedoe/'], ['/janedoe/'], []), -1);
});

test('one decider with 1,000 accounts stays within 4 MB of memory', async () => {
  const people = Array.from({ length: 200 }, (_, p) => ({
    name: `Person ${p}`, keywords: [`Person Name ${p}`],
    accounts: Array.from({ length: 5 }, (_, a) => ({ platform: ['instagram', 'x', 'tiktok', 'reddit', 'github'][a], handle: `someone_${p}_${a}` })),
  }));
  const decider = await newDecider(JSON.stringify({ version: 1, people }));
  assert.equal(decider.blocks('https://www.instagram.com/someone_199_0'), true);
  assert.ok(decider.memoryBytes() <= 4 * 1024 * 1024, `${decider.memoryBytes()} bytes after the snapshot`);
});

test('a fediverse instance the person added: read by the core, and its pages get the web UI\'s markup and decisions', async () => {
  const decider = await createDecider();
  assert.deepEqual(decider.readInstance(' https://Social.Example/home '), { host: 'social.example', pattern: 'https://social.example/*' });
  assert.deepEqual(decider.readInstance('@me@social.example'), { host: 'social.example', pattern: 'https://social.example/*' });
  assert.deepEqual(decider.readInstance('mastodon.social'), { error: 'covered' });
  assert.deepEqual(decider.readInstance('not a host'), { error: 'not-a-host' });
  const page = 'https://social.example/home';
  assert.equal(decider.feedMarkup(page), null);
  assert.equal(decider.feedMarkup(page, ['other.example']), null);
  assert.equal(decider.feedMarkup(page, 'social.example'), null, 'a list of hosts, not a string');
  assert.equal(decider.feedMarkup(page, ['other.example', 'social.example']).platform, 'mastodon');
  const list = '{"version":1,"people":[{"name":"Jane","accounts":[{"platform":"mastodon","handle":"@jane@other.example"}]}]}';
  assert.equal(decider.loadFeedIndex(snapshotOf(list), true), true);
  // The "@acct" line is read only where the page has the web UI's markup.
  assert.equal(decider.decideItem(page, [], [], [['#text', '@jane@other.example']]), 0);
  assert.equal(decider.decideItem(page, ['/@jane@other.example'], [], []), 0);
  assert.equal(decider.decideItem(page, ['/@friend@other.example'], [], [['#text', '@friend@other.example']]), -1);
});

test('a feed page style sheet comes from the loaded feed index, for the people named, only while mentions are hidden', async () => {
  const decider = await createDecider();
  const page = 'https://x.com/home';
  assert.equal(decider.feedStyle(page, [0]), '', 'no feed index yet');
  const list = '{"version":1,"people":[{"name":"Jane","accounts":[{"platform":"x","handle":"JaneDoe_X"}]},' +
    '{"name":"Sam","accounts":[{"platform":"x","handle":"sam_r"}]}]}';
  assert.equal(decider.loadFeedIndex(snapshotOf(list), true), true);
  const style = decider.feedStyle(page, [0]);
  assert.ok(style.startsWith('[data-testid="cellInnerDiv"]:not([style*="visibility"]):has(a:is([href="/janedoe_x" i])):not(:has('), style);
  assert.match(style, / \{ display: none !important; \}\n$/);
  assert.ok(!style.includes('sam_r'), 'only the people named');
  assert.ok(decider.feedStyle(page, [1, 0]).includes('[href="/janedoe_x" i],[href="/sam_r" i]'));
  assert.equal(decider.feedStyle(page, []), '', 'no one named');
  assert.equal(decider.feedStyle('https://www.example.com/', [0]), '', 'not a feed');
  assert.equal(decider.feedStyle('not a url', [0]), '');
  assert.equal(decider.loadFeedIndex(snapshotOf(list), false), true);
  assert.equal(decider.feedStyle(page, [0]), '', 'with mentions shown, only author links count: the sheet would hide too much');
});
