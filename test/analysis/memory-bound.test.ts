// A million distinct query names must not grow the analyzer's tables without bound: settled
// queries are folded into counters and dropped, open ones are capped. The assertions count
// table entries (no timing, no heap measurement).
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import type { DnsLayer, Ipv4Layer, UdpLayer } from '../../electron/common/model/layers';
import type { DecodedPacket } from '../../electron/common/model/packet';

const empty = new Uint8Array(0);
const base = Date.UTC(2026, 10, 25, 13, 0, 0) / 1000;

/**
 * A DNS packet as the text importer builds them (no bytes, layers only): the fastest way to
 * feed a million distinct names through the real add() path.
 */
function dnsPacket(
  number: number,
  microseconds: number,
  client: string,
  clientPort: number,
  server: string,
  id: number,
  name: string,
  response: boolean,
  rcode: number,
): DecodedPacket {
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
    source: response ? server : client,
    destination: response ? client : server,
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
    id,
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
    questions: [{ name, type: 1, class: 1 }],
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
      originalLength: 60,
      linkType: 101,
      interfaceIndex: 0,
      data: empty,
    },
    layers: [ip, udp, dns],
    origin: { kind: 'tcpdump-text', line: number, text: '' },
  };
}

const million = 1_000_000;

/** Smaller caps than the defaults, so the test proves the bounds without holding 200 000 queries. */
const limits = { openQueries: 20_000, recentQueries: 5_000, nxdomainNames: 10_000 };

describe('bounded memory with a million distinct names', () => {
  it('unanswered queries faster than any timeout: the open table stays at its cap, the rest is evicted and counted', () => {
    const analyzer = new Analyzer({ limits });
    let largest = { open: 0, recent: 0, clientLists: 0 };
    for (let index = 0; index < million; index++) {
      // All within two seconds: none times out, so only the cap can bound the table.
      analyzer.add(
        dnsPacket(
          index + 1,
          index * 2,
          `192.0.2.${index % 200}`,
          10000 + (index % 50000),
          '198.51.100.53',
          index & 0xffff,
          `n${index}.random.example`,
          false,
          0,
        ),
      );
      if ((index & 0x3fff) === 0) {
        const sizes = analyzer.tableSizes();
        largest = {
          open: Math.max(largest.open, sizes.open!),
          recent: Math.max(largest.recent, sizes.recent!),
          clientLists: Math.max(largest.clientLists, sizes.clientLists!),
        };
      }
    }
    const sizes = analyzer.tableSizes();
    expect(largest.open).toBeLessThanOrEqual(limits.openQueries);
    expect(largest.recent).toBeLessThanOrEqual(limits.recentQueries);
    expect(largest.clientLists).toBeLessThanOrEqual(200);
    expect(sizes).toMatchObject({
      open: limits.openQueries,
      evicted: million - limits.openQueries,
      services: 1,
      hosts: 201, // the server and its 200 clients (senders are counted up to limits.hosts)

      clients: 200,
      nxdomainNames: 0,
    });
    expect(sizes.recentKeys).toBeLessThanOrEqual(limits.recentQueries);
    const analysis = analyzer.result({ files: [] });
    expect(analysis.dns).toMatchObject({
      queries: million,
      pending: limits.openQueries,
      unanswered: million - limits.openQueries,
    });
    expect(analysis.capture.warnings.join(' ')).toContain('counted as unanswered before their timeout');
    // The incident's lists are capped too; its counts stay exact.
    const timeout = analysis.incidents.find((incident) => incident.kind === 'dns-timeout')!;
    expect(timeout.queries).toBe(million - limits.openQueries);
    expect(timeout.names.length).toBeLessThanOrEqual(analyzer.options.limits.namesPerIncident);
    expect(timeout.clients.length).toBeLessThanOrEqual(analyzer.options.limits.clientsPerIncident);
    expect(timeout.evidence.length).toBeLessThanOrEqual(analyzer.options.evidenceLimit);
  });

  it('answered, NXDOMAIN and unanswered queries over time: settled ones leave, every table stays capped', () => {
    const analyzer = new Analyzer({ limits });
    let largestOpen = 0;
    let number = 0;
    // 400 000 distinct names (1.1 million packets) suffice here: the bound is per table, not per total.
    const names = 400_000;
    for (let index = 0; index < names; index++) {
      const client = `192.0.2.${index % 100}`;
      const port = 10000 + (index % 50000);
      const name = `w${index}.victim.example`;
      const at = index * 100; // 10 000 queries per second: timeouts fire as the capture goes on
      analyzer.add(dnsPacket(++number, at, client, port, '198.51.100.53', index & 0xffff, name, false, 0));
      const kind = index % 4;
      if (kind !== 3)
        analyzer.add(
          dnsPacket(
            ++number,
            at + 50,
            client,
            port,
            '198.51.100.53',
            index & 0xffff,
            name,
            true,
            kind === 0 ? 0 : 3,
          ),
        );
      if ((index & 0x3fff) === 0) largestOpen = Math.max(largestOpen, analyzer.tableSizes().open!);
    }
    const sizes = analyzer.tableSizes();
    expect(largestOpen).toBeLessThanOrEqual(limits.openQueries);
    expect(sizes.recent).toBeLessThanOrEqual(limits.recentQueries);
    expect(sizes.nxdomainNames).toBe(limits.nxdomainNames);
    const analysis = analyzer.result({ files: [] });
    expect(analysis.dns).toMatchObject({
      queries: names,
      responses: 300_000,
      rcodes: { NOERROR: 100_000, NXDOMAIN: 200_000 },
    });
    expect(analysis.dns.unanswered + analysis.dns.pending).toBe(100_000);
    expect(analysis.capture.warnings.join(' ')).toContain(
      'NXDOMAIN answers were counted but their names not tracked',
    );
  });
});
