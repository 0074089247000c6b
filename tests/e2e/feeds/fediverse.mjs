// The fake Mastodon instance no catalog lists (fediverse.html, served on
// social.example) and its list: one account of another instance, one of
// this instance, shared by Chromium's and Firefox's tests.
export const FEDIVERSE_PAGE = 'https://social.example/feeds/fediverse';
export const FEDIVERSE_LIST = JSON.stringify({
  version: 1,
  people: [{
    name: 'Jane',
    accounts: [
      { platform: 'mastodon', handle: '@jane@other.example' },  // another instance's account
      { platform: 'mastodon', handle: '@bob@social.example' },  // the instance's own
    ],
  }],
});
