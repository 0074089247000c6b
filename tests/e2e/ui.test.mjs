// What a person going no contact sees: the streak and milestones, the
// 30-day chart, the slow removal, unsent letters, private data, "Block this
// profile", keyboard use, and axe-core on every page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as harness from './harness.mjs';
import { DEMO_LIST, ROOT, ask, openBlocked, useBrowser, waitForHref } from './harness.mjs';

const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const DAY = 86_400_000;
let browser;

const inExtension = (fn, arg) => harness.inExtension(browser, fn, arg);

/** A local calendar date `days` ago, as the browser sees dates. */
const localDate = (days) => inExtension((d) => {
  const t = new Date(Date.now() - d * 86_400_000);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}, days);

async function blockPage(url = 'https://www.instagram.com/janedoe/') {
  const page = await openBlocked(browser, url);
  await page.waitForFunction(() => document.querySelector('#streak').textContent !== '');
  return page;
}

useBrowser({ list: DEMO_LIST, ready: (b) => { browser = b; } });

test('the block page shows the day of no contact and the next milestone', async () => {
  await ask(browser, { type: 'updateSettings', patch: { startDate: await localDate(10), reasons: ['I deserve peace.'], support: { name: 'Alex', contact: '' } } });
  const page = await blockPage();
  assert.equal(await page.textContent('#streak'), 'Day 10 of no contact');
  assert.equal(await page.textContent('#milestone'), 'Next milestone: 14 days');
  assert.equal(await page.textContent('#reason'), 'I deserve peace.');
  assert.match(await page.textContent('#suggestion'), /^Call Alex\./);
  assert.equal(await page.locator('a[href^="http"]').count(), 0, 'no way through to the profile');
  await ask(browser, { type: 'updateSettings', patch: { startDate: await localDate(30) } });
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#streak').textContent === 'Day 30 of no contact');
  assert.equal(await page.textContent('#milestone'), 'Next milestone: 60 days');
  await page.close();
});

test("the popup's chart draws the core's daily series", async () => {
  await ask(browser, { type: 'deletePrivateData', log: true });
  await inExtension(async (day) => {
    const now = Date.now();
    const o = -new Date().getTimezoneOffset();
    const entries = [[0, 2], [1, 1], [5, 3], [29, 1], [40, 4]].flatMap(([ago, n]) =>
      Array.from({ length: n }, () => ({ t: now - ago * day, o, person: 'Jane Doe', platform: 'instagram', kind: 'profile' })));
    const byMonth = {};
    for (const e of entries) (byMonth[`log.${new Date(e.t).toISOString().slice(0, 7)}`] ??= []).push(e);
    await chrome.storage.local.set(byMonth);
  }, DAY);
  const popup = await browser.context.newPage();
  await popup.goto(browser.url('extension/pages/popup.html'));
  await popup.waitForSelector('#chart rect');
  const counts = await popup.$$eval('#chart rect', (rects) => rects.map((r) => Number(r.dataset.count)));
  assert.equal(counts.length, 30);
  assert.deepEqual([counts[29], counts[28], counts[24], counts[0]], [2, 1, 3, 1]);
  assert.equal(counts.reduce((a, b) => a + b), 7, 'the attempts 40 days ago are not in the chart');
  assert.equal(await popup.textContent('#total'), '11');
  assert.equal(await popup.textContent('#month'), '7');
  assert.equal(await popup.textContent('#today'), '2');
  assert.match(await popup.textContent('#by-platform'), /Instagram: 11/);
  // Readable labels: each day's count on hover and for screen readers, the dates at the ends.
  const titles = await popup.$$eval('#chart rect title', (ts) => ts.map((x) => x.textContent));
  const spoken = await popup.$$eval('#chart ol.visually-hidden li', (items) => items.map((x) => x.textContent));
  assert.equal(titles.length, 30);
  assert.deepEqual(spoken, titles, 'screen readers hear what the bars show');
  const [first, last] = await popup.$$eval('#chart .chart-ends span', (spans) => spans.map((x) => x.textContent));
  const day = (ago) => new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(new Date(Date.now() - ago * DAY));
  assert.deepEqual([first, last], [day(29), day(0)]);
  assert.equal(titles[29], `${day(0)}: 2 kept closed`);
  assert.equal(titles[0], `${day(29)}: 1 kept closed`);
  assert.equal(await popup.getAttribute('#chart svg', 'aria-hidden'), 'true');
  // The platform's own icon (simple-icons), not initials.
  assert.equal(await popup.$eval('#by-platform li .badge.icon', (b) => getComputedStyle(b).backgroundColor), 'rgb(255, 0, 105)');
  assert.ok(await popup.$('#by-platform li .badge.icon svg path[d^="M"]'));
  await popup.close();
});

