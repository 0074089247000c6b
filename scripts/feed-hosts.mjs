// The feed content script's host list, made from the core's catalog: every
// registrable domain of every platform that has feed markup, and its
// subdomains. Rewrites the `matches` of manifest.json's content_scripts entry
// that runs extension/content/feeds.js (other entries are left alone);
// `--check` only reports whether the manifest agrees (tests/wasm run it).
// Usage: node scripts/feed-hosts.mjs [--check]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(root, 'manifest.json');

/** The matches the catalog asks for, in the catalog's order. */
export async function feedMatches() {
  const { instantiateDecider } = await import(path.join(root, 'extension/decider.js'));
  const decider = await instantiateDecider(fs.readFileSync(path.join(root, 'extension/built/deadbolt_decider.wasm')));
  const { platforms } = decider.feedMarkup('');
  return [...new Set(platforms.flatMap((p) => p.hosts.flatMap((h) => [`https://${h}/*`, `https://*.${h}/*`])))];
}

export function feedEntry(manifest) {
  return manifest.content_scripts.find((entry) => entry.js.includes('extension/content/feeds.js'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = fs.readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(text);
  const matches = await feedMatches();
  const entry = feedEntry(manifest);
  const same = JSON.stringify(entry.matches) === JSON.stringify(matches);
  if (process.argv.includes('--check')) {
    if (!same) console.error('manifest.json: the feeds entry\'s matches differ from the catalog; run node scripts/feed-hosts.mjs');
    process.exit(same ? 0 : 1);
  }
  entry.matches = matches;
  fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`manifest.json: ${matches.length} feed matches${same ? ' (unchanged)' : ''}`);
}
