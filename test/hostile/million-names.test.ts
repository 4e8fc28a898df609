// A million distinct query names through the Analyzer with its default caps: every table stays
// under its cap while the names pour in, and each incident's lists are capped with what was cut
// counted (evidenceOmitted). Counts of table entries, no timing.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import type { DnsLayer, Ipv4Layer, UdpLayer } from '../../electron/common/model/layers';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { recordFigure } from './support/figures';

const empty = new Uint8Array(0);
const base = Date.UTC(2026, 10, 25, 13, 0, 0) / 1000;

/** A UDP DNS packet built as layers (as the tcpdump-text importer does): client 192.0.2.x, server 198.51.100.53. */
function dnsPacket(
  number: number,
  microseconds: number,
  index: number,
  response: boolean,
  rcode: number,
): DecodedPacket {
  const client = `192.0.2.${index % 250}`;
  const clientPort = 10000 + (index % 50000); // clear of mDNS 5353 and LLMNR 5355, which the Analyzer skips by design
  const ip: Ipv4Layer = {
    kind: 'ipv4',
    headerLength: 20,
    tos: 0,
    totalLength: 0,
    identification: 0,
    dontFragment: false,
    moreFragments: false,
    fragmentOffset: 0,
    ttl: 64,
    protocol: 17,
    checksum: 0,
    source: response ? '198.51.100.53' : client,
    destination: response ? client : '198.51.100.53',
    options: empty,
  };
  const udp: UdpLayer = {
    kind: 'udp',
    sourcePort: response ? 53 : clientPort,
    destinationPort: response ? clientPort : 53,
    length: 0,
    checksum: 0,
  };
  const dns: DnsLayer = {
    kind: 'dns',
    transport: 'udp',
    id: index & 0xffff,
    flags: 0,
    response,
    opcode: 0,
    authoritative: false,
    truncatedResponse: false,
    recursionDesired: true,
    recursionAvailable: response,
    authenticData: false,
    checkingDisabled: false,
    rcode,
    questionCount: 1,
    answerCount: 0,
    authorityCount: 0,
    additionalCount: 0,
    questions: [{ name: `q${index}.hostile.example`, type: 1, class: 1 }],
    answers: [],
    authorities: [],
    additionals: [],
    length: 40,
  };
  const seconds = Math.floor(microseconds / 1_000_000);
  return {
    frame: {
      number,
      seconds: base + seconds,
      nanoseconds: (microseconds - seconds * 1_000_000) * 1000,
      capturedLength: 0,
      originalLength: 80,
      linkType: 101,
      interfaceIndex: 0,
      data: empty,
    },
    layers: [ip, udp, dns],
    origin: { kind: 'tcpdump-text', line: number, text: '' },
  };
}

const million = 1_000_000;

describe('a million distinct query names', () => {
  it('keeps every table under its cap and caps each incident list, counting what was cut', () => {
    const analyzer = new Analyzer();
    const limits = analyzer.options.limits;
    const largest: Record<string, number> = {};
    let number = 0;
    for (let index = 0; index < million; index++) {
      const at = index * 20; // 50 000 queries a second, over 20 s: timeouts fire as it goes
      analyzer.add(dnsPacket(++number, at, index, false, 0));
      // Half are answered NXDOMAIN; the rest never are.
      if (index % 2 === 0) analyzer.add(dnsPacket(++number, at + 10, index, true, 3));
      if ((index & 0x1fff) === 0)
        for (const [table, size] of Object.entries(analyzer.tableSizes()))
          largest[table] = Math.max(largest[table] ?? 0, size);
    }
    expect(largest.open).toBeLessThanOrEqual(limits.openQueries);
    expect(largest.recent).toBeLessThanOrEqual(limits.recentQueries);
    expect(largest.nxdomainNames).toBeLessThanOrEqual(limits.nxdomainNames);
    expect(largest.clients).toBeLessThanOrEqual(250);
    const analysis = analyzer.result({ files: [] });
    expect(analysis.dns.queries).toBe(million);
    expect(analysis.dns.rcodes.NXDOMAIN).toBe(million / 2);
    expect(analysis.incidents.length).toBeGreaterThan(0);
    let omitted = 0;
    for (const incident of analysis.incidents) {
      expect(incident.names.length).toBeLessThanOrEqual(limits.namesPerIncident);
      expect(incident.clients.length).toBeLessThanOrEqual(limits.clientsPerIncident);
      expect(incident.evidence.length).toBeLessThanOrEqual(analyzer.options.evidenceLimit);
      omitted += incident.evidenceOmitted ?? 0;
    }
    // Each incident cut far more evidence than it kept, and says so.
    expect(omitted).toBeGreaterThan(million / 4);
    recordFigure('million-names', {
      order: 6,
      item: 'A million distinct DNS query names (half NXDOMAIN, half unanswered) through the Analyzer with its default caps',
      tried: `${number} packets; table sizes sampled every 8192 names; largest seen: open ${largest.open}, recent ${largest.recent}, nxdomainNames ${largest.nxdomainNames}, clients ${largest.clients}`,
      inputs: million,
      held: `every table under its cap (open ${limits.openQueries}, recent ${limits.recentQueries}, nxdomainNames ${limits.nxdomainNames}); ${analysis.incidents.length} incident(s) with names <= ${limits.namesPerIncident}, clients <= ${limits.clientsPerIncident}, evidence <= ${analyzer.options.evidenceLimit}; ${omitted} evidence lines cut and counted in evidenceOmitted`,
      command: 'npx vitest run test/hostile/million-names.test.ts',
    });
  }, 300_000);
});
