// Settings: people and their accounts, adding by link or handle, import and
// export. Every reading of a link or handle is the core's.
import { ask, localize, t } from './i18n.js';

localize();

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

async function render() {
  const [{ list, platforms, where, problem, attempts }, incognito, stats] = await Promise.all([
    ask({ type: 'list' }),
    ask({ type: 'incognito' }),
    ask({ type: 'stats' }),
  ]);
  const names = new Map(platforms.map((p) => [p.id, p.name]));

  const select = $('platform');
  if (select.options.length === 1) {
    for (const p of platforms) select.append(el('option', { value: p.id, textContent: p.name }));
  }

  const notices = [];
  if (!incognito.allowed) notices.push(t('incognitoNotAllowed'));
  if (where === 'local') notices.push(t('listKeptLocally'));
  if (problem) notices.push(problem);
  $('notices').replaceChildren(...notices.map((n) => el('p', { className: 'notice', textContent: n })));

  $('people-names').replaceChildren(...list.people.map((p) => el('option', { value: p.name })));
  if (!$('person').value && list.people.length) $('person').value = list.people[0].name;

  const people = list.people.map((person) => {
    const items = (person.accounts ?? []).map((a) => {
      const id = a.platform ?? a.shown?.platform;
      const platform = id ? names.get(id) ?? id : '';
      const handle = a.handle ?? a.shown?.handle ?? a.url ?? '';
      const count = attempts[`${person.name}\u0000${id}`] ?? 0;
      return el('li', {},
        el('span', { textContent: platform ? `${platform} · ${handle}` : handle }),
        el('span', { className: 'muted', textContent: a.added ? t('addedOn', a.added) : '' }),
        el('span', { className: 'muted', textContent: t('attemptsCount', count) }));
    });
    return el('div', { className: 'card' },
      el('h3', { textContent: person.name }),
      items.length ? el('ul', { className: 'accounts' }, ...items) : el('p', { className: 'muted', textContent: t('noAccountsYet') }));
  });
  $('people').replaceChildren(...(people.length ? people : [el('p', { className: 'muted', textContent: t('noPeopleYet') })]));
  return stats;
}

// "Instagram · @janedoe": the core's reading, shown before anything is saved.
let readTimer = 0;
async function readBack() {
  const text = $('profile').value;
  if (!text.trim()) {
    $('readback').textContent = '';
    return null;
  }
  const read = await ask({ type: 'readProfile', text, platform: $('platform').value });
  $('readback').className = read.error ? 'readback error' : 'readback';
  $('readback').textContent = read.error ?? t('readBack', read.platformName, read.handle);
  return read;
}
for (const id of ['profile', 'platform']) {
  $(id).addEventListener('input', () => {
    clearTimeout(readTimer);
    readTimer = setTimeout(readBack, 150);
  });
}

$('add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const result = await ask({ type: 'addAccount', text: $('profile').value, platform: $('platform').value, person: $('person').value });
  if (result.error) {
    $('readback').className = 'readback error';
    $('readback').textContent = result.error;
    return;
  }
  $('profile').value = '';
  $('readback').className = 'readback';
  $('readback').textContent = t('addedAccount', result.added.platformName, result.added.handle, result.added.person);
  await render();
  $('profile').focus();
});

$('export').addEventListener('click', async () => {
  const { text } = await ask({ type: 'exportList' });
  const link = el('a', {
    href: URL.createObjectURL(new Blob([text], { type: 'application/json' })),
    download: `deadbolt-${new Date().toISOString().slice(0, 10)}.json`,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  $('backup-status').textContent = t('exported');
});

$('import').addEventListener('change', async () => {
  const file = $('import').files[0];
  $('import').value = '';
  if (!file) return;
  const status = $('backup-status');
  if (file.size > 8 * 1024 * 1024) {
    status.className = 'error';
    status.textContent = t('importTooLarge');
    return;
  }
  const result = await ask({ type: 'importList', text: await file.text() });
  status.className = result.error ? 'error' : '';
  status.textContent = result.error ? t('importRefused', result.error) : t('imported');
  if (!result.error) await render();
});

await render();
