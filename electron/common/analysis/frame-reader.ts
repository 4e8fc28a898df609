/**
 * The analysis's fast path: fills a LayerView straight from a frame's bytes for the stacks
 * that make up nearly all traffic (Ethernet with or without VLAN tags, Linux cooked v1/v2,
 * BSD loopback and raw IP; IPv4 without fragments or IPv6 without extension headers; UDP or
 * TCP), reading only the dozen fields the analysis uses instead of building every layer.
 * A DNS message over UDP gets its header and first question read into a reused DnsFacts;
 * the rest of the message is read (readDnsMessage) only when a response carries additional
 * records, since EDNS's OPT record holds the upper bits of the rcode (RFC 6891 §6.1.3).
 *
 * An ICMP or ICMPv6 message is read by its own decoder, and the datagram an error quotes is
 * read the same way into a second view (or dissected, when it is cut short, as quotes often
 * are). Anything else (tunnels; fragments; IPv6 extension headers; DNS over TCP; anything
 * cut short or malformed) returns false, and the caller dissects the frame as usual. The
 * choices here mirror decode/next-layer.ts for these stacks (tunnels are found in its table);
 * test/analysis/frame-reader.test.ts and the hostile suite's mutations hold every field equal
 * to what the dissector's layers give.
 */
import { dissectLayers } from '../decode/dissect';
import { readDnsMessage } from '../decode/dns-message';
import { decodeIcmp, icmpQuoteEnd, isIcmpError, nextHopMtu } from '../decode/icmp';
import { decodeIcmpv6 } from '../decode/icmpv6';
import { icmpHeaderLength } from '../decode/icmp-short-header';
import { ipProtocolKey } from '../decode/decode-result';
import { nextDecoder } from '../decode/next-layer';
import { nameResult, readCachedName, readName, startMessage } from '../decode/dns-name';
import { ipv4Key, ipv4TextOfKey, ipv6Text } from '../decode/address-text';
import type { Frame } from '../model/frame';
import type { DnsFacts, IcmpFacts, LayerView } from './layer-view';

const ipv4Type = 0x0800;
const ipv6Type = 0x86dd;
/** Smallest value that is an EtherType rather than an 802.3 length (IEEE 802.3 §3.2.6). */
const minimumEtherType = 0x0600;
/** ARPHRD_NETLINK: the cooked header's protocol is then a netlink family. */
const arphrdNetlink = 824;
/** More stacked VLAN tags than this: leave it to the dissector. */
const maximumTags = 8;

const udp = 17;
const tcp = 6;
const icmp = 1;
const icmpv6 = 58;

/** One reused DnsFacts with one reused question: the fast path allocates no DNS objects. */
const facts: DnsFacts & { questions: { name: string; type: number; class: number }[] } = {
  id: 0,
  response: false,
  rcode: 0,
  recursionDesired: false,
  recursionAvailable: false,
  questions: [{ name: '', type: 0, class: 0 }],
  nameEntry: -1,
};
const factsQuestion = facts.questions[0]!;

function isTagProtocol(etherType: number): boolean {
  return etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100 || etherType === 0x9200;
}

/** The IP version ipOffset found (4 or 6). */
let ipVersionFound = 0;

function afterEtherType(data: Uint8Array, end: number, offset: number, etherType: number): number {
  let at = offset;
  let type = etherType;
  for (let tags = 0; isTagProtocol(type); tags++) {
    if (tags === maximumTags || at + 4 > end) return -2;
    type = (data[at + 2]! << 8) | data[at + 3]!;
    at += 4;
  }
  if (type === ipv4Type) ipVersionFound = 4;
  else if (type === ipv6Type) ipVersionFound = 6;
  else return -1;
  return at;
}

/**
 * Offset of the IP header within `data` after the link layer of the frame in data[start, end),
 * -1 when the frame carries no IP the dissector would decode (the view then stays empty, as
 * with the layers), or -2 when only the dissector can tell. The IP version is left in
 * `ipVersionFound`.
 */
