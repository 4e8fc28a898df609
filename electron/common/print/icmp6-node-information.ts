import { ipv4Text, ipv6Text } from './address-text';
import type { PrintContext } from './print-context';
import { printableCharacter } from './printable-text';

/**
 * ICMPv6 node information queries and replies (RFC 4620; types 139 and 140), as tcpdump's
 * icmp6_nodeinfo_print. Sizes are measured against the captured data, as tcpdump does.
 */

const headerSize = 16;

function addressFlags(flags: number, withTruncate: boolean): string {
  return (
    (flags & 0x0040 ? 'a' : '') +
    (flags & 0x0020 ? 'G' : '') +
    (flags & 0x0010 ? 'S' : '') +
    (flags & 0x0008 ? 'L' : '') +
    (flags & 0x0004 ? 'C' : '') +
    (flags & 0x0002 ? 'A' : '') +
    (withTruncate && flags & 0x0001 ? 'T' : '')
  );
}

/** A DNS-encoded name without compression: ', "host.example."' (or "???" when malformed). */
function printPlainName(context: PrintContext, start: number, end: number): void {
  context.print(', "');
  let offset = start;
  while (offset < end) {
    const length = context.byte(offset++);
    if (length) {
      if (length > end - offset) {
        context.print('???');
        break;
      }
      let count = length;
      while (count-- && offset < end) context.print(printableCharacter(context.byte(offset++)));
      if (offset + 1 < end && context.byte(offset)) context.print('.');
    } else {
      if (offset === end) context.print('.');
      else if (offset + 1 === end && context.byte(offset) === 0) {
        // Truncated name: nothing more to show.
      } else context.print('???');
      break;
    }
  }
  context.print('"');
}

/** A subject or reply name: the draft-03 Pascal string, or a DNS-encoded name. */
function printNodeName(context: PrintContext, offset: number, end: number): void {
  if (context.byte(offset) === end - offset - 1) {
    if (context.verbosity > 0) context.print(', 03 draft');
    context.print(', "');
    for (let position = offset + 1; position < end; position++)
      context.print(printableCharacter(context.byte(position)));
    context.print('"');
  } else printPlainName(context, offset, end);
}

export function printNodeInformation(context: PrintContext, offset: number, length: number): void {
  const end = context.end;
  if (end < offset) return;
  const size = end - offset;
  const verbose = context.verbosity > 0;
  const type = context.byte(offset);
  if (type === 139) {
    if (size === 8 + 4) {
      context.print(' who-are-you request');
      return;
    }
    context.print(' node information query');
    if (!context.has(offset, headerSize)) {
      context.printTruncated();
      return;
    }
    context.print(' (');
    const queryType = context.uint16(offset + 4);
    const flags = context.uint16(offset + 6);
    switch (queryType) {
      case 0:
        context.print('noop');
        break;
      case 1:
        context.print('supported qtypes');
        if (flags) context.print(` [${flags & 0x01 ? 'C' : ''}]`);
        break;
      case 2:
        context.print('DNS name');
        break;
      case 3:
        context.print('node addresses');
        if (flags) context.print(` [${addressFlags(flags, false)}]`);
        break;
      default:
        context.print('unknown');
    }
    if (queryType === 0 || queryType === 1) {
      if (size !== headerSize && verbose) context.print(', invalid len');
      context.print(')');
      return;
    }
    if (size === headerSize) {
      context.print(', 03 draft)');
      return;
    }
    const subject = offset + headerSize;
    switch (context.byte(offset + 1)) {
      case 0:
        if (!context.has(offset, headerSize + 16)) break;
        if (size !== headerSize + 16) {
          if (verbose) context.print(', invalid subject len');
          break;
        }
        context.print(`, subject=${ipv6Text(context.data, subject)}`);
        break;
      case 1:
        context.print(', subject=DNS name');
        printNodeName(context, subject, end);
        break;
      case 2:
        if (!context.has(offset, headerSize + 4)) break;
        if (size !== headerSize + 4) {
          if (verbose) context.print(', invalid subject len');
          break;
        }
        context.print(`, subject=${ipv4Text(context.data, subject)}`);
        break;
      default:
        context.print(', unknown subject');
    }
    context.print(')');
    return;
  }

  // Node information reply.
  // tcpdump's "goto trunc" here marks the truncation and lets icmp6_print go on.
  if (length > size || !context.has(offset, headerSize)) {
    context.printTruncated();
    return;
  }
  let needComma = false;
  context.print(' node information reply (');
  const code = context.byte(offset + 1);
  if (code === 0) {
    if (verbose) {
      context.print('success');
      needComma = true;
    }
  } else if (code === 1 || code === 2) {
    context.print(code === 1 ? 'refused' : 'unknown');
    needComma = true;
    if (size !== headerSize && verbose) context.print(', invalid length');
  }
  if (code !== 0) {
    context.print(')');
    return;
  }
  const comma = () => (needComma ? ', ' : '');
  const queryType = context.uint16(offset + 4);
  const flags = context.uint16(offset + 6);
  switch (queryType) {
    case 0:
      context.print(`${comma()}noop`);
      if (size !== headerSize && verbose) context.print(', invalid length');
      break;
    case 1:
      context.print(`${comma()}supported qtypes`);
      if (flags) context.print(` [${flags & 0x01 ? 'C' : ''}]`);
      break;
    case 2:
      context.print(`${comma()}DNS name`);
      printNodeName(context, offset + headerSize + 4, end);
      if (flags & 0x01) context.print(` [TTL=${context.uint32(offset + headerSize)}]`);
      break;
    case 3: {
      context.print(`${comma()}node addresses`);
      let position = headerSize;
      while (position < size) {
        if (position + 4 + 16 > size) break;
        context.print(
          ` ${ipv6Text(context.data, offset + position + 4)}(${context.uint32(offset + position)})`,
        );
        position += 20;
      }
      if (flags) context.print(` [${addressFlags(flags, true)}]`);
      break;
    }
    default:
      context.print(`${comma()}unknown`);
  }
  context.print(')');
}
