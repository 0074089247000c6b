// The Chrome package (dist/package/chrome, what dist/deadbolt-chrome.zip
// holds) loads in Chromium on its own and blocks: nothing it needs was left
// out of the zip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_LIST, ROOT, ask, launch, startFakeSites, waitForHref } from './harness.mjs';

const dir = path.join(ROOT, 'dist/package/chrome');

test('the Chrome package loads and blocks', { skip: !fs.existsSync(dir) && 'run scripts/package first' }, async () => {
  const files = fs.readdirSync(dir).sort();
  assert.deepEqual(files, ['_locales', 'extension', 'manifest.json'], 'only what ships');
  const sites = await startFakeSites();
  const browser = await launch({ port: sites.port, extensionDir: dir });
  try {
    assert.equal((await ask(browser, { type: 'importList', text: DEMO_LIST })).ok, true);
    const page = await browser.context.newPage();
    await page.goto('https://www.instagram.com/janedoe/').catch(() => {});
    await waitForHref(page, (href) => href.includes('blocked.html'));
    await page.waitForFunction(() => document.querySelector('#who').textContent.includes('Jane Doe'));
    assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
  } finally {
    await browser.context.close();
    await sites.close();
  }
});
