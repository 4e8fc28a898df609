// The DNS message decoder: header and flags, every section, names (escaping, compression with
// loop protection, limits), EDNS, mDNS bits, and the typed rdata of the common record types.
import { describe, expect, it } from 'vitest';
import { decodeDns, decodeMulticastDns } from '../../electron/common/decode/dns';
import type { DnsLayer, DnsRdata } from '../../electron/common/model/layers';
import { hex } from './read-pcap';

/** A query header: id 1, recursion desired, one question. */
const queryHeader = '0001 0100 0001 0000 0000 0000';

function decode(text: string): DnsLayer {
  return decodeDns(hex(text)).layer;
}

describe('dns header and question', () => {
  it('reads a query', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 4660+ A? example.com. (29)
    const layer = decode(`
      1234                     // id 4660
      0100                     // flags: query, opcode 0, RD
      0001 0000 0000 0000      // 1 question, no records
      076578616d706c65 03636f6d 00 // example.com
      0001 0001                // type A, class IN
    `);
    expect(layer).toMatchObject({
      kind: 'dns',
      transport: 'udp',
      id: 4660,
      flags: 0x0100,
      response: false,
      opcode: 0,
      authoritative: false,
      truncatedResponse: false,
      recursionDesired: true,
      recursionAvailable: false,
      authenticData: false,
      checkingDisabled: false,
      rcode: 0,
      questionCount: 1,
      answerCount: 0,
      questions: [
        { name: 'example.com', type: 1, class: 1, unicastResponse: undefined, truncated: undefined },
      ],
      answers: [],
      edns: undefined,
      length: 29,
      truncated: undefined,
    });
    expect(layer.message?.length).toBe(29);
  });

  it('reads the root name as ""', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ NS? . (17)
    expect(decode(`${queryHeader} 00 0002 0001`).questions[0]).toMatchObject({ name: '', type: 2 });
  });

  it('reads every flag of a response', () => {
    // ... 4660 NXDomain*|$ 0/0/0 (12)
    const layer = decode(`1234 87b3 0000 0000 0000 0000 // QR, AA, TC, RD, RA, AD, CD, rcode 3`);
    expect(layer).toMatchObject({
      response: true,
      authoritative: true,
      truncatedResponse: true,
      recursionDesired: true,
      recursionAvailable: true,
      authenticData: true,
      checkingDisabled: true,
      rcode: 3,
    });
    expect(decode('1234 2800 0000 0000 0000 0000').opcode).toBe(5); // UPDATE
  });

  it('reports a message shorter than its header', () => {
    // dns-zlip-1: IP 10.0.0.1.1024 > 146.84.28.88.53: domain [length 0 < 12] (invalid)
    expect(decodeDns(new Uint8Array(0)).layer.truncated).toBe('dns: header needs 12 bytes, 0 present');
    expect(decode('1234 81')).toMatchObject({
      id: 4660,
      response: true,
      truncated: 'dns: header needs 12 bytes, 3 present',
    });
  });

  it('stops when the counts promise more than the message holds', () => {
    const layer = decode(
      `1234 8180 0001 0002 0000 0000 076578616d706c6503636f6d00 0001 0001 c00c 0001 0001 0000012c 0004 c0000201`,
    );
    expect(layer.answers).toHaveLength(2);
    expect(layer.answers[0]?.data).toEqual({ type: 'A', address: '192.0.2.1' });
    expect(layer.answers[1]?.truncated).toBe('dns: name at 45 runs past the end of the message');
    expect(layer.truncated).toBe('dns: name at 45 runs past the end of the message');
  });
});

