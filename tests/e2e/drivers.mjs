// One browser-test body, two browsers: a test file that uses a driver runs
// the same steps in Chromium (playwright-core) and Firefox (puppeteer-core
// over WebDriver BiDi). A driver gives what such a body needs and nothing
// more, named the same in both:
//
//   name                      'chromium' | 'firefox'
//   sites                     the fake sites (harness.mjs startFakeSites())
//   newPage()                 a new tab: goto, evaluate, waitForFunction, close
//   inExtension(fn, arg)      runs `fn(arg)` in one of Deadbolt's pages
//   ask(message)              the worker's answer to `message`
//   waitFor(page, fn, arg, timeout)
//                             resolves once `fn(arg)` is truthy in the page, or fails after
//                             `timeout` ms (the libraries' default if none); the two
//                             libraries take the argument in different places
//   url(path)                 the address of one of Deadbolt's files
//   openExtensionPage(path)   {page, close()}: one of Deadbolt's pages shown, running
//                             (Firefox shows it in the extension's own tab: it refuses
//                             to navigate a tab to an extension page from outside)
//   allowNotifications(url)   lets `url`'s site raise notifications, as a person who allowed
//                             them (Firefox's test profile allows every site already)
//   withholdSiteAccess()      every host's access taken from Deadbolt, as the person can
//                             (Chromium: "Site access: On click", which takes a restart on
//                             the profile here; Firefox: the add-on gives up <all_urls>)
//
// Each is started before the file's tests (with `list` imported) and closed after.
import { ask, inExtension, relaunchWith, useBrowser } from './harness.mjs';
import { useFirefox } from './firefox.mjs';

export function useChromiumDriver({ list = null } = {}) {
  const driver = { name: 'chromium', sites: null, browser: null };
  // `imported`: the worker's answer to the list's import (Chromium's rule counts).
  useBrowser({ list, ready: (browser, sites, imported) => Object.assign(driver, { browser, sites, imported }) });
  return Object.assign(driver, {
    newPage: () => driver.browser.context.newPage(),
    inExtension: (fn, arg) => inExtension(driver.browser, fn, arg),
    ask: (message) => ask(driver.browser, message),
    waitFor: (page, fn, arg, timeout) => page.waitForFunction(fn, arg, timeout ? { timeout } : {}),
    url: (path) => driver.browser.url(path),
    openExtensionPage: async (path) => {
      const page = await driver.browser.context.newPage();
      await page.goto(driver.browser.url(path));
      return { page, close: () => page.close() };
    },
    allowNotifications: (url) => driver.browser.context.grantPermissions(['notifications'], { origin: new URL(url).origin }),
    withholdSiteAccess: async () => {
      driver.browser = await relaunchWith(driver.browser, driver.sites.port, (settings) => {
        settings.withholding_permissions = true;
        delete settings.runtime_granted_permissions;
      });
    },
  });
}

export function useFirefoxDriver({ list = null } = {}) {
  const running = useFirefox({ list });
  return {
    name: 'firefox',
    get firefox() { return running.firefox; },
    get sites() { return running.sites; },
    newPage: () => running.firefox.browser.newPage(),
    inExtension: (fn, arg) => running.firefox.page.evaluate(fn, arg),
    ask: (message) => running.firefox.ask(message),
    waitFor: (page, fn, arg, timeout) => page.waitForFunction(fn, timeout ? { timeout } : {}, arg),
    url: (path) => running.firefox.url(path),
    openExtensionPage: async (path) => {
      await running.firefox.show(path);
      return { page: running.firefox.page, close: () => running.firefox.show('extension/pages/welcome.html') };
    },
    allowNotifications: async () => {},
    withholdSiteAccess: async () => {
      const removed = await running.firefox.page.evaluate(() => chrome.permissions.remove({ origins: ['<all_urls>'] }));
      if (!removed) throw new Error('Firefox kept the site access');
    },
  };
}
