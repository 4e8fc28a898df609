// dns-query-flood: a query rate far above the capture's normal rate.
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const server = '198.51.100.53';

function baseline(capture: CaptureBuilder, from: number, to: number): void {
  for (let second = from; second < to; second++) {
    const sent = capture.query({
      at: second + 0.5,
      client: '192.0.2.10',
      server,
      clientPort: 30000 + second,
      id: second,
      name: 'www.example.com',
    });
    capture.response(sent, { at: second + 0.51 });
  }
}

describe('dns-query-flood', () => {
  it('300 queries/s from many clients for 3 s against a 1 query/s baseline: denial-of-service first', () => {
    const capture = new CaptureBuilder();
    baseline(capture, 0, 60);
    for (let index = 0; index < 900; index++) {
      const at = 60 + index / 300;
      capture.query({
        at,
        client: `203.0.113.${(index % 50) + 1}`,
        server,
        clientPort: 10000 + index,
        id: index & 0xffff,
        name: `r${index}.victim.example`,
      });
    }
    baseline(capture, 64, 120);
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-query-flood');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      transport: 'UDP',
      queries: 900,
      start: isoAt(60),
      end: isoAt(60 + 899 / 300),
    });
    expect(incident.clients.length).toBeGreaterThanOrEqual(50);
    expect(causeIds(incident)[0]).toBe('denial-of-service');
    expect(incident.evidence.length).toBe(50);
    expect(incident.evidenceOmitted).toBe(850);
    // The flood's unanswered queries are the flood's consequence: the server's timeout incident says so.
    const timeout = onlyIncident(analysis, 'dns-timeout');
    expect(timeout.causes.find((cause) => cause.id === 'denial-of-service')!.evidenceFor.join(' ')).toContain(
      'received a flood',
    );
    expect(incident.severity).toBe('critical');
  });

  it('one client in a retry loop on one name: misconfiguration first', () => {
    const capture = new CaptureBuilder();
    baseline(capture, 0, 30);
    for (let index = 0; index < 400; index++) {
      const sent = capture.query({
        at: 30 + index / 200,
        client: '192.0.2.66',
        server,
        clientPort: 20000 + index,
        id: index,
        name: 'stuck.example',
      });
      capture.response(sent, { at: 30 + index / 200 + 0.001, rcode: 0 });
    }
    baseline(capture, 33, 60);
    const incident = onlyIncident(analyze(capture), 'dns-query-flood');
    expect(incident).toMatchObject({
      queries: 400,
      clients: ['192.0.2.66'],
      names: ['stuck.example'],
      severity: 'high',
    });
    expect(causeIds(incident)[0]).toBe('misconfiguration');
  });

  it('a busy but steady capture is not a flood', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 1500; index++) {
      const sent = capture.query({
        at: index / 150,
        client: '192.0.2.10',
        server,
        clientPort: 1024 + index,
        id: index,
        name: 'steady.example',
      });
      capture.response(sent, { at: index / 150 + 0.002 });
    }
    expect(analyze(capture).incidents).toEqual([]);
  });
});
