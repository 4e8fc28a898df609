import { LinkType } from '../model/frame';
import type { Layer } from '../model/layers';
import type { DecodedPacket } from '../model/packet';
import { parseDnsText } from './tcpdump-text-dns';
import { parseIcmpText, type IcmpText } from './tcpdump-text-icmp';
import {
  IpProtocol,
  NO_BYTES,
  UnreadableText,
  ipLayer,
  parseIpDetails,
  tcpLayer,
  transportLength,
  udpLayer,
  type IpDetails,
} from './tcpdump-text-layers';
import { RECORD_START } from './tcpdump-text-lines';
import { portFromText } from './tcpdump-text-names';

/**
 * One packet of a tcpdump text log, read back into the packet model: the layers carry what
 * the text carries (addresses, ports, DNS id, flags, question, answers, the ICMP type and
 * code, and what an ICMP error names about the datagram it quotes). Accepts the default
 * output and `-n`, `-tttt`, `-tt`, `--nano`, `-#`, `-e`, `-q`, `-v`/`-vv` (the
 * continuation lines joined to the first), and `-i any` interface prefixes.
 */

export interface TcpdumpTextPacket {
  /** Seconds since 1970 when the line is dated (-tttt, -tt); else seconds since midnight. */
  seconds: number;
  nanoseconds: number;
  dated: boolean;
  layers: Layer[];
  quoted?: Layer[];
  /** The IP packet's length as the text implies it (header plus payload), 0 when unknown. */
  length: number;
  /** Things read with a caveat, e.g. a service name we do not know. */
  notes: string[];
}

export type TcpdumpTextResult = { packet: TcpdumpTextPacket } | { error: string };

/** `text` is one packet: its line, and for -v its continuation lines joined by "\n". */
export function parseTcpdumpText(text: string): TcpdumpTextResult {
  try {
    return { packet: readPacket(text) };
  } catch (error) {
    if (error instanceof UnreadableText) return { error: error.message };
    throw error;
  }
}

export interface TcpdumpLineOptions {
  /** The date of an undated line, `YYYY-MM-DD`; default 1970-01-01. */
  date?: string;
  /** Frame number to give the packet; default 1. */
  frameNumber?: number;
  /** Line number in the log, for `origin`; default 1. */
  lineNumber?: number;
}

/** One line (or -v record) to a DecodedPacket: frame with no bytes, link type RAW, origin set. */
export function parseTcpdumpLine(
  text: string,
  options: TcpdumpLineOptions = {},
): { packet: DecodedPacket; notes: string[] } | { error: string } {
  const result = parseTcpdumpText(text);
  if ('error' in result) return result;
  const dayStart = result.packet.dated ? 0 : dayStartSeconds(options.date ?? '1970-01-01');
  return {
    packet: toDecodedPacket(result.packet, {
      frameNumber: options.frameNumber ?? 1,
      lineNumber: options.lineNumber ?? 1,
      text,
      secondsOffset: dayStart,
    }),
    notes: result.packet.notes,
  };
}

/** Unix seconds at 00:00 UTC of a `YYYY-MM-DD` date; throws on anything else. */
export function dayStartSeconds(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const milliseconds = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : NaN;
  if (!match || Number.isNaN(milliseconds) || new Date(milliseconds).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`not a date: "${date}" (expected YYYY-MM-DD)`);
  }
  return milliseconds / 1000;
}

export function toDecodedPacket(
  parsed: TcpdumpTextPacket,
  where: { frameNumber: number; lineNumber: number; text: string; secondsOffset: number },
): DecodedPacket {
  const packet: DecodedPacket = {
    frame: {
      number: where.frameNumber,
      seconds: parsed.seconds + where.secondsOffset,
      nanoseconds: parsed.nanoseconds,
      capturedLength: 0,
      originalLength: parsed.length,
      linkType: LinkType.RAW,
      interfaceIndex: 0,
      data: NO_BYTES,
    },
    layers: parsed.layers,
    origin: { kind: 'tcpdump-text', line: where.lineNumber, text: where.text },
  };
  if (parsed.quoted) packet.quoted = parsed.quoted;
  // Only the packet's own layers: a quoted datagram is cut short by design (RFC 792).
  const truncated = parsed.layers.find((layer) => layer.truncated)?.truncated;
  if (truncated) packet.truncated = truncated;
  return packet;
}

