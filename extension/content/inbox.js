// Seals conversations with listed people in web inboxes (Gmail, Outlook,
// Yahoo Mail, WhatsApp Web, Messenger, Instagram Direct, X, LinkedIn,
// Telegram Web) before a frame of them is painted. Runs at document_start
// in the isolated world, with its own decider (the core), as feeds.js does:
//  1. Until the core is ready, a style sheet holds back every inbox's rows
//     (visibility: hidden); the selectors were generated from the core's
//     inbox table at build time (extension/built/inbox_markup.js).
//  2. Ready, every row present is decided and the hold lifted in the same task.
//  3. Then a MutationObserver decides every new, moved or changed row inside
//     its callback (a microtask, before the next frame): a message arriving,
//     a row re-rendered to the top, a recycled row given another person.
// If the core cannot start, the hold stays.
//
// What a sealed row looks like: the row keeps its place and height (so the
// inbox's virtual lists, keyboard order, selection and scrolling behave for
// everyone else) but shows nothing of theirs: every element inside it is
// hidden and the row reads, in a quiet grey, "A sealed conversation. It will
// keep." Nothing is deleted, marked read or answered; pointer events are off
// so that a stray click does not open it, and Enter or Space on it does
// nothing. A row with someone else too (a group, a thread with another
// sender) stays, with their names and the preview covered.
//
// The open conversation beside the list (its pane) is sealed whole, the
// same way, when its header names a listed person, when the page's URL
// does, or when the list's current row is sealed: the apps open the latest
// conversation by themselves, and that is often the one they wrote. During
// the few minutes a sealed conversation was opened on purpose (after its
// cool-down, see extension/conversations.js) that person's pane shows.
//
// Titles: a tab title naming them ("(1) Jane Doe") is replaced by a neutral
// one. Notifications: extension/content/inbox_notify.js (the page's world)
// hands every notification here, and only those that do not name a listed
// person are shown (see that file for why the page learns nothing).
/* global deadboltDecider, deadboltItems, deadboltInboxHoldBack, deadboltInboxPaneHoldBack, deadboltInboxShadowHoldBack, deadboltReadFollowing, deadboltReadLocal, deadboltFirst */
(() => {
  if (!deadboltFirst('inbox')) return;  // injected again into a world where it runs (local_read.js)
  const INDEX_KEY = 'inbox.index';
  const OPENED_KEY = 'inbox.opened';  // {person, until}: a sealed conversation opened on purpose
  // The channel to inbox_notify.js (the page's world): a MessagePort handed
  // over once at document_start, before any page script runs, through an
  // event both sides stop listening to at once (see that file). Notifications
  // and closes come in on it, clicks go back; no page can listen to it.
  const HANDSHAKE = 'deadbolt-inbox-port';
  const { port1: pagePort, port2: handedPort } = new MessageChannel();
  const offer = () => window.dispatchEvent(new MessageEvent(HANDSHAKE, { data: 'offer', ports: [handedPort] }));
  function onHandshake(event) {
    if (event.data === 'ask') {
      event.stopImmediatePropagation();
      offer();
    } else if (event.data === 'taken') {
      event.stopImmediatePropagation();
      window.removeEventListener(HANDSHAKE, onHandshake, true);
    }
  }
  window.addEventListener(HANDSHAKE, onHandshake, true);
  offer();  // taken at once when the page's world script ran first; else on its 'ask'
  const hold = document.createElement('style');
  const paneHoldBack = Object.hasOwn(deadboltInboxPaneHoldBack, location.hostname)
    ? `, ${deadboltInboxPaneHoldBack[location.hostname]}` : '';
  hold.textContent = `${deadboltInboxHoldBack}${paneHoldBack} { visibility: hidden !important; }`;
  (document.head ?? document.documentElement).append(hold);

  // Marks, named at random per page: the style sheets below key on them.
  const tag = Math.random().toString(36).slice(2, 8);
  const ROOTED = `data-r${tag}`;   // a host whose shadow root this script reads (see "Shadow roots")
  // An inbox drawn in a shadow root (X Chat's) is out of reach of the page's
  // style sheets: its host stays hidden until its root is read, whatever the
  // core's state (visibility reaches inside; only an element of theirs that
  // sets its own could show).
  const hostHold = document.createElement('style');
  if (Object.hasOwn(deadboltInboxShadowHoldBack, location.hostname)) {
    hostHold.textContent = `${deadboltInboxShadowHoldBack[location.hostname]}:not([${ROOTED}]) { visibility: hidden !important; }`;
    (document.head ?? document.documentElement).append(hostHold);
  }
  const SEALED = `data-s${tag}`;   // a sealed row
  const COVERED = `data-c${tag}`;  // a covered element (a name, a preview)
  const OPENER = `data-o${tag}`;   // the "open it after a cool-down" control of a sealed row or pane
  const PLACED = `data-p${tag}`;   // a sealed element made the control's containing block (it was static)
  // The seals' style sheet, written when the first row is sealed: its
  // label is a localised message, and Chrome's first getMessage in a page
  // fetches the extension's messages with a synchronous IPC (measured:
  // 6–8 ms of the page's main thread while it loads), which a page where
  // nothing is sealed (a feed of the same site) should not pay.
  const rules = document.createElement('style');
  function writeRules() {
    const label = chrome.i18n.getMessage('inboxSealedRow') || 'A sealed conversation. It will keep.';
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="20"><text x="0" y="14" ` +
      `font-family="system-ui, sans-serif" font-size="13" fill="#8a8a8a">${label.replace(/[<&>"]/g, '')}</text></svg>`;
    rules.textContent = `
    [${SEALED}] { pointer-events: none !important; color: transparent !important; background: url("data:image/svg+xml,${encodeURIComponent(svg)}") no-repeat 16px center !important; }
    [${SEALED}] *, [${SEALED}]::before, [${SEALED}]::after, [${COVERED}], [${COVERED}] * { visibility: hidden !important; }
    [${SEALED}][${PLACED}] { position: relative !important; }
    [${SEALED}] > [${OPENER}] { visibility: visible !important; pointer-events: auto !important; position: absolute !important;
      right: 12px !important; top: 50% !important; transform: translateY(-50%) !important; margin: 0 !important;
      font: 12px system-ui, sans-serif !important; color: #5f5f5f !important; background: transparent !important;
      border: 1px solid #b8b8b8 !important; border-radius: 12px !important; padding: 2px 10px !important; cursor: pointer !important;
      opacity: 1 !important; display: inline-block !important; width: auto !important; height: auto !important; z-index: 1 !important; }
  `;
    for (const copy of rootRules.values()) copy.textContent = rules.textContent;
  }

  let decider = null;
  let active = false;
  let coverPreview = false;
  let markup = null;
  let markupHref = null;
  const sealed = new Map();  // rows (and panes) sealed now -> the listed person's index
  const opens = new Map();   // sealed rows (and panes) -> an address of the conversation with them ('' none)
  const controls = new WeakSet();  // the controls this script made (a page may copy their mark, not make one)
  let opened = null;  // {person, until}: the conversation opened on purpose, for a few minutes
  const covered = new Map();  // row -> its covered elements

  /** The page's inbox markup, asked of the core again when the URL changed (an SPA navigation). */
  function currentMarkup() {
    if (location.href !== markupHref) {
      markupHref = location.href;
      markup = decider.inboxMarkup(markupHref);
      if (markup) {
        markup.addressList = markup.addresses.split(' ').filter(Boolean);
        markup.nameList = markup.names.split(' ').filter(Boolean);
        // What the observer watches in it (observe()): the attributes the core
        // says the entry reads (markup.watch), a link's, and the seals' own;
        // made once a URL, not at every change of the page.
        markup.watched = [...new Set(['href', SEALED, COVERED, ...markup.watch.split(' ').filter(Boolean)])];
        markup.watchedKey = markup.watched.join(' ');
        // What an added node is searched for: rows, and the hosts of an inbox drawn in a shadow root.
        markup.found = markup.shadow ? `${markup.rows}, ${markup.shadow}` : markup.rows;
        // The listed person the page's own URL names (messenger.com/t/<them>), for its open pane: once a URL.
        const byUrl = markup.pane ? sealedBy([{ addresses: [], names: [], links: [markupHref] }]) : null;
        markup.urlPerson = byUrl ? byUrl.person : -1;
        markup.urlOpen = byUrl ? byUrl.open : '';
      }
    }
    return markup;
  }

  function participantsOf(row) {
    const elements = row.matches(markup.senders) ? [row] : [];
    for (const el of row.querySelectorAll(markup.senders)) elements.push(el);
    return elements;
  }

  function read(el) {
    const addresses = [];
    const names = [];
    for (const name of markup.addressList) {
      const value = el.getAttribute(name);
      if (value) addresses.push(value);
    }
    for (const name of markup.nameList) {
      const value = name === 'text' ? el.textContent.trim() : el.getAttribute(name);
      if (value) names.push(value);
    }
    const href = el.getAttribute('href');
    // The attribute the markup names as holding the account amid other text (read by the core).
    const handle = markup.handle ? el.getAttribute(markup.handle) : null;
    return { addresses, names, links: href ? [href] : [], handles: handle ? [handle] : [] };
  }

  function uncover(row) {
    for (const el of covered.get(row) ?? []) el.removeAttribute(COVERED);
    covered.delete(row);
  }

  // Only what changes is written: our own attribute changes come back to
  // the observer, and rewriting them would decide the row again and again.
  function cover(row, elements) {
    if (elements.length > 0 && rules.textContent === '') writeRules();  // before the marks, in the same task
    const next = new Set(elements);
    for (const el of covered.get(row) ?? []) if (!next.has(el)) el.removeAttribute(COVERED);
    for (const el of next) if (!el.hasAttribute(COVERED)) el.setAttribute(COVERED, '');
    covered.set(row, [...next]);
  }

  function decide(row) {
    const participants = participantsOf(row);
    const group = !!markup.group && (row.matches(markup.group) || row.querySelector(markup.group) !== null);
    const verdict = participants.length === 0 && !group ? null
      : decider.decideInboxRow(document.URL, participants.map(read), group);
    if (verdict?.action === 'seal') {
      uncover(row);
      seal(row, verdict.person, verdict.open);
      count(verdict.person);
      return;
    }
    unseal(row);
    if (verdict?.action === 'cover') {
      const previews = markup.preview ? [...row.querySelectorAll(markup.preview)] : [];
      cover(row, [...verdict.listed.map((i) => participants[i]).filter(Boolean), ...previews]);
      count(verdict.person);
    } else if (verdict?.action === 'open' && coverPreview && markup.preview) {
      cover(row, [...row.querySelectorAll(markup.preview)]);
    } else {
      uncover(row);
    }
  }

  function seal(el, person, open = '') {
    if (rules.textContent === '') writeRules();  // in the same task as the mark: nothing painted in between
    if (!el.hasAttribute(SEALED)) el.setAttribute(SEALED, '');
    sealed.set(el, person);
    placeOpener(el, open);
  }
  function unseal(el) {
    if (!sealed.delete(el)) return;
    el.removeAttribute(SEALED);
    placeOpener(el, '');
  }

  // ---- Opening it on purpose: a sealed row or pane whose conversation has
  // an address that names them (the core says it: messenger.com/t/<them>,
  // web.whatsapp.com/send?phone=…) gets a quiet control. It carries nothing
  // of them (its text is the same everywhere; the address stays in this
  // world), takes only a person's own click or key, and hands the address to
  // the worker as the in-app guard does: the tab shows the block page, which
  // says the conversation is sealed and kept and offers to open it after the
  // cool-down. The page's own handlers never see the click: nothing opens,
  // nothing is marked read.
  function placeOpener(el, open) {
    let control = null;
    for (const child of el.children) if (controls.has(child)) control = child;
    if (!open) {
      opens.delete(el);
      control?.remove();
      if (el.hasAttribute(PLACED)) el.removeAttribute(PLACED);
      return;
    }
    opens.set(el, open);
    if (control) return;
    control = document.createElement('button');
    control.type = 'button';
    control.setAttribute(OPENER, '');
    control.textContent = chrome.i18n.getMessage('inboxOpenLater') || 'Open it after a cool-down';
    controls.add(control);
    if (getComputedStyle(el).position === 'static') el.setAttribute(PLACED, '');
    el.append(control);
  }
  const controlOf = (target) => {
    const el = target instanceof Element ? target.closest(`[${OPENER}]`) : null;
    return el && controls.has(el) ? el : null;
  };
  function openOnPurpose(control) {
    const open = opens.get(control.parentElement);
    if (open) chrome.runtime.sendMessage({ type: 'guardActivation', url: open }).catch(() => {});
  }
  // Every press on the control stops here, before the page's own listeners
  // (this script's are the first on window); only a trusted click opens.
  for (const type of ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'auxclick', 'dblclick', 'contextmenu', 'touchstart', 'touchend', 'keyup']) {
    window.addEventListener(type, (event) => {
      const control = controlOf(event.composedPath()[0]);  // inside a shadow root too
      if (!control) return;
      event.stopImmediatePropagation();
      if (type !== 'keyup' && type !== 'touchstart') event.preventDefault();
      if (type === 'click' && event.isTrusted) openOnPurpose(control);
    }, true);
  }

  // ---- The open pane: one participant, read from everything its header
  // shows (a status line such as "online" is not another person). Its text
  // goes too, read by the core for addresses and numbers only ("Jane Doe
  // <jane@…>" in a mail's sender line), never as a name.
  function paneHeader(pane) {
    const values = { addresses: [], names: [], links: [], texts: [], handles: [] };
    for (const el of markup.paneSenders ? pane.querySelectorAll(markup.paneSenders) : []) {
      const one = read(el);
      values.addresses.push(...one.addresses);
      values.names.push(...one.names);
      values.links.push(...one.links);
      values.handles.push(...one.handles);
      const text = el.textContent.trim();
      if (text) values.texts.push(text);
    }
    return values;
  }
  const sealedBy = (participants) => {
    const verdict = decider.decideInboxRow(document.URL, participants, false);
    return verdict?.action === 'seal' ? verdict : null;
  };
  /** The listed person the pane is with, and an address of their conversation (see placeOpener). */
  function panePerson(pane) {
    // The list's current row, when it is sealed: who it is with, and its address.
    let current = null;
    if (markup.current) {
      for (const [row, person] of sealed) {
        if (row.isConnected && !row.matches(markup.pane) && (row.matches(markup.current) || row.querySelector(markup.current))) {
          current = { person, open: opens.get(row) ?? '' };
          break;
        }
      }
    }
    const header = paneHeader(pane);
    const verdict = header.addresses.length + header.names.length + header.links.length + header.texts.length + header.handles.length
      ? sealedBy([header]) : null;
    const person = verdict ? verdict.person : markup.urlPerson >= 0 ? markup.urlPerson : current ? current.person : -1;
    // The first address of a conversation with that person: the header's, the page's, the current row's.
    const open = [verdict?.open, markup.urlPerson === person ? markup.urlOpen : '', current?.person === person ? current.open : '']
      .find(Boolean) ?? '';
    return { person, open };
  }
  function decidePane(pane) {
    const { person, open } = panePerson(pane);
    if (person >= 0 && !(opened && opened.person === person && opened.until > Date.now())) {
      seal(pane, person, open);
      count(person);
    } else {
      unseal(pane);
    }
  }
  function decidePanes() {
    if (markup?.pane) for (const scope of scopes()) decidePanesIn(scope);
  }
  function decidePanesIn(scope) {
    for (const pane of scope.querySelectorAll(markup.pane)) decidePane(pane);
  }
  /** The rows, then the panes, of a document or root (a pane follows its list's current row). */
  function decideIn(scope) {
    for (const row of scope.querySelectorAll(markup.rows)) decide(row);
    if (markup.pane) decidePanesIn(scope);
  }

  let decidedFor = null;  // the id of the markup every row present was decided by
  function decideAll() {
    if (!currentMarkup()) return;
    decidedFor = markup.id;
    adoptRoots();  // decided below, with the document
    for (const scope of scopes()) for (const row of scope.querySelectorAll(markup.rows)) decide(row);
    decidePanes();
  }

  // ---- Shadow roots: an inbox drawn inside one (the catalog's `shadow`
  // names its hosts) is read there as in the document. The root is watched
  // by the same observer, carries a copy of the seals' style sheet (put back
  // if the app clears its root, as React does on its first render), and its
  // rows and panes are decided with the document's. A host whose root is
  // not attached yet stays hidden (hostHold), and is looked at again before
  // the next frame.
  const roots = new Set();  // shadow roots read now
  const rootRules = new Map();  // root -> its copy of the seals' style sheet
  const scopes = () => (roots.size ? [document, ...roots] : [document]);
  // An open root (X Chat's is), or a closed one through each browser's own
  // way for content scripts: an element's openOrClosedShadowRoot in Firefox,
  // chrome.dom's in Chromium. Else the host stays held.
  const rootOf = (host) => host.shadowRoot ?? host.openOrClosedShadowRoot ?? chrome.dom?.openOrClosedShadowRoot?.(host) ?? null;
  let rootCheck = 0;
  /** Reads the root of every inbox host in the document and the roots read; returns the roots read for the first time. */
  function adoptRoots() {
    const fresh = [];
    if (!markup?.shadow) return fresh;
    for (const scope of scopes()) {
      for (const host of scope.querySelectorAll(markup.shadow)) {
        const root = adoptRoot(host);
        if (root) fresh.push(root);
      }
    }
    return fresh;
  }
  /**
   * Reads `host`'s root: watched, its seals' style sheet placed, the host no
   * longer held. Returns the root when read for the first time (its rows are
   * the caller's to decide, in the same task), else null.
   */
  function adoptRoot(host) {
    const root = rootOf(host);
    if (!root) {  // not attached yet: looked at again before the next frame
      rootCheck ||= requestAnimationFrame(() => {
        rootCheck = 0;
        if (active && currentMarkup()) for (const fresh of adoptRoots()) decideIn(fresh);
      });
      return null;
    }
    const fresh = !roots.has(root);
    if (fresh) {
      roots.add(root);
      const copy = document.createElement('style');
      copy.textContent = rules.textContent;
      rootRules.set(root, copy);
      root.append(copy);
      observeRoot(root);
    }
    if (!host.hasAttribute(ROOTED)) host.setAttribute(ROOTED, '');
    return fresh ? root : null;
  }
  /** Roots whose host left the page are let go; a root's style sheet taken out is put back. */
  function tendRoots() {
    for (const root of roots) {
      if (!root.host.isConnected) {
        roots.delete(root);
        rootRules.delete(root);
      } else if (rootRules.get(root).parentNode !== root) {
        root.append(rootRules.get(root));
      }
    }
  }

  function releaseAll() {
    for (const row of [...sealed.keys()]) unseal(row);
    for (const row of [...covered.keys()]) uncover(row);
  }

  // ---- "Messages kept sealed": one storage item per page and day, written
  // without reading first (as feeds.js's counts), never an attempt. A sealed
  // conversation counts once a day per tab however often the inbox redraws
  // its row; a notification kept back counts as one message.
  const session = Math.random().toString(36).slice(2);
  const today = () => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  };
  const counts = {};     // day -> messages kept sealed here
  const countedOn = {};  // day -> the conversations (people) counted
  let countTimer = 0;
  function count(key) {
    const day = today();
    if (key !== null) {
      countedOn[day] ??= new Set();
      if (countedOn[day].has(key)) return;
      countedOn[day].add(key);
    }
    counts[day] = (counts[day] ?? 0) + 1;
    countTimer ||= setTimeout(() => {
      countTimer = 0;
      for (const [d, n] of Object.entries(counts)) chrome.storage.local.set({ [`inbox.count.${d}.${session}`]: n }).catch(() => {});
    }, 1000);
  }

  // ---- The observer: every change that can alter a row's verdict.
  function rowsTouched(records) {
    const touched = new Set();
    // A host's root read for the first time: its rows are decided with the others (its panes at the callback's end).
    const found = (el) => {
      if (!markup.shadow || !el.matches(markup.shadow)) return touched.add(el);
      const root = adoptRoot(el);
      if (root) for (const row of root.querySelectorAll(markup.rows)) touched.add(row);
    };
    for (const r of records) {
      // A text node's element; none for a change right under a document or
      // a shadow root (an app rendering into its root), whose added nodes still count.
      const target = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (r.type === 'attributes' && (r.attributeName === SEALED || r.attributeName === COVERED)) {
        // Only when the page took a mark off (a re-render) is the row decided again.
        const lost = r.attributeName === SEALED ? sealed.has(target) && !target.hasAttribute(SEALED)
          : !target.hasAttribute(COVERED) && [...covered.values()].some((els) => els.includes(target));
        const row = lost ? target.closest(markup.rows) : null;
        if (row) touched.add(row);
        continue;
      }
      // Every row around the change: rows can nest (a list item and its link).
      for (let around = target?.closest(markup.rows); around; around = around.parentElement?.closest(markup.rows)) {
        touched.add(around);
      }
      if (r.type === 'childList') {
        for (const node of r.addedNodes) {
          if (node.nodeType !== 1) continue;
          // One query for the rows and the hosts of shadow-root inboxes (markup.found).
          if (node.matches(markup.found)) found(node);
          for (const inner of node.querySelectorAll(markup.found)) found(inner);
        }
      }
    }
    return touched;
  }

  const observer = new MutationObserver((records) => {
    if (!active) return;
    quietTitle();  // on every page of these sites: "Jane Doe messaged you | Facebook" too
    if (!currentMarkup()) {
      if (sealed.size || covered.size) releaseAll();
      observe(false);
      decidedFor = null;
      return;
    }
    observe(true);  // the attributes of the markup of this URL
    // An SPA navigation into an inbox, or from an app's overlay to its inbox
    // (x.com/home to /messages): every row now, as this URL's markup reads it.
    if (decidedFor !== markup.id) decideAll();
    // A page that rebuilds its <head> must not take the seals with it.
    if (!rules.isConnected) (document.head ?? document.documentElement).append(rules);
    if (roots.size) tendRoots();
    for (const row of rowsTouched(records)) if (row.isConnected) decide(row);
    for (const row of sealed.keys()) {
      if (!row.isConnected) {
        sealed.delete(row);
        opens.delete(row);
      }
    }
    for (const row of covered.keys()) if (!row.isConnected) covered.delete(row);  // gone from the page
    // The pane changes with every conversation opened or row selected: decided again each time.
    decidePanes();
  });

  // Outside an inbox (the same site's feed) only added nodes are watched, to
  // see the inbox come; inside, every change that can alter a row: among
  // them the attributes the catalog reads addresses and names from (Gmail's
  // avatar `jid`, say), so that a recycled row is decided again.
  let observing = null;  // markup.watchedKey, or '' outside an inbox
  function observe(inbox) {
    const key = inbox ? markup.watchedKey : '';
    if (observing === key) return;
    observer.disconnect();
    observer.observe(document, watching(inbox));
    observing = key;
    for (const root of roots) observer.observe(root, watching(inbox));
  }
  const watching = (inbox) => (inbox ? {
    childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: markup.watched,
  } : { childList: true, subtree: true });
  const observeRoot = (root) => observer.observe(root, watching(observing !== ''));

  // ---- The tab title: "(1) Jane Doe" becomes a neutral title.
  let quietTitleText = null;
  let titleChecked = null;  // the last title found not to name anyone: asked once, not on every change of the page
  function quietTitle() {
    if (!active) return;
    const title = document.title;
    if (title === quietTitleText || title === titleChecked) return;
    if (decider.inboxTextPerson(title) < 0) {
      titleChecked = title;
      return;
    }
    quietTitleText = chrome.i18n.getMessage('inboxQuietTitle') || 'Messages';
    document.title = quietTitleText;
  }

  // ---- Notifications handed over by the page's world (inbox_notify.js).
  pagePort.onmessage = (event) => {
    const n = event.data;
    if (!n || typeof n !== 'object') return;
    if (n.type === 'close') {
      closeShown(String(n.id));
      return;
    }
    if (n.type !== 'notify' || typeof n.title !== 'string') return;
    if (mode === 'starting') waiting.push(n);  // decided when the core is ready
    else if (mode !== 'failed') notify(n);  // failed: kept back, as the rows are
  };

  const waiting = [];
  const shownById = new Map();  // the page's id -> the notification shown for it
  const shownByWorker = new Map();  // the page's id -> what was shown through its registration
  function closeShown(id) {
    shownById.get(id)?.close();
    const shown = shownByWorker.get(id);
    if (!shown) return;
    shownByWorker.delete(id);
    shown.registration.getNotifications({ tag: shown.tag }).then((list) => {
      for (const n of list) if (n.title === shown.title && n.body === shown.body) n.close();
    }, () => {});
  }
  function notify(n) {
    const options = {};
    for (const key of ['body', 'tag', 'icon', 'badge', 'image', 'dir', 'lang']) {
      if (typeof n.options?.[key] === 'string') options[key] = n.options[key];
    }
    for (const key of ['silent', 'requireInteraction', 'renotify']) {
      if (typeof n.options?.[key] === 'boolean') options[key] = n.options[key];
    }
    // Naming a listed person (in its title or text): never shown. While
    // Deadbolt is off or has no list, or for anyone else: shown as asked.
    if (active && decider.inboxTextPerson(`${n.title}\n${options.body ?? ''}`) >= 0) {
      count(null);
      return;
    }
    if (typeof n.scope === 'string') {
      // Raised through the page's service worker registration: shown
      // through the same registration, so that its click reaches the
      // platform's service worker as it would have.
      if (typeof n.options?.timestamp === 'number') options.timestamp = n.options.timestamp;
      if (n.options?.data !== undefined) options.data = n.options.data;
      if (Array.isArray(n.options?.actions)) options.actions = n.options.actions;
      if (Array.isArray(n.options?.vibrate)) options.vibrate = n.options.vibrate;
      // Where this world cannot reach the registration (a browser that
      // gives content scripts no service worker container), it is shown as
      // a plain notification: seen, though its click reaches no worker.
      const plain = () => {
        delete options.actions;
        showPlain(n, options);
      };
      const container = navigator.serviceWorker;
      if (!container) return plain();
      container.getRegistration(n.scope)
        .then((registration) => {
          if (!registration) return plain();
          shownByWorker.set(String(n.id), { registration, title: n.title, tag: options.tag ?? '', body: options.body ?? '' });
          return registration.showNotification(n.title, options);
        })
        .catch(plain);
      return;
    }
    showPlain(n, options);
  }
  function showPlain(n, options) {
    try {
      const shown = new Notification(n.title, options);
      const id = String(n.id);
      shownById.set(id, shown);
      // A click goes back to the page's own handler (it opens that chat).
      shown.onclick = () => pagePort.postMessage({ type: 'click', id });
      shown.onclose = () => shownById.delete(id);
    } catch {
      // The page could not have shown it either.
    }
  }
  function flushWaiting() {
    for (const n of waiting.splice(0)) notify(n);
  }
  // ---- Keys on a sealed row do nothing (Enter or Space would open it).
  window.addEventListener('keydown', (event) => {
    // Only a person's own keys: a page's synthetic Enter on its rows would
    // otherwise learn which are sealed from which are cancelled.
    if (!event.isTrusted || !sealed.size || (event.key !== 'Enter' && event.key !== ' ')) return;
    const origin = event.composedPath()[0];  // inside a shadow root too
    const target = origin instanceof Element ? origin : null;
    if (controlOf(target)) {
      // The control's own key: the page never sees it; the button's own
      // activation (a trusted click) opens it.
      event.stopImmediatePropagation();
      return;
    }
    if (target && [...sealed.keys()].some((row) => row.contains(target))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // 'starting', 'deciding', 'off' (Deadbolt off, or no list yet: nothing sealed) or
  // 'failed' (the core or its index cannot be used: rows and notifications held back).
  let mode = 'starting';
  // The decider's module, compiled once in this world: the feed scripts'
  // (extension/content/core_loader.js) where they run on this site too.
  const compiled = () => (typeof deadboltItems === 'undefined'
    ? WebAssembly.compile(deadboltDecider.wasm) : deadboltItems.compiled());
  async function start() {
    // Where the feed script runs too, its first decisions go first (its
    // items are painted with the page; the rows here stay held meanwhile),
    // and so does its read: asked for at once, this script's index (as large
    // as the feed's) was read beside the feed's, whose reply then came
    // 1.4–2.7 ms later (BENCHMARKS.md, 2026-12-07).
    if (typeof deadboltItems !== 'undefined') await deadboltItems.settled;
    // Read, with its changes kept until the core is ready (local_read.js).
    const reading = deadboltReadFollowing([INDEX_KEY, OPENED_KEY]);
    try {
      [decider] = await Promise.all([deadboltDecider.instantiateDecider(await compiled()), reading.items.catch(() => null)]);
    } catch {
      reading.stop();
      mode = 'failed';  // the hold stays: see the top of this file
      waiting.length = 0;
      return;
    }
    reading.stop();  // the listener below follows from here
    const stored = reading.latest();
    if (stored === null) {
      mode = 'failed';  // unreadable, even when asked again, is not "off": held back until the index changes
      waiting.length = 0;
      return;
    }
    const index = stored[INDEX_KEY] ?? null;
    opened = stored[OPENED_KEY] ?? null;
    if (!index || !index.enabled || !load(index)) {
      if (index === null || index.enabled === false) {
        mode = 'off';
        hold.remove();
        hostHold.remove();
        flushWaiting();
      } else {
        mode = 'failed';  // a damaged index: held back
        waiting.length = 0;
      }
      return;
    }
    coverPreview = index.coverCoparentPreview === true;
    (document.head ?? document.documentElement).append(rules);
    active = true;
    mode = 'deciding';
    observe(!!currentMarkup());
    decideAll();
    quietTitle();
    hold.remove();  // same task as decideAll: nothing painted in between
    openedChanged();
    flushWaiting();
  }

  function load(index) {
    if (typeof index.snapshot !== 'string') return false;
    let bytes;
    try {
      bytes = deadboltDecider.fromBase64(index.snapshot);
    } catch {
      return false;
    }
    return decider.loadInboxIndex(bytes);
  }

  // A conversation opened on purpose, or its minutes over: its pane decided again.
  let openedTimer = 0;
  function openedChanged() {
    clearTimeout(openedTimer);
    if (opened?.until > Date.now()) openedTimer = setTimeout(() => active && decidePanes(), opened.until - Date.now() + 50);
    if (active && currentMarkup()) decidePanes();
  }

  // A changed list or setting (the worker rewrites the index): decide again.
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[OPENED_KEY] && decider) {
      opened = changes[OPENED_KEY].newValue ?? null;
      openedChanged();
    }
    if (area !== 'local' || !changes[INDEX_KEY] || !decider) return;
    follow(changes[INDEX_KEY].newValue);
  });

  /** Applies the index `next` as stored now: rows decided again, or released. */
  function follow(next) {
    const on = !!next && next.enabled === true && load(next);
    // On, but an index it cannot read (damaged): never taken for "off". The
    // decider keeps the index it held, so what is sealed stays sealed, and a
    // page still held stays held, until an index it can read.
    if (!on && next?.enabled === true) {
      // From off, nothing was held: the rows are, until an index it can read.
      if (mode === 'off') {
        mode = 'failed';
        (document.head ?? document.documentElement).append(hold);
      }
      return;
    }
    if (!on) {
      active = false;
      if (next?.enabled === false || !next) {
        mode = 'off';
        hold.remove();  // held since an index that could not be read
        hostHold.remove();
      }
      releaseAll();
      return;
    }
    coverPreview = next.coverCoparentPreview === true;
    if (!active) (document.head ?? document.documentElement).append(rules);
    // On again: an inbox host whose root is not read yet is hidden until it is (in this task).
    if (hostHold.textContent && !hostHold.isConnected) (document.head ?? document.documentElement).append(hostHold);
    active = true;
    mode = 'deciding';
    markupHref = null;
    titleChecked = null;  // a title that named no one may name someone on the new list
    observing = null;
    observe(!!currentMarkup());
    decideAll();
    quietTitle();
    hold.remove();  // held since an index that could not be read: same task as decideAll
  }

  // The back/forward cache (as feeds.js): Firefox gives a cached page's
  // content scripts no storage events, so leaving it, its rows are held
  // again, and brought back, the index and the conversation opened on
  // purpose are read again and followed; unreadable, the rows stay held.
  window.addEventListener('pagehide', (event) => {
    if (event.persisted && decider) (document.head ?? document.documentElement).append(hold);
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted || !decider) return;
    deadboltReadLocal([INDEX_KEY, OPENED_KEY]).then((stored) => {
      opened = stored[OPENED_KEY] ?? null;
      follow(stored[INDEX_KEY] ?? null);
      openedChanged();
    }, () => {});
  });

  start();
})();
