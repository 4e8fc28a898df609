// The scenario's seed log (../shared/scenario/seed-tcpdump-log.txt) through the text importer:
// the incident the analyst had to find by hand.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import { TcpdumpTextReader } from '../../electron/common/capture/tcpdump-text-reader';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { analysisSchema } from '../../electron/common/report/analysis-schema';

const seedLog = resolve(__dirname, '../../../shared/scenario/seed-tcpdump-log.txt');

function seedPackets(): { packets: DecodedPacket[]; warnings: string[] } {
  const packets: DecodedPacket[] = [];
  const reader = new TcpdumpTextReader({ onPacket: (packet) => packets.push(packet), date: '2026-11-25' });
  reader.push(readFileSync(seedLog));
  return { packets, warnings: reader.end().warnings };
}

describe('the scenario seed log', () => {
  it('is DNS over UDP port 53 at 203.0.113.2, unreachable: three queries, three ICMP port unreachable', () => {
    const { packets, warnings } = seedPackets();
    const analyzer = new Analyzer();
    for (const packet of packets) analyzer.add(packet);
    const analysis = analysisSchema.parse(analyzer.result({ files: [], warnings }));
    expect(analysis.capture).toMatchObject({
      packets: 6,
      start: '2026-11-25T13:24:32.192571Z',
      end: '2026-11-25T13:28:50.022967Z',
    });
    expect(analysis.dns).toMatchObject({
      queries: 3,
      retransmissions: 0,
      responses: 0,
      unanswered: 0,
      pending: 0,
      failedWithIcmp: 3,
    });
    expect(analysis.icmp).toEqual({ errors: 3, byKind: { 'port-unreachable': 3 } });
    expect(analysis.incidents).toHaveLength(1);
    const incident = analysis.incidents[0]!;
    expect(incident).toMatchObject({
      id: 'inc-1',
      kind: 'dns-port-unreachable',
      severity: 'critical',
      protocol: 'DNS',
      transport: 'UDP',
      server: { address: '203.0.113.2', port: 53 },
      clients: ['192.51.100.15'],
      names: ['yummyrecipesforme.com'],
      start: '2026-11-25T13:24:32.192571Z',
      end: '2026-11-25T13:28:50.022967Z',
      queries: 3,
      icmpErrors: 3,
      icmpSource: '203.0.113.2',
    });
    // Each error timed from its query: 13:24:36.098564 - 13:24:32.192571, 13:27:15.934126 -
    // 13:26:32.192571 and 13:28:50.022967 - 13:28:32.192571; the last two after the 5 s timeout.
    expect(incident.answerDelay).toEqual({
      answers: 3,
      minMilliseconds: 3905.993,
      meanMilliseconds: 21825.981,
      maxMilliseconds: 43741.555,
      afterTimeout: 2,
    });
    const ids = incident.causes.map((cause) => cause.id);
    expect(ids[0]).toBe('service-not-listening');
    expect(ids).toContain('firewall-blocking');
    const firewall = incident.causes.find((cause) => cause.id === 'firewall-blocking')!;
    expect(firewall.evidenceFor.length + firewall.evidenceAgainst.length).toBeGreaterThan(0);
    const confidences = incident.causes.map((cause) => cause.confidence);
    expect(confidences).toEqual([...confidences].sort((a, b) => b - a));
    expect(incident.evidence.map((entry) => entry.frame)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(incident.evidence[0]).toEqual({
      frame: 1,
      time: '2026-11-25T13:24:32.192571Z',
      line: '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)',
    });
    expect(incident.evidence[1]!.line).toBe(
      '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254',
    );
    expect(incident.summary).toContain('203.0.113.2');
  });

  it('streams events and outcome updates: each query ends as icmp-failed, settled by its error', () => {
    const { packets } = seedPackets();
    const analyzer = new Analyzer({ events: true });
    for (const packet of packets) analyzer.add(packet);
    const { events, updates } = analyzer.drain();
    expect(
      events.map((event) => [event.frame, event.kind, event.server, event.serverPort, event.transport]),
    ).toEqual([
      [1, 'dns-query', '203.0.113.2', 53, 'UDP'],
      [2, 'icmp-error', '203.0.113.2', 53, 'UDP'],
      [3, 'dns-query', '203.0.113.2', 53, 'UDP'],
      [4, 'icmp-error', '203.0.113.2', 53, 'UDP'],
      [5, 'dns-query', '203.0.113.2', 53, 'UDP'],
      [6, 'icmp-error', '203.0.113.2', 53, 'UDP'],
    ]);
    expect(events[0]).toMatchObject({
      name: 'yummyrecipesforme.com',
      queryType: 'A',
      dnsId: 35084,
      outcome: 'pending',
    });
    expect(events[1]).toMatchObject({
      icmpKind: 'port-unreachable',
      icmpType: 3,
      icmpCode: 3,
      queryFrame: 1,
    });
    // The last outcome per query frame: the late errors re-settle the timed-out queries.
    const last = new Map(updates.map((update) => [update.frame, update]));
    expect([...last.values()].sort((a, b) => a.frame - b.frame)).toEqual([
      { frame: 1, outcome: 'icmp-failed', settledBy: 2 },
      { frame: 3, outcome: 'icmp-failed', settledBy: 4 },
      { frame: 5, outcome: 'icmp-failed', settledBy: 6 },
    ]);
    expect(analyzer.drain()).toEqual({ events: [], updates: [] });
  });
});
