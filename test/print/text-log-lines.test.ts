import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TcpdumpTextReader } from '../../electron/common/capture/tcpdump-text-reader';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { PacketPrinter } from '../../electron/common/print/packet-printer';
import { corpusRoot } from './support/corpus';
import { printCapture } from './support/print-capture';

// Packets read back from a tcpdump text log have only the text's fields; the printer writes
// them in the same `-n` form as captured ones (".domain" becomes ".53", "unreachable length"
// gets its comma).

function printText(text: string): string[] {
  const printer = new PacketPrinter({});
  const lines: string[] = [];
  const reader = new TcpdumpTextReader({
    date: '2023-03-14',
    onPacket: (packet: DecodedPacket) => lines.push(printer.format(packet)),
  });
  reader.push(new TextEncoder().encode(text));
  reader.end();
  return lines;
}

describe('packets from tcpdump text logs', () => {
  it("prints the scenario's log in the -n form", async () => {
    const lines = await printCapture(path.resolve(corpusRoot, '../scenario/seed-tcpdump-log.txt'), {});
    expect(lines.slice(0, 2)).toEqual([
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)',
      '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254',
    ]);
    expect(lines.filter((line) => line.includes('udp port 53 unreachable'))).toHaveLength(3);
  });

  it('keeps what the text carries of responses, ICMPv6 errors and TCP', () => {
    const lines = printText(
      [
        '13:24:37.000001 IP 203.0.113.2.domain > 192.51.100.15.52444: 35084*- 1/0/0 A 192.0.2.1 (55)',
        '13:24:38.000001 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084 NXDomain 0/1/0 (100)',
        '13:24:41.000001 IP6 2001:db8::2 > 2001:db8::15: ICMP6, destination unreachable, unreachable port, 2001:db8::2 udp port 53, length 56',
        '13:24:43.000001 IP 192.51.100.15.40001 > 203.0.113.2.53: Flags [S], seq 1000, win 65535, length 0',
        '',
      ].join('\n'),
    );
    expect(lines).toEqual([
      '13:24:37.000001 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084*- 1/0/0 A 192.0.2.1 (55)',
      '13:24:38.000001 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084 NXDomain 0/1/0 (100)',
      '13:24:41.000001 IP6 2001:db8::2 > 2001:db8::15: ICMP6, destination unreachable, unreachable port, 2001:db8::2 udp port 53, length 56',
      '13:24:43.000001 IP 192.51.100.15.40001 > 203.0.113.2.53: Flags [S], seq 1000, win 65535, length 0',
    ]);
  });
});
