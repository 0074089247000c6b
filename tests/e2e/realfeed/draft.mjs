// Drafts tests/e2e/realfeed/<page>.json, the expectations of the real-page
// test, from the saved page alone (never from Deadbolt's own code): which
// elements are items (my reading of each page's markup, below) and whose
// they are (every account the item names: author, reposter, quoted or
// mentioned account, by profile link, avatar test id, story label or the
// "@handle" line of a card). Each draft was then checked by reading the
// items; run it again only to re-draft: node tests/e2e/realfeed/draft.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';

const here = path.dirname(fileURLToPath(import.meta.url));
// REALFEED_EXTRA=<dir>: drafts <dir>/expect/<page>.json for <dir>/pages, each
// page read as the page of this list that <dir>/served.json names as its kind.
const EXTRA = process.env.REALFEED_EXTRA;
const realfeed = EXTRA ? path.join(EXTRA, 'pages') : path.resolve(here, '../../../../shared/testdata/realfeed');
const expectDir = EXTRA ? path.join(EXTRA, 'expect') : here;

const X_RESERVED = new Set(['home', 'i', 'explore', 'search', 'messages', 'notifications', 'settings', 'compose', 'hashtag', 'tos', 'privacy', 'jobs']);
const IG_RESERVED = new Set(['explore', 'p', 'reel', 'reels', 'stories', 'accounts', 'direct', 'legal', 'language', 'about', 'developer', 'web']);

