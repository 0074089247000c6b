// Opening a sealed conversation, on purpose only (issue 23). A conversation
// with a listed person (its URL names them: messenger.com/t/<them>,
// web.whatsapp.com/send?phone=, t.me, web.telegram.org/k/#@<them>…) shows the
// block page. From there it can be asked for; it opens only after the same
// cool-down as any removal (a pending change, cancellable until then), and
// then once: a pass of a few minutes for that person on that platform.
// Deadbolt deletes, marks read and answers nothing; the page says the app
// may tell them it was read.
//
//   pending change  {kind: 'open-conversation', person, platform, platformName, url}
//   local  'inbox.openable'  [{person, platform, platformName, url, readyAt}]  (cool-down over)
//   session 'inbox.pass'     {person, platform, until}                        (opened: minutes)
//   local  'inbox.opened'    {person: index, until}: the same pass, for the inbox
//                            script's open pane (content scripts cannot read session storage)
import { updateItem } from './serialised.js';
import { getPending } from './pending.js';
import { INBOX_OPENABLE as OPENABLE_KEY, INBOX_OPENED as OPENED_KEY, INBOX_PASS as PASS_KEY } from './storage_keys.js';

const PASS_MS = 10 * 60_000;  // long enough to read, short enough not to stay open
const PASS_RULE_ID = 990_001;  // a session rule, above the dynamic rules' ids
export const OPEN_KIND = 'open-conversation';

/** Whether the core's verdict is a conversation that can be asked for (not a mail compose window). */
export const isConversation = (verdict) => verdict?.kind === 'message' && verdict.platform !== 'email';

const same = (a, b) => a.person === b.person && a.platform === b.platform;

/** Whether a pass lets this verdict's navigation through (the navigation listeners ask). */
export async function passes(verdict, now = Date.now()) {
  if (!isConversation(verdict)) return false;
  const { [PASS_KEY]: pass = null } = await chrome.storage.session.get(PASS_KEY).catch(() => ({}));
  return !!pass && pass.until > now && same(pass, verdict);
}

/** The pending change that asks to open this conversation after the cool-down. */
export function openRequest(verdict, url) {
  return { kind: OPEN_KIND, person: verdict.person, platform: verdict.platform, platformName: verdict.platformName, url };
}

/** Due requests: their conversations may now be opened, once. */
export function markOpenable(due, now = Date.now()) {
  const ready = due.filter((c) => c.kind === OPEN_KIND);
  if (!ready.length) return Promise.resolve();
  return updateItem('local', OPENABLE_KEY, [], (list) => ({
    value: [...list.filter((o) => !ready.some((r) => same(o, r))),
      ...ready.map(({ person, platform, platformName, url }) => ({ person, platform, platformName, url, readyAt: now }))],
  }));
}

/** What the block page shows of a verdict: {conversation, state, dueAt?} (as openState, with the pending changes read here). */
export async function sealedState(verdict) {
  return { conversation: isConversation(verdict), ...(await openState(verdict, await getPending())) };
}

/** 'ready' (it may be opened now), 'waiting' {dueAt}, or 'none', for the block page. */
export async function openState(verdict, pending) {
  if (!isConversation(verdict)) return { state: 'none' };
  const { [OPENABLE_KEY]: list = [] } = await chrome.storage.local.get(OPENABLE_KEY);
  if (list.some((o) => same(o, verdict))) return { state: 'ready' };
  const waiting = pending.find((p) => p.kind === OPEN_KIND && same(p, verdict));
  return waiting ? { state: 'waiting', dueAt: waiting.dueAt } : { state: 'none' };
}

/**
 * Opens it now, if its cool-down is over: uses up the permission, gives a
 * pass of a few minutes to the navigation listeners, and lets the request
 * itself through the rules (a session rule for exactly this address).
 */
export async function openNow(verdict, url, now = Date.now()) {
  if (!isConversation(verdict)) return { error: 'not-a-conversation' };
  const used = await updateItem('local', OPENABLE_KEY, [], (list) => ({
    value: list.filter((o) => !same(o, verdict)), result: list.some((o) => same(o, verdict)),
  }));
  if (!used) return { error: 'not-yet' };
  await chrome.storage.session.set({ [PASS_KEY]: { person: verdict.person, platform: verdict.platform, until: now + PASS_MS } });
  if (Number.isInteger(verdict.personIndex)) {
    await chrome.storage.local.set({ [OPENED_KEY]: { person: verdict.personIndex, until: now + PASS_MS } }).catch(() => {});
  }
  // urlFilter reads '*', '^' and '|' as its own: such an address is left to the listeners.
  if (!/[*^|]/.test(url)) {
    await chrome.declarativeNetRequest.updateSessionRules({
      removeRuleIds: [PASS_RULE_ID],
      addRules: [{ id: PASS_RULE_ID, priority: 2, action: { type: 'allow' }, condition: { urlFilter: `|${url}|`, resourceTypes: ['main_frame'] } }],
    }).catch(() => {});
  }
  chrome.alarms?.create('inbox-pass-end', { when: now + PASS_MS });
  return { ok: true };
}

/** The pass is over: the conversation is sealed again. */
export async function endPass() {
  await chrome.storage.session.remove(PASS_KEY).catch(() => {});
  await chrome.storage.local.remove(OPENED_KEY).catch(() => {});
  await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: [PASS_RULE_ID] }).catch(() => {});
}
