// A deterministic browsing corpus and blocklists for the benchmarks: the same
// seed gives the same files on every machine, with no network.
//
// The mix, per 100 URLs: about 95 allowed (news, reference, shopping, mail and
// docs, video, feeds, posts and profiles of people who are not listed,
// searches, redirect links to ordinary sites) and about 5 blocked (listed
// profiles, stories and posts, searches for a listed name, wrapped links).
import fs from 'node:fs';
import path from 'node:path';

export function rng(seed) {
  let a = seed >>> 0;  // mulberry32
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLATFORMS = ['instagram', 'x', 'tiktok', 'facebook', 'linkedin', 'youtube', 'threads', 'reddit', 'pinterest', 'twitch', 'github', 'soundcloud'];
const PROFILE = {
  instagram: (h) => `https://www.instagram.com/${h}/`,
  x: (h) => `https://x.com/${h}`,
  tiktok: (h) => `https://www.tiktok.com/@${h}`,
  facebook: (h) => `https://www.facebook.com/${h}`,
  linkedin: (h) => `https://www.linkedin.com/in/${h}/`,
  youtube: (h) => `https://www.youtube.com/@${h}`,
  threads: (h) => `https://www.threads.net/@${h}`,
  reddit: (h) => `https://www.reddit.com/user/${h}/`,
  pinterest: (h) => `https://www.pinterest.com/${h}/`,
  twitch: (h) => `https://www.twitch.tv/${h}`,
  github: (h) => `https://github.com/${h}`,
  soundcloud: (h) => `https://soundcloud.com/${h}`,
};
const SITES = [
  'www.nytimes.com', 'www.bbc.co.uk', 'en.wikipedia.org', 'www.amazon.com', 'mail.google.com', 'docs.google.com',
  'www.theguardian.com', 'stackoverflow.com', 'news.ycombinator.com', 'www.ebay.de', 'www.netflix.com',
  'outlook.live.com', 'www.wikipedia.org', 'developer.mozilla.org', 'www.lemonde.fr', 'www.spiegel.de',
  'weather.com', 'maps.google.com', 'calendar.google.com', 'www.etsy.com', 'open.spotify.com', 'www.imdb.com',
];
const WORDS = ['weather', 'recipe', 'pasta', 'news', 'train', 'times', 'how', 'to', 'fix', 'bike', 'best', 'cheap',
  'flights', 'paris', 'music', 'jobs', 'london', 'meaning', 'of', 'life', 'python', 'error', 'dog', 'walk', 'yoga'];
const FIRST = ['jane', 'sam', 'alex', 'maria', 'li', 'omar', 'emma', 'noah', 'sofia', 'leo', 'ava', 'mia', 'ben'];
const LAST = ['doe', 'rivers', 'smith', 'garcia', 'chen', 'khan', 'muller', 'rossi', 'silva', 'novak', 'kim'];

const pick = (r, list) => list[Math.floor(r() * list.length)];
const handle = (r) => `${pick(r, FIRST)}${pick(r, ['', '_'])}${pick(r, LAST)}${Math.floor(r() * 10000)}`;
// Longest handle each platform accepts, for the handles generated here.
const MAX = { x: 15, reddit: 20, twitch: 25 };
const fit = (platform, h) => h.slice(-(MAX[platform] ?? 30));
const token = (r, n) => Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'[Math.floor(r() * 64)]).join('');

/** A list of `n` accounts spread over platforms, people of 5 accounts each. */
export function makeList(n, seed = 7) {
  const r = rng(seed);
  const people = [];
  for (let i = 0; i < n; i++) {
    if (i % 5 === 0) people.push({ name: `Person ${people.length}`, keywords: [`${pick(r, FIRST)} ${pick(r, LAST)}${people.length}`], accounts: [] });
    const platform = PLATFORMS[i % PLATFORMS.length];
    people.at(-1).accounts.push({ platform, handle: fit(platform, `${handle(r)}${i}`) });
  }
  return { version: 1, people };
}

/** `n` URLs; `list` supplies the listed accounts (about 5% of the URLs). */
export function makeCorpus(n, list, seed = 42) {
  const r = rng(seed);
  const listed = list.people.flatMap((p) => p.accounts.map((a) => ({ ...a, keyword: p.keywords[0] })));
  const urls = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.05 && listed.length) {
      const a = pick(r, listed);
      const y = r();
      if (y < 0.5) urls.push(PROFILE[a.platform](a.handle));
      else if (y < 0.65 && a.platform === 'instagram') urls.push(`https://www.instagram.com/stories/${a.handle}/${Math.floor(r() * 1e15)}/`);
      else if (y < 0.8) urls.push(`https://www.google.com/search?q=${encodeURIComponent(a.keyword).replace(/%20/g, '+')}`);
      else urls.push(`https://l.facebook.com/l.php?u=${encodeURIComponent(PROFILE[a.platform](a.handle))}&h=AT${token(r, 12)}`);
    } else if (x < 0.40) {
      const site = pick(r, SITES);
      urls.push(`https://${site}/${pick(r, WORDS)}/${token(r, 8)}/${pick(r, WORDS)}-${pick(r, WORDS)}${r() < 0.4 ? `?utm_source=${pick(r, WORDS)}&id=${Math.floor(r() * 1e6)}` : ''}`);
    } else if (x < 0.55) {
      urls.push(pick(r, ['https://www.instagram.com/', 'https://x.com/home', 'https://www.facebook.com/', 'https://www.youtube.com/',
        'https://www.reddit.com/r/' + pick(r, WORDS) + '/', 'https://www.linkedin.com/feed/', 'https://www.tiktok.com/foryou']));
    } else if (x < 0.68) {
      urls.push(pick(r, [`https://www.instagram.com/p/${token(r, 11)}/`, `https://x.com/${fit('x', handle(r))}/status/${Math.floor(r() * 1e18)}`,
        `https://www.youtube.com/watch?v=${token(r, 11)}`, `https://www.reddit.com/r/${pick(r, WORDS)}/comments/${token(r, 6)}/${pick(r, WORDS)}/`]));
    } else if (x < 0.80) {
      const p = pick(r, PLATFORMS);
      urls.push(PROFILE[p](fit(p, handle(r))));
    } else if (x < 0.92) {
      const q = Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, WORDS)).join('+');
      urls.push(pick(r, [`https://www.google.com/search?q=${q}&hl=en`, `https://duckduckgo.com/?q=${q}`, `https://www.bing.com/search?q=${q}`]));
    } else {
      urls.push(`https://www.google.com/url?q=${encodeURIComponent(`https://${pick(r, SITES)}/${pick(r, WORDS)}`)}&sa=D&source=${pick(r, WORDS)}`);
    }
  }
  return urls;
}

/** Writes corpus.txt and lists list-10/1000/100000.json into `dir`. */
export function writeBenchFiles(dir, n = 100_000) {
  fs.mkdirSync(dir, { recursive: true });
  const lists = {};
  for (const size of [10, 1000, 100_000]) {
    lists[size] = makeList(size);
    fs.writeFileSync(path.join(dir, `list-${size}.json`), JSON.stringify(lists[size]));
  }
  // Blocked URLs name accounts of the 1,000-account list, which the larger
  // list contains too (same seed), so the mix stays the same across lists.
  const corpus = makeCorpus(n, lists[1000]);
  fs.writeFileSync(path.join(dir, 'corpus.txt'), corpus.join('\n') + '\n');
  return { corpus, lists };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const dir = process.argv[2] ?? 'build-native/bench';
  const { corpus } = writeBenchFiles(dir, Number(process.argv[3] ?? 100_000));
  console.log(`${corpus.length} URLs and lists of 10, 1,000 and 100,000 accounts in ${dir}`);
}