test('removing an account waits out the cool-down, can be cancelled, then applies', async () => {
  const page = await browser.context.newPage();
  await page.goto(browser.url('extension/pages/options.html'));
  const row = page.locator('li', { hasText: 'X · janedoe_x' });
  await row.getByRole('button', { name: 'Remove' }).click();
  await row.getByRole('button', { name: 'Remove after 24 hours?' }).click();
  await page.getByText('Remove X · janedoe_x from Jane Doe').waitFor();
  let { pending } = await ask(browser, { type: 'list' });
  assert.equal(pending.length, 1);
  assert.ok(pending[0].dueAt - pending[0].requestedAt >= 24 * 3_600_000);

  // Still blocked while it waits.
  (await blockPage('https://x.com/janedoe_x')).close();

  // Cancel, then ask again and let the cool-down pass.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Remove X · janedoe_x from Jane Doe').waitFor({ state: 'detached' });
  assert.equal((await ask(browser, { type: 'list' })).pending.length, 0);
  await row.getByRole('button', { name: 'Remove' }).click();
  await row.getByRole('button', { name: 'Remove after 24 hours?' }).click();
  await page.getByText('Remove X · janedoe_x from Jane Doe').waitFor();
  await inExtension(async () => {
    const { pending: p } = await chrome.storage.local.get('pending');
    await chrome.storage.local.set({ pending: p.map((c) => ({ ...c, dueAt: Date.now() - 1 })) });
  });
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');  // a restarted worker applies what is due
  ({ pending } = await ask(browser, { type: 'list' }));
  for (let i = 0; i < 50 && (await ask(browser, { type: 'list' })).list.people[0].accounts.length !== 3; i++) await new Promise((r) => setTimeout(r, 100));
  const { list } = await ask(browser, { type: 'list' });
  assert.deepEqual(list.people[0].accounts.map((a) => a.platform ?? 'url'), ['instagram', 'url', 'url']);
  const tab = await browser.context.newPage();
  await tab.goto('https://x.com/janedoe_x');
  assert.equal(await tab.textContent('h1'), 'PROFILE x.com/janedoe_x', 'the removal took effect');
  await tab.close();
  await page.close();
  // Put it back: adding is instant.
  assert.equal((await ask(browser, { type: 'addAccount', text: 'https://x.com/janedoe_x', person: 'Jane Doe' })).ok, true);
});

test('a shorter cool-down and turning Deadbolt off wait; turning it on is instant', async () => {
  let result = await ask(browser, { type: 'updateSettings', patch: { cooldownHours: 72 } });
  assert.equal(result.settings.cooldownHours, 72, 'longer applies at once');
  result = await ask(browser, { type: 'updateSettings', patch: { cooldownHours: 24 } });
  assert.equal(result.settings.cooldownHours, 72);
  assert.equal(result.pending[0].kind, 'cooldown');
  assert.ok(result.pending[0].dueAt - result.pending[0].requestedAt >= 72 * 3_600_000, 'shortening takes the cool-down itself');
  result = await ask(browser, { type: 'updateSettings', patch: { enabled: false } });
  assert.equal(result.settings.enabled, true);
  assert.equal(result.pending[0].kind, 'disable');
  (await blockPage()).close();
  const waitingOff = async () => (await ask(browser, { type: 'list' })).pending.filter((p) => p.kind === 'disable').length;
  await ask(browser, { type: 'updateSettings', patch: { enabled: false } });
  assert.equal(await waitingOff(), 1, 'asked twice, one turn-off waits');
  // Turned on while a turn-off waits: it is withdrawn, so it cannot switch Deadbolt off when due.
  result = await ask(browser, { type: 'updateSettings', patch: { enabled: true } });
  assert.equal(result.settings.enabled, true);
  assert.equal(await waitingOff(), 0);
  for (const p of (await ask(browser, { type: 'list' })).pending) await ask(browser, { type: 'cancelPending', id: p.id });
});

