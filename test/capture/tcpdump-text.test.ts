import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectCaptureFormat } from '../../electron/common/capture/detect-format';
import { parseTcpdumpLine } from '../../electron/common/capture/tcpdump-text';
import { TcpdumpTextReader } from '../../electron/common/capture/tcpdump-text-reader';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { repoRoot } from './fixtures/corpus';
import { summarize } from './fixtures/summarize';

const scenarioLog = readFileSync(join(repoRoot, '../shared/scenario/seed-tcpdump-log.txt'));

function read(text: string | Uint8Array, options: { date?: string; firstFrameNumber?: number } = {}) {
  const packets: DecodedPacket[] = [];
  const reader = new TcpdumpTextReader({ ...options, onPacket: (packet) => packets.push(packet) });
  reader.push(typeof text === 'string' ? new TextEncoder().encode(text) : text);
  return { packets, summary: reader.end() };
}

function line(text: string): string {
  const result = parseTcpdumpLine(text);
  if ('error' in result) throw new Error(result.error);
  return summarize(result.packet);
}

const query =
  'ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53 / dns query id 35084 rd q 1 yummyrecipesforme.com';
const unreachable =
  'ipv4 203.0.113.2 > 192.51.100.15 proto 1 / icmp 3/3 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 0 > 53';

describe('tcpdump text import: the scenario log', () => {
  it('reads all six packets with what the text carries', () => {
    const { packets, summary } = read(scenarioLog, { date: '2026-11-25' });
    expect(packets.map(summarize)).toEqual([
      `${query} (24)`,
      unreachable,
      `${query} (24)`,
      unreachable,
      `${query} (24)`,
      unreachable,
    ]);
    expect(summary).toMatchObject({ packets: 6, unreadable: 0, lines: 6, warnings: [] });
  });

  it('dates the packets, numbers them, and keeps the line they came from', () => {
    const { packets } = read(scenarioLog, { date: '2026-11-25', firstFrameNumber: 10 });
    const second = packets[1]!;
    // 2026-11-25T13:24:36.098564Z
    expect(second.frame).toMatchObject({
      number: 11,
      seconds: Date.UTC(2026, 10, 25, 13, 24, 36) / 1000,
      nanoseconds: 98_564_000,
      capturedLength: 0,
      // 20-byte IPv4 header plus the ICMP message's 254 bytes.
      originalLength: 274,
      linkType: 101,
      interfaceIndex: 0,
    });
    expect(second.frame.data).toHaveLength(0);
    expect(second.origin).toEqual({
      kind: 'tcpdump-text',
      line: 2,
      text: '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable length 254',
    });
  });

  it('dates an undated log 1970-01-01 and says so when no date is given', () => {
    const { packets, summary } = read(scenarioLog);
    expect(packets[0]!.frame.seconds).toBe(13 * 3600 + 24 * 60 + 32);
    expect(summary.warnings).toEqual([
      "the log's time stamps have no date and none was given (--date YYYY-MM-DD): 6 packet(s) dated 1970-01-01",
    ]);
  });

  it('refuses a malformed date option', () => {
    expect(() => read(scenarioLog, { date: '2026-13-01' })).toThrow(
      'not a date: "2026-13-01" (expected YYYY-MM-DD)',
    );
    expect(() => read(scenarioLog, { date: '25/11/2026' })).toThrow(RangeError);
  });
});

