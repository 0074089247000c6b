// Settings: people and their accounts, what supports the person, import and
// export, their private writing. Every reading of a link or handle is the
// core's; anything that lowers protection waits out the cool-down.
import { ask, incognitoNotice, localize, showPageFailures, profileError, t } from './i18n.js';
import { platformBadge } from './platform-badge.js';
import { showHealth } from './health.js';
import { localDay } from './local_day.js';

localize();
showPageFailures();

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};
const when = (ms) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A button that asks "are you sure?" on the first press and acts on the second. */
function confirmButton(label, confirmLabel, action, className = 'quiet small') {
  const button = el('button', { type: 'button', className, textContent: label });
  button.addEventListener('click', async () => {
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = confirmLabel;
      return;
    }
    button.disabled = true;
    try {
      await action();
    } finally {
      // A render replaces it on success; after a failure it must work again.
      button.disabled = false;
      button.dataset.confirm = '';
      button.textContent = label;
    }
  });
  return button;
}

let current = null;
// The fields of the support card they changed since they last saved: kept
// through redraws, and the only ones Save sends, so that a settings page
// left open elsewhere cannot write back what it showed before.
const edited = new Set();
let coparentChannels = null;  // the core's list, asked once

/** A channel's name in the person's language. */
const channelName = (id) => ({
  email: t('channelEmail'), whatsapp: t('channelWhatsapp'), messenger: t('channelMessenger'),
  instagram: t('channelInstagram'), telegram: t('channelTelegram'), linkedin: t('channelLinkedin'),
})[id] ?? id;

/**
 * "Co-parent": one channel kept open for logistics. Opening one waits out the
 * cool-down (the worker queues it); closing it is at once.
 */
function coparentControl(person, settings) {
  const select = el('select', {});
  select.setAttribute('aria-label', t('coparentLabel', person.name));
  select.append(el('option', { value: '', textContent: t('coparentNone') }),
    ...coparentChannels.map((c) => el('option', { value: c, textContent: channelName(c) })));
  const kept = person.coparent?.channel ?? '';
  select.value = kept;
  const status = el('p', { className: 'muted', ariaLive: 'polite' });
  // Chosen, then applied with its own button: a closed menu changes at each
  // arrow key, and an open channel lowers protection.
  const apply = focusKey(el('button', { type: 'button', className: 'quiet small', textContent: t('coparentApply'), disabled: true }),
    `coparent ${person.name}`);
  select.addEventListener('change', () => { apply.disabled = select.value === kept; });
  apply.addEventListener('click', async () => {
    const result = await ask({ type: 'setCoparent', person: person.name, channel: select.value });
    if (result.pending) {
      await render();
      $('pending-section').querySelector('h2')?.focus?.();
      return;
    }
    status.textContent = result.error ?? t('saved');
    if (!result.error) await render();
  });
  return el('div', { className: 'coparent' },
    el('h4', { className: 'small', textContent: t('coparentHeading') }),
    el('p', { className: 'muted', textContent: t('coparentExplain', settings.cooldownHours) }),
    el('div', { className: 'row' }, select, apply), status);
}

// Each render replaces the people's rows: the control that had keyboard
// focus is found again by its key (a control that went, such as a Remove
// now pending, hands focus to the heading of where the change shows).
const focusKey = (node, key) => {
  node.dataset.focusKey = key;
  return node;
};
function restoreFocus(key) {
  if (!key || document.activeElement !== document.body) return;
  const again = [...document.querySelectorAll('[data-focus-key]')].find((node) => node.dataset.focusKey === key);
  if (again) again.focus();
  else if (!$('pending-section').hidden) $('pending-heading').focus();
  else $('people-heading').focus();
}

/**
 * A person's "add a keyword" or "add a saved name" row: Enter or the button
 * sends it; a refusal says why, under the row; a success draws the page again.
 */