function readPacket(record: string): TcpdumpTextPacket {
  // -X/-x hex dump lines carry bytes we cannot trust to be whole; the words say enough.
  const lines = record.split('\n').filter((line, index) => index === 0 || !/^\s*0x[0-9a-f]{4}:\s/.test(line));
  const text = lines.join(' ');
  const start = RECORD_START.exec(text);
  if (!start) throw new UnreadableText('no tcpdump time stamp at the start of the line');
  const time = readTime(start);
  const notes: string[] = [];
  let rest = text.slice(start[0].length);
  // One space between words, as in a one-line record (-v continuations are indented).
  if (/\s\s|[\t\n\r]/.test(rest)) rest = rest.replace(/\s+/g, ' ');
  const body = readBody(rest.trim(), notes);
  const packet: TcpdumpTextPacket = {
    seconds: time.seconds,
    nanoseconds: time.nanoseconds,
    dated: time.dated,
    layers: body.layers,
    length: body.length,
    notes,
  };
  if (body.quoted) packet.quoted = body.quoted;
  return packet;
}

function readTime(start: RegExpExecArray): { seconds: number; nanoseconds: number; dated: boolean } {
  const [, , year, month, day, hours, minutes, seconds, fraction, unixSeconds, unixFraction] = start;
  const nanoseconds = (digits: string | undefined): number => (digits ? Number(digits.padEnd(9, '0')) : 0);
  if (unixSeconds !== undefined) {
    return { seconds: Number(unixSeconds), nanoseconds: nanoseconds(unixFraction), dated: true };
  }
  const hour = Number(hours);
  const minute = Number(minutes);
  const second = Number(seconds);
  if (hour > 23 || minute > 59 || second > 60)
    throw new UnreadableText(`bad time of day ${hours}:${minutes}:${seconds}`);
  const ofDay = hour * 3600 + minute * 60 + second;
  if (year !== undefined) {
    const date = `${year}-${month}-${day}`;
    let dayStart: number;
    try {
      dayStart = dayStartSeconds(date);
    } catch {
      throw new UnreadableText(`bad date ${date}`);
    }
    return { seconds: dayStart + ofDay, nanoseconds: nanoseconds(fraction), dated: true };
  }
  return { seconds: ofDay, nanoseconds: nanoseconds(fraction), dated: false };
}

interface Body {
  layers: Layer[];
  quoted?: Layer[];
  length: number;
}

/** Everything after the time stamp. */
function readBody(text: string, notes: string[]): Body {
  // `-i any` (Linux cooked v2): interface name and direction before the protocol.
  let rest = text.replace(/^(?:[\w.:@-]+ )?(?:In|Out|B|M|P) (?=IP6? |ARP|[0-9a-f]{2}:)/, '');
  const prefix = /^(IP6?) /.exec(rest);
  if (prefix) return readIp(prefix[1] === 'IP' ? 4 : 6, rest.slice(prefix[0].length), notes);
  if (/^ip6?: /.test(rest)) {
    // -e on raw IP (LINKTYPE_RAW) prints "ip: " whatever the version; the address tells.
    rest = rest.slice(rest.indexOf(' ') + 1);
    return readIp(/^[^\s>]*:/.test(rest.replace(/^\([^)]*\) /, '')) ? 6 : 4, rest, notes);
  }
  // -e: a link header (Ethernet, VLAN tags, switch tags), then the first IP ethertype;
  // BSD loopback and NFLOG say "family IPv4 (2)" instead.
  const ethertype =
    /(?:ethertype (IPv4|IPv6) \(0x(?:0800|86dd)\)|family (IPv4|IPv6) \(\d+\)), (?:length \d+: )?/.exec(rest);
  if (ethertype) {
    const version = (ethertype[1] ?? ethertype[2]) === 'IPv4' ? 4 : 6;
    return readIp(version, rest.slice(ethertype.index + ethertype[0].length), notes);
  }
  const other = /ethertype ([^,]+)/.exec(rest);
  if (other) throw new UnreadableText(`not an IP packet (ethertype ${other[1]})`);
  // Other link headers tcpdump prints before "IP" (PKTAP, DSA, Broadcom tags, ...).
  const embedded = /(?:^|[\s,:])(IP6?) (?=\(|\S+ > \S+:)/.exec(rest);
  if (embedded)
    return readIp(embedded[1] === 'IP' ? 4 : 6, rest.slice(embedded.index + embedded[0].length), notes);
  const word = /^[^\s,:]+/.exec(rest)?.[0] ?? '';
  throw new UnreadableText(word ? `not an IP packet (${word})` : 'nothing after the time stamp');
}

