// Blocking in Firefox, with the Firefox package exactly as it would go to
// addons.mozilla.org: the suite written once for both browsers
// (blocking/suite.mjs), and the host permission only Firefox asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useFirefoxDriver } from './drivers.mjs';
import { blockingSuite } from './blocking/suite.mjs';

const { driver } = blockingSuite(useFirefoxDriver);

// Firefox leaves an MV3 extension's host permissions to the person (they can be withheld); the redirect rules need them.
test('Firefox grants the host permission the redirect rules need', async () => {
  const { origins } = await driver.inExtension(() => chrome.permissions.getAll());
  assert.ok(origins.includes('<all_urls>'), `granted: ${origins.join(', ')}`);
  const { list } = await driver.ask({ type: 'list' });
  assert.equal(list.people[0].name, 'Jane Doe');
});
