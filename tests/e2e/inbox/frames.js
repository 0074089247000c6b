// The fake inbox pages' own script (the page's world, never Deadbolt's):
// counts painted frames that show a trace of a listed person and plays the
// situations of the inbox tests.
//
// A trace is any element the page marked data-trace (a test-only attribute
// Deadbolt never reads): a listed person's name, address, number, photo,
// preview or unread badge. In every animation frame (run just before the
// frame is rendered) each one is checked; it counts as painted when it is in
// the document, has layout boxes and checkVisibility() with visibility says
// it renders. data-shown marks what must stay visible (other people's rows).
(() => {
  // shadowRoots: the roots a page draws its inbox in (X Chat), open or
  // closed, handed here by the page itself: what is inside counts as the document's own.
  const state = (window.inboxTest = { frames: 0, paintedFrames: 0, painted: new Set(), raised: [], shadowRoots: [] });
  const scopes = () => [document, ...state.shadowRoots];
  const all = (selector) => scopes().flatMap((scope) => [...scope.querySelectorAll(selector)]);
  const first = (selector) => all(selector)[0] ?? null;
  const rendered = (el) =>
    el.isConnected && el.getClientRects().length > 0 &&
    el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true, opacityProperty: true });
  function frame() {
    state.frames += 1;
    let any = false;
    for (const el of all('[data-trace]')) {
      if (rendered(el)) {
        any = true;
        state.painted.add(el.dataset.trace);
      }
    }
    if (any) state.paintedFrames += 1;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);

  const list = () => first('[data-list]');
  const template = (name) => document.getElementById(name).content.firstElementChild;
  let serial = 0;
  /** A new row from template `name`, its marks numbered. */
  function make(name) {
    const row = template(name).cloneNode(true);
    serial += 1;
    for (const el of [row, ...row.querySelectorAll('[data-trace], [data-shown]')]) {
      if (el.dataset.trace) el.dataset.trace = `${el.dataset.trace}-${serial}`;
      if (el.dataset.shown) el.dataset.shown = `${el.dataset.shown}-${serial}`;
    }
    return row;
  }
  Object.assign(state, {
    reset() { state.frames = 0; state.paintedFrames = 0; state.painted.clear(); },
    /** A message arriving while the page is open: a new row at the top, as the apps insert it. */
    arrive(name) { list().prepend(make(name)); },
    /**
     * A message arriving in parts, as a page still coming in is parsed (or
     * an app that draws a row bit by bit): the row from template `name` is
     * inserted cut after its [data-part-break] element, and the rest is
     * added a few frames later. Resolves once the row is whole.
     */
    arriveInParts(name) {
      const row = make(name);
      const later = [];  // [parent, node] in document order
      for (let n = row.querySelector('[data-part-break]'); n !== row; n = n.parentNode) {
        while (n.nextSibling) {
          later.push([n.parentNode, n.nextSibling]);
          n.nextSibling.remove();
        }
      }
      list().prepend(row);
      return new Promise((done) => {
        let frames = 0;
        const next = () => {
          if (++frames < 4) return requestAnimationFrame(next);
          for (const [parent, node] of later) parent.append(node);
          done();
        };
        requestAnimationFrame(next);
      });
    },
    /** The first row of `selector` re-rendered to the top: a fresh node with the same content, the old one removed. */
    toTop(selector) {
      const old = list().querySelector(selector);
      const fresh = old.cloneNode(true);
      old.remove();
      list().prepend(fresh);
    },
    /** A row node recycled for another conversation (virtual lists): its content replaced in place. */
    recycle(selector, name) {
      const row = list().querySelector(selector);
      const from = make(name);
      for (const a of [...row.attributes]) if (!a.name.startsWith('data-')) row.removeAttribute(a.name);
      for (const a of from.attributes) row.setAttribute(a.name, a.value);
      row.innerHTML = from.innerHTML;
    },
    /**
     * The app opening another conversation in its pane: the pane's content
     * replaced by template `pane-<name>` and, in the same task, the list's
     * current-row mark (the template's data-mark-attr, or its
     * data-mark-class) moved to its row.
     */
    openPane(name) {
      const t = document.getElementById(`pane-${name}`);
      const { row, markAttr, markValue, markClass } = t.dataset;
      if (markAttr) {
        for (const el of list().querySelectorAll(`[${markAttr}]`)) el.removeAttribute(markAttr);
        list().querySelector(row).setAttribute(markAttr, markValue);
      }
      if (markClass) {  // the mark is a class (LinkedIn's ...convo-item-link--active)
        for (const el of list().querySelectorAll(`.${markClass}`)) el.classList.remove(markClass);
        list().querySelector(row).classList.add(markClass);
      }
      const pane = t.content.cloneNode(true);
      serial += 1;
      for (const el of pane.querySelectorAll('[data-trace], [data-shown]')) {
        if (el.dataset.trace) el.dataset.trace = `${el.dataset.trace}-${serial}`;
        if (el.dataset.shown) el.dataset.shown = `${el.dataset.shown}-${serial}`;
      }
      first('[data-pane-host]').replaceChildren(pane);
    },
    /** The page raising a desktop notification, as the inboxes do for a new message. */
    notify(title, body) {
      const n = new Notification(title, { body, tag: `t${++serial}` });
      state.raised.push({ title, events: [] });
      const record = state.raised.at(-1);
      for (const type of ['show', 'error', 'close']) n.addEventListener(type, () => record.events.push(type));
      return serial;
    },
    /**
     * The page raising a notification through its service worker
     * registration (registration.showNotification), as WhatsApp Web does:
     * resolves to what the page's promise did ('resolved' or 'rejected').
     */
    async notifyViaWorker(title, body) {
      state.registration ??= navigator.serviceWorker.register('/inbox/sw.js', { scope: '/inbox/' }).then(async (r) => {
        const worker = r.installing ?? r.waiting ?? r.active;
        if (worker.state !== 'activated') await new Promise((done) => worker.addEventListener('statechange', () => worker.state === 'activated' && done()));
        return r;
      });
      const registration = await state.registration;
      return registration.showNotification(title, { body, tag: `w${++serial}` }).then(() => 'resolved', () => 'rejected');
    },
    report() {
      const traces = all('[data-trace]');
      const shown = all('[data-shown]');
      return {
        frames: state.frames, paintedFrames: state.paintedFrames, painted: [...state.painted],
        traces: traces.length, tracesRendered: traces.filter(rendered).map((e) => e.dataset.trace),
        shown: shown.length, shownHidden: shown.filter((e) => !rendered(e)).map((e) => e.dataset.shown),
        title: document.title,
      };
    },
  });
})();
