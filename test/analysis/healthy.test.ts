// A capture in which every query is answered NOERROR has no incident (the contract's rule).
import { describe, expect, it } from 'vitest';
import { CaptureBuilder } from './support/capture-builder';
import { analyze } from './support/analyze';

describe('healthy capture', () => {
  it('has no incident, counts every query once, and measures latency', () => {
    const capture = new CaptureBuilder();
    for (let index = 0; index < 40; index++) {
      const at = index * 1.5;
      const sent = capture.query({
        at,
        client: '192.0.2.10',
        server: '198.51.100.53',
        clientPort: 50000 + index,
        id: 100 + index,
        name: `host${index % 7}.example`,
      });
      capture.response(sent, { at: at + 0.012 });
    }
    const analysis = analyze(capture);
    expect(analysis.incidents).toEqual([]);
    expect(analysis.dns).toMatchObject({
      queries: 40,
      retransmissions: 0,
      responses: 40,
      unanswered: 0,
      pending: 0,
      failedWithIcmp: 0,
      rcodes: { NOERROR: 40 },
    });
    expect(analysis.icmp).toEqual({ errors: 0, byKind: {} });
    expect(analysis.capture.packets).toBe(80);
    expect(analysis.dns.latency?.responses).toBe(40);
    // 12 ms, within the histogram's 4% buckets.
    expect(analysis.dns.latency!.medianMilliseconds).toBeGreaterThan(11.5);
    expect(analysis.dns.latency!.medianMilliseconds).toBeLessThan(12.5);
  });

  it('a single NXDOMAIN for a typo (A and AAAA) is not an incident', () => {
    const capture = new CaptureBuilder();
    const good = capture.query({
      at: 0,
      client: '192.0.2.10',
      server: '198.51.100.53',
      id: 1,
      name: 'example.com',
    });
    capture.response(good, { at: 0.01 });
    const typoA = capture.query({
      at: 1,
      client: '192.0.2.10',
      server: '198.51.100.53',
      clientPort: 40001,
      id: 2,
      name: 'exmaple.com',
      type: 1,
    });
    const typoAaaa = capture.query({
      at: 1,
      client: '192.0.2.10',
      server: '198.51.100.53',
      clientPort: 40002,
      id: 3,
      name: 'exmaple.com',
      type: 28,
    });
    capture.response(typoA, { at: 1.02, rcode: 3 });
    capture.response(typoAaaa, { at: 1.02, rcode: 3 });
    const analysis = analyze(capture);
    expect(analysis.incidents).toEqual([]);
    expect(analysis.dns.rcodes).toEqual({ NOERROR: 1, NXDOMAIN: 2 });
  });
});
