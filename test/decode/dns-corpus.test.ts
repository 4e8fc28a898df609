// DNS decoding of real captures from tcpdump's and Zeek's test suites, checked against what
// tcpdump 4.99.3 prints for them (the line above each check).
import { describe, expect, it } from 'vitest';
import { dissect } from '../../electron/common/decode/dissect';
import type { DecodedPacket } from '../../electron/common/model/packet';
import { findLayer } from '../../electron/common/model/packet';
import type { DnsLayer, DnsRecord } from '../../electron/common/model/layers';
import { corpusPath, readPcap } from './read-pcap';

function packets(path: string): DecodedPacket[] {
  return readPcap(corpusPath(path)).map(dissect);
}

function dnsOf(packet: DecodedPacket | undefined): DnsLayer {
  const layer = findLayer(packet?.layers, 'dns');
  if (!layer) throw new Error('no DNS layer');
  return layer;
}

const text = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);
const records = (layer: DnsLayer): DnsRecord[] => [
  ...layer.answers,
  ...layer.authorities,
  ...layer.additionals,
];

describe('DNS from the tcpdump corpus', () => {
  it('reads DNS over TCP (dns_tcp.pcap)', () => {
    const all = packets('tcpdump/dns_tcp.pcap');
    // 4  IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [P.], seq 1:59, ack 1, win 64240, length 58 17177+ [1au] A? www.tcpdump.org. (56)
    const query = dnsOf(all[3]);
    expect(query).toMatchObject({
      transport: 'tcp',
      id: 17177,
      recursionDesired: true,
      length: 56,
      additionalCount: 1,
      truncated: undefined,
    });
    expect(query.questions[0]).toMatchObject({ name: 'www.tcpdump.org', type: 1 });
    // 6  IP 209.87.249.18.53 > 192.168.1.11.33779: Flags [P.], seq 1:227, ..., length 226 17177*- 2/2/5 A 192.139.46.66, A 198.199.88.104 (224)
    const response = dnsOf(all[5]);
    expect(response).toMatchObject({
      response: true,
      authoritative: true,
      recursionAvailable: false,
      length: 224,
      answerCount: 2,
      authorityCount: 2,
      additionalCount: 5,
    });
    expect(response.answers.map((record) => record.data)).toEqual([
      { type: 'A', address: '192.139.46.66' },
      { type: 'A', address: '198.199.88.104' },
    ]);
    // Segments without data do not reach the DNS decoder.
    expect(all[0]!.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'ipv4', 'tcp']);
  });

  it('reads RRSIG, DS and DNSKEY (dnssec.pcap)', () => {
    const all = packets('tcpdump/dnssec.pcap').map(dnsOf);
    const types = new Set(all.flatMap((layer) => records(layer).map((record) => record.data?.type)));
    expect(types).toContain('RRSIG');
    const signature = all.flatMap(records).find((record) => record.data?.type === 'RRSIG');
    expect(signature?.data).toMatchObject({ type: 'RRSIG', signerName: expect.any(String) as string });
    expect(all.every((layer) => layer.truncated === undefined)).toBe(true);
  });

  it('reads EDNS options (edns-opts.pcap)', () => {
    const all = packets('tcpdump/edns-opts.pcap').map(dnsOf);
    // 3  47424+ [1au] A? example.com. ar: . OPT UDPsize=12345 DO (40)
    expect(all[2]!.edns).toMatchObject({ udpPayloadSize: 12345, dnssecOk: true, version: 0, options: [] });
    // 5  41739+ [1au] A? example.com. ar: . OPT UDPsize=4096 [ECS 192.0.2.0/24/0] (51)
    const ecs = all[4]!.edns?.options[0];
    expect(ecs?.code).toBe(8);
    expect([...(ecs?.data ?? [])]).toEqual([0, 1, 24, 0, 192, 0, 2]); // family 1, source /24, scope /0, 192.0.2
    // 12 30225*- ... ar: . OPT UDPsize=4096 [COOKIE a954d29208767b5c cf75f75b5db0bf0575c9f2d76c962883] (84)
    const cookie = all[11]!.edns?.options[0];
    expect(cookie?.code).toBe(10);
    expect(Buffer.from(cookie?.data ?? []).toString('hex')).toBe(
      'a954d29208767b5ccf75f75b5db0bf0575c9f2d76c962883',
    );
    expect(all.every((layer) => layer.truncated === undefined)).toBe(true);
  });

  it('merges extended rcodes (dns-badvers.pcap, dns-badcookie.pcap)', () => {
    // 36787 BadVers- 0/0/1 (28)
    expect(dnsOf(packets('tcpdump/dns-badvers.pcap')[1]).rcode).toBe(16);
    // 63147 BadCookie 0/0/1 (56)
    const badCookie = dnsOf(packets('tcpdump/dns-badcookie.pcap')[1]);
    expect(badCookie.rcode).toBe(23);
    expect(badCookie.edns?.extendedRcode).toBe(1);
    // 46131$ 1/0/1 SOA (131)
    expect(dnsOf(packets('tcpdump/dns-badcookie.pcap')[3]).answers[0]?.data).toMatchObject({ type: 'SOA' });
  });

  it('keeps URI records raw (dns-uri.pcap)', () => {
    // 44845* 1/0/1 URI 10 5 http://www.dns.test:8000 (83)
    const uri = dnsOf(packets('tcpdump/dns-uri.pcap')[1]).answers[0]!;
    expect(uri).toMatchObject({ type: 256, data: undefined, truncated: undefined });
    expect(text(uri.rdata.subarray(4))).toBe('http://www.dns.test:8000');
  });

  it('reports the forward pointer of dns_fwdptr.pcap, as tcpdump does (<BAD PTR>)', () => {
    // 51584 zoneRef NoChange*|$ [64259q] q: Type507 (Class 769)? M-{.^AM-{^C. ... .M-{^C^A.<BAD PTR> [|domain]
    const layer = dnsOf(packets('tcpdump/dns_fwdptr.pcap')[0]);
    expect(layer.opcode).toBe(15);
    expect(layer.questions[0]?.type).toBe(507);
    expect(layer.questions[0]?.class).toBe(769);
    expect(layer.truncated).toBe('dns: compression pointer at 46 to 15107 does not point backwards');
    expect(layer.questions[0]?.name.startsWith('\\251.\\001\\251\\003.')).toBe(true);
  });

  it('stops a name past 255 bytes in dns-badlabel.pcap (<DOMAIN NAME TOO LONG>)', () => {
    const layer = dnsOf(packets('tcpdump/dns-badlabel.pcap')[0]);
    expect(layer.questions[0]?.truncated).toBe('dns: name at 12 is longer than 255 bytes');
  });
});

