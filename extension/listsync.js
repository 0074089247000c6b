// "Keep my list in step across my browsers": the person's choice, per
// device. Switching moves the list between chrome.storage.local and
// chrome.storage.sync (list_storage.js: switchListArea); where another device's
// list is already in sync, the core merges the two (an import: nothing lost,
// nothing doubled). The list owner then reads the list as stored and
// installs its rules.
import { serialised } from './serialised.js';
import { listFollowsSync, switchListArea } from './list_storage.js';

/** `owner`: the list owner's full() and reload() (list_owner.js). */
export function createListSync(owner) {
  return {
    async status() {
      return { on: await listFollowsSync() };
    },

    async set({ on }) {
      const { core } = await owner.full();  // outside the lock: full() takes it itself
      const result = await serialised('list', async () => {
        const before = core.exportList();
        // The core adds another device's list to the one it holds.
        const merge = (other) => (core.importList(other).error ? null : core.exportList());
        try {
          const saved = await switchListArea(on === true, before, merge);
          return { ok: true, on: on === true, where: saved.where };
        } catch (e) {
          core.load(before);
          return { error: `Could not move your list: ${e?.message ?? e}` };
        }
      });
      if (result.ok) await owner.reload();  // reads the list as stored now; installs its rules
      return result;
    },
  };
}