describe('tcpdump text import: the forms tcpdump prints', () => {
  const cases: [string, string, string][] = [
    [
      '-n',
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      'without -n',
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-tttt date',
      '2026-11-25 13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-# and -tttt',
      '    1  2026-11-25 13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-tt --nano',
      '1795613072.192571000 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-e',
      '13:24:32.192571 66:77:88:99:aa:bb > 00:11:22:33:44:55, ethertype IPv4 (0x0800), length 81: 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-e on raw IP',
      '13:24:32.192571 ip: 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-i any',
      '13:24:32.192571 eth0  Out IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      '-vv checksum verdict',
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: [udp sum ok] 35084+ A? yummyrecipesforme.com. (39)',
      `${query} (39)`,
    ],
    [
      'comma before length',
      '13:24:35.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75',
      unreachable,
    ],
    [
      'no comma before length',
      '13:24:35.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable length 75',
      unreachable,
    ],
    [
      'port name in the ICMP message',
      '13:24:35.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port domain unreachable, length 75',
      unreachable,
    ],
    [
      'IPv6 query',
      '13:24:40.000000 IP6 2001:db8::15.40000 > 2001:db8::53.53: 4660+ AAAA? example.com. (29)',
      'ipv6 2001:db8::15 > 2001:db8::53 proto 17 / udp 40000 > 53 / dns query id 4660 rd q 28 example.com (29)',
    ],
    [
      'ICMPv6 port unreachable',
      '13:24:41.500000 IP6 2001:db8::53 > 2001:db8::15: ICMP6, destination unreachable, unreachable port, 2001:db8::53 udp port 53, length 85',
      'ipv6 2001:db8::53 > 2001:db8::15 proto 58 / icmpv6 1/4 | quoted ipv6 2001:db8::15 > 2001:db8::53 proto 17 / udp 0 > 53',
    ],
    [
      'ICMPv6 administratively prohibited (tcpdump prints two spaces)',
      '13:24:51.192590 IP6 2001:db8::1 > 2001:db8::15: ICMP6, destination unreachable,  unreachable prohibited 2001:db8::53, length 85',
      'ipv6 2001:db8::1 > 2001:db8::15 proto 58 / icmpv6 1/1 | quoted ipv6 2001:db8::15 > 2001:db8::53 proto 0',
    ],
    [
      'ICMPv6 address unreachable',
      '13:24:52.192591 IP6 2001:db8::1 > 2001:db8::15: ICMP6, destination unreachable, unreachable address 2001:db8::53, length 85',
      'ipv6 2001:db8::1 > 2001:db8::15 proto 58 / icmpv6 1/3 | quoted ipv6 2001:db8::15 > 2001:db8::53 proto 0',
    ],
    [
      'ICMPv6 packet too big',
      '13:24:54.192593 IP6 2001:db8::1 > 2001:db8::15: ICMP6, packet too big, mtu 1280, length 85',
      'ipv6 2001:db8::1 > 2001:db8::15 proto 58 / icmpv6 2/0 mtu 1280',
    ],
    [
      'ICMPv6 time exceeded',
      '13:24:55.192594 IP6 2001:db8::1 > 2001:db8::15: ICMP6, time exceeded in-transit for 2001:db8::53, length 85',
      'ipv6 2001:db8::1 > 2001:db8::15 proto 58 / icmpv6 3/0 | quoted ipv6 2001:db8::15 > 2001:db8::53 proto 0',
    ],
    [
      'host unreachable',
      '13:24:39.192578 IP 198.51.100.1 > 192.51.100.15: ICMP host 203.0.113.2 unreachable, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/1 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'net unreachable',
      '13:24:40.192579 IP 198.51.100.1 > 192.51.100.15: ICMP net 203.0.113.2 unreachable, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/0 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'net admin prohibited',
      '13:24:41.192580 IP 198.51.100.1 > 192.51.100.15: ICMP net 203.0.113.2 unreachable - admin prohibited, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/9 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'host admin prohibited',
      '13:24:42.192581 IP 198.51.100.1 > 192.51.100.15: ICMP host 203.0.113.2 unreachable - admin prohibited, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/10 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'admin prohibited filter',
      '13:24:43.192582 IP 198.51.100.1 > 192.51.100.15: ICMP host 203.0.113.2 unreachable - admin prohibited filter, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/13 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'need to frag',
      '13:24:44.192583 IP 198.51.100.1 > 192.51.100.15: ICMP 203.0.113.2 unreachable - need to frag (mtu 1400), length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/4 mtu 1400 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'protocol unreachable',
      '13:24:45.192584 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 protocol 17 unreachable, length 36',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 1 / icmp 3/2 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 17',
    ],
    [
      'tcp port unreachable, by name',
      '13:25:01.192600 IP 198.51.100.1 > 192.51.100.15: ICMP 203.0.113.2 tcp port https unreachable, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 3/3 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 6 / tcp 0 > 443',
    ],
    [
      'time exceeded',
      '13:24:46.192585 IP 198.51.100.1 > 192.51.100.15: ICMP time exceeded in-transit, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 11/0',
    ],
    [
      'echo request',
      '13:24:47.192586 IP 192.51.100.15 > 203.0.113.2: ICMP echo request, id 7, seq 1, length 16',
      'ipv4 192.51.100.15 > 203.0.113.2 proto 1 / icmp 8/0 id 7 seq 1',
    ],
    [
      'redirect',
      '13:25:03.000031 IP 198.51.100.1 > 192.51.100.15: ICMP redirect 203.0.113.2 to host 198.51.100.254, length 36',
      'ipv4 198.51.100.1 > 192.51.100.15 proto 1 / icmp 5/1 gateway 198.51.100.254 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 0',
    ],
    [
      'NXDomain, authoritative',
      '13:24:34.192573 IP 203.0.113.2.53 > 192.51.100.15.52444: 35084 NXDomain* 0/0/0 (39)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35084 rcode 3 aa,ra 0/0/0 (39)',
    ],
    [
      'ServFail',
      '13:24:35.192574 IP 203.0.113.2.53 > 192.51.100.15.52444: 35085 ServFail 0/0/0 (39)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35085 rcode 2 ra 0/0/0 (39)',
    ],
    [
      'Refused, recursion not available',
      '13:24:36.192575 IP 203.0.113.2.53 > 192.51.100.15.52444: 35086 Refused- 0/0/0 (39)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35086 rcode 5 0/0/0 (39)',
    ],
    [
      'truncated response',
      '13:24:38.192577 IP 203.0.113.2.53 > 192.51.100.15.52444: 35088| 0/0/0 (29)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35088 rcode 0 tc,ra 0/0/0 (29)',
    ],
    [
      'answers',
      '13:24:37.192576 IP 203.0.113.2.53 > 192.51.100.15.52444: 35087* 2/0/0 CNAME example.com., A 93.184.216.34 (100)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35087 rcode 0 aa,ra 2/0/0 an 5=example.com,1=93.184.216.34 (100)',
    ],
    [
      '-vv question and owner names, -vvv TTLs',
      '13:24:37.192576 IP 203.0.113.2.53 > 192.51.100.15.52444: [no cksum] 35087* q: A? www.example.com. 2/0/0 www.example.com. [5m] CNAME example.com., example.com. [5m] A 93.184.216.34 (100)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35087 rcode 0 aa,ra q 1 www.example.com 2/0/0 an 5=example.com,1=93.184.216.34 (100)',
    ],
    [
      "the brief's response example",
      '13:24:37.000000 IP 203.0.113.2.53 > 192.51.100.15.52444: 35087 q: A? example.com. 1/0/0 A 1.2.3.4 (45)',
      'ipv4 203.0.113.2 > 192.51.100.15 proto 17 / udp 53 > 52444 / dns response id 35087 rcode 0 ra q 1 example.com 1/0/0 an 1=1.2.3.4 (45)',
    ],
    [
      'DNS over TCP',
      '13:24:56.192595 IP 192.51.100.15.41000 > 203.0.113.2.53: Flags [P.], seq 1:32, ack 1, win 64240, length 31 4661+ MX? example.com. (29)',
      'ipv4 192.51.100.15 > 203.0.113.2 proto 6 / tcp 41000 > 53 / dns query id 4661 rd q 15 example.com (29)',
    ],
    [
      '-q',
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: UDP, length 39',
      'ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53',
    ],
    [
      'another UDP application',
      '13:24:59.192598 IP 192.51.100.15.52446 > 203.0.113.2.ntp: NTPv4, Client, length 48',
      'ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52446 > 123',
    ],
    [
      'TCP SYN, by service name',
      '13:25:00.192599 IP 192.51.100.15.41001 > 203.0.113.2.https: Flags [S], seq 1000, win 64240, length 0',
      'ipv4 192.51.100.15 > 203.0.113.2 proto 6 / tcp 41001 > 443',
    ],
    [
      'EDNS and a class other than IN',
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 1234+ [1au] TXT CHAOS? version.bind. (41)',
      'ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53 / dns query id 1234 rd q 16 version.bind (41)',
    ],
    [
      'opcode and an extended rcode',
      '01:26:02.083636 IP 192.5.5.241.53 > 172.30.42.67.64888: 36787 notify BadVers- 0/0/1 (28)',
      'ipv4 192.5.5.241 > 172.30.42.67 proto 17 / udp 53 > 64888 / dns response id 36787 opcode 4 rcode 16 0/0/1 (28)',
    ],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(line(text)).toBe(expected));
  }

  it('keeps the DNS fields in the flags word and counts', () => {
    const result = parseTcpdumpLine(
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ [1au] A? example.com. (40)',
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.packet.layers[2]).toMatchObject({
      kind: 'dns',
      transport: 'udp',
      flags: 0x0100,
      questionCount: 1,
      additionalCount: 1,
      questions: [{ name: 'example.com', type: 1, class: 1 }],
      length: 40,
    });
    expect(result.packet.layers[1]).toMatchObject({ kind: 'udp', length: 48 });
  });

  it('reads EDNS from a -vv additional section', () => {
    const result = parseTcpdumpLine(
      '09:37:33.129402 IP 192.168.1.11.43966 > 209.87.249.18.53: [udp sum ok] 22836+ [1au] A? www.tcpdump.org. ar: . OPT UDPsize=4096 DO (56)',
    );
    if ('error' in result) throw new Error(result.error);
    expect(result.packet.layers[2]).toMatchObject({
      edns: { udpPayloadSize: 4096, dnssecOk: true },
      additionals: [{ name: '', type: 41, class: 4096 }],
    });
  });

  it('reads a -v packet with the datagram its ICMP error quotes, source port included', () => {
    const { packets, summary } = read(
      [
        '13:24:35.098564 IP (tos 0x0, ttl 64, id 23850, offset 0, flags [none], proto ICMP (1), length 95)',
        '    203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75',
        '\tIP (tos 0x0, ttl 64, id 7238, offset 0, flags [DF], proto UDP (17), length 67)',
        '    192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
        '13:24:40.000000 IP6 (hlim 64, next-header UDP (17) payload length: 37) 2001:db8::15.40000 > 2001:db8::53.53: [udp sum ok] 4660+ AAAA? example.com. (29)',
      ].join('\n'),
    );
    expect(summary.unreadable).toBe(0);
    expect(packets.map(summarize)).toEqual([
      'ipv4 203.0.113.2 > 192.51.100.15 proto 1 / icmp 3/3 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53 / dns query id 35084 rd q 1 yummyrecipesforme.com (39)',
      'ipv6 2001:db8::15 > 2001:db8::53 proto 17 / udp 40000 > 53 / dns query id 4660 rd q 28 example.com (29)',
    ]);
    expect(packets[0]!.layers[0]).toMatchObject({
      ttl: 64,
      identification: 23850,
      totalLength: 95,
      dontFragment: false,
    });
    expect(packets[0]!.quoted![0]).toMatchObject({
      ttl: 64,
      identification: 7238,
      totalLength: 67,
      dontFragment: true,
    });
    expect(packets[0]!.origin!.line).toBe(1);
    expect(packets[1]!.origin!.line).toBe(5);
    expect(packets[1]!.layers[0]).toMatchObject({ hopLimit: 64, payloadLength: 37 });
  });

  it('marks a quoted DNS message that tcpdump cut short, without marking the packet itself', () => {
    const { packets } = read(
      [
        '13:24:33.192572 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto ICMP (1), length 86)',
        '    203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 66',
        '\tIP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 67)',
        '    192.51.100.15.52444 > 203.0.113.2.53: 35084+ [|domain]',
      ].join('\n'),
    );
    expect(summarize(packets[0]!)).toBe(
      'ipv4 203.0.113.2 > 192.51.100.15 proto 1 / icmp 3/3 | quoted ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 53 / dns query id 35084 rd cut',
    );
    expect(packets[0]!.truncated).toBeUndefined();
  });
});