function adder(person, { what, label, placeholder, button: buttonLabel, send }) {
  const input = focusKey(el('input', { type: 'text', autocomplete: 'off', placeholder }), `${what} ${person.name}`);
  input.setAttribute('aria-label', label);
  const button = focusKey(el('button', { type: 'button', className: 'quiet small', textContent: buttonLabel }), `add ${what} ${person.name}`);
  const status = el('p', { className: 'muted', ariaLive: 'polite' });
  const submit = async () => {
    if (!input.value.trim()) return;
    const result = await send(input.value);
    if (result.error) {
      status.className = 'error';
      status.textContent = profileError(result);
      return;
    }
    await render();
  };
  button.addEventListener('click', submit);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') submit();
  });
  return { row: el('div', { className: 'row' }, input, button), status };
}

async function render() {
  const focused = document.activeElement?.dataset?.focusKey;
  coparentChannels ??= (await ask({ type: 'coparentChannels' })).channels;
  current = await ask({ type: 'list' });
  const { people: rows, platforms, where, problem, settings, pending, incognito, unreadable } = current;

  const select = $('platform');
  if (select.options.length === 1) for (const p of platforms) select.append(el('option', { value: p.id, textContent: p.name }));

  const notices = [];
  if (!settings.enabled) notices.push(t('deadboltOff'));
  if (!incognito) notices.push(incognitoNotice());
  if (where === 'local') notices.push(t('listKeptLocally'));
  if (problem) notices.push(problem);
  const shown = notices.map((n) => el('p', { className: 'notice', textContent: n }));
  if (unreadable > 0) {
    // Every copy kept aside (up to five), newest first, each as it was.
    const { lists = [] } = await ask({ type: 'unreadableLists' });
    const buttons = [...lists].reverse().map((kept, i) => {
      const label = lists.length === 1 ? t('downloadUnreadable') : t('downloadUnreadableFrom', [when(kept.keptAt)]);
      const button = focusKey(el('button', { type: 'button', className: 'quiet small', textContent: label }), `unreadable ${kept.keptAt}`);
      button.addEventListener('click', () => {
        download(kept.text, `deadbolt-unreadable-${localDay(new Date(kept.keptAt))}-${lists.length - i}.json`, 'application/json');
      });
      return button;
    });
    shown.push(el('p', { className: 'notice' }, ...buttons));
  }
  $('notices').replaceChildren(...shown);

  $('people-names').replaceChildren(...rows.map((p) => el('option', { value: p.name })));
  if (!$('person').value && rows.length) $('person').value = rows[0].name;

  // The core marks what a pending removal will take.
  const removal = (change, waiting) =>
    waiting
      ? el('span', { className: 'muted', textContent: t('removalPending') })
      : focusKey(confirmButton(t('removeButton'), t('removeConfirm', settings.cooldownHours), async () => {
        await ask({ type: 'requestRemoval', change });
        await render();
      }, 'quiet small'), `remove ${JSON.stringify(change)}`);

  const people = rows.map((person) => {
    const accounts = person.accounts.map((a) => {
      const platform = a.platformName ?? '';
      return el('li', {},
        platformBadge(a.platform, platform),
        el('span', { textContent: platform ? `${platform} · ${a.handle}` : a.handle }),
        el('span', { className: 'muted', textContent: a.added ? t('addedOn', a.added) : '' }),
        el('span', { className: 'muted', textContent: t('attemptsCount', a.attempts) }),
        removal({ kind: 'remove-account', person: person.name, key: a.key }, a.removalPending));
    });
    const keywords = person.keywords.map((k) =>
      el('li', {}, el('span', { textContent: k.text }),
        removal({ kind: 'remove-keyword', person: person.name, keyword: k.text }, k.removalPending)));
    const keywordAdder = adder(person, {
      what: 'keyword', label: t('addKeywordFor', person.name), placeholder: t('keywordPlaceholder'), button: t('addKeyword'),
      send: (keyword) => ask({ type: 'addKeyword', person: person.name, keyword }),
    });
    // The names they're saved under (how they appear in the person's phone or
    // inbox): a conversation that shows only one of these stays sealed.
    const names = person.names.map((n) =>
      el('li', {}, el('span', { textContent: n.text }),
        removal({ kind: 'remove-name', person: person.name, name: n.text }, n.removalPending)));
    const nameAdder = adder(person, {
      what: 'name', label: t('addSavedNameFor', person.name), placeholder: t('savedNamePlaceholder'), button: t('addSavedName'),
      send: (name) => ask({ type: 'addName', person: person.name, name }),
    });
    // "Hide them in my feeds": on at once, off after the cool-down.
    const feeds = focusKey(el('input', { type: 'checkbox', checked: person.feeds && !person.feedsOffPending }), `feeds ${person.name}`);
    feeds.addEventListener('change', async () => {
      await ask({ type: 'setFeeds', person: person.name, on: feeds.checked });
      await render();
    });
    return el('section', { className: 'card' },
      el('div', { className: 'row' }, el('h3', { textContent: person.name }), removal({ kind: 'remove-person', person: person.name }, person.removalPending)),
      el('label', { className: 'row' }, feeds, el('span', { textContent: t('feedsHideLabel') })),
      accounts.length ? el('ul', { className: 'accounts' }, ...accounts) : el('p', { className: 'muted', textContent: t('noAccountsYet') }),
      el('h4', { className: 'small', textContent: t('keywordsHeading') }),
      el('p', { className: 'muted', textContent: t('keywordsExplain') }),
      keywords.length ? el('ul', { className: 'accounts' }, ...keywords) : el('p', { className: 'muted', textContent: t('noKeywordsYet') }),
      keywordAdder.row,
      keywordAdder.status,
      el('h4', { className: 'small', textContent: t('savedNamesHeading') }),
      el('p', { className: 'muted', textContent: t('savedNamesExplain') }),
      names.length ? el('ul', { className: 'accounts' }, ...names) : null,
      nameAdder.row,
      nameAdder.status,
      coparentControl(person, settings));
  });
  $('people').replaceChildren(...(people.length ? people : [el('p', { className: 'muted', textContent: t('noPeopleYet') })]));

  $('pending-section').hidden = pending.length === 0;
  $('pending').replaceChildren(...pending.map((p) => {
    const cancel = focusKey(el('button', { type: 'button', className: 'small', textContent: t('cancelButton') }), `cancel ${p.id}`);
    cancel.addEventListener('click', async () => {
      await ask({ type: 'cancelPending', id: p.id });
      await render();
    });
    return el('li', { className: 'pending' }, el('span', { textContent: describePending(p) }),
      el('span', { className: 'muted', textContent: t('takesEffect', when(p.dueAt)) }), cancel);
  }));

  // What they typed and have not saved yet stays as typed: every other
  // action on this page redraws it.
  const stored = {
    'reasons-input': settings.reasons.join('\n'),
    'support-name': settings.support.name,
    'support-contact': settings.support.contact,
    'start-date': settings.startDate ?? '',
    cooldown: String(settings.cooldownHours),
  };
  for (const [id, value] of Object.entries(stored)) if (!edited.has(id)) $(id).value = value;
  $('feed-mentions').checked = settings.feedMentions !== false && !pending.some((p) => p.kind === 'feed-mentions-off');
  $('feed-placeholder').checked = settings.feedPlaceholder === true;
  $('inbox-cover-coparent').checked = settings.inboxCoverCoparentPreview === true;
  $('toggle-enabled').textContent = settings.enabled ? t('turnOff') : t('turnOn');
  // The fediverse instances they read on; removing one waits out the cool-down.
  $('instances').replaceChildren(...(settings.feedInstances ?? []).map((host) => {
    const waiting = pending.some((p) => p.kind === 'instance-off' && p.host === host);
    return el('li', {}, el('span', { textContent: host }), ' ', waiting
      ? el('span', { className: 'muted', textContent: t('removalPending') })
      : confirmButton(t('removeButton'), t('removeConfirm', settings.cooldownHours), async () => {
        await ask({ type: 'removeInstance', host });
        await render();
      }));
  }));

  const { letters } = await ask({ type: 'letters' });
  $('letters').replaceChildren(...(letters.length ? letters.slice().reverse().map((l) => {
    const remove = confirmButton(t('deleteButton'), t('deleteConfirm'), async () => {
      await ask({ type: 'deleteLetter', id: l.id });
      await render();
    });
    return el('li', {}, el('span', { className: 'muted', textContent: when(l.at) }), el('span', { textContent: l.text }), remove);
  }) : [el('li', { className: 'muted', textContent: t('noLettersYet') })]));
  $('export-letters').hidden = letters.length === 0;
  restoreFocus(focused);
}

