// "Keep my list in step across my browsers": the person's choice, per
// device. Switching moves the list between chrome.storage.local and
// chrome.storage.sync (storage.js: switchListArea); where another device's
// list is already in sync, the core merges the two, so nothing is lost and
// nothing doubled.
import { serialised } from './serialised.js';
import { listFollowsSync, saveSnapshot, switchListArea } from './storage.js';
import { saveFeedIndex } from './protection.js';

/** `engine`: the worker's full() and stored(core, saved); `applyRules(core)`. */
export function createListSync(engine, applyRules) {
  return {
    async status() {
      return { on: await listFollowsSync() };
    },

    set({ on }) {
      return serialised('list', async () => {
        const { core } = await engine.full();
        const before = core.exportList();
        // The core adds another device's list to the one it holds.
        const merge = (other) => {
          const plan = core.planImport(other);
          if (plan.error || !plan.list || core.load(plan.list)) return null;
          return core.exportList();
        };
        let saved;
        try {
          saved = await switchListArea(on === true, before, merge);
        } catch (e) {
          core.load(before);
          return { error: `Could not move your list: ${e?.message ?? e}` };
        }
        engine.stored(core, saved);
        await saveSnapshot(core.snapshot());
        await saveFeedIndex(core);
        await applyRules(core);
        return { ok: true, on: on === true, where: saved.where };
      });
    },
  };
}
