// The fediverse instances the person reads their feed on. Anyone can run an
// instance, so the manifest cannot list them: the person adds theirs in the
// settings ("social.example", or their own handle), the browser asks them
// for that site (permissions.request, on the settings page), and the feed
// and guard scripts are registered there with scripting.registerContentScripts
// (kept across restarts). The feed index carries the list, and the core
// serves those hosts with the fediverse web UI's markup: the content script
// never compares a host itself. Removing one lowers protection: it waits out
// the cool-down like any removal, then its scripts are unregistered.
import { createDecider } from './core.js';
import { getSettings } from './settings.js';
import { manifestScripts } from './content_scripts.js';

const SCRIPT_ID = 'deadbolt-fediverse-feeds';
export const INSTANCE_OFF = 'instance-off';  // the pending change that removes one

let reader = null;  // a decider of its own, for reading what the person typed
const readerOf = () => (reader ??= createDecider());

/** What the person typed, read by the core: {host, pattern} or {error}. */
export async function readInstance(text) {
  return (await readerOf()).readInstance(String(text ?? ''));
}

/** The feed scripts, as the manifest runs them on the catalog's hosts. */
function feedScripts() {
  return manifestScripts().find((entry) => entry.js.includes('extension/content/feeds.js'));
}

/**
 * Registers the feed scripts on exactly the instances the settings hold now,
 * or none: called after every change and at each start (registrations
 * persist, but a browser may have dropped them with an update). One at a
 * time, each reading the settings when it runs, so that two changes close
 * together never register twice or leave an older list behind.
 */
let registering = Promise.resolve();
export function registerInstances() {
  const run = registering.then(async () => register((await getSettings()).feedInstances ?? []));
  registering = run.catch(() => {});
  return run;
}

async function register(hosts) {
  if (!chrome.scripting?.registerContentScripts) return;
  const decider = await readerOf();
  const matches = [];
  for (const host of hosts) {
    const read = decider.readInstance(host);
    if (read.pattern) matches.push(read.pattern);
  }
  const registered = (await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => [])).length > 0;
  if (!matches.length) {
    if (registered) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  const { js, runAt } = feedScripts();
  const script = { id: SCRIPT_ID, matches, js, runAt, allFrames: false, persistAcrossSessions: true };
  // Updated in place: no moment without them on the instances that stay.
  if (registered) await chrome.scripting.updateContentScripts([script]);
  else await chrome.scripting.registerContentScripts([script]);
}

/**
 * The instances the person added, as the protection check groups sites
 * ({patterns, domains}): their feed is filtered only while the browser
 * lets Deadbolt's scripts run there, which the person can take back.
 */
export async function instanceGroups() {
  const hosts = (await getSettings()).feedInstances ?? [];
  if (!hosts.length) return [];
  const decider = await readerOf();
  return hosts.map((host) => decider.readInstance(host)).filter((read) => read.pattern)
    .map((read) => ({ patterns: [read.pattern], domains: [read.host] }));
}

/** The instances the scripts are registered on now (for the protection check and tests). */
export async function registeredInstances() {
  const [script] = await chrome.scripting?.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []) ?? [];
  return script?.matches ?? [];
}
