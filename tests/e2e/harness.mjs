// Browser-test harness: Debian's Chromium with Deadbolt loaded from the repo
// root, and fake social sites on loopback that speak TLS (the real hosts are
// HSTS-preloaded) and record every request they receive.
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const HOSTS = [
  'instagram.com', 'www.instagram.com', 'm.instagram.com', 'l.instagram.com',
  'facebook.com', 'www.facebook.com', 'm.facebook.com', 'l.facebook.com',
  'x.com', 'twitter.com', 'www.tiktok.com', 'www.linkedin.com', 'www.youtube.com',
  'www.google.com', 'duckduckgo.com', 'news.example', 'web.archive.org',
  // Message links and compose windows (tests/e2e/messages.test.mjs).
  'wa.me', 'api.whatsapp.com', 'mail.google.com', 'm.me', 'www.bing.com', 'search.yahoo.com',
  'www.threads.net', 'www.reddit.com', 'bsky.app', 'mastodon.social',
  // Web inboxes (tests/e2e/inbox.test.mjs).
  'outlook.live.com', 'mail.yahoo.com', 'web.whatsapp.com', 'www.messenger.com', 'web.telegram.org',
  'messages.google.com',
  // A fediverse instance no catalog lists (tests/e2e/fediverse.test.mjs).
  'social.example', 'other.example',
];

// The fake inboxes (tests/e2e/inbox/), each at its real host and path, and
// /inbox/frames.js (the pages' own frame counter) and /inbox/sw.js (a
// service worker, for notifications raised through its registration) on any host.
const INBOX_DIR = path.join(ROOT, 'tests/e2e/inbox');
export const INBOX_PAGES = {
  gmail: 'https://mail.google.com/mail/u/0/',
  outlook: 'https://outlook.live.com/mail/0/',
  yahoo: 'https://mail.yahoo.com/d/folders/1',
  whatsapp: 'https://web.whatsapp.com/',
  messenger: 'https://www.messenger.com/',
  facebook: 'https://www.facebook.com/messages/t/',
  instagram: 'https://www.instagram.com/direct/inbox/',
  x: 'https://x.com/messages',
  'x-chat': 'https://x.com/i/chat',
  // The same X Chat in a closed shadow root, which each browser lets a content script read its own way.
  'x-chat-closed': 'https://x.com/i/chat/1111:2222',
  linkedin: 'https://www.linkedin.com/messaging/',
  telegram: 'https://web.telegram.org/k/',
  'google-messages': 'https://messages.google.com/web/conversations',
  // The overlays the apps dock on their other pages.
  'x-drawer': 'https://x.com/home',
  'linkedin-overlay': 'https://www.linkedin.com/feed/',
  'facebook-popover': 'https://www.facebook.com/groups/feed/',
};
// facebook.com/messages serves Messenger's chat list with its links under
// /messages/ (the sources are in messenger.html).
const INBOX_SAME_AS = {
  facebook: ['messenger', (page) => page.replaceAll('href="/', 'href="/messages/').replace('<title>Messenger</title>', '<title>Messenger | Facebook</title>')],
  'x-chat-closed': ['x-chat', (page) => page.replace("attachShadow({ mode: 'open' })", "attachShadow({ mode: 'closed' })")],
};
function inboxPage(host, pathname) {
  if (pathname === '/inbox/frames.js' || pathname === '/inbox/sw.js') {
    return { body: fs.readFileSync(path.join(INBOX_DIR, pathname.slice('/inbox/'.length))), type: 'text/javascript' };
  }
  const name = Object.keys(INBOX_PAGES).find((n) => INBOX_PAGES[n] === `https://${host}${pathname}`);
  if (!name) return null;
  const html = (file) => fs.readFileSync(path.join(INBOX_DIR, `${file}.html`), 'utf8');
  const [from, change] = INBOX_SAME_AS[name] ?? [name, (page) => page];
  return { body: change(html(from)), type: 'text/html; charset=utf-8' };
}

