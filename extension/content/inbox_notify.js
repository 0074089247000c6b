// The one Deadbolt script in an inbox page's own world (manifest: "world":
// "MAIN", document_start, before the page's scripts). It keeps the page's
// notifications from reaching the screen itself: every notification the
// page raises (`new Notification`, `registration.showNotification`) is
// handed to Deadbolt's isolated world (inbox.js), which shows it unless it
// names a listed person; the page is given a stand-in for it.
//
// Why the page learns nothing of the list from it:
//  - This script carries no part of the list and asks nothing: it sends,
//    one way, what the page itself asked to show. Nothing comes back to it
//    but a click on a notification the user saw and clicked (which the page
//    would have learnt of without Deadbolt too).
//  - Every notification the page raises gets the same answer at the same
//    time, shown or kept back: `new Notification` returns a stand-in whose
//    `show` fires a task later (`error` only without permission, which the
//    page knows); `showNotification` resolves a task later; and
//    `registration.getNotifications()` lists a stand-in for each one the
//    page raised and has not closed (same title, tag, body, data, ...), never
//    the browser's own object for it, so a notification kept back is as
//    present as one shown. `close()` on a stand-in removes it (and closes
//    the shown one). Notifications a service worker raised itself (a push)
//    are listed as the browser lists them: no script can reach those.
//
// Why the page cannot tell Deadbolt is here (as far as a script can hide):
//  - `Notification` is a Proxy over the browser's own constructor (statics,
//    prototype, name and length are the browser's); the few functions
//    replaced (the prototype's getters and `close`, the registration's
//    `showNotification` and `getNotifications`, and
//    `Function.prototype.toString` itself) print as the browser's own.
//  - The channel to the isolated world is a MessagePort handed over at
//    document_start, before any page script runs, through a one-time event
//    both sides stop listening to at once: there is no event name a page can
//    listen to or send to afterwards.
//  What a page can still observe, and what is not covered (a push's
//  notifications, raised by the service worker itself): SECURITY.md, "What a
//  page can still observe" (untrusted `show`/`close` events, stack frames of
//  this script in a thrown error, a pristine frame's functions,
//  notifications a person dismissed still listed).
(() => {
  const Native = window.Notification;
  if (typeof Native !== 'function') return;
  const HANDSHAKE = 'deadbolt-inbox-port';  // used once, before any page script
  // Taken before any page script runs, so that a page cannot intercept them.
  const { apply, construct, defineProperty, getOwnPropertyDescriptor: describe, ownKeys } = Reflect;
  const { create: createObject, freeze } = Object;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const unlisten = EventTarget.prototype.removeEventListener;
  const stopNow = Event.prototype.stopImmediatePropagation;
  const eventData = describe(MessageEvent.prototype, 'data').get;
  const eventPorts = describe(MessageEvent.prototype, 'ports').get;
  const post = MessagePort.prototype.postMessage;
  const startPort = MessagePort.prototype.start;
  const NativeEventTarget = EventTarget;
  const NativeMessageEvent = MessageEvent;
  const PlainEvent = Event;
  const NativeWeakMap = WeakMap;
  const mapGet = WeakMap.prototype.get;
  const mapSet = WeakMap.prototype.set;
  const NativeURL = URL;
  const urlHref = describe(URL.prototype, 'href').get;
  const baseURI = describe(Node.prototype, 'baseURI').get;
  const now = Date.now;
  const clone = structuredClone;
  const later = setTimeout;
  const NativePromise = Promise;
  const then = Promise.prototype.then;
  const toStringNative = Function.prototype.toString;
  const permissionOf = describe(Native, 'permission')?.get;
  const permission = () => (permissionOf ? apply(permissionOf, Native, []) : Native.permission);
  const weakGet = (map, key) => apply(mapGet, map, [key]);
  const weakSet = (map, key, value) => apply(mapSet, map, [key, value]);

  // ---- The channel: a MessagePort from the isolated world (inbox.js). Both
  // scripts run at document_start; whichever comes second completes the
  // exchange synchronously ('ask' -> 'offer' with the port -> 'taken').
  let port = null;
  const queued = [];
  const byId = new Map();  // id -> record of a `new Notification` stand-in not closed
  function send(message) {
    if (!port) {
      queued[queued.length] = message;
      return;
    }
    try {
      apply(post, port, [message]);
    } catch {
      // Options that cannot be cloned (a function in `data`): nothing shown.
    }
  }
  function onHandshake(event) {
    if (apply(eventData, event, []) !== 'offer') return;
    const ports = apply(eventPorts, event, []);
    if (!ports || !ports[0] || port) return;
    apply(stopNow, event, []);
    port = ports[0];
    apply(unlisten, window, [HANDSHAKE, onHandshake, true]);
    apply(dispatch, window, [new NativeMessageEvent(HANDSHAKE, { data: 'taken' })]);
    apply(listen, port, ['message', (message) => {
      const data = apply(eventData, message, []);
      // A click on a shown notification: the page's own handler runs.
      if (data && data.type === 'click') {
        const record = byId.get(String(data.id));
        if (record) fire(record, 'click');
      }
    }]);
    apply(startPort, port, []);
    for (let i = 0; i < queued.length; i++) send(queued[i]);
    queued.length = 0;
  }
  apply(listen, window, [HANDSHAKE, onHandshake, true]);
  apply(dispatch, window, [new NativeMessageEvent(HANDSHAKE, { data: 'ask' })]);

  // ---- Functions replaced print as the ones they replace.
  const printsAs = new NativeWeakMap();
  const { toString } = {
    toString() {
      return apply(toStringNative, weakGet(printsAs, this) ?? this, []);
    },
  };
  weakSet(printsAs, toString, toStringNative);
  defineProperty(Function.prototype, 'toString', { ...describe(Function.prototype, 'toString'), value: toString });
  const disguise = (wrapper, original) => {
    weakSet(printsAs, wrapper, original);
    return wrapper;
  };

  // ---- Stand-ins: EventTargets whose prototype is the browser's
  // Notification.prototype, whose getters answer for them from a record.
  const records = new NativeWeakMap();  // stand-in -> record
  let serial = 0;
  const absolute = (value) => {
    const text = String(value ?? '');
    if (!text) return '';
    try {
      return apply(urlHref, new NativeURL(text, apply(baseURI, document, [])), []);
    } catch {
      return text;
    }
  };
  function recordOf(title, options, worker) {
    const o = options ?? {};
    const values = {
      title: String(title),
      body: String(o.body ?? ''),
      tag: String(o.tag ?? ''),
      icon: absolute(o.icon),
      badge: absolute(o.badge),
      image: absolute(o.image),
      dir: o.dir === 'ltr' || o.dir === 'rtl' ? o.dir : 'auto',
      lang: String(o.lang ?? ''),
      data: o.data === undefined ? null : clone(o.data),
      silent: o.silent === undefined || o.silent === null ? null : !!o.silent,
      requireInteraction: !!o.requireInteraction,
      renotify: !!o.renotify,
      actions: freeze(worker && o.actions ? clone(o.actions) : []),
      vibrate: freeze(o.vibrate === undefined ? [] : clone(o.vibrate)),
      timestamp: typeof o.timestamp === 'number' ? o.timestamp : now(),
    };
    return { id: String(++serial), values, handlers: createObject(null), closed: false };
  }
  function standIn(record, newTarget = Native) {
    const n = construct(NativeEventTarget, [], newTarget);
    weakSet(records, n, record);
    record.target ??= n;
    return n;
  }
  function fire(record, type) {
    if (record.target) apply(dispatch, record.target, [new PlainEvent(type)]);
  }
  function outgoing(record, scope) {
    const v = record.values;
    const options = { body: v.body, tag: v.tag, icon: v.icon, badge: v.badge, image: v.image, dir: v.dir, lang: v.lang,
      requireInteraction: v.requireInteraction, renotify: v.renotify };
    if (v.silent !== null) options.silent = v.silent;
    if (scope !== undefined) {
      // Only what the page gave: an empty vibration with `silent` is an error.
      if (v.data !== null) options.data = v.data;
      if (v.actions.length) options.actions = v.actions;
      if (v.vibrate.length) options.vibrate = v.vibrate;
      options.timestamp = v.timestamp;
    }
    const message = { type: 'notify', id: record.id, title: v.title, options };
    if (scope !== undefined) message.scope = scope;
    return message;
  }

  const prototype = Native.prototype;
  for (const key of ownKeys(prototype)) {
    const d = describe(prototype, key);
    if (typeof key !== 'string' || !d?.get) continue;
    const handler = key.startsWith('on');
    // (Taken by their descriptors: reading the property would call them.)
    const { get } = describe({ get [key]() {
      const record = weakGet(records, this);
      if (!record) return apply(d.get, this, []);
      if (handler) return record.handlers[key] ?? null;
      const value = record.values[key];
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? clone(value) : value;
    } }, key);
    let set;
    if (d.set) {
      ({ set } = describe({ set [key](value) {
        const record = weakGet(records, this);
        if (!record || !handler) {
          apply(d.set, this, [value]);
          return;
        }
        // An event handler attribute: a listener from its first setting.
        if (!(key in record.handlers)) {
          const target = this;
          apply(listen, target, [key.slice(2), (event) => {
            const h = record.handlers[key];
            if (typeof h === 'function') apply(h, target, [event]);
          }]);
        }
        record.handlers[key] = typeof value === 'function' || (value !== null && typeof value === 'object') ? value : null;
      } }, key));
      disguise(set, d.set);
    }
    defineProperty(prototype, key, { ...d, get: disguise(get, d.get), ...(set ? { set } : {}) });
  }
  const nativeClose = prototype.close;
  const workerRecords = new Map();  // scope -> records raised through that registration, not closed
  const { close } = {
    close() {
      const record = weakGet(records, this);
      if (!record) return apply(nativeClose, this, arguments);
      if (record.closed) return undefined;
      record.closed = true;
      byId.delete(record.id);
      if (record.scope !== undefined) {
        const list = workerRecords.get(record.scope) ?? [];
        const at = list.indexOf(record);
        if (at >= 0) list.splice(at, 1);
      } else {
        later(() => fire(record, 'close'), 0);
      }
      send({ type: 'close', id: record.id });
      return undefined;
    },
  };
  defineProperty(prototype, 'close', { ...describe(prototype, 'close'), value: disguise(close, nativeClose) });

  const Notification = new Proxy(Native, {
    construct(target, args, newTarget) {
      // No argument, or no permission: the browser's own answer (an error,
      // or a notification that fires `error`), which the page knows anyway.
      if (args.length === 0 || permission() !== 'granted') return construct(target, args, newTarget);
      const record = recordOf(args[0], args[1], false);
      const n = standIn(record, newTarget);
      byId.set(record.id, record);
      send(outgoing(record));
      later(() => fire(record, 'show'), 0);
      return n;
    },
  });
  disguise(Notification, Native);
  defineProperty(prototype, 'constructor', { ...describe(prototype, 'constructor'), value: Notification });
  defineProperty(window, 'Notification', { ...describe(window, 'Notification'), value: Notification });

  // ---- A service worker registration's showNotification, which inboxes
  // such as WhatsApp Web call from the page: handed over the same way (with
  // the registration's scope, for the isolated world to show it through the
  // same registration, so that a click still reaches the platform's service
  // worker) and answered the same way whether it is shown or kept back.
  // Without permission the browser's own call answers (it rejects).
  const Registration = window.ServiceWorkerRegistration;
  const nativeShow = Registration?.prototype.showNotification;
  const nativeList = Registration?.prototype.getNotifications;
  const scopeOf = Registration && describe(Registration.prototype, 'scope')?.get;
  if (typeof nativeShow !== 'function' || typeof nativeList !== 'function' || typeof scopeOf !== 'function') return;
  const raisedKeys = new Map();  // scope -> Set of keys of notifications the page raised here
  const keyOf = (title, tag, body) => `${title}\u0000${tag}\u0000${body}`;
  const nativeTitle = describe(prototype, 'title').get;
  const nativeTag = describe(prototype, 'tag').get;
  const nativeBody = describe(prototype, 'body').get;
  const nativeTimestamp = describe(prototype, 'timestamp')?.get;

  const { showNotification } = {
    showNotification(title, options = {}) {
      if (arguments.length === 0 || permission() !== 'granted') return apply(nativeShow, this, arguments);
      let scope;
      try {
        scope = apply(scopeOf, this, []);
      } catch {
        return apply(nativeShow, this, arguments);  // not a registration: the browser's own error
      }
      let record;
      try {
        record = recordOf(title, options, true);
      } catch (error) {
        return NativePromise.reject(error);  // data that cannot be cloned: the browser rejects too
      }
      record.scope = scope;
      let list = workerRecords.get(scope);
      if (!list) workerRecords.set(scope, (list = []));
      // The same tag replaces the one before, as the browser does.
      if (record.values.tag) {
        for (let i = list.length - 1; i >= 0; i--) {
          if (list[i].values.tag === record.values.tag) list.splice(i, 1);
        }
      }
      list[list.length] = record;
      let keys = raisedKeys.get(scope);
      if (!keys) raisedKeys.set(scope, (keys = new Set()));
      keys.add(keyOf(record.values.title, record.values.tag, record.values.body));
      send(outgoing(record, scope));
      return new NativePromise((resolve) => later(() => resolve(undefined), 0));
    },
  };
  const { getNotifications } = {
    getNotifications(filter = {}) {
      let scope;
      try {
        scope = apply(scopeOf, this, []);
      } catch {
        return apply(nativeList, this, arguments);
      }
      const tag = filter?.tag === undefined ? '' : String(filter.tag);
      const ours = workerRecords.get(scope) ?? [];
      const keys = raisedKeys.get(scope);
      return apply(then, apply(nativeList, this, arguments), [(natives) => {
        // The browser's own objects for what the page raised are left out
        // (stand-ins answer for those, shown or kept back); a push's stay.
        const all = [];
        for (let i = 0; i < natives.length; i++) {
          const n = natives[i];
          if (!keys?.has(keyOf(apply(nativeTitle, n, []), apply(nativeTag, n, []), apply(nativeBody, n, [])))) all[all.length] = n;
        }
        for (let i = 0; i < ours.length; i++) {
          if (!tag || ours[i].values.tag === tag) all[all.length] = standIn(ours[i]);
        }
        if (nativeTimestamp) {
          const at = (n) => weakGet(records, n)?.values.timestamp ?? apply(nativeTimestamp, n, []);
          // Oldest first, as the browser lists them (a stable insertion sort).
          for (let i = 1; i < all.length; i++) {
            const n = all[i];
            let j = i - 1;
            for (; j >= 0 && at(all[j]) > at(n); j--) all[j + 1] = all[j];
            all[j + 1] = n;
          }
        }
        return all;
      }]);
    },
  };
  defineProperty(Registration.prototype, 'showNotification', { ...describe(Registration.prototype, 'showNotification'), value: disguise(showNotification, nativeShow) });
  defineProperty(Registration.prototype, 'getNotifications', { ...describe(Registration.prototype, 'getNotifications'), value: disguise(getNotifications, nativeList) });
})();
