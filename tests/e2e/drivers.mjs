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
//   waitFor(page, fn, arg)    resolves once `fn(arg)` is truthy in the page (the two
//                             libraries take the argument in different places)
//
// Each is started before the file's tests (with `list` imported) and closed after.
import { ask, inExtension, useBrowser } from './harness.mjs';
import { useFirefox } from './firefox.mjs';

export function useChromiumDriver({ list = null } = {}) {
  const driver = { name: 'chromium', sites: null, browser: null };
  useBrowser({ list, ready: (browser, sites) => Object.assign(driver, { browser, sites }) });
  return Object.assign(driver, {
    newPage: () => driver.browser.context.newPage(),
    inExtension: (fn, arg) => inExtension(driver.browser, fn, arg),
    ask: (message) => ask(driver.browser, message),
    waitFor: (page, fn, arg) => page.waitForFunction(fn, arg),
  });
}

export function useFirefoxDriver({ list = null } = {}) {
  const running = useFirefox({ list });
  return {
    name: 'firefox',
    get sites() { return running.sites; },
    newPage: () => running.firefox.browser.newPage(),
    inExtension: (fn, arg) => running.firefox.page.evaluate(fn, arg),
    ask: (message) => running.firefox.ask(message),
    waitFor: (page, fn, arg) => page.waitForFunction(fn, {}, arg),
  };
}
