// Every key Deadbolt stores things under, in one place. The content scripts
// are classic scripts (no imports): extension/content/feeds.js spells
// FEED_INDEX and PERF_MEASURE itself; tests/wasm/storage_keys.test.mjs checks
// it spells them as here.

// chrome.storage.sync (and the list's copy in chrome.storage.local)
export const LIST_META = 'list.meta';  // {v, where: 'sync' | 'local', gen, count}: which chunks hold the list
export const LIST_CHUNK_PREFIX = 'list.chunk.';  // `list.chunk.<gen>.<i>`: the list's text in pieces
export const SETTINGS = 'settings';  // what protects: on/off, cool-down, feed options, instances

// chrome.storage.local
export const SETTINGS_PERSONAL = 'settings.personal';  // {reasons, support, startDate}: never synced
export const LIST_BACKUP = 'list.backup';  // the whole list's text, written before sync
export const LIST_SAVED_AT = 'list.savedAt';
export const LIST_WHERE = 'list.where';  // saveList()'s answer: where the list is kept
export const LIST_GEN = 'list.gen';  // the generation last written here
export const LIST_SYNC_REFUSED = 'list.syncRefused';  // the synced generation this build could not read: not written over
export const LIST_UNREADABLE = 'list.unreadable';  // [{text, from, error, keptAt}]: stored lists the core refused, kept aside
export const LIST_SNAPSHOT = 'list.snapshot';  // {version: generation, bytes: base64}: the decider's index
export const FEED_INDEX = 'feeds.index';  // the content scripts' feed index and feed settings
export const FEED_COUNT_PREFIX = 'feeds.count.';  // `feeds.count.<day>.<session>`: items kept out of sight
export const RULES_STATUS = 'rules.status';
export const LOG_PREFIX = 'log.';  // `log.<YYYY-MM>.<id>`: one attempt each
export const PENDING = 'pending';
export const LETTERS = 'letters';
export const LETTER_DRAFT = 'letters.draft';  // the block page's letter as it is being written
export const LETTERS_DELETED = 'letters.deleted';  // how many times "delete all letters" ran: a draft read before is not written back
export const PERF_MEASURE = 'perf.measure';  // set by benchmarks only
export const LIST_FOLLOWS_SYNC = 'list.followsSync';  // the person's choice: the list also in storage.sync
export const HEALTH_HISTORY = 'health.history';  // [{kind, from, to}]: when Deadbolt could not protect everywhere
export const HISTORY_FORGET = 'history.forget';  // true while "Remove them from this browser's history" is on
export const INBOX_INDEX = 'inbox.index';  // the inbox content script's index and settings
export const INBOX_COUNT_PREFIX = 'inbox.count.';  // `inbox.count.<day>.<session>`: messages kept sealed
export const INBOX_OPENABLE = 'inbox.openable';  // sealed conversations whose cool-down is over
export const INBOX_OPENED = 'inbox.opened';  // {person: index, until}: the one opened on purpose, for its pane

// chrome.storage.session
export const PERF_COLD_START = 'perf.coldStartMs';
export const PERF_START_PHASES = 'perf.startPhases';
export const STAGED_ATTEMPT_PREFIX = 'attempt.';
export const SEEN_PREFIX = 'seen.';
export const STAGED_NAVIGATION_PREFIX = 'nav.';
export const INBOX_PASS = 'inbox.pass';  // a sealed conversation opened on purpose: {person, platform, until}