/** A pending change in words; an account's platform and handle are as the core planned them. */
function describePending(p) {
  switch (p.kind) {
    case 'remove-person': return t('pendingRemovePerson', p.person);
    case 'remove-keyword': return t('pendingRemoveKeyword', p.keyword, p.person);
    case 'remove-name': return t('pendingRemoveSavedName', p.name, p.person);
    case 'remove-account':
      return t('pendingRemoveAccount', p.platformName ? `${p.platformName} · ${p.handle}` : p.key, p.person);
    case 'coparent': return t('pendingCoparent', channelName(p.channel), p.person);
    case 'open-conversation': return t('pendingOpenConversation', p.person, p.platformName ?? p.platform);
    case 'cooldown': return t('pendingCooldown', p.value);
    case 'disable': return t('pendingDisable');
    case 'feeds-off': return t('pendingFeedsOff', p.person);
    case 'feed-mentions-off': return t('pendingFeedMentionsOff');
    case 'instance-off': return t('pendingInstanceOff', p.host);
    default: return p.kind;
  }
}

// "Instagram · @janedoe": the core's reading, shown before anything is saved.
// A reading that comes back after the field changed, or after the form was
// sent, is stale: it must not overwrite "Added …".
let readTimer = 0;
let readGeneration = 0;
async function readBack() {
  const generation = ++readGeneration;
  const text = $('profile').value;
  if (!text.trim()) {
    $('readback').textContent = '';
    return;
  }
  const read = await ask({ type: 'readProfile', text, platform: $('platform').value });
  if (generation !== readGeneration) return;
  $('readback').className = read.error ? 'readback error' : 'readback';
  $('readback').textContent = read.error ? profileError(read) : t('readBack', read.platformName, read.handle);
}
for (const id of ['profile', 'platform']) {
  $(id).addEventListener('input', () => {
    clearTimeout(readTimer);
    readTimer = setTimeout(readBack, 150);
  });
}

