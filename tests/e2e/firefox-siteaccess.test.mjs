// Protection without site access, in Firefox with the Firefox package: the
// suite written once for both browsers (siteaccess/suite.mjs). Firefox lets
// the person withhold an MV3 add-on's site access (the add-ons panel's
// per-site switch; here the add-on gives it up, which does the same).
// Giving it back takes the person's answer to Firefox's prompt, which a test
// cannot give: Chromium's file tests that part.
import { useFirefoxDriver } from './drivers.mjs';
import { siteAccessSuite } from './siteaccess/suite.mjs';

siteAccessSuite(useFirefoxDriver);
