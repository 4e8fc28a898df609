// UDP and TCP decoders, and the port table that picks DNS, mDNS and LLMNR on either port.
import { describe, expect, it } from 'vitest';
import { dissectLayers } from '../../electron/common/decode/dissect';
import { decodeDns, decodeMulticastDns } from '../../electron/common/decode/dns';
import { decodeDnsTcp } from '../../electron/common/decode/dns-tcp';
import { nextDecoder } from '../../electron/common/decode/next-layer';
import { decodeTcp } from '../../electron/common/decode/tcp';
import { decodeUdp } from '../../electron/common/decode/udp';
import { TcpFlag } from '../../electron/common/model/layers';
import { hex } from './read-pcap';

describe('udp', () => {
  it('reads the header and trims the payload to the UDP length', () => {
    // IP 192.0.2.1.57855 > 192.0.2.2.53: 0 [0q] (12)
    const datagram = hex(`
      e1ff // source port 57855
      0035 // destination port 53
      0014 // length 20: header and 12 bytes of data
      1234 // checksum (not verified)
      000000000000000000000000 // a DNS header with every field 0
      eeee // bytes beyond the UDP length
    `);
    const { layer, payload, next } = decodeUdp(datagram);
    expect(layer).toEqual({
      kind: 'udp',
      sourcePort: 57855,
      destinationPort: 53,
      length: 20,
      checksum: 0x1234,
      truncated: undefined,
    });
    expect(payload.length).toBe(12);
    expect(next).toEqual({ table: 'udp-port', sourcePort: 57855, destinationPort: 53 });
  });

  it('reports a length below the header size and stops', () => {
    // IP 192.0.2.1.57855 > 192.0.2.2.53: truncated-udplength 4
    const { layer, next } = decodeUdp(hex('e1ff 0035 0004 1234 01020304'));
    expect(layer.truncated).toBe('udp: length 4 < 8');
    expect(next).toBeUndefined();
  });

  it('has no next layer for an empty datagram, and reports a cut header', () => {
    expect(decodeUdp(hex('e1ff 0035 0008 0000')).next).toBeUndefined();
    expect(decodeUdp(hex('e1ff 0035 00')).layer).toMatchObject({
      sourcePort: 57855,
      destinationPort: 53,
      truncated: 'udp: header needs 8 bytes, 5 present',
    });
  });
});

describe('tcp', () => {
  it('reads the header, flags and options', () => {
    // IP 192.0.2.1.50000 > 192.0.2.2.53: Flags [S], seq 300, win 64240, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
    const segment = hex(`
      c350     // source port 50000
      0035     // destination port 53
      0000012c // sequence 300
      00000000 // acknowledgment 0
      a0       // data offset 10 words: 40-byte header
      02       // flags: SYN
      faf0     // window 64240
      1234     // checksum
      0000     // urgent pointer
      020405b4 0402 080a 00000001 00000000 01 030307 // options: MSS 1460, SACK permitted, timestamps, NOP, window scale 7
    `);
    const { layer, payload, next } = decodeTcp(segment);
    expect(layer).toMatchObject({
      kind: 'tcp',
      sourcePort: 50000,
      destinationPort: 53,
      sequence: 300,
      acknowledgment: 0,
      headerLength: 40,
      flags: TcpFlag.SYN,
      window: 64240,
      checksum: 0x1234,
      urgentPointer: 0,
      payloadLength: 0,
      truncated: undefined,
    });
    expect(layer.options.length).toBe(20);
    expect(layer.options[0]).toBe(2);
    expect(payload.length).toBe(0);
    expect(next).toBeUndefined();
  });

  it('hands a segment with data to the port table', () => {
    // IP 192.0.2.1.50000 > 192.0.2.2.53: Flags [P.], seq 300:314, ack 100, win 512, length 14 1+ [|domain]
    const segment = hex(`
      c350 0035 0000012c 00000064
      50       // 20-byte header
      18       // PSH, ACK
      0200 1234 0000
      000c 0001 0100 0001 0000 0000 0000 // 2-byte length 12, then a DNS header: id 1, RD, 1 question
    `);
    const { layer, next } = decodeTcp(segment);
    expect(layer.flags).toBe(TcpFlag.PSH | TcpFlag.ACK);
    expect(layer.payloadLength).toBe(14);
    expect(next).toEqual({ table: 'tcp-port', sourcePort: 50000, destinationPort: 53 });
    const { layers, truncated } = dissectLayers(segment, 'tcp');
    expect(layers.map((each) => each.kind)).toEqual(['tcp', 'dns']);
    expect(layers[1]).toMatchObject({ kind: 'dns', transport: 'tcp', id: 1, questionCount: 1 });
    expect(truncated).toBe('dns: name at 12 runs past the end of the message');
  });

  it('reports a data offset below 5 words or beyond the segment', () => {
    expect(decodeTcp(hex('c350 0035 0000012c 00000064 40 18 0200 1234 0000')).layer.truncated).toBe(
      'tcp: header length 16 < 20',
    );
    expect(decodeTcp(hex('c350 0035 0000012c 00000064 60 18 0200 1234 0000')).layer.truncated).toBe(
      'tcp: header with options needs 24 bytes, 20 present',
    );
    expect(decodeTcp(hex('c350 0035 0000012c')).layer).toMatchObject({
      sequence: 300,
      truncated: 'tcp: header needs 20 bytes, 8 present',
    });
  });
});

describe('port table', () => {
  it('picks DNS on 53 and LLMNR on 5355, mDNS on 5353, on either port', () => {
    expect(nextDecoder({ table: 'udp-port', sourcePort: 40000, destinationPort: 53 })).toBe(decodeDns);
    expect(nextDecoder({ table: 'udp-port', sourcePort: 53, destinationPort: 40000 })).toBe(decodeDns);
    expect(nextDecoder({ table: 'udp-port', sourcePort: 5353, destinationPort: 5353 })).toBe(
      decodeMulticastDns,
    );
    expect(nextDecoder({ table: 'udp-port', sourcePort: 5355, destinationPort: 40000 })).toBe(decodeDns);
    expect(nextDecoder({ table: 'udp-port', sourcePort: 40000, destinationPort: 40001 })).toBeUndefined();
    expect(nextDecoder({ table: 'tcp-port', sourcePort: 40000, destinationPort: 53 })).toBe(decodeDnsTcp);
    expect(nextDecoder({ table: 'tcp-port', sourcePort: 443, destinationPort: 40000 })).toBeUndefined();
  });

  it('prefers port 53 when the other port is mDNS', () => {
    expect(nextDecoder({ table: 'udp-port', sourcePort: 5353, destinationPort: 53 })).toBe(decodeDns);
  });
});
