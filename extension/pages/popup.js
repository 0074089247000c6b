// The popup: how many visits Deadbolt kept closed, the streak, a 30-day
// chart drawn from the core's daily series, and "Block this profile" for the
// tab in front of the person.
import { ask, incognitoNotice, localize, showPageFailures, profileError, reachedOutButton, showStreak, t } from './i18n.js';
import { chart, hoursChart } from './chart.js';
import { platformBadge } from './platform-badge.js';
import { showHealth } from './health.js';

localize();
showPageFailures();
const $ = (id) => document.getElementById(id);

async function render() {
  const { stats, enabled, incognito, platforms } = await ask({ type: 'overview' });
  const platformName = new Map(platforms.map((p) => [p.id, p.name]));
  $('total').textContent = String(stats.all);
  $('today').textContent = String(stats.today);
  $('week').textContent = String(stats.week);
  $('month').textContent = String(stats.month);
  showStreak(stats);
  $('chart').replaceChildren(chart(stats.daily, t('chartLabel')));
  // Items hidden in feeds are not attempts: a count of their own.
  const kept = await ask({ type: 'feedCounts' });
  $('feeds-kept').textContent = t('feedsKept', kept.today, kept.all);
  // Messages of listed people kept sealed in inboxes: they reached out, not
  // the user. Shown only when there are some, calmly, never pushed.
  const sealed = await ask({ type: 'inboxCounts' });
  $('inbox-kept').textContent = t('inboxKept', sealed.today, sealed.all);
  $('inbox-kept').hidden = !(sealed.all > 0);
  // "Your hardest hours": attempts by the local hour they came at.
  $('hours-chart').replaceChildren(hoursChart(stats.byHour, t('hoursChartLabel')));
  $('hours').hidden = stats.all === 0;
  // The five largest counts; platforms (keyed by the core's id) with their badge.
  const rows = (counts, platforms) =>
    Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([key, n]) => {
      const li = document.createElement('li');
      const name = platforms ? platformName.get(key) ?? key : key;
      li.textContent = t('countFor', name || '—', n);
      if (platforms) li.prepend(platformBadge(key, name));
      return li;
    });
  $('by-platform').replaceChildren(...rows(stats.byPlatform, true));
  $('by-person').replaceChildren(...rows(stats.byPerson, false));
  $('breakdown').hidden = stats.all === 0;
  const notices = [];
  if (!enabled) notices.push(t('deadboltOff'));
  if (!incognito) notices.push(incognitoNotice());
  $('notices').replaceChildren(...notices.map((n) => Object.assign(document.createElement('p'), { className: 'notice', textContent: n })));
}

// "Block this profile": the core reads the current tab; one click asks for
// confirmation, the second adds it.
async function offerCurrentTab() {
  // "#tab=ID" names the tab when the popup is opened as a page (the browser
  // tests do); otherwise it is the tab in front of the person.
  const named = Number(new URLSearchParams(location.hash.slice(1)).get('tab'));
  const [tab] = named ? [await chrome.tabs.get(named).catch(() => null)] : await chrome.tabs.query({ active: true, currentWindow: true });
  if (!tab?.url) return;
  const read = await ask({ type: 'currentTab', url: tab.url });
  if (read.error || read.blocked) return;
  const section = $('block-tab');
  $('block-tab-what').textContent = t('readBack', read.platformName, read.handle);
  section.hidden = false;
  const button = $('block-tab-button');
  button.addEventListener('click', async () => {
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = t('confirmBlock');
      $('block-tab-person').hidden = false;
      $('block-tab-person-input').focus();
      return;
    }
    const result = await ask({ type: 'addAccount', text: tab.url, platform: '', person: $('block-tab-person-input').value });
    $('block-tab-status').textContent = result.error ? (result.errorCode ? profileError(result) : result.error) : t('addedAccount', result.added.platformName, result.added.handle, result.added.person);
    if (!result.error) {
      button.hidden = true;
      $('block-tab-person').hidden = true;
      chrome.tabs.reload(tab.id);
    }
  });
  const { people } = await ask({ type: 'list' });
  $('block-tab-person-input').value = people[0]?.name ?? '';
  $('block-tab-names').replaceChildren(...people.map((p) => Object.assign(document.createElement('option'), { value: p.name })));
}

$('settings').addEventListener('click', () => chrome.runtime.openOptionsPage());
reachedOutButton($('reached-out'), $('reached-out-status'), showStreak);
// The protection check runs beside the counts: a worker that does not
// answer is itself a notice.
showHealth($('health-notices'), $('health-periods'), $('health-history'));
await render();
await offerCurrentTab();
performance.mark('deadbolt-ready');
