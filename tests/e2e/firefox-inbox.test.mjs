// Sealed inboxes in Firefox, with the Firefox package: the suite written
// once for both browsers (inbox/suite.mjs). Which notifications the browser
// shows is Chromium's file's: headless Firefox cannot show a service
// worker's notifications at all (showNotification fails with
// NS_ERROR_FAILURE, measured; getNotifications stays empty).
import { useFirefoxDriver } from './drivers.mjs';
import { inboxSuite } from './inbox/suite.mjs';

inboxSuite(useFirefoxDriver);
