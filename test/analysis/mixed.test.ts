// Healthy traffic, an outage window, recovery: one incident with the right start and end.
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const server = '198.51.100.53';
const clients = ['192.0.2.10', '192.0.2.11', '192.0.2.12'];

describe('mixed capture', () => {
  it('an outage in the middle of healthy traffic is one incident, closed by the first success', () => {
    const capture = new CaptureBuilder();
    let id = 0;
    // Every 2 s one of three clients asks; the DNS service is down from 60 s to 90 s.
    for (let at = 0; at < 150; at += 2) {
      const client = clients[(at / 2) % 3]!;
      const sent = capture.query({
        at,
        client,
        server,
        clientPort: 20000 + id,
        id: id++,
        name: `host${at % 5}.example`,
      });
      if (at >= 60 && at < 90) capture.icmp(sent, { at: at + 0.0003, from: server, type: 3, code: 3 });
      else capture.response(sent, { at: at + 0.015 });
    }
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-port-unreachable');
    expect(analysis.incidents).toHaveLength(1);
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      queries: 15,
      icmpErrors: 15,
      start: isoAt(60),
      end: isoAt(88.0003),
      recovered: isoAt(90.015),
      severity: 'high',
      // Each error 0.3 ms after its query.
      answerDelay: {
        answers: 15,
        minMilliseconds: 0.3,
        meanMilliseconds: 0.3,
        maxMilliseconds: 0.3,
        afterTimeout: 0,
      },
    });
    expect([...incident.clients].sort()).toEqual(clients);
    expect(causeIds(incident)[0]).toBe('service-not-listening');
    const listening = incident.causes[0]!;
    expect(listening.evidenceFor.join(' ')).toContain('stopped or restarted');
    expect(analysis.dns).toMatchObject({ queries: 75, responses: 60, failedWithIcmp: 15, unanswered: 0 });
  });

  it('a later failure after recovery opens a second incident', () => {
    const capture = new CaptureBuilder();
    let id = 0;
    const outage = (at: number) => (at >= 20 && at < 30) || (at >= 60 && at < 66);
    for (let at = 0; at < 100; at += 2) {
      const sent = capture.query({
        at,
        client: clients[0]!,
        server,
        clientPort: 20000 + id,
        id: id++,
        name: 'www.example',
      });
      if (outage(at)) capture.icmp(sent, { at: at + 0.001, from: server, type: 3, code: 3 });
      else capture.response(sent, { at: at + 0.01 });
    }
    const incidents = analyze(capture).incidents;
    expect(
      incidents.map((incident) => [incident.kind, incident.start, incident.end, incident.queries]),
    ).toEqual([
      ['dns-port-unreachable', isoAt(20), isoAt(28.001), 5],
      ['dns-port-unreachable', isoAt(60), isoAt(64.001), 3],
    ]);
    expect(incidents.map((incident) => incident.id)).toEqual(['inc-1', 'inc-2']);
  });

  it('silence that starts before answers resume and is known only later still splits at the success', () => {
    const capture = new CaptureBuilder();
    let id = 0;
    // Queries at 10, 12 go unanswered (timeouts declared 5 s later, after the answer at 14).
    for (const at of [0, 2, 4, 10, 12, 14, 16, 30, 32]) {
      const sent = capture.query({
        at,
        client: clients[0]!,
        server,
        clientPort: 20000 + id,
        id: id++,
        name: 'www.example',
      });
      if (![10, 12, 30, 32].includes(at)) capture.response(sent, { at: at + 0.01 });
    }
    capture.udp(60, clients[0]!, '192.0.2.99', 5000, 5000);
    const incidents = analyze(capture).incidents;
    expect(
      incidents.map((incident) => [incident.kind, incident.start, incident.end, incident.queries]),
    ).toEqual([
      ['dns-timeout', isoAt(10), isoAt(12), 2],
      ['dns-timeout', isoAt(30), isoAt(32), 2],
    ]);
    expect(incidents[0]!.recovered).toBe(isoAt(14.01));
  });
});
