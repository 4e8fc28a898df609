// The live capture session with the real helper, on the loopback interface of a namespace
// of our own: DNS queries to 127.0.0.1:53, where nothing listens, draw ICMP port
// unreachable. Checks the batches, the rolling file, the stop and every failure path, and
// that no helper process is ever left behind.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PcapParser } from '../../electron/common/capture/pcap-parser';
import { analysisSchema } from '../../electron/common/report/analysis-schema';
import { startCaptureSession } from '../../electron/node/capture/capture-session';
import type {
  CaptureSession,
  CaptureSessionOptions,
} from '../../electron/node/capture/capture-session-types';
import { liveHelperCount } from '../../electron/node/capture/live-helpers';
import { sendQueries } from '../netns/support/servers';
import {
  asNobody,
  buildHelper,
  childrenOf,
  hasCommand,
  processAlive,
  unprivilegedCopy,
  waitUntilGone,
} from './support/helper';
import {
  createLoopbackNamespace,
  namespaceSkipReason,
  type LoopbackNamespace,
} from './support/loopback-namespace';
import { BatchRecorder } from './support/recorder';

const skipReason = namespaceSkipReason();
if (skipReason) console.warn(`capture session tests skipped: ${skipReason}`);

const dnsFilter = 'udp port 53 or icmp or icmp6';

