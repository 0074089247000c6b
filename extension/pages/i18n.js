// Strings come from _locales; pages never hold user-visible text of their own.
export const t = (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions.map(String)) || key;

/** Fills [data-i18n] text, [data-i18n-label] aria-labels and [data-i18n-placeholder]. */
export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  if (document.documentElement.dataset.i18nTitle) document.title = t(document.documentElement.dataset.i18nTitle);
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
 * Fills #streak and #milestone: the day of no contact when its start is
 * known, else the days without looking; never a scolding zero.
 */
export function showStreak(stats) {
  const streak = document.getElementById('streak');
  const milestone = document.getElementById('milestone');
  if (stats.daysSinceStart !== null && stats.daysSinceStart > 0) streak.textContent = t('noContactDay', stats.daysSinceStart);
  else if (stats.currentStreak > 0) streak.textContent = t('streakDays', stats.currentStreak);
  else streak.textContent = t('streakToday');
  milestone.textContent = t('nextMilestone', stats.nextMilestone);
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
  }[read.errorCode];
  return key ? t(key) : read.error;
}
