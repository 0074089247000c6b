// The one Deadbolt script in an inbox page's own world (manifest: "world":
// "MAIN", document_start, before the page's scripts). It replaces the
// page's `Notification` (and ServiceWorkerRegistration's `showNotification`,
// below) with one that shows nothing itself: it hands every
// notification the page raises to Deadbolt's isolated world (inbox.js),
// which shows it unless it names a listed person.
//
// Why the page learns nothing of the list from it:
//  - This script carries no part of the list and asks nothing: it only
//    sends, one way, what the page itself asked to show. Nothing comes back
//    to it but a click on a notification the user saw and clicked (which
//    the page would have learnt of without Deadbolt too).
//  - Every notification the page makes gets the same answer at the same
//    time: an object like a Notification, its `show` event fired a task
//    later whether it is shown or kept back, `error` only when the page has
//    no permission (which the page knows). So neither a listener nor a
//    timer tells a shown notification from one kept back.
//  - A page that sends the event itself, with any name, sees no answer
//    either: the isolated world shows or does not show a notification, and
//    a page cannot see the notifications on screen.
(() => {
  const Native = window.Notification;
  if (typeof Native !== 'function') return;
  const NOTIFY_EVENT = 'deadbolt-inbox-notification';
  const CLOSE_EVENT = 'deadbolt-inbox-notification-close';
  const CLICK_EVENT = 'deadbolt-inbox-notification-click';
  // Taken before any page script runs, so that a page cannot intercept them.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const Custom = CustomEvent;
  const PlainEvent = Event;
  const stringify = JSON.stringify;
  const later = setTimeout;
  const permission = Object.getOwnPropertyDescriptor(Native, 'permission')?.get;
  const byId = new Map();
  let serial = 0;

  const fields = ['body', 'tag', 'icon', 'badge', 'image', 'dir', 'lang', 'silent', 'requireInteraction', 'renotify'];

  class Notification extends EventTarget {
    #options;
    #id;
    constructor(title, options = {}) {
      super();
      if (arguments.length === 0) throw new TypeError("Failed to construct 'Notification': 1 argument required, but only 0 present.");
      this.#options = options ?? {};
      this.title = String(title);
      this.#id = String(++serial);
      this.onclick = this.onshow = this.onclose = this.onerror = null;
      const granted = (permission ? permission.call(Native) : Native.permission) === 'granted';
      if (granted) {
        const sent = {};
        for (const key of fields) if (this.#options[key] !== undefined) sent[key] = this.#options[key];
        byId.set(this.#id, this);
        try {
          dispatch.call(window, new Custom(NOTIFY_EVENT, { detail: stringify({ id: this.#id, title: this.title, options: sent }) }));
        } catch {
          // Options that cannot be written (a cycle): nothing shown, as the browser would throw.
        }
      }
      later(() => this.#fire(granted ? 'show' : 'error'), 0);
    }
    #fire(type) {
      const event = new PlainEvent(type);
      dispatch.call(this, event);
      const handler = this[`on${type}`];
      if (typeof handler === 'function') handler.call(this, event);
    }
    get body() { return String(this.#options.body ?? ''); }
    get tag() { return String(this.#options.tag ?? ''); }
    get icon() { return String(this.#options.icon ?? ''); }
    get badge() { return String(this.#options.badge ?? ''); }
    get image() { return String(this.#options.image ?? ''); }
    get dir() { return this.#options.dir ?? 'auto'; }
    get lang() { return String(this.#options.lang ?? ''); }
    get data() { return this.#options.data ?? null; }
    get silent() { return this.#options.silent ?? null; }
    get requireInteraction() { return !!this.#options.requireInteraction; }
    get renotify() { return !!this.#options.renotify; }
    get actions() { return []; }
    get vibrate() { return []; }
    get timestamp() { return this.#options.timestamp ?? Date.now(); }
    close() {
      if (!byId.delete(this.#id)) return;
      dispatch.call(window, new Custom(CLOSE_EVENT, { detail: this.#id }));
      later(() => this.#fire('close'), 0);
    }
    static get permission() { return permission ? permission.call(Native) : Native.permission; }
    static requestPermission(callback) { return Native.requestPermission(callback); }
    static get maxActions() { return Native.maxActions ?? 0; }
    static {
      // A click on a shown notification, from the isolated world: the page's own handler runs.
      listen.call(window, CLICK_EVENT, (event) => byId.get(String(event.detail))?.#fire('click'));
    }
  }

  Object.defineProperty(window, 'Notification', { value: Notification, writable: true, configurable: true });

  // ---- The same for a service worker registration's showNotification,
  // which inboxes such as WhatsApp Web call from the page: the page's call
  // is handed over the same way (with its registration's scope, for the
  // isolated world to show it through the same registration, so that a
  // click still reaches the platform's service worker) and answered the same
  // way whether it is shown or kept back: a promise resolved a task later.
  // Without permission the browser's own call answers (it rejects), as the
  // page knows its permission. Notifications a platform's service worker
  // raises itself, from a push, run where no extension script can reach.
  const Registration = window.ServiceWorkerRegistration;
  const nativeShow = Registration?.prototype.showNotification;
  const scopeOf = Registration && Object.getOwnPropertyDescriptor(Registration.prototype, 'scope')?.get;
  if (typeof nativeShow !== 'function' || typeof scopeOf !== 'function') return;
  const Resolved = Promise;
  const workerFields = [...fields, 'data', 'actions', 'timestamp', 'vibrate'];
  function showNotification(title, options = {}) {
    if (arguments.length === 0 || (permission ? permission.call(Native) : Native.permission) !== 'granted') {
      return nativeShow.apply(this, arguments);
    }
    let scope;
    try {
      scope = scopeOf.call(this);
    } catch {
      return nativeShow.apply(this, arguments);  // not a registration: the browser's own error
    }
    const sent = {};
    for (const key of workerFields) if (options?.[key] !== undefined) sent[key] = options[key];
    try {
      dispatch.call(window, new Custom(NOTIFY_EVENT, { detail: stringify({ id: `w${++serial}`, title: String(title), options: sent, scope }) }));
    } catch {
      // Options that cannot be written (a cycle): nothing shown.
    }
    return new Resolved((resolve) => later(() => resolve(undefined), 0));
  }
  Object.defineProperty(Registration.prototype, 'showNotification', { value: showNotification, writable: true, configurable: true });
})();
