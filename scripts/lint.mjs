// Mozilla's web-ext lint over what ships. Errors fail; the two expected
// warnings (Firefox does not know Chrome's background.service_worker, which
// sits beside background.scripts on purpose, nor chrome.dom, which the
// inbox script calls only where it exists) are explained in the README.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXPECTED = new Set(['MANIFEST_FIELD_UNSUPPORTED:/background/service_worker', 'UNSUPPORTED_API:dom.openOrClosedShadowRoot']);
let out;
try {
  out = execFileSync(path.join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', path.join(root, 'dist/package/firefox'), '--output', 'json'], { encoding: 'utf8' });
} catch (error) {
  out = error.stdout;  // web-ext exits non-zero when it finds errors
}
const report = JSON.parse(out);
// A warning is named by its code and what it is about: the quoted part of its message, else its first word.
const about = (message) => (message.match(/"([^"]+)"/) ?? [])[1] ?? message.split(' ')[0];
const unexpected = report.warnings.filter((w) => !EXPECTED.has(`${w.code}:${about(w.message)}`));
for (const e of [...report.errors, ...unexpected, ...report.notices]) console.log(`${e._type}: ${e.code} ${e.file ?? ''} ${e.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexpected.length} expected), ${report.notices.length} notices`);
process.exit(report.errors.length || unexpected.length ? 1 : 0);