describe('dns names', () => {
  it('escapes dots, backslashes and bytes that are not printable, in presentation form', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ A? a.b.\. .M-^?. (27)   (tcpdump prints the label bytes raw)
    const layer = decode(`${queryHeader}
      03 612e62 // label "a.b": a dot inside a label
      01 5c     // label "\\"
      01 20     // label " "
      01 ff     // label 0xff
      00 0001 0001
    `);
    expect(layer.questions[0]?.name).toBe('a\\.b.\\\\.\\032.\\255');
    expect(layer.truncated).toBeUndefined();
  });

  it('rejects a pointer to itself (a loop)', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ A? <BAD PTR> [|domain]
    const layer = decode(`${queryHeader} c00c // pointer to offset 12, where it is
      0001 0001`);
    expect(layer.questions[0]).toMatchObject({
      name: '',
      type: 1,
      truncated: 'dns: compression pointer at 12 to 12 does not point backwards',
    });
    expect(layer.truncated).toBe('dns: compression pointer at 12 to 12 does not point backwards');
  });

  it('rejects a pointer back into the name that holds it (a two-step loop)', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ A? a.<BAD PTR> [|domain]
    const layer = decode(`${queryHeader} 0161 c00c // "a", then a pointer to the name's own start
      0001 0001`);
    expect(layer.questions[0]).toMatchObject({
      name: 'a',
      truncated: 'dns: compression pointer at 14 to 12 does not point backwards',
    });
  });

  it('rejects a pointer forward, and one past the end', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ A? a.<BAD PTR> [|domain]
    expect(decode(`${queryHeader} 0161 c010 0001 0001 0162 00`).questions[0]?.truncated).toBe(
      'dns: compression pointer at 14 to 16 does not point backwards',
    );
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ A? <BAD PTR> [|domain]
    expect(decode(`${queryHeader} c0ff 0001 0001`).questions[0]?.truncated).toBe(
      'dns: compression pointer at 12 points past the end (255)',
    );
  });

  it('follows a chain of backward pointers, and stops one of more than 127 jumps', () => {
    const pointer = (offset: number) => (0xc000 | offset).toString(16);
    // Answer 1 is named "a" (offset 12) and its raw rdata (offset 25 on) is a chain of
    // pointers, each to the one before it, the first to offset 12. Answer 2 is named by a
    // pointer into that chain, so reading its name takes (position in the chain + 2) jumps.
    const chainLength = 130;
    const chain = Array.from({ length: chainLength }, (_, index) =>
      pointer(index === 0 ? 12 : 25 + (index - 1) * 2),
    ).join(' ');
    const message = (link: number) =>
      decode(`0001 8180 0000 0002 0000 0000
        01 61 00 fffe 0001 00000000 ${(chainLength * 2).toString(16).padStart(4, '0')} ${chain}
        ${pointer(25 + link * 2)} 0001 0001 00000000 0004 c0000201`);
    const within = message(125); // 127 jumps
    expect(within.truncated).toBeUndefined();
    expect(within.answers[1]?.name).toBe('a');
    const beyond = message(126); // 128 jumps
    expect(beyond.answers[1]?.truncated).toBe(
      `dns: name at ${25 + chainLength * 2} follows more than 127 compression pointers`,
    );
  });

  it('reports a name longer than 255 bytes and keeps its first 255', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ A? aaaa…aaa<DOMAIN NAME TOO LONG> (337)
    const label = `3f${'61'.repeat(63)}`;
    const layer = decode(`${queryHeader} ${label} ${label} ${label} ${label} ${label} 00 0001 0001`);
    expect(layer.questions[0]?.truncated).toBe('dns: name at 12 is longer than 255 bytes');
    expect(layer.questions[0]?.name).toBe(Array(3).fill('a'.repeat(63)).join('.'));
    expect(layer.questions[0]?.type).toBe(1); // the end is still known, so the question is whole otherwise
  });

  it('reports the unsupported label types 0x40 and 0x80, and a label past the end', () => {
    // IP 192.0.2.1.54321 > 192.0.2.53.53: 1+ [|domain]
    expect(decode(`${queryHeader} 0161 40 0001 0001`).truncated).toBe(
      'dns: label type 0x40 at 14 is not supported',
    );
    expect(decode(`${queryHeader} 0161 80 0001 0001`).truncated).toBe(
      'dns: label type 0x80 at 14 is not supported',
    );
    expect(decode(`${queryHeader} 0561 62`).truncated).toBe(
      'dns: label at 12 runs past the end of the message',
    );
  });

  it('gives a pointer to an earlier name the same text (the per-message memo), with its prefix', () => {
    const layer = decode(`0001 8180 0001 0002 0000 0000
      076578616d706c65 03636f6d 00 0001 0001 // question: example.com
      c00c 0001 0001 0000012c 0004 c0000201  // answer named by a pointer to the question
      03777777 c00c 0001 0001 0000012c 0004 c0000202 // www + pointer
    `);
    expect(layer.answers.map((record) => record.name)).toEqual(['example.com', 'www.example.com']);
    // The memo belongs to one message: another message at the same offsets reads its own bytes.
    const other = decode(
      `0001 8180 0001 0001 0000 0000 076578616d706c65 036f7267 00 0001 0001 c00c 0001 0001 0000012c 0004 c0000201`,
    );
    expect(other.answers[0]?.name).toBe('example.org');
  });
});

