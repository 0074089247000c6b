import { ask, localize, t } from './i18n.js';

localize();
const [stats, incognito] = await Promise.all([ask({ type: 'stats' }), ask({ type: 'incognito' })]);
document.getElementById('total').textContent = String(stats.total);
document.getElementById('today').textContent = t('popupToday', stats.today);
if (!incognito.allowed) {
  const notice = document.getElementById('incognito');
  notice.textContent = t('incognitoNotAllowed');
  notice.hidden = false;
}
document.getElementById('settings').addEventListener('click', () => chrome.runtime.openOptionsPage());
