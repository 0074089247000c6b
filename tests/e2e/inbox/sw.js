// The fake inboxes' service worker: an empty one, so that a page has a
// registration to raise notifications through (registration.showNotification,
// as WhatsApp Web does). Served as /inbox/sw.js on every inbox host.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
