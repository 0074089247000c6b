// Sealed inboxes on pages the real inboxes rendered (issue 20/inbox): Gmail's
// list and an open thread, X's messages, LinkedIn's messaging, saved as test
// fixtures by SubstrateLabs/brocc (MIT; cli/src/brocc_li/tests/html_fixtures/
// _<name>.html, commit 817559b3071b4debef2466c62499a5941d88fb44, Apr 2025).
// Third-party pages, never copied here: the test reads them from the folder
// DEADBOLT_REAL_INBOX names and, without it, says so and is skipped.
//
// Each page is served at its real address, streamed as over a network, with
// its scripts and inline handlers removed and the inbox pages' own frame
// counter (frames.js) added. The people on it are listed a few at a time
// (the inbox index the worker would write for them); in every load each
// conversation whose other parties are all listed must show nothing of
// itself in any painted frame (every image and every element with text of
// its own in the row, the open message or the open thread is marked
// data-trace; every child element of the others data-shown), a conversation with a
// listed and an unlisted party keeps the unlisted one's name and loses the
// listed one's, and every other conversation stays (data-shown). Who a
// conversation is with comes from real/<page>.json, drafted from the saved
// markup alone (real/draft.mjs) and checked by hand, never from Deadbolt; a
// conversation Deadbolt is known to miss carries its reason ("known") and is
// reported, not failed.
//
// DEADBOLT_REAL_INBOX_BATCH=1 lists one person a load (the closing note's
// figures), DEADBOLT_REAL_INBOX_PAGES=<page>,… runs only those pages and
// DEADBOLT_REAL_INBOX_DEBUG=1 names the painted elements of a missed row.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { animationFrames, ROOT, ROUTES } from '../harness.mjs';

const FOLDER = process.env.DEADBOLT_REAL_INBOX;
const EXPECT = path.join(ROOT, 'tests/e2e/inbox/real');
const PAGES = (process.env.DEADBOLT_REAL_INBOX_PAGES ?? 'gmail-inbox,gmail-inbox-thread,x-inbox,linkedin-messages').split(',');
// People listed together in one load: at most `loads` loads a page (CI
// time); DEADBOLT_REAL_INBOX_BATCH=1 lists them one at a time.
const batchSize = (people, loads) => Number(process.env.DEADBOLT_REAL_INBOX_BATCH) || Math.max(3, Math.ceil(people / loads));

/** The saved page without its scripts, inline handlers and meta CSP, with the frame counter first. */
function sanitized(file) {
  const $ = cheerio.load(fs.readFileSync(file, 'utf8'));
  $('script, meta[http-equiv="Content-Security-Policy" i]').remove();
  $('*').each((_, el) => {
    for (const name of Object.keys(el.attribs ?? {})) if (/^on/i.test(name)) $(el).removeAttr(name);
  });
  $('head').prepend('<script src="/inbox/frames.js"></script>');
  return $;
}

/**
 * The real-page inbox test in the browser of `driver` (../drivers.mjs, the
 * inbox suite's own: its list's index is put back after), `loads` page
 * loads per page at most.
 */
