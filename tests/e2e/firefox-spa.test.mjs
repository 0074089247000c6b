// The in-app guard in Firefox, with the Firefox package (one launch for the
// file): the suite written once for both browsers (spa/suite.mjs).
import { useFirefoxDriver } from './drivers.mjs';
import { spaSuite } from './spa/suite.mjs';

spaSuite(useFirefoxDriver);
