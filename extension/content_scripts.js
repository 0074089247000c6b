// Deadbolt's content scripts as the browser runs them, and the tabs that
// were open before this version of Deadbolt started.
//
// Why: Chromium runs a manifest's content scripts only in pages loaded after
// the extension was. A tab open when Deadbolt is installed gets none (the
// person adds their ex and the post is still there), and a tab open across an
// update keeps the old version's scripts, cut off from the extension: they
// follow no change of the list or of on/off until the tab is reloaded. So on
// install and on update the isolated-world scripts are injected into every
// open tab the browser says they match (the browser matches the patterns:
// tabs.query). Firefox injects a new version's manifest scripts into open
// tabs itself; each script family starts once per world (content/local_read.js,
// deadboltFirst), so a second injection there does nothing.
//
// What an update leaves, until the tab is reloaded (measured in Chromium 156):
// the old version's scripts keep deciding beside the new one's, with the list
// they held. They can still read storage and still see the extension's id,
// so they cannot tell that they were cut off. What they hid stays hidden
// (also if that person is later removed, or Deadbolt turned off), and in an
// inbox a row both seal shows neither's control for opening it on purpose.
//
// Not injected: the inbox's page-world script (content/inbox_notify.js). Its
// channel to the isolated world is safe only because it is opened before any
// page script runs; injected into a loaded page, a page script could take the
// channel. A tab open since before the install keeps the page's own
// notifications until it is reloaded (its rows and titles are sealed).

/** A file of this extension relative to it (Firefox's getManifest() gives moz-extension:// URLs). */
function own(file) {
  const root = chrome.runtime.getURL('');
  return file.startsWith(root) ? file.slice(root.length) : file;
}

/**
 * The manifest's content script entries: {matches, js, runAt, allFrames, world},
 * files relative to the extension.
 */
export function manifestScripts() {
  return (chrome.runtime.getManifest().content_scripts ?? []).map((entry) => ({
    matches: entry.matches ?? [],
    js: (entry.js ?? []).map(own),
    runAt: entry.run_at ?? 'document_idle',
    allFrames: entry.all_frames === true,
    world: entry.world ?? 'ISOLATED',
  }));
}

/**
 * Injects Deadbolt's isolated-world scripts (the manifest's and those
 * registered at run time, the fediverse instances') into every open tab
 * they match, each tab on its own (one that cannot be scripted, such as a
 * discarded or crashed tab, is passed over: it loads them when it loads
 * again).
 */
export async function reachOpenTabs() {
  if (!chrome.scripting?.executeScript) return;
  const registered = await chrome.scripting.getRegisteredContentScripts?.().catch(() => []) ?? [];
  const entries = [...manifestScripts(), ...registered.map((s) => ({ ...s, js: (s.js ?? []).map(own) }))]
    .filter((entry) => (entry.world ?? 'ISOLATED') === 'ISOLATED' && entry.js.length > 0 && entry.matches.length > 0);
  await Promise.all(entries.map(async (entry) => {
    const tabs = await chrome.tabs.query({ url: entry.matches, discarded: false }).catch(() => []);
    await Promise.all(tabs.map((tab) => chrome.scripting.executeScript({
      target: { tabId: tab.id, allFrames: entry.allFrames === true },
      files: entry.js,
      injectImmediately: true,
    }).catch(() => {})));
  }));
}
