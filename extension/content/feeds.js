// Keeps listed people out of the platforms' own feeds, before a frame of
// their items is painted. Runs at document_start in the isolated world.
//
// Why no frame is ever painted:
//  1. Until the core is ready, a style sheet holds back every feed item
//     container of every platform (visibility: hidden): the selectors were
//     generated from the core's feed table at build time.
//  2. Once ready, every item present is decided synchronously and the hold
//     is lifted in the same task, so nothing is rendered in between.
//  3. After that, a MutationObserver decides each new or changed item inside
//     its callback. Mutation callbacks run as microtasks at the end of the
//     task that made the change, and rendering only happens between tasks:
//     an item is hidden before the next paint, in a background tab too.
// If the core cannot start, the hold stays: a person going no contact would
// rather miss every post of a feed than see one of theirs.
/* global deadboltItems, deadboltHoldBack, deadboltStartedAt */
(() => {
  const INDEX_KEY = 'feeds.index';
  const startedAt = deadboltStartedAt;  // the first content script's start
  const hold = document.createElement('style');
  hold.textContent = `${deadboltHoldBack} { visibility: hidden !important; }`;
  (document.head ?? document.documentElement).append(hold);

  let markup = null;
  let page = '';
  let placeholder = false;
  let mentions = true;
  const hidden = new WeakMap();   // item -> the inline display it had
  const counted = new WeakSet();  // items already counted as kept out
  let pendingCount = 0;
  let spacerRun = 0;              // hidden items in a row, for the "load more" guard

  function linksOf(item, selector, nested) {
    const out = [];
    if (item.matches(selector) && item.hasAttribute('href')) out.push(item.getAttribute('href'));
    for (const a of item.querySelectorAll(selector)) {
      if (nested && a.closest(markup.items) !== item) continue;  // a nested item's link is its own
      const href = a.getAttribute('href');
      if (href !== null) out.push(href);
    }
    return out;
  }

  function decide(item) {
    const attributes = [];
    for (const name of markup.attributes) {
      const value = item.getAttribute(name);
      if (value !== null) attributes.push([name, value]);
    }
    const nested = item.querySelector(markup.items) !== null;
    // With mentions hidden too, every link counts alike: no author query.
    const authors = mentions ? [] : linksOf(item, markup.authorLinks, nested);
    const person = deadboltItems.decideItem(document.baseURI, linksOf(item, 'a[href]', nested), authors, attributes);
    if (person >= 0) hide(item);
    else show(item);
  }

  function hide(item) {
    if (!hidden.has(item)) {
      hidden.set(item, item.style.getPropertyValue('display'));
      if (!counted.has(item)) {
        counted.add(item);
        pendingCount += 1;
        scheduleCount();
      }
    }
    spacerRun += 1;
    // A feed emptied by hiding would keep its "load more" trigger in view:
    // after many hidden items in a row, keep their space (blank) so the page
    // scrolls on instead of fetching again and again.
    if (spacerRun > 30) {
      item.style.setProperty('visibility', 'hidden', 'important');
    } else if (placeholder) {
      // The quiet placeholder: one blank line where the item was.
      item.style.setProperty('visibility', 'hidden', 'important');
      item.style.setProperty('max-height', '1.5em', 'important');
      item.style.setProperty('overflow', 'hidden', 'important');
    } else {
      item.style.setProperty('display', 'none', 'important');
    }
  }

  function show(item) {
    spacerRun = 0;
    if (!hidden.has(item)) return;
    const display = hidden.get(item);
    hidden.delete(item);
    for (const property of ['visibility', 'max-height', 'overflow']) item.style.removeProperty(property);
    if (display) item.style.setProperty('display', display);
    else item.style.removeProperty('display');
  }

  // ---- "Kept out of your feeds": one storage item per page and day, written
  // without reading first, so no two tabs can undo each other's counts.
  const session = Math.random().toString(36).slice(2);
  const counts = {};
  let countTimer = 0;
  function scheduleCount() {
    countTimer ||= setTimeout(() => {
      countTimer = 0;
      const now = new Date();
      const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      counts[day] = (counts[day] ?? 0) + pendingCount;
      pendingCount = 0;
      chrome.storage.local.set({ [`feeds.count.${day}.${session}`]: counts[day] }).catch(() => {});
    }, 1000);
  }

  // ---- The observer: every change that can alter an item's verdict.
  function itemsTouched(records) {
    const touched = new Set();
    for (const r of records) {
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (!target) continue;
      if (r.type === 'attributes' && r.attributeName === 'style') {
        // The page rewrote a hidden item's style (a recycled node): hide it again.
        if (hidden.has(target) && target.style.getPropertyPriority('display') !== 'important' &&
            target.style.getPropertyPriority('visibility') !== 'important') touched.add(target);
        continue;
      }
      const around = target.closest(markup.items);
      if (around) touched.add(around);
      if (r.type === 'childList') {
        for (const node of r.addedNodes) {
          if (node.nodeType !== 1) continue;
          if (node.matches(markup.items)) touched.add(node);
          for (const inner of node.querySelectorAll(markup.items)) touched.add(inner);
        }
      }
    }
    return touched;
  }

  let active = false;  // a list is loaded and Deadbolt is on
  let measuring = false;  // scripts/bench only: main-thread time spent here
  let busyMs = 0;
  let busyTimer = 0;
  const observer = new MutationObserver((records) => {
    if (!active) return;
    const t0 = measuring ? performance.now() : 0;
    for (const item of itemsTouched(records)) if (item.isConnected) decide(item);
    if (measuring) {
      busyMs += performance.now() - t0;
      busyTimer ||= setTimeout(() => {
        busyTimer = 0;
        chrome.storage.local.set({ [`perf.busy.${session}`]: busyMs }).catch(() => {});
      }, 300);
    }
  });

  function decideAll() {
    for (const item of document.querySelectorAll(markup.items)) decide(item);
  }

  async function start() {
    // The index is asked for first: the browser reads it while the core compiles.
    const index = chrome.storage.local.get([INDEX_KEY, 'perf.measure']).catch(() => ({}));
    const [ok, { [INDEX_KEY]: stored = null, 'perf.measure': measure = false }] = await Promise.all([
      deadboltItems.start(),
      index,
    ]);
    if (!ok) return;  // the hold stays: see the top of this file
    if (!stored || !stored.enabled || !deadboltItems.load(stored.snapshot, stored.mentions !== false)) {
      if (stored === null || stored.enabled === false) hold.remove();  // no list yet, or Deadbolt off
      return;
    }
    placeholder = stored.placeholder === true;
    mentions = stored.mentions !== false;
    page = location.href;
    markup = deadboltItems.markupFor(page);
    if (!markup) {
      hold.remove();
      return;
    }
    markup.authorLinks = markup.authors;
    active = true;
    observer.observe(document, {
      childList: true, subtree: true, attributes: true,
      attributeFilter: ['href', 'style', ...markup.attributes],
    });
    decideAll();
    hold.remove();  // same task as decideAll: nothing painted in between
    // For scripts/bench only (it sets perf.measure): content script start to
    // the first decision. A figure in local storage, never sent anywhere.
    measuring = measure === true;
    if (measure === true) chrome.storage.local.set({ [`perf.content.${session}`]: performance.now() - startedAt });
  }

  // A changed list or setting (the worker rewrites the index): decide again.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[INDEX_KEY] || !markup) return;
    const next = changes[INDEX_KEY].newValue;
    active = !!next && next.enabled === true && deadboltItems.load(next.snapshot, next.mentions !== false);
    if (!active) {
      for (const item of document.querySelectorAll(markup.items)) show(item);
      return;
    }
    placeholder = next.placeholder === true;
    mentions = next.mentions !== false;
    decideAll();
  });

  start();
})();
