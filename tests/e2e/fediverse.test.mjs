// Mastodon on an instance no catalog lists, in Chromium: the suite written
// once for both browsers (fediverse/suite.mjs).
import { useChromiumDriver } from './drivers.mjs';
import { fediverseSuite } from './fediverse/suite.mjs';

fediverseSuite(useChromiumDriver);
