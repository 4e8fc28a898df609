// Capture on a veth pair in namespaces the test creates (RFC 5737 addresses only), then delete the
// interface mid-capture: the helper must say interface-gone, print its final stats, exit non-zero,
// and leave on stdout a pcap that still parses to the last whole record.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildHelper,
  canCapture,
  errorLines,
  finalStats,
  runHelperInNamespace,
  type HelperRun,
} from './support/helper-process';
import { createVethPair, removeVethPair, runIn, type VethPair } from './support/namespaces';
import { parsePcap, recordsWith, summarizeEthernetIpv4 } from './support/pcap-file';
import { sendUdpInNamespace, sendUntil, uniqueMarker } from './support/traffic';

if (!canCapture())
  console.warn('netmortem-capture namespace tests skipped: creating network namespaces needs root');

describe.skipIf(!canCapture())('netmortem-capture on a veth pair in a network namespace', () => {
  let pair: VethPair | undefined;
  const runs: HelperRun[] = [];

  beforeAll(() => {
    buildHelper();
  });

  afterEach(async () => {
    for (const run of runs.splice(0)) await run.dispose();
    if (pair) removeVethPair(pair);
    pair = undefined;
  });

  afterAll(() => {
    if (pair) removeVethPair(pair);
  });

  it('reports interface-gone when the veth is deleted, and the partial pcap stays valid', async () => {
    pair = createVethPair();
    const marker = uniqueMarker('veth');
    const run = runHelperInNamespace(pair.client, [
      '-i',
      pair.interfaceName,
      '-f',
      'udp or icmp',
      '--stats-interval',
      '100',
    ]);
    runs.push(run);
    await run.waitForStarted();
    const client = pair.client;
    const peerAddress = pair.peerAddress;
    await sendUntil(
      () => recordsWith(parsePcap(run.stdout), marker).length >= 3,
      () => sendUdpInNamespace(client, peerAddress, 9, marker, 3),
      20,
    );
    await run.waitFor('three marked records', () => recordsWith(parsePcap(run.stdout), marker).length >= 3);

    runIn(pair.client, 'link', 'del', pair.interfaceName);
    const exit = await run.exited;
    expect(exit).toEqual({ code: 7, signal: null });

    const errors = errorLines(run);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'error', code: 'interface-gone' });
    expect(errors[0]!.message).toContain(pair.interfaceName);
    const final = finalStats(run)!;
    expect(run.lines.at(-1)).toEqual(final);
    expect(final).toMatchObject({ reason: 'interface-gone' });

    const file = parsePcap(run.stdout); // throws on a record cut in half
    expect(file.nanosecond).toBe(true);
    expect(final.captured).toBe(file.records.length);
    const ours = recordsWith(file, marker).map(summarizeEthernetIpv4);
    expect(ours).toContainEqual(
      expect.objectContaining({
        protocol: 17,
        source: '192.0.2.1',
        destination: '192.0.2.2',
        destinationPort: 9,
      }),
    );
  });

  it('keeps capturing across an interface set down and up again, and says so', async () => {
    // libpcap on Linux does not end a capture when its interface goes down; packets flow again
    // once it is back up. The helper reports the gap instead of dying.
    pair = createVethPair();
    const marker = uniqueMarker('down-up');
    const run = runHelperInNamespace(pair.client, ['-i', pair.interfaceName, '-f', 'udp']);
    runs.push(run);
    await run.waitForStarted();
    runIn(pair.client, 'link', 'set', pair.interfaceName, 'down');
    await run.waitFor('the interface-down warning', () =>
      run.lines.some((line) => line.type === 'warning' && line.code === 'interface-down'),
    );
    runIn(pair.client, 'link', 'set', pair.interfaceName, 'up');
    await run.waitFor('the interface-up notice', () =>
      run.lines.some((line) => line.type === 'notice' && line.code === 'interface-up'),
    );
    const client = pair.client;
    const peerAddress = pair.peerAddress;
    await sendUntil(
      () => recordsWith(parsePcap(run.stdout), marker).length >= 1,
      () => sendUdpInNamespace(client, peerAddress, 9, marker, 1),
      20,
    );
    await run.waitFor(
      'a marked record after the interface came back',
      () => recordsWith(parsePcap(run.stdout), marker).length >= 1,
    );
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(errorLines(run)).toEqual([]);
    expect(finalStats(run)).toMatchObject({ reason: 'signal' });
  });

  it('reports interface-down when the interface exists but is down', async () => {
    pair = createVethPair();
    runIn(pair.client, 'link', 'set', pair.interfaceName, 'down');
    const run = runHelperInNamespace(pair.client, ['-i', pair.interfaceName]);
    runs.push(run);
    expect(await run.exited).toEqual({ code: 6, signal: null });
    expect(run.lines).toEqual([expect.objectContaining({ type: 'error', code: 'interface-down' })]);
    expect(run.stdout.length).toBe(0);
  });
});
