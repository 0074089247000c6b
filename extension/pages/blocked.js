// The block page. The blocked address arrives after '#'; it is shown as text
// and only the service worker (that is, the core) says what it was. There is
// no way through to the page from here, by design.
import { ask, localize, reachedOutButton, sayPageFailed, showPageFailures, showStreak, t } from './i18n.js';

localize();
showPageFailures();
const $ = (id) => document.getElementById(id);
const url = location.hash.slice(1);
$('url').textContent = url;

const SUGGESTIONS = ['suggestWalk', 'suggestWater', 'suggestJournal', 'suggestMusic', 'suggestBreathe'];

/**
 * Asks the worker until it answers (a worker starting again), for about six
 * seconds; null if it never does. `first`: the answer to a question already
 * asked, if one was.
 */
async function askPatiently(message, first = ask(message)) {
  let answer = await first.catch(() => null);
  for (let delay = 100; !answer || answer.error; delay *= 2) {
    if (delay > 3200) return null;
    await new Promise((resolve) => setTimeout(resolve, delay));
    answer = await ask(message).catch(() => null);
  }
  return answer;
}

/**
 * One question to the worker, answered from what it already holds: the
 * verdict on this address (decided once), the day count, the reasons. It
 * also tells the worker this page is showing, once per page (not again on
 * reload, nor when Back or Forward led here): the worker logs the attempt if its own navigation
 * listener missed it (a worker stopped at the wrong moment). blocked_ask.js
 * asked it first, from the page's <head>.
 */
async function askWorker() {
  // Should that script not have run, the question is asked from here, not
  // reported (the navigation listener is the attempt's witness then).
  const { message, answer: early } = globalThis.deadboltBlockPageQuestion ??
    { message: { type: 'blockPage', url, report: false } };
  const answer = await askPatiently(message, early);  // no answer (undefined) is asked again
  if (answer && message.report) history.replaceState({ ...history.state, reported: true }, '');
  return answer;
}

// The letter as they write it, kept on this device while they type: a
// reload, a closed tab or "Back to safety" loses none of it, and it is here
// again the next time this page opens, until they keep it or empty the box.
// Nothing is written over a kept draft this page has not read (a worker
// that never answered): it comes back first, before anything else in the box.
const draftRead = askPatiently({ type: 'letterDraft' }).then((answer) => (typeof answer?.text === 'string' ? answer : null));
let draftKnown = false;  // the stored draft was read (and is in the box, if there was one)
let draftEpoch = null;  // which "delete all letters" it was read after (letters.js)
let typed = false;
let draftTimer = 0;
function keepDraft() {
  clearTimeout(draftTimer);
  if (!typed || !draftKnown) return;
  // Every letter deleted since (the settings page): what was typed before
  // is not written back; what they type from now on is kept again.
  ask({ type: 'setLetterDraft', text: $('letter').value, epoch: draftEpoch }).then((answer) => {
    if (!answer?.stale) return;
    typed = false;
    draftEpoch = answer.epoch;
  }, () => {});
}
$('letter').addEventListener('input', () => {
  typed = true;
  clearTimeout(draftTimer);
  draftTimer = setTimeout(keepDraft, 300);
});
addEventListener('pagehide', keepDraft);

async function restoreDraft() {
  const answer = await draftRead;
  if (answer === null) return;  // never read: nothing is written over it from here
  const draft = answer.text;
  draftEpoch = answer.epoch;
  draftKnown = true;
  if (!draft.trim()) return;
  // What is in the box already (typed meanwhile, or the message they were
  // about to send) follows it: neither is lost.
  const now = $('letter').value;
  if (!now.includes(draft)) $('letter').value = now ? `${draft}\n\n${now}` : draft;
  $('draft-note').textContent = t('letterDraftBack');
  $('draft-note').hidden = false;
  keepDraft();  // what they typed before it came back, kept with it
}