describe('dns records', () => {
  // The answer to "A? example.com." with one record of each common type, all named by a
  // pointer to the question (c00c), then an OPT record. tcpdump -vv (abridged):
  // 192.0.2.53.53 > 192.0.2.1.54321: [no cksum] 4660 q: A? example.com. 18/0/1 example.com. A 192.0.2.1,
  // example.com. AAAA 2001:db8::1, example.com. CNAME www.example.com., example.com. NS ns1.example.com.,
  // example.com. PTR host.example.com., example.com. DNAME example.net., example.com. MX mail.example.com. 10,
  // example.com. TXT "v=spf1 -all" "", example.com. SOA ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300,
  // example.com. SRV sip.example.com.:5060 0 5, example.com. Type257, example.com. Type65, example.com. DS,
  // example.com. DNSKEY, example.com. RRSIG, example.com. NSEC, example.com. Type50, example.com. Type65534
  // ar: . OPT UDPsize=1232 DO [COOKIE 0001020304050607,PADDING (4)] (575)
  const response = `
    1234 8180 0001 0012 0000 0001       // id 4660, response RD RA, 1 question, 18 answers, 1 additional
    076578616d706c6503636f6d00 0001 0001 // example.com A IN
    c00c 0001 0001 0000012c 0004 c0000201                                        // A 192.0.2.1
    c00c 001c 0001 0000012c 0010 20010db8000000000000000000000001                // AAAA 2001:db8::1
    c00c 0005 0001 0000012c 0006 03777777c00c                                    // CNAME www + pointer
    c00c 0002 0001 0000012c 0006 036e7331c00c                                    // NS ns1 + pointer
    c00c 000c 0001 0000012c 0007 04686f7374c00c                                  // PTR host + pointer
    c00c 0027 0001 0000012c 000d 076578616d706c65036e657400                      // DNAME example.net
    c00c 000f 0001 0000012c 0009 000a 046d61696cc00c                             // MX 10 mail + pointer
    c00c 0010 0001 0000012c 000d 0b763d73706631202d616c6c 00                     // TXT "v=spf1 -all" ""
    c00c 0006 0001 0000012c 0027 036e7331c00c 0a686f73746d6173746572c00c 78a3f175 00001c20 00000e10 00127500 0000012c // SOA
    c00c 0021 0001 0000012c 000c 0000 0005 13c4 03736970c00c                     // SRV 0 5 5060 sip + pointer
    c00c 0101 0001 0000012c 0015 00 05 6973737565 63612e6578616d706c652e6e6574   // CAA 0 issue "ca.example.net"
    c00c 0041 0001 0000012c 000a 0001 00 0001 0003 026832                        // HTTPS 1 . alpn=h2
    c00c 002b 0001 0000012c 0024 3039 0d 02 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f // DS 12345 13 2
    c00c 0030 0001 0000012c 000c 0101 03 0d 0001020304050607                     // DNSKEY 257 3 13
    c00c 002e 0001 0000012c 0027 0001 0d 02 0000012c 6955b900 692cda80 3039 076578616d706c6503636f6d00 0001020304050607 // RRSIG A 13 2 300
    c00c 002f 0001 0000012c 000f 04686f7374c00c 0006 4001000000 03               // NSEC host + pointer: A MX RRSIG NSEC
    c00c 0032 0001 0000012c 0026 01 00 000a 04 aabbccdd 14 000102030405060708090a0b0c0d0e0f10111213 0006 4000000800 02 // NSEC3
    c00c fffe 0001 0000012c 0003 010203                                          // TYPE65534, unknown
    00 0029 04d0 00008000 0014 000a 0008 0001020304050607 000c 0004 00000000     // OPT: 1232, DO; COOKIE, PADDING
  `;
  const layer = decode(response);
  const data = (index: number): DnsRdata | undefined => layer.answers[index]?.data;

  it('reads every record whole', () => {
    expect(layer.truncated).toBeUndefined();
    expect(layer.answers).toHaveLength(18);
    expect(
      layer.answers.every(
        (record) =>
          record.name === 'example.com' &&
          record.class === 1 &&
          record.ttl === 300 &&
          record.truncated === undefined,
      ),
    ).toBe(true);
    expect(layer.length).toBe(575);
  });

  it('types the address, name and mail records', () => {
    expect(data(0)).toEqual({ type: 'A', address: '192.0.2.1' });
    expect(data(1)).toEqual({ type: 'AAAA', address: '2001:db8::1' });
    expect(data(2)).toEqual({ type: 'CNAME', name: 'www.example.com' });
    expect(data(3)).toEqual({ type: 'NS', name: 'ns1.example.com' });
    expect(data(4)).toEqual({ type: 'PTR', name: 'host.example.com' });
    expect(data(5)).toEqual({ type: 'DNAME', name: 'example.net' });
    expect(data(6)).toEqual({ type: 'MX', preference: 10, exchange: 'mail.example.com' });
    const txt = data(7);
    expect(txt?.type === 'TXT' && txt.strings.map((string) => new TextDecoder().decode(string))).toEqual([
      'v=spf1 -all',
      '',
    ]);
  });

  it('types SOA, SRV, CAA and HTTPS', () => {
    expect(data(8)).toEqual({
      type: 'SOA',
      mname: 'ns1.example.com',
      rname: 'hostmaster.example.com',
      serial: 2024010101,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 300,
    });
    expect(data(9)).toEqual({ type: 'SRV', priority: 0, weight: 5, port: 5060, target: 'sip.example.com' });
    const caa = data(10);
    expect(caa).toMatchObject({ type: 'CAA', flags: 0, tag: 'issue' });
    expect(caa?.type === 'CAA' && new TextDecoder().decode(caa.value)).toBe('ca.example.net');
    const https = data(11);
    expect(https).toMatchObject({ type: 'HTTPS', priority: 1, target: '' });
    expect(https?.type === 'HTTPS' && https.params.map((param) => [param.key, [...param.value]])).toEqual([
      [1, [2, 0x68, 0x32]],
    ]);
  });

  it('types the DNSSEC records', () => {
    expect(data(12)).toMatchObject({ type: 'DS', keyTag: 12345, algorithm: 13, digestType: 2 });
    expect(data(12)?.type === 'DS' && data(12)).toHaveProperty('digest.length', 32);
    expect(data(13)).toMatchObject({ type: 'DNSKEY', flags: 257, protocol: 3, algorithm: 13 });
    expect(data(14)).toMatchObject({
      type: 'RRSIG',
      typeCovered: 1,
      algorithm: 13,
      labels: 2,
      originalTtl: 300,
      expiration: 1767225600,
      inception: 1764547200,
      keyTag: 12345,
      signerName: 'example.com',
    });
    expect(data(15)).toEqual({ type: 'NSEC', nextName: 'host.example.com', types: [1, 15, 46, 47] });
    expect(data(16)).toMatchObject({
      type: 'NSEC3',
      hashAlgorithm: 1,
      flags: 0,
      iterations: 10,
      types: [1, 28, 46],
    });
    const nsec3 = data(16);
    expect(nsec3?.type === 'NSEC3' && [[...nsec3.salt], nsec3.nextHashed.length]).toEqual([
      [0xaa, 0xbb, 0xcc, 0xdd],
      20,
    ]);
  });

  it('keeps unknown types raw, as views into the message', () => {
    const unknown = layer.answers[17]!;
    expect(unknown).toMatchObject({ type: 65534, data: undefined, truncated: undefined });
    expect([...unknown.rdata]).toEqual([1, 2, 3]);
    expect(unknown.rdata.buffer).toBe(layer.message!.buffer);
  });

  it('reads EDNS from the OPT record', () => {
    expect(layer.additionals[0]).toMatchObject({ name: '', type: 41, class: 1232 });
    expect(layer.edns).toMatchObject({ udpPayloadSize: 1232, extendedRcode: 0, version: 0, dnssecOk: true });
    expect(layer.edns?.options.map((option) => [option.code, option.data.length])).toEqual([
      [10, 8],
      [12, 4],
    ]);
  });

  it('merges the extended rcode of EDNS into the rcode', () => {
    // 192.0.2.1.54321 > 192.0.2.53.53: [no cksum] 4660 BadVers q: A? example.com. 0/0/1 ar: . OPT UDPsize=1232 (40)
    const badVersion = decode(`1234 8180 0001 0000 0000 0001 076578616d706c6503636f6d00 0001 0001
      00 0029 04d0 01000000 0000 // OPT: extended rcode 1 (upper bits), version 0`);
    expect(badVersion.rcode).toBe(16); // BADVERS
    expect(badVersion.edns?.extendedRcode).toBe(1);
  });

  it('reports a malformed option and an rdata that runs past the message, and keeps going where it can', () => {
    // 4660 NXDomain q: A? example.com. 0/0/1 ar: . OPT UDPsize=1232 [COOKIE  (invalid)] (48)
    const badOption = decode(`1234 8183 0001 0000 0000 0001 076578616d706c6503636f6d00 0001 0001
      00 0029 04d0 00000000 0008 000a 0010 01020304 // COOKIE says 16 bytes, 4 follow`);
    expect(badOption.additionals[0]?.truncated).toBe('dns: EDNS option 10 needs 16 bytes, 4 present');
    expect(badOption.edns).toBeUndefined();
    expect(badOption.rcode).toBe(3);
    const malformed = decode(`1234 8180 0001 0002 0000 0000 076578616d706c6503636f6d00 0001 0001
      c00c 0001 0001 0000012c 0003 c00002   // an A record with 3 bytes: malformed, but its end is known
      c00c 0001 0001 0000012c 0004 c0000202 // the next one is read`);
    expect(malformed.answers[0]).toMatchObject({
      data: undefined,
      truncated: 'dns: A rdata is 3 bytes, not 4',
    });
    expect(malformed.answers[1]?.data).toEqual({ type: 'A', address: '192.0.2.2' });
    const cut = decode(
      `1234 8180 0001 0001 0000 0000 076578616d706c6503636f6d00 0001 0001 c00c 0001 0001 0000012c 0004 c000`,
    );
    expect(cut.answers[0]).toMatchObject({
      truncated: 'dns: answer record 1 rdata needs 4 bytes, 2 present',
    });
    expect(cut.answers[0]?.rdata.length).toBe(2);
  });

  it('keeps empty rdata untyped and without error, as dynamic update uses it', () => {
    const update = decode(
      `1234 2800 0001 0000 0001 0000 076578616d706c6503636f6d00 0006 0001 c00c 0001 00ff 00000000 0000`,
    );
    expect(update.authorities[0]).toMatchObject({
      type: 1,
      class: 255,
      data: undefined,
      truncated: undefined,
    });
  });
});

