import { ipv6Text } from './address-text';
import type { IpHeaderInfo } from './ip-header-info';
import { ipProtocolName } from './ip-protocol-names';
import { printIpPayload } from './ip-payload-dispatch';
import {
  finalDestination,
  type JumboState,
  printDestinationOptions,
  printFragmentHeader,
  printHopByHop,
  printRoutingHeader,
} from './ipv6-extension-headers';
import type { PrintContext } from './print-context';

/**
 * IPv6 (RFC 8200) as tcpdump 4.99's ip6_print: "IP6 src > dst: " then the extension headers
 * and the upper layer. With -v the header comes first:
 * "(flowlabel 0x12345, hlim 64, next-header UDP (17) payload length: 33) ".
 */
export function printIpv6(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'ip6';
  context.need(offset, 40);
  if (length < 40) {
    context.print(`truncated-ip6 ${length}`);
    return;
  }
  if (!context.linkHeader) context.print('IP6 ');
  const data = context.data;
  const version = data[offset]! >>> 4;
  if (version !== 6) {
    context.print(`version error: ${version} != 6`);
    return;
  }
  const jumbo: JumboState = { payloadLength: context.uint16(offset + 4), foundJumbo: false };
  let remaining: number;
  if (jumbo.payloadLength !== 0) {
    remaining = jumbo.payloadLength + 40;
    if (length < remaining) context.print(`truncated-ip6 - ${remaining - length} bytes missing!`);
  } else {
    remaining = length + 40;
  }
  const nextHeader = data[offset + 6]!;
  if (context.verbosity > 0) {
    const flow = context.uint32(offset);
    let text = '(';
    if (flow & 0x0ff00000) text += `class 0x${((flow & 0x0ff00000) >>> 20).toString(16).padStart(2, '0')}, `;
    if (flow & 0x000fffff) text += `flowlabel 0x${(flow & 0x000fffff).toString(16).padStart(5, '0')}, `;
    text += `hlim ${data[offset + 7]}, next-header ${ipProtocolName(nextHeader)} (${nextHeader}) payload length: ${jumbo.payloadLength}) `;
    context.print(text);
  }
  const previousEnd = context.narrowEnd(offset + remaining);
  const info: IpHeaderInfo = {
    version: 6,
    offset,
    source: ipv6Text(data, offset + 8),
    destination: ipv6Text(data, offset + 24),
    pseudoDestinationOffset: offset + 24,
    fragmented: false,
    headerProtocol: nextHeader,
  };
  info.pseudoDestinationOffset = finalDestination(context, offset);

  try {
    printChain(context, offset, length, remaining, nextHeader, jumbo, info, previousEnd);
  } finally {
    context.restoreEnd(previousEnd);
  }
}

/** The extension-header chain and the upper layer (ip6_print's loop). */
function printChain(
  context: PrintContext,
  offset: number,
  length: number,
  payloadRemaining: number,
  firstHeader: number,
  jumbo: JumboState,
  info: IpHeaderInfo,
  outerEnd: number,
): void {
  let remaining = payloadRemaining;
  let nextHeader = firstHeader;
  let position = offset;
  let advance = 40;
  let totalAdvance = 0;
  let foundExtensionHeader = false;
  let foundHopByHop = false;
  let previousHeader = 255;
  while (position < context.end && advance > 0) {
    if (remaining < advance) {
      context.printTruncated();
      return;
    }
    position += advance;
    remaining -= advance;
    totalAdvance += advance;
    if (
      position === offset + 40 &&
      nextHeader !== 6 &&
      nextHeader !== 17 &&
      nextHeader !== 33 &&
      nextHeader !== 132
    ) {
      context.print(`${info.source} > ${info.destination}: `);
    }
    switch (nextHeader) {
      case 0:
        // RFC 8200 §4.1: hop-by-hop options, when present, come first and only once.
        if (foundHopByHop) {
          context.print('[The Hop-by-Hop Options header was already found]');
          context.printInvalid();
          return;
        }
        if (previousHeader !== 255) {
          context.print("[The Hop-by-Hop Options header don't follow the IPv6 header]");
          context.printInvalid();
          return;
        }
        advance = printHopByHop(context, position, jumbo);
        if (jumbo.payloadLength === 0 && !jumbo.foundJumbo) {
          context.print('[No valid Jumbo Payload Hop-by-Hop option found]');
          context.printInvalid();
          return;
        }
        if (advance < 0) return;
        foundExtensionHeader = true;
        foundHopByHop = true;
        nextHeader = context.byte(position);
        break;
      case 60:
        advance = printDestinationOptions(context, position);
        if (advance < 0) return;
        foundExtensionHeader = true;
        nextHeader = context.byte(position);
        break;
      case 44:
        advance = printFragmentHeader(context, position, offset);
        if (advance < 0 || context.end <= position + advance) return;
        foundExtensionHeader = true;
        nextHeader = context.byte(position);
        info.fragmented = true;
        break;
      case 43:
        context.need(position, 1);
        advance = printRoutingHeader(context, position);
        if (advance < 0) return;
        foundExtensionHeader = true;
        nextHeader = context.byte(position);
        break;
      default: {
        if (jumbo.foundJumbo) {
          remaining = jumbo.payloadLength + 40;
          if (remaining < totalAdvance) {
            context.printTruncated();
            return;
          }
          if (length < remaining) context.print(`truncated-ip6 - ${remaining - length} bytes missing!`);
          context.end = Math.min(context.data.length, offset + remaining, outerEnd);
          remaining -= totalAdvance;
        } else if (jumbo.payloadLength === 0) {
          if (foundExtensionHeader) {
            context.printTruncated();
            return;
          }
          remaining = 40;
          context.end = Math.min(offset + remaining, outerEnd);
          remaining -= totalAdvance;
        }
        printIpPayload(context, nextHeader, position, remaining, info);
        return;
      }
    }
    previousHeader = nextHeader;
    context.protocol = 'ip6';
  }
}
