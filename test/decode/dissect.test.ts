// The dissector: the scenario's ICMP port unreachable quoting a DNS query, the quoted datagram
// kept apart and bounded to one level, unsupported link types, leftover bytes, and a sweep
// over every classic pcap of the corpus.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dissect, isSupportedLinkType } from '../../electron/common/decode/dissect';
import type { Frame } from '../../electron/common/model/frame';
import { findLayer } from '../../electron/common/model/packet';
import { corpus, hex, readPcap } from './read-pcap';
import { checkPacket } from './well-formed';

function frame(data: Uint8Array, linkType = 1): Frame {
  return {
    number: 1,
    seconds: 1764077076,
    nanoseconds: 98564000,
    capturedLength: data.length,
    originalLength: data.length,
    linkType,
    interfaceIndex: 0,
    data,
  };
}

// The scenario (../shared/scenario): the DNS server's host answers the query with ICMP port
// unreachable. Built by hand; tcpdump -vv reads it as:
// 13:24:36.098564 IP (tos 0x0, ttl 64, id 39487, offset 0, flags [none], proto ICMP (1), length 95)
//     203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75
// 	IP (tos 0x0, ttl 64, id 7238, offset 0, flags [DF], proto UDP (17), length 67)
//     192.51.100.15.52444 > 203.0.113.2.53: [udp sum ok] 35084+ A? yummyrecipesforme.com. (39)
const scenario = hex(`
  00005e00530f 00005e005302 0800 // Ethernet: to the client's MAC from the router's, IPv4
  45 00 005f  // IPv4, header 20 bytes, TOS 0, total length 95
  9a3f 0000   // id 39487, no flags
  40 01 8019  // TTL 64, protocol ICMP, header checksum
  cb007102    // source 203.0.113.2 (the DNS server's host)
  c033640f    // destination 192.51.100.15 (the client)
  03 03 5d83  // ICMP type 3 destination unreachable, code 3 port unreachable, checksum
  00000000    // unused
  45 00 0043 1c46 4000 40 11 be1e c033640f cb007102 // quoted IPv4: 192.51.100.15 > 203.0.113.2, UDP, id 7238, DF
  ccdc 0035 002f 4888 // quoted UDP: 52444 > 53, length 47
  890c        // DNS id 35084
  0100        // flags: standard query, RD
  0001 0000 0000 0000 // one question
  11 79756d6d7972656369706573666f726d65 03 636f6d 00 // yummyrecipesforme.com
  0001 0001   // type A, class IN
`);

