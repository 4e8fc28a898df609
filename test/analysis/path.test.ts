// Path errors for the capture's traffic: TTL exceeded in transit and fragmentation needed.
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const client = '192.0.2.10';
const server = '198.51.100.53';

describe('ttl-exceeded', () => {
  it('time exceeded from two routers for DNS queries: routing-problem first', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 4; index++) {
      const sent = capture.query({
        at: 1 + index,
        client,
        server,
        clientPort: 700 + index,
        id: 70 + index,
        name: 'loop.example',
      });
      capture.icmp(sent, {
        at: 1.05 + index,
        from: index % 2 === 0 ? '192.0.2.1' : '192.0.2.2',
        type: 11,
        code: 0,
      });
    }
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'ttl-exceeded');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      transport: 'UDP',
      protocol: 'DNS',
      queries: 4,
      icmpErrors: 4,
      start: isoAt(1),
      end: isoAt(4.05),
      severity: 'high',
    });
    expect(causeIds(incident)[0]).toBe('routing-problem');
    expect(incident.causes[0]!.evidenceFor.join(' ')).toContain('routing loop');
    expect(analysis.dns.failedWithIcmp).toBe(4);
    expect(analysis.icmp.byKind).toEqual({ 'ttl-exceeded': 4 });
  });

  it('time exceeded for TCP traffic that is not DNS is an incident too', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({
      at: 0,
      client,
      server: '203.0.113.80',
      port: 443,
      transport: 'TCP',
      id: 1,
      name: 'not-really-dns.example',
    });
    capture.icmp(sent, { at: 0.01, from: '192.0.2.1', type: 11, code: 0 });
    const incident = onlyIncident(analyze(capture), 'ttl-exceeded');
    expect(incident).toMatchObject({
      server: { address: '203.0.113.80', port: 443 },
      transport: 'TCP',
      protocol: 'HTTPS',
      icmpErrors: 1,
      queries: 0,
    });
  });

  it("traceroute's own probes (UDP 33434 and up) are not an incident", () => {
    const capture = new CaptureBuilder();
    for (let hop = 1; hop <= 3; hop++) {
      const probe = capture.query({
        at: hop,
        client,
        server: '203.0.113.9',
        port: 33433 + hop,
        id: hop,
        name: 'probe',
        ttl: hop,
      });
      capture.icmp(probe, { at: hop + 0.01, from: `192.0.2.${hop}`, type: 11, code: 0 });
    }
    const analysis = analyze(capture);
    expect(analysis.incidents).toEqual([]);
    expect(analysis.icmp.byKind).toEqual({ 'ttl-exceeded': 3 });
  });

  it('fragment reassembly time exceeded (code 1) is counted but is not a TTL incident', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({ at: 0, client, server, id: 1, name: 'frag.example' });
    capture.icmp(sent, { at: 30, from: server, type: 11, code: 1 });
    const analysis = analyze(capture);
    expect(analysis.incidents.map((incident) => incident.kind)).not.toContain('ttl-exceeded');
    expect(analysis.icmp.byKind).toEqual({ 'ttl-exceeded': 1 });
  });
});

describe('fragmentation-needed', () => {
  it('repeated fragmentation needed (MTU 1400) from a router: path-mtu-problem first', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 3; index++) {
      const sent = capture.query({
        at: 2 + index,
        client,
        server,
        port: 53,
        transport: 'UDP',
        clientPort: 800 + index,
        id: 80 + index,
        name: 'big.example',
      });
      capture.icmp(sent, { at: 2.01 + index, from: '192.0.2.1', type: 3, code: 4, mtu: 1400 });
    }
    const incident = onlyIncident(analyze(capture), 'fragmentation-needed');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      icmpErrors: 3,
      queries: 3,
      start: isoAt(2),
      end: isoAt(4.01),
      icmpSource: '192.0.2.1',
      severity: 'medium',
    });
    expect(causeIds(incident)[0]).toBe('path-mtu-problem');
    expect(incident.causes[0]!.evidenceFor.join(' ')).toContain('MTU 1400');
  });

  it('ICMPv6 packet too big, then the server answers: low severity, recovery time', () => {
    const capture = new CaptureBuilder();
    const big = capture.query({
      at: 1,
      client: '2001:db8::10',
      server: '2001:db8::53',
      clientPort: 900,
      id: 90,
      name: 'big.example',
    });
    capture.icmp(big, { at: 1.01, from: '2001:db8::1', type: 2, code: 0, mtu: 1280 });
    const retry = capture.query({
      at: 2,
      client: '2001:db8::10',
      server: '2001:db8::53',
      clientPort: 901,
      id: 91,
      name: 'big.example',
    });
    capture.response(retry, { at: 2.05 });
    const incident = onlyIncident(analyze(capture), 'fragmentation-needed');
    expect(incident).toMatchObject({
      severity: 'low',
      recovered: isoAt(2.05),
      start: isoAt(1),
      end: isoAt(1.01),
    });
    expect(causeIds(incident)[0]).toBe('path-mtu-problem');
  });
});
