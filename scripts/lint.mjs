// Mozilla's web-ext lint over what ships. Errors fail; the one expected
// warning (Firefox does not know Chrome's background.service_worker, which
// sits beside background.scripts on purpose) is explained in the README.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXPECTED = new Set(['MANIFEST_FIELD_UNSUPPORTED:/background/service_worker']);
let out;
try {
  out = execFileSync(path.join(root, 'node_modules/.bin/web-ext'), ['lint', '--source-dir', path.join(root, 'dist/package/firefox'), '--output', 'json'], { encoding: 'utf8' });
} catch (error) {
  out = error.stdout;  // web-ext exits non-zero when it finds errors
}
const report = JSON.parse(out);
const unexpected = report.warnings.filter((w) => !EXPECTED.has(`${w.code}:${(w.message.match(/"([^"]+)"/) ?? [])[1]}`));
for (const e of [...report.errors, ...unexpected, ...report.notices]) console.log(`${e._type}: ${e.code} ${e.file ?? ''} ${e.message}`);
console.log(`web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexpected.length} expected), ${report.notices.length} notices`);
process.exit(report.errors.length || unexpected.length ? 1 : 0);
