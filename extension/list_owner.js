// The one owner of the stored list and of the cores that hold it. Everything
// that reads the list into a core or writes a new one goes through here: the
// worker's start, each edit, a change another device synced, a removal whose
// cool-down is over. One list operation runs at a time (serialised 'list'),
// so a reload can never race an edit's writes.
//
// Two kinds of core, so that the wrong state cannot be built:
//   - the decider (decider.js): every decision, from a snapshot; it has no
//     rules(), no editing, so an empty rule set can never come from it;
//   - the list core (core.js ListCore): made only by loading a list's text,
//     so it always holds the whole list; it decides nothing. Each list it
//     holds (loaded or edited) reaches the decider as that list's snapshot,
//     before anyone is told the list changed.
// At most one list core lives at a time: a list core that is replaced is
// freed (embind objects are not garbage-collected).
//
// Generations: saveList() tells this owner the generation it is about to
// write before it writes anything, so storage.onChanged can tell this
// worker's own writes from another device's change without a race.
import { sameBytes } from './base64.js';
import { retrying } from './retrying.js';
import { serialised } from './serialised.js';
import { chunkGeneration, keepUnreadable, loadList, loadSnapshot, saveList, saveSnapshot } from './list_storage.js';
import { LIST_META } from './storage_keys.js';

/**
 * createDecider() and createListCore(): core.js's. `held(core, feedIndex?,
 * inboxIndex?, whole?)`: the list core holds a list just loaded or stored (it
 * writes the content scripts' feed and inbox indexes: the edit's own when
 * given, with whether the feed index is the whole list; resolves to true
 * once both are stored). `installRules(core,
 * rules?)`: installs the list core's rules (the edit's own when given);
 * resolves to what the settings page shows of them. `onPhase(name)`:
 * start-up timings for scripts/bench.
 */
