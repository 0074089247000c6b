// The inbox decisions through the decider's C exports, as the inbox content
// script makes them: an index the full core writes (inboxIndex), the
// markup of a page, rows of participants, titles and notification texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { createCore, createDecider } = await import(path.join(root, 'extension/core.js'));
const full = await createCore({ wasmBinary: fs.readFileSync(path.join(root, 'extension/built/deadbolt_core.wasm')) });

const LIST = JSON.stringify({
  version: 1,
  people: [
    { name: 'Jane Doe', names: ['Janey'], accounts: [
      { platform: 'email', handle: 'jane.doe@example.com' }, { platform: 'phone', handle: '+1 555 123 4567' },
      { platform: 'facebook', handle: 'jane.doe.77' }, { platform: 'x', handle: 'janedoe_x' }] },
    { name: 'Sam Coparent', coparent: { channel: 'whatsapp' }, accounts: [{ platform: 'phone', handle: '+44 7700 900123' }] },
  ],
});

const p = (addresses = [], names = [], links = []) => ({ addresses, names, links });

test('inbox rows, titles and notifications through the C exports', async () => {
  assert.equal(full.load(LIST), null);
  const index = full.inboxIndex();
  assert.ok(index && index.length > 0, 'the full core writes an inbox index');
  const decider = await createDecider();
  assert.equal(decider.loadInboxIndex(new Uint8Array([1, 2, 3])), false, 'a damaged index is refused');
  assert.equal(decider.loadInboxIndex(index), true);

  const gmail = 'https://mail.google.com/mail/u/0/#inbox';
  assert.equal(decider.inboxMarkup(gmail).id, 'gmail');
  assert.match(decider.inboxMarkup(gmail).rows, /tr\.zA/);
  assert.equal(decider.inboxMarkup('https://www.example.com/'), null);
  assert.ok(decider.inboxMarkup('').inboxes.length >= 10, 'every inbox');

  assert.deepEqual(decider.decideInboxRow(gmail, [p(['jane.doe@example.com'], ['Jane Doe'])], false),
    { action: 'seal', person: 0, listed: [0], open: '' });
  assert.equal(decider.decideInboxRow(gmail, [p(['jane.doe2@example.com'], ['Jane Doe2'])], false), null);
  assert.deepEqual(decider.decideInboxRow(gmail, [p(['bob@example.com']), p(['jane.doe@example.com'])], false),
    { action: 'cover', person: 0, listed: [1], open: '' });
  const wa = 'https://web.whatsapp.com/';
  assert.equal(decider.decideInboxRow(wa, [p([], ['Janey'])], false).action, 'seal');
  assert.equal(decider.decideInboxRow(wa, [p(['15551234567@c.us'])], false).action, 'seal');
  assert.equal(decider.decideInboxRow(wa, [p(['447700900123@c.us'])], false).action, 'open', 'the co-parent channel');
  assert.equal(decider.decideInboxRow('https://www.messenger.com/', [p([], [], ['/t/jane.doe.77'])], false).action, 'seal');
  assert.equal(decider.decideInboxRow('https://www.messenger.com/', [p([], [], ['/t/jane.doe.78'])], false), null);
  // Where a sealed conversation opens on purpose (the block page's cool-down).
  assert.equal(decider.decideInboxRow('https://www.messenger.com/', [p([], [], ['/t/jane.doe.77'])], false).open,
    'https://www.messenger.com/t/jane.doe.77');
  assert.equal(decider.decideInboxRow(wa, [p(['false_15551234567@c.us_3EB0'], ['Janey'])], false).open,
    'https://web.whatsapp.com/send?phone=15551234567');
  // A pane header's text: addresses and numbers only.
  const yahoo = 'https://mail.yahoo.com/d/folders/1/messages/101';
  const text = (t) => decider.decideInboxRow(yahoo, [{ addresses: [], names: [], links: [], texts: [t] }], false);
  assert.equal(text('Jane Doe <jane.doe@example.com>').action, 'seal');
  assert.equal(text('Jane Doe <jane.doe@example.co>'), null);
  assert.equal(text('Jane Doe'), null, 'a name in free text is not read');

  // X Chat: the handle in a row's aria-description, the attribute the markup names.
  const chat = 'https://x.com/i/chat';
  assert.equal(decider.inboxMarkup(chat).handle, 'aria-description');
  assert.equal(decider.inboxMarkup(gmail).handle, '', 'an inbox that names no handle attribute');
  const described = (d) => decider.decideInboxRow(chat, [{ addresses: [], names: [], links: [], handles: [d] }], false);
  assert.equal(described('Jane, @janedoe_x, you up?, 2h').action, 'seal');
  assert.equal(described('Jane, @janedoe_xx, you up?, 2h'), null);
  assert.equal(described('Jane Doe, you up?, 2h'), null, 'her name in the description is not read');
  // A NUL in a row's text (their name, their message) cannot start a field of its own: a new page, participant or group.
  for (const field of ['P' + chat, 'S', 'G']) {
    assert.equal(described(`Jane, @janedoe_x, hi\0${field}, 2h`)?.action, 'seal', `a NUL before ${field[0]}`);
  }

  assert.equal(decider.inboxTextPerson('(1) Jane Doe'), 0);
  assert.equal(decider.inboxTextPerson('Janey: are you awake?'), 0);
  assert.equal(decider.inboxTextPerson('(1) WhatsApp'), -1);
  assert.equal(decider.inboxTextPerson('Jane Doerr'), -1);
});

test('the manifest runs the inbox scripts on every host of the inbox table, in both worlds', async () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const decider = await createDecider();
  const entries = manifest.content_scripts.filter((e) => e.js.some((f) => f.startsWith('extension/content/inbox')));
  assert.equal(entries.length, 2, 'the isolated script and the page-world notification hand-over');
  assert.deepEqual(entries.map((e) => e.world ?? 'ISOLATED').sort(), ['ISOLATED', 'MAIN']);
  assert.deepEqual(entries[0].matches, entries[1].matches);
  // Generated from the catalog (node scripts/inbox-markup.mjs --manifest): exactly its hosts.
  const hosts = [...new Set(decider.inboxMarkup('').inboxes.flatMap((m) => m.hosts.split(' ')))];
  assert.deepEqual(entries[0].matches, hosts.map((h) => `https://${h}/*`));
  const isolated = entries.find((e) => !e.world);
  assert.ok(isolated.js.indexOf('extension/built/decider.classic.js') < isolated.js.indexOf('extension/content/inbox.js'));
  assert.equal(isolated.run_at, 'document_start');
});