describe.skipIf(skipReason !== undefined)('a live capture session', () => {
  let namespace: LoopbackNamespace | undefined;
  let dataDirectory = '';
  const sessions: CaptureSession[] = [];

  beforeAll(() => {
    buildHelper();
    namespace = createLoopbackNamespace();
    dataDirectory = mkdtempSync(join(tmpdir(), 'nm-session-data-'));
  });

  afterEach(async () => {
    // Whatever a test did, its helpers are gone before the next one starts.
    for (const session of sessions.splice(0)) {
      session.dispose();
      await session.ended;
    }
    expect(liveHelperCount()).toBe(0);
  });

  afterAll(() => {
    namespace?.remove();
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
  });

  function start(recorder: BatchRecorder, options: Partial<CaptureSessionOptions> = {}): CaptureSession {
    const session = startCaptureSession(
      {
        interface: 'lo',
        filter: dnsFilter,
        dataDirectory,
        launcher: namespace!.launcher,
        timeoutSeconds: 1,
        ...options,
      },
      recorder,
    );
    sessions.push(session);
    return session;
  }

  function query(count: number, name = 'yummyrecipesforme.com'): Promise<unknown> {
    return sendQueries(namespace!.name, {
      server: '127.0.0.1',
      names: [name],
      count,
      intervalMs: 20,
      lingerMs: 50,
    });
  }

  function readRolling(path: string): { packets: number; warnings: string[] } {
    let packets = 0;
    const parser = new PcapParser({ onFrame: () => packets++ });
    parser.push(readFileSync(path));
    return { packets, warnings: parser.end().warnings };
  }

  it('streams the queries and their ICMP errors in batches, then stops cleanly with a readable rolling file', async () => {
    const recorder = new BatchRecorder();
    const session = start(recorder);
    expect(await session.started).toBe(true);
    const pid = session.helperProcessId!;
    expect(processAlive(pid)).toBe(true);
    await query(5);
    await recorder.waitFor(
      'five queries failed by ICMP',
      () => recorder.queries().filter((event) => event.outcome === 'icmp-failed').length === 5,
    );
    const icmp = recorder.ofKind('icmp-error');
    expect(icmp).toHaveLength(5);
    expect(icmp[0]).toMatchObject({
      icmpKind: 'port-unreachable',
      server: '127.0.0.1',
      serverPort: 53,
      name: 'yummyrecipesforme.com',
    });

    const summary = await session.stop();
    expect(summary).toMatchObject({
      reason: 'stopped',
      error: undefined,
      interface: 'lo',
      filter: dnsFilter,
      linkType: 'EN10MB',
    });
    expect(summary.stats.packets).toBe(10);
    expect(summary.stats.captured).toBe(10);
    expect(summary.stats.analysed).toBe(10);
    expect(summary.stats.dropped).toBe(0);
    expect(processAlive(pid)).toBe(false);

    // The rolling file holds exactly what was analysed, whole, and its hash is right.
    expect(summary.files).toHaveLength(1);
    const file = summary.files[0]!;
    expect(file.path.startsWith(join(dataDirectory, 'captures'))).toBe(true);
    expect(readRolling(file.path)).toEqual({ packets: 10, warnings: [] });
    expect(createHash('sha256').update(readFileSync(file.path)).digest('hex')).toBe(file.sha256);

    const analysis = analysisSchema.parse(session.analysis());
    expect(analysis.capture).toMatchObject({ interface: 'lo', filter: dnsFilter, dropped: 0, packets: 10 });
    expect(analysis.capture.files[0]).toMatchObject({
      path: file.path,
      sha256: file.sha256,
      format: 'pcap',
      packets: 10,
    });
    expect(analysis.incidents.map((incident) => incident.kind)).toEqual(['dns-port-unreachable']);
    expect(analysis.incidents[0]).toMatchObject({
      server: { address: '127.0.0.1', port: 53 },
      queries: 5,
      icmpErrors: 5,
      icmpSource: '127.0.0.1',
    });

    // At most one batch per 100 ms while running: batch N comes no earlier than N-1 intervals after the first.
    const running = recorder.batches.filter((entry) => entry.at <= summary.endedAt);
    for (let index = 1; index < running.length - 1; index++) {
      expect(running[index]!.at - running[0]!.at).toBeGreaterThanOrEqual((index - 1) * 100);
    }
  });

  it('keeps the packets of the last moment when stopped right after them', async () => {
    const session = start(new BatchRecorder());
    await session.started;
    await query(3);
    // No waiting for batches: the kernel may still hold these packets when stop() is called.
    const summary = await session.stop();
    expect(summary.stats).toMatchObject({ packets: 6, analysed: 6, dropped: 0 });
    expect(session.analysis().incidents.map((incident) => incident.queries)).toEqual([3]);
  });

  it('times queries out live: advanceTo runs while the capture does', async () => {
    const recorder = new BatchRecorder();
    // Only the queries are captured, so none is ever settled by an ICMP error.
    const session = start(recorder, { filter: 'udp dst port 53' });
    await session.started;
    await query(2);
    await recorder.waitFor(
      'both queries timed out',
      () =>
        recorder.queries().length === 2 &&
        recorder.queries().every((event) => event.outcome === 'unanswered'),
    );
    await session.stop();
    expect(session.analysis().incidents.map((incident) => incident.kind)).toEqual(['dns-timeout']);
  });

  it('ends by itself at the packet count and at the duration', async () => {
    const counted = new BatchRecorder();
    const session = start(counted, { count: 4 });
    await session.started;
    await query(10);
    const summary = await session.ended;
    expect(summary.reason).toBe('count');
    expect(summary.stats.packets).toBe(4);
    expect(readRolling(summary.files[0]!.path).packets).toBe(4);

    const timed = start(new BatchRecorder(), { durationSeconds: 0.5 });
    expect((await timed.ended).reason).toBe('duration');
  });

  it('stops and reports when the listener throws, leaving no helper behind', async () => {
    const recorder = new BatchRecorder();
    recorder.throwOnBatch = new Error('the renderer went away');
    const session = start(recorder);
    await session.started;
    const pid = session.helperProcessId!;
    await query(3);
    const summary = await session.ended;
    expect(summary.reason).toBe('failed');
    expect(summary.error).toMatchObject({ code: 'listener-failed' });
    expect(summary.error!.message).toContain('the renderer went away');
    expect(processAlive(pid)).toBe(false);
    expect(readRolling(summary.files[0]!.path).warnings).toEqual([]);
  });

  it('ends with an error when the helper is killed mid-capture, and the rolling file stays readable', async () => {
    const recorder = new BatchRecorder();
    const session = start(recorder);
    await session.started;
    await query(4);
    await recorder.waitFor('the first packets', () => recorder.queries().length === 4);
    process.kill(session.helperProcessId!, 'SIGKILL');
    const summary = await session.ended;
    expect(summary.reason).toBe('failed');
    expect(summary.error).toMatchObject({ code: 'helper-died' });
    expect(summary.error!.message).toMatch(/SIGKILL/);
    const rolling = readRolling(summary.files[0]!.path);
    expect(rolling.warnings).toEqual([]);
    expect(rolling.packets).toBe(summary.stats.packets);
    expect(rolling.packets).toBeGreaterThanOrEqual(4);
    // The analysis of what was caught is still there, and says the capture was cut short.
    expect(session.analysis().capture.warnings.join('\n')).toMatch(/ended with an error/);
  });

  it('dispose() kills a running helper at once and closes the file', async () => {
    const recorder = new BatchRecorder();
    const session = start(recorder);
    await session.started;
    const pid = session.helperProcessId!;
    session.dispose();
    expect(liveHelperCount()).toBe(0);
    const summary = await session.ended;
    expect(summary.reason).toBe('disposed');
    expect(processAlive(pid)).toBe(false);
    expect(readRolling(summary.files[0]!.path).warnings).toEqual([]);
  });

  it('dispose() also kills what a launcher started: the helper under a wrapper shell', async () => {
    // The shell runs the helper as its child (the trailing command keeps it from exec'ing).
    const session = start(new BatchRecorder(), {
      launcher: [...namespace!.launcher, 'sh', '-c', '"$@"; true', 'wrapper'],
    });
    expect(await session.started).toBe(true);
    const shell = session.helperProcessId!;
    const helper = childrenOf(shell);
    expect(helper).toHaveLength(1);
    session.dispose();
    await session.ended;
    expect(processAlive(shell)).toBe(false);
    await waitUntilGone(helper[0]!);
    expect(processAlive(helper[0]!)).toBe(false);
  });

  it('reports a bad filter with libpcap`s message, and an unknown interface', async () => {
    const bad = start(new BatchRecorder(), { filter: 'udp port' });
    expect(await bad.started).toBe(false);
    const summary = await bad.ended;
    expect(summary.error).toMatchObject({
      code: 'bad-filter',
      detail: expect.stringMatching(/syntax error/),
    });
    expect(summary.error!.message).toMatch(/syntax error/);
    expect(summary.files).toEqual([]);

    const missing = await start(new BatchRecorder(), { interface: 'nm-no-such0' }).ended;
    expect(missing.error).toMatchObject({ code: 'no-such-device' });
  });

  it('ends with helper-failed when the helper cannot even be started', async () => {
    const session = start(new BatchRecorder(), { launcher: ['/nonexistent/launcher'] });
    expect(await session.started).toBe(false);
    const summary = await session.ended;
    expect(summary).toMatchObject({ reason: 'failed', error: { code: 'helper-failed' }, files: [] });
    expect(summary.error!.message).toContain('/nonexistent/launcher');
  });

  it.skipIf(!hasCommand('setpriv'))(
    'gives the exact setcap command when the helper may not capture',
    async () => {
      const copy = unprivilegedCopy();
      try {
        const session = start(new BatchRecorder(), {
          helperPath: copy.path,
          launcher: [...namespace!.launcher, ...asNobody],
        });
        const summary = await session.ended;
        expect(summary.error).toMatchObject({
          code: 'permission-denied',
          fix: `sudo setcap cap_net_raw,cap_net_admin+eip ${copy.path}`,
        });
        expect(summary.error!.message).toContain(summary.error!.fix);
      } finally {
        copy.remove();
      }
    },
  );

  it('rotates the rolling file at the size asked, and every part reads whole', async () => {
    const recorder = new BatchRecorder();
    const session = start(recorder, { rotateBytes: 2048 });
    await session.started;
    await query(30);
    await recorder.waitFor('sixty packets', () => recorder.batches.at(-1)!.batch.stats.packets >= 60);
    const summary = await session.stop();
    expect(summary.files.length).toBeGreaterThan(2);
    let total = 0;
    for (const file of summary.files) {
      const rolling = readRolling(file.path);
      expect(rolling.warnings).toEqual([]);
      expect(rolling.packets).toBe(file.packets);
      total += rolling.packets;
    }
    expect(total).toBe(summary.stats.packets);
    // The analysis followed the files across every rotation and read each packet once.
    expect(summary.stats.analysed).toBe(summary.stats.packets);
    const analysis = session.analysis();
    expect(analysis.capture.files).toHaveLength(summary.files.length);
    expect(analysis.capture.packets).toBe(summary.stats.packets);
    expect(analysis.dns.queries).toBe(30);
  });
});
