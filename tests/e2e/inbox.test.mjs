// Sealed inboxes in a real Chromium (issue 23): on each inbox's fake page,
// at its real host, every element that carries a trace of a listed person
// (name, address, number, photo, preview, unread badge) is never painted —
// counted by the page itself in every animation frame (tests/e2e/inbox/
// frames.js) — on first load, when a message arrives, when a row is
// re-rendered to the top and when a row node is recycled for them; every
// other conversation stays visible; the page's notifications from them are
// never shown (others are), and a tab title naming them is replaced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, INBOX_PAGES, inExtension, openBlocked, stopWorker, useBrowser } from './harness.mjs';
import { assertClean, INBOX_LIST } from './inbox/fixtures.mjs';

let browser;
useBrowser({ list: INBOX_LIST, ready: (b) => { browser = b; } });

const report = (page) => page.evaluate(() => window.inboxTest.report());

async function open(url) {
  await browser.context.grantPermissions(['notifications'], { origin: new URL(url).origin });
  const page = await browser.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.inboxTest?.frames > 3);
  await animationFrames(page, 5);
  return page;
}

/**
 * Replaces `Notification` in Deadbolt's isolated world of `page` (reached
 * over CDP) with a recorder: what Deadbolt would show, for the test to read.
 */
async function recordShownNotifications(page) {
  const cdp = await browser.context.newCDPSession(page);
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const isolated = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
  assert.ok(isolated, 'Deadbolt\'s isolated world is in the page');
  const run = async (expression) => (await cdp.send('Runtime.evaluate', { expression, contextId: isolated.id, returnByValue: true })).result.value;
  await run('globalThis.shownForTest = []; window.Notification = class { constructor(title) { globalThis.shownForTest.push(title); } };');
  return { shown: () => run('globalThis.shownForTest') };
}

// The inboxes whose fake page has an open conversation beside the list.
const PANES = ['whatsapp', 'messenger', 'facebook', 'linkedin', 'telegram', 'outlook', 'yahoo', 'instagram', 'x'];

for (const [inbox, url] of Object.entries(INBOX_PAGES)) {
  describe(inbox, () => {
    test('first load, a message arriving, a row re-rendered to the top, a recycled row: no painted frame of them', async () => {
      const page = await open(url);
      assertClean(await report(page), 'first load');
      await page.evaluate(() => {
        window.inboxTest.arrive('listed');
        window.inboxTest.arrive('friend');
      });
      await animationFrames(page);
      assertClean(await report(page), 'a message arriving');
      await page.evaluate(() => {
        window.inboxTest.toTop(':scope > :has([data-trace])');
        window.inboxTest.toTop(':scope > :has([data-shown]):not(:has([data-trace]))');
      });
      await animationFrames(page);
      assertClean(await report(page), 'rows re-rendered to the top');
      await page.evaluate(() => window.inboxTest.recycle(':scope > :has([data-shown]):not(:has([data-trace]))', 'listed'));
      await animationFrames(page);
      assertClean(await report(page), 'a recycled row');
      await page.close();
    });

    test('notifications from them are never shown, others are; the page cannot tell them apart', async () => {
      const page = await open(url);
      const notifications = await recordShownNotifications(page);
      await page.evaluate(() => {
        window.inboxTest.notify('Jane Doe', 'are you up?');
        window.inboxTest.notify('Mum', 'dinner on Sunday?');
        window.inboxTest.notify('New message', 'Janey: please answer');
        window.inboxTest.notify('jane.doe@example.com', 'Re: us');
      });
      await animationFrames(page);
      assert.deepEqual(await notifications.shown(), ['Mum']);
      const raised = await page.evaluate(() => window.inboxTest.raised);
      assert.deepEqual(raised.map((n) => n.events), [['show'], ['show'], ['show'], ['show']], 'every one looks shown to the page');
      await page.close();
    });

    if (PANES.includes(inbox)) {
      test('the open conversation: theirs sealed whole, another\'s shown, theirs again sealed, before a frame', async () => {
        const page = await open(url);
        assertClean(await report(page), 'the app opened theirs by itself');
        await page.evaluate(() => window.inboxTest.openPane('friend'));
        await animationFrames(page);
        const friend = await report(page);
        assert.deepEqual(friend.shownHidden, [], 'another person\'s conversation is shown');
        assert.ok(friend.shown > 0 && friend.paintedFrames === 0);
        await page.evaluate(() => window.inboxTest.openPane('listed'));
        await animationFrames(page);
        assertClean(await report(page), 'theirs opened again');
        if (await page.evaluate(() => !!document.getElementById('pane-lookalike'))) {
          // Someone whose name or address only looks like theirs: shown.
          await page.evaluate(() => window.inboxTest.openPane('lookalike'));
          await animationFrames(page);
          assert.deepEqual((await report(page)).shownHidden, [], 'a look-alike\'s open conversation is shown');
        }
        await page.close();
      });
    }

    test('a tab title naming them is replaced; others are left', async () => {
      const page = await open(url);
      await page.evaluate(() => { document.title = '(1) Jane Doe'; });
      await animationFrames(page, 3);
      assert.equal(await page.title(), 'Messages');
      await page.evaluate(() => { document.title = '(2) Mum'; });
      await animationFrames(page, 3);
      assert.equal(await page.title(), '(2) Mum');
      await page.close();
    });
  });
}

