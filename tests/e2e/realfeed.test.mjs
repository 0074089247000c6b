// Feed hiding on pages the real platforms rendered, in Chromium: see
// realfeed/suite.mjs, written once for both browsers.
import { useChromiumDriver } from './drivers.mjs';
import { realFeedSuite } from './realfeed/suite.mjs';

await realFeedSuite(useChromiumDriver);
