// Attempts: a navigation decided by the core (once: verdict, person, platform,
// kind and the address it names), logged once, and the stats of the log.
// Two witnesses see an attempt (see attempt_log.js): the navigation listener and
// the block page.
import { appendAttempt, appendReportedAttempt, readLog, seenKey, stagedNavigations, unstageNavigation } from './attempt_log.js';
import { defaultSettings, getSettings } from './settings.js';
import { isConversation, sealedState } from './conversations.js';

/** The log entry of a blocked navigation seen at time `t`. */
function attemptOf(verdict, t) {
  return {
    t,
    o: -new Date(t).getTimezoneOffset(),  // the local offset then, so the attempt counts on its own day
    person: verdict.person,
    platform: verdict.platform,
    kind: verdict.kind,
  };
}

/** The record that this tab's attempt at the verdict's address was logged. */
const seenIn = (tabId, verdict) => seenKey(tabId, verdict.address);

/** `engine`: loaded() (the core as started: the decider, to decide), full() (the full core: stats, profile input) and enabled(). */
export function createAttempts(engine) {
  /** The core's verdict on `url`, or null to allow (also while Deadbolt is off). */
  async function decide(url) {
    const { core } = await engine.loaded();
    const verdict = core.decide(url);
    return verdict && (await engine.enabled()) ? verdict : null;
  }

  async function stats() {
    const { core } = await engine.full();
    const { startDate } = await getSettings().catch(defaultSettings);
    return core.stats({ log: await readLog(), nowMs: Date.now(), offsetMin: -new Date().getTimezoneOffset(), startDate });
  }

  return {
    decide,
    stats,

    /** Logs a navigation the listener blocked, seen at `t` (staged as `id` while the worker started). */
    logBlocked(verdict, tabId, id, t) {
      return appendAttempt(attemptOf(verdict, t), { id: id ?? undefined, seen: seenIn(tabId, verdict) });
    },

    /**
     * Navigations a stopped worker saw but never decided: decided and logged
     * now, each unstaged only once its attempt is stored. The same id as a
     * log entry the stopped worker may have written keeps this exactly once.
     */
    async recoverStaged() {
      await Promise.all((await stagedNavigations()).map(async (nav) => {
        const verdict = await decide(nav.url);
        if (verdict) {
          const seen = Number.isInteger(nav.tabId) ? seenIn(nav.tabId, verdict) : null;
          await appendAttempt(attemptOf(verdict, nav.t), { id: nav.id, seen });
        }
        await unstageNavigation(nav.id);
      }));
    },

    /**
     * The block page is showing `url` in `tabId`: the second witness of the
     * attempt, logged only if the navigation listener did not log it
     * (`settled()` resolves once the listener's records are written).
     */
    async blockPageShown(url, tabId, settled) {
      const verdict = Number.isInteger(tabId) ? await decide(String(url)) : null;
      if (!verdict) return { logged: false };
      await settled();
      return { logged: await appendReportedAttempt(attemptOf(verdict, Date.now()), seenIn(tabId, verdict)) };
    },

    /**
     * Everything the block page shows at once, in one answer, from what
     * the worker holds (the deciding core and the log; never the list
     * core): {verdict (or {verdict: 'allow'}), stats (Decider.streak()),
     * reasons, support, sealed}. The URL is decided once; with `report`, the page is
     * the second witness of the attempt (as blockPageShown): that is logged
     * after the answer, which never waits for a storage write.
     */
    async blockPage(url, tabId, report, settled) {
      const { core } = await engine.loaded();
      const verdict = core.decide(String(url));
      const [settings, log, enabled] = await Promise.all([getSettings().catch(defaultSettings), readLog(), engine.enabled()]);
      if (report && verdict && Number.isInteger(tabId) && enabled) {
        const t = Date.now();
        settled().then(() => appendReportedAttempt(attemptOf(verdict, t), seenIn(tabId, verdict))).catch(() => {});
      }
      const stats = core.streak({ log, nowMs: Date.now(), offsetMin: -new Date().getTimezoneOffset(), startDate: settings.startDate });
      // A sealed conversation's state: whether it may be asked for, waits, or opens now.
      const sealed = isConversation(verdict) ? await sealedState(verdict) : null;
      return { verdict: verdict ?? { verdict: 'allow' }, stats, reasons: settings.reasons, support: settings.support, sealed };
    },

    /** What the block page says of `url`: the verdict, or {verdict: 'allow'}. */
    async verdict(url) {
      const { core } = await engine.loaded();
      return core.decide(String(url)) ?? { verdict: 'allow' };
    },

    /** What the popup and the block page show. */
    async overview() {
      const settings = await getSettings().catch(defaultSettings);
      return {
        stats: await stats(),
        reasons: settings.reasons,
        support: settings.support,
        enabled: settings.enabled,
        incognito: await chrome.extension.isAllowedIncognitoAccess(),
        platforms: (await engine.full()).core.platforms(),
      };
    },

    /** "I reached out": a contact, logged as kind "contact" (never an attempt); the day count starts again. */
    async recordContact() {
      const t = Date.now();
      await appendAttempt({ t, o: -new Date(t).getTimezoneOffset(), person: '', platform: '', kind: 'contact' });
      return { ok: true, stats: await stats() };
    },

    /** The channels a co-parent may keep open, as the core knows them. */
    async coparentChannels() {
      return { channels: (await engine.full()).core.coparentChannels() };
    },

    /** "Add a profile" read back before anything is saved: {platform, platformName, handle, error}. */
    async readProfile(text, platform) {
      const { core } = await engine.full();
      return core.readProfile(String(text ?? ''), String(platform ?? ''));
    },

    /** The popup's reading of the current tab: what it shows, and whether it is blocked. */
    async currentTab(url) {
      const [{ core }, { core: decider }] = await Promise.all([engine.full(), engine.loaded()]);
      const read = core.readProfile(String(url ?? ''));
      return { ...read, blocked: !read.error && decider.decide(String(url)) !== null };
    },
  };
}