test('the settings page: a blank cool-down lowers nothing, refusals say why, unsaved words survive other actions, and focus stays where the person was', async () => {
  const page = await browser.context.newPage();
  await page.goto(browser.url('extension/pages/options.html'));
  await page.waitForFunction(() => performance.getEntriesByName('deadbolt-ready').length > 0);
  const before = await ask(browser, { type: 'list' });
  // A cleared cool-down field (Number('') is 0) must not ask for a shorter one.
  await page.locator('#cooldown').fill('');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#settings-status').getByText('Saved.').waitFor();
  const after = await ask(browser, { type: 'list' });
  assert.equal(after.settings.cooldownHours, before.settings.cooldownHours);
  assert.deepEqual(after.pending.map((p) => p.kind), before.pending.map((p) => p.kind), 'nothing queued');
  // Reasons and a support person typed, not saved yet: every other action
  // below draws the page again, and must not take them away.
  await page.locator('#reasons-input').fill('I deserve calm.\nThey never listened.');
  await page.locator('#support-name').fill('Robin');
  // A keyword the core refuses says why, from the keyboard (Enter).
  const keyword = page.getByLabel('Add a name keyword for Jane Doe');
  await keyword.fill('!!!');
  await keyword.press('Enter');
  await page.getByText('A keyword needs at least one letter or digit.').waitFor();
  // One it takes: the rows are drawn again and the keyboard stays in the field.
  await keyword.fill('jane from work');
  await keyword.press('Enter');
  await page.locator('li', { hasText: 'jane from work' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.dataset.focusKey), 'keyword Jane Doe');
  assert.equal(await page.locator('#reasons-input').inputValue(), 'I deserve calm.\nThey never listened.', 'kept through the redraws');
  assert.equal(await page.locator('#support-name').inputValue(), 'Robin');
  // Another settings page changes the start date meanwhile: this page's
  // Save sends what was typed here, not the start date it showed.
  await ask(browser, { type: 'updateSettings', patch: { startDate: '2026-01-02' } });
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#settings-status').getByText('Saved.').waitFor();
  const saved = (await ask(browser, { type: 'list' })).settings;
  assert.deepEqual(saved.reasons, ['I deserve calm.', 'They never listened.']);
  assert.equal(saved.support.name, 'Robin');
  assert.equal(saved.startDate, '2026-01-02', 'the other page\'s change stays');
  await page.waitForFunction(() => document.querySelector('#start-date').value === '2026-01-02');
  // More reasons than are kept: refused whole, in words, and still in the box (never cut to the first ones).
  const many = Array.from({ length: 101 }, (_, i) => `Reason ${i + 1}`).join('\n');
  await page.locator('#reasons-input').fill(many);
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('#settings-status').getByText('more reasons than can be kept', { exact: false }).waitFor();
  assert.equal(await page.locator('#reasons-input').inputValue(), many);
  assert.deepEqual((await ask(browser, { type: 'list' })).settings.reasons, ['I deserve calm.', 'They never listened.']);
  assert.equal(await page.locator('#page-failed').count(), 0, 'the page did not fail');
  await page.close();
});

test('an unsent letter is kept, listed, and deletable; one being written survives a reload; private data deletes at once', async () => {
  const page = await blockPage();
  const box = page.getByLabel('Write what you want to send them.', { exact: false });
  // Written, not kept yet, and the page reloaded: the words are still there.
  await box.pressSequentially('I miss you.');
  await box.press('End');
  await page.waitForFunction(async () => (await chrome.runtime.sendMessage({ type: 'letterDraft' })).text === 'I miss you.');
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#letter').value === 'I miss you.');
  assert.equal(await page.textContent('#draft-note'), 'The letter you were writing is still here, unsent.');
  await box.fill('I miss you. I am not sending this.');
  await page.getByRole('button', { name: 'Keep it, unsent' }).click();
  await page.getByText('Kept.', { exact: false }).waitFor();
  // Kept: no draft comes back.
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#streak').textContent !== '');
  assert.equal(await box.inputValue(), '');
  assert.equal((await ask(browser, { type: 'letters' })).letters.filter((l) => l.text.startsWith('I miss you')).length, 1);
  // Another block page left open while every letter is deleted: closing it
  // does not write its words back.
  await box.pressSequentially('Still here.');
  await page.waitForFunction(async () => (await chrome.runtime.sendMessage({ type: 'letterDraft' })).text === 'Still here.');
  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  await options.getByText('I miss you. I am not sending this.').waitFor();
  await options.getByRole('button', { name: 'Delete all unsent letters' }).click();
  await options.getByRole('button', { name: 'Yes, delete for good' }).click();
  await options.getByText('I miss you. I am not sending this.').waitFor({ state: 'detached' });
  // The page leaving (its pagehide, which writes what was typed): refused, nothing comes back.
  await page.evaluate(() => dispatchEvent(new PageTransitionEvent('pagehide')));
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal((await ask(browser, { type: 'letterDraft' })).text, '', 'the deleted draft stays deleted');
  // What they type there from now on is kept again.
  await box.press('End');
  await box.pressSequentially(' Again.');
  await page.waitForFunction(async () => (await chrome.runtime.sendMessage({ type: 'letterDraft' })).text.endsWith('Again.'));
  await page.close();
  await options.getByRole('button', { name: 'Delete the log of blocked visits' }).click();
  await options.getByRole('button', { name: 'Yes, delete for good' }).click();
  await options.getByText('Deleted.').waitFor();
  assert.equal((await ask(browser, { type: 'stats' })).all, 0);
  assert.equal((await ask(browser, { type: 'list' })).list.people.length, 1, 'the list itself is untouched');
  await options.close();
});

