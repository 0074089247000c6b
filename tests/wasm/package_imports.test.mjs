// The pages run from the package as files (scripts/package copies pages/,
// icons/, content/ and built/, not the worker's sources, which are inside
// built/worker.js): every module a page imports must be one of those files.
// A page importing a worker module works from the repository and breaks in
// the package (it did: the settings page, on local_day.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGED = ['extension/pages', 'extension/icons', 'extension/content', 'extension/built'].map((d) => path.join(root, d));
const packageScript = fs.readFileSync(path.join(root, 'scripts/package'), 'utf8');

test('the package copies the folders this test takes as packaged', () => {
  assert.match(packageScript, /cp -r extension\/pages extension\/icons extension\/content/);
});

test('every module the pages import is in the package', () => {
  const pages = path.join(root, 'extension/pages');
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = fs.readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/^\s*import\s[^'"]*['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const target = path.resolve(path.dirname(file), spec);
      assert.ok(PACKAGED.some((dir) => target.startsWith(dir + path.sep)), `${path.relative(root, file)} imports ${spec}, which the package does not hold`);
      assert.ok(fs.existsSync(target), `${path.relative(root, file)} imports ${spec}, which does not exist`);
      visit(target);
    }
  };
  for (const name of fs.readdirSync(pages).filter((n) => n.endsWith('.js'))) visit(path.join(pages, name));
  assert.ok(seen.size > 5, `${seen.size} modules read`);
});