/** Each page: where it is served, what its items are, and how an item names an account. */
const PAGES = {
  'x-home': {
    // A UserCell in a list row is read with its row (the row holds its bio);
    // a profile's tab strip is a ScrollSnap-List too, but its tabs are no items.
    units: ['article[data-testid="tweet"]', '[data-testid="cellInnerDiv"]:has([data-testid="UserCell"])',
      '[data-testid="UserCell"]:not([data-testid="cellInnerDiv"] *)',
      '[data-testid="ScrollSnap-List"] > [role="presentation"]:not(:has([role="tab"]))'],
    owners: ($, el) => [
      ...hrefs($, el, /^\/([A-Za-z0-9_]{1,15})(?:\/status\/\d+(?:\/.*)?)?\/?$/).filter((h) => !X_RESERVED.has(h.toLowerCase())),
      ...attrs($, el, '[data-testid^="UserAvatar-Container-"]', 'data-testid', /^UserAvatar-Container-(\w+)$/).filter((h) => h !== 'unknown'),
      ...$(el).find('[data-testid="User-Name"] span').map((_, s) => /^@(\w{1,15})$/.exec($(s).text().trim())?.[1]).get().filter(Boolean),
    ].map((h) => `x:${h}`),
  },
  'threads-home': {
    quotesNest: true,  // a pressable container inside another is a quoted post
    units: ['div[data-pressable-container="true"]'],
    owners: ($, el) => hrefs($, el, /^\/@([\w.]+)(?:\/.*)?$/).map((h) => `threads:${h}`),
  },
  'bsky-feed': {
    units: ['[data-testid^="feedItem-by-"]'],
    owners: ($, el) => [
      ...hrefs($, el, /^\/profile\/([^/?#]+)(?:\/.*)?$/),
      /^feedItem-by-(.+)$/.exec($(el).attr('data-testid') ?? '')?.[1],
    ].filter(Boolean).map((h) => `bluesky:${h}`),
  },
  'instagram-home': {
    units: ['article', 'div[role="button"][aria-label^="Story by "]', { suggestions: true }],
    owners: ($, el) => [
      ...hrefs($, el, /^\/([A-Za-z0-9._]+)\/$/).filter((h) => !IG_RESERVED.has(h)),
      ...attrs($, el, '[aria-label^="Story by "]', 'aria-label', /^Story by ([A-Za-z0-9._]+),/, true),
      ...attrs($, el, 'img[alt$="\'s profile picture"]', 'alt', /^([A-Za-z0-9._]+)'s profile picture$/),
    ].map((h) => `instagram:${h}`),
  },
  'linkedin-feed': {
    // The side column's suggestion cards ("People you may know", "More profiles for you").
    units: ['div.feed-shared-update-v2', 'article.comments-comment-entity', 'aside section[data-view-name="profile-card"] li.artdeco-list__item'],
    owners: ($, el) => hrefs($, el, /^(?:https:\/\/www\.linkedin\.com)?\/(in|company)\/([^/?#]+)/, 2).map((h) => `linkedin:${h}`),
  },
  'youtube-home': {
    units: ['ytd-rich-item-renderer'],
    owners: ($, el) => hrefs($, el, /^\/(@[^/?#]+|channel\/[^/?#]+)/).map((h) => `youtube:${h}`),
  },
  'reddit-post': {
    units: ['[data-testid="post-container"]', 'div.Comment'],
    owners: ($, el) => hrefs($, el, /^(?:https:\/\/www\.reddit\.com)?\/(?:user|u)\/([^/?#]+)\/?$/).map((h) => `reddit:${h}`),
  },
  'facebook-group': {
    units: ['article'],
    owners: ($, el) => $(el).find('header a[href], h3 a[href], strong a[href]').map((_, a) => {
      const href = $(a).attr('href');
      const m = /^\/(?:profile\.php\?id=(\d+)|([A-Za-z0-9.]+)\/?\?)/.exec(href);
      if (!m || ['groups', 'story.php', 'hashtag', 'photo.php', 'login.php'].includes(m[2])) return null;
      return m[1] ? `facebook:id=${m[1]}` : `facebook:${m[2]}`;
    }).get().filter(Boolean),
  },
};
// Mastodon's web UI (4.6, read on pages saved from mastodon.social in 2026,
// ViralLab/social-annotate test_fixtures/mastadon/): the timeline's statuses
// are the articles of [role=feed] (a boost heads its status with the
// booster's link; a status scrolled out of view is an empty placeholder
// article naming no one by link); "Who to follow" is an article of cards, one
// account each; div.account rows name the signed-in account in the side
// panels. Accounts are linked as https://<instance>/@user or /@user@host.
PAGES.mastodon = {
  units: ['div[role="feed"] > article:not([data-id="inline-follow-suggestions"])',
    '.inline-follow-suggestions__body__scrollable__card', 'div.account'],
  owners: ($, el) => hrefs($, el, /^(?:https:\/\/mastodon\.social)?\/@([^/@?#]+(?:@[^/?#]+)?)(?:\/\d+)?\/?$/)
    .map((h) => `mastodon:${h.includes('@') ? h : `${h}@mastodon.social`}`),
};
PAGES['x-bookmarks'] = PAGES['x-home'];
PAGES['bsky-followers'] = { ...PAGES['bsky-feed'], units: [{ rowsOf: 'main', link: 'a[href^="/profile/"]' }] };

function hrefs($, el, re, group = 1) {
  const out = [];
  $(el).find('a[href]').addBack('a[href]').each((_, a) => {
    const m = re.exec($(a).attr('href'));
    if (m) out.push(group === 2 ? `${m[1]}/${m[2]}` : m[1]);
  });
  return out;
}

function attrs($, el, selector, name, re, self = false) {
  const nodes = $(el).find(selector).toArray();
  if (self && $(el).is(selector)) nodes.push(el);
  return nodes.map((n) => re.exec($(n).attr(name) ?? '')?.[1]).filter(Boolean);
}

const drafted = EXTRA
  ? Object.entries(JSON.parse(fs.readFileSync(path.join(EXTRA, 'served.json'), 'utf8'))).map(([name, { kind }]) => [name, PAGES[kind]])
  : Object.entries(PAGES).filter(([name]) => fs.existsSync(path.join(realfeed, `${name}.html`)));
if (EXTRA) fs.mkdirSync(expectDir, { recursive: true });
for (const [name, page] of drafted) {
  const file = path.join(realfeed, `${name}.html`);
  const $ = cheerio.load(fs.readFileSync(file, 'utf8'));
  const items = [];
  for (const unit of page.units) {
    if (unit.suggestions) {
      // Instagram's "Suggested for you" cards are plain divs: the card is the
      // largest ancestor of its avatar link that holds one account and a Follow button.
      const heading = $('span').filter((_, s) => $(s).text() === 'Suggested for you').first();
      const box = heading.parents().filter((_, p) => $(p).find('a:has(img)').length > 1).first();
      box.find('a:has(img)').each((k, a) => {
        let card = $(a);
        let up = 0;
        while (card.parent().find('a:has(img)').length === 1) { card = card.parent(); up += 1; }
        items.push({ sel: `a[href="${$(a).attr('href')}"]:has(img)`, nth: 0, up, owners: [...new Set(page.owners($, card[0]))] });
      });
      continue;
    }
    if (unit.rowsOf) {
      // A list of people in plain divs (Bluesky's followers): its rows are the
      // children of the element under `rowsOf` that has the most children.
      const list = $(unit.rowsOf).find('*').toArray().reduce((a, b) => ($(b).children().length > $(a).children().length ? b : a));
      $(list).children().each((_, row) => {
        const a = $(row).find(unit.link).first();
        if (!a.length) return;
        const sel = `a[href="${a.attr('href')}"]`;
        const nth = $(sel).toArray().indexOf(a[0]);
        const up = a.parents().toArray().indexOf(row) + 1;
        items.push({ sel, nth, up, owners: [...new Set(page.owners($, row))] });
      });
      continue;
    }
    $(unit).each((nth, el) => {
      // A nested item (a comment in a post, a reply in a comment) is its own:
      // its accounts are not the enclosing item's, unless the page nests quotes.
      const units = page.units.filter((u) => typeof u === 'string').join(', ');
      const own = page.quotesNest ? el : $(el).clone().find(units).remove().end()[0];
      items.push({ sel: unit, nth, owners: [...new Set(page.owners($, own))] });
    });
  }
  const out = { page: `${name}.html`, items };
  fs.writeFileSync(path.join(expectDir, `${name}.json`), `${JSON.stringify(out, null, 1)}\n`);
  console.log(name, items.length, 'items', new Set(items.flatMap((i) => i.owners)).size, 'accounts');
}
