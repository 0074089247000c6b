// What protects the person: the list (edited by the core, stored, its rules
// installed), the on/off switch, and the cool-down that anything lowering
// them waits out. The worker's routes for the settings page call in here;
// every list edit is the core's (editing.h): this file passes the person's
// intent and stores what the core returns.
import { installRules, removeRules } from './dynamic_rules.js';
import { readLog } from './attempt_log.js';
import { RULES_STATUS } from './storage_keys.js';
import { saveFeedIndex } from './feed_index.js';
import { isConversation, markOpenable, openNow, openRequest, openState, OPEN_KIND, sealedState } from './conversations.js';
import { getSettings, updateSettings } from './settings.js';
import { addPending, cancelPending, getPending, takeDue } from './pending.js';
import { getLetters } from './letters.js';
import { unreadableLists } from './list_storage.js';
import { localDay as today } from './pages/local_day.js';
import { INSTANCE_OFF, readInstance, registerInstances } from './instances.js';
import { RULES_RETRY_ALARM } from './health.js';

/** The alarm that tries due changes again after their list could not be stored. */
const RETRY_ALARM = 'pending:retry';

// Reasons shown one at a time on the block page: more than enough, and a bound on what is stored.
const MAX_REASONS = 100;

/**
 * `engine`: the list's owner (list_owner.js) — loaded() (the decider),
 * full() (the list core with the whole list) and commit(edit) (one edit,
 * stored and installed) — and the switch: enabled() and setEnabled(on).
 */