test('"Block this profile" in the popup adds the current tab, after a confirmation', async () => {
  const tab = await browser.context.newPage();
  await tab.goto('https://www.instagram.com/natgeo/');
  const tabId = await inExtension(async () => (await chrome.tabs.query({ url: 'https://www.instagram.com/natgeo/' }))[0].id);
  const popup = await browser.context.newPage();
  await popup.goto(browser.url(`extension/pages/popup.html#tab=${tabId}`));
  await popup.getByText('Instagram · natgeo').waitFor();
  await popup.getByRole('button', { name: 'Block this profile' }).click();
  await popup.getByLabel('Whose account is it?').fill('Jane Doe');
  await popup.getByRole('button', { name: 'Yes, block it' }).click();
  await popup.getByText('Added Instagram · natgeo for Jane Doe', { exact: false }).waitFor();
  await waitForHref(tab, (href) => href.includes('blocked.html'));
  await popup.close();
  await tab.close();
});

test('settings work from the keyboard alone', async () => {
  const page = await browser.context.newPage();
  await page.goto(browser.url('extension/pages/options.html'));
  await page.waitForFunction(() => performance.getEntriesByName('deadbolt-ready').length > 0);  // rendered
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'profile', 'the first stop is "Add a profile"');
  await page.keyboard.type('https://www.tiktok.com/@jane.doe');
  // Enter at once, before the field's debounced read-back is due: that
  // reading must not come back later and replace "Added …" (it did, in CI).
  await page.keyboard.press('Enter');
  await page.getByText('Added TikTok · jane.doe', { exact: false }).waitFor();
  await page.waitForTimeout(400);
  assert.match(await page.locator('#readback').textContent(), /^Added TikTok · jane\.doe/, 'the confirmation stays');
  const stops = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    stops.push(await page.evaluate(() => document.activeElement.id || document.activeElement.textContent.trim()));
  }
  for (const id of ['platform', 'person', 'export', 'import', 'reasons-input', 'save-settings']) assert.ok(stops.includes(id), `${id} is reachable`);
  // The co-parent channel: arrow keys on the closed menu choose, they queue nothing; its button applies.
  const pendingCount = async () => (await ask(browser, { type: 'list' })).pending.length;
  const before = await pendingCount();
  const menu = page.getByRole('combobox', { name: 'Channel kept open for Jane Doe' });
  await menu.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(300);
  assert.equal(await pendingCount(), before, 'choosing queues nothing');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Channel kept open for Jane Doe', 'focus stays on the menu');
  await page.getByRole('button', { name: 'Keep this one open' }).click();
  await page.waitForFunction(async (n) => (await chrome.runtime.sendMessage({ type: 'list' })).pending.length === n + 1, before);
  for (const p of (await ask(browser, { type: 'list' })).pending.filter((p) => p.kind === 'coparent')) await ask(browser, { type: 'cancelPending', id: p.id });
  await page.close();
});

test('axe-core finds no violations on the four pages, in light and dark', async () => {
  for (const scheme of ['light', 'dark']) {
    for (const [name, url] of [
      ['block page', 'https://www.instagram.com/janedoe/'],
      ['popup', browser.url('extension/pages/popup.html')],
      ['settings', browser.url('extension/pages/options.html')],
      ['welcome', browser.url('extension/pages/welcome.html')],
    ]) {
      const page = await browser.context.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      if (name === 'block page') {
        await page.goto(url).catch(() => {});
        await waitForHref(page, (href) => href.includes('blocked.html'));
      } else {
        await page.goto(url);
      }
      await page.waitForFunction(() => performance.getEntriesByName('deadbolt-ready').length > 0);
      await page.evaluate(AXE);  // evaluated over CDP: the page's CSP does not apply
      const violations = await page.evaluate(async () =>
        (await axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
      assert.deepEqual(violations, [], `${name} (${scheme})`);
      await page.close();
    }
  }
});
