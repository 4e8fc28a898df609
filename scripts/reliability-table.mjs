#!/usr/bin/env node
// Turns the figures the hostile suite writes (test-results/reliability/*.json) into the
// Markdown of docs/reliability.md. Usage: npx vitest run test/hostile && node scripts/reliability-table.mjs [--write]
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = join(root, 'test-results/reliability');
if (!existsSync(folder)) {
  console.error(`no figures in ${folder}: run npx vitest run test/hostile first`);
  process.exit(1);
}
const figures = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(join(folder, name), 'utf8')))
  .sort((a, b) => a.order - b.order);
if (figures.length === 0) {
  console.error('no figures: did the hostile suite fail?');
  process.exit(1);
}

// Faults other suites already prove; their counts are the cases in that test file.
const elsewhere = [
  [
    'Capture helper killed mid-capture',
    'SIGKILL to the running helper; also dispose() with the helper under a wrapper shell',
    '3 cases',
    'session ends with a clear error, the rolling pcap stays readable, no helper left',
    'test/capture-session/capture-session.test.ts',
    'npx vitest run test/capture-session/capture-session.test.ts',
  ],
  [
    'Capture interface deleted mid-capture',
    'veth deleted in a test namespace; interface set down and up; interface down at start',
    '3 + 1 cases',
    'helper reports interface-gone / interface-down, the partial pcap is valid; the session ends with interface-gone, pcap whole',
    'test/native/helper-interface-gone.test.ts, test/netns/dns-incidents.test.ts',
    'npx vitest run test/native/helper-interface-gone.test.ts test/netns/dns-incidents.test.ts',
  ],
  [
    'Disk full while exporting a report',
    'export onto a small tmpfs the test mounts',
    '1 case',
    'clear error, nothing half-written, no temporary file left',
    'test/report/export-report.test.ts',
    'npx vitest run test/report/export-report.test.ts',
  ],
  [
    'Export path that cannot be written',
    'missing folder, a folder as path, a read-only tmpfs; CLI --out unwritable',
    '3 cases',
    'a clear one-line error, nothing left behind',
    'test/report/export-report.test.ts, test/report/analyze-command.test.ts',
    'npx vitest run test/report/export-report.test.ts test/report/analyze-command.test.ts',
  ],
  [
    'Browser mode: token, Host, Origin, loopback',
    'no/wrong token, foreign Host (DNS rebinding), foreign or missing WebSocket Origin, listen address',
    '5 + 4 cases',
    'refused (401/403, socket closed); listens on 127.0.0.1 only; another local origin kept out in Chromium',
    'test/app/server.test.ts, test/e2e/browser-mode-refusals.test.ts',
    'npx vitest run test/app/server.test.ts test/e2e/browser-mode-refusals.test.ts',
  ],
  [
    'Capture-derived strings in reports and file names',
    'HTML/Markdown escaping, control and bidi characters, a DNS name `<img onerror>` rendered in Chromium, default file names',
    'unit + 1 capture',
    'shown as text, no element, no dialog',
    'test/report/escaping.test.ts, test/report/hostile-capture.test.ts, test/report/default-file-name.test.ts',
    'npx vitest run test/report',
  ],
  [
    'Malformed IPC calls, unknown request names',
    '600 fast-check values over all requests, hand-picked wrong calls, `__proto__`/`constructor` names',
    '600 + 25 cases',
    'refused with validation / unknown-request; the service keeps serving',
    'test/app/service-validation.test.ts',
    'npx vitest run test/app/service-validation.test.ts',
  ],
];

const notCovered = [
  'The renderer reloaded during a live capture: test/app/service-files.test.ts pages the events again for a reloaded renderer of a file session only; no live-capture or browser reload test.',
  'Browser-mode WebSocket messages fuzzed over the wire (the fuzz above calls the service directly; test/app/server.test.ts covers the socket refusals).',
  '`@doyensec/electronegativity` and `npm audit --omit=dev` are not run by any suite. Run by hand on 2026-11-25 (`npx @doyensec/electronegativity -i electron -r 45.5.0`): after turning Auxclick off, it reports PRELOAD_JS_CHECK (medium, "review the use of preload scripts": ours exposes one contextBridge method per contract message), REMOTE_MODULE_JS_CHECK (medium, tentative: the remote module no longer exists in Electron 45) and CSP_GLOBAL_CHECK (low, tentative: it cannot parse the CSP, which it reads from a constant). `npm audit` cannot run here: the registry answers its advisory endpoint with 405.',
  'The 10 000 000-packet stream runs only with NETMORTEM_HOSTILE_FULL=1 (about 4 GB of disk); CI streams 200 000 packets.',
];

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
const lines = [
  '# Reliability and security figures',
  '',
  'Generated by `node scripts/reliability-table.mjs --write` from the counts the hostile suite',
  '(`test/hostile/`, run with `npx vitest run test/hostile`) writes to `test-results/reliability/`.',
  'Do not edit the first table by hand: rerun the suite and the script.',
  '',
  '## Measured by the hostile suite',
  '',
  '| item | what was tried | inputs | what held | reproduce |',
  '|---|---|---:|---|---|',
  ...figures.map(
    (figure) =>
      `| ${cell(figure.item)} | ${cell(figure.tried)} | ${figure.inputs.toLocaleString('en')} | ${cell(figure.held)} | \`${cell(figure.command)}\` |`,
  ),
  '',
  '## Proved by other suites',
  '',
  '| item | what was tried | faults | what held | proved by | reproduce |',
  '|---|---|---|---|---|---|',
  ...elsewhere.map(
    (row) =>
      `| ${row.slice(0, 4).map(cell).join(' | ')} | \`${row[4].split(', ').join('`, `')}\` | \`${cell(row[5])}\` |`,
  ),
  '',
  'Tests that need root, network namespaces or a tmpfs mount skip with a printed reason where they cannot run.',
  '',
  '## Found and fixed by the suite',
  '',
  '- A mutated pcapng whose time stamps claim a time past what a JavaScript Date can hold made `Analyzer.result()` throw `RangeError: Invalid time value`; `isoOfMicroseconds` (electron/common/analysis/time-format.ts) now clamps to the Date range.',
  '',
  '## Not yet covered',
  '',
  ...notCovered.map((text) => `- ${text}`),
  '',
];
// Formatted as `npm run format` would, so that the committed file stays what the script writes.
const target = join(root, 'docs/reliability.md');
const markdown = await format(lines.join('\n'), { ...(await resolveConfig(target)), parser: 'markdown' });
if (process.argv.includes('--write')) {
  writeFileSync(target, markdown);
  console.log(`docs/reliability.md: ${figures.length} measured rows, ${elsewhere.length} from other suites`);
} else process.stdout.write(markdown);
