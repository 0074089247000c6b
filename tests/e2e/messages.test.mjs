// Reaching a listed person is blocked like looking at them: a wa.me link, a
// Gmail compose window and a search for their name never reach the fake
// sites; the text a compose link carried is offered as an unsent letter and
// kept only on confirmation; a co-parent's open channel loads; and "I reached
// out" starts the day count again on the block page and the popup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { ask, openBlocked, useBrowser } from './harness.mjs';

let sites;
let browser;

const LIST = JSON.stringify({
  version: 1,
  people: [
    {
      name: 'Jane Doe',
      keywords: ['Jane Doe'],
      accounts: [
        { platform: 'phone', handle: '+1 (555) 123-4567' },
        { platform: 'email', handle: 'jane.doe@gmail.com' },
        { platform: 'facebook', handle: 'jane.doe.77' },
      ],
    },
    { name: 'Sam', coparent: { channel: 'whatsapp' }, accounts: [{ platform: 'phone', handle: '+44 7700 900123' }] },
  ],
});

const total = async () => (await ask(browser, { type: 'stats' })).all;
const logReaches = (expected) => harness.logReaches((m) => ask(browser, m), expected);

/** A local calendar date `days` ago, as the browser sees dates. */
const localDate = (days) => harness.inExtension(browser, (d) => {
  const t = new Date(Date.now() - d * 86_400_000);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}, days);

useBrowser({
  list: LIST,
  ready: async (b, s, imported) => {
    browser = b;
    sites = s;
    assert.equal(imported.rules.refused, 0, 'Chrome accepted every compiled rule');
    await ask(browser, { type: 'updateSettings', patch: { startDate: await localDate(10) } });
  },
});

for (const [name, url, host, path] of [
  ['a wa.me link', 'https://wa.me/15551234567?text=hi', 'wa.me', '/15551234567'],
  ['a WhatsApp send link', 'https://api.whatsapp.com/send?phone=15551234567', 'whatsapp.com', '/send'],
  ['an m.me link to the listed Facebook account', 'https://m.me/janedoe77', 'm.me', '/'],
  ['a Gmail compose window addressed to them', 'https://mail.google.com/mail/u/0/?view=cm&fs=1&to=jane.doe@gmail.com', 'mail.google.com', '/mail'],
  ['a search for their name', 'https://www.google.com/search?q=jane+doe+new+boyfriend', 'google.com', '/search'],
  ['a search for their name on Bing', 'https://www.bing.com/search?q=Jane+Doe', 'bing.com', '/search'],
]) {
  test(`${name} is blocked before the request`, async () => {
    const start = await total();
    const page = await openBlocked(browser, url);
    const href = await page.evaluate(() => location.href);
    assert.equal(decodeURIComponent(href.slice(href.indexOf('#') + 1)), url);
    assert.deepEqual(sites.hits(host, path), [], 'no request reached the site');
    assert.equal(await logReaches(start + 1), start + 1, 'logged once');
    await page.close();
  });
}

test('the block page names a message kindly and offers its text as an unsent letter, kept only on confirmation', async () => {
  const url = 'https://mail.google.com/mail/?view=cm&to=jane.doe@gmail.com&su=Hello&body=I%20still%20think%20about%20us';
  const page = await openBlocked(browser, url);
  await page.waitForFunction(() => document.querySelector('#letter').value !== '');
  assert.equal(await page.inputValue('#letter'), 'Hello\n\nI still think about us');
  assert.equal(await page.isVisible('#draft-note'), true);
  assert.equal(await page.textContent('#who'), 'A message to Jane Doe waits here.');
  assert.deepEqual(sites.hits('mail.google.com', '/mail'), []);
  assert.equal((await ask(browser, { type: 'letters' })).letters.length, 0, 'nothing is kept before they choose');
  await page.click('#save-letter');
  await page.waitForFunction(() => document.querySelector('#letter-status').textContent !== '');
  const { letters } = await ask(browser, { type: 'letters' });
  assert.equal(letters.length, 1);
  assert.equal(letters[0].text, 'Hello\n\nI still think about us');
  await page.close();
});

test("the co-parent's open channel loads, and their other ways stay closed", async () => {
  const start = await total();
  const page = await browser.context.newPage();
  await page.goto('https://wa.me/447700900123?text=Pick-up%20at%205');
  assert.equal(await page.textContent('h1'), 'PROFILE wa.me/447700900123');
  assert.equal(sites.hits('wa.me', '/447700900123').length, 1, 'the request went through');
  await page.close();
  assert.equal(await logReaches(start), start, 'not an attempt');
  const telegram = await ask(browser, { type: 'verdict', url: 'https://t.me/+447700900123' });
  assert.equal(telegram.verdict, 'block');
  assert.equal(telegram.channel, 'telegram');
});

