// The feed content script runs exactly where the catalog has feed markup:
// manifest.json's feeds entry lists the catalog's hosts (scripts/feed-hosts.mjs
// rewrites it), so a platform added to the catalog cannot be forgotten there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { feedEntry, feedMatches } = await import(path.join(root, 'scripts/feed-hosts.mjs'));

test('manifest.json\'s feed matches are the catalog\'s feed hosts', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const matches = await feedMatches();
  assert.ok(matches.includes('https://*.instagram.com/*') && matches.includes('https://mastodon.social/*'), matches.join(' '));
  assert.deepEqual(feedEntry(manifest).matches, matches, 'run node scripts/feed-hosts.mjs');
});
