// Real incidents, reproduced with real software in network namespaces the test creates and
// removes, and found by a live capture on the client's interface:
//   a. the scenario: nothing listens on 203.0.113.2:53, the kernel answers port unreachable
//   b. dnsmasq answers: healthy, no incident
//   c. nftables on the router rejects with admin-prohibited
//   d. nftables on the router drops: timeouts
//   e. dnsmasq answers NXDOMAIN for a name, and REFUSED for names it has no server for
//   f. the scenario over IPv6
//   g. the server's port closes during healthy traffic and reopens: one incident, right window
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PcapParser } from '../../electron/common/capture/pcap-parser';
import { microsecondsOf } from '../../electron/common/report/time-format';
import { analysisSchema, type Analysis } from '../../electron/common/report/analysis-schema';
import type { CaptureSession } from '../../electron/node/capture/capture-session-types';
import { liveHelperCount } from '../../electron/node/capture/live-helpers';
import { buildHelper } from '../capture-session/support/helper';
import type { BatchRecorder } from '../capture-session/support/recorder';
import { captureOnClient } from './support/live-capture';
import { loadNftables, sendQueries, startDnsmasq, type Dnsmasq } from './support/servers';
import {
  createTopology,
  inNamespace,
  leftoverNamespaces,
  namespaceSkipReason,
  removeTopology,
  type Topology,
} from './support/topology';

const skipReason = namespaceSkipReason();
if (skipReason) console.warn(`namespace tests skipped: ${skipReason}`);

const scenarioName = 'yummyrecipesforme.com';

