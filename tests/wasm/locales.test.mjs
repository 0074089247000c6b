// Every user-visible string comes from _locales: each key the extension asks
// for exists, and the pages' HTML holds no text of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const messages = JSON.parse(fs.readFileSync(path.join(root, '_locales/en/messages.json'), 'utf8'));
const files = (dir, ext) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => path.join(root, dir, f));
const sources = [...files('extension', '.js'), ...files('extension/pages', '.js')];
const pages = files('extension/pages', '.html');

test('every message the extension asks for exists', () => {
  const used = new Set();
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/getMessage\('([A-Za-z0-9_]+)'/g)) used.add(m[1]);
    for (const m of text.matchAll(/:\s*'(error[A-Z][A-Za-z]+)'/g)) used.add(m[1]);
  }
  for (const file of pages) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/data-i18n(?:-label|-placeholder|-title)?="([A-Za-z0-9_]+)"/g)) used.add(m[1]);
  }
  for (const m of fs.readFileSync(path.join(root, 'manifest.json'), 'utf8').matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
  assert.ok(used.size > 80, `only ${used.size} keys found`);
  const missing = [...used].filter((k) => !(k in messages));
  assert.deepEqual(missing, []);
});

test("the pages' HTML has no text of its own", () => {
  for (const file of pages) {
    const text = fs.readFileSync(file, 'utf8')
      .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<title>[^<]*<\/title>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    assert.match(text, /^(0( 0)*)?$/, `${path.basename(file)} holds text: "${text.slice(0, 80)}"`);
  }
});
