// `netmortem capture` end to end, the built CLI run inside a namespace of our own: the JSON
// contract with the capture facts, -w, Ctrl-C still writing the report, one-line errors for
// a bad filter and for missing capture rights, and no helper left behind when the CLI or any
// Node process using a session dies.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysisSchema } from '../../electron/common/report/analysis-schema';
import { sendQueries } from '../netns/support/servers';
import {
  asNobody,
  buildHelper,
  childrenOf,
  hasCommand,
  repositoryRoot,
  unprivilegedCopy,
  waitUntilGone,
} from './support/helper';
import {
  createLoopbackNamespace,
  namespaceSkipReason,
  type LoopbackNamespace,
} from './support/loopback-namespace';

const skipReason = namespaceSkipReason();
if (skipReason) console.warn(`capture CLI tests skipped: ${skipReason}`);

const cli = join(repositoryRoot, 'bin', 'netmortem.js');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves once stderr contains the text; rejects if the process exits first. */
  stderrContains: (text: string) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function run(command: string[], environment: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(command[0]!, command.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...environment },
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const listener of [...listeners]) listener();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
    child.on('close', (code, signal) => {
      resolveExit({ code, signal });
      for (const listener of [...listeners]) listener();
    }),
  );
  const stderrContains = (text: string): Promise<void> =>
    new Promise((resolveWait, rejectWait) => {
      const check = (): void => {
        if (stderr.includes(text)) {
          listeners.delete(check);
          resolveWait();
        } else if (child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check);
          rejectWait(new Error(`exited before writing ${JSON.stringify(text)}; stderr: ${stderr}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { child, stdout: () => stdout, stderr: () => stderr, stderrContains, exited };
}

describe.skipIf(skipReason !== undefined)('netmortem capture', () => {
  let namespace: LoopbackNamespace | undefined;
  let folder = '';

  beforeAll(() => {
    buildHelper();
    execFileSync(process.execPath, [join(repositoryRoot, 'scripts', 'build.mjs'), 'cli'], {
      stdio: 'inherit',
    });
    namespace = createLoopbackNamespace();
    folder = mkdtempSync(join(tmpdir(), 'nm-capture-cli-'));
  });

  afterAll(() => {
    namespace?.remove();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  function capture(args: string[], launcher: string[] = []): Run {
    return run([...namespace!.launcher, ...launcher, process.execPath, cli, 'capture', ...args], {
      NETMORTEM_DATA_DIR: join(folder, 'data'),
    });
  }

  function query(count: number): Promise<unknown> {
    return sendQueries(namespace!.name, {
      server: '127.0.0.1',
      names: ['yummyrecipesforme.com'],
      count,
      intervalMs: 20,
      lingerMs: 50,
    });
  }

  it('prints the analysis JSON contract with the capture facts, and -w saves the pcap the report names', async () => {
    const saved = join(folder, 'saved.pcap');
    const filter = 'udp port 53 or icmp';
    const cliRun = capture([
      ...['-i', 'lo', '-f', filter, '--count', '6', '--format', 'json', '-w', saved],
      ...['--threshold', 'highMinimumFailures=4'],
    ]);
    await cliRun.stderrContains('capturing on lo');
    await query(3);
    expect(await cliRun.exited).toEqual({ code: 0, signal: null });
    const analysis = analysisSchema.parse(JSON.parse(cliRun.stdout()));
    expect(analysis.capture).toMatchObject({ interface: 'lo', filter, dropped: 0, packets: 6 });
    // The threshold reached the analysis, and the report says it was changed.
    expect(analysis.capture.warnings).toContain(
      'analysed with settings other than the defaults: highMinimumFailures 4 (default 3)',
    );
    expect(analysis.capture.files).toEqual([
      {
        path: saved,
        sha256: createHash('sha256').update(readFileSync(saved)).digest('hex'),
        format: 'pcap',
        linkTypes: ['EN10MB'],
        packets: 6,
        unreadable: 0,
      },
    ]);
    expect(
      analysis.incidents.map((incident) => [incident.kind, incident.server.address, incident.queries]),
    ).toEqual([['dns-port-unreachable', '127.0.0.1', 3]]);
    // tcpdump reads the saved file as it reads any capture.
    expect(
      execFileSync('tcpdump', ['-n', '-r', saved], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n'),
    ).toHaveLength(6);
  });

  it('ends on Ctrl-C (SIGINT) and still writes the report', async () => {
    const out = join(folder, 'report.md');
    const cliRun = capture(['-i', 'lo', '-f', 'udp port 53 or icmp', '--out', out]);
    await cliRun.stderrContains('capturing on lo');
    await query(2);
    cliRun.child.kill('SIGINT');
    expect(await cliRun.exited).toEqual({ code: 0, signal: null });
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('yummyrecipesforme.com');
    expect(report).toContain('127.0.0.1');
    expect(cliRun.stderr()).toMatch(/captured 4 packets on lo/);
  });

  it('prints libpcap`s message for a bad filter, on one line', async () => {
    const cliRun = capture(['-i', 'lo', '-f', 'udp port', '--duration', '1']);
    expect((await cliRun.exited).code).toBe(1);
    expect(cliRun.stderr().trim().split('\n')).toHaveLength(1);
    expect(cliRun.stderr()).toMatch(/^netmortem: .*syntax error/);
    expect(cliRun.stdout()).toBe('');
  });

  it.skipIf(!hasCommand('setpriv'))(
    'gives an unprivileged user the one-line setcap fix, not a stack trace',
    async () => {
      const copy = unprivilegedCopy();
      try {
        const cliRun = capture(['-i', 'lo', '--duration', '1', '--helper', copy.path], asNobody);
        expect((await cliRun.exited).code).toBe(1);
        const lines = cliRun.stderr().trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^netmortem: .*permission/);
        expect(lines[0]!.endsWith(`sudo setcap cap_net_raw,cap_net_admin+eip ${copy.path}`)).toBe(true);
        expect(cliRun.stderr()).not.toMatch(/\n\s+at /);
      } finally {
        copy.remove();
      }
    },
  );

  it('leaves no helper behind when the CLI is killed outright (the helper sees its stdin close)', async () => {
    const cliRun = capture(['-i', 'lo', '-f', 'udp port 53']);
    await cliRun.stderrContains('capturing on lo');
    const helpers = childrenOf(cliRun.child.pid!);
    expect(helpers).toHaveLength(1);
    cliRun.child.kill('SIGKILL');
    await cliRun.exited;
    expect(await waitUntilGone(helpers[0]!)).toBe(true);
  });

  it.each(['exit', 'throw'])(
    'leaves no helper behind when a Node process with a live session ends by %s',
    async (how) => {
      const script = join(repositoryRoot, 'test', 'capture-session', 'support', 'exit-while-capturing.ts');
      const child = run([...namespace!.launcher, process.execPath, '--import', 'tsx', script, how]);
      const exit = await child.exited;
      expect(exit.code).toBe(how === 'exit' ? 0 : 1);
      const helper = Number(child.stdout().trim());
      expect(helper).toBeGreaterThan(0);
      expect(await waitUntilGone(helper)).toBe(true);
    },
  );
});
