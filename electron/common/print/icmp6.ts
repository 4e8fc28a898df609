import { ipv6Text } from './address-text';
import { hex16 } from './hex-text';
import { printUnknownData } from './hex-dump';
import {
  printMulticastListener,
  printMulticastListenerQueryV2,
  printMulticastListenerReportV2,
} from './icmp6-multicast-listener';
import { printNeighborDiscoveryOptions } from './icmp6-neighbor-options';
import { printNodeInformation } from './icmp6-node-information';
import { printRouterRenumbering } from './icmp6-router-renumbering';
import { printRpl } from './icmp6-rpl';
import { flagNames, routerPreference } from './icmp6-flags';
import { icmp6TypeNames, icmp6UnreachableCodes } from './icmp6-names';
import { checksumShouldBe } from './internet-checksum';
import type { IpHeaderInfo } from './ip-header-info';
import type { PrintContext } from './print-context';
import { truncatedSignal } from './print-context';
import { transportChecksum } from './transport-checksum';

/**
 * ICMPv6 (RFC 4443; RFC 4861 neighbor discovery; RFC 2710/3810 MLD; RFC 4620 node information;
 * RFC 2894 router renumbering; RFC 6550 RPL) as tcpdump 4.99's icmp6_print:
 * "ICMP6, echo request, id 1, seq 1, length 64",
 * "ICMP6, destination unreachable, unreachable port, 2001:db8::2 udp port 53, length 56".
 * Unlike ICMP, tcpdump does not print the quoted datagram of an ICMPv6 error, even with -v.
 */

const routerAdvertisementFlags: [number, string][] = [
  [0x80, 'managed'],
  [0x40, 'other stateful'],
  [0x20, 'home agent'],
  [0x02, 'ipv6 only'],
];
const neighborAdvertisementFlags: [number, string][] = [
  [0x80000000, 'router'],
  [0x40000000, 'solicited'],
  [0x20000000, 'override'],
];

