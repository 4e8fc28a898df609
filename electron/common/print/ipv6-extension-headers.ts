import { ipv6Text } from './address-text';
import type { PrintContext } from './print-context';

/**
 * IPv6 extension headers (RFC 8200 §4) as tcpdump 4.99 prints them between the addresses and
 * the upper layer: "HBH (rtalert: 0x0000) (padn) ", "RT6 (len=2, type=0 [Deprecated], ...) ",
 * "frag (0|1232) ". Each returns the header's length, or -1 to end the packet's line.
 */

export interface JumboState {
  payloadLength: number;
  foundJumbo: boolean;
}

const pad1 = 0x00;
const padN = 0x01;
const routerAlert = 0x05;
const jumboPayload = 0xc2;
const homeAddress = 0xc9;

/** Hop-by-hop options (RFC 8200 §4.3), with RFC 2675's jumbo payload length. */
export function printHopByHop(context: PrintContext, offset: number, jumbo: JumboState): number {
  context.protocol = 'hbhopt';
  const length = (context.byte(offset + 1) + 1) << 3;
  context.need(offset, length);
  context.print('HBH ');
  if (!printOptions(context, offset + 2, length - 2, jumbo)) {
    context.printTruncated();
    return -1;
  }
  return length;
}

/** Destination options (RFC 8200 §4.6). */
export function printDestinationOptions(context: PrintContext, offset: number): number {
  context.protocol = 'dstopt';
  const length = (context.byte(offset + 1) + 1) << 3;
  context.need(offset, length);
  context.print('DSTOPT ');
  if (!printOptions(context, offset + 2, length - 2, undefined)) {
    context.printTruncated();
    return -1;
  }
  return length;
}

function printOptions(
  context: PrintContext,
  offset: number,
  length: number,
  jumbo: JumboState | undefined,
): boolean {
  if (length === 0) return true;
  const verbose = context.verbosity > 0;
  let seenJumbo = false;
  let optionLength = 0;
  for (let index = 0; index < length; index += optionLength) {
    const type = context.byte(offset + index);
    if (type === pad1) optionLength = 1;
    else if (index + 1 < length) optionLength = context.byte(offset + index + 1) + 2;
    else return false;
    if (index + optionLength > length) return false;
    const remaining = length - index;
    switch (type) {
      case pad1:
        if (verbose) context.print('(pad1)');
        break;
      case padN:
        if (remaining < 2) {
          context.print('(padn: trunc)');
          return false;
        }
        if (verbose) context.print('(padn)');
        break;
      case routerAlert:
        // RFC 2711: a two-byte value.
        if (remaining < 4) {
          context.print('(rtalert: trunc)');
          return false;
        }
        if (context.byte(offset + index + 1) !== 2) {
          context.print(`(rtalert: invalid len ${context.byte(offset + index + 1)})`);
          return false;
        }
        if (verbose)
          context.print(
            `(rtalert: 0x${context
              .uint16(offset + index + 2)
              .toString(16)
              .padStart(4, '0')}) `,
          );
        break;
      case jumboPayload: {
        if (remaining < 6) {
          context.print('(jumbo: trunc)');
          return false;
        }
        if (context.byte(offset + index + 1) !== 4) {
          context.print(`(jumbo: invalid len ${context.byte(offset + index + 1)})`);
          return false;
        }
        const jumboLength = context.uint32(offset + index + 2);
        if (seenJumbo) {
          if (verbose) context.print(`(jumbo: ${jumboLength} - already seen) `);
        } else {
          seenJumbo = true;
          if (!jumbo) {
            if (verbose) context.print(`(jumbo: ${jumboLength} - not a hop-by-hop option) `);
          } else if (jumbo.payloadLength !== 0) {
            if (verbose) context.print(`(jumbo: ${jumboLength} - payload len != 0) `);
          } else if (jumboLength < 65536) {
            if (verbose) context.print(`(jumbo: ${jumboLength} - < 65536) `);
          } else {
            jumbo.foundJumbo = true;
            jumbo.payloadLength = jumboLength;
            if (verbose) context.print(`(jumbo: ${jumboLength}) `);
          }
        }
        break;
      }
      case homeAddress:
        // RFC 6275 §6.3: the mobile node's home address.
        if (remaining < 18) {
          context.print('(homeaddr: trunc)');
          return false;
        }
        if (context.byte(offset + index + 1) < 16) {
          context.print(`(homeaddr: invalid len ${context.byte(offset + index + 1)})`);
          return false;
        }
        if (verbose) {
          context.need(offset + index + 2, 16);
          context.print(`(homeaddr: ${ipv6Text(context.data, offset + index + 2)}`);
          context.print(')');
        }
        break;
      default:
        if (remaining < 2) {
          context.print(`(type ${type}: trunc)`);
          return false;
        }
        if (verbose)
          context.print(
            `(opt_type 0x${type.toString(16).padStart(2, '0')}: len=${context.byte(offset + index + 1)})`,
          );
    }
  }
  if (verbose) context.print(' ');
  return true;
}

