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
    'Renderer reloaded during a live capture, at the service',
    'a fresh subscriber mid-capture on lo: getSession, getEvents two at a time, live batches after, then stopCapture',
    '1 case',
    'still capturing; pages and batches hold every logged event once; stopped, no helper left',
    'test/app/live-reload.test.ts',
    'npx vitest run test/app/live-reload.test.ts',
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

// Findings of electronegativity we reviewed and marked with its own `eng-disable` comments;
// test/hostile/electronegativity.test.ts fails if other marks appear or these hide anything else.
const reviewed = [
  'PRELOAD_JS_CHECK (medium, firm: "review the use of preload scripts"), electron/main/main.ts. The preload is how the sandboxed page reaches the service, so it stays. Reviewed: the window runs with `sandbox: true`, `contextIsolation: true`, `nodeIntegration: false`; electron/preload/preload.ts exposes through contextBridge one function per contract request (each an `ipcRenderer.invoke` on that request\'s fixed channel), `on` for the contract\'s event names only (unknown names and non-function listeners throw; it returns the unsubscribe), and `webUtils.getPathForFile`; never `ipcRenderer` itself. Main checks every call against the contract with zod (the IPC fuzz above).',
  "CSP_GLOBAL_CHECK (low, firm), electron/main/window-security.ts. Once the policy was written as a literal the tool could evaluate it; its one remark is Google csp-evaluator's \"`'self'` can be problematic if you host JSONP, Angular or user uploaded files\" on `script-src 'self'`. Reviewed: the app has no JSONP and no Angular; in browser mode the origin serves only the built renderer, uploads are never served, and exports go out as attachments with non-script types under `X-Content-Type-Options: nosniff`, so no served file can run as a script; in Electron the page comes from the app's files (file://). Any of it would first need an HTML injection, which `script-src` without `'unsafe-inline'` and React's escaping block (test/report/hostile-capture.test.ts). Dropping `'self'` would need hash-pinned scripts with Subresource Integrity in the renderer build.",
];

const notCovered = [
  '`npm audit --omit=dev` (`npm run audit`) is not in the suite because it cannot run here: the registry answers `POST /-/npm/v1/security/advisories/bulk` with 405 Method Not Allowed (Allow: GET, HEAD). npm 11 has no switch for the legacy quick audit; npm 8, which falls back to it by itself, got 405 from `POST /-/npm/v1/security/audits/quick` too (tried 2026-11-26). Run `npm run audit` where the registry allows it.',
  "electronegativity runs offline: its AVAILABLE_SECURITY_FIXES global check needs GitHub's Electron release list and reports nothing here (its translations are fetched too; the bundled English is used). It reads electron/ and, in a second run over the app whole, the renderer (index.html and src/): the same policy in renderer/index.html's `<meta>` tag (what Electron's file:// page gets) draws the same reviewed CSP remark, expected by name since the tool reads eng-disable marks only in script comments.",
  "Browser mode's cap of 16 WebSockets bounds the server's memory, not who gets a slot: a page holding the token can take all 16 and keep the app's own page out until it closes them (the token remains the line of defence). Browsers hide the 503 from a refused page, so the renderer asks `GET api/status` (renderer/src/api/close-reason.ts) and says which it is: every slot taken (close another tab), the server stopped, or the token no longer valid; it does not reconnect by itself.",
  "The reload test runs in browser mode; the Electron window's reload (the preload bridge) runs only where an Electron binary is available (ELECTRON_OVERRIDE_DIST_PATH).",
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
  '- Browser mode: one WebSocket frame past the 16 MiB limit, or one that breaks RFC 6455 (unmasked, reserved bits or opcodes, text that is not UTF-8, a long or fragmented control frame), made `ws` emit `error` on the server-side socket, which had no listener: the uncaught exception ended `netmortem serve` for everyone. electron/node/serve/websocket-bridge.ts now listens; `ws` closes that one socket with 1009, 1002 or 1007 and the server keeps serving.',
  "- Browser mode: a page holding the token that asked for large pages (getEvents) and never read the answers made the server hold every answer in the socket's send buffer: 60 pages of 10,000 events left 203 MiB unsent, and more requests would have kept it growing. Answers were sent at once, unlike events (electron/node/serve/paced-sender.ts). electron/node/serve/request-pacer.ts now applies backpressure per connection: an answer goes out only while the unsent bytes are at most 8 MiB, at most 4 requests run at once, and reading from that socket pauses until its answers drain, so further requests stay in the kernel. Nothing is dropped and no slow page is cut off; other connections are served as usual.",
  '- electronegativity could not read the Electron session\'s CSP (built from a constant: "failed to parse CSP"); electron/main/window-security.ts now writes it as a literal, which the tool evaluates. Its REMOTE_MODULE_JS_CHECK of the hand run does not appear once Electron 45.5.0 is really applied (`enableRemoteModule` is off by default since Electron 10); the hand run could not have applied it: the CLI of electronegativity 1.10.3 fails here (it uses commander 2\'s API without depending on commander, and picks up our commander 14), so the suite calls its programmatic API.',
  '',
  '## Reviewed findings',
  '',
  ...reviewed.map((text) => `- ${text}`),
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