function ipOffset(linkType: number, data: Uint8Array, start: number, end: number): number {
  const length = end - start;
  switch (linkType) {
    case 1: // EN10MB
      if (length < 14) return -2;
      return afterEtherType(data, end, start + 14, (data[start + 12]! << 8) | data[start + 13]!);
    case 113: {
      // LINUX_SLL
      if (length < 16) return -2;
      const protocol = (data[start + 14]! << 8) | data[start + 15]!;
      if (protocol < minimumEtherType || ((data[start + 2]! << 8) | data[start + 3]!) === arphrdNetlink)
        return -1;
      return afterEtherType(data, end, start + 16, protocol);
    }
    case 276: {
      // LINUX_SLL2
      if (length < 20) return -2;
      const protocol = (data[start]! << 8) | data[start + 1]!;
      if (protocol < minimumEtherType || ((data[start + 8]! << 8) | data[start + 9]!) === arphrdNetlink)
        return -1;
      return afterEtherType(data, end, start + 20, protocol);
    }
    case 0: // NULL
    case 108: {
      // LOOP: the family in either byte order (decode/loopback.ts).
      if (length < 4) return -2;
      const family =
        data[start] === 0 && data[start + 1] === 0
          ? (data[start + 2]! << 8) | data[start + 3]!
          : (data[start]! | (data[start + 1]! << 8) | (data[start + 2]! << 16) | (data[start + 3]! << 24)) >>>
            0;
      if (family === 2) ipVersionFound = 4;
      else if (family === 24 || family === 28 || family === 30) ipVersionFound = 6;
      else return -1;
      return start + 4;
    }
    case 101: {
      // RAW: the version nibble decides.
      if (length === 0) return -1;
      const version = data[start]! >> 4;
      if (version !== 4 && version !== 6) return -1;
      ipVersionFound = version;
      return start;
    }
    case 228: // IPV4
      ipVersionFound = 4;
      return start;
    case 229: // IPV6
      ipVersionFound = 6;
      return start;
    default:
      return -2;
  }
}

/**
 * The DNS message in data[start, end): its header and first question in the reused `facts`,
 * or the full reader's layer when only it can answer (a header cut short, not exactly one
 * question, a question cut short, a response with additional records).
 */
function readDns(data: Uint8Array, start: number, end: number): DnsFacts {
  if (end - start < 12) return readDnsMessage(data.subarray(start, end), 'udp', false);
  const flags = (data[start + 2]! << 8) | data[start + 3]!;
  const response = (flags & 0x8000) !== 0;
  const questionCount = (data[start + 4]! << 8) | data[start + 5]!;
  const additionalCount = (data[start + 10]! << 8) | data[start + 11]!;
  if (questionCount !== 1 || (response && additionalCount !== 0))
    return readDnsMessage(data.subarray(start, end), 'udp', false);
  // The question's name by its wire bytes, when seen before; else the long way, in a view of
  // the message (compression pointers count from its start).
  let nameEnd = readCachedName(data, start + 12, end);
  if (nameEnd < 0) {
    const message = data.subarray(start, end);
    startMessage(message);
    const relativeEnd = readName(message, 12);
    if (relativeEnd < 0) return readDnsMessage(message, 'udp', false);
    nameEnd = start + relativeEnd;
  }
  if (nameEnd + 4 > end) return readDnsMessage(data.subarray(start, end), 'udp', false);
  facts.id = (data[start]! << 8) | data[start + 1]!;
  facts.response = response;
  facts.rcode = flags & 0x0f;
  facts.recursionDesired = (flags & 0x0100) !== 0;
  facts.recursionAvailable = (flags & 0x0080) !== 0;
  factsQuestion.name = nameResult.text;
  facts.nameEntry = nameResult.wireEntry;
  factsQuestion.type = (data[nameEnd]! << 8) | data[nameEnd + 1]!;
  factsQuestion.class = (data[nameEnd + 2]! << 8) | data[nameEnd + 3]!;
  return facts;
}

/** readFrameInto, or what stands in for it (frame-facts.ts's FactsReader). */
export type FrameReader = (view: LayerView, quotedView: LayerView, frame: Frame) => boolean;

/**
 * Fills `view` from the frame's bytes, and `quotedView` from the datagram an ICMP error
 * quotes (emptied when there is none); false when the frame must go through the dissector.
 */
