// Keeps listed people out of the platforms' own feeds, before a frame of
// their items is painted. Runs at document_start in the isolated world.
//
// Why no frame is ever painted:
//  1. Until the core is ready, a style sheet holds back every feed item
//     container of every platform (visibility: hidden): the selectors were
//     generated from the core's feed table at build time. And the whole page
//     is held back the same way for those few milliseconds, because the
//     fallback below finds items in markup the catalog does not know, and
//     those cannot be named in advance; Firefox's content scripts are often
//     not ready before such a page's first paint. (Not with opacity: an
//     opacity-0 root stalls Firefox's parser on YouTube's real page.)
//  2. Once ready, every item present is decided synchronously and the hold
//     is lifted in the same task, so nothing is rendered in between.
//  3. After that, a MutationObserver decides each new or changed item inside
//     its callback. Mutation callbacks run as microtasks at the end of the
//     task that made the change, and rendering only happens between tasks:
//     an item is hidden before the next paint, in a background tab too.
//  4. Apart from that, the core writes a style sheet for the page that hides
//     an item whose own link is a listed profile link as the platform writes
//     it, and the worker inserts it as a user sheet (applyStyle): such items
//     are then hidden in the page's own layout, not a second one after it.
// If the core cannot start, the hold stays: a person going no contact would
// rather miss every post of a feed than see one of theirs.
/* global deadboltItems, deadboltHoldBack, deadboltStartedAt, deadboltFeedRead, deadboltReadFollowing, deadboltReadLocal, deadboltFirst */
(() => {
  if (!deadboltFirst('feeds')) return;  // injected again into a world where it runs (local_read.js)
  const INDEX_KEY = 'feeds.index';
  const startedAt = deadboltStartedAt;  // the first content script's start
  const hold = document.createElement('style');
  hold.textContent = `${deadboltHoldBack} { visibility: hidden !important; }`;
  (document.head ?? document.documentElement).append(hold);
  const pageHold = document.createElement('style');
  pageHold.textContent = 'html { visibility: hidden !important; }';
  (document.head ?? document.documentElement).append(pageHold);
  // Hidden by visibility, an element's descendants are hidden too unless
  // the page makes one visible again (a "LIVE" badge's own
  // visibility: visible, as YouTube's real grid has). What stays hidden that
  // way (a blank line, the space kept, held while the parser is inside) is
  // marked with this page's own attribute name, whose rule hides its
  // descendants as well. (The start-up holds above last one task; a
  // descendant rule over their :has() list would be matched against every
  // ancestor of every element the page loads meanwhile.)
  const VEILED = `data-v${Math.random().toString(36).slice(2, 10)}`;
  const veil = document.createElement('style');
  veil.textContent = `[${VEILED}] * { visibility: hidden !important; }`;
  (document.head ?? document.documentElement).append(veil);

  let markup = null;
  let page = '';
  let placeholder = false;
  let mentions = true;
  const hidden = new WeakMap();   // item -> the inline display it had
  const counted = new WeakSet();  // items already counted as kept out
  let pendingCount = 0;
  let spacerRun = 0;              // hidden items in a row, for the "load more" guard

  // Whether `el` inside `item` is the item's own: not inside a nested item,
  // unless that nested item is a quote (its account hides the quoting item),
  // and not inside one of `entries` (entriesOf).
  function owns(item, el, entries) {
    if (entries !== null && entries.some((entry) => entry.contains(el))) return false;
    const inner = el.closest(markup.items);
    // (An entry is inside its catalog item, which is then no nested item.)
    if (inner === item || inner === null || !item.contains(inner)) return true;
    return markup.quotes !== '' && inner.matches(markup.quotes) && inner.parentElement?.closest(markup.items) === item;
  }

  function linksOf(item, selector, nested, entries) {
    const out = [];
    if (item.matches(selector) && item.hasAttribute('href')) out.push(item.getAttribute('href'));
    for (const a of item.querySelectorAll(selector)) {
      if ((nested || entries !== null) && !owns(item, a, entries)) continue;  // a nested item's link is its own
      const href = a.getAttribute('href');
      if (href !== null) out.push(href);
    }
    return out;
  }

  // The identities the catalog says the item carries without a link.
  function identitiesOf(item, nested, entries) {
    const out = [];
    for (const { selector, attribute } of markup.identities) {
      const els = selector === '' ? [item] : item.querySelectorAll(selector);
      for (const el of els) {
        if ((nested || entries !== null) && el !== item && !owns(item, el, entries)) continue;
        const value = attribute === '#text' ? el.textContent : el.getAttribute(attribute);
        if (value !== null && value.length <= 200) out.push([attribute, value]);
      }
    }
    return out;
  }

  // The document's base URL, read once per observer callback (each read is a
  // call into the page's document, and a callback decides many items).
  let callbackBase = null;
  const baseURI = () => callbackBase ?? document.baseURI;

  /** The listed person whose item `item` is (-1 for none), its `entries`' content left out (null: none). */
  function personOf(item, entries) {
    const nested = hasNestedItem(item);
    const attributes = identitiesOf(item, nested, entries);
    // With mentions hidden too, every link counts alike: no author query.
    const authors = mentions ? [] : linksOf(item, markup.authorLinks, nested, entries);
    return deadboltItems.decideItem(baseURI(), linksOf(item, 'a[href]', nested, entries), authors, attributes);
  }

  // A catalog item that holds entries (FALLBACK_ENTRY: HTML's and ARIA's
  // word for one) beside a link of its own outside them is a post with its
  // comments under it, in markup the catalog no longer knows (LinkedIn's
  // comments renamed, its posts still found by their data-urn): each entry
  // is then decided on its own, and the post by what is outside them, so
  // that one listed commenter does not hide a whole post. An item whose
  // links are all inside one entry (X's cell around its article) is that
  // entry. Asked only of an item about to be hidden: a feed pays nothing.
  const entryHidden = new Map();  // item -> its entries hidden on their own
  function entriesOf(item) {
    const entries = [];
    for (const el of item.querySelectorAll(FALLBACK_ENTRY)) {
      if (!entries.some((entry) => entry.contains(el))) entries.push(el);
    }
    if (entries.length === 0) return [];
    for (const a of item.querySelectorAll('a[href]')) {
      if (!entries.some((entry) => entry.contains(a))) return entries;
    }
    return [];
  }

  // What of `el` to hide, into `out`: itself when it is listed by what is
  // its own; when only its entries' content names someone, those entries,
  // each decided the same way (a comment with its replies). The people
  // whose parts they are go into `people`.
  function listedParts(el, out, people) {
    const person = personOf(el, null);
    if (person < 0) return;
    const entries = entriesOf(el);
    const own = entries.length === 0 ? person : personOf(el, entries);
    if (own >= 0) {
      out.push(el);
      people.push(own);
    } else {
      for (const entry of entries) listedParts(entry, out, people);
    }
  }

  function decide(item) {
    const parts = [];
    const people = [];
    listedParts(item, parts, people);
    for (const person of people) styleFor(person);
    const entries = parts.filter((el) => el !== item);
    const before = entryHidden.get(item) ?? [];
    entryHidden.delete(item);
    if (entries.length > 0) {
      for (const key of entryHidden.keys()) if (!key.isConnected) entryHidden.delete(key);  // gone from the page
      entryHidden.set(item, entries);
    }
    for (const entry of before) if (!entries.includes(entry)) show(entry);
    for (const entry of entries) hide(entry);
    if (parts.includes(item)) hide(item);
    else show(item);
  }

  /** Shows every entry decide() hid on its own. */
  function showEntries() {
    for (const entries of entryHidden.values()) for (const entry of entries) show(entry);
    entryHidden.clear();
  }

  // What hiding writes into an item's inline style; the item's own values
  // of them are kept (hidden, visibilityBefore) and given back when it shows
  // again, so a page's own inline style stays.
  const STYLED = ['display', 'visibility', 'max-height', 'overflow'];
  const hiddenAs = new WeakMap();  // item -> how it is hidden: 'gone', 'placeholder' or 'spacer'
  function ownStyle(el) {
    // Without a style attribute it has none of them: one call, not eight.
    const values = el.hasAttribute('style')
      ? STYLED.map((p) => [el.style.getPropertyValue(p), el.style.getPropertyPriority(p)])
      : STYLED.map(() => ['', '']);
    if (visibilityBefore.has(el)) values[1] = visibilityBefore.get(el);  // held back while parsing: its own is kept there
    return values;
  }
  function setStyle(el, property, [value, priority]) {
    if (value) el.style.setProperty(property, value, priority);
    else el.style.removeProperty(property);
  }

  function hide(item) {
    if (!hidden.has(item)) {
      hidden.set(item, ownStyle(item));
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
    const mode = spacerRun > 30 ? 'spacer' : placeholder ? 'placeholder' : 'gone';
    // Hidden before in another way (the placeholder setting changed): its
    // own style first, so that the old way's properties do not stay.
    const before = hiddenAs.get(item);
    if (before !== undefined && before !== mode) STYLED.forEach((property, i) => setStyle(item, property, hidden.get(item)[i]));
    hiddenAs.set(item, mode);
    if (mode !== 'gone') item.setAttribute(VEILED, '');
    else if (!visibilityBefore.has(item)) item.removeAttribute(VEILED);
    if (mode === 'spacer') {
      item.style.setProperty('visibility', 'hidden', 'important');
    } else if (mode === 'placeholder') {
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
    const own = hidden.get(item);
    hidden.delete(item);
    hiddenAs.delete(item);
    STYLED.forEach((property, i) => setStyle(item, property, own[i]));
    if (parsingHeld.has(item) || openHeld.has(item)) {
      item.style.setProperty('visibility', 'hidden', 'important');
      item.setAttribute(VEILED, '');
    } else {
      item.removeAttribute(VEILED);
      visibilityBefore.delete(item);  // its own visibility is back already
    }
  }

  // ---- The fallback, for markup the catalog does not know (a platform
  // changed its containers): a link outside every known item that names a
  // listed person hides the unit around it: the nearest article, or the
  // repeating unit of the list around it, the nearest ancestor with at
  // least two siblings of its shape that link elsewhere; if no ancestor has
  // such siblings, the nearest one all of whose links lead to that person (a
  // row of a list of people) whose siblings differ in length by one child
  // (rows with and without a separator, as on Bluesky's follows list).
  // Exact shapes come first: a looser match would take a part of an item
  // for the unit, or a block of many items. Bounded so that it never hides a
  // feed or a page: it stops below body, main, landmarks and lists' own
  // roles, within 24 levels, before an ancestor holding more than 40
  // distinct links, and never around an item the catalog decides.
  const FALLBACK_STOP = 'body, main, [role="main"], [role="feed"], [role="list"], [role="navigation"], nav, header, footer, aside, section, ul, ol';
  // HTML's and ARIA's own word for a feed's entry: an item even where no
  // sibling shares its shape (the rows of an X thread differ, each holding
  // one article).
  const FALLBACK_ENTRY = 'article, [role="article"]';
  const fallbackHidden = new Set();
  // A sibling of the same shape (tag, first child's tag, number of children
  // exactly or, with `slack` 1, give or take one) that links elsewhere:
  // another unit of the same list.
  function parallel(sibling, el, href, slack) {
    if (sibling.tagName !== el.tagName || Math.abs(sibling.childElementCount - el.childElementCount) > slack ||
        sibling.firstElementChild?.tagName !== el.firstElementChild?.tagName) return false;
    let other = false;
    for (const a of sibling.querySelectorAll('a[href]')) {
      if (a.getAttribute('href') === href) return false;
      other = true;
    }
    return other;
  }
  // Whether `el` has at least two siblings parallel to it.
  function repeats(el, href, slack) {
    let siblings = 0;
    for (const s of el.parentElement.children) if (s !== el && parallel(s, el, href, slack)) siblings += 1;
    return siblings >= 2;
  }
  function unitAround(link) {
    const href = link.getAttribute('href');
    const people = [];  // ancestors all of whose links lead to this person: the looser match's
    for (let el = link.parentElement, depth = 0; el && depth < 24; el = el.parentElement, depth++) {
      // Never a landmark, never around an item the catalog decides.
      if (el.matches(FALLBACK_STOP) || el.parentElement === null || el.querySelector(markup.items)) break;
      const links = new Set([...el.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))).size;
      if (links > 40) break;
      if (el.matches(FALLBACK_ENTRY) || repeats(el, href, 0)) return el;
      if (links === 1) people.push(el);
    }
    // While parsing, a row's siblings may still be coming: no loose match yet.
    if (document.readyState === 'loading') return null;
    return people.find((el) => repeats(el, href, 1)) ?? null;
  }
  function fallback(root, around = itemAround()) {
    const links = root.nodeType === 1 && root.matches('a[href]') ? [root] : root.querySelectorAll('a[href]');
    for (const a of links) {
      if (around(a)) continue;  // the catalog's item decides it
      // As a mention: with "also hide mentions" off, the fallback hides nothing.
      if (deadboltItems.decideItem(baseURI(), [a.getAttribute('href')], [], []) < 0) continue;
      const unit = unitAround(a);
      if (unit && !hidden.has(unit)) {
        // Units a long-lived app has since removed go (refallback looks through the rest).
        if (fallbackHidden.size >= 256) for (const old of fallbackHidden) if (!old.isConnected) fallbackHidden.delete(old);
        fallbackHidden.add(unit);
        hide(unit);
      } else if (!unit && document.readyState === 'loading') {
        holdWhileParsing(a);
      }
    }
  }

  // While the parser streams the page in, a unit's siblings may not be
  // parsed yet, so no unit is found and the link would paint. Its
  // ancestors are all there: the highest one the fallback could ever hide
  // (below its stops) is held back until parsing ends, when the units are
  // whole and decided in the same task (releaseHold).
  const parsingHeld = new Set();
  function holdWhileParsing(link) {
    let top = null;
    for (let el = link.parentElement, depth = 0; el && depth < 24; el = el.parentElement, depth++) {
      if (el.matches(FALLBACK_STOP) || el.parentElement === null || el.querySelector(markup.items)) break;
      top = el;
    }
    if (top && !parsingHeld.has(top)) {
      parsingHeld.add(top);
      holdBack(top);
    }
  }

  // And what the parser may still be inside is held back until it has moved
  // past it: the catalog's items there (its author's link may not be parsed
  // yet; it is decided once, when it is let go, not again with every piece
  // the parser adds to it), and the
  // block around the fallback's possible units (an avatar's wrappers, a name
  // before its link), which would otherwise paint, half parsed, whenever the
  // network or the parser pauses inside them. The rest of a page still
  // parsing shows as it comes.
  //
  // Where the parser is: it appends in document order, so the elements it
  // still has open are the chain of last children from <body>; unless a
  // page's script appended after them meanwhile, moving the chain away from
  // the parser: when the latest insertion is off that chain, every element
  // the latest batch of nodes went into, or is, counts too. (Records with no
  // insertion, such as the holds' own style changes, leave that as it was.)
  let insertedInto = [];
  function parserPositions() {
    let bottom = null;
    let onChain = false;
    const last = insertedInto.at(-1);
    for (let el = document.body?.lastElementChild; el; el = el.lastElementChild) {
      bottom = el;
      if (el === last) onChain = true;
    }
    const positions = bottom ? [bottom] : [];
    if (last && !onChain) for (const el of insertedInto) if (el.isConnected) positions.push(el);
    return positions;
  }
  // The block around a position: its highest ancestor below the lowest stop
  // (a row of a list, not the list) that holds no item of the catalog (a
  // fallback unit never holds one, and none is found inside one), so the
  // items the parser has finished show while it parses on.
  function openBlock(position) {
    const path = [];  // from the position up to a child of <body>
    for (let el = position; el && el !== document.body; el = el.parentElement) {
      if (el.matches(markup.items)) return null;
      path.push(el);
    }
    let top = -1;
    for (let i = path.length - 1; i >= 0; i--) {
      if (path[i].matches(FALLBACK_STOP)) top = -1;
      else if (top < 0) top = i;
    }
    while (top >= 0 && path[top].querySelector(markup.items)) top -= 1;
    return top >= 0 ? path[top] : null;
  }
  const openHeld = new Set();
  const decidedOnRelease = new Set();  // items that changed while held open
  function holdOpen() {
    const open = new Set();
    if (active && document.readyState === 'loading') {
      for (const position of parserPositions()) {
        for (let item = position.closest(markup.items); item; item = item.parentElement?.closest(markup.items)) open.add(item);
        const block = openBlock(position);
        if (block) open.add(block);
      }
    } else {
      insertedInto = [];
    }
    for (const el of openHeld) {
      if (open.has(el)) continue;
      openHeld.delete(el);
      // Decided in this task, before any frame shows it.
      if (decidedOnRelease.delete(el) && el.isConnected) decide(el);
      release(el);
    }
    for (const el of open) {
      if (openHeld.has(el)) continue;
      openHeld.add(el);
      holdBack(el);
    }
  }
  // A held block gets back the inline visibility it had (a page's own
  // "visibility: hidden" stays), unless something still holds or hides it.
  const visibilityBefore = new WeakMap();
  function holdBack(el) {
    if (!visibilityBefore.has(el)) visibilityBefore.set(el, hidden.has(el) ? hidden.get(el)[1] : ownStyle(el)[1]);
    el.style.setProperty('visibility', 'hidden', 'important');
    el.setAttribute(VEILED, '');
  }
  // A hidden one is given its own back when it shows (show()).
  function release(el) {
    if (hidden.has(el) || parsingHeld.has(el) || openHeld.has(el) || !visibilityBefore.has(el)) return;
    setStyle(el, 'visibility', visibilityBefore.get(el));
    el.removeAttribute(VEILED);
    visibilityBefore.delete(el);
  }
  function releaseParsingHolds() {
    const held = [...parsingHeld];
    parsingHeld.clear();
    for (const el of held) release(el);
    holdOpen();
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

  // ---- The observer: in one pass over a callback's records, the items a
  // change can alter the verdict of, the added elements outside every item
  // (the fallback's to look at), and, while the page parses, the elements
  // nodes went into or are (where the parser may be). A parser's task
  // appends many nodes to one parent: each element's item is looked up once.
  // And it adds a subtree node by node, each a record of its own, while the
  // callback comes after the task, when the subtree is whole: its top is
  // queried (for items, and by the fallback for links), and what was added
  // into an element added in the same pass is inside that query already.
  // (Were a node moved out since, its new place is a record of its own.)
  function changesOf(records, parsing) {
    const touched = new Set();
    const loose = [];
    const relinked = [];  // links outside every item whose href changed: the fallback's to decide again
    const into = [];  // stays empty unless parsing
    const addedHere = new Set();  // elements this pass found added
    const around = itemAround();
    // (Each property of a record or node is a call into the browser: read once.)
    for (const r of records) {
      const type = r.type;
      const changed = r.target;
      const target = changed.nodeType === 1 ? changed : changed.parentElement;
      if (type === 'attributes' && r.attributeName === 'style') {
        // The page rewrote a hidden item's style (a recycled node): what it
        // wrote is the item's own now, and it is decided (hidden) again.
        if (target && hidden.has(target) && target.style.getPropertyPriority('display') !== 'important' &&
            target.style.getPropertyPriority('visibility') !== 'important') {
          visibilityBefore.delete(target);
          hidden.set(target, ownStyle(target));
          touched.add(target);
        }
        continue;
      }
      // Into an element added in this pass: the items around it and in it
      // are that element's top's (whose record came first).
      const inside = type === 'childList' && target !== null && addedHere.has(target);
      const item = target && !inside ? around(target) : null;
      if (item) touched.add(item);
      if (item && markup.quotes !== '' && item.matches(markup.quotes)) {
        const outer = item.parentElement?.closest(markup.items);
        if (outer) touched.add(outer);
      }
      if (type !== 'childList') {
        // A list the catalog does not know recycles a row by rewriting its link.
        if (!item && r.attributeName === 'href' && target?.matches('a[href]')) relinked.push(target);
        continue;
      }
      const added = r.addedNodes;
      const count = added.length;
      if (count === 0) continue;
      if (parsing && target) into.push(target);
      for (let i = 0; i < count; i++) {
        const node = added[i];
        if (node.nodeType !== 1) continue;
        if (parsing) into.push(node);
        addedHere.add(node);
        if (inside) continue;
        const isItem = node.matches(markup.items);
        if (isItem) touched.add(node);
        else if (!(node.parentElement && around(node.parentElement))) loose.push(node);
        // (Nothing below it yet: nothing to query.)
        if (node.firstElementChild === null) {
          if (isItem) nestedHints.set(node, false);
          continue;
        }
        const inner = node.querySelectorAll(markup.items);
        if (isItem) nestedHints.set(node, inner.length > 0);
        for (let k = 0; k < inner.length; k++) touched.add(inner[k]);
      }
    }
    return { touched, loose, into, around, relinked };
  }

  // Whether an item holds an item of the catalog, as the observer's pass
  // over a callback's records found it for the items added: the question
  // decide() asks next, in the same callback, of the same DOM (the callback
  // runs after the page's task, so the pass sees the items as filled in
  // since; cleared after it).
  const nestedHints = new Map();
  const hasNestedItem = (el) => nestedHints.get(el) ?? el.querySelector(markup.items) !== null;

  // closest(markup.items) for many elements of one tree: each element on
  // the way up is matched once, and a walk stops at the first one already
  // known (a parser's batch inserts into many elements that share ancestors).
  function itemAround() {
    const known = new Map();
    return (el) => {
      const path = [];
      let item = null;
      for (let node = el; node; node = node.parentElement) {
        const found = known.get(node);
        if (found !== undefined) {
          item = found;
          break;
        }
        path.push(node);
        if (node.matches(markup.items)) {
          item = node;
          break;
        }
      }
      for (const node of path) known.set(node, item);
      return item;
    };
  }

  let active = false;  // a list is loaded and Deadbolt is on
  let measuring = false;  // scripts/bench only: main-thread time spent here
  let busyMs = 0;
  let busyTimer = 0;
  const observer = new MutationObserver((records) => {
    if (!active) return;
    const t0 = measuring ? performance.now() : 0;
    callbackBase = document.baseURI;
    try {
      const parsing = document.readyState === 'loading';
      const { touched, loose, into, around, relinked } = changesOf(records, parsing);
      if (into.length > 0) insertedInto = into;
      // Where the parser is first: an item it is still inside stays held,
      // and is decided when let go (holdOpen) instead of at every piece.
      if (openHeld.size > 0 || parsing) holdOpen();
      for (const item of touched) {
        if (!item.isConnected) continue;
        if (openHeld.has(item)) decidedOnRelease.add(item);
        else decide(item);
      }
      for (const node of loose) if (node.isConnected) fallback(node, around);
      for (const link of relinked) if (link.isConnected) refallback(link, around);
    } finally {
      nestedHints.clear();
      callbackBase = null;
    }
    if (measuring) {
      busyMs += performance.now() - t0;
      busyTimer ||= setTimeout(() => {
        busyTimer = 0;
        chrome.storage.local.set({ [`perf.busy.${session}`]: busyMs }).catch(() => {});
      }, 300);
    }
  });

  // A link outside the catalog's items that now leads elsewhere: the unit
  // the fallback hid around it is shown and found again (hidden again if it
  // still holds a listed person's link), and the link is decided as new;
  // in one task, so no frame shows what is hidden again.
  function refallback(link, around) {
    for (const unit of fallbackHidden) {
      if (!unit.contains(link)) continue;
      fallbackHidden.delete(unit);
      show(unit);
      fallback(unit, around);
      return;
    }
    fallback(link, around);
  }

  // Shown and found again in one task: no frame in between.
  function fallbackAgain() {
    for (const unit of fallbackHidden) show(unit);
    fallbackHidden.clear();
    fallback(document);
  }

  function decideAll() {
    for (const item of document.querySelectorAll(markup.items)) decide(item);
    fallbackAgain();
  }

  // The page's user style sheet (feed_style.h, made by the core from the
  // index): it hides a listed person's items in the page's own layout, where
  // hiding them here comes after it and lays the feed out a second time.
  // It holds the people whose items were hidden here on this page so far:
  // the browser pays for every handle in it on every item it lays out, and
  // most of a list never appears on a given page. The worker inserts it into
  // this frame as a user sheet, which the page cannot read; it only ever
  // hides what decide() hides too, which still decides every item. Sent in
  // order, each replacing the last.
  let style = '';
  let styling = Promise.resolve();
  let styledPeople = new Set();  // indexes into the loaded index's people
  let restyle = false;
  function styleFor(person) {
    if (styledPeople.has(person)) return;
    styledPeople.add(person);
    if (restyle) return;
    restyle = true;  // once for all the people one task brought
    queueMicrotask(() => {
      restyle = false;
      applyStyle();
    });
  }
  function applyStyle() {
    const css = active && !placeholder ? deadboltItems.styleFor(page, [...styledPeople]) : '';
    if (css === style) return;
    const message = { type: 'feedStyle', css, previous: style };
    style = css;
    styling = styling.then(() => chrome.runtime.sendMessage(message)).catch(() => {});
  }

  // Applies a feed index: on, the list loaded, every item decided; off (or
  // unreadable), every item shown. The observer runs from the first
  // application on; while off it does nothing.
  let observing = false;
  function apply(index) {
    const loaded = deadboltItems.apply(index);
    // On, but an index it cannot read (damaged): never taken for "off". The
    // decider keeps the index it held, so what was decided stays as it is,
    // and a page that held none keeps its hold (begin, and the listener).
    if (!loaded && index?.enabled === true) return;
    active = loaded;
    styledPeople = new Set();  // a new index numbers its people anew: found again as items are decided
    if (!active) {
      applyStyle();
      for (const item of document.querySelectorAll(markup.items)) show(item);
      showEntries();
      for (const unit of fallbackHidden) show(unit);
      fallbackHidden.clear();
      holdOpen();
      return;
    }
    placeholder = index.placeholder === true;
    mentions = index.mentions !== false;
    if (!observing) {
      observing = true;
      // Text too where the catalog reads an identity from it: a list that
      // keeps its nodes rewrites a recycled tile's name in place.
      observer.observe(document, {
        childList: true, subtree: true, attributes: true, characterData: markup.readsText,
        attributeFilter: ['href', 'style', ...markup.attributes],
      });
    }
    decideAll();
    applyStyle();  // for the people decideAll() found
    holdOpen();
  }

  // The hold is lifted in the task that decided every item present, so
  // nothing is painted in between. While the parser is still streaming the
  // page in, an item it has only half inserted (its author's link not yet
  // parsed) must not paint: what it may still be inside is held inline
  // (holdOpen) until it has moved past it, and the fallback's holds stay
  // until the end of parsing.
  let waitingForParse = false;
  function releaseHold() {
    hold.remove();
    if (document.readyState !== 'loading' || waitingForParse) return;
    waitingForParse = true;
    document.addEventListener('DOMContentLoaded', () => {
      // The fallback's units are whole only now (their list's other units
      // parsed): what it found on a half-parsed page is found again, in
      // this task, so a block it took for a unit then is not left hidden.
      if (active) fallbackAgain();
      releaseParsingHolds();
    }, { once: true });
  }

  let ready = false;  // the core is started and the page's markup known
  let started = false;  // the core is started
  let measure = false;
  async function start() {
    // The index was asked for by the first feed script (feed_markup.js), the
    // browser reading it while this world's scripts were evaluated; its
    // changes meanwhile are kept there (local_read.js).
    const reading = typeof deadboltFeedRead === 'undefined'
      ? deadboltReadFollowing([INDEX_KEY, 'perf.measure'])
      : deadboltFeedRead;
    const [ok] = await Promise.all([deadboltItems.start(), reading.items.catch(() => null)]);
    reading.stop();  // the listener below follows from here
    // Whatever happens next, the page itself is let through in this task:
    // decided below when the core is ready, else only the items stay held.
    queueMicrotask(() => pageHold.remove());
    if (!ok) return;  // the hold stays: see the top of this file
    started = true;
    const stored = reading.latest();
    measure = stored?.['perf.measure'] === true;
    // Unreadable, even when asked again, is not "off": the items stay held until the index changes (below).
    if (stored === null) return;
    begin(stored[INDEX_KEY] ?? null);
  }

  // The page's markup: the catalog's for its host, or the fediverse web UI's
  // on an instance the person added (the index lists them; the core decides).
  function begin(stored) {
    page = location.href;
    markup = deadboltItems.markupFor(page, stored?.instances);
    if (!markup) {
      hold.remove();
      return;
    }
    markup.authorLinks = markup.authors;
    markup.attributes = [...new Set(markup.identities.map((i) => i.attribute).filter((a) => a !== '#text'))];
    markup.readsText = markup.identities.some((i) => i.attribute === '#text');
    ready = true;
    apply(stored);
    // On, but an index Deadbolt cannot read: the hold stays, as when the core cannot start.
    if (stored?.enabled === true && !active) return;
    releaseHold();
    // For scripts/bench only (it sets perf.measure): content script start to
    // the first decision. A figure in local storage, never sent anywhere.
    measuring = measure;
    if (measure) chrome.storage.local.set({ [`perf.content.${session}`]: performance.now() - startedAt });
  }

  // A changed list or setting (the worker rewrites the index, also when
  // Deadbolt is turned on or off here or on another device): applied live,
  // also in a tab that opened while Deadbolt was off, and on an instance
  // added while the tab was open.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !changes[INDEX_KEY] || !started) return;
    follow(changes[INDEX_KEY].newValue);
  });

  /** Applies the index as stored now (a change, or read again): items decided again, or shown. */
  function follow(index) {
    if (!ready) return begin(index);
    apply(index);
    if (index?.enabled === true && !active) {
      // On, but unreadable: the items are held (again, if it was off: the hold was lifted then).
      (document.head ?? document.documentElement).append(hold);
      return;
    }
    releaseHold();
  }

  // The back/forward cache: a page kept there comes back as it was left, and
  // Firefox gives its content scripts no storage events meanwhile (Chromium
  // evicts such a page instead), so a person added, or Deadbolt turned on,
  // while it was away would not be followed. Leaving it, the page and its
  // items are held back again; brought back, the index is read again and
  // applied, and the holds lifted in that task (as at start). Unreadable,
  // the items stay held until the index changes.
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted || !started) return;
    const head = document.head ?? document.documentElement;
    head.append(hold, pageHold);
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || !started) return;
    deadboltReadLocal([INDEX_KEY]).then((stored) => {
      pageHold.remove();
      follow(stored[INDEX_KEY] ?? null);
    }, () => pageHold.remove());
  });

  start();
})();