describe('tcpdump text import: what cannot be read', () => {
  it('counts and reports every unreadable line with its number, keeping the others', () => {
    const { packets, summary } = read(
      [
        'reading from file capture.pcap, link-type EN10MB (Ethernet), snapshot length 262144',
        '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)',
        '13:24:33.000000 ARP, Request who-has 192.51.100.1 tell 192.51.100.15, length 28',
        'this line is not tcpdump output',
        '',
        '13:24:34.000000 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ WHAT? x. (39)',
        '13:24:35.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75',
        '3 packets captured',
      ].join('\r\n'),
    );
    expect(packets.map((packet) => packet.origin!.line)).toEqual([2, 7]);
    expect(packets.map((packet) => packet.frame.number)).toEqual([1, 2]);
    expect(summary.unreadable).toBe(3);
    expect(summary.bannerLines).toBe(2);
    expect(summary.unreadableLines).toEqual([
      {
        line: 3,
        text: '13:24:33.000000 ARP, Request who-has 192.51.100.1 tell 192.51.100.15, length 28',
        reason: 'not an IP packet (ARP)',
      },
      {
        line: 4,
        text: 'this line is not tcpdump output',
        reason: 'not a tcpdump packet line: it does not start with a time stamp',
      },
      {
        line: 6,
        text: '13:24:34.000000 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ WHAT? x. (39)',
        reason: 'unknown DNS type "WHAT"',
      },
    ]);
    expect(summary.warnings).toContain(
      'line 3: cannot read (not an IP packet (ARP)): 13:24:33.000000 ARP, Request who-has 192.51.100.1 tell 192.51.100.15, length 28',
    );
  });

  it('reports at most 20 unreadable lines in the warnings, and how many more', () => {
    const { summary } = read(Array.from({ length: 25 }, (_, index) => `garbage ${index}`).join('\n'));
    expect(summary.unreadable).toBe(25);
    expect(summary.warnings.filter((warning) => warning.startsWith('line '))).toHaveLength(20);
    expect(summary.warnings).toContain('... and 5 more unreadable line(s)');
  });

  it('reads an undated log across midnight as the next day', () => {
    const { packets, summary } = read(
      [
        '23:59:59.900000 IP 192.51.100.15.52444 > 203.0.113.2.53: 1+ A? a.example. (27)',
        '00:00:00.100000 IP 192.51.100.15.52444 > 203.0.113.2.53: 2+ A? b.example. (27)',
      ].join('\n'),
      { date: '2026-11-25' },
    );
    expect(packets[1]!.frame.seconds - packets[0]!.frame.seconds).toBe(1);
    expect(summary.warnings).toEqual([
      'line 2: the time of day went back from 23:59:59 to 00:00:00; read as the next day',
    ]);
  });

  it('notes an unknown service name rather than dropping the packet', () => {
    const { packets, summary } = read(
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.nosuchservice: UDP, length 4',
      {
        date: '2026-11-25',
      },
    );
    expect(summarize(packets[0]!)).toBe('ipv4 192.51.100.15 > 203.0.113.2 proto 17 / udp 52444 > 0');
    expect(summary.warnings).toEqual([
      'line 1: unknown service name "nosuchservice" in "203.0.113.2.nosuchservice": port read as 0',
    ]);
  });

  it('gives the same packets whatever the chunk boundaries, even inside a UTF-8 character', () => {
    const text = new TextEncoder().encode(
      `${scenarioLog.toString()}13:30:00.000000 IP 192.51.100.15.1 > 203.0.113.2.53: 7+ A? café.example. (30)\n`,
    );
    const whole = read(text).packets.map(summarize);
    const packets: DecodedPacket[] = [];
    const reader = new TcpdumpTextReader({ onPacket: (packet) => packets.push(packet) });
    for (const byte of text) reader.push(Uint8Array.of(byte));
    reader.end();
    expect(packets.map(summarize)).toEqual(whole);
    expect(whole[6]).toContain('q 1 café.example');
  });
});

