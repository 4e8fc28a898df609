import { ipv4Text } from './address-text';
import { type PrintContext, TruncatedSignal } from './print-context';

/**
 * IPv4 options under -v (RFC 791 §3.1, RFC 2113 router alert), as tcpdump's ip_optprint:
 * "options (NOP,NOP,RR 10.0.0.1, 10.0.0.2)". Returns false when the options ran past the
 * captured data, for the caller's " [truncated-option]".
 */

const optionNames: ReadonlyMap<number, string> = new Map([
  [0, 'EOL'],
  [1, 'NOP'],
  [68, 'timestamp'],
  [130, 'security'],
  [7, 'RR'],
  [137, 'SSRR'],
  [131, 'LSRR'],
  [148, 'RA'],
  [82, 'traceroute'],
]);

export function printIpv4Options(context: PrintContext, offset: number, length: number): boolean {
  try {
    printOptions(context, offset, length);
    return true;
  } catch (error) {
    if (error instanceof TruncatedSignal) return false;
    throw error;
  }
}

function printOptions(context: PrintContext, start: number, total: number): void {
  let separator = '';
  let offset = start;
  let length = total;
  while (length > 0) {
    context.print(separator);
    separator = ',';
    const code = context.byte(offset);
    context.print(optionNames.get(code) ?? `unknown ${code}`);
    let optionLength = 1;
    if (code !== 0 && code !== 1) {
      optionLength = context.byte(offset + 1);
      if (optionLength < 2) {
        context.print(` [bad length ${optionLength}]`);
        return;
      }
    }
    if (optionLength > length) {
      context.print(` [bad length ${optionLength}]`);
      return;
    }
    context.need(offset, optionLength);
    switch (code) {
      case 0:
        return;
      case 68:
        printTimestampOption(context, offset, optionLength);
        break;
      case 7:
      case 131:
      case 137:
        printRouteOption(context, offset, optionLength);
        break;
      case 148:
        if (optionLength < 4) context.print(` [bad length ${optionLength}]`);
        else if (context.uint16(offset + 2) !== 0) context.print(` value ${context.uint16(offset + 2)}`);
        break;
      default:
        break;
    }
    offset += optionLength;
    length -= optionLength;
  }
}

/** Record route and source routes (RFC 791): the addresses, a comma after those already used. */
function printRouteOption(context: PrintContext, offset: number, length: number): void {
  if (length < 3) {
    context.print(` [bad length ${length}]`);
    return;
  }
  if ((length + 1) & 3) context.print(` [bad length ${length}]`);
  const pointer = context.byte(offset + 2) - 1;
  if (pointer < 3 || (pointer + 1) & 3 || pointer > length + 1)
    context.print(` [bad ptr ${context.byte(offset + 2)}]`);
  for (let position = 3; position < length; position += 4) {
    context.need(offset + position, 4);
    context.print(` ${ipv4Text(context.data, offset + position)}`);
    if (pointer > position) context.print(',');
  }
}

/** The internet timestamp option (RFC 791): "TS{TSONLY 123@ ^ }". */
function printTimestampOption(context: PrintContext, offset: number, length: number): void {
  if (length < 4) {
    context.print(`[bad length ${length}]`);
    return;
  }
  context.print(' TS{');
  const flags = context.byte(offset + 3);
  const hopLength = (flags & 0x0f) !== 0 ? 8 : 4;
  if ((length - 4) & (hopLength - 1)) context.print(`[bad length ${length}]`);
  const pointer = context.byte(offset + 2) - 1;
  let position = 0;
  if (pointer < 4 || (pointer - 4) & (hopLength - 1) || pointer > length + 1)
    context.print(`[bad ptr ${context.byte(offset + 2)}]`);
  let known = true;
  switch (flags & 0x0f) {
    case 0:
      context.print('TSONLY');
      break;
    case 1:
      context.print('TS+ADDR');
      break;
    case 2:
      // Some senders use 2 for "prespecified"; tcpdump shows it apart from 3.
      context.print('PRESPEC2.0');
      break;
    case 3:
      context.print('PRESPEC');
      break;
    default:
      context.print(`[bad ts type ${flags & 0x0f}]`);
      known = false;
  }
  if (known) {
    let marker = ' ';
    for (position = 4; position < length; position += hopLength) {
      if (pointer === position) marker = ' ^ ';
      const stamp = context.uint32(offset + position + hopLength - 4);
      const address = hopLength === 8 ? ipv4Text(context.data, offset + position) : '';
      context.print(`${marker}${stamp}@${address}`);
      marker = ' ';
    }
  }
  context.print(pointer === position ? ' ^ ' : '');
  if (flags >>> 4) context.print(` [${flags >>> 4} hops not recorded]} `);
  else context.print('}');
}

/**
 * RFC 791 source routing: the pseudo-header of UDP and TCP uses the route's final hop, not
 * the header's destination (tcpdump's ip_finddst). Returns the offset of those four bytes.
 */
export function sourceRouteDestination(
  context: PrintContext,
  headerOffset: number,
  headerLength: number,
): number {
  let offset = headerOffset + 20;
  let length = headerLength - 20;
  const fallback = headerOffset + 16;
  while (length > 0) {
    if (!context.has(offset, 1)) return fallback;
    const code = context.data[offset]!;
    if (code === 0) break;
    let optionLength = 1;
    if (code !== 1) {
      if (!context.has(offset + 1, 1)) return fallback;
      optionLength = context.data[offset + 1]!;
      if (optionLength < 2) break;
    }
    if (length < optionLength || !context.has(offset, optionLength)) return fallback;
    if ((code === 131 || code === 137) && optionLength >= 7) return offset + optionLength - 4;
    offset += optionLength;
    length -= optionLength;
  }
  return fallback;
}