describe('DNS from the Zeek corpus', () => {
  it('types CAA (dns-caa.pcap)', () => {
    // 13662 q: Type257? google.com. 1/0/0 google.com. Type257 (59)
    const caa = dnsOf(packets('zeek/Traces/dns-caa.pcap')[1]).answers[0]!;
    expect(caa.data).toMatchObject({ type: 'CAA', flags: 0, tag: 'issue' });
    expect(caa.data?.type === 'CAA' && text(caa.data.value)).toBe('symantec.com');
  });

  it('types HTTPS and SVCB (dns-https.pcap, dns-svcb.pcap, ech.pcap)', () => {
    // 62111 1/0/1 Type65 (134)
    const https = dnsOf(packets('zeek/Traces/dns-https.pcap')[1]).answers[0]!;
    expect(https.data).toMatchObject({ type: 'HTTPS', priority: 1, target: '' });
    expect(https.data?.type === 'HTTPS' && https.data.params.map((param) => param.key)).toEqual([1, 4, 6]); // alpn, ipv4hint, ipv6hint
    // 51556- 1/0/0 Type64 (71)
    const svcb = dnsOf(packets('zeek/Traces/dns-svcb.pcap')[1]).answers[0]!;
    expect(svcb.data?.type).toBe('SVCB');
    const ech = records(dnsOf(packets('zeek/Traces/dns/ech.pcap')[1])).find((record) => record.type === 65);
    expect(ech?.data?.type === 'HTTPS' && ech.data.params.some((param) => param.key === 5)).toBe(true); // ech
  });

  it('reports an SVCB rdata too short for its fields (dns-svcb-rdlength-mismatch.pcap)', () => {
    const layer = dnsOf(packets('zeek/Traces/dns-svcb-rdlength-mismatch.pcap')[0]);
    expect(layer.truncated).toBe('dns: SVCB rdata needs 3 bytes, 2 present');
  });

  it('reads several strings of one TXT record (dns-txt-multiple.pcap)', () => {
    const txt = records(dnsOf(packets('zeek/Traces/dns-txt-multiple.pcap')[1])).filter(
      (record) => record.data?.type === 'TXT',
    );
    expect(txt.length).toBeGreaterThan(0);
    expect(txt.some((record) => record.data?.type === 'TXT' && record.data.strings.length > 1)).toBe(true);
  });

  it('types NSEC, NSEC3, DS and DNSKEY (dnssec/*.pcap)', () => {
    const typesIn = (path: string) =>
      new Set(packets(path).flatMap((packet) => records(dnsOf(packet)).map((record) => record.data?.type)));
    // 130*- 0/4/1 (540)
    expect(typesIn('zeek/Traces/dnssec/nsec.pcap')).toContain('NSEC');
    // 9835 NXDomain 0/6/1 (1198)
    expect(typesIn('zeek/Traces/dnssec/nsec3.pcap')).toContain('NSEC3');
    // 39080 3/0/1 DS, DS, RRSIG (285)
    expect(typesIn('zeek/Traces/dnssec/ds.pcap')).toEqual(new Set(['DS', 'RRSIG', 'OPT']));
    // 22666 5/0/1 DNSKEY, DNSKEY, DNSKEY, RRSIG, RRSIG (1076)
    expect(typesIn('zeek/Traces/dnssec/dnskey.pcap')).toEqual(new Set(['DNSKEY', 'RRSIG', 'OPT']));
    const nsec3 = packets('zeek/Traces/dnssec/nsec3.pcap')
      .flatMap((packet) => records(dnsOf(packet)))
      .find((record) => record.data?.type === 'NSEC3');
    expect(nsec3?.data).toMatchObject({ type: 'NSEC3', hashAlgorithm: 1 });
    expect(nsec3?.data?.type === 'NSEC3' && nsec3.data.nextHashed.length).toBe(20);
  });

  it('reads mDNS questions and cache-flush answers (dns/mdns.pcap)', () => {
    const all = packets('zeek/Traces/dns/mdns.pcap');
    // 0 [2q] PTR (QM)? _ipp._tcp.local. PTR (QM)? _ipps._tcp.local. (45)
    expect(dnsOf(all[0]).questions).toMatchObject([
      { name: '_ipp._tcp.local', type: 12, unicastResponse: false },
      { name: '_ipps._tcp.local', type: 12, unicastResponse: false },
    ]);
    // 0*- [0q] 4/0/0 (Cache flush) AAAA fd52:429e:c03c:8235:883c:d6ff:fee1:4dc4, (Cache flush) PTR johanna-QEMU-Virtual-Mach...
    const answers = dnsOf(all[2]).answers;
    expect(answers[0]).toMatchObject({
      cacheFlush: true,
      class: 1,
      data: { type: 'AAAA', address: 'fd52:429e:c03c:8235:883c:d6ff:fee1:4dc4' },
    });
  });

  it('reads MX answers (dns/long-connection.pcap)', () => {
    // 63343 q: MX? google.com. 6/0/6 google.com. MX smtp4.google.com. 40, google.com. MX smtp5.google.com. 10, ...
    const mx = dnsOf(packets('zeek/Traces/dns/long-connection.pcap')[1]).answers;
    expect(mx[0]?.data).toEqual({ type: 'MX', preference: 40, exchange: 'smtp4.google.com' });
    expect(mx[1]?.data).toEqual({ type: 'MX', preference: 10, exchange: 'smtp5.google.com' });
  });

  it('follows deep but valid compression (dns/max-compression-depth.pcap)', () => {
    // 4660 q: A? a. 7/0/0 a. A 127.0.0.1, a. A 127.0.0.2, ..., a. A 127.0.0.7 (132)
    const layer = dnsOf(packets('zeek/Traces/dns/max-compression-depth.pcap')[0]);
    expect(layer.truncated).toBeUndefined();
    expect(
      layer.answers.map((record) => [record.name, record.data?.type === 'A' && record.data.address]),
    ).toEqual([1, 2, 3, 4, 5, 6, 7].map((last) => ['a', `127.0.0.${last}`]));
  });

  it('reports the invalid names of dns/dns-invalid-names.pcap without throwing', () => {
    // 8738+ [|domain]      8739+ A? <BAD PTR> [|domain]      8740+ [|domain]
    expect(packets('zeek/Traces/dns/dns-invalid-names.pcap').map((packet) => packet.truncated)).toEqual([
      'dns: label at 12 runs past the end of the message',
      'dns: compression pointer at 12 to 12 does not point backwards',
      'dns: name at 12 runs past the end of the message',
    ]);
  });

  it('flags the DNS over TCP message a segment cuts short (dns/tkey.pcap)', () => {
    const cut = packets('zeek/Traces/dns/tkey.pcap').find((packet) =>
      packet.truncated?.startsWith('dns-tcp:'),
    );
    expect(cut?.truncated).toMatch(/^dns-tcp: message needs \d+ bytes, \d+ present$/);
    expect(dnsOf(cut).transport).toBe('tcp');
  });
});