describe('mdns', () => {
  it('splits the unicast-response bit from the question class', () => {
    // IP 192.0.2.1.5353 > 224.0.0.251.5353: 0 A (QU)? laptp.local. (29)
    const layer = decodeMulticastDns(
      hex(`0000 0000 0001 0000 0000 0000 056c61707470 056c6f63616c 00 0001 8001`),
    ).layer;
    expect(layer.questions[0]).toMatchObject({
      name: 'laptp.local',
      type: 1,
      class: 1,
      unicastResponse: true,
    });
  });

  it('splits the cache-flush bit from the record class', () => {
    // IP 192.0.2.1.5353 > 224.0.0.251.5353: 0*- [0q] 1/0/0 (Cache flush) A 192.0.2.1 (39)
    const layer = decodeMulticastDns(
      hex(`0000 8400 0000 0001 0000 0000 056c61707470 056c6f63616c 00 0001 8001 00000078 0004 c0000201`),
    ).layer;
    expect(layer.answers[0]).toMatchObject({ name: 'laptp.local', class: 1, cacheFlush: true, ttl: 120 });
  });

  it('leaves the class whole on plain DNS', () => {
    const layer = decode(`0000 0000 0001 0000 0000 0000 056c61707470 056c6f63616c 00 0001 8001`);
    expect(layer.questions[0]).toMatchObject({ class: 0x8001, unicastResponse: undefined });
  });
});