test('"I reached out" starts the day count again on the block page and the popup, and is never an attempt', async () => {
  const page = await openBlocked(browser, 'https://wa.me/15551234567');
  await page.waitForFunction(() => document.querySelector('#streak').textContent === 'Day 10 of no contact');
  const attempts = await total();
  await page.click('#reached-out');
  assert.match(await page.textContent('#reached-out-status'), /starts again from today/);
  assert.equal((await ask(browser, { type: 'stats' })).lastContact, null, 'the first press only asks');
  await page.click('#reached-out');
  await page.waitForFunction(() => document.querySelector('#streak').textContent === "Today you begin again. That's allowed.");
  assert.equal(await page.textContent('#milestone'), 'Your longest was 10 days. You have done it before.');
  const stats = await ask(browser, { type: 'stats' });
  assert.equal(stats.noContactDays, 0);
  assert.equal(stats.longestNoContactDays, 10);
  assert.equal(stats.lastContact, await localDate(0));
  assert.equal(stats.all, attempts, 'a contact is not an attempt');
  await page.close();

  const popup = await browser.context.newPage();
  await popup.goto(browser.url('extension/pages/popup.html'));
  await popup.waitForFunction(() => document.querySelector('#streak').textContent !== '');
  assert.equal(await popup.textContent('#streak'), "Today you begin again. That's allowed.");
  assert.equal(await popup.textContent('#milestone'), 'Your longest was 10 days. You have done it before.');
  // The hardest hours: 24 bars, the attempts of this test among them.
  const bars = await popup.$$eval('#hours-chart rect', (rects) => rects.map((r) => Number(r.dataset.count)));
  assert.equal(bars.length, 24);
  assert.equal(bars.reduce((a, b) => a + b, 0), (await ask(browser, { type: 'stats' })).all, 'every attempt at its hour');
  await popup.close();
});

test('the popup records a contact too', async () => {
  const popup = await browser.context.newPage();
  await popup.goto(browser.url('extension/pages/popup.html'));
  await popup.waitForFunction(() => document.querySelector('#streak').textContent !== '');
  const before = (await harness.inExtension(browser, () => chrome.storage.local.get(null)));
  const contactsBefore = Object.values(before).filter((e) => e?.kind === 'contact').length;
  await popup.click('#reached-out');
  await popup.click('#reached-out');
  await popup.waitForFunction(() => document.querySelector('#reached-out-status').textContent.startsWith('Recorded.'));
  const after = await harness.inExtension(browser, () => chrome.storage.local.get(null));
  const contacts = Object.values(after).filter((e) => e?.kind === 'contact');
  assert.equal(contacts.length, contactsBefore + 1);
  assert.equal(contacts.at(-1).person, '');
  assert.equal(contacts.at(-1).platform, '');
  await popup.close();
});

test('settings add an email address and a phone number like any account, read back by the core', async () => {
  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  const field = options.getByRole('textbox', { name: 'Add a profile' });
  await field.fill('Kim.Lee+old@Gmail.com');
  await options.waitForFunction(() => document.querySelector('#readback').textContent.includes('Email'));
  assert.equal(await options.textContent('#readback'), 'Email · Kim.Lee+old@Gmail.com');
  await field.fill('+1 555 12');
  await options.waitForFunction(() => document.querySelector('#readback').classList.contains('error'));
  assert.equal(await options.textContent('#readback'), "That isn't a phone number Deadbolt can use. Write it with the country code, like +1 555 123 4567.");
  await field.fill('+1 (555) 987-6543');
  await options.waitForFunction(() => document.querySelector('#readback').textContent.includes('15559876543'));
  await options.getByRole('combobox', { name: 'Channel kept open for Sam' }).waitFor();
  assert.equal(await options.getByRole('combobox', { name: 'Channel kept open for Sam' }).inputValue(), 'whatsapp');
  await options.close();
});

test('opening a co-parent channel waits out the cool-down; closing it is at once', async () => {
  const opened = await ask(browser, { type: 'setCoparent', person: 'Jane Doe', channel: 'email' });
  assert.ok(opened.pending?.id, JSON.stringify(opened));
  const verdict = await ask(browser, { type: 'verdict', url: 'https://mail.google.com/mail/?view=cm&to=jane.doe@gmail.com' });
  assert.equal(verdict.verdict, 'block', 'still closed until the cool-down passes');
  await ask(browser, { type: 'cancelPending', id: opened.pending.id });
  const closed = await ask(browser, { type: 'setCoparent', person: 'Sam', channel: '' });
  assert.equal(closed.ok, true, JSON.stringify(closed));
  assert.equal((await ask(browser, { type: 'verdict', url: 'https://wa.me/447700900123' })).verdict, 'block');
});
