// The fake feed pages' own script (the page's world, never Deadbolt's): counts
// painted frames of listed items and plays the situations of the feed tests.
//
// How a page knows an item was painted: in every animation frame (run just
// before the frame is rendered), each element the page marked data-listed
// (a test-only attribute Deadbolt never reads) is checked; it counts as
// painted when it is in the document, has layout boxes (getClientRects) and
// checkVisibility() with visibility and content-visibility says it renders.
// Any frame in which one listed item would render is a painted frame.
(() => {
  const state = (window.feedTest = {
    frames: 0, paintedFrames: 0, painted: new Set(), fetches: 0,
  });
  const rendered = (el) =>
    el.isConnected && el.getClientRects().length > 0 &&
    el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  function frame() {
    state.frames += 1;
    let any = false;
    for (const el of document.querySelectorAll('[data-listed]')) {
      if (rendered(el)) {
        any = true;
        state.painted.add(el.dataset.listed);
      }
    }
    if (any) state.paintedFrames += 1;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  // A search box (data-search-box) opens its dropdown on the first keypress,
  // as the apps' typeaheads do.
  document.addEventListener('input', (e) => {
    if (e.target.matches?.('[data-search-box]')) state.openDropdown();
  }, true);

  const feed = () => document.querySelector('[data-feed]');
  const template = (name) => document.getElementById(name).content.firstElementChild;
  let serial = 0;
  /** A new item from template `name` ("listed" or "friend"), marked as the page knows it. */
  function make(name) {
    const el = template(name).cloneNode(true);
    serial += 1;
    if (name === 'listed') el.dataset.listed = `made-${serial}`;
    else el.dataset.shown = `made-${serial}`;
    return el;
  }
  /** Gives `node` the attributes and content of template `name` (a recycled node). */
  function morph(node, name) {
    const from = template(name);
    for (const a of [...node.attributes]) if (!a.name.startsWith('data-listed') && !a.name.startsWith('data-shown') && a.name !== 'style') node.removeAttribute(a.name);
    for (const a of from.attributes) node.setAttribute(a.name, a.value);
    node.innerHTML = from.innerHTML;
    serial += 1;
    delete node.dataset.listed;
    delete node.dataset.shown;
    if (name === 'listed') node.dataset.listed = `recycled-${serial}`;
    else node.dataset.shown = `recycled-${serial}`;
  }
  Object.assign(state, {
    make, morph,
    reset() { state.frames = 0; state.paintedFrames = 0; state.painted.clear(); },
    append(name, count = 1) { for (let i = 0; i < count; i++) feed().append(make(name)); },
    /** An empty container now, its listed content a task later. */
    skeleton() {
      const from = template('listed');
      const el = document.createElement(from.tagName);
      for (const a of from.attributes) if (!from.dataset.attrLate || a.name !== from.dataset.attrLate) el.setAttribute(a.name, a.value);
      // An empty skeleton shows no one: it becomes a listed item when filled.
      el.dataset.skeleton = '';
      feed().append(el);
      const name = `skeleton-${++serial}`;
      return new Promise((resolve) => setTimeout(() => {
        for (const a of from.attributes) el.setAttribute(a.name, a.value);
        el.innerHTML = from.innerHTML;
        el.dataset.listed = name;
        setTimeout(resolve, 100);
      }, 50));
    },
    /** A shown friend's item becomes a listed person's, and a hidden listed one a friend's. */
    async recycle() {
      const friend = make('friend');
      const listed = make('listed');
      feed().append(friend, listed);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      morph(friend, 'listed');
      morph(listed, 'friend');
      return { listed: friend.dataset.listed, shown: listed.dataset.shown };
    },
    /** A single-page-app navigation to another feed: new URL, new items. */
    navigate(path) {
      history.pushState({}, '', path);
      feed().replaceChildren();
      for (let i = 0; i < 10; i++) feed().append(make(i % 3 === 0 ? 'listed' : 'friend'));
    },
    /** An infinite scroll: `total` items, one in ten listed, in frames of 20, scrolling down. */
    scroll(total = 2000) {
      return new Promise((resolve) => {
        let made = 0;
        const t0 = performance.now();
        function step() {
          for (let i = 0; i < 20 && made < total; i++, made++) feed().append(make(made % 10 === 3 ? 'listed' : 'friend'));
          window.scrollTo(0, document.documentElement.scrollHeight);
          if (made < total) requestAnimationFrame(step);
          else resolve(performance.now() - t0);
        }
        requestAnimationFrame(step);
      });
    },
    /** The search box's dropdown (template "dropdown"), inserted whole, as a typeahead opens. */
    openDropdown() {
      if (state.dropdown) return;
      state.dropdown = template('dropdown').cloneNode(true);
      (document.querySelector('[data-dropdown]') ?? document.body).append(state.dropdown);
    },
    /**
     * A row (template "late") inserted bare, as an app renders a row before
     * its data: a task later its data-late-* attributes become the real ones
     * (its link, its avatar's test id) and the page marks it listed.
     */
    lateRow() {
      const el = template('late').cloneNode(true);
      const name = `late-${++serial}`;
      (document.querySelector('[data-late-host]') ?? feed()).append(el);
      return new Promise((resolve) => setTimeout(() => {
        for (const node of [el, ...el.querySelectorAll('*')]) {
          for (const a of [...node.attributes]) {
            if (a.name.startsWith('data-late-') && a.name !== 'data-late-host') node.setAttribute(a.name.slice(10), a.value);
          }
        }
        el.dataset.listed = name;
        setTimeout(resolve, 100);
      }, 50));
    },
    /** Items a visible listed/unlisted check would call rendered, for the test. */
    report() {
      const shown = [...document.querySelectorAll('[data-shown]')];
      const listed = [...document.querySelectorAll('[data-listed]')];
      return {
        frames: state.frames, paintedFrames: state.paintedFrames, painted: [...state.painted],
        listed: listed.length, listedRendered: listed.filter(rendered).map((e) => e.dataset.listed),
        shown: shown.length, shownHidden: shown.filter((e) => !rendered(e)).map((e) => e.dataset.shown),
      };
    },
  });
})();
