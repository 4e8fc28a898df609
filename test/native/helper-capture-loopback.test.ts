// netmortem-capture capturing on lo: the scenario's shape (UDP to port 53 where nothing listens,
// answered by ICMP port unreachable), then every way a capture can end.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildHelper,
  canCapture,
  errorLines,
  finalStats,
  runHelper,
  type HelperRun,
} from './support/helper-process';
import { parsePcap, recordsWith, summarizeEthernetIpv4 } from './support/pcap-file';
import { sendUdp, sendUntil, uniqueMarker } from './support/traffic';

const runs: HelperRun[] = [];

function start(args: string[]): HelperRun {
  const run = runHelper(args);
  runs.push(run);
  return run;
}

/** Whether stdout already holds at least count whole records containing marker. */
function captured(run: HelperRun, marker: string, count: number): boolean {
  const bytes = run.stdout;
  return bytes.length > 24 && recordsWith(parsePcap(bytes), marker).length >= count;
}

if (!canCapture())
  console.warn('netmortem-capture loopback tests skipped: they need root (CAP_NET_RAW) to open lo');

describe.skipIf(!canCapture())('netmortem-capture on lo', () => {
  beforeAll(() => {
    buildHelper();
  });

  afterEach(async () => {
    for (const run of runs.splice(0)) await run.dispose();
  });

  it('streams a nanosecond pcap with the DNS queries and the ICMP port unreachable errors that answer them', async () => {
    const marker = uniqueMarker('dns');
    const run = start(['-i', 'lo', '-f', 'udp port 53 or icmp', '--stats-interval', '100']);
    await run.waitForStarted();
    const started = run.lines.find((line) => line.type === 'started')!;
    expect(started).toMatchObject({
      interface: 'lo',
      linkType: { name: 'EN10MB', number: 1 },
      snaplen: 262144,
      precision: 'nano',
      filter: 'udp port 53 or icmp',
      immediate: true,
      promiscuous: false,
    });

    // Three queries, like the scenario's three attempts; each must come back as an ICMP error.
    await sendUntil(
      () => captured(run, marker, 6),
      (round) => sendUdp('127.0.0.1', 53, `${marker}-${round % 3}`),
      30,
    );
    await run.waitFor('six marked records', () => captured(run, marker, 6));
    await run.waitFor(
      'two periodic stats lines',
      () => run.lines.filter((line) => line.type === 'stats').length >= 2,
    );
    run.child.kill('SIGTERM');
    const exit = await run.exited;
    expect(exit).toEqual({ code: 0, signal: null });

    const file = parsePcap(run.stdout);
    expect(file).toMatchObject({ nanosecond: true, littleEndian: true, snaplen: 262144, linkType: 1 });
    const ours = recordsWith(file, marker).map((record) => ({
      record,
      summary: summarizeEthernetIpv4(record)!,
    }));
    const queries = ours.filter(({ summary }) => summary.protocol === 17);
    const unreachable = ours.filter(({ summary }) => summary.protocol === 1);
    expect(queries.length).toBeGreaterThanOrEqual(3);
    expect(unreachable.length).toBeGreaterThanOrEqual(3);
    for (const { summary } of queries)
      expect(summary).toMatchObject({ source: '127.0.0.1', destination: '127.0.0.1', destinationPort: 53 });
    // ICMP type 3 (destination unreachable), code 3 (port unreachable): RFC 792.
    for (const { summary } of unreachable) expect(summary).toMatchObject({ icmpType: 3, icmpCode: 3 });
    // Time stamps are real nanosecond wall-clock times from this boot, in order.
    const nowSeconds = Date.now() / 1000;
    for (const { record } of ours) expect(Math.abs(record.seconds - nowSeconds)).toBeLessThan(24 * 3600);
    const times = ours.map(({ record }) => record.seconds * 1e9 + record.fraction);
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const stats = run.lines.filter((line) => line.type === 'stats');
    expect(stats.length).toBeGreaterThanOrEqual(3);
    for (const line of stats) {
      for (const key of ['received', 'dropped', 'interfaceDropped', 'captured'])
        expect(typeof line[key]).toBe('number');
    }
    const final = finalStats(run)!;
    expect(run.lines.at(-1)).toEqual(final);
    expect(final).toMatchObject({ final: true, reason: 'signal', dropped: 0 });
    expect(final.captured).toBe(file.records.length);
    expect(errorLines(run)).toEqual([]);
  });

  it('stops after -c packets, with exactly that many records', async () => {
    const marker = uniqueMarker('count');
    const run = start(['-i', 'lo', '-f', 'udp port 53', '-c', '3']);
    await run.waitForStarted();
    await sendUntil(
      () => run.hasExited,
      (round) => sendUdp('127.0.0.1', 53, `${marker}-${round}`),
    );
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(parsePcap(run.stdout).records).toHaveLength(3);
    expect(finalStats(run)).toMatchObject({ reason: 'count', captured: 3 });
  });

  it('stops when stdin closes, still writing the final stats line', async () => {
    const marker = uniqueMarker('stdin');
    const run = start(['-i', 'lo', '-f', 'udp port 53']);
    await run.waitForStarted();
    await sendUntil(
      () => captured(run, marker, 1),
      () => sendUdp('127.0.0.1', 53, marker),
    );
    await run.waitFor('the marked record', () => captured(run, marker, 1));
    run.child.stdin!.end();
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(finalStats(run)).toMatchObject({ reason: 'stdin-closed' });
    expect(recordsWith(parsePcap(run.stdout), marker).length).toBeGreaterThanOrEqual(1);
  });

  it('stops on SIGINT like SIGTERM', async () => {
    const run = start(['-i', 'lo', '-f', 'udp port 53']);
    await run.waitForStarted();
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(finalStats(run)).toMatchObject({ reason: 'signal', captured: 0 });
    expect(parsePcap(run.stdout).records).toHaveLength(0);
  });

  it('stops cleanly when the pcap reader goes away (EPIPE, not a SIGPIPE death)', async () => {
    const marker = uniqueMarker('epipe');
    const run = start(['-i', 'lo', '-f', 'udp port 53']);
    await run.waitForStarted();
    run.child.stdout!.destroy();
    await sendUntil(
      () => run.hasExited,
      (round) => sendUdp('127.0.0.1', 53, `${marker}-${round}`),
    );
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(finalStats(run)).toMatchObject({ reason: 'stdout-closed' });
    expect(errorLines(run)).toEqual([]);
  });

  it('stops after -a duration:SECONDS', async () => {
    const run = start(['-i', 'lo', '-f', 'udp port 53', '-a', 'duration:0.3']);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(finalStats(run)).toMatchObject({ reason: 'duration' });
    expect(parsePcap(run.stdout).nanosecond).toBe(true);
  });

  it('honours -s: records keep at most snaplen bytes but the original length', async () => {
    const marker = uniqueMarker('snaplen');
    const run = start(['-i', 'lo', '-f', 'udp port 53', '-s', '64', '-c', '1']);
    await run.waitForStarted();
    await sendUntil(
      () => run.hasExited,
      () => sendUdp('127.0.0.1', 53, `${marker}-${'x'.repeat(200)}`),
    );
    expect(await run.exited).toEqual({ code: 0, signal: null });
    const file = parsePcap(run.stdout);
    expect(file.snaplen).toBe(64);
    expect(file.records[0]!.capturedLength).toBe(64);
    expect(file.records[0]!.originalLength).toBeGreaterThan(200);
  });

  it("exits with bad-filter and libpcap's message, before writing any pcap", async () => {
    const run = start(['-i', 'lo', '-f', 'udp port 99999']);
    expect(await run.exited).toEqual({ code: 3, signal: null });
    expect(run.stdout.length).toBe(0);
    expect(run.lines).toEqual([
      expect.objectContaining({
        type: 'error',
        code: 'bad-filter',
        detail: 'illegal port number 99999 > 65535',
      }),
    ]);
  });

  it('exits with no-such-device for an unknown interface', async () => {
    const run = start(['-i', 'nm-nosuch0', '-f', 'udp']);
    expect(await run.exited).toEqual({ code: 5, signal: null });
    expect(run.stdout.length).toBe(0);
    expect(run.lines).toEqual([expect.objectContaining({ type: 'error', code: 'no-such-device' })]);
    expect(run.lines[0]!.message).toContain('nm-nosuch0');
  });
});
