// Sealed inboxes, written once for both browsers (tests/e2e/inbox.test.mjs,
// tests/e2e/firefox-inbox.test.mjs): on each inbox's fake page, at its real
// host, every element that carries a trace of a listed person (name,
// address, number, photo, preview, unread badge) is never painted — counted
// by the page itself in every animation frame (frames.js) — on first load,
// when a message arrives, when a row is re-rendered to the top and when a
// row node is recycled for them; every other conversation stays visible;
// their open conversation is sealed whole and a tab title naming them is
// replaced.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { animationFrames, INBOX_PAGES } from '../harness.mjs';
import { assertClean, INBOX_LIST } from './fixtures.mjs';

// The inboxes whose fake page has an open conversation beside the list.
const PANES = ['whatsapp', 'messenger', 'facebook', 'linkedin', 'telegram', 'outlook', 'yahoo', 'instagram', 'x', 'x-chat', 'x-chat-closed', 'linkedin-overlay', 'google-messages'];
// The inboxes whose fake page's listed row is cut where a real row shows
// something of them before what names them (its [data-part-break]).
const IN_PARTS = ['linkedin'];

export const report = (page) => page.evaluate(() => window.inboxTest.report());

/**
 * `useDriver`: drivers.mjs's useChromiumDriver or useFirefoxDriver.
 * `more(inbox, url)`: a browser's own tests of one inbox, run in its describe.
 * Returns what a browser's own tests share with the suite.
 */
