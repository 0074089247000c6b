// The content scripts' start-up read (extension/content/local_read.js): the
// index and the keys beside it are read, and their changes meanwhile are
// kept. A change to the index may answer before the read does (a read that
// Firefox refused is being asked again); a change to another key alone must
// not, or the script would start with no index and take Deadbolt for off.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOCAL_READ = fs.readFileSync(path.join(root, 'extension/content/local_read.js'), 'utf8');

const INDEX = 'inbox.index';
const OPENED = 'inbox.opened';
const STORED = { [INDEX]: { enabled: true, snapshot: 'AAAA' } };

/** local_read.js in a world whose reads answer as `get` does; `change(changes)` fires storage.onChanged. */
function world(get) {
  const listeners = new Set();
  const context = vm.createContext({
    setTimeout,
    chrome: {
      storage: {
        local: { get },
        onChanged: { addListener: (fn) => listeners.add(fn), removeListener: (fn) => listeners.delete(fn) },
      },
    },
  });
  vm.runInContext(LOCAL_READ, context);
  const change = (changes) => {
    for (const fn of listeners) fn(Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { newValue: v }])), 'local');
  };
  return { readFollowing: context.deadboltReadFollowing, change, listeners };
}

// (Objects made in the script's own realm, compared as data.)
const plain = (value) => JSON.parse(JSON.stringify(value));
const later = (ms, value) => new Promise((resolve) => { setTimeout(() => resolve(value), ms); });

test('a change to another key while the index is read waits for the read, and lays itself over it', async () => {
  const { readFollowing, change } = world(() => later(30, { ...STORED }));
  const reading = readFollowing([INDEX, OPENED]);
  const opened = { person: 0, until: 1 };
  setTimeout(() => change({ [OPENED]: opened }), 5);
  const items = await reading.items;
  reading.stop();
  assert.deepEqual(plain(items), { ...STORED, [OPENED]: opened }, 'the index read, and the change made meanwhile laid over it');
});

test('a change to the index answers at once, while a refused read is asked again', async () => {
  let reads = 0;
  let refuse = true;
  const { readFollowing, change } = world(async () => {
    reads += 1;
    if (refuse) throw new Error('An unexpected error occurred');
    return {};
  });
  const reading = readFollowing([INDEX, OPENED]);
  const next = { enabled: false };
  setTimeout(() => change({ [INDEX]: next }), 5);
  const items = await Promise.race([reading.items, later(1000, 'still waiting')]);
  reading.stop();
  refuse = false;  // (the read asked again then ends)
  assert.deepEqual(plain(items), { [INDEX]: next });
  assert.ok(reads >= 1);
});

test('stop() lets go of the change listener', async () => {
  const { readFollowing, listeners } = world(async () => ({ ...STORED }));
  const reading = readFollowing([INDEX]);
  assert.equal(listeners.size, 1);
  await reading.items;
  reading.stop();
  assert.equal(listeners.size, 0);
});
