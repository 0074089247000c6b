// The platform icons the pages show: the shipped file is what
// scripts/platform-icons.mjs makes from the installed simple-icons, and every
// platform the core knows has been given an icon or the neutral fallback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, PLATFORM_ICON_SLUGS } from '../../scripts/platform-icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { default: createDeadboltCore } = await import(path.join(root, 'extension/built/deadbolt_core.mjs'));
const module = await createDeadboltCore({ wasmBinary: fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm')) });
const { PLATFORM_ICONS } = await import(path.join(root, 'extension/icons/platforms.js'));

test('extension/icons/platforms.js is up to date (node scripts/platform-icons.mjs)', () => {
  assert.equal(fs.readFileSync(path.join(root, 'extension/icons/platforms.js'), 'utf8'), generate());
});

test('every platform of the core has an icon or the neutral fallback, by decision', () => {
  const ids = JSON.parse(new module.Core().platforms()).map((p) => p.id);
  assert.ok(ids.length > 30, `only ${ids.length} platforms`);
  assert.deepEqual(ids.filter((id) => !(id in PLATFORM_ICON_SLUGS)), [], 'add them to scripts/platform-icons.mjs');
  for (const id of ['instagram', 'facebook', 'x', 'tiktok', 'youtube', 'google']) assert.ok(PLATFORM_ICONS[id], id);
  assert.equal(PLATFORM_ICONS.linkedin, undefined, 'simple-icons has no LinkedIn icon: the fallback');
  for (const [id, icon] of Object.entries(PLATFORM_ICONS)) {
    assert.match(icon.bg, /^#[0-9A-F]{6}$/, id);
    assert.ok(icon.fg === '#FFFFFF' || icon.fg === '#000000', id);
    assert.match(icon.path, /^[Mm][0-9.\-\s,A-Za-z]+$/, id);
  }
});
