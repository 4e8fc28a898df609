// Matching queries to responses: key fields, retransmissions, unsolicited and late answers.
import { describe, expect, it } from 'vitest';
import { CaptureBuilder, isoAt, type Sent } from './support/capture-builder';
import { analyze } from './support/analyze';

const client = '192.0.2.10';
const server = '198.51.100.53';

function withName(sent: Sent, name: string): Sent {
  return { ...sent, query: { ...sent.query, name } };
}

describe('DNS transactions', () => {
  it('a retransmission counts once in queries and once in retransmissions; the answer settles it', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({ at: 0, client, server, id: 5, name: 'example.com' });
    capture.query({ at: 1, client, server, id: 5, name: 'example.com' });
    capture.query({ at: 2, client, server, id: 5, name: 'example.com' });
    capture.response(sent, { at: 2.1 });
    const analysis = analyze(capture);
    expect(analysis.dns).toMatchObject({
      queries: 1,
      retransmissions: 2,
      responses: 1,
      unanswered: 0,
      pending: 0,
      rcodes: { NOERROR: 1 },
    });
    // Karn's rule: a retransmitted query gives no latency sample.
    expect(analysis.dns.latency).toBeUndefined();
  });

  it('names match case-insensitively (RFC 4343, 0x20 randomisation); other fields must match exactly', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({ at: 0, client, server, id: 5, name: 'WwW.ExAmPlE.CoM' });
    capture.response(withName(sent, 'www.example.com'), { at: 0.01 });
    const other = capture.query({ at: 1, client, server, clientPort: 40001, id: 6, name: 'a.example' });
    capture.response(withName(other, 'b.example'), { at: 1.01 }); // another question: not its answer
    capture.response({ ...other, query: { ...other.query, id: 7 } }, { at: 1.02 }); // another id
    const analysis = analyze(capture);
    expect(analysis.dns).toMatchObject({ queries: 2, responses: 3, unsolicited: 2, pending: 1 });
  });

  it('a response with no query in the capture is unsolicited, not a failure', () => {
    const capture = new CaptureBuilder();
    const unseen = new CaptureBuilder().query({
      at: 0,
      client,
      server,
      id: 99,
      name: 'before-capture.example',
    });
    capture.response(unseen, { at: 0.5 });
    const analysis = analyze(capture);
    expect(analysis.dns).toMatchObject({ queries: 0, responses: 1, unsolicited: 1 });
    expect(analysis.incidents).toEqual([]);
  });

  it('the same id and question over TCP and UDP are two transactions', () => {
    const capture = new CaptureBuilder();
    const overUdp = capture.query({ at: 0, client, server, id: 1, name: 'big.example', clientPort: 50000 });
    const overTcp = capture.query({
      at: 0.2,
      client,
      server,
      id: 1,
      name: 'big.example',
      clientPort: 50000,
      transport: 'TCP',
    });
    capture.response(overUdp, { at: 0.1 });
    capture.response(overTcp, { at: 0.3 });
    expect(analyze(capture).dns).toMatchObject({
      queries: 2,
      retransmissions: 0,
      responses: 2,
      pending: 0,
      unsolicited: 0,
    });
  });

  it('a response later than the timeout still settles its query (a late answer), within lateAnswerSeconds', () => {
    const capture = new CaptureBuilder();
    const slow = capture.query({ at: 0, client, server, id: 1, name: 'slow.example' });
    capture.udp(6, client, '192.0.2.99', 5000, 5000); // the query times out here
    capture.response(slow, { at: 8 });
    const analysis = analyze(capture);
    expect(analysis.dns).toMatchObject({
      queries: 1,
      unanswered: 0,
      lateAnswers: 1,
      unsolicited: 0,
      rcodes: { NOERROR: 1 },
    });
    const tooLate = new CaptureBuilder();
    const lost = tooLate.query({ at: 0, client, server, id: 1, name: 'slow.example' });
    tooLate.udp(6, client, '192.0.2.99', 5000, 5000);
    tooLate.response(lost, { at: 8 });
    expect(analyze(tooLate, { lateAnswerSeconds: 1 }).dns).toMatchObject({
      unanswered: 1,
      lateAnswers: 0,
      unsolicited: 1,
    });
  });

  it('a second ICMP error for a retransmission of an already failed query adds an error, not a query', () => {
    const capture = new CaptureBuilder();
    const first = capture.query({ at: 0, client, server, id: 1, name: 'down.example' });
    const again = capture.query({ at: 0.5, client, server, id: 1, name: 'down.example' });
    capture.icmp(first, { at: 0.6, from: server, type: 3, code: 3 });
    capture.icmp(again, { at: 0.7, from: server, type: 3, code: 3 });
    const analysis = analyze(capture);
    expect(analysis.dns).toMatchObject({ queries: 1, retransmissions: 1, failedWithIcmp: 1 });
    expect(analysis.incidents[0]).toMatchObject({
      kind: 'dns-port-unreachable',
      queries: 1,
      icmpErrors: 2,
      start: isoAt(0),
      end: isoAt(0.7),
    });
  });

  it('mDNS and LLMNR are left out (multicast by design)', () => {
    const capture = new CaptureBuilder();
    capture.query({
      at: 0,
      client,
      server: '224.0.0.251',
      clientPort: 5353,
      port: 5353,
      id: 0,
      name: 'printer.local',
    });
    expect(analyze(capture).dns).toMatchObject({ queries: 0, pending: 0 });
  });

  it('an ICMP port unreachable quoting a DNS response (the client closed its socket) is no DNS server incident', () => {
    const capture = new CaptureBuilder();
    const sent = capture.query({ at: 0, client, server, id: 1, name: 'late.example' });
    capture.udp(200, client, '192.0.2.99', 5000, 5000);
    // The server's answer comes long after the client gave up; the client's host rejects it.
    const answer = new CaptureBuilder().response(sent, { at: 201 });
    capture.icmp(answer, { at: 201.001, from: client, type: 3, code: 3 });
    const analysis = analyze(capture);
    expect(analysis.incidents.filter((incident) => incident.kind === 'dns-port-unreachable')).toEqual([]);
    expect(analysis.icmp.byKind).toEqual({ 'port-unreachable': 1 });
  });

  it('a recycled transaction starts clean: nothing of the answered query it was carries over', () => {
    const capture = new CaptureBuilder();
    const answered = capture.query({ at: 0, client, server, id: 5, name: 'first.example' });
    capture.query({ at: 1, client, server, id: 5, name: 'first.example' });
    capture.query({ at: 2, client, server, id: 5, name: 'first.example' });
    capture.response(answered, { at: 2.1 });
    // The next queries reuse the settled transaction object; they get no answer.
    capture.query({ at: 3, client, server, clientPort: 40001, id: 6, name: 'second.example' });
    capture.query({ at: 3.5, client, server, clientPort: 40002, id: 7, name: 'third.example' });
    capture.udp(30, client, '192.0.2.99', 5000, 5000);
    const analysis = analyze(capture);
    const timeout = analysis.incidents.find((incident) => incident.kind === 'dns-timeout')!;
    expect(timeout).toMatchObject({
      queries: 2,
      names: ['second.example', 'third.example'],
      start: isoAt(3),
      end: isoAt(3.5),
    });
    // Two lines, one per query: no retransmission frames inherited from the recycled object.
    expect(timeout.evidence.map((entry) => entry.frame)).toEqual([5, 6]);
    expect(analysis.dns).toMatchObject({ queries: 3, retransmissions: 2, unanswered: 2 });
  });
});
