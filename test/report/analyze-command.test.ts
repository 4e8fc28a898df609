// `netmortem analyze` end to end: the CLI is built as users get it and run as a process.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisSchema } from '../../electron/common/report/analysis-schema';

const root = resolve(__dirname, '../..');
const scenarioLog = resolve(root, '../shared/scenario/seed-tcpdump-log.txt');
const folder = mkdtempSync(join(tmpdir(), 'netmortem-analyze-'));

function netmortem(...args: string[]) {
  const result = spawnSync(process.execPath, [join(root, 'bin/netmortem.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The scenario log analysed to the JSON contract, with `extra` arguments; the schema checks it. */
function scenarioJson(...extra: string[]) {
  const run = netmortem('analyze', scenarioLog, '--date', '2026-11-25', '--format', 'json', ...extra);
  expect(run.status, run.stderr).toBe(0);
  return analysisSchema.parse(JSON.parse(run.stdout));
}

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`\n## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThan(-1);
  const end = markdown.indexOf('\n## ', start + 4);
  return markdown.slice(start, end === -1 ? undefined : end);
}

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), 'cli'], { cwd: root, stdio: 'pipe' });
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('netmortem analyze on the scenario log', () => {
  let markdown = '';
  beforeAll(() => {
    const run = netmortem('analyze', scenarioLog, '--date', '2026-11-25');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    markdown = run.stdout;
  });

  it('names DNS over UDP port 53 at 203.0.113.2', () => {
    expect(markdown.split('\n')[0]).toBe(
      '# Incident report: DNS (UDP port 53) at 203.0.113.2 unreachable — port unreachable',
    );
    expect(section(markdown, 'Summary')).toContain('DNS over UDP port 53 at 203.0.113.2 was unreachable');
  });

  it('tells of three queries for yummyrecipesforme.com, each answered by ICMP port unreachable', () => {
    const summary = section(markdown, 'Summary');
    expect(summary).toContain('from 13:24:32.192571 to 13:28:50.022967 UTC on 2026-11-25');
    expect(summary).toContain(
      'Every one of the 3 queries was answered by an ICMP "destination unreachable" error, type 3 code 3 "port unreachable"',
    );
    expect(summary).toContain('`yummyrecipesforme.com`');
    const evidence = section(markdown, 'Evidence');
    expect(evidence.match(/A\? yummyrecipesforme\.com\./g)).toHaveLength(3);
    expect(evidence.match(/udp port 53 unreachable/g)).toHaveLength(3);
  });

  it('ranks service-not-listening first and weighs firewall-blocking', () => {
    const causes = section(markdown, 'Likely causes');
    expect(causes).toMatch(/^1\. \*\*The service is not listening\*\* \(`service-not-listening`\)/m);
    expect(causes).toMatch(/^\d\. \*\*A firewall blocks the traffic\*\* \(`firewall-blocking`\)/m);
  });

  it('warns in the report when the log has no date and none is given', () => {
    const run = netmortem('analyze', scenarioLog);
    expect(run.status).toBe(0);
    expect(section(run.stdout, 'Capture facts')).toMatch(/\*\*Warning:\*\*.*1970-01-01/);
  });
});

describe('netmortem analyze --format json', () => {
  it('prints the contract, which the schema accepts', () => {
    const analysis = scenarioJson();
    expect(analysis.capture.files[0]).toMatchObject({ format: 'tcpdump-text', packets: 6 });
    expect(analysis.capture.files[0]!.sha256).toBe(
      execFileSync('sha256sum', [scenarioLog], { encoding: 'utf8' }).split(' ')[0],
    );
    const [incident] = analysis.incidents;
    expect(incident).toMatchObject({
      kind: 'dns-port-unreachable',
      protocol: 'DNS',
      transport: 'UDP',
      server: { address: '203.0.113.2', port: 53 },
      names: ['yummyrecipesforme.com'],
      start: '2026-11-25T13:24:32.192571Z',
      end: '2026-11-25T13:28:50.022967Z',
      queries: 3,
      icmpErrors: 3,
      icmpSource: '203.0.113.2',
    });
    expect(incident!.causes[0]!.id).toBe('service-not-listening');
    expect(incident!.causes.map((cause) => cause.id)).toContain('firewall-blocking');
  });
});

describe('netmortem analyze writing files', () => {
  it('writes HTML with the chart, under the default name when --out is a folder', () => {
    const run = netmortem(
      'analyze',
      scenarioLog,
      '--date',
      '2026-11-25',
      '--format',
      'html',
      '--out',
      folder,
    );
    expect(run.status).toBe(0);
    const path = join(folder, 'incident-2026-11-25-1324-dns-port-unreachable.html');
    expect(run.stderr).toBe(
      `netmortem: wrote ${path} (${readFileSync(path).byteLength} bytes): 1 incident (dns-port-unreachable)\n`,
    );
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('class="query icmp-failed"');
  });

  it('writes a PDF', () => {
    const path = join(folder, 'report.pdf');
    const run = netmortem('analyze', scenarioLog, '--format', 'pdf', '--out', path);
    expect(run.status).toBe(0);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('exits 2 with --fail-on-incident when an incident is found', () => {
    expect(netmortem('analyze', scenarioLog, '--fail-on-incident').status).toBe(2);
  });
});

describe('netmortem analyze errors', () => {
  function expectOneLineError(run: ReturnType<typeof netmortem>, message: RegExp) {
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr.trimEnd()).toMatch(message);
  }

  it('says which file is missing', () => {
    expectOneLineError(
      netmortem('analyze', join(folder, 'nothing.pcap')),
      /^netmortem: .*nothing\.pcap: cannot read: no such file$/,
    );
  });

  it('says a file is not a capture', () => {
    const path = join(folder, 'notes.txt');
    writeFileSync(path, 'these are not packets\n');
    expectOneLineError(
      netmortem('analyze', path),
      /^netmortem: .*notes\.txt.*not a pcap, pcapng or tcpdump text file/,
    );
  });

  it('says when the report cannot be written, and leaves nothing behind', () => {
    const out = join(folder, 'missing-folder', 'report.md');
    expectOneLineError(
      netmortem('analyze', scenarioLog, '--out', out),
      /^netmortem: cannot write .*report\.md: the folder does not exist$/,
    );
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('takes thresholds, and says in the report that they differ from the defaults', () => {
    // The scenario's 3 ICMP errors fall short of 4: no incident.
    const analysis = scenarioJson(
      ...['--threshold', 'icmpMinimumErrors=4', '--threshold', 'floodFactor=2.5', '--timeout', '10'],
    );
    expect(analysis.incidents).toEqual([]);
    expect(analysis.capture.warnings).toContain(
      'analysed with settings other than the defaults: timeout 10 s (default 5 s), icmpMinimumErrors 4 (default 1), floodFactor 2.5 (default 10)',
    );
    const defaults = scenarioJson();
    expect(defaults.incidents).toHaveLength(1);
    expect(defaults.capture.warnings).toEqual([]);
  });

  it('refuses an unknown threshold with the list of known ones, and a count that is not whole', () => {
    const typo = netmortem('analyze', scenarioLog, '--threshold', 'icmpMinimumError=4');
    expect(typo.status).toBe(1);
    expect(typo.stderr).toMatch(
      /no threshold is called "icmpMinimumError"; the thresholds are icmpMinimumErrors, /,
    );
    expect(netmortem('analyze', scenarioLog, '--threshold', 'icmpMinimumErrors=2.5').stderr).toMatch(
      /--threshold icmpMinimumErrors wants a whole number of 0 or more, got "2.5" \(default 1\)/,
    );
    expect(netmortem('analyze', scenarioLog, '--threshold', 'icmpMinimumErrors').stderr).toMatch(
      /--threshold wants NAME=VALUE/,
    );
  });

  it('rejects a bad date, timeout or format', () => {
    expect(netmortem('analyze', scenarioLog, '--date', '2026-02-30').stderr).toMatch(
      /--date wants a calendar date as YYYY-MM-DD/,
    );
    expect(netmortem('analyze', scenarioLog, '--timeout', '-1').status).toBe(1);
    expect(netmortem('analyze', scenarioLog, '--format', 'docx').stderr).toMatch(
      /Allowed choices are md, html, json, pdf/,
    );
  });
});

describe('netmortem analyze into a pipe', () => {
  it('stops quietly when the reader has gone (`| head`): no stack trace, exit 0', async () => {
    const child = spawn(
      process.execPath,
      [join(root, 'bin/netmortem.js'), 'analyze', scenarioLog, '--date', '2026-11-25'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // The reader goes away before the report is written: the write then fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(0);
  });
});