$('add-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearTimeout(readTimer);
  readGeneration++;
  const result = await ask({ type: 'addAccount', text: $('profile').value, platform: $('platform').value, person: $('person').value });
  if (result.error) {
    $('readback').className = 'readback error';
    $('readback').textContent = result.errorCode ? profileError(result) : result.error;
    return;
  }
  $('profile').value = '';
  $('readback').className = 'readback';
  $('readback').textContent = t('addedAccount', result.added.platformName, result.added.handle, result.added.person);
  await render();
  $('profile').focus();
});

// "Your Mastodon instance": the core reads it as it is typed, so that the
// browser can be asked for that very site within the click (browsers grant
// a site only from the person's own gesture).
const instanceError = (code) => t({ covered: 'instanceCovered', 'other-platform': 'instanceOtherPlatform' }[code] ?? 'instanceNotAHost');
let instanceReading = null;  // {text, host, pattern} or {text, error}
let instanceTimer = 0;
async function readInstanceBack() {
  const text = $('instance').value;
  if (!text.trim()) {
    instanceReading = null;
    $('instance-readback').textContent = '';
    return;
  }
  const read = await ask({ type: 'readInstance', text });
  if ($('instance').value !== text) return;  // stale: the field changed meanwhile
  instanceReading = { text, ...read };
  $('instance-readback').className = read.error ? 'readback error' : 'readback';
  $('instance-readback').textContent = read.error ? instanceError(read.error) : t('instanceReadBack', read.host);
}
$('instance').addEventListener('input', () => {
  clearTimeout(instanceTimer);
  instanceTimer = setTimeout(readInstanceBack, 150);
});
$('instance-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  clearTimeout(instanceTimer);
  const text = $('instance').value;
  // Asked in the click's own task when the reading is there (it usually is).
  const granted = instanceReading?.text === text && instanceReading.pattern
    ? chrome.permissions.request({ origins: [instanceReading.pattern] })
    : null;
  const read = instanceReading?.text === text ? instanceReading : { text, ...(await ask({ type: 'readInstance', text })) };
  const status = $('instance-readback');
  if (read.error) {
    status.className = 'readback error';
    status.textContent = instanceError(read.error);
    return;
  }
  const allowed = await (granted ?? chrome.permissions.request({ origins: [read.pattern] })).catch(() => false);
  if (!allowed) {
    status.className = 'readback error';
    status.textContent = t('instanceNotAllowed');
    return;
  }
  const result = await ask({ type: 'addInstance', text });
  status.className = result.error ? 'readback error' : 'readback';
  status.textContent = result.error ? instanceError(result.error) : t('instanceAdded', result.host);
  if (!result.error) $('instance').value = '';
  instanceReading = null;
  await render();
});

