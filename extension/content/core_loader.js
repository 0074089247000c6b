// The content scripts' one way into the core: a tiny interface over the
// items module (built/items_core.js, a classic script that carries its wasm),
// so that the loader can change without the feed script changing.
//
//   deadboltItems.start()                      instantiates the core: Promise<boolean>
//   deadboltItems.load(index, mentions)        loads the feed list's decision index: boolean
//   deadboltItems.markupFor(pageUrl)           the page's feed markup, or null
//   deadboltItems.decideItem(page, links, authors, attributes)
//                                              -1 to show, else the listed person's index
//
// Content scripts are classic scripts sharing one isolated world: this
// object is visible to Deadbolt's content scripts only, never to the page.
/* global createDeadboltItems */
/* exported deadboltItems */
// eslint-disable-next-line no-var -- a global of the isolated world, for the next content script
var deadboltItems = (() => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let module = null;
  let core = 0;
  let input = null;  // a view of the core's input buffer, renewed when memory grows

  function reserve(bytes) {
    const size = Math.max(bytes, input?.byteLength ?? 0, 4096);
    const pointer = module._deadbolt_items_input(core, size);
    input = module.HEAPU8.subarray(pointer, pointer + size);
  }

  // Writes `text` as UTF-8 into the input buffer; returns its length.
  function write(text) {
    for (;;) {
      if (input === null || input.byteLength === 0) reserve(4096);
      const { read, written } = encoder.encodeInto(text, input);
      if (read === text.length) return written;
      reserve(text.length * 3);
    }
  }

  // Writes a snapshot kept in base64 (as storage keeps it) as bytes; returns its length.
  function writeBase64(text) {
    const binary = atob(text);
    if (input === null || input.byteLength < binary.length) reserve(binary.length);
    for (let i = 0; i < binary.length; i++) input[i] = binary.charCodeAt(i);
    return binary.length;
  }

  function output(length) {
    const pointer = module._deadbolt_items_output(core);
    return decoder.decode(module.HEAPU8.subarray(pointer, pointer + length));
  }

  return {
    async start() {
      if (module) return true;
      try {
        module = await createDeadboltItems();
        core = module._deadbolt_items_create();
        return true;
      } catch {
        module = null;
        return false;
      }
    },
    load(index, mentions) {
      if (!module || typeof index !== 'string') return false;
      let bytes;
      try {
        bytes = writeBase64(index);
      } catch {
        return false;  // not base64: damaged; items stay held back
      }
      return module._deadbolt_items_load(core, bytes, mentions ? 1 : 0) === 1;
    },
    markupFor(page) {
      if (!module) return null;
      const length = module._deadbolt_items_markup(core, page === '' ? 0 : write(page));
      return length ? JSON.parse(output(length)) : null;
    },
    decideItem(page, links, authors, attributes) {
      let text = 'P' + page;
      for (const href of authors) text += '\0A' + href;
      for (const href of links) text += '\0L' + href;
      for (const [name, value] of attributes) text += '\0T' + name + '=' + value;
      return module._deadbolt_items_decide(core, write(text)) - 1;
    },
  };
})();
