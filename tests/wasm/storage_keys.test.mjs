// Storage keys live in one place (extension/storage_keys.js): no other
// module of the worker or its pages spells one, and the classic content
// script, which cannot import it, spells the ones it reads the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as keys from '../../extension/storage_keys.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');

test('no worker module spells a storage key itself', () => {
  const values = Object.values(keys);
  assert.ok(values.length >= 20);
  const modules = fs.readdirSync(path.join(root, 'extension')).filter((f) => f.endsWith('.js') && f !== 'storage_keys.js');
  assert.ok(modules.includes('list_storage.js') && modules.includes('list_owner.js'));
  for (const file of modules) {
    const code = read(`extension/${file}`).replace(/^\s*\/\/.*$/gm, '');
    for (const key of values) {
      assert.ok(!code.includes(`'${key}'`) && !code.includes(`"${key}"`), `${file} spells '${key}'`);
    }
  }
});

test('the feeds content script reads the keys the worker writes', () => {
  const feeds = read('extension/content/feeds.js');
  assert.match(feeds, new RegExp(`'${keys.FEED_INDEX.replace('.', '\\.')}'`));
  assert.match(feeds, new RegExp(`'${keys.PERF_MEASURE.replace('.', '\\.')}'`));
});

test('the inbox content script reads the keys the worker writes', () => {
  const inbox = read('extension/content/inbox.js');
  assert.match(inbox, new RegExp(`'${keys.INBOX_INDEX.replace('.', '\\.')}'`));
  assert.match(inbox, new RegExp(`'${keys.INBOX_OPENED.replace('.', '\\.')}'`));
  assert.ok(inbox.includes(`\`${keys.INBOX_COUNT_PREFIX}\${`), 'inbox.count.<day>.<session>');
});

test('the in-app guard reads the keys the worker writes', () => {
  const guard = read('extension/content/guard.js');
  assert.match(guard, new RegExp(`'${keys.LIST_SNAPSHOT.replace('.', '\\.')}'`));
  assert.match(guard, new RegExp(`'${keys.FEED_INDEX.replace('.', '\\.')}'`));
});
