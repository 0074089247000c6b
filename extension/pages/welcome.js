import { localize } from './i18n.js';

localize();
document.getElementById('start').addEventListener('click', () => chrome.runtime.openOptionsPage());
performance.mark('deadbolt-ready');
