// Strings come from _locales; pages never hold user-visible text of their own.
export const t = (key, ...substitutions) => chrome.i18n.getMessage(key, substitutions.map(String)) || key;

/** Fills [data-i18n] text, [data-i18n-label] aria-labels and [data-i18n-placeholder]. */
export function localize(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  if (document.documentElement.dataset.i18nTitle) document.title = t(document.documentElement.dataset.i18nTitle);
}

/** Asks the service worker; rejects with its error. */
export async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (answer?.error && message.type !== 'addAccount' && message.type !== 'importList') throw new Error(answer.error);
  return answer;
}
