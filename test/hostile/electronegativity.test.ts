// Doyensec's electronegativity over electron/ (as `electronegativity -i electron -r 45.5.0`):
// no finding above informational, no informational one we have not seen, no file it could not
// parse. Two findings were reviewed and are marked with the tool's own `eng-disable` comments
// (docs/reliability.md gives the review); the test checks that those are the only marks, and
// that without them the tool reports exactly those two, so the marks hide nothing else.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordFigure, repoRoot } from './support/figures';

const electronVersion = '45.5.0';
const severities = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

/** The reviewed findings, each marked where the tool reports it. */
const reviewed = [
  { id: 'PRELOAD_JS_CHECK', file: 'main/main.ts' },
  { id: 'CSP_GLOBAL_CHECK', file: 'main/window-security.ts' },
];
/** Informational findings seen and judged harmless (none so far): a new one fails the test. */
const knownInformational: string[] = [];

interface Finding {
  id: string;
  file: string;
  line: number;
  severity: (typeof severities)[number];
  confidence: string;
  manualReview: boolean;
  description: string;
}
interface Run {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}

const folder = mkdtempSync(join(tmpdir(), 'netmortem-electronegativity-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function electronegativity(input: string, csv: string): Run {
  const output = execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'test/hostile/support/run-electronegativity.ts'),
      input,
      electronVersion,
      csv,
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const last = output.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as Run;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|js|cjs|mjs|html|json)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const shown = (findings: Finding[]): string =>
  findings
    .map(
      (finding) =>
        `${finding.id} ${finding.severity}/${finding.confidence} ${finding.file}:${finding.line} ${finding.description}`,
    )
    .join('\n');

describe('electronegativity over electron/ and the renderer', () => {
  let run: Run;
  let unmarked: Run;
  let rendererRun: Run;

  it('reports nothing above informational, and no new informational finding', () => {
    const csv = join(folder, 'electronegativity.csv');
    run = electronegativity(join(repoRoot, 'electron'), csv);
    expect(run.globalChecks + run.atomicChecks).toBeGreaterThan(30);
    expect(
      run.errors.filter((error) => !error.tolerable),
      'files it could not parse go unchecked',
    ).toEqual([]);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^issue, severity, confidence/);
    const above = run.issues.filter((issue) => issue.severity !== 'INFORMATIONAL');
    expect(above, shown(above)).toEqual([]);
    const informational = run.issues.filter(
      (issue) => issue.severity === 'INFORMATIONAL' && !knownInformational.includes(issue.id),
    );
    expect(informational, shown(informational)).toEqual([]);
  }, 120_000);

  it('carries eng-disable marks only for the reviewed findings', () => {
    const root = join(repoRoot, 'electron');
    const marks = sourceFiles(root).flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/eng-disable[ \t]+([\w \t]+)/g)].flatMap((match) =>
        match[1]!
          .trim()
          .split(/[ \t]+/)
          .map((id) => ({ id, file: relative(root, path) })),
      ),
    );
    expect(marks).toEqual(expect.arrayContaining(reviewed));
    expect(marks).toHaveLength(reviewed.length);
  });

  it('finds exactly the reviewed findings once their marks are taken out', () => {
    const copy = join(folder, 'unmarked');
    cpSync(join(repoRoot, 'electron'), copy, { recursive: true });
    for (const path of sourceFiles(copy))
      writeFileSync(path, readFileSync(path, 'utf8').replaceAll(/eng-disable[ \t]+[\w \t]+/g, ''));
    unmarked = electronegativity(copy, join(folder, 'unmarked.csv'));
    expect(
      unmarked.issues
        .map((issue) => ({ id: issue.id, file: issue.file }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    ).toEqual([...reviewed].sort((a, b) => a.id.localeCompare(b.id)));
  }, 120_000);

  it('finds in the renderer only the reviewed CSP remark, which an HTML file cannot carry a mark for', () => {
    // The renderer's page sets the same policy in a <meta> tag (Electron's file:// pages have no
    // headers). electronegativity reads eng-disable marks in script comments only, so the one
    // reviewed remark (docs/reliability.md) is expected here by name, and nothing else may appear.
    // The app whole (its global checks look for the main process's handlers): electron/ beside the renderer.
    const copy = join(folder, 'app');
    cpSync(join(repoRoot, 'electron'), join(copy, 'electron'), { recursive: true });
    cpSync(join(repoRoot, 'renderer/index.html'), join(copy, 'renderer/index.html'));
    cpSync(join(repoRoot, 'renderer/src'), join(copy, 'renderer/src'), { recursive: true });
    rendererRun = electronegativity(copy, join(folder, 'renderer.csv'));
    expect(
      rendererRun.errors.filter((error) => !error.tolerable),
      'files it could not parse go unchecked',
    ).toEqual([]);
    expect(
      rendererRun.issues.map((issue) => ({ id: issue.id, file: issue.file, severity: issue.severity })),
      shown(rendererRun.issues),
    ).toEqual([{ id: 'CSP_GLOBAL_CHECK', file: 'renderer/index.html', severity: 'LOW' }]);
  }, 120_000);

  it('records the figures', () => {
    const count = (findings: Finding[], severity: string): number =>
      findings.filter((finding) => finding.severity === severity).length;
    const bySeverity = (findings: Finding[]): string =>
      severities.map((severity) => `${severity.toLowerCase()} ${count(findings, severity)}`).join(', ');
    recordFigure('electronegativity', {
      order: 9,
      item: `@doyensec/electronegativity over electron/ (Electron ${electronVersion})`,
      tried: `${run.globalChecks + run.atomicChecks} checks (${run.atomicChecks} atomic, ${run.globalChecks} global) over every file; AVAILABLE_SECURITY_FIXES needs the network and reports nothing offline`,
      inputs: run.globalChecks + run.atomicChecks,
      held: `findings: ${bySeverity(run.issues)}; ${run.errors.filter((error) => !error.tolerable).length} files unparsed; ${reviewed.length} reviewed and marked with eng-disable (${unmarked.issues.map((issue) => `${issue.id} ${issue.severity.toLowerCase()}`).join(', ')}), the only marks in electron/; over renderer/ (index.html and src/, ${rendererRun.globalChecks + rendererRun.atomicChecks} checks) only the same reviewed CSP remark on index.html's <meta> policy`,
      command: 'npx vitest run test/hostile/electronegativity.test.ts',
    });
  });
});