/** Routing header (RFC 8200 §4.4; type 0 deprecated by RFC 5095; type 4 is RFC 8754 SRH). */
export function printRoutingHeader(context: PrintContext, offset: number): number {
  context.protocol = 'rt6';
  context.print('RT6');
  let length = context.byte(offset + 1);
  const type = context.byte(offset + 2);
  context.print(` (len=${length}, type=${type}`);
  if (type === 0) context.print(' [Deprecated]');
  context.print(`, segleft=${context.byte(offset + 3)}`);
  if (type === 0 || type === 2) {
    const reserved = context.uint32(offset + 4);
    if (reserved || context.verbosity > 0) context.print(`, rsv=0x${reserved.toString(16)}`);
    if (length % 2 === 1) {
      context.printInvalid();
      return -1;
    }
    length >>= 1;
    let address = offset + 8;
    for (let index = 0; index < length; index++) {
      context.need(address, 16);
      context.print(`, [${index}]${ipv6Text(context.data, address)}`);
      address += 16;
    }
    context.print(') ');
    return (context.byte(offset + 1) + 1) << 3;
  }
  if (type === 4) {
    const lastEntry = context.byte(offset + 4);
    context.print(`, last-entry=${lastEntry}`);
    const flags = context.byte(offset + 5);
    if (flags || context.verbosity > 0) context.print(`, flags=0x${flags.toString(16)}`);
    context.print(`, tag=${context.uint16(offset + 6).toString(16)}`);
    let address = offset + 8;
    for (let index = 0; index < lastEntry + 1; index++) {
      context.need(address, 16);
      context.print(`, [${index}]${ipv6Text(context.data, address)}`);
      address += 16;
    }
    context.print(') ');
    return (context.byte(offset + 1) + 1) << 3;
  }
  context.print(' (unknown type)');
  context.printInvalid();
  return -1;
}

/**
 * Fragment header (RFC 8200 §4.5): "frag (offset|length) ", with the identification under -v.
 * Later fragments end the line: their upper-layer header is in the first one.
 */
export function printFragmentHeader(context: PrintContext, offset: number, ipOffset: number): number {
  context.protocol = 'frag6';
  const offsetField = context.uint16(offset + 2);
  const fragmentLength = 40 + context.uint16(ipOffset + 4) - (offset - ipOffset) - 8;
  if (context.verbosity > 0) {
    context.print(
      `frag (0x${context
        .uint32(offset + 4)
        .toString(16)
        .padStart(8, '0')}:${offsetField & 0xfff8}|${fragmentLength})`,
    );
  } else {
    context.print(`frag (${offsetField & 0xfff8}|${fragmentLength})`);
  }
  if ((offsetField & 0xfff8) !== 0) return -1;
  context.print(' ');
  return 8;
}

/**
 * The destination the upper layer's pseudo-header uses (RFC 8200 §8.1): with a routing header,
 * its final address (tcpdump's ip6_finddst). Returns the offset of the 16 bytes.
 */
export function finalDestination(context: PrintContext, ipOffset: number): number {
  let nextHeader = context.data[ipOffset + 6]!;
  const fallback = ipOffset + 24;
  if (![0, 60, 62, 135, 44, 43].includes(nextHeader)) return fallback;
  let offset = ipOffset;
  let advance = 40;
  while (offset < context.end) {
    offset += advance;
    switch (nextHeader) {
      case 0:
      case 60:
      case 62:
      case 135:
        if (!context.has(offset, 2)) return fallback;
        advance = (context.data[offset + 1]! + 1) << 3;
        nextHeader = context.data[offset]!;
        break;
      case 44:
        if (!context.has(offset, 1)) return fallback;
        advance = 8;
        nextHeader = context.data[offset]!;
        break;
      case 43: {
        if (!context.has(offset, 4)) return fallback;
        const length = context.data[offset + 1]!;
        const type = context.data[offset + 2]!;
        if ((type === 0 || type === 2) && length % 2 === 0) {
          let last = fallback;
          for (let index = 0; index < length >> 1; index++) {
            const address = offset + 8 + 16 * index;
            if (!context.has(address, 16)) break;
            last = address;
          }
          return last;
        }
        if (type === 4 && length % 2 === 0 && context.has(offset + 8, 16)) return offset + 8;
        return fallback;
      }
      default:
        return fallback;
    }
  }
  return fallback;
}
