// The feed tests' list and pages, shared by Chromium and Firefox.
import assert from 'node:assert/strict';
export const FEED_LIST = JSON.stringify({
  version: 1,
  people: [{
    name: 'Jane Doe',
    accounts: [
      { platform: 'instagram', handle: 'janedoe' },
      { url: 'https://www.facebook.com/profile.php?id=100012345678901' },
      { platform: 'facebook', handle: 'jane.doe.77' },
      { platform: 'x', handle: 'janedoe_x' },
      { platform: 'threads', handle: 'janedoe' },
      { platform: 'tiktok', handle: 'jane.doe' },
      { platform: 'youtube', handle: '@janevlogs' },
      { platform: 'reddit', handle: 'jane_doe_r' },
      { url: 'https://www.linkedin.com/in/jane-doe-123/' },
      { platform: 'bluesky', handle: 'jane.bsky.social' },
      { platform: 'mastodon', handle: '@jane@example.town' },
    ],
  }],
});

// Each platform's fake feed: where it is served.
export const FEEDS = {
  instagram: 'https://www.instagram.com/feeds/instagram',
  facebook: 'https://www.facebook.com/feeds/facebook',
  x: 'https://x.com/feeds/x',
  threads: 'https://www.threads.net/feeds/threads',
  tiktok: 'https://www.tiktok.com/feeds/tiktok',
  youtube: 'https://www.youtube.com/feeds/youtube',
  reddit: 'https://www.reddit.com/feeds/reddit',
  linkedin: 'https://www.linkedin.com/feeds/linkedin',
  bluesky: 'https://bsky.app/feeds/bluesky',
  mastodon: 'https://mastodon.social/feeds/mastodon',
};

/** What every feed test asserts of a page's own report (frames.js). */
export function assertClean(r, what) {
  assert.ok(r.listed > 0 && r.shown > 0, `${what}: the page has listed and other items (${r.listed}, ${r.shown})`);
  assert.deepEqual(r.listedRendered, [], `${what}: listed items still rendered`);
  assert.deepEqual(r.shownHidden, [], `${what}: other items hidden`);
  assert.deepEqual(r.painted, [], `${what}: listed items painted`);
  assert.equal(r.paintedFrames, 0, `${what}: ${r.paintedFrames} painted frames of ${r.frames}`);
  assert.ok(r.frames > 0, `${what}: the page counted frames`);
}

// Each platform's fake search (its own search results, the search box's
// typeahead and recent searches; TikTok's page also holds a video's
// comments): where it is served.
export const SEARCHES = {
  x: 'https://x.com/feeds/xsearch',
  instagram: 'https://www.instagram.com/feeds/instagramsearch',
  linkedin: 'https://www.linkedin.com/feeds/linkedinsearch',
  tiktok: 'https://www.tiktok.com/feeds/tiktoksearch',
  facebook: 'https://www.facebook.com/feeds/facebooksearch',
  bluesky: 'https://bsky.app/feeds/blueskysearch',
};
