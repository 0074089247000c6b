// Firefox harness: Debian's firefox-esr driven over WebDriver BiDi by
// puppeteer-core, with the Firefox package (dist/deadbolt-firefox.zip, as a
// store would receive it) installed as a temporary add-on. The fake sites are
// reached through their proxy: Firefox has no host-resolver rules.
import { after, before } from 'node:test';
import puppeteer from 'puppeteer-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { animationFrames, ROOT, startFakeSites, waitForHref } from './harness.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';
export const PACKAGE = path.join(ROOT, 'dist/deadbolt-firefox.zip');
const ADDON_ID = 'deadbolt@deadbolt.invalid';
// moz-extension:// hosts are random per profile unless set beforehand.
const UUID = '6d1c0a52-8f4e-4d7b-9a51-deadb0170001';

/** Launches Firefox with Deadbolt installed; every https request goes to `proxyPort`. */
export async function launchFirefox({ proxyPort }) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'deadbolt-firefox-home-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,  // the fake sites' certificate is self-signed
    env: { ...process.env, HOME: home },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'browser.newtabpage.enabled': false,
      // Pages may raise notifications (the inbox tests), as one the person allowed.
      'permissions.default.desktop-notification': 1,
    },
  });
  const extensionUrl = (p) => `moz-extension://${UUID}/${p}`;
  // Installing opens the welcome page: it is the extension page the tests
  // talk through (Firefox refuses to navigate to an extension page from outside).
  const welcome = waitForPage(browser, extensionUrl('extension/pages/welcome.html'));
  const id = await browser.installExtension(PACKAGE);
  const page = await welcome;
  return {
    browser,
    id,
    page,
    url: extensionUrl,
    /** Sends a message to the background script from an extension page. */
    ask: (message) => page.evaluate((m) => chrome.runtime.sendMessage(m), message),
    /** Shows another extension page in the extension's own tab; resolves once it runs. */
    show: async (p) => {
      await page.evaluate((href) => { location.href = href; }, extensionUrl(p));
      await waitForHref(page, (href) => href === extensionUrl(p));
      await page.waitForFunction(() => document.readyState === 'complete');
    },
    close: () => browser.close(),
  };
}

/** The tab whose location becomes `href` (puppeteer's page.url() lags in Firefox). */
async function waitForPage(browser, href, timeout = 15000) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const page of await browser.pages()) {
      if ((await page.evaluate(() => location.href).catch(() => '')) === href) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab showed ${href}`);
}

/**
 * One Firefox and one set of fake sites for a test file, as useBrowser() is
 * for Chromium: started before its tests (with `list` imported), closed
 * after. Returns {sites, firefox}, filled in once started.
 */
export function useFirefox({ list = null } = {}) {
  const running = { sites: null, firefox: null };
  before(async () => {
    running.sites = await startFakeSites();
    running.firefox = await launchFirefox({ proxyPort: running.sites.proxyPort });
    if (list === null) return;
    const imported = await running.firefox.ask({ type: 'importList', text: list });
    if (imported?.ok !== true) throw new Error(`the test list was refused: ${JSON.stringify(imported)}`);
  });
  after(async () => {
    await running.firefox?.close();
    await running.sites?.close();
  });
  return running;
}

/** A fake feed page in a new tab of `running`'s Firefox, once it has painted a few frames. */
export async function openFeedPage(running, url) {
  const page = await running.firefox.browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.feedTest?.frames > 3);
  await animationFrames(page, 5);
  return page;
}
