// The protection check in Chromium: a notice when private windows are not
// allowed, and rules removed or changed behind Deadbolt's back noticed, put
// back, and told in the popup's history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as harness from './harness.mjs';
import { DEMO_LIST, useBrowser } from './harness.mjs';

let sites;
let browser;

useBrowser({ list: DEMO_LIST, ready: (b, s) => { browser = b; sites = s; } });

const inExtension = (fn, arg) => harness.inExtension(browser, fn, arg);
const dynamicRules = () => browser.worker.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());

async function openPopup() {
  const page = await browser.context.newPage();
  await page.goto(browser.url('extension/pages/popup.html'));
  return page;
}

test('private windows not allowed: the popup and the settings say so, and the history keeps it', async () => {
  const allowed = await harness.inExtension(browser, () => chrome.extension.isAllowedIncognitoAccess());
  assert.equal(allowed, false, 'Chromium starts an unpacked extension without private-window access');
  const popup = await openPopup();
  await popup.getByText('private (incognito) windows', { exact: false }).first().waitFor();
  await popup.getByText('Not allowed in private windows', { exact: false }).waitFor();
  assert.equal(await popup.locator('#health-history').isHidden(), false);
  await popup.close();
  const options = await browser.context.newPage();
  await options.goto(browser.url('extension/pages/options.html'));
  await options.getByText('private (incognito) windows', { exact: false }).first().waitFor();
  await options.close();
});

test('rules removed behind Deadbolt\'s back are noticed and put back', async () => {
  const installed = await dynamicRules();
  assert.ok(installed.length > 0);
  await browser.worker.evaluate(async () => {
    const rules = await chrome.declarativeNetRequest.getDynamicRules();
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: rules.map((r) => r.id) });
  });
  assert.equal((await dynamicRules()).length, 0);
  const popup = await openPopup();
  await popup.getByText('blocking rules had been removed or changed', { exact: false }).waitFor();
  await popup.getByText('Blocking rules found missing and put back', { exact: false }).waitFor();
  await popup.close();
  const back = await dynamicRules();
  const key = (r) => `${r.action.type} ${r.condition.regexFilter}`;
  assert.deepEqual(back.map(key).sort(), installed.map(key).sort(), 'the same rules as the core compiled');
  // And they work: no request for the profile.
  const page = await harness.openBlocked(browser, 'https://www.instagram.com/janedoe/');
  await page.close();
  assert.deepEqual(sites.hits('instagram.com', '/janedoe'), []);
});

test('two checks at once put the rules back once, and the history tells it once', async () => {
  await browser.worker.evaluate(async () => {
    const rules = await chrome.declarativeNetRequest.getDynamicRules();
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: rules.map((r) => r.id) });
  });
  // The repairs the history holds (a few, far below its 40 entries).
  const repairs = () => inExtension(async () => ((await chrome.storage.local.get('health.history'))['health.history'] ?? [])
    .filter((p) => p.kind === 'rules').length);
  const before = await repairs();
  const answers = await inExtension(() => Promise.all([
    chrome.runtime.sendMessage({ type: 'health' }), chrome.runtime.sendMessage({ type: 'health' })]));
  assert.equal(answers.filter((r) => r.problems.some((p) => p.kind === 'rulesRepaired')).length, 1, 'one of the two checks repaired');
  assert.equal(await repairs(), before + 1, 'and the history tells it once');
  assert.ok((await dynamicRules()).length > 0);
});

test('a rule changed behind Deadbolt\'s back is noticed too; a sound set is left alone', async () => {
  await browser.worker.evaluate(async () => {
    const [first] = await chrome.declarativeNetRequest.getDynamicRules();
    await chrome.declarativeNetRequest.updateDynamicRules({
      removeRuleIds: [first.id],
      addRules: [{ ...first, condition: { ...first.condition, regexFilter: '^https://nothing\\.invalid/' } }],
    });
  });
  // Asked from the welcome page: the popup (harness.ask) runs the check itself as it opens.
  const checkNow = () => inExtension(() => chrome.runtime.sendMessage({ type: 'health' }));
  const first = await checkNow();
  assert.ok(first.problems.some((p) => p.kind === 'rulesRepaired'), JSON.stringify(first.problems));
  const second = await checkNow();
  assert.ok(!second.problems.some((p) => p.kind === 'rulesRepaired'), 'nothing to repair the second time');
  assert.ok(!second.problems.some((p) => p.kind === 'siteAccess'), 'site access is granted here');
});
