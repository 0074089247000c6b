// The names a person is saved under, edited in the settings page (issue 23):
// a name added there seals, at once, a WhatsApp Web conversation whose row
// shows only that name (a saved contact: no number, no link of theirs), in
// an inbox already open and in one opened afterwards, with no painted frame
// of it; removing the name waits out the cool-down like any removal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, ask, INBOX_PAGES, useBrowser } from './harness.mjs';

// Jane is listed by her Instagram account and her name; "Janey", how she is
// saved in the phone, is not given yet, nor her number: the WhatsApp row of
// tests/e2e/inbox/whatsapp.html that shows "Janey" (and the chat's own id,
// her unlisted number) can be told hers only by that name.
const LIST = JSON.stringify({
  version: 1,
  people: [{ name: 'Jane Doe', keywords: ['Jane Doe'], accounts: [{ platform: 'instagram', handle: 'janedoe' }] }],
});
// The marks (data-trace) of that row: its saved name, photo, preview and unread badge.
const SAVED_ROW = ['saved-name', 'saved-photo', 'saved-preview', 'saved-badge'];

let browser;
useBrowser({ list: LIST, ready: (b) => { browser = b; } });

const report = (page) => page.evaluate(() => window.inboxTest.report());

async function openInbox() {
  const page = await browser.context.newPage();
  await page.goto(INBOX_PAGES.whatsapp);
  await page.waitForFunction(() => window.inboxTest?.frames > 3);
  await page.bringToFront();
  await animationFrames(page, 5);
  return page;
}

test('a saved name added in the settings seals the conversation that shows only it; removing it waits', async () => {
  // Before: the row shows her saved name (the page counts it painted).
  const before = await openInbox();
  const unsealed = await report(before);
  assert.ok(SAVED_ROW.every((mark) => unsealed.painted.includes(mark)), `painted before: ${unsealed.painted}`);

  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  await options.getByText("Names they're saved under").waitFor();
  // A name that could never match is refused, kindly.
  await options.getByLabel('Add a name Jane Doe is saved under').fill('!!');
  await options.getByRole('button', { name: 'Add name' }).click();
  await options.getByText('A saved name needs a letter, a number or an emoji').waitFor();
  await options.getByLabel('Add a name Jane Doe is saved under').fill('  Janey ');
  await options.getByRole('button', { name: 'Add name' }).click();
  const listed = options.locator('li', { hasText: 'Janey' });
  await listed.waitFor();
  assert.deepEqual((await ask(browser, { type: 'list' })).list.people[0].names, ['Janey']);

  // The inbox already open follows without a reload (the inbox index was rewritten).
  await before.bringToFront();
  await before.waitForFunction((marks) => !marks.some((m) => window.inboxTest.report().tracesRendered.includes(m)), SAVED_ROW);
  await before.close();

  // An inbox opened now: not one painted frame of the row, a message arriving from her too; Mum stays.
  const after = await openInbox();
  await after.evaluate(() => window.inboxTest.arrive('listed'));
  await animationFrames(after);
  const sealed = await report(after);
  assert.ok(sealed.frames > 5, `the page counted ${sealed.frames} frames`);
  const hers = sealed.painted.filter((mark) => SAVED_ROW.includes(mark) || mark.startsWith('new-'));
  assert.deepEqual(hers, [], 'painted frames with her saved name');
  assert.ok(!sealed.shownHidden.includes('mum-name'), 'Mum\'s conversation is shown');
  await after.close();

  // Removing it is slow on purpose: pending through the cool-down, the name still listed.
  await options.bringToFront();
  await listed.getByRole('button', { name: 'Remove' }).click();
  await listed.getByRole('button', { name: 'Remove after 24 hours?' }).click();
  await options.getByText('Remove the saved name "Janey" from Jane Doe').waitFor();
  await options.locator('li', { hasText: 'Janey' }).getByText('removal pending').waitFor();
  const now = await ask(browser, { type: 'list' });
  assert.deepEqual(now.list.people[0].names, ['Janey'], 'still sealed until the cool-down ends');
  assert.deepEqual(now.pending.map((p) => [p.kind, p.name]), [['remove-name', 'Janey']]);
  assert.ok(now.pending[0].dueAt - Date.now() > 23 * 3600_000, 'due after the cool-down');
  await options.close();
});