describe.skipIf(skipReason !== undefined)('DNS incidents reproduced in network namespaces', () => {
  let topology: Topology | undefined;
  let dataDirectory = '';
  const sessions: CaptureSession[] = [];
  const servers: Dnsmasq[] = [];

  beforeAll(() => {
    buildHelper();
    topology = createTopology();
    dataDirectory = mkdtempSync(join(tmpdir(), 'nm-netns-data-'));
  });

  afterEach(async () => {
    for (const session of sessions.splice(0)) {
      session.dispose();
      await session.ended;
    }
    for (const server of servers.splice(0)) await server.stop();
    if (topology) inNamespace(topology.router, '/usr/sbin/nft', ['flush', 'ruleset']);
    expect(liveHelperCount()).toBe(0);
  });

  afterAll(() => {
    if (topology) removeTopology(topology);
    if (dataDirectory) rmSync(dataDirectory, { recursive: true, force: true });
    expect(leftoverNamespaces()).toEqual([]);
  });

  async function capture(timeoutSeconds = 5): Promise<{ session: CaptureSession; recorder: BatchRecorder }> {
    const started = await captureOnClient(topology!, dataDirectory, timeoutSeconds);
    sessions.push(started.session);
    return started;
  }

  async function dnsmasq(extraArguments: string[], listen = [topology!.address.server]): Promise<Dnsmasq> {
    const server = await startDnsmasq(
      topology!.server,
      listen,
      extraArguments,
      join(dataDirectory, `dnsmasq-${servers.length}.pid`),
    );
    servers.push(server);
    return server;
  }

  function settled(recorder: BatchRecorder, count: number, outcome: string): () => boolean {
    return () => recorder.queries().filter((event) => event.outcome === outcome).length >= count;
  }

  async function finish(session: CaptureSession): Promise<Analysis> {
    const summary = await session.stop();
    expect(summary.error).toBeUndefined();
    expect(summary.stats.dropped).toBe(0);
    return analysisSchema.parse(session.analysis());
  }

  it('a. the scenario: queries to 203.0.113.2 with nothing on UDP 53 give dns-port-unreachable from the server', async () => {
    const { session, recorder } = await capture();
    await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: [scenarioName],
      count: 3,
      intervalMs: 100,
    });
    await recorder.waitFor('three ICMP failures', settled(recorder, 3, 'icmp-failed'));
    const analysis = await finish(session);
    expect(analysis.capture).toMatchObject({
      interface: topology!.clientInterface,
      filter: 'udp port 53 or icmp or icmp6',
      dropped: 0,
    });
    expect(analysis.incidents).toHaveLength(1);
    expect(analysis.incidents[0]).toMatchObject({
      kind: 'dns-port-unreachable',
      protocol: 'DNS',
      transport: 'UDP',
      server: { address: '203.0.113.2', port: 53 },
      clients: ['192.0.2.10'],
      names: [scenarioName],
      queries: 3,
      icmpErrors: 3,
      icmpSource: '203.0.113.2',
    });
    expect(analysis.incidents[0]!.causes[0]!.id).toBe('service-not-listening');
    expect(analysis.incidents[0]!.causes.map((cause) => cause.id)).toContain('firewall-blocking');
  });

  it('b. dnsmasq answers: healthy, no incident', async () => {
    await dnsmasq([`--address=/${scenarioName}/203.0.113.80`]);
    const { session, recorder } = await capture();
    const result = await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: [scenarioName],
      count: 5,
      intervalMs: 50,
    });
    expect(result.answers.map((answer) => answer.rcode)).toEqual([0, 0, 0, 0, 0]);
    await recorder.waitFor('five answers', settled(recorder, 5, 'answered'));
    const analysis = await finish(session);
    expect(analysis.incidents).toEqual([]);
    expect(analysis.dns).toMatchObject({ queries: 5, responses: 5, unanswered: 0, failedWithIcmp: 0 });
    expect(analysis.dns.rcodes.NOERROR).toBe(5);
  });

  it('c. nftables on the router rejects UDP 53 with admin-prohibited: dns-admin-prohibited from the router', async () => {
    loadNftables(
      topology!.router,
      `table inet netmortem_test {
        chain forward {
          type filter hook forward priority 0; policy accept;
          meta nfproto ipv4 udp dport 53 reject with icmp type admin-prohibited
        }
      }`,
    );
    const { session, recorder } = await capture();
    await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: [scenarioName],
      count: 3,
      intervalMs: 100,
    });
    await recorder.waitFor('three ICMP failures', settled(recorder, 3, 'icmp-failed'));
    const analysis = await finish(session);
    expect(analysis.incidents).toHaveLength(1);
    const incident = analysis.incidents[0]!;
    expect(incident).toMatchObject({
      kind: 'dns-admin-prohibited',
      server: { address: '203.0.113.2', port: 53 },
      queries: 3,
      icmpErrors: 3,
    });
    // The kernel sends the error from the address of the interface the query came in on.
    expect([topology!.address.routerClientSide, topology!.address.routerServerSide]).toContain(
      incident.icmpSource,
    );
    expect(incident.causes[0]!.id).toBe('firewall-blocking');
  });

  it('d. nftables on the router drops UDP 53: dns-timeout once the timeout has passed', async () => {
    loadNftables(
      topology!.router,
      `table inet netmortem_test {
        chain forward {
          type filter hook forward priority 0; policy accept;
          udp dport 53 drop
        }
      }`,
    );
    const { session, recorder } = await capture(1);
    await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: [scenarioName],
      count: 3,
      intervalMs: 100,
    });
    // The session advances the analysis clock live: the queries time out while it captures.
    await recorder.waitFor('three timeouts', settled(recorder, 3, 'unanswered'));
    const analysis = await finish(session);
    expect(analysis.incidents).toHaveLength(1);
    expect(analysis.incidents[0]).toMatchObject({
      kind: 'dns-timeout',
      server: { address: '203.0.113.2', port: 53 },
      queries: 3,
      icmpErrors: 0,
      icmpSource: null,
    });
    expect(analysis.dns.unanswered).toBe(3);
  });

  it('e. dnsmasq answers NXDOMAIN for a missing name and REFUSED where it has no upstream: dns-nxdomain and dns-refused', async () => {
    // `--address=/name/` with no address makes dnsmasq answer NXDOMAIN; with --no-resolv and
    // no --server, any other name has nowhere to go and dnsmasq answers REFUSED.
    await dnsmasq(['--address=/missing.example/']);
    const { session, recorder } = await capture();
    const missing = await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: ['missing.example'],
      count: 3,
      intervalMs: 50,
    });
    const refused = await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: ['elsewhere.example'],
      count: 3,
      intervalMs: 50,
      firstId: 0x2000,
    });
    expect(missing.answers.map((answer) => answer.rcode)).toEqual([3, 3, 3]);
    expect(refused.answers.map((answer) => answer.rcode)).toEqual([5, 5, 5]);
    await recorder.waitFor(
      'three NXDOMAIN and three REFUSED',
      () => settled(recorder, 3, 'nxdomain')() && settled(recorder, 3, 'refused')(),
    );
    const analysis = await finish(session);
    const byKind = new Map(analysis.incidents.map((incident) => [incident.kind, incident]));
    expect([...byKind.keys()].sort()).toEqual(['dns-nxdomain', 'dns-refused']);
    expect(byKind.get('dns-nxdomain')).toMatchObject({
      server: { address: '203.0.113.2', port: 53 },
      names: ['missing.example'],
    });
    expect(byKind.get('dns-refused')).toMatchObject({
      server: { address: '203.0.113.2', port: 53 },
      names: ['elsewhere.example'],
    });
    expect(byKind.get('dns-nxdomain')!.causes[0]!.id).toBe('name-does-not-exist');
    expect(byKind.get('dns-refused')!.causes[0]!.id).toBe('access-refused');
    expect(analysis.dns.rcodes).toMatchObject({ NXDOMAIN: 3, REFUSED: 3 });
  });

  it('f. the scenario over IPv6: ICMPv6 port unreachable gives dns-port-unreachable', async () => {
    const { session, recorder } = await capture();
    await sendQueries(topology!.client, {
      server: topology!.address.server6,
      names: [scenarioName],
      type: 'AAAA',
      count: 3,
      intervalMs: 100,
    });
    await recorder.waitFor('three ICMPv6 failures', settled(recorder, 3, 'icmp-failed'));
    const analysis = await finish(session);
    expect(analysis.incidents).toHaveLength(1);
    expect(analysis.incidents[0]).toMatchObject({
      kind: 'dns-port-unreachable',
      server: { address: '2001:db8:2::2', port: 53 },
      clients: ['2001:db8:1::10'],
      names: [scenarioName],
      queries: 3,
      icmpErrors: 3,
      icmpSource: '2001:db8:2::2',
    });
    expect(analysis.icmp.byKind['port-unreachable']).toBe(3);
  });

  it('g. the port closes during healthy traffic and reopens: one incident from the first failure to the recovery', async () => {
    const answering = [`--address=/${scenarioName}/203.0.113.80`];
    let server = await dnsmasq(answering);
    const { session, recorder } = await capture();
    const plan = { server: topology!.address.server, names: [scenarioName], count: 5, intervalMs: 100 };
    await sendQueries(topology!.client, { ...plan, firstId: 0x1000 });
    await recorder.waitFor('five answers before the outage', settled(recorder, 5, 'answered'));
    await server.stop();
    await sendQueries(topology!.client, { ...plan, firstId: 0x2000 });
    await recorder.waitFor('five failures during the outage', settled(recorder, 5, 'icmp-failed'));
    server = await dnsmasq(answering);
    await sendQueries(topology!.client, { ...plan, firstId: 0x3000 });
    await recorder.waitFor('five more answers after it', settled(recorder, 10, 'answered'));
    const analysis = await finish(session);

    expect(analysis.incidents).toHaveLength(1);
    const incident = analysis.incidents[0]!;
    expect(incident).toMatchObject({
      kind: 'dns-port-unreachable',
      server: { address: '203.0.113.2', port: 53 },
      queries: 5,
      icmpErrors: 5,
      icmpSource: '203.0.113.2',
    });

    const microseconds = (seconds: number): number => Math.round(seconds * 1_000_000);
    const queries = recorder.queries();
    const failed = queries.filter((event) => event.outcome === 'icmp-failed');
    const lastSuccessBefore = queries
      .filter((event) => event.outcome === 'answered' && event.frame < failed[0]!.frame)
      .at(-1)!;
    const firstSuccessAfter = queries.find(
      (event) => event.outcome === 'answered' && event.frame > failed.at(-1)!.frame,
    )!;
    const lastError = recorder.ofKind('icmp-error').at(-1)!;
    // It starts at the first failure, not at the healthy traffic before it...
    expect(microsecondsOf(incident.start)).toBe(microseconds(failed[0]!.time));
    expect(microsecondsOf(incident.start)).toBeGreaterThan(microseconds(lastSuccessBefore.time));
    // ...and ends at the last failure, or at the first success after it.
    expect(microsecondsOf(incident.end)).toBeGreaterThanOrEqual(microseconds(lastError.time));
    expect(microsecondsOf(incident.end)).toBeLessThanOrEqual(microseconds(firstSuccessAfter.time));
    expect(analysis.dns.rcodes.NOERROR).toBe(10);
  });
  // Last: it takes the client's interface away (the namespaces are removed after it anyway).
  it('the capture interface vanishing mid-capture ends the session with interface-gone, the pcap kept whole', async () => {
    const { session, recorder } = await capture();
    await sendQueries(topology!.client, {
      server: topology!.address.server,
      names: [scenarioName],
      count: 3,
      intervalMs: 50,
    });
    await recorder.waitFor('three ICMP failures', settled(recorder, 3, 'icmp-failed'));
    inNamespace(topology!.client, 'ip', ['link', 'del', topology!.clientInterface]);
    const summary = await session.ended;
    expect(summary.reason).toBe('failed');
    expect(summary.error).toMatchObject({ code: 'interface-gone' });
    expect(summary.stats.packets).toBeGreaterThanOrEqual(6);
    expect(summary.stats.analysed).toBe(summary.stats.packets);
    let records = 0;
    const parser = new PcapParser({ onFrame: () => (records += 1) });
    parser.push(readFileSync(summary.files[0]!.path));
    expect(parser.end().warnings).toEqual([]);
    expect(records).toBe(summary.stats.packets);
    const analysis = analysisSchema.parse(session.analysis());
    expect(analysis.incidents.map((incident) => incident.kind)).toEqual(['dns-port-unreachable']);
    expect(analysis.capture.warnings.join('\n')).toMatch(/ended with an error/);
  });
});
