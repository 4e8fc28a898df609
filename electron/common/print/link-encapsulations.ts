import { etherTypeNames, etherTypeText } from './ethertype-names';
import { printHexAndAscii } from './hex-dump';
import { printIpv4 } from './ipv4';
import { printIpv6 } from './ipv6';
import { printMpls } from './mpls';
import { printByEtherType } from './network-dispatch';
import { type PrintContext, truncatedSignal } from './print-context';

/**
 * Less common link types, each a small header before IP, as tcpdump 4.99 prints them (their
 * header only with -e): Solaris IPNET (226), Linux NFLOG (239), IP over InfiniBand (242),
 * Cisco HDLC (104) and PPP (9, and 50 for PPP in HDLC-like framing).
 */

/** LINKTYPE_IPNET: 24 bytes, zone ids and an address family (2 IPv4, 26 IPv6). */
export function printIpnet(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'ipnet';
  context.need(offset, 24);
  const family = context.byte(offset + 1);
  const familyName = family === 2 ? 'IPv4' : family === 26 ? 'IPv6' : undefined;
  const header =
    `${context.uint32(offset + 16)} > ${context.uint32(offset + 20)}` +
    (context.quiet
      ? `, ${familyName ?? `Unknown Ethertype (0x${family.toString(16).padStart(4, '0')})`}`
      : `, family ${familyName ?? 'Unknown'} (${family})`) +
    `, length ${length}: `;
  if (context.linkHeader) context.print(header);
  if (family === 2) printIpv4(context, offset + 24, length - 24);
  else if (family === 26) printIpv6(context, offset + 24, length - 24);
  else {
    if (!context.linkHeader) context.print(header);
    printHexAndAscii(context, offset + 24, '\n\t', length - 24);
  }
}

/**
 * LINKTYPE_NFLOG: a 4-byte header (family, version, resource id) and type-length-value
 * attributes in the capturing host's byte order, 4-byte aligned; type 9 is the packet.
 */
export function printNflog(context: PrintContext, start: number, total: number): void {
  context.protocol = 'nflog';
  context.need(start, 4);
  const family = context.byte(start);
  const version = context.byte(start + 1);
  if (version !== 0) {
    context.print(`version ${version} (unknown)`);
    return;
  }
  const familyName = family === 2 ? 'IPv4' : family === 10 ? 'IPv6' : undefined;
  const header = (length: number) =>
    `version ${version}, resource ID ${context.uint16(start + 2)}` +
    (context.quiet
      ? `, ${familyName ?? `Unknown NFLOG (0x${family.toString(16).padStart(2, '0')})`}`
      : `, family ${familyName ?? 'Unknown'} (${family})`) +
    `, length ${length}: `;
  if (context.linkHeader) context.print(header(total));
  let offset = start + 4;
  let length = total - 4;
  const data = context.data;
  while (length > 0) {
    context.need(offset, 4);
    let size = data[offset]! | (data[offset + 1]! << 8);
    if (size % 4 !== 0) size += 4 - (size % 4);
    if (size < 4 || !context.has(offset, size)) throw truncatedSignal;
    if ((data[offset + 2]! | (data[offset + 3]! << 8)) === 9) {
      offset += 4;
      length -= 4;
      break;
    }
    offset += size;
    length -= size;
  }
  if (family === 2) printIpv4(context, offset, length);
  else if (family === 10) printIpv6(context, offset, length);
  else {
    if (!context.linkHeader) context.print(header(length + 4));
    printHexAndAscii(context, offset, '\n\t', length);
  }
}

/** LINKTYPE_IPOIB (RFC 4391): a 44-byte header whose last 4 bytes carry the EtherType. */
export function printIpOverInfiniband(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'ipoib';
  if (!context.has(offset, 44) || length < 44) {
    context.printTruncated();
    return;
  }
  const etherType = context.uint16(offset + 40);
  const header = `IPOIB, ethertype ${context.quiet ? (etherTypeNames.get(etherType) ?? 'Unknown') : etherTypeText(etherType)}, length ${length}: `;
  if (context.linkHeader) context.print(header);
  if (printByEtherType(context, etherType, offset + 44, length - 44)) return;
  if (!context.linkHeader) context.print(header);
  printHexAndAscii(context, offset + 44, '\n\t', length - 44);
}

/** LINKTYPE_C_HDLC: address (unicast 0x0f, broadcast 0x8f), control, EtherType. */
export function printCiscoHdlc(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'chdlc';
  context.need(offset, 4);
  const address = context.byte(offset);
  const protocol = context.uint16(offset + 2);
  if (context.linkHeader) {
    const cast =
      address === 0x0f
        ? 'unicast'
        : address === 0x8f
          ? 'bcast'
          : `0x${address.toString(16).padStart(2, '0')}`;
    context.print(`${cast}, ethertype ${etherTypeText(protocol)}, length ${length}: `);
  }
  if (protocol === 0x8847 || protocol === 0x8848) printMpls(context, offset + 4, length - 4);
  else if (!printByEtherType(context, protocol, offset + 4, length - 4) && !context.linkHeader) {
    context.print(`unknown CHDLC protocol (0x${protocol.toString(16).padStart(4, '0')})`);
  }
}

const pppProtocolNames: ReadonlyMap<number, string> = new Map([
  [0x0021, 'IP'],
  [0x0057, 'IPV6'],
  [0x0281, 'MPLS'],
  [0x0283, 'MPLS'],
  [0xc021, 'LCP'],
  [0x8021, 'IPCP'],
  [0x8057, 'IP6CP'],
  [0xc023, 'PAP'],
  [0xc223, 'CHAP'],
]);

/** LINKTYPE_PPP / PPP_HDLC (RFC 1661, RFC 1662): address and control, then the protocol. */
export function printPpp(context: PrintContext, start: number, total: number): void {
  context.protocol = 'ppp';
  let offset = start;
  let length = total;
  if (length < 2) throw truncatedSignal;
  const header = context.uint16(offset);
  if (header === 0xff03 || header === 0x0003 || header === 0x0103) {
    // All-stations address and UI control (RFC 1662 §3.1), or pppd's direction markers.
    if (context.linkHeader && header !== 0xff03) context.print(header === 0x0003 ? 'In  ' : 'Out ');
    offset += 2;
    length -= 2;
  }
  let protocol: number;
  if (context.byte(offset) % 2) {
    // Protocol-field compression (RFC 1661 §6.5): one byte.
    protocol = context.byte(offset);
    offset += 1;
    length -= 1;
  } else {
    protocol = context.uint16(offset);
    offset += 2;
    length -= 2;
  }
  if (context.linkHeader) {
    const name = pppProtocolNames.get(protocol);
    context.print(`${name ?? 'unknown'} (0x${protocol.toString(16).padStart(4, '0')}), length ${total}`);
    if (!name) return;
    context.print(': ');
  }
  if (protocol === 0x0021) printIpv4(context, offset, length);
  else if (protocol === 0x0057) printIpv6(context, offset, length);
  else if (protocol === 0x0281 || protocol === 0x0283) printMpls(context, offset, length);
  else {
    context.print(
      `${pppProtocolNames.get(protocol) ?? `unknown PPP protocol (0x${protocol.toString(16).padStart(4, '0')})`} `,
    );
    printHexAndAscii(context, offset, '\n\t', length);
  }
}
