import { printDns } from './dns';
import { hex16 } from './hex-text';
import { checksumShouldBe } from './internet-checksum';
import type { IpHeaderInfo } from './ip-header-info';
import { type PrintContext, truncatedSignal } from './print-context';
import { printBytesAsText } from './printable-text';
import { printTcpOptions } from './tcp-options';
import type { RelativeSequences } from './tcp-sequence-memory';
import { transportChecksum } from './transport-checksum';

/**
 * TCP (RFC 9293) as tcpdump's tcp_print: "Flags [S.], seq 1:59, ack 1, win 64240, options
 * [mss 1460], length 58", sequence numbers relative to the first ones seen on the connection,
 * and DNS over TCP (RFC 1035 §4.2.2, RFC 7766) after the length for port 53. -q gives "tcp N".
 */

// tcpdump's bittok2str_nosep over tcp_flag_values, in the table's order.
const flagLetters: [number, string][] = [
  [0x01, 'F'],
  [0x02, 'S'],
  [0x04, 'R'],
  [0x08, 'P'],
  [0x10, '.'],
  [0x20, 'U'],
  [0x40, 'E'],
  [0x80, 'W'],
];
const flagText: string[] = [];
for (let flags = 0; flags < 256; flags++) {
  let text = '';
  for (const [bit, letter] of flagLetters) if (flags & bit) text += letter;
  flagText.push(text || 'none');
}

/** Ports whose payload tcpdump gives to another printer before it would try DNS. */
const portsBeforeDns = new Set([
  23, 25, 43, 179, 1723, 6379, 22, 139, 445, 10288, 6633, 6653, 21, 80, 8080, 554, 8554,
]);

export function printTcp(context: PrintContext, offset: number, length: number, ip: IpHeaderInfo): void {
  context.protocol = 'tcp';
  if (!context.has(offset + 2, 2)) {
    context.print(`${ip.source} > ${ip.destination}:`);
    throw truncatedSignal;
  }
  const sourcePort = context.uint16(offset);
  const destinationPort = context.uint16(offset + 2);
  if (ip.headerProtocol === 6)
    context.print(`${ip.source}.${sourcePort} > ${ip.destination}.${destinationPort}: `);
  else context.print(`${sourcePort} > ${destinationPort}: `);

  const headerLength = (context.byte(offset + 12) >>> 4) * 4;
  if (headerLength < 20) {
    context.print(` tcp ${length - headerLength} [bad hdr length ${headerLength} - too short, < 20]`);
    context.print('invalid');
    return;
  }
  let sequence = context.uint32(offset + 4);
  let acknowledgment = context.uint32(offset + 8);
  const window = context.uint16(offset + 14);
  const urgentPointer = context.uint16(offset + 18);
  if (context.quiet) {
    context.print(`tcp ${length - headerLength}`);
    if (headerLength > length) {
      context.print(` [bad hdr length ${headerLength} - too long, > ${length}]`);
      context.print('invalid');
    }
    return;
  }
  const flags = context.byte(offset + 13);
  context.print(`Flags [${flagText[flags]}]`);

  let relative: RelativeSequences = {
    sequence,
    acknowledgment,
    reversed: false,
    baseSequence: 0,
    baseAcknowledgment: 0,
  };
  if (flags & 0x10) {
    relative = context.tcpSequences.relative(
      context.data,
      ip,
      sourcePort,
      destinationPort,
      sequence,
      acknowledgment,
      (flags & 0x02) !== 0,
    );
    sequence = relative.sequence;
    acknowledgment = relative.acknowledgment;
  }
  if (headerLength > length) {
    context.print(` [bad hdr length ${headerLength} - too long, > ${length}]`);
    context.print('invalid');
    return;
  }
  if (context.verbosity > 0 && !ip.fragmented && context.has(offset, length)) {
    const field = context.uint16(offset + 16);
    const computed = transportChecksum(context.data, ip, 6, offset, length);
    context.print(`, cksum 0x${hex16(field)}`);
    context.print(
      computed !== 0 ? ` (incorrect -> 0x${hex16(checksumShouldBe(field, computed))})` : ' (correct)',
    );
  }
  const payloadLength = length - headerLength;
  if (context.verbosity > 1 || payloadLength > 0 || flags & 0x07) {
    context.print(`, seq ${sequence}`);
    if (payloadLength > 0) context.print(`:${(sequence + payloadLength) >>> 0}`);
  }
  if (flags & 0x10) context.print(`, ack ${acknowledgment}`);
  context.print(`, win ${window}`);
  if (flags & 0x20) context.print(`, urg ${urgentPointer}`);
  if (headerLength > 20) {
    const complete = printTcpOptions(context, offset + 20, headerLength - 20, relative);
    if (!complete) return;
  }
  context.print(`, length ${payloadLength}`);
  if (payloadLength === 0) return;

  const payload = offset + headerLength;
  if (!context.has(offset, headerLength)) {
    context.print(
      ` [remaining caplen(${Math.max(0, context.end - offset)}) < header length(${headerLength})]`,
    );
    throw truncatedSignal;
  }
  if (flags & 0x04 && context.verbosity > 0) {
    printResetData(context, payload, payloadLength);
    return;
  }
  if (
    (sourcePort === 53 || destinationPort === 53) &&
    !portsBeforeDns.has(sourcePort) &&
    !portsBeforeDns.has(destinationPort)
  ) {
    printDns(context, payload, payloadLength, true, false);
  }
}

/** RFC 1122 §4.2.2.12: a reset may carry text explaining it; tcpdump shows up to 30 bytes. */
function printResetData(context: PrintContext, offset: number, length: number): void {
  context.print(context.has(offset, length) ? ' [RST' : ' [!RST');
  let shown = length;
  if (shown > 30) {
    shown = 30;
    context.print('+');
  }
  context.print(' ');
  printBytesAsText(context, offset, shown);
  context.print(']');
}
