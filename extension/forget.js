// The browser forgets them. With the person's consent (they turn it on in
// the settings, and the browser asks them for the optional `history`
// permission), every history entry the core decides belongs to a listed
// person is removed: at once for what is already there, and as new ones
// appear. A blocked navigation leaves none: the address it was going to
// (recorded as the start of a redirect chain, which history.search does not
// list) and Deadbolt's own block page, whose address carries it, are removed
// by address. Nothing is read or kept: history is only searched and deleted.
import { blockPageAddresses, isBlockPage } from './blocking.js';
import { HISTORY_FORGET } from './storage_keys.js';

const FORGET_KEY = HISTORY_FORGET;  // storage.local: true while the person wants it
const PAGE = 2000;  // history entries asked for at a time
const LATE_MS = [0, 1000, 4000];  // a visit can be written to history after the navigation ends

const hasHistory = async () =>
  !!globalThis.chrome?.history && (await chrome.permissions.contains({ permissions: ['history'] }).catch(() => false));

/** `engine.loaded()`: the core as started (its decisions). */
export function createForgetting(engine) {
  let listening = false;

  async function wanted() {
    const { [FORGET_KEY]: on } = await chrome.storage.local.get(FORGET_KEY);
    return on === true && (await hasHistory());
  }

  // Deadbolt's own block page only ever carries an address it blocked. With
  // a dynamic URL (web_accessible_resources) the browser redirects to one
  // address and records the page under the extension's own: both count.
  async function forgettable(url) {
    if (isBlockPage(url)) return true;
    const { core } = await engine.loaded();
    return core.blocks(url);
  }

  /** Removes every entry of a listed person from all of history; resolves to how many. */
  async function sweep() {
    if (!(await wanted())) return 0;
    const { core } = await engine.loaded();
    let removed = 0;
    let endTime = Date.now();
    const seen = new Set();
    // Newest first, a page at a time, until a page comes back short.
    for (;;) {
      const items = await chrome.history.search({ text: '', startTime: 0, endTime, maxResults: PAGE });
      const fresh = items.filter((item) => !seen.has(item.url));
      for (const item of fresh) seen.add(item.url);
      const doomed = fresh.filter((item) => isBlockPage(item.url) || core.blocks(item.url));
      await Promise.all(doomed.map((item) => chrome.history.deleteUrl({ url: item.url })));
      removed += doomed.length;
      if (items.length < PAGE || !fresh.length) break;
      endTime = Math.min(...items.map((item) => item.lastVisitTime ?? endTime));
    }
    return removed;
  }

  async function forgetVisit(item) {
    if (item?.url && (await wanted()) && (await forgettable(item.url))) await chrome.history.deleteUrl({ url: item.url });
  }

  /** Registers the history listener when the API is there (at start, or once granted). */
  function listen() {
    if (listening || !globalThis.chrome?.history?.onVisited) return;
    chrome.history.onVisited.addListener((item) => { forgetVisit(item).catch(() => {}); });
    listening = true;
  }
  listen();

  return {
    listen,
    sweep,

    /** A navigation to `url` was blocked: neither it nor the block page stays in history. */
    async blocked(url) {
      if (!(await wanted())) return;
      for (const delay of LATE_MS) {
        await new Promise((r) => setTimeout(r, delay));
        const pages = blockPageAddresses().map((page) => `${page}#${url}`);
        await Promise.all([url, ...pages].map((u) => chrome.history.deleteUrl({ url: u }))).catch(() => {});
      }
    },

    async status() {
      const { [FORGET_KEY]: on } = await chrome.storage.local.get(FORGET_KEY);
      return { on: on === true, granted: await hasHistory() };
    },

    /** Turned on (the page has asked for the permission) or off. On: everything already there is removed now. */
    async set({ on }) {
      await chrome.storage.local.set({ [FORGET_KEY]: on === true });
      if (on !== true) return { ok: true, on: false };
      if (!(await hasHistory())) return { ok: false, on: true, error: 'no-permission' };
      listen();
      return { ok: true, on: true, removed: await sweep() };
    },
  };
}
