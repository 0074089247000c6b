// The settings page: "Add a profile" reads back what the core sees and blocks
// it at once; "Import" refuses a bad file without touching the list;
// "Export" downloads a v1 file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LIST, ask, useBrowser, waitForHref } from './harness.mjs';

let sites;
let browser;
let page;

useBrowser({
  ready: async (b, s) => {
    browser = b;
    sites = s;
    page = await browser.context.newPage();
    await page.goto(browser.url('extension/pages/options.html'));
  },
});

test('"Add a profile" reads the link back and blocks it from then on', async () => {
  await page.getByLabel('Whose account is it?').fill('Sam');
  await page.getByLabel('Add a profile').fill('https://www.tiktok.com/@sam.rivers?lang=en');
  await page.waitForFunction(() => document.querySelector('#readback').textContent === 'TikTok · sam.rivers');
  await page.getByRole('button', { name: 'Block this account' }).click();
  await page.getByText('TikTok · sam.rivers', { exact: true }).waitFor();
  // The account shows TikTok's own icon (simple-icons' path, on its brand colour), hidden from screen readers.
  const badge = page.locator('li', { hasText: 'TikTok · sam.rivers' }).locator('.badge');
  assert.deepEqual(await badge.evaluate((b) => [b.className, b.getAttribute('aria-hidden'), b.title, getComputedStyle(b).backgroundColor,
    b.querySelector('svg path').getAttribute('d').slice(0, 1)]), ['badge icon', 'true', 'TikTok', 'rgb(0, 0, 0)', 'M']);
  const tab = await browser.context.newPage();
  await tab.goto('https://www.tiktok.com/@sam.rivers').catch(() => {});
  await waitForHref(tab, (href) => href.includes('blocked.html'));
  assert.deepEqual(sites.hits('tiktok.com', '/@sam.rivers'), []);
  await tab.close();
});

test('a handle needs its platform, and a bad one is explained', async () => {
  await page.getByLabel('Add a profile').fill('jane doe');
  await page.getByLabel('Platform (for a handle)').selectOption('instagram');
  await page.waitForFunction(() => document.querySelector('#readback').textContent === "That isn't a handle: Instagram handles use letters, digits and '.' '_'; 1 to 30 characters.");
  await page.getByLabel('Add a profile').fill('@jane.doe');
  await page.waitForFunction(() => document.querySelector('#readback').textContent === 'Instagram · jane.doe');
  await page.getByLabel('Platform (for a handle)').selectOption('');
});

test('"Import" refuses a bad file and leaves the list as it was', async () => {
  const before = await ask(browser, { type: 'list' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-import-'));
  const bad = path.join(dir, 'bad.json');
  fs.writeFileSync(bad, '{"version":1,"people":[{"name":"J","accounts":[{"platform":"myspace","handle":"j"}]}]}');
  await page.getByLabel('Import', { exact: true }).setInputFiles(bad);
  await page.waitForFunction(() => document.querySelector('#backup-status').textContent.includes('unknown platform'));
  assert.deepEqual((await ask(browser, { type: 'list' })).list, before.list);

  const good = path.join(dir, 'good.json');
  fs.writeFileSync(good, DEMO_LIST);
  await page.getByLabel('Import', { exact: true }).setInputFiles(good);
  await page.waitForFunction(() => document.querySelector('#backup-status').textContent.startsWith('Imported:'));
  const after = await ask(browser, { type: 'list' });
  assert.deepEqual(after.list.people.map((p) => p.name), ['Sam', 'Jane Doe'], 'what the file adds applies at once');
  // The file leaves Sam out: removing him is shown, and waits for a decision.
  await page.getByText('Remove Sam and all their accounts').waitFor();
  await page.getByRole('button', { name: 'Keep blocking them' }).click();
  assert.equal((await ask(browser, { type: 'list' })).pending.length, 0, 'nothing queued without confirmation');
});

test('"Export" downloads a v1 list', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(exported.version, 1);
  const jane = exported.people.find((p) => p.name === 'Jane Doe');
  assert.equal(jane.accounts[0].platform, 'instagram');
});

test('every copy of a list that could not be read is offered, newest first, each as it was kept', async () => {
  const kept = [
    { text: '{"version":2,"people":"older"}', error: 'unsupported version 2', from: 'local', keptAt: Date.parse('2026-11-02T09:00:00Z') },
    { text: '{"version":2,"people":"newer"}', error: 'unsupported version 2', from: 'sync', keptAt: Date.parse('2026-11-30T21:30:00Z') },
  ];
  await page.evaluate((k) => chrome.storage.local.set({ 'list.unreadable': k }), kept);
  await page.reload();
  const buttons = page.locator('#notices button');
  await buttons.first().waitFor();
  const labels = await buttons.allTextContents();
  assert.equal(labels.length, 2);
  assert.ok(labels.every((l) => l.startsWith('Download the copy kept on ')), labels.join(' | '));
  for (const [i, text] of [[0, kept[1].text], [1, kept[0].text]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(i).click()]);
    assert.equal(fs.readFileSync(await download.path(), 'utf8'), text);
  }
  await page.evaluate(() => chrome.storage.local.remove('list.unreadable'));
});
