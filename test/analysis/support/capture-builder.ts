/**
 * Builds a capture for the analysis tests: Ethernet frames with real IPv4/IPv6, UDP/TCP, DNS
 * and ICMP bytes, decoded by the real dissector. Times are seconds after a base time
 * (2026-11-25 13:00:00 UTC) so tests read like a timeline.
 */
import { dissect } from '../../../electron/common/decode/dissect';
import { LinkType, type Frame } from '../../../electron/common/model/frame';
import type { DecodedPacket } from '../../../electron/common/model/packet';
import {
  concat,
  dnsMessage,
  ethernet,
  icmpError,
  ipv4Header,
  ipv6Header,
  isIpv6,
  tcp,
  udp,
} from './wire-bytes';

/** 2026-11-25T13:00:00Z in Unix seconds. */
export const baseSeconds = Date.UTC(2026, 10, 25, 13, 0, 0) / 1000;

/** The contract's time of `offset` seconds after the base (microsecond precision). */
export function isoAt(offset: number): string {
  const microseconds = Math.round(offset * 1_000_000);
  const whole = Math.floor(microseconds / 1_000_000);
  const fraction = microseconds - whole * 1_000_000;
  return `${new Date((baseSeconds + whole) * 1000).toISOString().slice(0, 19)}.${String(fraction).padStart(6, '0')}Z`;
}

export interface QueryFields {
  at: number;
  client: string;
  server: string;
  clientPort?: number;
  port?: number;
  id: number;
  name: string;
  type?: number;
  transport?: 'UDP' | 'TCP';
  ttl?: number;
  ipId?: number;
  recursionDesired?: boolean;
}

export interface ResponseFields {
  at: number;
  rcode?: number;
  answers?: string[];
  recursionAvailable?: boolean;
  ttl?: number;
}

export interface IcmpFields {
  at: number;
  /** Who sends the error: the server itself or a router. */
  from: string;
  type: number;
  code: number;
  ttl?: number;
  mtu?: number;
  /** Bytes of the original datagram quoted: all of it by default (as Linux does), or 28 (RFC 792's minimum). */
  quoteBytes?: number;
}

/** A datagram that was sent: what an ICMP error can quote. */
export interface Sent {
  frame: number;
  source: string;
  destination: string;
  datagram: Uint8Array;
  query: QueryFields;
}

export class CaptureBuilder {
  private readonly frames: Frame[] = [];

  get length(): number {
    return this.frames.length;
  }

  /** A DNS query from client to server; returns what an ICMP error or a response refers to. */
  query(fields: QueryFields): Sent {
    const message = dnsMessage({
      id: fields.id,
      response: false,
      name: fields.name,
      type: fields.type ?? 1,
      ...(fields.recursionDesired === undefined ? {} : { recursionDesired: fields.recursionDesired }),
    });
    const datagram = this.datagram(
      fields.client,
      fields.server,
      fields.clientPort ?? 40000,
      fields.port ?? 53,
      fields.transport ?? 'UDP',
      message,
      fields.ttl ?? 64,
      fields.ipId ?? 0x1000 + this.frames.length,
    );
    const frame = this.push(fields.at, fields.client, datagram);
    return { frame, source: fields.client, destination: fields.server, datagram, query: fields };
  }

  /** The server's response to a query (same id, question and ports, swapped). */
  response(to: Sent, fields: ResponseFields): Sent {
    const query = to.query;
    const message = dnsMessage({
      id: query.id,
      response: true,
      name: query.name,
      type: query.type ?? 1,
      rcode: fields.rcode ?? 0,
      answers: fields.answers ?? ((fields.rcode ?? 0) === 0 ? ['192.0.2.80'] : []),
      ...(fields.recursionAvailable === undefined ? {} : { recursionAvailable: fields.recursionAvailable }),
    });
    const datagram = this.datagram(
      query.server,
      query.client,
      query.port ?? 53,
      query.clientPort ?? 40000,
      query.transport ?? 'UDP',
      message,
      fields.ttl ?? 64,
      0x2000 + this.frames.length,
    );
    const frame = this.push(fields.at, query.server, datagram);
    return { frame, source: query.server, destination: query.client, datagram, query };
  }

  /** An ICMP/ICMPv6 error about a datagram that was sent, back to its sender. */
  icmp(about: Sent, fields: IcmpFields): number {
    const v6 = isIpv6(about.source);
    const quoted = about.datagram.subarray(
      0,
      Math.min(about.datagram.length, fields.quoteBytes ?? about.datagram.length),
    );
    const message = icmpError(
      v6,
      fields.type,
      fields.code,
      quoted,
      fields.mtu ?? 0,
      fields.from,
      about.source,
    );
    const ttl = fields.ttl ?? 64;
    const header = v6
      ? ipv6Header(fields.from, about.source, 58, message.length, ttl)
      : ipv4Header(fields.from, about.source, 1, message.length, ttl, 0x3000 + this.frames.length);
    return this.push(fields.at, fields.from, concat(header, message));
  }

  /** Any other UDP datagram (e.g. NTP from the server: proof the host is up). */
  udp(
    at: number,
    source: string,
    destination: string,
    sourcePort: number,
    destinationPort: number,
    ttl = 64,
  ): number {
    const datagram = this.datagram(
      source,
      destination,
      sourcePort,
      destinationPort,
      'UDP',
      new Uint8Array(48),
      ttl,
      0x4000 + this.frames.length,
    );
    return this.push(at, source, datagram);
  }

  frameList(): Frame[] {
    return [...this.frames];
  }

  packets(): DecodedPacket[] {
    return this.frames.map((frame) => dissect(frame));
  }

  private datagram(
    source: string,
    destination: string,
    sourcePort: number,
    destinationPort: number,
    transport: 'UDP' | 'TCP',
    payload: Uint8Array,
    ttl: number,
    identification: number,
  ): Uint8Array {
    const segment =
      transport === 'UDP'
        ? udp(source, destination, sourcePort, destinationPort, payload)
        : tcp(source, destination, sourcePort, destinationPort, payload);
    const protocol = transport === 'UDP' ? 17 : 6;
    const header = isIpv6(source)
      ? ipv6Header(source, destination, protocol, segment.length, ttl)
      : ipv4Header(source, destination, protocol, segment.length, ttl, identification);
    return concat(header, segment);
  }

  private push(at: number, source: string, datagram: Uint8Array): number {
    const data = concat(ethernet(isIpv6(source) ? 0x86dd : 0x0800), datagram);
    const microseconds = Math.round(at * 1_000_000);
    const whole = Math.floor(microseconds / 1_000_000);
    const number = this.frames.length + 1;
    this.frames.push({
      number,
      seconds: baseSeconds + whole,
      nanoseconds: (microseconds - whole * 1_000_000) * 1000,
      capturedLength: data.length,
      originalLength: data.length,
      linkType: LinkType.EN10MB,
      interfaceIndex: 0,
      data,
    });
    return number;
  }
}
