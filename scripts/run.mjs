// Starts Chromium with Deadbolt loaded in a throwaway profile and the demo
// list (scripts/demo/blocklist.json), and opens the block page for a demo
// profile, the popup, the settings and the welcome page. With a display the
// browser stays open for you; without one, screenshots of the four pages go
// to dist/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ask, launch, waitForHref } from '../tests/e2e/harness.mjs';

const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const browser = await launch({ headless });
const list = fs.readFileSync(path.join(ROOT, 'scripts/demo/blocklist.json'), 'utf8');
const result = await ask(browser, { type: 'importList', text: list });
if (!result.ok) throw new Error(`demo list refused: ${result.error}`);
console.log(`Deadbolt is running with the demo list: ${result.rules.installed} blocking rules installed.`);
// Demo settings: what a person would have filled in.
const startDate = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
await ask(browser, {
  type: 'updateSettings',
  patch: { startDate, reasons: ['I deserve peace.', "I'm done waiting for them to change."], support: { name: 'Alex', contact: '' } },
});

// A demo profile: the rule redirects it before any request leaves the browser.
const blocked = await browser.context.newPage();
await blocked.goto('https://www.instagram.com/janedoe/').catch(() => {});
await waitForHref(blocked, (href) => href.includes('blocked.html'));
const popup = await browser.context.newPage();
await popup.setViewportSize({ width: 400, height: 600 });
await popup.goto(browser.url('extension/pages/popup.html'));
const options = await browser.context.newPage();
await options.goto(browser.url('extension/pages/options.html'));
const welcome = await browser.context.newPage();
await welcome.goto(browser.url('extension/pages/welcome.html'));

if (headless) {
  const dir = path.join(ROOT, 'dist/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await blocked.bringToFront();
  await blocked.screenshot({ path: path.join(dir, 'blocked.png') });
  await popup.screenshot({ path: path.join(dir, 'popup.png') });
  await options.screenshot({ path: path.join(dir, 'options.png'), fullPage: true });
  await welcome.screenshot({ path: path.join(dir, 'welcome.png') });
  // Only dist/ is written: the README's copies in docs/screenshots/ are
  // tracked, and are replaced by hand (cp dist/screenshots/*.png docs/screenshots/).
  console.log(`No display: screenshots of the block page, popup and settings are in ${path.relative(process.cwd(), dir)}/`);
  await browser.context.close();
} else {
  console.log('Close the browser window to stop.');
  await blocked.bringToFront();
  await new Promise((resolve) => browser.context.on('close', resolve));
}