// The fake feed pages (tests/e2e/feeds/): /feeds/<name> on any host serves
// <name>.html, and /feeds/frames.js the pages' own frame counter.
const FEEDS_DIR = path.join(ROOT, 'tests/e2e/feeds');
function feedPage(pathname) {
  return fixtureFile(FEEDS_DIR, pathname.slice('/feeds/'.length).split('/')[0]);
}

/** `<name>.html` or `<name>.js` of a fixture folder ({body, type}), or null. */
function fixtureFile(dir, name) {
  if (!/^[a-z]+(\.js)?$/.test(name)) return null;
  const file = path.join(dir, name.endsWith('.js') ? name : `${name}.html`);
  return fs.existsSync(file) ? { body: fs.readFileSync(file), type: name.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' } : null;
}

// The fake single-page apps (tests/e2e/spa/): /spa/<name> on any host serves
// <name>.html, /spa/app.js their shared app script, /spa/avatar/<name> an
// image; the apps' own API paths answer JSON.
const SPA_DIR = path.join(ROOT, 'tests/e2e/spa');
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
function spaPage(pathname) {
  if (pathname.startsWith('/spa/avatar/')) return { body: PIXEL, type: 'image/gif' };
  return fixtureFile(SPA_DIR, pathname.slice('/spa/'.length));
}
const SPA_API = ['/api/', '/i/api/', '/voyager/api/'];

// Pages a test file serves at a host and path of its own ("host/path" ->
// {body, type, stream?}), looked up before everything else; tests/e2e/realfeed/
// suite.mjs serves the real platforms' saved pages at their real addresses this way.
export const ROUTES = new Map();

/** A self-signed certificate whose subjectAltName lists every host. */
function certificate(dir) {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
    '-subj', '/CN=deadbolt-fake-sites', '-addext', `subjectAltName=${HOSTS.map((h) => `DNS:${h}`).join(',')}`,
  ], { stdio: 'ignore' });
  return { key: fs.readFileSync(key), cert: fs.readFileSync(cert) };
}

const PAGES = {
  // A neutral page with links, as a feed or a message would show them.
  'news.example/': `<title>News</title><h1>News</h1>
    <a id="profile" href="https://www.instagram.com/janedoe/">Jane on Instagram</a>
    <a id="redirect" href="https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.instagram.com%2Fjanedoe%2F">via Facebook</a>
    <a id="allowed" href="https://www.instagram.com/natgeo/">National Geographic</a>`,
  // A single-page app: navigates with pushState and fetches nothing.
  'www.instagram.com/': `<title>Instagram</title><h1>Feed</h1>
    <a id="spa" href="/janedoe/" onclick="event.preventDefault(); history.pushState({}, '', '/janedoe/'); document.querySelector('h1').textContent = 'PROFILE';">Jane</a>`,
};

/**
 * Sends `body` in pieces of `size` bytes, `delayMs` apart, as a page comes
 * over a real network: the browser parses and paints between pieces.
 */
function streamBody(res, body, { size, delayMs }) {
  const bytes = Buffer.from(body);
  let at = 0;
  const next = () => {
    if (res.destroyed) return;
    res.write(bytes.subarray(at, at + size));
    at += size;
    if (at < bytes.length) setTimeout(next, delayMs);
    else res.end();
  };
  next();
}