/** `[(details)] source > destination: payload`, where -v puts IP details in parentheses. */
function readIp(version: 4 | 6, text: string, notes: string[]): Body {
  // Malformed headers: tcpdump says so, then prints what it could.
  let rest = text.replace(/^(?:truncated-ip - \d+ bytes missing! |\[[^\]]*length[^\]]*\] \(invalid\) )/, '');
  let details: IpDetails | undefined;
  if (rest.startsWith('(')) {
    const end = closingParenthesis(rest);
    details = parseIpDetails(rest.slice(1, end));
    rest = rest.slice(end + 1).trim();
  }
  const endpoints = /^(\S+) > (\S+?):(?: |$)/.exec(rest);
  if (!endpoints) throw new UnreadableText('expected "source > destination:"');
  const payload = stripChecksumNotes(rest.slice(endpoints[0].length).trim());
  const sourceText = endpoints[1]!;
  const destinationText = endpoints[2]!;

  const icmp6 = /(?:^|\s)ICMP6, /.exec(payload);
  if (version === 6 && icmp6) {
    const icmp = parseIcmpText(payload.slice(icmp6.index + icmp6[0].length), 'icmpv6');
    return icmpBody(version, sourceText, destinationText, icmp, details, notes);
  }
  if (version === 4 && payload.startsWith('ICMP ')) {
    const icmp = parseIcmpText(payload.slice(5), 'icmp');
    return icmpBody(version, sourceText, destinationText, icmp, details, notes);
  }
  const source = splitEndpoint(sourceText, version, notes);
  const destination = splitEndpoint(destinationText, version, notes);
  if (source.port === undefined || destination.port === undefined) {
    // Neither TCP nor UDP (GRE, ESP, IGMP, fragments ...): the addresses are what we know.
    const layers: Layer[] = [
      ipLayer(version, source.address, destination.address, details?.protocol ?? 0, undefined, details),
    ];
    return { layers, length: ipLength(version, details, undefined) };
  }
  const transport = readTransport(payload, source.port, destination.port, details?.protocol);
  const length = transportLength(transport);
  const protocol = transport[0]!.kind === 'tcp' ? IpProtocol.TCP : IpProtocol.UDP;
  const layers: Layer[] = [
    ipLayer(version, source.address, destination.address, protocol, length, details),
    ...transport,
  ];
  return { layers, length: ipLength(version, details, length) };
}