export function printIcmp6(context: PrintContext, offset: number, length: number, ip: IpHeaderInfo): void {
  context.protocol = 'icmp6';
  if (length === 0) {
    context.print('ICMP6, length 0');
    context.printInvalid();
    return;
  }
  const verbose = context.verbosity > 0;
  if (verbose && !ip.fragmented && context.has(offset, length)) {
    const field = context.uint16(offset + 2);
    const computed = transportChecksum(context.data, ip, 58, offset, length);
    if (computed !== 0)
      context.print(`[bad icmp6 cksum 0x${hex16(field)} -> 0x${hex16(checksumShouldBe(field, computed))}!] `);
    else context.print('[icmp6 sum ok] ');
  }
  const type = context.byte(offset);
  context.print(`ICMP6, ${icmp6TypeNames.get(type) ?? `unknown icmp6 type (${type})`}`);
  if (
    verbose &&
    (type === 133 ||
      type === 134 ||
      type === 136 ||
      type === 135 ||
      type === 137 ||
      type === 145 ||
      type === 147)
  ) {
    context.print(`, length ${length}`);
  }
  const code = context.byte(offset + 1);
  const quoted = offset + 8;
  const data = context.data;
  switch (type) {
    case 1:
      context.print(`, ${icmp6UnreachableCodes.get(code) ?? `unknown unreach code (${code})`}`);
      switch (code) {
        case 0:
        case 1:
        case 3:
          context.need(quoted + 24, 16);
          context.print(` ${ipv6Text(data, quoted + 24)}`);
          break;
        case 2:
          context.need(quoted + 8, 32);
          context.print(` ${ipv6Text(data, quoted + 24)}, source address ${ipv6Text(data, quoted + 8)}`);
          break;
        case 4: {
          const upper = upperLayer(context, quoted);
          if (!upper) throw truncatedSignal;
          const destinationPort = context.uint16(upper.offset + 2);
          context.need(quoted + 24, 16);
          const destination = ipv6Text(data, quoted + 24);
          if (upper.protocol === 6) context.print(`, ${destination} tcp port ${destinationPort}`);
          else if (upper.protocol === 17) context.print(`, ${destination} udp port ${destinationPort}`);
          else
            context.print(`, ${destination} protocol ${upper.protocol} port ${destinationPort} unreachable`);
          break;
        }
        default:
          if (context.verbosity <= 1) {
            printUnknownData(context, offset, '\n\t', length);
            return;
          }
      }
      break;
    case 2:
      context.print(`, mtu ${context.uint32(offset + 4)}`);
      break;
    case 3:
      if (code === 0) {
        context.need(quoted + 24, 16);
        context.print(` for ${ipv6Text(data, quoted + 24)}`);
      } else if (code === 1) context.print(' (reassembly)');
      else context.print(`, unknown code (${code})`);
      break;
    case 4: {
      context.need(quoted + 24, 16);
      const pointer = context.uint32(offset + 4);
      const texts = ['erroneous', 'next header', 'option', 'incomplete header chain'];
      context.print(code < 4 ? `, ${texts[code]} - octet ${pointer}` : `, code-#${code}`);
      break;
    }
    case 128:
    case 129:
      context.print(`, id ${context.uint16(offset + 4)}, seq ${context.uint16(offset + 6)}`);
      break;
    case 130:
      if (length === 24) printMulticastListener(context, offset);
      else if (length >= 28) {
        context.print(' v2');
        printMulticastListenerQueryV2(context, offset, length);
      } else context.print(` unknown-version (len ${length}) `);
      break;
    case 131:
    case 132:
      printMulticastListener(context, offset);
      break;
    case 133:
      if (verbose && !printNeighborDiscoveryOptions(context, offset + 8, length - 8)) throw truncatedSignal;
      break;
    case 134:
      if (verbose) {
        const flags = context.byte(offset + 5);
        context.print(
          `\n\thop limit ${context.byte(offset + 4)}, Flags [${flagNames(flags, routerAdvertisementFlags)}]` +
            `, pref ${routerPreference(flags)}, router lifetime ${context.uint16(offset + 6)}s, reachable time ${context.uint32(offset + 8)}ms, retrans timer ${context.uint32(offset + 12)}ms`,
        );
        if (!printNeighborDiscoveryOptions(context, offset + 16, length - 16)) throw truncatedSignal;
      }
      break;
    case 135:
      context.need(offset + 8, 16);
      context.print(`, who has ${ipv6Text(data, offset + 8)}`);
      if (verbose && !printNeighborDiscoveryOptions(context, offset + 24, length - 24)) throw truncatedSignal;
      break;
    case 136:
      context.need(offset + 8, 16);
      context.print(`, tgt is ${ipv6Text(data, offset + 8)}`);
      if (verbose) {
        context.print(`, Flags [${flagNames(context.uint32(offset + 4), neighborAdvertisementFlags)}]`);
        if (!printNeighborDiscoveryOptions(context, offset + 24, length - 24)) throw truncatedSignal;
      }
      break;
    case 137:
      context.need(offset + 24, 16);
      context.print(`, ${ipv6Text(data, offset + 24)}`);
      context.need(offset + 8, 16);
      context.print(` to ${ipv6Text(data, offset + 8)}`);
      if (verbose && !printNeighborDiscoveryOptions(context, offset + 40, length - 40)) throw truncatedSignal;
      break;
    case 138:
      printRouterRenumbering(context, offset);
      break;
    case 139:
    case 140:
      printNodeInformation(context, offset, length);
      break;
    case 141:
    case 142:
      break;
    case 143:
      printMulticastListenerReportV2(context, offset, length);
      break;
    case 146:
    case 144:
      context.print(`, id 0x${hex16(context.uint16(offset + 4))}`);
      break;
    case 145:
      if (verbose) {
        context.print(`, id 0x${hex16(context.uint16(offset + 4))}`);
        for (let address = offset + 8; address < offset + length; address += 16) {
          context.need(address, 16);
          context.print(`, ${ipv6Text(data, address)}`);
        }
      }
      break;
    case 147:
      if (verbose) {
        context.print(`, id 0x${hex16(context.uint16(offset + 4))}`);
        const flags = context.uint16(offset + 6);
        if (flags & 0xc000) context.print(' ');
        if (flags & 0x8000) context.print('M');
        if (flags & 0x4000) context.print('O');
        if (!printNeighborDiscoveryOptions(context, offset + 8, length - 8)) throw truncatedSignal;
      }
      break;
    case 155:
      printRpl(context, code, offset + 4, length - 4);
      break;
    default:
      context.print(`, length ${length}`);
      if (context.verbosity <= 1) printUnknownData(context, offset, '\n\t', length);
      return;
  }
  if (!verbose) context.print(`, length ${length}`);
}

/**
 * tcpdump's get_upperlayer: walks the quoted IPv6 header's extension headers to the UDP or
 * TCP header whose destination port an unreachable-port error names.
 */
function upperLayer(
  context: PrintContext,
  ipOffset: number,
): { offset: number; protocol: number } | undefined {
  if (!context.has(ipOffset + 6, 1)) return undefined;
  let nextHeader = context.data[ipOffset + 6]!;
  let offset = ipOffset;
  let headerLength = 40;
  while (offset < context.end) {
    offset += headerLength;
    switch (nextHeader) {
      case 17:
      case 6:
        return context.has(offset + 2, 2) ? { offset, protocol: nextHeader } : undefined;
      case 0:
      case 60:
      case 43:
        if (!context.has(offset + 1, 1)) return undefined;
        nextHeader = context.data[offset]!;
        headerLength = (context.data[offset + 1]! + 1) << 3;
        break;
      case 44:
        if (!context.has(offset + 2, 2)) return undefined;
        // Only a first fragment carries the upper-layer header.
        if ((context.uint16(offset + 2) & 0xfff8) !== 0) return undefined;
        nextHeader = context.data[offset]!;
        headerLength = 8;
        break;
      case 51:
        if (!context.has(offset + 1, 1)) return undefined;
        nextHeader = context.data[offset]!;
        headerLength = (context.data[offset + 1]! + 2) << 2;
        break;
      default:
        return undefined;
    }
  }
  return undefined;
}