/** Starts the fake sites. `requests` lists every request as "host/path". */
export async function startFakeSites() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-sites-'));
  const requests = [];
  const full = [];  // every request as "host/path?query", with a POST's body after a space
  const server = https.createServer(certificate(dir), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(req.url, `https://${host}`);
    requests.push(`${host}${url.pathname}`);
    const entry = full.push(`${host}${url.pathname}${url.search}`) - 1;
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => { body += chunk; });
      req.on('end', () => {
        let text = body.replace(/\+/g, ' ');
        try {
          text = decodeURIComponent(text);
        } catch {
          // kept as sent
        }
        full[entry] += ` ${text}`;
      });
    }
    if (url.pathname.startsWith('/spa/')) {
      const spa = spaPage(url.pathname);
      if (spa) {
        res.writeHead(200, { 'content-type': spa.type });
        return res.end(spa.body);
      }
    }
    if (SPA_API.some((prefix) => url.pathname.startsWith(prefix))) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"status":"ok"}');
    }
    if (host === 'l.facebook.com' && url.pathname === '/l.php') {
      res.writeHead(302, { location: url.searchParams.get('u') ?? '/' });
      return res.end();
    }
    const route = ROUTES.get(`${host}${url.pathname}`);
    if (route) {
      res.writeHead(200, { 'content-type': route.type ?? 'text/html; charset=utf-8' });
      return route.stream ? streamBody(res, route.body, route.stream) : res.end(route.body);
    }
    const feed = url.pathname.startsWith('/feeds/') ? feedPage(url.pathname) : inboxPage(host, url.pathname);
    if (feed) {
      res.writeHead(200, { 'content-type': feed.type });
      return res.end(feed.body);
    }
    const page = PAGES[`${host}${url.pathname}`] ?? `<title>${host}${url.pathname}</title><h1>PROFILE ${host}${url.pathname}</h1>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8">${page}`);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  // Firefox cannot remap host names to a port: it reaches the sites through
  // this proxy, which tunnels every CONNECT to them (they record the request).
  const proxy = http.createServer((req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).on('error', () => {});
      client.pipe(upstream).on('error', () => {});
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port,
    proxyPort: proxy.address().port,
    requests,
    full,
    /** Requests whose path starts with `prefix` on any host ending with `host`. */
    hits: (host, prefix) => requests.filter((r) => r.split('/')[0].endsWith(host) && r.slice(r.indexOf('/')).startsWith(prefix)),
    close: async () => {
      server.closeAllConnections();
      proxy.closeAllConnections();
      await Promise.all([new Promise((resolve) => server.close(resolve)), new Promise((resolve) => proxy.close(resolve))]);
    },
  };
}

// Every Chromium this file launched and has not closed yet: useBrowser()'s
// `after` closes them all, also one a test launched to replace the first (a
// browser left open keeps the test process, and the run, from ending).
const openContexts = new Set();

/** Launches Chromium with Deadbolt on `userDataDir` (a fresh one by default). */
export async function launch({ port = 0, userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-profile-')), headless = true, everyHost = false, extensionDir = ROOT } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-home-'));
  // With fake sites, every platform host resolves to them; without, nothing is remapped.
  // `everyHost`: every name resolves to the fake sites, so that any request at
  // all, to any host, is seen there.
  const mapped = everyHost ? `MAP * 127.0.0.1:${port}` : HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ');
  const resolver = port ? [`--host-resolver-rules=${mapped}, EXCLUDE localhost`] : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless,
    env: { ...process.env, HOME: home },
    args: [
      `--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`,
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--ignore-certificate-errors',
      ...resolver,
    ],
  });
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, userDataDir, home, url: (p) => `chrome-extension://${extensionId}/${p}` };
}

/**
 * The set-up most browser test files share: the fake sites and Chromium with
 * Deadbolt, started before the file's tests and closed after them. `list`
 * (JSON text), when given, is imported first and must be accepted.
 * `ready(browser, sites, imported)` hands them to the file (`imported`: what
 * the worker answered the import).
 */
export function useBrowser({ list = null, ready }) {
  let sites = null;
  let browser = null;
  before(async () => {
    sites = await startFakeSites();
    browser = await launch({ port: sites.port });
    let imported = null;
    if (list !== null) {
      imported = await ask(browser, { type: 'importList', text: list });
      if (imported?.ok !== true) throw new Error(`the test list was refused: ${JSON.stringify(imported)}`);
    }
    await ready(browser, sites, imported);
  });
  after(async () => {
    await Promise.all([...openContexts].map((context) => context.close().catch(() => {})));
    await sites?.close();
  });
}

/**
 * Closes Chromium, rewrites Deadbolt's settings in the profile's Preferences
 * with `change(settings)` (what the person's choices on the extensions page
 * write: site access withheld, an optional permission granted), and starts
 * it again on the same profile. (DESIGN.md §4: a test's stand-in for "Allow".)
 */
