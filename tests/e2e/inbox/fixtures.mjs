// The inbox tests' list and what every one asserts, shared by Chromium and Firefox.
import assert from 'node:assert/strict';

export const INBOX_LIST = JSON.stringify({
  version: 1,
  people: [
    {
      name: 'Jane Doe', keywords: ['Jane Doe'], names: ['Janey'],
      accounts: [
        { platform: 'email', handle: 'jane.doe@example.com' },
        { platform: 'email', handle: 'jane.doe@gmail.com' },
        { platform: 'phone', handle: '+1 555 123 4567' },
        { platform: 'facebook', handle: 'jane.doe.77' },
        { platform: 'instagram', handle: 'janedoe' },
        { platform: 'x', handle: 'janedoe_x' },
        { url: 'https://www.linkedin.com/in/jane-doe-123/' },
        { platform: 'telegram', handle: 'janedoe_tg' },
      ],
    },
    {
      name: 'Sam Coparent', coparent: { channel: 'whatsapp' },
      accounts: [{ platform: 'phone', handle: '+44 7700 900123' }, { platform: 'email', handle: 'sam@example.org' }],
    },
  ],
});

/** What every inbox test asserts of a page's own report (frames.js). */
export function assertClean(r, what) {
  assert.ok(r.traces > 0 && r.shown > 0, `${what}: the page has traces of them and other conversations (${r.traces}, ${r.shown})`);
  assert.deepEqual(r.tracesRendered, [], `${what}: traces of a listed person still rendered`);
  assert.deepEqual(r.painted, [], `${what}: traces of a listed person painted`);
  assert.equal(r.paintedFrames, 0, `${what}: ${r.paintedFrames} painted frames of ${r.frames}`);
  assert.deepEqual(r.shownHidden, [], `${what}: other conversations hidden`);
  assert.ok(r.frames > 0, `${what}: the page counted frames`);
}

