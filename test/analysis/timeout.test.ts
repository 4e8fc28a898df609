// DNS queries with neither response nor ICMP error: unanswered only once older than the
// timeout, pending before; silence weighed between a dropping firewall and a dead server.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import { CaptureBuilder, baseSeconds, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const client = '192.0.2.10';
const server = '198.51.100.53';

function silentQueries(capture: CaptureBuilder, start: number, count: number): void {
  for (let index = 0; index < count; index++) {
    const at = start + index * 10;
    const query = { client, server, clientPort: 46000 + index, id: 1000 + index, name: 'www.example.com' };
    capture.query({ ...query, at });
    capture.query({ ...query, at: at + 1 }); // retransmission: same port, id and question
    capture.query({ ...query, at: at + 3 });
  }
}

describe('dns-timeout', () => {
  it('a silent server never seen otherwise: server-down and firewall-blocking weighed, counts and window', () => {
    const capture = new CaptureBuilder();
    silentQueries(capture, 0, 3);
    capture.udp(60, client, '192.0.2.99', 5000, 5000); // time moves on past every timeout
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-timeout');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      queries: 3,
      icmpErrors: 0,
      icmpSource: null,
      start: isoAt(0),
      end: isoAt(23),
      severity: 'critical',
    });
    expect(causeIds(incident).slice(0, 2).sort()).toEqual(['firewall-blocking', 'server-down']);
    expect(analysis.dns).toMatchObject({ queries: 3, retransmissions: 6, unanswered: 3, pending: 0 });
    expect(incident.evidence).toHaveLength(9);
  });

  it('a silent DNS service on a host that sends other traffic: firewall-blocking first', () => {
    const capture = new CaptureBuilder();
    capture.udp(0.5, server, client, 123, 123);
    silentQueries(capture, 1, 3);
    capture.udp(15, server, client, 123, 123);
    capture.udp(60, client, '192.0.2.99', 5000, 5000);
    const incident = onlyIncident(analyze(capture), 'dns-timeout');
    expect(causeIds(incident)[0]).toBe('firewall-blocking');
    expect(incident.causes[0]!.evidenceFor.join(' ')).toContain('the host is up');
  });

  it('queries younger than the timeout at capture end are pending, not failures', () => {
    const capture = new CaptureBuilder();
    capture.query({ at: 0, client, server, id: 1, name: 'late.example' });
    capture.udp(4, client, '192.0.2.99', 5000, 5000);
    const analysis = analyze(capture);
    expect(analysis.incidents).toEqual([]);
    expect(analysis.dns).toMatchObject({ queries: 1, unanswered: 0, pending: 1 });
  });

  it('the timeout is configurable, and advanceTo moves time for live captures', () => {
    const capture = new CaptureBuilder();
    capture.query({ at: 0, client, server, id: 1, name: 'a.example' });
    capture.query({ at: 0.5, client, server, clientPort: 40001, id: 2, name: 'b.example' });
    const analyzer = new Analyzer({ timeoutSeconds: 2 });
    for (const packet of capture.packets()) analyzer.add(packet);
    expect(analyzer.result({ files: [] }).dns).toMatchObject({ pending: 2, unanswered: 0 });
    analyzer.advanceTo(baseSeconds + 2.2);
    expect(analyzer.result({ files: [] }).dns).toMatchObject({ pending: 1, unanswered: 1 });
    analyzer.advanceTo(baseSeconds + 3);
    const analysis = analyzer.result({ files: [] });
    expect(analysis.dns).toMatchObject({ pending: 0, unanswered: 2 });
    expect(onlyIncident(analysis, 'dns-timeout')).toMatchObject({
      queries: 2,
      start: isoAt(0),
      end: isoAt(0.5),
    });
  });

  it('one lost query among answered ones is not an incident', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 10; index++) {
      const sent = capture.query({
        at: index,
        client,
        server,
        clientPort: 47000 + index,
        id: index,
        name: 'ok.example',
      });
      if (index !== 4) capture.response(sent, { at: index + 0.01 });
    }
    capture.udp(30, client, '192.0.2.99', 5000, 5000);
    const analysis = analyze(capture);
    expect(analysis.incidents).toEqual([]);
    expect(analysis.dns.unanswered).toBe(1);
  });
});
