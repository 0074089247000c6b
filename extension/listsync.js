// "Keep my list in step across my browsers": the person's choice, per
// device. Switching moves the list between chrome.storage.local and
// chrome.storage.sync (list_storage.js: switchListArea); where another device's
// list is already in sync, the core merges the two (an import: nothing lost,
// nothing doubled). The list owner then reads the list as stored and
// installs its rules.
import { listFollowsSync, switchListArea } from './list_storage.js';

/** `owner`: the list owner's rewrite() (list_owner.js). */
export function createListSync(owner) {
  return {
    async status() {
      return { on: await listFollowsSync() };
    },

    // One list operation: moved (and merged), then read as stored and its
    // rules installed, before any other reads the core.
    set({ on }) {
      return owner.rewrite(async (core, claim) => {
        const before = core.exportList();
        // The core adds another device's list to the one it holds.
        const merge = (other) => (core.importList(other).error ? null : core.exportList());
        try {
          const saved = await switchListArea(on === true, before, merge, claim);
          return { ok: true, on: on === true, where: saved.where };
        } catch (e) {
          core.load(before);
          return { error: `Could not move your list: ${e?.message ?? e}` };
        }
      });
    },
  };
}