/** TCP (`Flags [P.], seq ..., length N [DNS]`, or -q `tcp N`), else UDP, with DNS on its ports. */
function readTransport(
  payload: string,
  sourcePort: number,
  destinationPort: number,
  protocol?: number,
): Layer[] {
  const dnsPort = isDnsPort(sourcePort) || isDnsPort(destinationPort);
  const cut = /^\[\|(\w+)\]$/.exec(payload);
  if (cut) {
    // tcpdump ran out of bytes right after the ports (typical of a datagram an ICMP error quotes).
    const why = `tcpdump printed [|${cut[1]}]: the packet was cut short`;
    const layer =
      protocol === IpProtocol.TCP || cut[1] === 'tcp'
        ? tcpLayer({ sourcePort, destinationPort })
        : udpLayer(sourcePort, destinationPort, undefined);
    layer.truncated = why;
    return [layer];
  }
  const tcp = /^Flags \[([^\]]*)\](.*?)(?:, length (\d+)(?: (.*))?)?$/.exec(payload);
  if (tcp) {
    const fields = tcp[2]!;
    const number = (pattern: RegExp): number | undefined => {
      const match = pattern.exec(fields);
      return match ? Number(match[1]) : undefined;
    };
    const layers: Layer[] = [
      tcpLayer({
        sourcePort,
        destinationPort,
        flags: tcpFlags(tcp[1]!),
        sequence: number(/\bseq (\d+)/) ?? 0,
        acknowledgment: number(/\back (\d+)/) ?? 0,
        window: number(/\bwin (\d+)/) ?? 0,
        urgentPointer: number(/\burg (\d+)/) ?? 0,
        payloadLength: tcp[3] ? Number(tcp[3]) : 0,
      }),
    ];
    const application = tcp[4]?.trim();
    if (application && dnsPort) layers.push(parseDnsText(application, 'tcp'));
    return layers;
  }
  const quiet = /^tcp (\d+)$/.exec(payload);
  if (quiet) return [tcpLayer({ sourcePort, destinationPort, payloadLength: Number(quiet[1]) })];
  const invalid = /^domain \[([^\]]*)\] \(invalid\)$/.exec(payload);
  if (invalid) {
    const layer = udpLayer(sourcePort, destinationPort, undefined);
    layer.truncated = `tcpdump printed "domain [${invalid[1]}] (invalid)": no DNS message to read`;
    return [layer];
  }
  const udp = /^UDP, length (\d+)$/.exec(payload);
  if (udp) return [udpLayer(sourcePort, destinationPort, Number(udp[1]))];
  if (dnsPort || looksLikeDns(payload)) {
    const dns = parseDnsText(payload, 'udp');
    return [udpLayer(sourcePort, destinationPort, dns.length || undefined), dns];
  }
  // tcpdump prints every TCP segment with "Flags [" (or "tcp" with -q); anything else with
  // ports is UDP whose application tcpdump decoded (NTP, DHCP, SNMP, ...).
  const printedLength = /, length (\d+)$/.exec(payload);
  return [udpLayer(sourcePort, destinationPort, printedLength ? Number(printedLength[1]) : undefined)];
}

function icmpBody(
  version: 4 | 6,
  sourceText: string,
  destinationText: string,
  icmp: IcmpText,
  details: IpDetails | undefined,
  notes: string[],
): Body {
  const source = sourceText;
  const destination = destinationText;
  const protocol = version === 4 ? IpProtocol.ICMP : IpProtocol.ICMPV6;
  const layers: Layer[] = [ipLayer(version, source, destination, protocol, icmp.length, details), icmp.layer];
  const body: Body = { layers, length: ipLength(version, details, icmp.length) };
  const quoted = quotedLayers(version, destination, icmp, notes);
  if (quoted) body.quoted = quoted;
  return body;
}

/**
 * The datagram an ICMP error quotes. With -v tcpdump prints it whole (its own IP details
 * and `source > destination: ...`), and we read it like a packet. Otherwise the message
 * names its destination and perhaps protocol and port; its source is the host the error
 * went to, and its source port is unknown (0) until analysis matches the query.
 */