export async function realInboxSuite(driver, { loads = 5, stream = { size: 48 * 1024, delayMs: 15 } } = {}) {
  if (!FOLDER || !fs.existsSync(FOLDER)) {
    test('real inbox pages', { skip: `DEADBOLT_REAL_INBOX ${FOLDER ? `(${FOLDER}) is missing` : 'is not set'}: the real inbox pages were not run` }, () => {});
    return;
  }
  const { createCore } = await import(path.join(ROOT, 'extension/core.js'));
  const core = await createCore({ wasmBinary: fs.readFileSync(path.join(ROOT, 'extension/built/deadbolt_core.wasm')) });

  /** The inbox index the worker would write for `people` ({name, accounts}). */
  function inboxIndex(people) {
    const error = core.load(JSON.stringify({ version: 1, people }));
    if (error) throw new Error(`${people.map((p) => p.name).join(', ')}: ${error}`);
    return Buffer.from(core.inboxIndex()).toString('base64');
  }
  const setIndex = (snapshot) => driver.inExtension((s) => chrome.storage.local.set({
    'inbox.index': { snapshot: s, enabled: true, coverCoparentPreview: false },
  }), snapshot);

  async function visit(url) {
    const page = await driver.newPage();
    await page.goto(url, { waitUntil: 'domcontentloaded' });  // not 'load': the saved pages name hosts no fake site serves
    await driver.waitFor(page, () => window.inboxTest?.frames > 3);
    await animationFrames(page, 5);
    const report = await page.evaluate(() => window.inboxTest.report());
    await page.close();
    return report;
  }

  const figures = {};
  describe('real inbox pages', () => {
    // The inbox suite's own index, put back after.
    // A conversation the suite opened on purpose is kept by the person's
    // index in the list ('inbox.opened'), which names someone else here: off
    // while these run, put back after too.
    let saved = null;
    before(async () => {
      saved = await driver.inExtension(async () => {
        const kept = await chrome.storage.local.get(['inbox.index', 'inbox.opened']);
        await chrome.storage.local.remove('inbox.opened');
        return kept;
      });
    });
    after(async () => { if (saved) await driver.inExtension((s) => chrome.storage.local.set(s), saved); });

    for (const name of PAGES) {
      test(`${name}: each person's conversations sealed, no one else's`, async () => {
        const expect = JSON.parse(fs.readFileSync(path.join(EXPECT, `${name}.json`), 'utf8'));
        const $ = sanitized(path.join(FOLDER, expect.page));
        // Each unit's marks: its child elements (c<i>) and, per party, the elements naming them (<party>:<j>).
        const units = expect.units.map((u) => {
          const el = $(u.sel).eq(u.nth);
          assert.equal(el.length, 1, `${u.sel} #${u.nth} is on the page`);
          const children = el.children().toArray().map((c, i) => ({ el: $(c), id: `${u.nth}${u.sel}.c${i}` }));
          // What the row shows: every image and every element with text of its own (an empty box
          // drawn while the rest of a row is still coming in shows nothing of anyone).
          const content = el.find('*').toArray()
            .filter((c) => c.tagName === 'img' || c.children.some((t) => t.type === 'text' && t.data.trim() !== ''))
            .map((c, i) => ({ el: $(c), id: `${u.nth}${u.sel}.t${i}` }));
          const parties = Object.fromEntries(Object.entries(u.marks ?? {}).map(([o, sel]) => [o, el.find(sel).toArray().map((m, j) => ({ el: $(m), id: `${u.nth}${u.sel}.${o}:${j}` }))]));
          return { ...u, children, content, parties };
        });
        const allMarks = units.flatMap((u) => [...u.children, ...u.content, ...Object.values(u.parties).flat()]);
        const url = new URL(expect.url);
        function serve(mark) {
          for (const m of allMarks) m.el.removeAttr('data-trace').removeAttr('data-shown');
          for (const [m, as] of mark) m.el.attr(as, m.id);
          ROUTES.set(`${url.host}${url.pathname}`, { body: $.html(), stream });
        }

        // Baseline: no one on the page listed; marks the page itself does not render are left out.
        await setIndex(inboxIndex([{ name: 'Nobody Here', accounts: [{ platform: 'email', handle: 'nobody@deadbolt.invalid' }] }]));
        serve(units.flatMap((u) => [...u.children, ...Object.values(u.parties).flat()]).map((m) => [m, 'data-shown']));
        const unrendered = new Set((await visit(expect.url)).shownHidden);
        const rendered = (marks) => marks.filter((m) => !unrendered.has(m.id));
        const shownUnits = units.filter((u) => rendered(u.children).length > 0);
        const people = [...new Set(shownUnits.flatMap((u) => u.owners))].sort();
        const f = (figures[name] = { people: people.length, rows: 0, sealed: 0, covered: 0, coveredOk: 0, wrong: [], missed: [], known: [], painted: 0, unrendered: units.length - shownUnits.length });
        const BATCH = batchSize(people.length, loads);
        for (let b = 0; b < people.length; b += BATCH) {
          const batch = new Set(people.slice(b, b + BATCH));
          const mark = [];
          const expected = [];
          for (const u of shownUnits) {
            const listed = u.owners.filter((o) => batch.has(o));
            if (listed.length > 0 && listed.length === u.owners.length) {
              expected.push({ u, kind: 'sealed' });
              for (const m of u.content) mark.push([m, 'data-trace']);
            } else if (listed.length > 0) {
              expected.push({ u, kind: 'covered', listed });
              for (const [o, ms] of Object.entries(u.parties)) for (const m of rendered(ms)) mark.push([m, batch.has(o) ? 'data-trace' : 'data-shown']);
            } else {
              for (const m of rendered(u.children)) mark.push([m, 'data-shown']);
            }
          }
          await setIndex(inboxIndex([...batch].map((o) => expect.people[o])));
          serve(mark);
          const r = await visit(expect.url);
          const painted = new Set([...r.painted, ...r.tracesRendered]);
          const hidden = new Set(r.shownHidden);
          f.painted += r.paintedFrames;
          for (const { u, kind, listed } of expected) {
            const who = `${u.sel}#${u.nth}:${(listed ?? u.owners).join('+')}`;
            const seen = u.content.concat(...Object.values(u.parties)).some((m) => painted.has(m.id));
            const othersHidden = Object.values(u.parties).flat().some((m) => hidden.has(m.id));
            if (kind === 'sealed') {
              f.rows += 1;
              if (seen && u.known) f.known.push(`${who}: ${u.known}`);
              else if (seen) f.missed.push(`${who}${process.env.DEADBOLT_REAL_INBOX_DEBUG ? ` [${u.content.filter((m) => painted.has(m.id)).map((m) => `${m.id}${r.tracesRendered.includes(m.id) ? ' still' : ''}`)}]` : ''}`); else f.sealed += 1;
            } else {
              f.covered += 1;
              if (seen || othersHidden) f.missed.push(`${who} (with others)`); else f.coveredOk += 1;
            }
          }
          for (const u of shownUnits) {
            if (expected.some((e) => e.u === u)) continue;
            if (u.children.some((m) => hidden.has(m.id))) f.wrong.push(`${u.sel}#${u.nth}:${u.owners.join('+') || '(the user only)'}`);
          }
        }
        console.log(`# ${driver.name} ${name}: ${f.people} people listed in turn (${BATCH} a load), ${f.sealed}/${f.rows} of their conversations sealed` +
          `${f.covered ? `, ${f.coveredOk}/${f.covered} shared ones covered for them only` : ''}, ${f.wrong.length} other conversations sealed, ` +
          `${f.painted} painted frames of theirs; not rendered by the page itself: ${f.unrendered}`);
        if (f.missed.length) console.log(`#   missed: ${f.missed.join(' ')}`);
        for (const k of new Set(f.known)) console.log(`#   known miss (real/${name}.json): ${k}`);
        if (f.wrong.length) console.log(`#   wrongly sealed: ${[...new Set(f.wrong)].join(' ')}`);
        assert.ok(f.people > 0 && f.rows > 0, 'the page has people to list');
        assert.deepEqual(f.missed, [], 'their conversations shown');
        assert.deepEqual(f.wrong, [], 'other conversations sealed');
        if (f.known.length === 0) assert.equal(f.painted, 0, 'painted frames of theirs');
      });
    }
  });
  return figures;
}
