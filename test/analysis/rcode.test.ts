// Failures the server reports in its rcode (RFC 1035 §4.1.1): SERVFAIL, REFUSED, NXDOMAIN.
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt } from './support/capture-builder';
import { analyze, causeIds, onlyIncident } from './support/analyze';

const client = '192.0.2.10';
const server = '198.51.100.53';

describe('dns-servfail', () => {
  it('repeated SERVFAIL for one name while others resolve: upstream-failure first', () => {
    const capture = new CaptureBuilder();
    const ok = capture.query({ at: 0, client, server, clientPort: 1, id: 1, name: 'works.example' });
    capture.response(ok, { at: 0.02 });
    for (let index = 0; index < 3; index++) {
      const sent = capture.query({
        at: 10 + index,
        client,
        server,
        clientPort: 100 + index,
        id: 10 + index,
        name: 'broken-dnssec.example',
      });
      capture.response(sent, { at: 10.5 + index, rcode: 2 });
    }
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-servfail');
    expect(incident).toMatchObject({
      server: { address: server, port: 53 },
      names: ['broken-dnssec.example'],
      queries: 3,
      icmpErrors: 0,
      start: isoAt(10),
      end: isoAt(12.5),
      severity: 'high',
    });
    expect(causeIds(incident)[0]).toBe('upstream-failure');
    expect(analysis.dns.rcodes).toEqual({ NOERROR: 1, SERVFAIL: 3 });
    expect(incident.evidence).toHaveLength(6);
  });

  it('weighs how long the resolver took to fail: seconds mean it waited on upstream servers, milliseconds that it asked nobody', () => {
    const servfails = (delay: number) => {
      const capture = new CaptureBuilder();
      for (let index = 0; index < 3; index++) {
        const sent = capture.query({
          at: index * 10,
          client,
          server,
          clientPort: 100 + index,
          id: index,
          name: 'a.example',
        });
        capture.response(sent, { at: index * 10 + delay, rcode: 2 });
      }
      return onlyIncident(analyze(capture), 'dns-servfail');
    };
    const slow = servfails(4);
    expect(slow.answerDelay).toEqual({
      answers: 3,
      minMilliseconds: 4000,
      meanMilliseconds: 4000,
      maxMilliseconds: 4000,
      afterTimeout: 0,
    });
    const slowUpstream = slow.causes.find((cause) => cause.id === 'upstream-failure')!;
    expect(slowUpstream.evidenceFor.join(' ')).toContain('Every SERVFAIL came 4.0 s or more after its query');
    const fast = servfails(0.002);
    expect(fast.answerDelay?.maxMilliseconds).toBe(2);
    const fastMisconfiguration = fast.causes.find((cause) => cause.id === 'misconfiguration')!;
    expect(fastMisconfiguration.evidenceFor.join(' ')).toContain('too soon to have asked upstream servers');
    expect(fast.causes.find((cause) => cause.id === 'upstream-failure')!.evidenceFor.join(' ')).not.toContain(
      'waited for upstream',
    );
    // Either way the server's rcode says it is up: upstream-failure stays first.
    expect(causeIds(slow)[0]).toBe('upstream-failure');
    expect(causeIds(fast)[0]).toBe('upstream-failure');
  });

  it('one SERVFAIL is below the threshold (configurable)', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({ at: 0, client, server, id: 1, name: 'once.example' });
    capture.response(sent, { at: 0.1, rcode: 2 });
    expect(analyze(capture).incidents).toEqual([]);
    expect(
      onlyIncident(analyze(capture, { thresholds: { servfailMinimumResponses: 1 } }), 'dns-servfail').queries,
    ).toBe(1);
  });
});

describe('dns-refused', () => {
  it('REFUSED with recursion unavailable to a recursive query: access-refused first, misconfiguration weighed', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 2; index++) {
      const sent = capture.query({
        at: 5 + index,
        client,
        server,
        clientPort: 200 + index,
        id: 20 + index,
        name: 'example.org',
      });
      capture.response(sent, { at: 5.01 + index, rcode: 5, recursionAvailable: false });
    }
    const incident = onlyIncident(analyze(capture), 'dns-refused');
    expect(incident).toMatchObject({ queries: 2, start: isoAt(5), end: isoAt(6.01), severity: 'critical' });
    expect(causeIds(incident)[0]).toBe('access-refused');
    const misconfiguration = incident.causes.find((cause) => cause.id === 'misconfiguration')!;
    expect(misconfiguration.evidenceFor.join(' ')).toContain('authoritative-only server');
  });
});

describe('dns-nxdomain', () => {
  it('a name the client keeps asking for is an incident; other NXDOMAINs are left out', () => {
    const capture = new CaptureBuilder();
    const typo = capture.query({ at: 1, client, server, clientPort: 300, id: 30, name: 'exmaple.com' });
    capture.response(typo, { at: 1.01, rcode: 3 });
    for (let index = 0; index < 4; index++) {
      const at = 10 + index * 30;
      const ok = capture.query({
        at,
        client,
        server,
        clientPort: 400 + index,
        id: 40 + index,
        name: 'www.example.com',
      });
      capture.response(ok, { at: at + 0.01 });
      const stale = capture.query({
        at: at + 1,
        client,
        server,
        clientPort: 500 + index,
        id: 50 + index,
        name: 'Backup.Old-Corp.example',
      });
      capture.response(stale, { at: at + 1.02, rcode: 3 });
    }
    const analysis = analyze(capture);
    const incident = onlyIncident(analysis, 'dns-nxdomain');
    expect(incident).toMatchObject({
      names: ['backup.old-corp.example'],
      clients: [client],
      queries: 4,
      start: isoAt(11),
      end: isoAt(101.02),
      severity: 'low',
    });
    expect(causeIds(incident)[0]).toBe('name-does-not-exist');
    // Four queries and their responses; tcpdump prints the name on the query line only.
    expect(incident.evidence).toHaveLength(8);
    const queryLines = incident.evidence.filter((entry) => entry.line.includes('? '));
    expect(queryLines).toHaveLength(4);
    expect(queryLines.every((entry) => entry.line.includes('Backup.Old-Corp.example.'))).toBe(true);
    expect(analysis.dns.rcodes).toEqual({ NOERROR: 4, NXDOMAIN: 5 });
  });

  it('a burst of NXDOMAIN for random names: denial-of-service weighed up', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 60; index++) {
      const sent = capture.query({
        at: index * 0.05,
        client: `192.0.2.${(index % 5) + 20}`,
        server,
        clientPort: 600 + index,
        id: index,
        name: `x${index * 7919}.victim.example`,
      });
      capture.response(sent, { at: index * 0.05 + 0.02, rcode: 3 });
    }
    const incident = onlyIncident(analyze(capture), 'dns-nxdomain');
    expect(incident).toMatchObject({
      queries: 60,
      severity: 'medium',
      start: isoAt(0),
      end: isoAt(59 * 0.05 + 0.02),
    });
    const denial = incident.causes.find((cause) => cause.id === 'denial-of-service')!;
    expect(denial.evidenceFor.join(' ')).toContain('random-subdomain');
    expect(incident.evidence).toHaveLength(50);
    expect(incident.evidenceOmitted).toBe(70);
    expect(incident.summary).toContain('Evidence shows 50 of 120 packets');
  });
});