for (const id of ['reasons-input', 'support-name', 'support-contact', 'start-date', 'cooldown']) {
  $(id).addEventListener('input', () => edited.add(id));
}
addEventListener('beforeunload', (event) => {
  if (edited.size) event.preventDefault();  // the browser asks before their words are lost
});

$('save-settings').addEventListener('click', async () => {
  const sent = new Map([...edited].map((id) => [id, $(id).value]));
  const patch = {};
  if (edited.has('reasons-input')) patch.reasons = $('reasons-input').value.split('\n');
  if (edited.has('support-name') || edited.has('support-contact')) {
    patch.support = { name: $('support-name').value, contact: $('support-contact').value };
  }
  if (edited.has('start-date')) patch.startDate = $('start-date').value || null;
  // An empty or unreadable field leaves the cool-down as it is (Number('') is 0,
  // which would ask for the shortest one).
  const hours = $('cooldown').valueAsNumber;
  if (edited.has('cooldown') && Number.isFinite(hours)) patch.cooldownHours = hours;
  const result = await ask({ type: 'updateSettings', patch });
  if (result.error) {
    $('settings-status').textContent = result.error;  // what they typed stays in the fields
    return;
  }
  // Saved: the stored values show again, unless they typed more meanwhile.
  for (const [id, value] of sent) if ($(id).value === value) edited.delete(id);
  const { settings, pending } = result;
  $('settings-status').textContent = pending.length ? t('savedWithPending', settings.cooldownHours) : t('saved');
  await render();
});

$('toggle-enabled').addEventListener('click', async () => {
  const turnOn = !current.settings.enabled;
  const result = await ask({ type: 'updateSettings', patch: { enabled: turnOn } });
  if (result.error) {
    $('privacy-status').textContent = result.error;
    return;
  }
  const { pending } = result;
  $('privacy-status').textContent = turnOn ? t('turnedOn') : pending.length ? t('turnOffPending', current.settings.cooldownHours) : '';
  await render();
});

