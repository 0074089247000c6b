// The content scripts' one way into the core: the decider (the same module
// the service worker starts with, from extension/built/decider.classic.js,
// which carries its wasm), behind a tiny interface so that the loader can
// change without the feed script changing.
//
//   deadboltItems.start()                      instantiates the decider: Promise<boolean>
//   deadboltItems.compiled()                   the decider's compiled module, compiled once for
//                                              every decider of this world (the guard's too)
//   deadboltItems.settled                      resolves once the feed script has asked for the
//                                              page's markup (and so decided the page), could not
//                                              start, or half a second after this script ran: the
//                                              guard and the inbox script start their deciders after it
//   deadboltItems.apply(index)                 the feed index as storage keeps it ({snapshot: base64,
//                                              enabled, mentions, whole, ...}): loaded when on; boolean
//   deadboltItems.wholeList()                  the decider itself while it holds an index of the whole
//                                              list (`whole`) that is on, else null: the guard decides
//                                              with it then, instead of with a decider of its own
//   deadboltItems.applies()                    how many times apply() was called: what the decider holds
//                                              may have changed since a count the guard kept
//   deadboltItems.markupFor(pageUrl, instances) the page's feed markup, or null (`instances`: the
//                                              fediverse instances the person added, from the feed index)
//   deadboltItems.lastMarkup()                 what markupFor() answered last
//   deadboltItems.decideItem(page, links, authors, attributes)
//                                              -1 to show, else the listed person's index
//   deadboltItems.styleFor(page, people)       the page's user style sheet (feed_style.h) for those people, or ''
//
// Content scripts are classic scripts sharing one isolated world: this
// object is visible to Deadbolt's content scripts only, never to the page.
/* global deadboltDecider */
/* exported deadboltItems */
// eslint-disable-next-line no-var -- a global of the isolated world, for the next content script
var deadboltItems = deadboltItems ?? (() => {  // once per world, as deadboltDecider
  let decider = null;
  let loadedWhole = false;  // the decider holds an index of the whole list, which is on
  let applies = 0;
  let lastMarkup = null;
  let compiling = null;
  let settle;
  // Bounded: a feed script that never gets as far (a page it has no markup
  // for is still asked) must not keep the others from starting.
  const settled = Promise.race([
    new Promise((resolve) => { settle = resolve; }),
    new Promise((resolve) => { setTimeout(resolve, 500); }),
  ]);
  const compiled = () => (compiling ??= WebAssembly.compile(deadboltDecider.wasm));


  return {
    async start() {
      if (decider) return true;
      try {
        decider = await deadboltDecider.instantiateDecider(await compiled());
        return true;
      } catch {
        decider = null;
        settle();
        return false;
      }
    },
    apply(index) {
      applies += 1;
      loadedWhole = false;  // off, unreadable or refused: the decider keeps what it held, whatever that was
      if (!decider || index?.enabled !== true || typeof index.snapshot !== 'string') return false;
      let bytes;
      try {
        bytes = deadboltDecider.fromBase64(index.snapshot);
      } catch {
        return false;  // not base64: damaged; items stay held back
      }
      const loaded = decider.loadFeedIndex(bytes, index.mentions !== false);
      loadedWhole = loaded && index.whole === true;
      return loaded;
    },
    // The mentions setting the feed index was loaded with changes what an
    // item's links hide, not what a link or an identity attribute decides,
    // which is all the guard asks.
    wholeList: () => (loadedWhole ? decider : null),
    applies: () => applies,
    lastMarkup: () => lastMarkup,
    compiled,
    settled,
    markupFor(page, instances) {
      settle();  // its continuations run after the feed script's synchronous first decisions
      lastMarkup = decider ? decider.feedMarkup(page, instances) : null;
      return lastMarkup;
    },
    decideItem(page, links, authors, attributes) {
      return decider ? decider.decideItem(page, links, authors, attributes) : -1;
    },
    styleFor(page, people) {
      return decider ? decider.feedStyle(page, people) : '';
    },
  };
})();
