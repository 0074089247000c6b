// The protection check as the popup and the settings page show it: a calm
// notice for each thing that keeps Deadbolt from protecting everywhere, with
// how to fix it, and the times it was off or could not protect. (Off and
// private windows have their own notices on both pages.)
import { ask, t } from './i18n.js';

const ANSWER_MS = 4000;

/** The worker's check, or null when it does not answer (it failed to start). */
async function check() {
  const silence = new Promise((resolve) => setTimeout(() => resolve(null), ANSWER_MS));
  return Promise.race([ask({ type: 'health' }).catch(() => null), silence]);
}

const paragraph = (text) => Object.assign(document.createElement('p'), { className: 'notice', textContent: text });
const when = (ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * Fills `notices` (an element) with the check's notices and, when given,
 * `history` (a list element; its `section` is shown when there is any).
 */
export async function showHealth(notices, history = null, section = null) {
  const result = await check();
  if (!result || result.error) {
    notices.replaceChildren(paragraph(t('healthWorkerDown')));
    return;
  }
  const shown = [];
  for (const problem of result.problems) {
    if (problem.kind === 'siteAccess' || problem.kind === 'instanceAccess') {
      const sites = problem.domains.map((d) => d || t('healthEverySite')).join(', ');
      const p = paragraph(t(problem.kind === 'siteAccess' ? 'healthSiteAccess' : 'healthInstanceAccess', sites));
      const allow = Object.assign(document.createElement('button'), { type: 'button', className: 'small', textContent: t('healthAllow') });
      // The browser asks the person; the rules follow its answer (permissions.onAdded).
      allow.addEventListener('click', async () => {
        const granted = await chrome.permissions.request({ origins: problem.patterns }).catch(() => false);
        if (granted) showHealth(notices, history, section);
      });
      p.append(' ', allow);
      shown.push(p);
    } else if (problem.kind === 'listUnreadable') {
      shown.push(paragraph(t('healthListUnreadable')));
    } else if (problem.kind === 'rulesRepaired') {
      shown.push(paragraph(t('healthRulesRepaired')));
    } else if (problem.kind === 'rulesRefused') {
      shown.push(paragraph(t('healthRulesRefused', problem.reason)));
    } else if (problem.kind === 'decisionsRepaired' || problem.kind === 'decisionsStale') {
      shown.push(paragraph(t(problem.kind === 'decisionsRepaired' ? 'healthDecisionsRepaired' : 'healthDecisionsStale')));
    }
  }
  notices.replaceChildren(...shown);
  if (!history) return;
  const rows = result.history.map((period) => {
    const li = document.createElement('li');
    const to = period.to === null ? t('healthUntilNow') : when(period.to);
    li.textContent = period.kind === 'rules'
      ? t('healthPeriodRules', when(period.from))
      : t(`healthPeriod_${period.kind}`, when(period.from), to);
    return li;
  });
  history.replaceChildren(...rows);
  if (section) section.hidden = rows.length === 0;
}
