// Feed hiding on pages the real platforms rendered, in Firefox with the
// Firefox package: the same suite as Chromium's (realfeed/suite.mjs), the
// pages streamed in as over a network in the same pieces, with fewer page
// loads per page (bigger batches of listed people) for CI time.
//
// YouTube's saved page: this Firefox (153 ESR) stops parsing it in one load
// in three to eight (readyState stays "loading", the navigation never ends)
// on www.youtube.com and m.youtube.com only, and with no add-on installed at
// all: measured on 2026-12-05 with Firefox alone, 1-6 stalls in 15-20 loads
// there, none in 20 loads of the same bytes at news.example or
// www.instagram.com through the same proxy, nor at 127.0.0.1 directly. So it
// is the browser's own handling of that host, not Deadbolt's (an earlier
// bisect that blamed the feed script's start had too few loads). Such a load
// is made again (see `stalls`), never counted as run.
import { useFirefoxDriver } from './drivers.mjs';
import { realFeedSuite } from './realfeed/suite.mjs';

await realFeedSuite(useFirefoxDriver, {
  loads: 2,
  stalls: { 'youtube-home': 'Firefox itself stops parsing the saved page on youtube.com hosts, with or without add-ons' },
});