export function readFrameInto(view: LayerView, quotedView: LayerView, frame: Frame): boolean {
  const data = frame.data;
  return readRecordInto(view, quotedView, frame.linkType, data, 0, data.length);
}

/**
 * readFrameInto for a frame given as where its bytes are, data[start, end) (a parser's
 * RecordSink). Without `addressTexts`, IPv4 addresses are read as numbers only (view.sourceKey,
 * view.destinationKey; source and destination stay empty): the frame worker sends the numbers.
 */
export function readRecordInto(
  view: LayerView,
  quotedView: LayerView,
  linkType: number,
  data: Uint8Array,
  start: number,
  end: number,
  addressTexts = true,
): boolean {
  ipVersionFound = 0;
  withAddressTexts = addressTexts;
  const ip = ipOffset(linkType, data, start, end);
  if (ip === -2) return false;
  view.clear();
  quotedView.clear();
  if (ip === -1) return true;
  if (!readIpInto(view, data, ip, end, ipVersionFound)) return false;
  if (view.protocol === icmp && ipEnd - transportStart >= icmpHeaderLength) {
    readIcmpInto(view, quotedView, data, transportStart, ipEnd);
    return true;
  }
  if (view.protocol !== icmp && view.protocol !== icmpv6) return true;
  // ICMPv6, and a truncated ICMP header: the decoder itself (a pure function) reads the message
  // and finds the quote; the quoted datagram is read like a frame's, or dissected.
  const message = data.subarray(transportStart, ipEnd);
  const layer = view.protocol === icmp ? decodeIcmp(message).layer : decodeIcmpv6(message).layer;
  view.icmp = layer;
  const quote = layer.quoted;
  if (quote === undefined || quote.length === 0) return true;
  readQuoteInto(quotedView, quote, 0, quote.length, view.protocol === icmp ? 4 : 6);
  return true;
}

/** The fast path's ICMP facts: one object, reused (the analysis copies what it keeps), as for DNS. */
const icmpFacts: IcmpFacts & { mtu: number | undefined } = { kind: 'icmp', type: 0, code: 0, mtu: undefined };

/**
 * An ICMPv4 message data[start, end), whole header present, read where it lies: what
 * decodeIcmp would say of it (RFC 792), with no view or layer made for it, and the datagram an
 * error quotes read from its place too (icmp.ts's icmpQuoteEnd finds where it ends).
 */
function readIcmpInto(
  view: LayerView,
  quotedView: LayerView,
  data: Uint8Array,
  start: number,
  end: number,
): void {
  const type = data[start]!;
  const code = data[start + 1]!;
  icmpFacts.type = type;
  icmpFacts.code = code;
  icmpFacts.mtu = nextHopMtu(data, start, type, code);
  view.icmp = icmpFacts;
  if (!isIcmpError(type)) return;
  const quoteEnd = icmpQuoteEnd(data, start, end, type);
  if (quoteEnd > start + icmpHeaderLength)
    readQuoteInto(quotedView, data, start + icmpHeaderLength, quoteEnd, 4);
}

/** The datagram an ICMP error quotes, data[start, end): read like a frame's, or dissected. */
function readQuoteInto(
  quotedView: LayerView,
  data: Uint8Array,
  start: number,
  end: number,
  version: 4 | 6,
): void {
  // A quote of an ICMP message (an error about an error, or about an echo) has layers of its own.
  if (
    !readIpInto(quotedView, data, start, end, version) ||
    quotedView.protocol === icmp ||
    quotedView.protocol === icmpv6
  ) {
    quotedView.read(dissectLayers(data.subarray(start, end), version === 4 ? 'ipv4' : 'ipv6').layers);
  }
}

/** readRecordInto's `addressTexts`, for readIpInto. */
let withAddressTexts = true;

/** Where the transport header starts and the IP payload ends, from the last readIpInto. */
let transportStart = 0;
let ipEnd = 0;

/**
 * Reads the IP header at `ip` and what follows; false when only the dissector can. An ICMP
 * message is left for the caller (view.protocol says so).
 */
