// What the in-app guard's suite (suite.mjs) reads: the fake apps, the list,
// the activations and how a request is read for a person.

// Jane's feeds are off ("feeds": false): her posts stay in feeds, her
// profile stays blocked, so the guard must still stop every look at her
// inside the apps (and the feed script leaves her links in place to click).
export const SPA_LIST = JSON.stringify({
  version: 1,
  people: [{
    name: 'Jane Doe',
    feeds: false,
    accounts: [
      { platform: 'instagram', handle: 'janedoe' },
      { platform: 'x', handle: 'janedoe_x' },
      { platform: 'tiktok', handle: 'janedoe' },
      { url: 'https://www.linkedin.com/in/jane-doe-123/' },
      { url: 'https://www.facebook.com/profile.php?id=100012345678901' },
    ],
  }],
});

// Each app: where it runs, its listed person, a look-alike and another
// person (the keys its API and avatar requests carry), whether its API
// names the person only in a POST body (no URL rule can see it), and the
// address of its API's look-up of a person, as <app>.html requests it.
export const APPS = [
  {
    name: 'instagram', host: 'www.instagram.com', listed: 'janedoe', lookalike: 'janedoe2', other: 'natgeo', inBody: false,
    api: (h) => `/api/v1/users/web_profile_info/?username=${encodeURIComponent(h)}`,
  },
  {
    name: 'x', host: 'x.com', listed: 'janedoe_x', lookalike: 'janedoe_x2', other: 'nasa', inBody: false,
    api: (h) => `/i/api/graphql/xc8f1g7BYqr6VTzTbvNlGw/UserByScreenName?variables=${encodeURIComponent(JSON.stringify({ screen_name: h, withSafetyModeUserFields: true }))}`,
  },
  {
    name: 'linkedin', host: 'www.linkedin.com', listed: 'jane-doe-123', lookalike: 'jane-doe-1234', other: 'satyanadella', inBody: false,
    api: (h) => `/voyager/api/identity/profiles/${encodeURIComponent(h)}/profileView`,
  },
  {
    name: 'tiktok', host: 'www.tiktok.com', listed: 'janedoe', lookalike: 'janedoe2', other: 'nasa', inBody: false,
    api: (h) => `/api/user/detail/?WebIdLastTime=0&aid=1988&app_name=tiktok_web&uniqueId=${encodeURIComponent(h)}`,
  },
  { name: 'facebook', host: 'www.facebook.com', listed: '100012345678901', lookalike: '100012345678902', other: 'zuck', inBody: true },
];

const decoded = (text) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/** The logged requests (harness `full`: "host/path?query body") to `host` that name `key` as a whole word. */
export function naming(requests, host, key) {
  const word = new RegExp(`(?<![\\w.-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`);
  return requests.filter((r) => r.startsWith(`${host}/`) && word.test(decoded(r)));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Opens `app` in a new tab (`newPage()`, either driver's) once the guard is ready. */
export async function openApp(newPage, app) {
  const page = await newPage();
  await page.goto(`https://${app.host}/spa/${app.name}`);
  await page.waitForFunction(() => Array.isArray(window.painted));
  await sleep(500);  // the guard's core is ready after the feed script's first decisions
  return page;
}

/** A person's activations of the listed link, the same in both drivers. */
export const ACTIVATIONS = {
  click: (page) => page.click('#p-listed'),
  'middle-click': (page) => page.click('#p-listed', { button: 'middle' }),
  'Enter on the focused link': async (page) => {
    await page.focus('#p-listed');
    await page.keyboard.press('Enter');
  },
  'a typeahead row': async (page, app) => {
    await page.type('#search', 'jane');
    await page.click(`[data-row="${app.listed}"]`);
  },
  'Enter in the search box on a row chosen with ArrowDown': async (page, app) => {
    await page.type('#search', 'jane');
    await page.waitForSelector(`[data-row="${app.listed}"]`, { state: 'attached' });
    // The listed person's row is the first (the apps list people in order); hidden or not, the box's
    // own keyboard choice reaches it, as a person pressing keys without looking would.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
  },
};

/**
 * How many logged requests from `from` on name `key`, once at least `want` do
 * or 2.5 s have passed: a card is painted as soon as it is in the page, its
 * avatar's request reaches the log a moment later.
 */
export async function requestsNaming(requests, from, host, key, want = 2) {
  let n = 0;
  for (let i = 0; i < 50 && (n = naming(requests.slice(from), host, key).length) < want; i++) await sleep(50);
  return n;
}