function render({ verdict, stats, reasons, support, sealed }) {
  showSealed(sealed);
  if (verdict?.kind === 'message' && verdict?.person) $('who').textContent = t('blockedWhoMessage', verdict.person);
  else if (verdict?.person && verdict?.platformName) $('who').textContent = t('blockedWho', verdict.person, verdict.platformName);
  else if (verdict?.person) $('who').textContent = t('blockedWhoSearch', verdict.person);
  // What they were about to send: offered as an unsent letter, kept only
  // when they press "Keep it here".
  if (verdict?.draft && !$('letter').value) {
    $('letter').value = verdict.draft;
    $('draft-note').textContent = t('draftKept');
    $('draft-note').hidden = false;
  }

  showStreak(stats);
  if (stats.all >= 5) {
    // The hour they are in, when it is one of their three hardest: said kindly.
    const hour = new Date().getHours();
    const hardest = stats.byHour.map((n, h) => [n, h]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    if (hardest.some(([n, h]) => h === hour && n > 0)) $('suggestion').dataset.hardHour = 'yes';
  }

  if (reasons.length) {
    let i = Math.floor(Math.random() * reasons.length);
    $('reason').textContent = reasons[i];
    $('reasons').hidden = false;
    $('next-reason').hidden = reasons.length < 2;
    $('next-reason').addEventListener('click', () => {
      i = (i + 1) % reasons.length;
      $('reason').textContent = reasons[i];
    });
  }

  suggest(support);
}

/** The "Instead" card: their support person, else one kind thing to do. */
function suggest(support) {
  $('suggestion').textContent = (support?.name
    ? t('suggestCall', support.name) + (support.contact ? ` (${support.contact})` : '')
    : t(SUGGESTIONS[Math.floor(Math.random() * SUGGESTIONS.length)])) +
    ($('suggestion').dataset.hardHour === 'yes' ? ` ${t('hardHourNote')}` : '');
}

// A sealed conversation (issue 23): it can be asked for, and opens only after
// the cool-down, once; nothing in it is deleted, marked read or answered.
const when = (ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
function showSealed(state) {
  $('sealed').hidden = !state?.conversation;
  $('open-later').hidden = state?.state !== 'none';
  $('open-now').hidden = state?.state !== 'ready';
  $('sealed-status').textContent = state?.state === 'waiting' ? t('sealedOpensAt', when(state.dueAt)) : '';
}
$('open-later').addEventListener('click', async () => {
  const answer = await ask({ type: 'requestOpen', url }).catch(() => null);
  if (answer && !answer.error) showSealed({ conversation: true, ...answer });
});
$('open-now').addEventListener('click', async () => {
  const answer = await ask({ type: 'openConversation', url }).catch(() => null);
  if (answer?.ok) location.replace(url);
});

reachedOutButton($('reached-out'), $('reached-out-status'), showStreak);

$('save-letter').addEventListener('click', async () => {
  clearTimeout(draftTimer);  // the worker drops the draft once the letter holding it is kept
  const text = $('letter').value;
  // No answer (a worker starting again): the letter stays in the box, and they are told.
  const result = await ask({ type: 'saveLetter', text, endsDraft: draftKnown }).catch(() => ({ error: t('letterNotKept') }));
  $('letter-status').textContent = result.error ?? t('letterSaved');
  if (result.error) {
    keepDraft();
  } else if ($('letter').value === text) {
    $('letter').value = '';
    $('draft-note').hidden = true;
  } else {
    keepDraft();  // they wrote on while it was kept: that part is a draft again
  }
});

$('back').addEventListener('click', async () => {
  // Back would land on the page that led here, often the feed that offered
  // the profile; a fresh tab is the safer place.
  const tab = await chrome.tabs.getCurrent();
  // Firefox will not let an extension open its new-tab page: a blank page then.
  await chrome.tabs.update(tab.id, { url: 'chrome://newtab/' }).catch(() => location.replace('about:blank'));
});

const answer = await askWorker();
if (answer) {
  render(answer);
  // For scripts/bench: the day count is in the frame about to be painted.
  requestAnimationFrame(() => performance.mark('deadbolt-days-painted'));
} else {
  // Deadbolt's worker did not answer: still blocked (the rules do that), and
  // the page says so rather than showing empty cards.
  sayPageFailed();
  suggest(null);
}
await restoreDraft();
performance.mark('deadbolt-ready');
