// DNS queries answered by ICMP administratively prohibited, host unreachable and network
// unreachable (v4 and v6 codes), each with its first cause.
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const client = '192.0.2.10';
const server = '198.51.100.53';
const router = '192.0.2.1';

function failingQueries(from: string, type: number, code: number, v6 = false): CaptureBuilder {
  const capture = new CaptureBuilder();
  for (let index = 0; index < 3; index++) {
    const sent = capture.query({
      at: 100 + index * 2,
      client: v6 ? '2001:db8::10' : client,
      server: v6 ? '2001:db8:53::53' : server,
      clientPort: 45000 + index,
      id: 900 + index,
      name: 'intranet.example',
    });
    capture.icmp(sent, { at: 100.003 + index * 2, from, type, code, ttl: 255 });
  }
  return capture;
}

describe('dns-admin-prohibited', () => {
  it('ICMP type 3 code 13 from a router on the path: firewall-blocking first, sender named', () => {
    const incident = onlyIncident(analyze(failingQueries(router, 3, 13)), 'dns-admin-prohibited');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      transport: 'UDP',
      queries: 3,
      icmpErrors: 3,
      icmpSource: router,
      start: isoAt(100),
      end: isoAt(104.003),
      severity: 'critical',
    });
    expect(causeIds(incident)[0]).toBe('firewall-blocking');
    expect(incident.causes[0]!.evidenceFor.join(' ')).toContain(
      `${router}, a router or firewall on the path`,
    );
  });

  it('codes 9 and 10 are administratively prohibited too, and from the server itself it says so', () => {
    const capture = new CaptureBuilder();
    const first = capture.query({ at: 0, client, server, clientPort: 1, id: 1, name: 'a.example' });
    capture.icmp(first, { at: 0.001, from: server, type: 3, code: 9 });
    const second = capture.query({ at: 1, client, server, clientPort: 2, id: 2, name: 'b.example' });
    capture.icmp(second, { at: 1.001, from: server, type: 3, code: 10 });
    const incident = onlyIncident(analyze(capture), 'dns-admin-prohibited');
    expect(incident).toMatchObject({ queries: 2, icmpErrors: 2, icmpSource: server });
    expect(incident.causes[0]!.id).toBe('firewall-blocking');
    expect(incident.causes[0]!.evidenceFor.join(' ')).toContain('runs on the server host');
  });

  it('ICMPv6 type 1 code 1 (and reject route, code 6)', () => {
    const incident = onlyIncident(analyze(failingQueries('2001:db8::1', 1, 1, true)), 'dns-admin-prohibited');
    expect(incident).toMatchObject({
      server: { address: '2001:db8:53::53', port: 53 },
      queries: 3,
      icmpSource: '2001:db8::1',
    });
    expect(causeIds(incident)[0]).toBe('firewall-blocking');
    expect(
      onlyIncident(analyze(failingQueries('2001:db8::1', 1, 6, true)), 'dns-admin-prohibited').queries,
    ).toBe(3);
  });
});

describe('dns-host-unreachable', () => {
  it('ICMP type 3 code 1 from the last router, server never seen: server-down first', () => {
    const analysis = analyze(failingQueries(router, 3, 1));
    const incident = onlyIncident(analysis, 'dns-host-unreachable');
    expect(incident).toMatchObject({
      queries: 3,
      icmpErrors: 3,
      icmpSource: router,
      start: isoAt(100),
      end: isoAt(104.003),
    });
    expect(causeIds(incident)[0]).toBe('server-down');
    expect(analysis.icmp.byKind).toEqual({ 'host-unreachable': 3 });
  });

  it('ICMPv6 address unreachable (type 1 code 3)', () => {
    const incident = onlyIncident(analyze(failingQueries('2001:db8::1', 1, 3, true)), 'dns-host-unreachable');
    expect(causeIds(incident)[0]).toBe('server-down');
  });

  it('when the host sent packets of its own, server-down is weighed down', () => {
    const capture = failingQueries(router, 3, 1);
    capture.udp(106, server, client, 123, 123);
    const incident = onlyIncident(analyze(capture), 'dns-host-unreachable');
    const down = incident.causes.find((cause) => cause.id === 'server-down')!;
    expect(down.evidenceAgainst.join(' ')).toContain(`${server} sent 1 packet of its own`);
  });
});

describe('dns-network-unreachable', () => {
  it('ICMP type 3 code 0: routing-problem first', () => {
    const incident = onlyIncident(analyze(failingQueries(router, 3, 0)), 'dns-network-unreachable');
    expect(incident).toMatchObject({ queries: 3, icmpErrors: 3, icmpSource: router });
    expect(causeIds(incident)[0]).toBe('routing-problem');
  });

  it('ICMPv6 no route to destination (type 1 code 0)', () => {
    const incident = onlyIncident(
      analyze(failingQueries('2001:db8::1', 1, 0, true)),
      'dns-network-unreachable',
    );
    expect(causeIds(incident)[0]).toBe('routing-problem');
  });
});