export function createListOwner({
  createDecider, createListCore, held: onHeld = async () => true, installRules = async () => ({}), onPhase = () => {},
}) {
  const ownGenerations = new Set();  // generations this worker wrote or is writing
  const claim = (gen) => ownGenerations.add(gen);  // saveList() tells it before writing
  let listCore = null;  // the one list core, once made
  let held = null;  // {core: listCore, where, problem, incomplete} once it holds the stored list
  let reading = false;  // the stored list is being read (ensureHeld)
  let deciding;  // Promise<{core: the decider, where, problem}>: what decisions use now
  let decider = null;  // Promise of the one decider, made at start
  const counts = { reloads: 0, listLoads: 0 };
  let copying = Promise.resolve();  // the copies of the last edit being written (see commit)
  let rulesInstalled = Promise.resolve();  // the last edit's rules being installed
  let lastFeedIndex = null;  // the feed index an edit last wrote
  let lastInboxIndex = null;  // the inbox index an edit last wrote
  let lastWhole = null;  // whether that feed index was the whole list
  let newest = null;  // {core, indexes, snapshot, gen}: copies of the last edit not yet written
  let copiesTimer = null;  // the pause after which they are written
  let copiesWritten = null;  // {promise, resolve}: settles once they are

  async function writeNewest() {
    const copies = newest;
    newest = null;
    if (!copies) return;  // a later edit's turn wrote them already
    // The snapshot only after its indexes: a next start that finds it takes
    // the indexes for written too. Not written, the next edit writes them
    // (lastFeedIndex forgotten) and the next start reads the whole list.
    if (copies.indexes && !(await stored(onHeld(copies.core, copies.indexes.feedIndex, copies.indexes.inboxIndex, copies.indexes.whole)))) {
      lastFeedIndex = lastInboxIndex = lastWhole = null;
      if (newest && !newest.indexes) newest.indexes = copies.indexes;  // a later edit that left them as they were
      return;
    }
    await quietly(saveSnapshot(copies.snapshot, copies.gen));
  }

  // Only ever called inside serialised('list'): loads the stored list into
  // the list core (made once, then reused: nothing to free) and keeps its
  // snapshot for the next start.
  async function ensureHeld() {
    if (held) return held;
    counts.listLoads += 1;
    const core = listCore ?? (listCore = await createListCore());
    // Each candidate is loaded as it is validated: the last accepted one stays.
    reading = true;
    const { text, where, problem, refused, unsynced, incomplete } =
      await loadList((candidate) => core.load(candidate)).finally(() => { reading = false; });
    if (text === null && !problem) core.load(EMPTY);
    if (unsynced !== undefined) await mergeUnsynced(core, unsynced);
    // What the core could not read is kept aside before any edit can write
    // over it; if even that fails, edits are refused (see commit).
    const keptAside = await keepUnreadable(refused).then(() => true, () => false);
    const snapshot = core.snapshot();
    // Stored, but not readable by this build (a newer Deadbolt's list after
    // a downgrade, or damage): kept aside above, and the list held is empty,
    // which decisions, rules and feeds follow alike; `unreadable` lets the
    // protection check say so, where the person looks when protection fails.
    const unreadable = text === null && problem !== null;
    const decidingNow = await decideWith(snapshot, where, problem);  // decisions follow the list held
    // What it writes replaces an edit's copies still waiting, and lands after any being written.
    newest = null;
    await copying;
    // The indexes first, then the snapshot, only if they were stored (see writeNewest).
    if (!problem && (await stored(onHeld(core)))) await saveSnapshot(snapshot);
    lastFeedIndex = lastInboxIndex = lastWhole = null;  // written just now from the list core, whatever an edit wrote before
    held = { core, where, problem, keptAside, unreadable, incomplete };
    deciding = Promise.resolve(decidingNow);
    return held;
  }

  // This device's last save never reached sync (its write limits), and
  // another device has written since: its list is read, and this device's
  // is added to it as an import adds (nothing lost, nothing doubled: an
  // account added here and not yet synced stays listed), then stored for
  // every device. Not stored, the local copy stays as it was, and the next
  // read merges again.
  async function mergeUnsynced(core, text) {
    const read = core.exportList();
    if (core.importList(text).error) return;
    try {
      await saveList(core.exportList(), { claim });
    } catch {
      core.load(read);
    }
  }

  // Edits come in bursts: their copies are written once they pause, so that
  // no edit's own write of the list queues behind the last one's copies.
  function writeAfterPause() {
    clearTimeout(copiesTimer);
    copiesWritten ??= deferred();
    copiesTimer = setTimeout(() => {
      const { resolve } = copiesWritten;
      copiesWritten = null;
      copying = copying.then(writeNewest);
      copying.then(resolve);
    }, COPIES_PAUSE_MS);
  }

  // The decider takes the snapshot of the list the list core now holds:
  // decisions follow it from the moment the promise resolves.
  async function decideWith(snapshot, where, problem) {
    const core = await decider;
    core.loadSnapshot(snapshot);
    return { core, where, problem };
  }

  // Rules the browser refused are put back by the protection check a minute
  // later (protection.js), or on the next change or start: a failure is said, never thrown.
  async function install(core, rules) {
    try {
      return await installRules(core, rules);
    } catch (e) {
      return { error: String(e?.message ?? e) };
    }
  }

  // The fast way: the decider and the index snapshot of the list as stored
  // now; the list core waits until a page or an edit needs it, or until no
  // snapshot this build accepts is stored (a fresh install, an update, a
  // damaged one). The snapshot is asked for first: it is read while the wasm
  // compiles, and a first decision on the empty decider compiles the
  // decision path while the read is on its way.
  async function start() {
    const reading = loadSnapshot().then((bytes) => { onPhase('snapshotRead'); return bytes; });
    reading.catch(() => {});  // a refused read is seen where it is awaited, below
    decider ??= Promise.resolve().then(createDecider);
    let core;
    try {
      core = await decider;
    } catch (e) {
      decider = null;  // made again on the next try
      throw e;
    }
    onPhase('deciderReady');
    core.blocks('https://www.example.com/');
    const snapshot = await reading;
    if (snapshot && core.loadSnapshot(snapshot)) return { core, where: null, problem: null };
    await serialised('list', ensureHeld);
    return deciding;
  }

  // A start that fails (a storage read the browser refused: Firefox does
  // so at times while an event page starts) must not leave the worker
  // without decisions for the rest of its life: it is made again, with
  // growing pauses; and if every try failed, the next caller starts again.
  const startRetrying = () => retrying(start, START_RETRY_PAUSES_MS);
  function currentDeciding() {
    const tried = deciding;
    return tried.catch(() => {
      if (deciding === tried) deciding = startRetrying();
      return deciding;
    });
  }

  /** The list core with the whole list: editing, rules, stats. Loaded on first call. */
  function full() {
    return held ? Promise.resolve(held) : betweenOperations((now) => now);
  }

  // Runs `fn(held)` as a list operation of its own: once decisions have
  // started, under the 'list' lock, with the stored list held.
  function betweenOperations(fn) {
    return currentDeciding().then(() => serialised('list', async () => fn(await ensureHeld())));
  }

  /**
   * Runs `edit(core)` on the list core, one list operation at a time. An
   * edit is one call into the core (ListCore.edit) answering {list,
   * snapshot, feedIndex, rules, ...} or {error}. The new list is stored, the
   * generation recorded before the first write; a list not stored is undone.
   * Resolves to the answer without its bulk, plus {ok, where}, or {error}
   * ({error, stored: false} when only storing failed). The answer comes
   * once the list is stored: the navigation listeners decide with it at
   * once, and its rules follow (Chrome re-indexes every dynamic rule on an
   * update, ~250 ms at 1,000 accounts). With `awaitRules` (an import) the
   * answer waits for them too and has `rules`: what the settings page shows.
   */
  function commit(edit, { awaitRules = false } = {}) {
    return serialised('list', async () => {
      const { core, keptAside } = await ensureHeld();
      if (!keptAside) return { error: chrome.i18n.getMessage('listNotKeptAside'), stored: false };
      const result = edit(core);
      if (result.error) return strip(result);
      if (result.changed === false) return { ...strip(result), ok: true };
      let where;
      try {
        where = await saveList(result.list, { claim });
      } catch (e) {
        core.undo();  // not stored: do not pretend it was
        return { error: `Could not save your list: ${e?.message ?? e}`, stored: false };
      }
      held = { core, where: where.where, problem: null, keptAside: true };
      deciding = decideWith(result.snapshot, where.where, null);
      await deciding;
      // Saved. The navigation listeners block at once; the rules follow.
      const installing = install(core, result.rules);
      rulesInstalled = installing;
      // Then, after the answer, the content scripts' feed and inbox indexes
      // when either changed (a saved name changes the inbox one alone), and
      // the snapshot for the next start: in order (a snapshot that landed
      // means its indexes did too), once edits pause, and only the newest
      // (open feed tabs follow within the pause and the write). A snapshot
      // lost with a stopped worker only means the next start reads the
      // whole list, and writes them: its generation will not match.
      // The feed index also says whether it is the whole list (the guard
      // decides with the feed script's decider then): someone added whose
      // posts stay shown changes the list, not the feed index's bytes.
      const whole = sameBytes(result.feedIndex, result.snapshot);
      const changed = !sameBytes(result.feedIndex, lastFeedIndex) || whole !== lastWhole ||
        (result.inboxIndex !== undefined && !sameBytes(result.inboxIndex, lastInboxIndex));
      lastFeedIndex = result.feedIndex;
      lastInboxIndex = result.inboxIndex;
      lastWhole = whole;
      const indexes = changed ? { feedIndex: result.feedIndex, inboxIndex: result.inboxIndex, whole } : newest?.indexes ?? null;
      newest = { core, indexes, snapshot: result.snapshot, gen: where.gen };
      writeAfterPause();
      return { ...strip(result), ok: true, where, ...(awaitRules ? { rules: await installing } : {}) };
    });
  }

  /**
   * storage.onChanged: another device changed the list → reload; this
   * worker's own writes → nothing; and nothing while the list held is kept
   * on this device only (loadList() does not read sync then).
   */
  function storageChanged(changes, area) {
    if (area !== 'sync' || held?.where === 'device') return null;
    const meta = changes[LIST_META];
    if (meta) return ownGenerations.has(meta.newValue?.gen) ? null : reload();
    // A synced list read before all its chunks had come (held.incomplete;
    // sync delivers a write's items in no promised order) is read again as
    // each of them comes, also one that comes while the list is being read
    // (that read may have missed it). A worker that decides from its
    // snapshot and holds no list yet reads nothing for them: the pointer comes.
    const gens = Object.keys(changes).map(chunkGeneration).filter((gen) => gen !== null && !ownGenerations.has(gen));
    return gens.length > 0 && (reading || gens.includes(held?.incomplete)) ? reload() : null;
  }

  /** Reads the stored list again into the list core and installs it. */
  function reload() {
    return serialised('list', readAgain);
  }
  async function readAgain() {
    counts.reloads += 1;
    held = null;
    const loaded = await ensureHeld();
    await install(loaded.core);
    return loaded;
  }

  /**
   * Runs `change(core, claim)`, which stores a list itself (switching where
   * the list is kept, merged with another device's) and tells `claim` each
   * generation it writes (saveList's `claim`), then, when it answers
   * {ok}, reads the stored list again and installs its rules: one list
   * operation, so that nothing reads the core between the two.
   */
  function rewrite(change) {
    return betweenOperations(async ({ core }) => {
      const result = await change(core, claim);
      if (result?.ok) await readAgain();
      return result;
    });
  }

  /**
   * Whether decisions follow the list held: the decider's snapshot is the
   * list core's, byte for byte. A decider that refused one (the same build's
   * list core wrote it: never seen) or holds another is given the list
   * core's again. {ok: it holds the list now, repaired: it had to be given it}.
   */
  function verifyDecider() {
    return steady(async ({ core }) => {
      const { core: now } = await deciding;
      const wanted = core.snapshot();
      if (sameBytes(now.snapshot(), wanted)) return { ok: true, repaired: false };
      return { ok: now.loadSnapshot(wanted) && sameBytes(now.snapshot(), wanted), repaired: true };
    });
  }

  /**
   * Runs `fn(held)` between list operations, when the list core holds the
   * stored list and every edit's rules are queued for install. Mid-edit the
   * core already holds a list that is not stored yet (undone if storing
   * fails) and whose rules are not queued: a check comparing the rules with
   * it then would take them for rules removed and "repair" them.
   */
  function steady(fn) {
    return betweenOperations(async (now) => {
      await rulesInstalled.catch(() => {});  // the last edit's rules: queued, and landed
      return fn(now);
    });
  }

  /** Resolves once the last edit's rules and copies are written (tests, benchmarks). */
  function settled() {
    return Promise.all([rulesInstalled, copying, copiesWritten?.promise]);
  }

  /** Frees the list core (tests; a worker never needs to). */
  function free() {
    listCore?.free();
    listCore = null;
    held = null;
  }

  deciding = startRetrying();
  return {
    /** What decides now: {core: the decider, holding the list's snapshot, where, problem}. */
    deciding: currentDeciding,
    full,
    commit,
    storageChanged,
    reload,
    rewrite,
    verifyDecider,
    steady,
    settled,
    free,
    counts,
  };
}

const COPIES_PAUSE_MS = 300;
const START_RETRY_PAUSES_MS = [20, 80, 320, 1000, 2000];

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

const quietly = (promise) => Promise.resolve(promise).catch(() => {});
// Whether a write that may reject or answer false was stored.
const stored = (promise) => Promise.resolve(promise).then((ok) => ok === true, () => false);

const EMPTY = '{"version":1,"people":[]}';

// An answer as the settings page receives it: without the list's text and binaries.
const BULK = ['list', 'snapshot', 'feedIndex', 'inboxIndex', 'rules'];
function strip(result) {
  return Object.fromEntries(Object.entries(result).filter(([key]) => !BULK.includes(key)));
}