describe('every inbox', () => {
  test('notifications raised through the service worker registration: theirs never shown, others are, the page cannot tell', async () => {
    const page = await open(INBOX_PAGES.whatsapp);
    const answers = [];
    for (const [title, body] of [['Jane Doe', 'are you up?'], ['Mum', 'dinner on Sunday?'], ['+1 555 123 4567', 'new number'], ['Janey', 'please']]) {
      answers.push(await page.evaluate(([t, b]) => window.inboxTest.notifyViaWorker(t, b), [title, body]));
    }
    assert.deepEqual(answers, ['resolved', 'resolved', 'resolved', 'resolved'], 'every one answered alike');
    // What the browser shows for the page's registration (headless Chromium
    // keeps them: without Deadbolt all four are listed here).
    const shown = () => page.evaluate(async () => (await (await window.inboxTest.registration).getNotifications()).map((n) => n.title));
    for (let i = 0; i < 200 && !(await shown()).includes('Mum'); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await shown(), ['Mum'], 'shown through the page\'s own registration; theirs never');
    await page.close();
  });

  test('a co-parent\'s open channel stays visible there and sealed elsewhere; groups keep their other members', async () => {
    const wa = await open(INBOX_PAGES.whatsapp);
    const r = await report(wa);
    assert.ok(!r.shownHidden.includes('coparent-name') && !r.shownHidden.includes('coparent-preview'), 'WhatsApp is Sam\'s open channel');
    assert.ok(!r.shownHidden.includes('group-name'), 'the group stays, its name shown');
    assert.ok(!r.tracesRendered.includes('group-sender') && !r.tracesRendered.includes('group-preview'), 'her name and the preview are covered');
    await wa.close();
    const gmail = await open(INBOX_PAGES.gmail);
    assert.ok(!(await report(gmail)).tracesRendered.includes('coparent-elsewhere'), 'sealed in Gmail');
    await gmail.close();
  });

  test('a title naming them is replaced on the same sites outside the inbox too', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://www.facebook.com/feeds/facebook');
    await page.evaluate(() => { document.title = 'Jane Doe messaged you | Facebook'; });
    await page.waitForFunction(() => document.title === 'Messages');
    await page.evaluate(() => { document.title = 'Alex Kim messaged you | Facebook'; });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await page.title(), 'Alex Kim messaged you | Facebook');
    await page.close();
  });

  test('a page that rebuilds its <head> does not unseal a frame', async () => {
    const page = await open(INBOX_PAGES.linkedin);
    await page.evaluate(() => {
      for (const style of document.querySelectorAll('style')) style.remove();
      document.head.append(Object.assign(document.createElement('style'), { textContent: '.msg-conversation-listitem { display: block; min-height: 40px; }' }));
    });
    await animationFrames(page);
    assertClean(await report(page), 'head rebuilt');
    await page.close();
  });

  test('with the worker stopped, a new inbox page is still sealed before a frame', async () => {
    await stopWorker(browser);
    for (const url of [INBOX_PAGES.whatsapp, INBOX_PAGES.gmail]) {
      const page = await open(url);
      assertClean(await report(page), `worker stopped: ${url}`);
      await page.close();
    }
  });

  test('an SPA navigation from the feed into the inbox seals before a frame', async () => {
    const page = await browser.context.newPage();
    await page.goto('https://x.com/home');
    await page.addScriptTag({ url: '/inbox/frames.js' });
    await animationFrames(page, 3);
    await page.evaluate(() => {
      history.pushState({}, '', '/messages');
      document.body.insertAdjacentHTML('beforeend', '<div data-list>' +
        '<div data-testid="conversation"><a href="/janedoe_x"><span data-trace="spa-jane">Jane</span></a><span dir="auto" data-trace="spa-preview">hi</span></div>' +
        '<div data-testid="conversation"><a href="/NASA"><span data-shown="spa-nasa">NASA</span></a></div></div>');
    });
    await animationFrames(page);
    assertClean(await report(page), 'SPA navigation into the inbox');
    await page.close();
  });

  test('Enter on a sealed row does nothing; other rows keep their keys', async () => {
    const page = await open(INBOX_PAGES.gmail);
    await page.evaluate(() => {
      window.keysForTest = [];
      document.addEventListener('keydown', (e) => window.keysForTest.push(e.target.querySelector('[data-trace], [data-shown]')?.dataset.trace ?? 'shown'));
    });
    await page.focus('tr.zA:has([data-trace="jane-name"])');
    await page.keyboard.press('Enter');
    await page.focus('tr.zA:has([data-shown="bob-name"])');
    await page.keyboard.press('Enter');
    assert.deepEqual(await page.evaluate(() => window.keysForTest), ['shown']);
    await page.close();
  });

  test('sealed conversations are counted for the popup, once however often redrawn, apart from attempts', async () => {
    const counts = () => inExtension(browser, () => chrome.runtime.sendMessage({ type: 'inboxCounts' }));
    const before = await counts();
    const page = await open(INBOX_PAGES.yahoo);
    for (let i = 0; i < 3; i++) await page.evaluate(() => window.inboxTest.toTop(':scope > :has([data-trace])'));
    await page.evaluate(() => window.inboxTest.notify('Jane Doe', 'hello?'));
    await new Promise((r) => setTimeout(r, 1500));  // the count is written a second after
    await page.close();
    const after = await counts();
    assert.equal(after.today - before.today, 2, 'her conversation once, her notification once');
    assert.equal(after.all - before.all, 2);
    const stats = await inExtension(browser, () => chrome.runtime.sendMessage({ type: 'stats' }));
    assert.equal(stats.all, 0, 'not attempts');
  });

  test('a sealed row has a quiet way to the cool-down: a person\'s click shows Deadbolt\'s page for it, the inbox sees nothing', async () => {
    const page = await open(INBOX_PAGES.messenger);
    // The app's own listeners: every press it sees, kept across the navigation.
    await page.evaluate(() => {
      localStorage.removeItem('seenForTest');
      for (const type of ['pointerdown', 'mousedown', 'mouseup', 'click', 'keydown']) {
        window.addEventListener(type, () => localStorage.setItem('seenForTest', `${localStorage.getItem('seenForTest') ?? ''}${type} `), true);
      }
    });
    const control = page.locator('[role="row"]:has([data-trace="link-name"]) > button');
    assert.equal(await control.count(), 1, 'their sealed row has the control');
    assert.equal((await control.textContent()).trim(), 'Open it after a cool-down');
    assert.equal(await page.locator('[role="row"]:has([data-shown="friend-name"]) button').count(), 0, 'others\' rows have none');
    const markup = await control.evaluate((b) => b.outerHTML);
    assert.doesNotMatch(markup, /jane|doe|\/t\/|messenger/i, `the control carries nothing of them (${markup})`);
    // The page's own (synthetic) click does nothing and reaches none of its listeners.
    await control.evaluate((b) => b.click());
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(page.url(), INBOX_PAGES.messenger, 'a page cannot open it');
    // Their own click: the block page for that conversation, which offers the cool-down.
    await control.click();
    await page.waitForURL(/^chrome-extension:\/\/[^/]+\/.*blocked\.html/);
    await page.locator('#sealed').waitFor();
    assert.ok(decodeURIComponent(page.url()).includes('https://www.messenger.com/t/jane.doe.77/'), page.url());
    assert.equal(await page.isVisible('#open-later'), true, 'it can be asked for, after the cool-down');
    const again = await browser.context.newPage();
    await again.goto(INBOX_PAGES.messenger);
    assert.equal(await again.evaluate(() => localStorage.getItem('seenForTest')), null, 'the inbox saw no press: nothing opened, nothing marked read');
    await again.close();
    await page.close();

    // WhatsApp: the address is written by the core from their number; the
    // open pane (the app opened theirs) has one too; a person's key opens it.
    const wa = await open(INBOX_PAGES.whatsapp);
    assert.equal(await wa.locator('#main > button').count(), 1, 'their open pane has the control');
    await wa.locator('[role="row"]:has([data-trace="saved-name"]) > button').focus();
    await wa.keyboard.press('Enter');
    await wa.waitForURL(/^chrome-extension:\/\/[^/]+\/.*blocked\.html/);
    await wa.locator('#sealed').waitFor();
    assert.ok(decodeURIComponent(wa.url()).includes('https://web.whatsapp.com/send?phone=15551234567'), wa.url());
    await wa.close();
  });

  test('a sealed conversation opens only on purpose: after the cool-down, once, with a warning', async () => {
    const url = 'https://www.messenger.com/t/jane.doe.77/';
    const page = await openBlocked(browser, url);
    await page.locator('#sealed').waitFor();
    assert.match(await page.textContent('#sealed'), /may tell them you read it/);
    assert.equal(await page.isVisible('#open-now'), false, 'not openable before the cool-down');
    await page.click('#open-later');
    await page.locator('#sealed-status').filter({ hasText: 'can be opened from' }).waitFor();
    const pending = await inExtension(browser, async () => (await chrome.storage.local.get('pending')).pending);
    assert.equal(pending.length, 1);
    assert.equal(pending[0].kind, 'open-conversation');
    assert.ok(pending[0].dueAt - pending[0].requestedAt >= 24 * 3_600_000, 'the same cool-down as any removal');
    assert.equal((await inExtension(browser, () => chrome.runtime.sendMessage({ type: 'openConversation', url: 'https://www.messenger.com/t/jane.doe.77/' }))).error,
      'not-yet', 'asking the worker directly does not open it early');
    // The cool-down passes: a restarted worker applies what is due.
    await inExtension(browser, async () => {
      const { pending: p } = await chrome.storage.local.get('pending');
      await chrome.storage.local.set({ pending: p.map((c) => ({ ...c, dueAt: Date.now() - 1 })) });
    });
    await stopWorker(browser);
    let state = null;
    for (let i = 0; i < 50 && state?.state !== 'ready'; i++) {
      state = await inExtension(browser, (u) => chrome.runtime.sendMessage({ type: 'openState', url: u }), url);
      if (state?.state !== 'ready') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(state.state, 'ready');
    await page.reload();
    await page.click('#open-now');
    await page.waitForFunction((u) => location.href === u, url);
    await page.locator('h1').waitFor();
    assert.match(await page.textContent('h1'), /PROFILE www\.messenger\.com\/t\/jane\.doe\.77/, 'the conversation opened');
    await page.close();
    // For those minutes the inbox shows their open conversation; their row stays sealed.
    const inbox = await open(INBOX_PAGES.messenger);
    await animationFrames(inbox);
    const during = await report(inbox);
    assert.ok(during.tracesRendered.includes('pane-message'), `their conversation shows while opened (${during.tracesRendered})`);
    assert.ok(!during.tracesRendered.includes('link-name'), 'their row stays sealed');
    await inbox.close();
    // Once: asked again, it is sealed (the pass ends, the permission is used up).
    const again = await inExtension(browser, (u) => chrome.runtime.sendMessage({ type: 'openState', url: u }), url);
    assert.equal(again.state, 'none');
  });
});