function quotedLayers(
  version: 4 | 6,
  errorDestination: string,
  icmp: IcmpText,
  notes: string[],
): Layer[] | undefined {
  const printed = /^(?:IP6? )?\(/.test(icmp.rest) ? icmp.rest.replace(/^IP6? /, '') : undefined;
  if (printed) {
    try {
      return readIp(version, printed, notes).layers;
    } catch (error) {
      if (!(error instanceof UnreadableText)) throw error;
      notes.push(
        `the quoted datagram could not be read (${error.message}); kept what the ICMP message names`,
      );
    }
  }
  const hint = icmp.quoted;
  if (!hint) return undefined;
  const layers: Layer[] = [ipLayer(version, errorDestination, hint.destination, hint.protocol, undefined)];
  if (hint.destinationPort !== undefined) {
    if (hint.protocol === IpProtocol.UDP) layers.push(udpLayer(0, hint.destinationPort, undefined));
    else if (hint.protocol === IpProtocol.TCP)
      layers.push(tcpLayer({ sourcePort: 0, destinationPort: hint.destinationPort }));
  }
  return layers;
}

/**
 * `192.0.2.1.53`, `2001:db8::1.53`, `host.example.com.domain`: the address and, when the
 * last dot-separated part is a port (number or service name), the port.
 */
function splitEndpoint(text: string, version: 4 | 6, notes: string[]): { address: string; port?: number } {
  const dot = text.lastIndexOf('.');
  if (dot === -1) return { address: text };
  const address = text.slice(0, dot);
  const portText = text.slice(dot + 1);
  const dots = text.split('.').length - 1;
  const numericIpv4 = /^\d+(?:\.\d+)*$/.test(address) && version === 4;
  const ipv6Literal = version === 6 && text.includes(':');
  // A dotted quad has three dots; an IPv6 literal has none, or three for an embedded IPv4.
  const mustBePort = (numericIpv4 && dots === 4) || (ipv6Literal && (dots === 1 || dots === 4));
  const cannotBePort = (numericIpv4 && dots === 3) || (ipv6Literal && (dots === 0 || dots === 3));
  if (cannotBePort) return { address: text };
  const port = portFromText(portText);
  if (port !== undefined) return { address, port };
  if (mustBePort) {
    notes.push(`unknown service name "${portText}" in "${text}": port read as 0`);
    return { address, port: 0 };
  }
  return { address: text };
}

function ipLength(version: 4 | 6, details: IpDetails | undefined, payloadLength: number | undefined): number {
  if (details?.length !== undefined) return version === 4 ? details.length : 40 + details.length;
  if (payloadLength === undefined) return 0;
  return (version === 4 ? 20 : 40) + payloadLength;
}

/** tcpdump's flag letters (print-tcp.c): S F P R U E W, and "." for ACK. */
function tcpFlags(text: string): number {
  const bits: Record<string, number> = {
    F: 0x01,
    S: 0x02,
    R: 0x04,
    P: 0x08,
    '.': 0x10,
    U: 0x20,
    E: 0x40,
    W: 0x80,
  };
  if (text === 'none') return 0;
  let flags = 0;
  for (const character of text) flags |= bits[character] ?? 0;
  return flags;
}

/** DNS (53), mDNS (5353) and LLMNR (5355), which tcpdump prints with print-domain.c. */
function isDnsPort(port: number): boolean {
  return port === 53 || port === 5353 || port === 5355;
}

/** For `-T domain` on other ports: an id with flags, then a question or the counts. */
function looksLikeDns(payload: string): boolean {
  return /^\d{1,5}[+*\-|$%]*(?: [A-Za-z_]+\d*[+*\-|$%]*)*(?: \[[^\]]+\])* (?:q: )?(?:[A-Za-z0-9_]+\?|\d+\/\d+\/\d+ )/.test(
    payload,
  );
}

/** -v and -vv print checksum verdicts before the payload: `[udp sum ok]`, `[bad udp cksum ...]`. */
function stripChecksumNotes(payload: string): string {
  return payload.replace(/^(?:\[(?:bad [a-z0-9]+ cksum [^\]]*|[a-z0-9]+ sum ok|no cksum)\] ?)+/, '').trim();
}

function closingParenthesis(text: string): number {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '(') depth++;
    else if (text[index] === ')' && --depth === 0) return index;
  }
  throw new UnreadableText('unbalanced parentheses in the IP details');
}
