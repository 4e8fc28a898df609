import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import { TcpdumpTextReader } from '../../electron/common/capture/tcpdump-text-reader';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { scenarioRecords } from './fixtures/scenario-packets';
import { summarize } from './fixtures/summarize';

/**
 * The importer against the real thing: the scenario's packets written as a pcap, printed
 * by the installed tcpdump in the forms analysts paste, and read back. Always with -n:
 * without it tcpdump would look names up, and tests send nothing off the machine.
 */

const tcpdumpAvailable = spawnSync('tcpdump', ['--version']).status === 0;
if (!tcpdumpAvailable)
  console.log('tcpdump oracle skipped: tcpdump is not installed (npm run setup installs it)');

const expected = [
  'ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53 / dns query id 35084 rd q 1 yummyrecipesforme.com (39)',
  'ipv4 203.0.113.2 > 192.51.100.15 proto 1 / icmp 3/3 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 0 > 53',
  'ipv6 2001:db8::15 > 2001:db8::53 proto 17 / udp 40000 > 53 / dns query id 4660 rd q 28 example.com (29)',
  'ipv6 2001:db8::53 > 2001:db8::15 proto 58 / icmpv6 1/4 | quoted ipv6 2001:db8::15 > 2001:db8::53 proto 17 / udp 0 > 53',
];

describe.skipIf(!tcpdumpAvailable)('tcpdump text import against tcpdump itself', () => {
  let folder: string;
  let path: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'netmortem-oracle-'));
    path = join(folder, 'scenario.pcap');
    await writeFile(path, pcapFile({ linkType: 101 }, scenarioRecords));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  function imported(options: string[]): { packets: DecodedPacket[]; unreadable: number } {
    const text = execFileSync('tcpdump', [...options, '-r', path], {
      env: { ...process.env, TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const packets: DecodedPacket[] = [];
    const reader = new TcpdumpTextReader({ date: '2026-11-25', onPacket: (packet) => packets.push(packet) });
    reader.push(text);
    return { packets, unreadable: reader.end().unreadable };
  }

  for (const options of [
    ['-n'],
    ['-n', '-tttt'],
    ['-n', '-tt', '--nano'],
    ['-n', '-#'],
    ['-n', '-e'],
    ['-n', '-vv'],
  ]) {
    it(`reads tcpdump ${options.join(' ')}`, () => {
      const { packets, unreadable } = imported(options);
      expect(unreadable).toBe(0);
      const summaries = packets.map(summarize);
      if (options.includes('-vv')) {
        // -v prints the quoted IPv4 datagram whole: its source port and DNS id come back.
        expect(summaries[1]).toBe(
          'ipv4 203.0.113.2 > 192.51.100.15 proto 1 / icmp 3/3 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53 / dns query id 35084 rd q 1 yummyrecipesforme.com (39)',
        );
        expect([summaries[0], summaries[2], summaries[3]]).toEqual([expected[0], expected[2], expected[3]]);
      } else {
        expect(summaries).toEqual(expected);
      }
      // The times are the capture's, to the microsecond (and nanosecond with --nano).
      expect(packets.map((packet) => [packet.frame.seconds, packet.frame.nanoseconds])).toEqual(
        scenarioRecords.map((record) => [record.seconds, record.nanoseconds]),
      );
      // Lengths the text implies equal the packets' real lengths.
      expect(packets.map((packet) => packet.frame.originalLength)).toEqual(
        scenarioRecords.map((record) => record.data.length),
      );
    });
  }
});