export function inboxSuite(useDriver, { more = () => {} } = {}) {
  const driver = useDriver({ list: INBOX_LIST });

  /** `url` in a new tab, once its page has painted a few frames. */
  async function open(url) {
    await driver.allowNotifications(url);
    const page = await driver.newPage();
    await page.goto(url);
    await page.waitForFunction(() => window.inboxTest?.frames > 3);
    await animationFrames(page, 5);
    return page;
  }

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

      if (IN_PARTS.includes(inbox)) {
        test('a row arriving in parts, her photo before her name as the real page has it: no painted frame of her', async () => {
          const page = await open(url);
          await page.evaluate(() => window.inboxTest.arriveInParts('listed'));
          await animationFrames(page);
          assertClean(await report(page), 'a row arriving in parts');
          await page.close();
        });
      }

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
        assert.equal(await page.evaluate(() => document.title), 'Messages');
        await page.evaluate(() => { document.title = '(2) Mum'; });
        await animationFrames(page, 3);
        assert.equal(await page.evaluate(() => document.title), '(2) Mum');
        await page.close();
      });

      more(inbox, url, open);
    });
  }

  describe('every inbox', () => {
    test('notifications raised through the service worker registration all answer alike to the page', async () => {
      const page = await open(INBOX_PAGES.whatsapp);
      const answers = [];
      for (const [title, body] of [['Jane Doe', 'are you up?'], ['Mum', 'dinner on Sunday?'], ['+1 555 123 4567', 'new number'], ['Janey', 'please']]) {
        answers.push(await page.evaluate(([t, b]) => window.inboxTest.notifyViaWorker(t, b), [title, body]));
      }
      assert.deepEqual(answers, ['resolved', 'resolved', 'resolved', 'resolved'], 'every one answered alike');
      await page.close();
    });

    test('a page probing the list through its registration (show, then getNotifications) sees a listed name as it sees anyone', async () => {
      const page = await open(INBOX_PAGES.whatsapp);
      // The probe of a page that would learn the list: raise a silent
      // notification for a name, then ask the browser whether it is there.
      const probe = (name) => page.evaluate(async (title) => {
        await window.inboxTest.notifyViaWorker('warm-up', '');  // registers the worker
        const registration = await window.inboxTest.registration;
        const tag = `probe-${title}`;
        const answer = await registration.showNotification(title, { tag, silent: true, body: 'x', data: { n: title } }).then(() => 'resolved', (e) => `rejected ${e.name}`);
        await new Promise((r) => setTimeout(r, 300));
        const listed = (await registration.getNotifications({ tag })).map((n) => ({ title: n.title, tag: n.tag, body: n.body, data: n.data }));
        const isNotification = (await registration.getNotifications({ tag })).every((n) => n instanceof Notification);
        const all = (await registration.getNotifications()).filter((n) => n.tag === tag).length;
        const present = listed.length;
        for (const n of await registration.getNotifications({ tag })) n.close();
        const afterClose = (await registration.getNotifications({ tag })).length;
        return { answer, listed, all, present, afterClose, isNotification };
      }, name);
      const expected = (title) => ({
        answer: 'resolved', listed: [{ title, tag: `probe-${title}`, body: 'x', data: { n: title } }], all: 1, present: 1, afterClose: 0, isNotification: true,
      });
      const names = ['Mum', 'Bob', 'Jane Doe', 'Janey', '+1 555 123 4567'];
      const seen = [];
      for (const name of names) seen.push(await probe(name));
      // Listed or not, one answer: the first three fields tell a listed name apart today.
      const answer = ({ present, all, afterClose }) => ({ present, all, afterClose });
      assert.deepEqual(seen.map(answer), names.map((n) => answer(expected(n))), 'a listed name is as present as anyone\'s');
      assert.deepEqual(seen, names.map(expected), 'each looks as the browser\'s own');
      await page.close();
    });

    test('the replaced functions print as the browser\'s own; Notification keeps its statics and prototype', async () => {
      const page = await open(INBOX_PAGES.whatsapp);
      const differences = await page.evaluate(() => {
        // A realm Deadbolt is not in (an about:blank frame): the browser's own forms.
        const frame = document.body.appendChild(document.createElement('iframe'));
        const pristine = frame.contentWindow;
        const print = (f) => (typeof f === 'function' ? Function.prototype.toString.call(f) : `not a function: ${f}`);
        const pristinePrint = (f) => pristine.Function.prototype.toString.call(f);
        const getter = (w, key) => Object.getOwnPropertyDescriptor(w.Notification.prototype, key)?.get;
        const pairs = {
          Notification: [window.Notification, pristine.Notification],
          'Function.prototype.toString': [Function.prototype.toString, pristine.Function.prototype.toString],
          showNotification: [ServiceWorkerRegistration.prototype.showNotification, pristine.ServiceWorkerRegistration.prototype.showNotification],
          getNotifications: [ServiceWorkerRegistration.prototype.getNotifications, pristine.ServiceWorkerRegistration.prototype.getNotifications],
          close: [Notification.prototype.close, pristine.Notification.prototype.close],
          'get title': [getter(window, 'title'), getter(pristine, 'title')],
          'get body': [getter(window, 'body'), getter(pristine, 'body')],
        };
        const out = [];
        for (const [what, [ours, theirs]] of Object.entries(pairs)) {
          const a = { print: print(ours), name: ours?.name, length: ours?.length, prototype: typeof ours === 'function' && 'prototype' in ours };
          const b = { print: pristinePrint(theirs), name: theirs.name, length: theirs.length, prototype: 'prototype' in theirs };
          if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ what, ours: a, theirs: b });
        }
        if (print(Function.prototype.toString.toString) !== pristinePrint(pristine.Function.prototype.toString.toString)) out.push('toString.toString');
        if (Notification.prototype.constructor !== Notification) out.push('prototype.constructor');
        if (Object.prototype.toString.call(Notification.prototype) !== '[object Notification]') out.push('toStringTag');
        if (typeof Notification.requestPermission !== 'function' || Notification.permission !== 'granted') out.push('statics');
        frame.remove();
        return out;
      });
      assert.deepEqual(differences, []);
      await page.close();
    });

    test('a page listening for Deadbolt\'s event names hears nothing when it raises notifications', async () => {
      const page = await open(INBOX_PAGES.whatsapp);
      const heard = await page.evaluate(async () => {
        const heard = [];
        for (const type of ['deadbolt-inbox-notification', 'deadbolt-inbox-notification-close', 'deadbolt-inbox-notification-click', 'deadbolt-inbox-port']) {
          window.addEventListener(type, (e) => heard.push([type, e.detail ?? e.data ?? null]), true);
          document.addEventListener(type, (e) => heard.push([type, e.detail ?? e.data ?? null]), true);
        }
        window.addEventListener('message', (e) => heard.push(['message', String(e.data)]), true);
        window.inboxTest.notify('Jane Doe', 'are you up?');
        window.inboxTest.notify('Mum', 'dinner on Sunday?');
        await window.inboxTest.notifyViaWorker('Jane Doe', 'are you up?');
        await window.inboxTest.notifyViaWorker('Mum', 'dinner?');
        new Notification('Bob').close();
        await new Promise((r) => setTimeout(r, 500));
        return heard;
      });
      assert.deepEqual(heard, []);
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
      const page = await driver.newPage();
      await page.goto('https://www.facebook.com/feeds/facebook');
      await page.evaluate(() => { document.title = 'Jane Doe messaged you | Facebook'; });
      await page.waitForFunction(() => document.title === 'Messages');
      await page.evaluate(() => { document.title = 'Alex Kim messaged you | Facebook'; });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(await page.evaluate(() => document.title), 'Alex Kim messaged you | Facebook');
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

    test('an SPA navigation from the feed into the inbox seals before a frame', async () => {
      const page = await driver.newPage();
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

    // Gmail names a message's sender by its avatar's jid too (the catalog's
    // addresses: email, jid): a message node recycled by rewriting only that
    // attribute is decided again, before a frame.
    test('a message whose only change is its avatar\'s jid (an attribute the catalog reads) is decided again', async () => {
      const page = await open(INBOX_PAGES.gmail);
      await page.evaluate(() => {
        document.querySelector('[role="list"]').insertAdjacentHTML('beforeend',
          '<div class="h7" role="listitem"><div class="adn ads" id="recycled"><img class="ajn" jid="sam.friend@example.com" alt="" width="40" height="40" data-shown="friend-photo"></div></div>');
      });
      await animationFrames(page);
      assert.deepEqual((await report(page)).shownHidden, [], 'a friend\'s message is shown');
      await page.evaluate(() => {
        const photo = document.querySelector('#recycled img');
        photo.setAttribute('jid', 'jane.doe@example.com');
        photo.removeAttribute('data-shown');
        photo.dataset.trace = 'recycled-photo';
      });
      await animationFrames(page);
      assertClean(await report(page), 'the jid rewritten to hers');
      await page.close();
    });

    test('an inbox kept in the back/forward cache while Deadbolt was turned on comes back with their rows sealed', async () => {
      const control = await driver.openExtensionPage('extension/pages/popup.html');
      const index = await control.page.evaluate(async () => (await chrome.storage.local.get('inbox.index'))['inbox.index']);
      await control.page.evaluate((i) => chrome.storage.local.set({ 'inbox.index': { ...i, enabled: false } }), index);
      const page = await open(INBOX_PAGES.whatsapp);
      assert.ok((await report(page)).tracesRendered.length > 0, 'off: their rows shown');
      // The page's own mark, and its frame count started again when it is shown from the cache.
      await page.evaluate(() => {
        window.keptInCache = true;
        addEventListener('pageshow', (event) => { if (event.persisted) window.inboxTest.reset(); });
      });
      await page.goto(`${new URL(INBOX_PAGES.whatsapp).origin}/elsewhere`);
      await control.page.evaluate((i) => chrome.storage.local.set({ 'inbox.index': i }), index);  // on meanwhile
      await page.evaluate(() => history.back());
      await driver.waitFor(page, () => window.inboxTest?.frames > 5, null, 5000);
      const restored = await page.evaluate(() => window.keptInCache === true);
      await driver.waitFor(page, () => window.inboxTest.report().tracesRendered.length === 0, null, 1000);
      assertClean(await report(page), `back (${restored ? 'from the cache' : 'loaded again'})`);
      console.log(`# inbox back/forward cache (${driver.name}): ${restored ? 'restored from the cache' : 'loaded again'}`);
      await page.close();
      await control.close();
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
      const counts = () => driver.ask({ type: 'inboxCounts' });
      const before = await counts();
      const page = await open(INBOX_PAGES.yahoo);
      for (let i = 0; i < 3; i++) await page.evaluate(() => window.inboxTest.toTop(':scope > :has([data-trace])'));
      await page.evaluate(() => window.inboxTest.notify('Jane Doe', 'hello?'));
      await new Promise((r) => setTimeout(r, 1500));  // the count is written a second after
      await page.close();
      const after = await counts();
      assert.equal(after.today - before.today, 2, 'her conversation once, her notification once');
      assert.equal(after.all - before.all, 2);
      const stats = await driver.ask({ type: 'stats' });
      assert.equal(stats.all, 0, 'not attempts');
    });
  });

  return { driver, open };
}