function readIpInto(view: LayerView, data: Uint8Array, ip: number, length: number, version: number): boolean {
  let end: number;
  let protocol: number;
  if (version === 4) {
    if (ip + 20 > length) return false;
    const first = data[ip]!;
    const headerLength = (first & 0x0f) * 4;
    if (first >> 4 !== 4 || headerLength < 20 || ip + headerLength > length) return false;
    const totalLength = (data[ip + 2]! << 8) | data[ip + 3]!;
    // A fragment, a length that disagrees with the bytes, or TSO's length 0: the dissector's job.
    if (totalLength < headerLength || ip + totalLength > length) return false;
    if (((data[ip + 6]! << 8) | data[ip + 7]!) & 0x3fff) return false;
    protocol = data[ip + 9]!;
    view.ipVersion = 4;
    const sourceKey = ipv4Key(data, ip + 12);
    const destinationKey = ipv4Key(data, ip + 16);
    if (withAddressTexts) {
      view.source = ipv4TextOfKey(sourceKey);
      view.destination = ipv4TextOfKey(destinationKey);
    }
    view.ipv4Keys = true;
    view.sourceKey = sourceKey;
    view.destinationKey = destinationKey;
    view.ttl = data[ip + 8]!;
    view.ipId = (data[ip + 4]! << 8) | data[ip + 5]!;
    transportStart = ip + headerLength;
    end = ip + totalLength;
  } else {
    if (ip + 40 > length || data[ip]! >> 4 !== 6) return false;
    const payloadLength = (data[ip + 4]! << 8) | data[ip + 5]!;
    if (payloadLength === 0 || ip + 40 + payloadLength > length) return false;
    protocol = data[ip + 6]!;
    view.ipVersion = 6;
    view.ipv4Keys = false;
    view.source = ipv6Text(data, ip + 8);
    view.destination = ipv6Text(data, ip + 24);
    view.ttl = data[ip + 7]!;
    view.ipId = 0;
    transportStart = ip + 40;
    end = ip + 40 + payloadLength;
  }
  ipEnd = end;
  view.protocol = protocol;
  const start = transportStart;
  if (protocol === udp) {
    if (start + 8 > end) return false;
    const udpLength = (data[start + 4]! << 8) | data[start + 5]!;
    if (udpLength < 8 || start + udpLength > end) return false;
    const sourcePort = (data[start]! << 8) | data[start + 1]!;
    const destinationPort = (data[start + 2]! << 8) | data[start + 3]!;
    view.transport = 'UDP';
    view.sourcePort = sourcePort;
    view.destinationPort = destinationPort;
    view.hasPorts = true;
    // mDNS and LLMNR are never analysed (dns-messages.ts); plain DNS on port 53 is.
    const linkLocal =
      sourcePort === 5353 || destinationPort === 5353 || sourcePort === 5355 || destinationPort === 5355;
    if (!linkLocal && udpLength > 8 && (sourcePort === 53 || destinationPort === 53)) {
      view.dns = readDns(data, start + 8, start + udpLength);
    }
    return true;
  }
  if (protocol === tcp) {
    if (start + 20 > end) return false;
    const headerLength = (data[start + 12]! >> 4) * 4;
    if (headerLength < 20 || start + headerLength > end) return false;
    const sourcePort = (data[start]! << 8) | data[start + 1]!;
    const destinationPort = (data[start + 2]! << 8) | data[start + 3]!;
    // DNS over TCP needs its length prefix and may span segments: the dissector's job.
    if (sourcePort === 53 || destinationPort === 53 || sourcePort === 5355 || destinationPort === 5355)
      return false;
    view.transport = 'TCP';
    view.sourcePort = sourcePort;
    view.destinationPort = destinationPort;
    view.hasPorts = true;
    return true;
  }
  // ICMP of the right version: the caller's. The other version's ICMP, any other protocol the
  // next-layer table decodes (IP in IP), and IPv6 extension headers: the dissector's job.
  if (protocol === icmp) return version === 4;
  if (protocol === icmpv6) return version === 6;
  if (nextDecoder(ipProtocolKey(protocol)) !== undefined) return false;
  if (
    version === 6 &&
    (protocol === 0 ||
      protocol === 43 ||
      protocol === 44 ||
      protocol === 51 ||
      protocol === 60 ||
      protocol === 59)
  )
    return false;
  return true;
}