function download(text, name, type) {
  const link = el('a', { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

$('export').addEventListener('click', async () => {
  const { text, error } = await ask({ type: 'exportList' });
  if (error) {
    $('backup-status').textContent = error;
    return;
  }
  download(text, `deadbolt-${localDay(new Date())}.json`, 'application/json');
  $('backup-status').textContent = t('exported');
});

$('export-letters').addEventListener('click', async () => {
  const { letters } = await ask({ type: 'letters' });
  download(letters.map((l) => `${when(l.at)}\n\n${l.text}\n`).join('\n---\n\n'), 'deadbolt-unsent-letters.txt', 'text/plain');
});

// Import: what it adds applies at once (more protection); what it would
// remove is shown first and, if confirmed, waits out the cool-down.
$('import').addEventListener('change', async () => {
  const file = $('import').files[0];
  $('import').value = '';
  if (!file) return;
  const status = $('backup-status');
  $('import-removals').hidden = true;
  if (file.size > 8 * 1024 * 1024) {
    status.className = 'error';
    status.textContent = t('importTooLarge');
    return;
  }
  const text = await file.text();
  const plan = await ask({ type: 'previewImport', text });
  if (plan.error) {
    status.className = 'error';
    status.textContent = t('importRefused', plan.error);
    return;
  }
  const result = await ask({ type: 'importList', text, removals: false });
  status.className = result.error ? 'error' : '';
  status.textContent = result.error ? t('importRefused', result.error) : (plan.added.length === 1 ? t('importedOne') : t('importedSummary', plan.added.length));
  if (plan.removals.length) {
    $('import-removals-list').replaceChildren(...plan.removals.map((r) => el('li', { textContent: describePending(r) })));
    $('import-removals').hidden = false;
    $('import-removals-confirm').onclick = async () => {
      for (const change of plan.removals) await ask({ type: 'requestRemoval', change });
      $('import-removals').hidden = true;
      status.textContent = plan.removals.length === 1 ? t('importOneRemovalQueued') : t('importRemovalsQueued', plan.removals.length);
      await render();
    };
    $('import-removals-keep').onclick = () => {
      $('import-removals').hidden = true;
    };
  }
  await render();
});

for (const [id, what] of [['delete-log', { log: true }], ['delete-letters', { letters: true }]]) {
  const button = $(id);
  const label = button.textContent;
  button.addEventListener('click', async () => {
    if (button.dataset.confirm !== 'yes') {
      button.dataset.confirm = 'yes';
      button.textContent = t('deleteConfirm');
      return;
    }
    await ask({ type: 'deletePrivateData', ...what });
    button.dataset.confirm = '';
    button.textContent = label;
    $('privacy-status').textContent = t('deleted');
    await render();
  });
}

showHealth($('health-notices'));  // the protection check: site access, rules, a silent worker
await render();
performance.mark('deadbolt-ready');

// Where the list lives: this device only, or also the person's browser sync.
async function showListSync() {
  $('list-sync').checked = (await ask({ type: 'listSync' })).on === true;
}
$('list-sync').addEventListener('change', async () => {
  const box = $('list-sync');
  box.disabled = true;
  const result = await ask({ type: 'setListSync', on: box.checked });
  box.disabled = false;
  $('list-sync-status').textContent = result.error ?? t(result.on ? 'listSyncOn' : 'listSyncOff');
  await showListSync();
  await render();
});
await showListSync();

// "Remove them from this browser's history": the browser asks the person for
// the history permission first; turning it off gives the permission back.
$('forget-history').checked = (await ask({ type: 'forgetHistory' })).on === true;
$('forget-history').addEventListener('change', async () => {
  const box = $('forget-history');
  if (!box.checked) {
    await ask({ type: 'setForgetHistory', on: false });
    await chrome.permissions.remove({ permissions: ['history'] }).catch(() => false);
    $('forget-status').textContent = t('forgetOff');
    return;
  }
  const granted = await chrome.permissions.request({ permissions: ['history'] }).catch(() => false);
  if (!granted) {
    box.checked = false;
    $('forget-status').textContent = t('forgetNotAllowed');
    return;
  }
  const result = await ask({ type: 'setForgetHistory', on: true });
  $('forget-status').textContent = result.ok ? (result.removed === 1 ? t('forgetDoneOne') : t('forgetDone', result.removed)) : t('forgetNotAllowed');
});

for (const [id, key] of [['feed-mentions', 'feedMentions'], ['feed-placeholder', 'feedPlaceholder'], ['inbox-cover-coparent', 'inboxCoverCoparentPreview']]) {
  $(id).addEventListener('change', async () => {
    await ask({ type: 'updateSettings', patch: { [key]: $(id).checked } });
    await render();
  });
}