export async function relaunchWith(current, port, change) {
  const { userDataDir, extensionId } = current;
  await current.context.close();
  for (const name of ['Preferences', 'Secure Preferences']) {
    const file = path.join(userDataDir, 'Default', name);
    if (!fs.existsSync(file)) continue;
    const prefs = JSON.parse(fs.readFileSync(file, 'utf8'));
    const settings = prefs.extensions?.settings?.[extensionId];
    if (!settings) continue;
    change(settings);
    fs.writeFileSync(file, JSON.stringify(prefs));
  }
  return launch({ port, userDataDir });
}

/** Sends a message to the service worker from one of Deadbolt's own pages. */
export async function ask(browser, message) {
  const page = await browser.context.newPage();
  await page.goto(browser.url('extension/pages/popup.html'));
  const answer = await page.evaluate((m) => chrome.runtime.sendMessage(m), message);
  await page.close();
  return answer;
}

/**
 * Polls the attempt log through `askWorker(message)` until it holds
 * `expected` attempts or `timeout` ms pass, waits 300 ms more (so that an
 * extra entry shows too) and returns what it holds then.
 */
export async function logReaches(askWorker, expected, timeout = 8000) {
  const total = async () => (await askWorker({ type: 'stats' })).all;
  const end = Date.now() + timeout;
  let n = await total();
  while (n < expected && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    n = await total();
  }
  await new Promise((r) => setTimeout(r, 300));
  return total();
}

/** Runs `fn(arg)` in one of Deadbolt's pages, where storage and messages are reachable. */
export async function inExtension(browser, fn, arg) {
  const page = await browser.context.newPage();
  await page.goto(browser.url('extension/pages/welcome.html'));
  const result = await page.evaluate(fn, arg);
  await page.close();
  return result;
}

/** Stops the service worker; the next event starts it again. */
export async function stopWorker(browser) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await page.close();
}

/**
 * Updates Deadbolt in place, as the browser does when a new version arrives:
 * the extensions page's Reload (chrome.developerPrivate, with developer mode
 * on, without which Chromium disables a reloaded unpacked extension). Open
 * tabs keep the old version's content scripts, cut off from the extension;
 * the new version starts with onInstalled's reason "update". Resolves once
 * the new version's pages load.
 */
export async function updateExtension(browser) {
  const page = await browser.context.newPage();
  await page.goto('chrome://extensions');
  await page.evaluate(() => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }));
  await page.evaluate((id) => chrome.developerPrivate.reload(id, { failQuietly: true }), browser.extensionId);
  await page.close();
  const probe = await browser.context.newPage();
  const end = Date.now() + 15000;
  for (;;) {
    try {
      await probe.goto(browser.url('extension/pages/popup.html'));
      if (await probe.evaluate(() => chrome.runtime.sendMessage({ type: 'health' }).then(() => true, () => false))) break;
    } catch (error) {
      if (Date.now() > end) throw new Error(`Deadbolt did not come back after the update: ${error.message}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await probe.close();
}

/** Opens `url` in a new tab and waits for the block page there. */
export async function openBlocked(browser, url) {
  const page = await browser.context.newPage();
  await page.goto(url).catch(() => {});  // aborted by the redirect
  await waitForHref(page, (href) => href.includes('blocked.html'));
  return page;
}

/** Resolves after the page has drawn `count` animation frames (both drivers' pages have evaluate()). */
export async function animationFrames(page, count = 10) {
  await page.evaluate((n) => new Promise((resolve) => {
    let left = n;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), count);
}

/** Polls location.href (page.url() can lag behind a redirect). */
export async function waitForHref(page, predicate, timeout = 5000) {
  const end = Date.now() + timeout;
  let href = '';
  while (Date.now() < end) {
    href = await page.evaluate(() => location.href).catch(() => '');
    if (predicate(href)) return href;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out; location is ${href}`);
}

export const DEMO_LIST = JSON.stringify({
  version: 1,
  people: [{
    name: 'Jane Doe',
    keywords: ['Jane Doe'],
    accounts: [
      { platform: 'instagram', handle: 'janedoe' },
      { platform: 'x', handle: 'janedoe_x' },
      { url: 'https://www.facebook.com/profile.php?id=100012345678901' },
      { url: 'https://www.linkedin.com/in/jane-doe-123/' },
    ],
  }],
});
