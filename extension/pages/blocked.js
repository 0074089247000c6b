// The block page. The blocked address arrives after '#'; it is shown as text
// and only the service worker (that is, the core) says what it was.
import { ask, localize, t } from './i18n.js';

localize();
const url = location.hash.slice(1);
document.getElementById('url').textContent = url;

try {
  const verdict = await ask({ type: 'verdict', url });
  if (verdict?.person && verdict?.platformName) {
    document.getElementById('who').textContent = t('blockedWho', verdict.person, verdict.platformName);
  } else if (verdict?.person) {
    document.getElementById('who').textContent = t('blockedWhoSearch', verdict.person);
  }
} catch {
  // The page still protects without the details.
}

document.getElementById('back').addEventListener('click', async () => {
  // Back would land on the page that led here, often the feed that offered
  // the profile; a fresh tab is the safer place.
  const tab = await chrome.tabs.getCurrent();
  if (tab?.id !== undefined) chrome.tabs.update(tab.id, { url: 'chrome://newtab/' });
  else location.replace('about:blank');
});
