// A fake of the chrome.* the worker's list modules use, for Node tests:
// storage areas that keep JSON copies and fire storage.onChanged as Chrome
// does (after the write, before the caller's await resumes), alarms that are
// only recorded, and i18n that answers the message name.

function area(name, listeners, timing) {
  let items = {};
  const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
  const fire = (changes) => {
    if (!Object.keys(changes).length) return;
    const dispatch = () => { for (const l of listeners) l(changes, name); };
    // Chrome may deliver the event after the writer's await resumes: a test can ask for that.
    if (timing.eventsLater) setTimeout(dispatch, 0);
    else dispatch();
  };
  const store = {
    failWrites: null,  // (items) => Error | null: a write to refuse
    failReads: null,  // (keys) => Error | null: a read to refuse (Firefox refuses some)
    beforeWrite: null,  // (items) => Promise | undefined: a write that waits for it (a slow disk)
    async get(keys) {
      const refused = store.failReads?.(keys);
      if (refused) throw refused;
      if (keys === null || keys === undefined) return copy(items);
      const list = typeof keys === 'string' ? [keys] : Array.isArray(keys) ? keys : Object.keys(keys);
      return Object.fromEntries(list.filter((k) => k in items).map((k) => [k, copy(items[k])]));
    },
    async set(values) {
      await store.beforeWrite?.(values);
      const refused = store.failWrites?.(values);
      if (refused) throw refused;
      const changes = {};
      for (const [k, v] of Object.entries(values)) {
        changes[k] = { oldValue: copy(items[k]), newValue: copy(v) };
        items[k] = copy(v);
      }
      fire(changes);
    },
    async remove(keys) {
      const changes = {};
      for (const k of typeof keys === 'string' ? [keys] : keys) {
        if (!(k in items)) continue;
        changes[k] = { oldValue: items[k] };
        delete items[k];
      }
      fire(changes);
    },
    clear() {  // as Chrome's: an event for every key removed
      const changes = Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { oldValue: v }]));
      items = {};
      fire(changes);
    },
  };
  return store;
}

/** Installs a fresh fake as globalThis.chrome; returns it. */
export function installFakeChrome() {
  const listeners = [];
  const alarms = [];
  const timing = { eventsLater: false };
  const chrome = {
    storage: {
      local: area('local', listeners, timing),
      sync: area('sync', listeners, timing),
      session: area('session', listeners, timing),
      timing,
      onChanged: { addListener: (l) => listeners.push(l), removeListener: (l) => listeners.splice(listeners.indexOf(l), 1) },
    },
    alarms: { create: (name, info) => alarms.push({ name, ...info }), clear: async () => true },
    i18n: { getMessage: (name, subs = []) => [name, ...[].concat(subs)].join(' ') },
    runtime: { getURL: (p) => `chrome-extension://deadbolt/${p}` },
    extension: { isAllowedIncognitoAccess: async () => false },
    declarativeNetRequest: {
      rules: [],
      async isRegexSupported() { chrome.declarativeNetRequest.regexChecks += 1; return { isSupported: true }; },
      regexChecks: 0,
      async getDynamicRules() { return chrome.declarativeNetRequest.rules; },
      lastUpdate: null,
      updates: 0,
      failUpdates: null,  // () => Error | null: an update the browser refuses
      async updateDynamicRules({ removeRuleIds = [], addRules = [] }) {
        const refused = chrome.declarativeNetRequest.failUpdates?.();
        if (refused) throw refused;
        const ids = new Set(chrome.declarativeNetRequest.rules.filter((r) => !removeRuleIds.includes(r.id)).map((r) => r.id));
        for (const r of addRules) {
          if (ids.has(r.id)) throw new Error(`Rule with id ${r.id} does not have a unique ID.`);  // as Chrome says
          ids.add(r.id);
        }
        chrome.declarativeNetRequest.updates += 1;
        chrome.declarativeNetRequest.lastUpdate = { removed: removeRuleIds.length, added: addRules.length };
        chrome.declarativeNetRequest.rules = [
          ...chrome.declarativeNetRequest.rules.filter((r) => !removeRuleIds.includes(r.id)), ...addRules];
      },
    },
    alarmsCreated: alarms,
  };
  globalThis.chrome = chrome;
  return chrome;
}
