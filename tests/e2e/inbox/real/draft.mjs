// Drafts tests/e2e/inbox/real/<page>.json, the expectations of the real
// inbox test (../real.mjs), from the saved page alone (never from Deadbolt's
// own code): which elements are conversations (my reading of each page's
// markup, below) and who the other party of each is (Gmail's addresses in
// `email`/`jid` attributes without the user's own, the one Gmail names "me";
// X's profile link; LinkedIn's participant names and the open thread's
// header). Each draft was then checked by reading the rows. Run it again only
// to re-draft: DEADBOLT_REAL_INBOX=<folder> node tests/e2e/inbox/real/draft.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';

const here = path.dirname(fileURLToPath(import.meta.url));
const folder = process.env.DEADBOLT_REAL_INBOX;
if (!folder) throw new Error('DEADBOLT_REAL_INBOX is not set');

const text = ($, el) => $(el).text().replace(/\s+/g, ' ').trim();

/** Gmail: each list row (tr.zA) and open message (div.adn); its parties by address. */
function gmail($) {
  const self = new Set($('span[email][name="me"]').map((_, s) => $(s).attr('email')).get());
  const names = new Map();
  $('span[email][name]').each((_, s) => {
    const [email, name] = [$(s).attr('email'), $(s).attr('name')];
    if (name !== 'me' && name.length > (names.get(email)?.length ?? 0)) names.set(email, name);
  });
  const units = [];
  for (const sel of ['tr.zA', 'div.adn']) {
    $(sel).each((nth, el) => {
      const owners = [...new Set($(el).find('[email], img[jid]').map((_, s) => $(s).attr('email') ?? $(s).attr('jid')).get())]
        .filter((e) => e.includes('@') && !self.has(e));
      units.push({ sel, nth, owners, marks: Object.fromEntries(owners.map((o) => [o, `[email="${o}"]`])) });
    });
  }
  const people = {};
  for (const o of new Set(units.flatMap((u) => u.owners))) {
    people[o] = { name: names.get(o) ?? o, accounts: [{ platform: 'email', handle: o }] };
  }
  return { self: [...self], people, units };
}

/** X: each conversation ([data-testid="conversation"]); its party by the profile link, its name before "@handle". */
function x($) {
  const units = [];
  const people = {};
  $('[data-testid="conversation"]').each((nth, el) => {
    const handles = [...new Set($(el).find('a[href]').map((_, a) => /^\/(\w{1,15})$/.exec($(a).attr('href'))?.[1]).get().filter(Boolean))];
    for (const h of handles) {
      const shown = text($, el);
      const name = shown.slice(0, shown.indexOf(`@${h}`)).trim();
      people[h] = { name: name || h, accounts: [{ platform: 'x', handle: h }] };
    }
    units.push({ sel: '[data-testid="conversation"]', nth, owners: handles });
  });
  return { people, units };
}

/** LinkedIn: each conversation card (li.msg-conversation-listitem) by its participants' names; the open thread by its header's. */
function linkedin($) {
  const units = [];
  const people = {};
  $('li.msg-conversation-listitem').each((nth, el) => {
    const names = $(el).find('.msg-conversation-listitem__participant-names').map((_, n) => text($, n)).get().filter(Boolean);
    for (const n of names) people[n] = { name: n, accounts: [] };
    units.push({ sel: 'li.msg-conversation-listitem', nth, owners: names });
  });
  $('.msg-convo-wrapper').each((nth, el) => {
    const names = $(el).find('.msg-entity-lockup__entity-title').map((_, n) => text($, n)).get().filter(Boolean);
    units.push({ sel: '.msg-convo-wrapper', nth, owners: [...new Set(names)], pane: true });
  });
  return { people, units };
}

const PAGES = {
  'gmail-inbox': { url: 'https://mail.google.com/mail/u/0/#inbox', draft: gmail },
  'gmail-inbox-thread': { url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQZTVnbVHwbNDLVjVqQfZFdTmBm', draft: gmail },
  'x-inbox': { url: 'https://x.com/messages', draft: x },
  'linkedin-messages': { url: 'https://www.linkedin.com/messaging/', draft: linkedin },
};

for (const [name, { url, draft }] of Object.entries(PAGES)) {
  const $ = cheerio.load(fs.readFileSync(path.join(folder, `${name}.html`), 'utf8'));
  const out = { page: `${name}.html`, url, ...draft($) };
  fs.writeFileSync(path.join(here, `${name}.json`), `${JSON.stringify(out, null, 1)}\n`);
  console.log(name, Object.keys(out.people).length, 'people,', out.units.length, 'units');
}
