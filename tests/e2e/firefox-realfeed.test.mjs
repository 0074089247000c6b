// Feed hiding on pages the real platforms rendered, in Firefox with the
// Firefox package: the same suite as Chromium's (realfeed/suite.mjs), the
// pages streamed in as over a network in the same pieces, with fewer page
// loads per page (bigger batches of listed people) for CI time.
//
// YouTube's saved page is left out here: in Firefox under this driver its
// parser stops at about 98 % of the page in one load in three to eight (the
// fake site has written every byte; Firefox stops reading; readyState stays
// "loading", the page's main thread idle), and the navigation never ends.
// Bisected on 2026-12-05: it stops also on the first load, with nobody on the
// page listed; also with the feed script's observer, fallback and hold style
// sheets all off, and with the feed script doing nothing but starting its
// core (the index read from storage, the decider compiled) and returning;
// it did not stop in 12 loads with the feed script returning at its first
// line. So starting the core while Firefox parses this page is enough; why
// that stops Firefox's parser is not found.
import { useFirefoxDriver } from './drivers.mjs';
import { realFeedSuite } from './realfeed/suite.mjs';

await realFeedSuite(useFirefoxDriver, {
  loads: 2,
  skip: { 'youtube-home': 'Firefox stops parsing the saved YouTube page under the test driver (navigation timeout); cause not found' },
});
