// DNS queries answered by ICMP port unreachable: from the server itself (nothing listens)
// and from a device in front of it (a firewall's reject).
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const client = '192.0.2.10';
const server = '203.0.113.2';

describe('dns-port-unreachable', () => {
  it('the server itself answers each query with port unreachable: service-not-listening first, firewall weighed', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 3; index++) {
      const at = 10 + index * 60;
      const sent = capture.query({
        at,
        client,
        server,
        clientPort: 52444,
        id: 35084,
        name: 'yummyrecipesforme.com',
      });
      capture.icmp(sent, { at: at + 0.0004, from: server, type: 3, code: 3 });
    }
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-port-unreachable');
    expect(incident).toMatchObject({
      severity: 'critical',
      protocol: 'DNS',
      transport: 'UDP',
      server: { address: server, port: 53 },
      clients: [client],
      names: ['yummyrecipesforme.com'],
      start: isoAt(10),
      end: isoAt(130.0004),
      queries: 3,
      icmpErrors: 3,
      icmpSource: server,
    });
    expect(causeIds(incident)[0]).toBe('service-not-listening');
    expect(causeIds(incident)).toContain('firewall-blocking');
    const firewall = incident.causes.find((cause) => cause.id === 'firewall-blocking')!;
    expect(firewall.evidenceAgainst.join(' ')).toContain(`${server} itself`);
    expect(analysis.dns).toMatchObject({ queries: 3, failedWithIcmp: 3, unanswered: 0, pending: 0 });
    expect(analysis.icmp).toEqual({ errors: 3, byKind: { 'port-unreachable': 3 } });
    // Query and error lines, in frame order.
    expect(incident.evidence.map((entry) => entry.frame)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(incident.evidence[0]!.line).toContain(
      `${client}.52444 > ${server}.53: 35084+ A? yummyrecipesforme.com.`,
    );
    expect(incident.evidence[1]!.line).toContain(`ICMP ${server} udp port 53 unreachable`);
  });

  it('errors from another address with another TTL than the server: firewall-blocking first', () => {
    const capture = new CaptureBuilder();
    // The server answered once (TTL 57 as received), then a firewall in front rejects.
    const first = capture.query({ at: 0, client, server, clientPort: 40000, id: 1, name: 'example.com' });
    capture.response(first, { at: 0.02, ttl: 57 });
    for (let index = 0; index < 4; index++) {
      const sent = capture.query({
        at: 30 + index,
        client,
        server,
        clientPort: 40001 + index,
        id: 2 + index,
        name: 'example.com',
      });
      capture.icmp(sent, { at: 30.001 + index, from: '198.51.100.1', type: 3, code: 3, ttl: 254 });
    }
    const incident = onlyIncident(analyze(capture), 'dns-port-unreachable');
    expect(incident).toMatchObject({
      queries: 4,
      icmpErrors: 4,
      icmpSource: '198.51.100.1',
      severity: 'high',
      start: isoAt(30),
      end: isoAt(33.001),
    });
    expect(causeIds(incident)[0]).toBe('firewall-blocking');
    const firewall = incident.causes[0]!;
    expect(firewall.evidenceFor.join(' ')).toContain('TTL 254');
    expect(firewall.evidenceFor.join(' ')).toContain('TTL 57');
  });

  it('ICMPv6 port unreachable (type 1 code 4) over IPv6', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({
      at: 5,
      client: '2001:db8::10',
      server: '2001:db8::53',
      id: 7,
      name: 'v6.example',
      type: 28,
    });
    capture.icmp(sent, { at: 5.001, from: '2001:db8::53', type: 1, code: 4 });
    const incident = onlyIncident(analyze(capture), 'dns-port-unreachable');
    expect(incident).toMatchObject({
      server: { address: '2001:db8::53', port: 53 },
      queries: 1,
      icmpErrors: 1,
      start: isoAt(5),
      end: isoAt(5.001),
    });
    expect(causeIds(incident)[0]).toBe('service-not-listening');
  });

  it('an error quoting only the IP and UDP headers (RFC 792 minimum) still finds its query by ports', () => {
    const capture = new CaptureBuilder();
    const other = capture.query({ at: 0, client, server, clientPort: 41000, id: 9, name: 'other.example' });
    const sent = capture.query({ at: 0.1, client, server, clientPort: 41001, id: 10, name: 'example.net' });
    capture.icmp(sent, { at: 0.2, from: server, type: 3, code: 3, quoteBytes: 28 });
    capture.response(other, { at: 0.3 });
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-port-unreachable');
    expect(incident).toMatchObject({
      queries: 1,
      names: ['example.net'],
      start: isoAt(0.1),
      end: isoAt(0.2),
    });
    expect(analysis.dns).toMatchObject({ queries: 2, failedWithIcmp: 1, responses: 1, unsolicited: 0 });
  });

  it('an error quoting only the IP header finds its query by IP identification', () => {
    const capture = new CaptureBuilder();
    capture.query({ at: 0, client, server, clientPort: 41000, id: 9, name: 'first.example', ipId: 0x1111 });
    const sent = capture.query({
      at: 0.1,
      client,
      server,
      clientPort: 41001,
      id: 10,
      name: 'second.example',
      ipId: 0x2222,
    });
    capture.query({
      at: 0.15,
      client,
      server,
      clientPort: 41002,
      id: 11,
      name: 'third.example',
      ipId: 0x3333,
    });
    capture.icmp(sent, { at: 0.2, from: server, type: 3, code: 3, quoteBytes: 20 });
    const incident = onlyIncident(analyze(capture, { timeoutSeconds: 60 }), 'dns-port-unreachable');
    expect(incident).toMatchObject({ queries: 1, names: ['second.example'], start: isoAt(0.1) });
  });

  it('an error quoting a query the capture never showed is reported with its quoted flow', () => {
    const capture = new CaptureBuilder();
    const unseen = new CaptureBuilder().query({
      at: 0,
      client,
      server,
      clientPort: 42000,
      id: 77,
      name: 'unseen.example',
    });
    capture.icmp(unseen, { at: 1, from: server, type: 3, code: 3 });
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-port-unreachable');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      clients: [client],
      names: ['unseen.example'],
      queries: 1,
      icmpErrors: 1,
      start: isoAt(1),
      end: isoAt(1),
    });
    expect(incident.notes?.join(' ')).toContain('quoted a query the capture does not show');
    expect(analysis.dns.queries).toBe(0);
  });

  it('rate-limited errors: silent queries of the same outage join the incident, with a note', () => {
    const capture = new CaptureBuilder();
    // Ten queries 0.1 s apart; the server's ICMP rate limit lets the first six errors out.
    for (let index = 0; index < 10; index++) {
      const at = 20 + index * 0.1;
      const sent = capture.query({
        at,
        client,
        server,
        clientPort: 43000 + index,
        id: 500 + index,
        name: 'example.org',
      });
      if (index < 6) capture.icmp(sent, { at: at + 0.0005, from: server, type: 3, code: 3 });
    }
    capture.udp(40, client, '192.0.2.99', 123, 123); // later traffic moves the clock past the timeouts
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-port-unreachable');
    expect(incident).toMatchObject({ queries: 10, icmpErrors: 6, start: isoAt(20), end: isoAt(20.9) });
    expect(incident.notes?.join(' ')).toContain('rate-limit');
    expect(analysis.dns).toMatchObject({ queries: 10, failedWithIcmp: 6, unanswered: 4 });
  });
});
