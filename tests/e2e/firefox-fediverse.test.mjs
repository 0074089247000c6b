// Mastodon on an instance no catalog lists, in Firefox with the Firefox
// package: the suite written once for both browsers (fediverse/suite.mjs).
import { useFirefoxDriver } from './drivers.mjs';
import { fediverseSuite } from './fediverse/suite.mjs';

fediverseSuite(useFirefoxDriver);