export function createProtection(engine) {
  let refusedInARow = 0;  // rule installs the browser refused since it last took one
  /** Installs the rules (`rules`: an edit's own, else the core compiles them), or none while Deadbolt is off. */
  async function applyRules(core, rules = null) {
    if (!(await engine.enabled())) return removeRules();
    try {
      const status = await installRules(core, rules);
      refusedInARow = 0;
      return status;
    } catch (e) {
      // The browser refused them: the protection check tries again in a
      // minute, then after 2, 4 … 30 while it keeps refusing (a quota).
      chrome.alarms?.create(RULES_RETRY_ALARM, { delayInMinutes: Math.min(30, 2 ** refusedInARow) });
      refusedInARow += 1;
      throw e;
    }
  }

  const commit = (edit, options) => engine.commit(edit, options);

  /** Queues removals planned by the core; they wait out the cool-down. */
  async function queue(changes) {
    const { cooldownHours } = await getSettings();
    return addPending(changes, cooldownHours);
  }

  /**
   * Applies the changes whose cool-down is over: list removals through the
   * core, settings here. A list that could not be stored leaves every due
   * change pending (takeDue keeps them when this throws), tried again in a
   * minute and at each start.
   */
  async function applyDue() {
    const now = Date.now();
    // A sealed conversation asked for: it may be opened now (conversations.js),
    // not a list change. Taken on its own, so that a list change that cannot
    // be stored (kept due, tried again each minute) does not grant it again.
    await takeDue(markOpenable, now, (c) => c.kind === OPEN_KIND);
    return takeDue(async (due) => {
      const result = await commit((core) => core.applyChanges(due));
      if (result.stored === false) {
        chrome.alarms?.create(RETRY_ALARM, { delayInMinutes: 1 });
        throw new Error(result.error);
      }
      const off = due.some((c) => c.kind === 'disable');
      const cooldown = due.findLast((c) => c.kind === 'cooldown');
      const mentionsOff = due.some((c) => c.kind === 'feed-mentions-off');
      const instancesOff = new Set(due.filter((c) => c.kind === INSTANCE_OFF).map((c) => c.host));
      if (off || cooldown || mentionsOff || instancesOff.size) {
        await updateSettings((s) => {
          if (off) s.enabled = false;
          if (cooldown) s.cooldownHours = cooldown.value;
          if (mentionsOff) s.feedMentions = false;
          if (instancesOff.size) s.feedInstances = (s.feedInstances ?? []).filter((h) => !instancesOff.has(h));
        });
      }
      if (instancesOff.size) await registerInstances();
      // A list change wrote the feed index with the list, and turning off
      // writes it too; only the mentions setting is left to carry over.
      if (off) await setEnabled(false);
      else if (mentionsOff || instancesOff.size) await saveFeedIndex((await engine.full()).core);
    }, now, (c) => c.kind !== OPEN_KIND);
  }

  async function setEnabled(on) {
    engine.setEnabled(on);
    const { core } = await engine.full();
    await applyRules(core);
    await saveFeedIndex(core);
  }

  /** The core's plan for an import; the loaded list stays as it is. */
  async function planImport(text) {
    const { core } = await engine.full();
    return core.planImport(String(text ?? ''));
  }

  return {
    applyRules,
    applyDue,
    saveFeedIndex,

    /** Deadbolt was turned on or off elsewhere (another device): at once. */
    async enabledElsewhere(on) {
      if ((await engine.enabled()) !== on) await setEnabled(on);
    },

    /** Everything the settings page shows. */
    async list() {
      const { core, where, problem } = await engine.full();
      const rules = (await chrome.storage.local.get(RULES_STATUS))[RULES_STATUS] ?? null;
      const pending = await getPending();
      return {
        people: core.listRows(await readLog(), pending), list: JSON.parse(core.exportList()),
        platforms: core.platforms(), where, problem, rules,
        settings: await getSettings(), pending, letters: (await getLetters()).length,
        incognito: await chrome.extension.isAllowedIncognitoAccess(),
        unreadable: (await unreadableLists()).length,
      };
    },

    addAccount({ text, platform, person }) {
      const name = String(person ?? '').trim() || chrome.i18n.getMessage('defaultPersonName');
      return commit((core) => core.addAccount({ person: name, text: String(text ?? ''), platform: String(platform ?? ''), today: today() }));
    },

    addPerson({ name }) {
      return commit((core) => core.addPerson(name));
    },

    addKeyword({ person, keyword }) {
      return commit((core) => core.addKeyword(person, keyword));
    },

    /** A name they are saved under: at once (removing one waits, through requestRemoval). */
    addName({ person, name }) {
      return commit((core) => core.addName(person, name));
    },

    /**
     * Sealed conversations (conversations.js): asking to open one waits out
     * the cool-down like any removal; then it opens once.
     */
    async openState({ url }) {
      const verdict = (await engine.loaded()).core.decide(String(url ?? ''));
      return sealedState(verdict);
    },
    async requestOpen({ url }) {
      const verdict = (await engine.loaded()).core.decide(String(url ?? ''));
      if (!isConversation(verdict)) return { error: 'not-a-conversation' };
      const state = await openState(verdict, await getPending());
      if (state.state !== 'none') return state;
      const [pending] = await queue([openRequest(verdict, String(url))]);
      return { state: 'waiting', dueAt: pending.dueAt };
    },
    async openConversation({ url }) {
      const verdict = (await engine.loaded()).core.decide(String(url ?? ''));
      return openNow(verdict, String(url ?? ''));
    },

    /** Removing anything waits for the cool-down; the core checks what it names. */
    async requestRemoval({ change }) {
      const { core } = await engine.full();
      const plan = core.planRemoval(change);
      if (plan.error) return plan;
      const [pending] = await queue([plan.change]);
      return { pending };
    },

    /**
     * Marks a person as a co-parent with one open channel, or removes the
     * mark (channel ''). Opening a channel lowers protection: it waits out
     * the cool-down. Closing it is more protection: at once.
     */
    async setCoparent({ person, channel }) {
      const wanted = String(channel ?? '');
      if (!wanted) return commit((core) => core.closeChannel(person));
      const { core } = await engine.full();
      const plan = core.planRemoval({ kind: 'coparent', person, channel: wanted });
      if (plan.errorCode === 'no-change') return { ok: true };
      if (plan.error) return plan;
      const [pending] = await queue([plan.change]);
      return { pending };
    },

    /** "Hide them in my feeds": on at once; off waits for the cool-down like any removal. */
    async setFeeds({ person, on }) {
      if (on) {
        // On again: a waiting "off" is dropped, and the list says on.
        for (const p of await getPending()) if (p.kind === 'feeds-off' && p.person === String(person)) await cancelPending(p.id);
        return commit((core) => core.feedsOn(person));
      }
      const { core } = await engine.full();
      const plan = core.planRemoval({ kind: 'feeds-off', person });
      if (plan.errorCode === 'no-change') return { ok: true };
      if (plan.error) return plan;
      const [pending] = await queue([plan.change]);
      return { pending };
    },

    /** What the person typed as their fediverse instance, as the core reads it. */
    readInstance({ text }) {
      return readInstance(text);
    },

    /**
     * Adds the fediverse instance they read on: at once (more protection).
     * The settings page has asked the browser for the site first.
     */
    async addInstance({ text }) {
      const read = await readInstance(text);
      if (read.error) return read;
      await updateSettings((s) => {
        if (!(s.feedInstances ?? []).includes(read.host)) s.feedInstances = [...(s.feedInstances ?? []), read.host];
      });
      for (const p of await getPending()) if (p.kind === INSTANCE_OFF && p.host === read.host) await cancelPending(p.id);
      await registerInstances();
      await saveFeedIndex((await engine.full()).core);
      return { ok: true, host: read.host };
    },

    /** Removing an instance waits out the cool-down; then its scripts are unregistered. */
    async removeInstance({ host }) {
      const { feedInstances = [] } = await getSettings();
      if (!feedInstances.includes(host)) return { error: 'not-added' };
      if ((await getPending()).some((p) => p.kind === INSTANCE_OFF && p.host === host)) return { ok: true };
      const [pending] = await queue([{ kind: INSTANCE_OFF, host }]);
      return { pending };
    },

    /**
     * The settings changed (here, or on another device through the
     * browser's sync): when their instances did, the scripts and the feed
     * index follow.
     */
    async instancesChanged(before, after) {
      if (JSON.stringify(before?.feedInstances ?? []) === JSON.stringify(after?.feedInstances ?? [])) return;
      await registerInstances();
      await saveFeedIndex((await engine.full()).core);
    },

    /** At each start: the instances' scripts as the settings say. */
    registerInstances() {
      return registerInstances();
    },

    async cancelPending({ id }) {
      await cancelPending(String(id));
      return { ok: true };
    },

    async previewImport({ text }) {
      const plan = await planImport(text);
      return plan.error ? plan : { added: plan.added, removals: plan.removals };
    },

    /** Applies what an import adds; its removals are queued only on request. */
    async importList({ text, removals = false }) {
      const result = await commit((core) => core.importList(String(text ?? '')), { awaitRules: true });
      if (result.error) return result;
      if (removals && result.removals.length) await queue(result.removals);
      return { ...result, added: result.added.length, removals: result.removals.length };
    },

    async exportList() {
      const { core } = await engine.full();
      return { text: core.exportList() };
    },

    /** The stored lists the core could not read, kept aside, newest last: {lists: [{text, from, error, keptAt}]}. */
    async unreadableLists() {
      return { lists: await unreadableLists() };
    },

    /** Adding protection applies at once; lowering it waits out the cool-down. */
    async updateSettings({ patch = {} }) {
      // A turn-off already waiting is not asked for twice (each would switch Deadbolt off when due).
      const waitingOff = patch.enabled === false && (await getPending()).some((p) => p.kind === 'disable');
      const { settings, lowering } = await updateSettings((s) => {
        const waits = [];
        if (Array.isArray(patch.reasons)) {
          const reasons = patch.reasons.map((r) => String(r).trim()).filter(Boolean);
          // Refused whole, never cut: what they typed stays in the box.
          if (reasons.length > MAX_REASONS) throw new Error(chrome.i18n.getMessage('reasonsTooMany', [String(MAX_REASONS)]));
          s.reasons = reasons;
        }
        if (patch.support) s.support = { name: String(patch.support.name ?? '').slice(0, 100), contact: String(patch.support.contact ?? '').slice(0, 200) };
        if ('startDate' in patch) s.startDate = /^\d{4}-\d{2}-\d{2}$/.test(patch.startDate ?? '') ? patch.startDate : null;
        if (patch.enabled === true) s.enabled = true;
        if (patch.feedMentions === true) s.feedMentions = true;
        if (patch.feedMentions === false && s.feedMentions !== false) waits.push({ kind: 'feed-mentions-off' });
        if (typeof patch.feedPlaceholder === 'boolean') s.feedPlaceholder = patch.feedPlaceholder;
        // The co-parent's previews, covered or not: their channel is open either way.
        if (typeof patch.inboxCoverCoparentPreview === 'boolean') s.inboxCoverCoparentPreview = patch.inboxCoverCoparentPreview;
        if (patch.enabled === false && s.enabled && !waitingOff) waits.push({ kind: 'disable' });
        if (Number.isFinite(patch.cooldownHours)) {
          const hours = Math.max(24, Math.min(24 * 30, Math.round(patch.cooldownHours)));
          // Longer is more protection, at once; shorter waits out the current cool-down.
          if (hours >= s.cooldownHours) s.cooldownHours = hours;
          else waits.push({ kind: 'cooldown', value: hours });
        }
        return { settings: { ...s }, lowering: waits };
      });
      // Queued after the settings are stored: the pending list is never changed while they are held.
      // Asking for more protection withdraws the waiting request for less:
      // turned on again, a turn-off still waiting must not switch it off later.
      const withdrawn = [patch.feedMentions === true && 'feed-mentions-off', patch.enabled === true && 'disable'];
      if (withdrawn.some(Boolean)) {
        for (const p of await getPending()) if (withdrawn.includes(p.kind)) await cancelPending(p.id);
      }
      const pending = lowering.length ? await addPending(lowering, settings.cooldownHours) : [];
      // The content scripts' copy carries the feed settings: rewritten only when they change.
      if (patch.enabled === true) await setEnabled(true);
      else if ('feedMentions' in patch || 'feedPlaceholder' in patch || 'inboxCoverCoparentPreview' in patch) {
        await saveFeedIndex((await engine.full()).core);
      }
      return { settings, pending };
    },
  };
}
