// The in-app guard: inside a platform's single-page app, a click, tap,
// middle-click, Enter/Space, drag or hover on a listed person is stopped in
// the capture phase, before the app's own handlers can fetch anything about
// them (their API, their avatar, their hover card), and the tab goes to the
// block page as a blocked navigation would. Runs at document_start in the
// isolated world, after feeds.js (same manifest entry, same hosts).
//
// Why the page's handlers never run: this script's listeners are on
// `window`, in the capture phase, registered before any page script exists,
// so they are the first listeners of every event; stopImmediatePropagation()
// keeps it from every later one (the page's window and document listeners
// included) and preventDefault() from the browser's own action (following
// the link, opening a tab, starting a drag).
//
// Why it decides synchronously: the decision is one call into the decider
// this content script already carries, loaded with the same snapshot the
// service worker decides navigations with (list.snapshot: every listed
// person, also those whose posts stay shown in feeds), so an event is never
// held back waiting. The browser resolves the link (`a.href`); the core
// reads it. Other people's links cost one closest() and one wasm call.
// When the feed script's decider holds the whole list (everyone's posts are
// hidden in feeds, as by default: the feed index says `whole`), it is that
// decider: one core in the page, not two of the same list (about 1 MB), and
// nothing read or loaded here. When the feed index then changes (someone's
// posts shown in feeds again), activations are held from that moment until
// this script has decided again which decider it decides with.
//
// Why only trusted events: a page could try to learn the list by
// dispatching synthetic clicks on candidate links and watching which are
// cancelled. Untrusted events are never touched here, so the page sees no
// difference between listed and other links. A trusted event needs a
// person's own hand; what it could show (a listed link's hover card does not
// open) a page learns no faster than by rendering the link and checking
// whether the feed script hid it.
/* global deadboltDecider, deadboltItems, deadboltReadLocal, deadboltFirst */
(() => {
  if (!deadboltFirst('guard')) return;  // injected again into a world where it runs (local_read.js)
  const SNAPSHOT_KEY = 'list.snapshot';  // the worker's decision index (storage_keys.js LIST_SNAPSHOT)
  const INDEX_KEY = 'feeds.index';       // carries the on/off switch content scripts follow (FEED_INDEX)

  // What each event does to a listed target: 'open' activates (stopped, and
  // the tab goes to the block page); 'stop' is stopped only (the presses and
  // hovers before and around an activation, the events that open hover cards).
  const EVENTS = {
    click: 'open', auxclick: 'open', keydown: 'key',
    keyup: 'key-stop', keypress: 'key-stop',
    pointerdown: 'stop', mousedown: 'stop', pointerup: 'stop', mouseup: 'stop', dblclick: 'stop',
    touchstart: 'stop', touchend: 'stop', dragstart: 'stop',
    pointerover: 'stop', pointerenter: 'stop', mouseover: 'stop', mouseenter: 'stop',
    pointermove: 'stop', mousemove: 'stop', focusin: 'stop', focus: 'stop',
  };

  let decider = null;  // the feed script's (see the top of this file) or `own`
  let own = null;      // this script's own decider, made only when it cannot share the feed script's
  let sharing = false;  // `decider` is the feed script's
  let sharedApplies = 0;  // deadboltItems.applies() then: another count means it may hold something else
  let on = false;
  let state = 'starting';  // 'starting' | 'ready' | 'failed'
  let switching = false;   // 'starting' again: the shared decider's index changed (see above)
  let markup = null;       // the page's feed markup: its identity attributes
  let last = { link: null, raw: null, base: '', url: null };  // the last link decided (pointermove repeats it)
  let held = null;  // {link, at, plain}: the last link activated while the core was starting

  // The element an event starts at (inside shadow roots too), or null. A
  // key pressed in a combobox (a search box's typeahead) acts on the option
  // the box names active (ARIA's aria-activedescendant: the focus stays in
  // the box), so that option is what is decided.
  function elementOf(event) {
    const start = event.composedPath()[0] ?? event.target;
    const el = (start?.nodeType === 1 ? start : start?.parentElement) ?? null;
    const active = el && event.type.startsWith('key') ? el.getAttribute('aria-activedescendant') : null;
    return (active && el.getRootNode().getElementById?.(active)) || el;
  }
  // Element.closest() stops at a shadow root, and a link may wrap a
  // component (an avatar, say) whose own tree the event started in: up
  // through each shadow host until the document.
  function closestAcross(el, selector) {
    for (let node = el; node; ) {
      const found = node.closest(selector);
      if (found) return found;
      const root = node.getRootNode();
      // A shadow root is a fragment (11) with a host; a detached <a>'s root is itself, whose .host is a string.
      node = root.nodeType === 11 ? root.host ?? null : null;
    }
    return null;
  }
  const linkOf = (el) => closestAcross(el, 'a[href], area[href]');

  // The listed URL an event's target names, or '' for a listed identity
  // attribute without a link, or null.
  function listedUrl(event) {
    const el = elementOf(event);
    if (!el) return null;
    const link = linkOf(el);
    if (link && typeof link.href === 'string') {
      // The events of one gesture hit the same link: decided once while its
      // href as written and the page's base stay the same (cheaper than
      // resolving it again at every pointermove).
      const raw = link.getAttribute('href');
      const base = document.baseURI;
      if (link !== last.link || raw !== last.raw || base !== last.base) {
        const href = link.href;
        last = { link, raw, base, url: decider.blocks(href) ? href : null };
      }
      if (last.url !== null) return last.url;
    }
    if (markup) {
      for (const { selector, attribute } of markup.identities) {
        if (selector === '') continue;  // the item itself: its feed decision, not an activation
        const named = closestAcross(el, selector);
        if (!named) continue;
        const value = attribute === '#text' ? named.textContent : named.getAttribute(attribute);
        if (value !== null && value.length <= 200 && decider.decideItem(document.baseURI, [], [], [[attribute, value]]) >= 0) return '';
      }
    }
    return null;
  }

  function guard(event) {
    // Synthetic events are never acted on: see the top of this file.
    if (!event.isTrusted || state === 'failed') return;
    if (state === 'ready' && sharedChanged()) startSwitching();
    if (state === 'ready' && !on) return;
    let action = EVENTS[event.type];
    if (action === 'key' || action === 'key-stop') {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      action = action === 'key' && !event.repeat ? 'open' : 'stop';
    }
    let url;
    if (state === 'starting') {
      // The first moments after document_start, before the core is ready
      // (after the feed script's first decisions): an activation on a link
      // is held, never let through undecided, and decided once the core is
      // ready (a listed one then goes to the block page).
      const link = linkOf(elementOf(event));
      if (!link) return;
      if (action === 'open') {
        const plain = event.type === 'keydown' ||
          (event.type === 'click' && event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey);
        held = { link, at: performance.now(), plain };
      }
      url = '';
    } else {
      url = listedUrl(event);
      if (url === null) return;
    }
    event.stopImmediatePropagation();
    if (event.cancelable) event.preventDefault();
    // The worker decides the URL again and handles it as a navigation of this tab (logged once).
    if (action === 'open' && url !== '') chrome.runtime.sendMessage({ type: 'guardActivation', url }).catch(() => {});
  }

  for (const type of Object.keys(EVENTS)) window.addEventListener(type, guard, { capture: true, passive: false });

  // Chooses what to decide with from now on: the feed script's decider when
  // it holds the whole list, else this script's own (made the first time it
  // is needed, from the module the feed script compiles: one compilation a
  // page) with list.snapshot, read now. Unreadable even when asked again
  // (local_read.js), there is nothing to guard with until the list or the
  // switch changes (the rules and the navigation listeners still stand).
  // One at a time; rejects when a decider of its own cannot be made.
  let choosing = Promise.resolve();
  function choose() {
    const run = async () => {
      const feeds = deadboltItems.wholeList();
      if (feeds !== null) {
        last = { link: null, raw: null, base: '', url: null };
        decider = feeds;
        own = null;  // its memory goes back (made again if ever needed)
        sharing = true;
        sharedApplies = deadboltItems.applies();
        markup = deadboltItems.lastMarkup();
        on = true;  // the feed script's decider holds an index only while it is on
        return;
      }
      const stored = await deadboltReadLocal([SNAPSHOT_KEY, INDEX_KEY]).catch(() => ({}));
      const { [SNAPSHOT_KEY]: snapshot = null, [INDEX_KEY]: index = null } = stored;
      if (index?.enabled !== true) {  // off, no list yet or unreadable: nothing to decide, no decider needed
        sharing = false;
        on = false;
        return;
      }
      own ??= await deadboltDecider.instantiateDecider(await deadboltItems.compiled());
      // After the waits, in one task: the switch, the load and the markup together.
      last = { link: null, raw: null, base: '', url: null };
      decider = own;
      sharing = false;
      let loaded = false;
      try {
        // Through the feed-index door: it also makes the item decider, for identity attributes.
        loaded = typeof snapshot?.bytes === 'string' && decider.loadFeedIndex(deadboltDecider.fromBase64(snapshot.bytes), true);
      } catch {
        loaded = false;
      }
      markup = decider.feedMarkup(location.href, index.instances);
      on = loaded;
    };
    const done = choosing.then(run, run);
    choosing = done.catch(() => {});
    return done;
  }

  async function start() {
    try {
      // Once the feed script has decided the page: the feed's first paint
      // waits for nothing here, and its decider holds its index by then.
      // Activations meanwhile are held (see guard()).
      await deadboltItems.settled;
      await choose();
    } catch {
      state = 'failed';  // no core: the rules and the navigation listeners still stand
      releaseHeld();
      return;
    }
    state = 'ready';
    releaseHeld();
    if (changedWhileStarting) reread();
  }

  // The link activated while starting, now that it can be decided: a listed
  // one goes to the block page; any other is clicked again for the person
  // (a plain click or Enter, soon enough that they are still waiting for
  // it), so that a friend's link is never simply dropped. The click is
  // untrusted, so guard() lets it through to the app and the browser.
  const REPLAY_MS = 2000;
  function releaseHeld() {
    const activated = held;
    held = null;
    if (!activated) return;
    const href = typeof activated.link.href === 'string' ? activated.link.href : null;
    if (state === 'ready' && on && href !== null && decider.blocks(href)) {
      chrome.runtime.sendMessage({ type: 'guardActivation', url: href }).catch(() => {});
    } else if (activated.plain && activated.link.isConnected && performance.now() - activated.at < REPLAY_MS) {
      activated.link.click();
    }
  }

  // A changed list or switch: applied at once (the newest reading wins).
  let readings = 0;
  let changedWhileStarting = false;
  function reread() {
    const reading = ++readings;
    choose().then(() => {
      if (reading === readings) switched();
    }, () => {
      // No core of its own: while switching, nothing is left to decide with
      // (the shared decider no longer holds the whole list).
      if (reading === readings && switching) {
        switching = false;
        state = 'failed';
        releaseHeld();
      }
    });
  }
  // The feed script applied another index to the decider this script
  // shares: held from this moment until it has chosen again.
  const sharedChanged = () => sharing && deadboltItems.applies() !== sharedApplies;
  function startSwitching() {
    state = 'starting';
    switching = true;
    reread();
  }
  function switched() {
    if (!switching) return;
    switching = false;
    state = 'ready';
    releaseHeld();
  }
  // The feed script's listener was added before this one, so a changed feed
  // index is mostly loaded into its decider before this runs (and guard()
  // checks at every event, whatever the order).
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !(changes[SNAPSHOT_KEY] || changes[INDEX_KEY])) return;
    if (state === 'ready' && sharedChanged()) startSwitching();
    else if (state === 'ready' || switching) reread();
    else if (state === 'starting') changedWhileStarting = true;
  });
  // Back from the back/forward cache, where Firefox gave it no storage
  // events: activations are held until it has chosen again (feeds.js reads
  // its index again too).
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && state === 'ready') startSwitching();
  });

  start();
})();
