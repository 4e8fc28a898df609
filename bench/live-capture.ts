// Live-capture rate bench (`npm run bench`, or `tsx bench/live-capture.ts [--seconds S] [--max RATE]`):
// the highest packet rate a capture session (helper → rolling pcap → parser → dissector →
// Analyzer, with timeline events on, as in the app) holds with zero drops, against
// `tcpdump -i IF -w /dev/null` at the same rates, as a ratio. Traffic is DNS queries sent
// over a veth pair between two network namespaces the bench creates and removes
// (198.51.100.0/24, RFC 5737). Each rate runs a few seconds; rates climb a fixed ladder up
// to a fixed maximum. A bench, not a test: it prints a table and asserts nothing.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCaptureSession } from '../electron/node/capture/capture-session';
import { findHelperPath } from '../electron/node/capture/helper-path';

const benchFolder = dirname(fileURLToPath(import.meta.url));
const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const stepSeconds = argument('--seconds', 3);
const trafficIndex = process.argv.indexOf('--traffic');
/** pairs: each query answered at once (healthy traffic); queries: an unanswered flood that times out. */
const traffic = trafficIndex >= 0 && process.argv[trafficIndex + 1] === 'queries' ? 'queries' : 'pairs';
const bufferMegabytes = argument('--buffer', 8);
const maximumRate = argument('--max', 400_000);
const ladder = [2_000, 5_000, 10_000, 20_000, 30_000, 40_000, 60_000, 80_000, 100_000, 130_000, 160_000, 200_000, 250_000, 300_000, 400_000].filter(
  (rate) => rate <= maximumRate,
);
/** A tool's climb ends after this many failed rates in a row. */
const failuresToStop = 2;
const filter = 'udp port 53';
let helperPath = '';

interface StepResult {
  sent: number;
  captured: number;
  dropped: number;
  /** Packets the analysis had read a second after the last was sent (the session only). */
  analysed?: number;
  /** How long after the last packet the analysis had read them all (the session only). */
  catchUpMs?: number;
}

function skipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'it needs root to create network namespaces and capture';
  for (const command of ['ip', 'tcpdump', 'gcc', 'nft']) {
    if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) return `${command} is not installed`;
  }
  try {
    helperPath = findHelperPath();
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

const suffix = process.pid.toString(36);
const sender = `nm-${process.pid}-bench-tx`;
const receiver = `nm-${process.pid}-bench-rx`;
const senderInterface = `nmbtx${suffix}`.slice(0, 15);
const receiverInterface = `nmbrx${suffix}`.slice(0, 15);
const receiverAddress = '198.51.100.2';

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

function createNamespaces(): void {
  ip('netns', 'add', sender);
  ip('netns', 'add', receiver);
  ip('link', 'add', senderInterface, 'netns', sender, 'type', 'veth', 'peer', 'name', receiverInterface, 'netns', receiver);
  ip('-n', sender, 'addr', 'add', '198.51.100.1/24', 'dev', senderInterface);
  ip('-n', receiver, 'addr', 'add', `${receiverAddress}/24`, 'dev', receiverInterface);
  ip('-n', sender, 'link', 'set', senderInterface, 'up');
  ip('-n', receiver, 'link', 'set', receiverInterface, 'up');
  // The queries are dropped on arrival: no ICMP errors flow back to load the sender's side.
  execFileSync('ip', ['netns', 'exec', receiver, 'nft', '-f', '-'], {
    input: 'table inet bench {\n  chain input {\n    type filter hook input priority 0; policy accept;\n    udp dport 53 drop\n  }\n}\n',
  });
}

function removeNamespaces(): void {
  for (const namespace of [sender, receiver]) spawnSync('ip', ['netns', 'del', namespace], { stdio: 'ignore' });
}

function buildSender(folder: string): string {
  const binary = join(folder, 'live-capture-sender');
  execFileSync('gcc', ['-O2', '-Wall', '-o', binary, join(benchFolder, 'live-capture-sender.c')], { stdio: 'inherit' });
  return binary;
}

function send(binary: string, rate: number): Promise<number> {
  return new Promise((resolveSend, rejectSend) => {
    const child = spawn('ip', ['netns', 'exec', sender, binary, senderInterface, traffic, String(rate), String(stepSeconds)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', rejectSend);
    child.on('close', (code) => {
      if (code !== 0) rejectSend(new Error(`the sender exited with ${code}`));
      else resolveSend((JSON.parse(output) as { sent: number }).sent);
    });
  });
}

/** Bounded polling, for settling between phases (never for a result). */
async function waitUntil(condition: () => boolean, checks: number, intervalMs: number): Promise<void> {
  for (let check = 0; check < checks && !condition(); check++) await new Promise((resolveWait) => setTimeout(resolveWait, intervalMs));
}

/**
 * A capture program run on its own in the receiver's namespace: started, fed one step of
 * traffic, given a second to read the ring's tail, then stopped as Ctrl-C would.
 */
async function programStep(binary: string, rate: number, command: string[], ready: (stderr: string) => boolean, counts: (stderr: string) => Omit<StepResult, 'sent'>): Promise<StepResult> {
  const child = spawn('ip', ['netns', 'exec', receiver, ...command], { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((resolveExit) => child.on('close', () => resolveExit()));
  try {
    await waitUntil(() => ready(stderr) || child.exitCode !== null, 400, 25);
    const sent = await send(binary, rate);
    await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
    child.kill('SIGINT');
    await exited;
    return { sent, ...counts(stderr) };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}

function tcpdumpStep(binary: string, rate: number): Promise<StepResult> {
  return programStep(
    binary,
    rate,
    ['tcpdump', '-i', receiverInterface, '-w', '/dev/null', '-n', filter],
    (stderr) => stderr.includes('listening on'),
    (stderr) => {
      const number = (label: string): number => Number(new RegExp(`(\\d+) packets? ${label}`).exec(stderr)?.[1] ?? NaN);
      return { captured: number('captured'), dropped: number('dropped by kernel') + (number('dropped by interface') || 0) };
    },
  );
}

/** The native helper alone, its pcap to /dev/null: the capture path without Node. */
function helperStep(binary: string, rate: number): Promise<StepResult> {
  return programStep(
    binary,
    rate,
    [helperPath, '-i', receiverInterface, '-f', filter, '--no-immediate', '-B', String(bufferMegabytes)],
    (stderr) => stderr.includes('"type":"started"'),
    (stderr) => {
      const final = stderr.split('\n').find((line) => line.includes('"final":true'));
      const stats = final ? (JSON.parse(final) as { captured: number; dropped: number; interfaceDropped: number }) : undefined;
      return { captured: stats?.captured ?? NaN, dropped: stats ? stats.dropped + stats.interfaceDropped : NaN };
    },
  );
}

async function sessionStep(binary: string, rate: number, dataDirectory: string): Promise<StepResult> {
  const session = startCaptureSession(
    { interface: receiverInterface, filter, dataDirectory, bufferMegabytes, launcher: ['ip', 'netns', 'exec', receiver] },
    // The app's listener does little per batch; the analysis behind it does it all.
    { onBatch: () => undefined },
  );
  try {
    if (!(await session.started)) throw new Error(`the session did not start: ${(await session.ended).error?.message}`);
    const sent = await send(binary, rate);
    // Keeping up: the analysis has read all that was sent within a second of the last packet
    // (the kernel's 250 ms batching plus the pipe), as tcpdump gets a second before it is stopped.
    const sentAt = Date.now();
    await waitUntil(() => session.stats().packets >= sent, 40, 25);
    const analysedInTime = session.stats().packets;
    const catchUpMs = Date.now() - sentAt;
    const summary = await session.stop();
    if (summary.error) throw summary.error;
    return {
      sent,
      captured: summary.stats.captured,
      dropped: summary.stats.dropped + summary.stats.interfaceDropped,
      analysed: analysedInTime,
      catchUpMs,
    };
  } finally {
    session.dispose();
    await session.ended;
    // The rolling files of a step are not needed afterwards: keep the disk use bounded.
    rmSync(join(dataDirectory, 'captures'), { recursive: true, force: true });
  }
}

/** Held: nothing dropped, and every packet sent was seen (and, for the session, analysed). */
function held(step: StepResult): boolean {
  return step.dropped === 0 && step.captured >= step.sent && (step.analysed === undefined || step.analysed >= step.sent);
}

async function main(): Promise<void> {
  const reason = skipReason();
  if (reason) {
    console.log(`live-capture bench skipped: ${reason}`);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'nm-bench-live-'));
  const cleanup = (): void => {
    removeNamespaces();
    rmSync(folder, { recursive: true, force: true });
  };
  const interrupted = (): void => {
    cleanup();
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    createNamespaces();
    const binary = buildSender(folder);
    console.log(
      `live capture: DNS ${traffic === 'pairs' ? 'queries and their answers' : 'queries, unanswered'} over a veth pair, ${stepSeconds} s per rate, ` +
        `filter "${filter}"; session buffer ${bufferMegabytes} MiB, tcpdump its default`,
    );
    type Tool = 'tcpdump' | 'helper' | 'session';
    const tools: Tool[] = ['tcpdump', 'helper', 'session'];
    const run = (tool: Tool, rate: number): Promise<StepResult> =>
      tool === 'tcpdump' ? tcpdumpStep(binary, rate) : tool === 'helper' ? helperStep(binary, rate) : sessionStep(binary, rate, folder);
    const best: Record<Tool, number> = { tcpdump: 0, helper: 0, session: 0 };
    const failures: Record<Tool, number> = { tcpdump: 0, helper: 0, session: 0 };
    console.log('rate/s   | tcpdump seen/dropped  | helper seen/dropped   | session seen/analysed/dropped, catch-up');
    for (const rate of ladder) {
      if (tools.every((tool) => failures[tool] >= failuresToStop)) break;
      const cells: string[] = [];
      for (const tool of tools) {
        if (failures[tool] >= failuresToStop) {
          cells.push('-'.padEnd(tool === 'session' ? 0 : 21));
          continue;
        }
        const step = await run(tool, rate);
        if (held(step)) {
          failures[tool] = 0;
          best[tool] = Math.max(best[tool], rate);
        } else failures[tool] += 1;
        const mark = held(step) ? 'ok' : 'DROPS';
        cells.push(
          tool === 'session'
            ? `${step.captured}/${step.analysed}/${step.dropped} of ${step.sent}, ${step.catchUpMs} ms ${mark}`
            : `${step.captured}/${step.dropped} ${mark}`.padEnd(21),
        );
      }
      console.log(`${String(rate).padEnd(8)} | ${cells.join(' | ')}`);
    }
    const ceiling = ladder.at(-1)!;
    const ratio = (tool: Tool): string => (best.tcpdump > 0 ? (best[tool] / best.tcpdump).toFixed(2) : 'n/a');
    console.log(
      `highest zero-drop rate: tcpdump ${best.tcpdump}/s${best.tcpdump === ceiling ? ' (the ladder’s top)' : ''}, ` +
        `helper alone ${best.helper}/s (${ratio('helper')}), session with the analysis keeping up ${best.session}/s (${ratio('session')})`,
    );
    console.log(`session / tcpdump: ${ratio('session')} (goal ≥ 0.80: ${best.tcpdump > 0 && best.session / best.tcpdump >= 0.8 ? 'met' : 'not met'})`);
  } finally {
    process.off('SIGINT', interrupted);
    cleanup();
  }
}

await main();
