/**
 * Runs @doyensec/electronegativity over a folder through its programmatic API and prints its
 * findings as one JSON line; writes its CSV too. Run as a child process:
 *   node --import tsx test/hostile/support/run-electronegativity.ts INPUT ELECTRON_VERSION OUT.csv
 * Why not its CLI: electronegativity 1.10.3 calls commander 2's API without declaring commander
 * as a dependency, so `npx electronegativity` picks up our commander 14 and dies with
 * "version is not a function". Why the stub: each run fetches translations from GitHub with
 * `got`; tests reach loopback only, so `got` refuses at once and the bundled en-US strings are
 * used (what it does anyway when offline, after a 1 s timeout).
 */
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';

interface Level {
  name: string;
  value: number;
}
interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: Level;
  confidence: Level;
  manualReview: boolean;
  description: string;
}
interface Result {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}
type Run = (options: Record<string, unknown>) => Promise<Result>;

const [input, electronVersion, output] = process.argv.slice(2);
if (!input || !electronVersion || !output) {
  console.error('usage: run-electronegativity.ts INPUT ELECTRON_VERSION OUT.csv');
  process.exit(2);
}

const require = createRequire(import.meta.url);
const packageFolder = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const gotPath = require.resolve('got', { paths: [packageFolder] });
const offline = new Module(gotPath);
offline.exports = () => Promise.reject(new Error('no network in tests'));
offline.loaded = true;
require.cache[gotPath] = offline;

const run = require('@doyensec/electronegativity') as Run;
const result = await run({
  input,
  output,
  isSarif: false,
  isRelative: true,
  electronVersionOverride: electronVersion,
});
process.stdout.write(
  `${JSON.stringify({
    globalChecks: result.globalChecks,
    atomicChecks: result.atomicChecks,
    errors: result.errors,
    issues: result.issues.map((issue) => ({
      id: issue.id,
      file: issue.file,
      line: issue.location.line,
      column: issue.location.column,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: issue.manualReview,
      description: issue.description,
    })),
  })}\n`,
);