describe('dissect', () => {
  it('decodes the scenario: ICMP port unreachable quoting the DNS query', () => {
    const packet = dissect(frame(scenario));
    expect(packet.truncated).toBeUndefined();
    expect(packet.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'ipv4', 'icmp']);
    expect(findLayer(packet.layers, 'ipv4')).toMatchObject({
      source: '203.0.113.2',
      destination: '192.51.100.15',
      protocol: 1,
      totalLength: 95,
    });
    expect(findLayer(packet.layers, 'icmp')).toMatchObject({
      kind: 'icmp',
      type: 3,
      code: 3,
      checksum: 0x5d83,
    });
    // The quoted query is decoded apart: it is evidence, not DNS traffic of this packet.
    expect(findLayer(packet.layers, 'dns')).toBeUndefined();
    expect(packet.quoted?.map((layer) => layer.kind)).toEqual(['ipv4', 'udp', 'dns']);
    expect(findLayer(packet.quoted, 'ipv4')).toMatchObject({
      source: '192.51.100.15',
      destination: '203.0.113.2',
      identification: 7238,
      dontFragment: true,
    });
    expect(findLayer(packet.quoted, 'udp')).toMatchObject({
      sourcePort: 52444,
      destinationPort: 53,
      length: 47,
    });
    expect(findLayer(packet.quoted, 'dns')).toMatchObject({
      id: 35084,
      response: false,
      recursionDesired: true,
      questions: [{ name: 'yummyrecipesforme.com', type: 1, class: 1 }],
      truncated: undefined,
    });
    expect(checkPacket(packet)).toEqual([]);
  });

  it('decodes a Node Buffer the same, into views of the same memory', () => {
    const buffer = Buffer.from(scenario);
    const packet = dissect(frame(buffer));
    expect(findLayer(packet.quoted, 'dns')?.id).toBe(35084);
    const icmp = findLayer(packet.layers, 'icmp');
    expect(icmp?.body.buffer).toBe(buffer.buffer);
    expect(icmp?.body.constructor).toBe(Uint8Array); // plain views, not Buffers
    expect(checkPacket(packet)).toEqual([]);
  });

  it('decodes the query itself as DNS traffic', () => {
    // 13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
    const query = new Uint8Array([
      ...scenario.subarray(6, 12),
      ...scenario.subarray(0, 6),
      0x08,
      0x00,
      ...scenario.subarray(42),
    ]);
    const packet = dissect(frame(query));
    expect(packet.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'ipv4', 'udp', 'dns']);
    expect(packet.quoted).toBeUndefined();
    expect(findLayer(packet.layers, 'dns')?.questions[0]?.name).toBe('yummyrecipesforme.com');
  });

  it('does not follow an ICMP error quoted inside an ICMP error', () => {
    // IP (tos 0x0, ttl 64, id 1, offset 0, flags [none], proto ICMP (1), length 76, bad cksum 0 (->8e7a)!)
    //     198.51.100.1 > 192.0.2.1: ICMP time exceeded in-transit, length 56 (wrong icmp cksum 0 (->2a9a)!)
    // 	IP (tos 0x0, ttl 1, id 2, offset 0, flags [none], proto ICMP (1), length 48, bad cksum 0 (->bbc7)!)
    //     192.0.2.1 > 203.0.113.2:  [|icmp]
    const nested = hex(`
      00005e00530f 00005e005302 0800
      4500004c 0001 0000 4001 0000 c6336401 c0000201 // IPv4 198.51.100.1 > 192.0.2.1, ICMP, length 76
      0b00 0000 00000000                             // time exceeded, quoting:
      4500 0030 0002 0000 0101 0000 c0000201 cb007102 //   IPv4 192.0.2.1 > 203.0.113.2, ICMP, length 48
      0303 0000 00000000                             //   an ICMP port unreachable, quoting:
      4500 0014 0000 0000 4011 0000 cb007102 c0000201 //     an IPv4 header
    `);
    const packet = dissect(frame(nested));
    expect(packet.quoted?.map((layer) => layer.kind)).toEqual(['ipv4', 'icmp']);
    const inner = findLayer(packet.quoted, 'icmp');
    expect(inner).toMatchObject({ type: 3, code: 3 });
    expect(inner?.quoted?.length).toBe(20); // the view is there, but it is not decoded again
    expect(checkPacket(packet)).toEqual([]);
  });

  it('keeps unclaimed bytes as a payload layer, and none when there are none', () => {
    // TCP to port 443 with 3 bytes of data: nothing decodes TLS here.
    const data = hex(`
      00005e00530f 00005e005302 0800
      4500002b 0001 4000 4006 0000 c0000201 cb007150
      c350 01bb 00000001 00000000 5018 fffe 0000 0000 616263
    `);
    const packet = dissect(frame(data));
    expect(packet.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'ipv4', 'tcp', 'payload']);
    const payload = packet.layers[3];
    expect(payload?.kind === 'payload' && [...payload.data]).toEqual([0x61, 0x62, 0x63]);
    const empty = dissect(
      frame(hex('00005e00530f 00005e005302 0800 45000014 0001 4000 40fd 0000 c0000201 cb007150')),
    );
    expect(empty.layers.map((layer) => layer.kind)).toEqual(['ethernet', 'ipv4']);
  });

  it('sets the packet reason to the first reason among the layers', () => {
    // The frame is cut inside the quoted DNS question: the packet's own layers are whole; the quoted ones are not.
    const cut = dissect(frame(scenario.subarray(0, 80)));
    expect(cut.truncated).toBe('ipv4: total length 95, 66 bytes present');
    expect(findLayer(cut.quoted, 'dns')?.truncated).toBeDefined();
    expect(checkPacket(cut)).toEqual([]);
  });

  it('gives an unsupported link type one payload layer and the reason', () => {
    const data = hex('ff03 0021 4500');
    const packet = dissect(frame(data, 9)); // PPP
    expect(packet.layers).toEqual([
      { kind: 'payload', data, truncated: 'unsupported link type 9 (LINKTYPE_9)' },
    ]);
    expect(packet.truncated).toBe('unsupported link type 9 (LINKTYPE_9)');
    expect(isSupportedLinkType(9)).toBe(false);
    for (const linkType of [0, 1, 101, 108, 113, 228, 229, 276])
      expect(isSupportedLinkType(linkType)).toBe(true);
  });

  it('reports a raw IP frame that is neither IPv4 nor IPv6', () => {
    // heap-overflow-1.pcap
    const packet = dissect(frame(hex('35 00 0000'), 101));
    expect(packet.truncated).toBe('raw-ip: version 3 is neither 4 nor 6');
    expect(dissect(frame(new Uint8Array(0), 101)).truncated).toBe(
      'raw-ip: version missing is neither 4 nor 6',
    );
  });
});

function classicCaptures(folder: string, out: string[] = []): string[] {
  for (const entry of readdirSync(folder)) {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) classicCaptures(path, out);
    else if (entry.endsWith('.pcap')) out.push(path);
  }
  return out;
}

describe('the corpus', () => {
  it('dissects every frame of every classic pcap without throwing, into well-formed packets', () => {
    let frames = 0;
    const problems: string[] = [];
    const files = classicCaptures(corpus);
    expect(files.length).toBeGreaterThan(200);
    for (const path of files) {
      let captured: Frame[];
      try {
        captured = readPcap(path);
      } catch {
        continue; // not a classic pcap (pcapng under a .pcap name): the capture readers' business
      }
      for (const each of captured) {
        frames++;
        for (const problem of checkPacket(dissect(each)))
          problems.push(`${path.slice(corpus.length + 1)} #${each.number}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(frames).toBeGreaterThan(2000);
  });
});