describe('tcpdump text import: the same capture printed different ways', () => {
  const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures/tcpdump-text', name));

  it('reads every line of the fixtures', () => {
    for (const name of [
      'sample-n.txt',
      'sample-names.txt',
      'sample-n-v.txt',
      'sample6-n.txt',
      'sample6-names.txt',
    ]) {
      const { summary } = read(fixture(name));
      expect(summary.unreadable, name).toBe(0);
    }
  });

  it('gives the same packets with and without -n', () => {
    expect(read(fixture('sample-names.txt')).packets.map(summarize)).toEqual(
      read(fixture('sample-n.txt')).packets.map(summarize),
    );
    expect(read(fixture('sample6-names.txt')).packets.map(summarize)).toEqual(
      read(fixture('sample6-n.txt')).packets.map(summarize),
    );
  });

  it('gives the same packets with -v, plus what -v adds', () => {
    const plain = read(fixture('sample-n.txt')).packets;
    const verbose = read(fixture('sample-n-v.txt')).packets;
    expect(verbose).toHaveLength(plain.length);
    let quotedPorts = 0;
    for (const [index, packet] of verbose.entries()) {
      expect(summarize({ layers: packet.layers })).toBe(summarize({ layers: plain[index]!.layers }));
      // -v prints a quoted IPv4 datagram whole: its source port is no longer unknown.
      const quotedUdp =
        packet.quoted?.[0]?.kind === 'ipv4' ? packet.quoted.find((layer) => layer.kind === 'udp') : undefined;
      if (quotedUdp?.kind === 'udp') {
        expect(quotedUdp.sourcePort).toBe(52444);
        quotedPorts++;
      }
    }
    expect(quotedPorts).toBe(9);
  });

  it('reads every ICMPv6 error kind tcpdump words', () => {
    const kinds = read(fixture('sample6-n.txt')).packets.map((packet) => {
      const icmp = packet.layers[1];
      return icmp && (icmp.kind === 'icmp' || icmp.kind === 'icmpv6')
        ? `${icmp.kind} ${icmp.type}/${icmp.code}`
        : '';
    });
    expect(kinds.slice(0, 16)).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((code) => `icmpv6 1/${code}`),
      'icmpv6 3/0',
      'icmpv6 3/1',
      'icmpv6 3/2',
      'icmpv6 4/0',
      'icmpv6 4/1',
      'icmpv6 4/2',
      'icmpv6 4/3',
    ]);
  });
});

describe('tcpdump text import: encodings', () => {
  it('reads a UTF-16 log with a byte-order mark, as PowerShell redirection writes it', () => {
    const utf8 = read(scenarioLog, { date: '2026-11-25' }).packets.map(summarize);
    const text = scenarioLog.toString('utf8');
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const big = Buffer.from(little);
    big.swap16();
    for (const bytes of [little, big]) {
      expect(detectCaptureFormat(bytes.subarray(0, 4096))).toEqual({ format: 'tcpdump-text' });
      const packets: DecodedPacket[] = [];
      const reader = new TcpdumpTextReader({
        date: '2026-11-25',
        onPacket: (packet) => packets.push(packet),
      });
      // One byte at a time: the byte-order mark and every character are cut in two.
      for (const byte of bytes) reader.push(Uint8Array.of(byte));
      expect(reader.end().unreadable).toBe(0);
      expect(packets.map(summarize)).toEqual(utf8);
    }
  });
});
