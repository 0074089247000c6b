// Feed items in Firefox, with the Firefox package: the suite written once
// for both browsers (feeds/suite.mjs).
import { useFirefoxDriver } from './drivers.mjs';
import { feedSuite } from './feeds/suite.mjs';

feedSuite(useFirefoxDriver);
