// Strings come from _locales; pages never hold user-visible text of their own.
export const t = (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions.map(String)) || key;

/** Fills [data-i18n] text, [data-i18n-label] aria-labels and [data-i18n-placeholder]. */
export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  if (document.documentElement.dataset.i18nTitle) document.title = t(document.documentElement.dataset.i18nTitle);
}

/** "Allow in private windows", as this browser words it. */
export const incognitoNotice = () =>
  t(chrome.runtime.getURL('').startsWith('moz-extension:') ? 'incognitoNotAllowedFirefox' : 'incognitoNotAllowed');

/** Says, once, at the top of the page, that something here did not load. */
export function sayPageFailed() {
  if (document.getElementById('page-failed')) return;
  const p = Object.assign(document.createElement('p'), { id: 'page-failed', className: 'notice', textContent: t('pageFailed') });
  p.setAttribute('role', 'alert');
  (document.querySelector('main') ?? document.body).prepend(p);
}

/**
 * A page whose script failed says so, calmly, at its top, instead of
 * showing buttons that do nothing or counts stuck at their placeholders.
 */
export function showPageFailures() {
  addEventListener('unhandledrejection', sayPageFailed);
  addEventListener('error', sayPageFailed);
}

/**
 * Asks the service worker. Answers that carry a user-facing `error` (a handle
 * that is not valid, a file that was refused) are returned for the page to
 * show; only silence is an exception.
 */
export async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (answer === undefined) throw new Error(`No answer to ${message.type}`);
  return answer;
}

/**
 * Fills #streak and #milestone: the day of no contact when it is known
 * (whole days since the start, or since the last contact they recorded),
 * else the days without looking; never a scolding zero. On the day of a
 * contact: beginning again, with no number (the next day is day 1), beside
 * the longest run, kindly.
 */
export function showStreak(stats) {
  const streak = document.getElementById('streak');
  const milestone = document.getElementById('milestone');
  const days = stats.noContactDays ?? stats.daysSinceStart;
  const longest = stats.longestNoContactDays;
  if (stats.lastContact && days === 0) {
    streak.textContent = t('beginAgainToday');
    if (longest === 1) milestone.textContent = t('longestWasOneDayDoneBefore');
    else milestone.textContent = longest > 0 ? t('longestWasDoneBefore', longest) : t('nextMilestone', stats.nextMilestone);
    return;
  }
  if (days !== null && days > 0) streak.textContent = t('noContactDay', days);
  else if (stats.currentStreak === 1) streak.textContent = t('streakOneDay');
  else if (stats.currentStreak > 0) streak.textContent = t('streakDays', stats.currentStreak);
  else streak.textContent = t('streakToday');
  milestone.textContent = t('nextMilestone', stats.nextMilestone);
  if (stats.lastContact && longest > days) milestone.textContent += ` ${longest === 1 ? t('longestWasOneDay') : t('longestWas', longest)}`;
}

/**
 * "I reached out": the first press asks, the second records the contact
 * (kind "contact", never an attempt) and shows the count starting again.
 * `onRecorded(stats)` redraws the page.
 */
export function reachedOutButton(button, status, onRecorded) {
  button.addEventListener('click', async () => {
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = t('reachedOutConfirm');
      status.textContent = t('reachedOutExplain');
      return;
    }
    button.disabled = true;
    let result;
    try {
      result = await ask({ type: 'recordContact' });
    } catch (e) {
      result = { error: t('pageFailed') };
    } finally {
      button.dataset.confirm = '';
      button.textContent = t('reachedOut');
      button.disabled = false;
    }
    if (result.error) {
      status.textContent = result.error;
      return;
    }
    status.textContent = t('reachedOutRecorded');
    onRecorded(result.stats);
  });
}

/**
 * Why the core refused an input or an edit, as a sentence in the person's
 * language: `errorCode` picks the string (editing.h and profile_input.h list them).
 */
export function profileError(read) {
  if (read.errorCode === 'bad-handle' && read.rule) {
    const r = read.rule;
    const rule = r.federated ? t('ruleFederated', r.platformName)
      : r.numeric ? t('ruleNumeric', r.platformName)
        : t('ruleChars', r.platformName, [...r.chars].map((c) => `'${c}'`).join(' '), r.min, r.max);
    return t('errorBadHandle', rule);
  }
  const key = {
    empty: 'errorEmpty', 'too-long': 'errorTooLong', 'not-a-profile': 'errorNotAProfile', 'pick-platform': 'errorPickPlatform',
    'unknown-platform': 'errorUnknownPlatform', 'already-listed': 'alreadyListed', 'name-needed': 'nameNeeded',
    'person-exists': 'personExists', 'person-missing': 'personMissing', 'keyword-empty': 'keywordEmpty',
    'account-missing': 'removalTargetGone', 'keyword-missing': 'removalTargetGone',
    'bad-email': 'errorBadEmail', 'bad-phone': 'errorBadPhone',
    'saved-name-empty': 'savedNameEmpty', 'saved-name-too-long': 'savedNameTooLong', 'saved-name-missing': 'removalTargetGone',
  }[read.errorCode];
  return key ? t(key) : read.error;
}
