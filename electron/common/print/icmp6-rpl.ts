import { ipv6Text } from './address-text';
import { printHex } from './hex-dump';
import { type PrintContext, truncatedSignal } from './print-context';

/**
 * RPL control messages (RFC 6550 §6; ICMPv6 type 155) as tcpdump 4.99 prints them:
 * ", (CLR)Destination Advertisement Object [dagid:...,seq:1,instance:1,Dagid,40]" and, with
 * -vv, the options (their bytes in hex with -vvv). `offset` is the message body after the
 * type, code and checksum.
 */

const modesOfOperation = ['nonstoring', 'storing', 'nonstoring-multicast', 'storing-multicast'];
const optionNames: ReadonlyMap<number, string> = new Map([
  [0, 'pad1'],
  [1, 'padN'],
  [2, 'metrics'],
  [3, 'routinginfo'],
  [4, 'config'],
  [5, 'rpltarget'],
  [6, 'transitinfo'],
  [8, 'destprefix'],
  [9, 'rpltargetdesc'],
]);

export function printRpl(context: PrintContext, code: number, offset: number, length: number): void {
  if (code & 0x80) {
    context.print(', (SEC) [worktodo]');
    return;
  }
  context.print(', (CLR)');
  const verbose = context.verbosity > 0;
  switch (code & 0x7f) {
    case 0:
      context.print('DODAG Information Solicitation');
      break;
    case 1:
      context.print('DODAG Information Object');
      if (verbose) printInformationObject(context, offset, length);
      break;
    case 2:
      context.print('Destination Advertisement Object');
      if (verbose) printAdvertisementObject(context, offset, length);
      break;
    case 3:
      context.print('Destination Advertisement Object Ack');
      if (verbose) printAdvertisementAck(context, offset, length);
      break;
    default:
      context.print(`RPL message, unknown code ${code}`);
  }
}

function printInformationObject(context: PrintContext, offset: number, length: number): void {
  context.need(offset, 24);
  const flags = context.byte(offset + 4);
  context.print(
    ` [dagid:${ipv6Text(context.data, offset + 8)},seq:${context.byte(offset + 5)},instance:${context.byte(offset)},rank:${context.uint16(offset + 2)},` +
      `${flags & 0x80 ? 'grounded,' : ''}mop:${modesOfOperation[(flags >> 3) & 7] ?? `mop${(flags >> 3) & 7}`},prf:${flags & 7}]`,
  );
  if (context.verbosity > 1) printOptions(context, offset + 24, length - 24);
}

function printAdvertisementObject(context: PrintContext, start: number, total: number): void {
  context.need(start, 4);
  let offset = start + 4;
  let length = total - 4;
  const flags = context.byte(start + 1);
  let dagId = '<elided>';
  if (flags & 0x40) {
    context.need(offset, 16);
    dagId = ipv6Text(context.data, offset);
    offset += 16;
    length -= 16;
  }
  const flagsText = flags.toString(16).padStart(2, '0');
  context.print(
    ` [dagid:${dagId},seq:${context.byte(start + 3)},instance:${context.byte(start)}${flags & 0x80 ? ',acK' : ''}${flags & 0x40 ? ',Dagid' : ''},${flagsText}]`,
  );
  if (context.verbosity > 1) printOptions(context, offset, length);
}

function printAdvertisementAck(context: PrintContext, start: number, total: number): void {
  context.need(start, 4);
  let offset = start + 4;
  let length = total - 4;
  let dagId = '<elided>';
  if (context.byte(start + 1) & 0x80) {
    context.need(offset, 16);
    dagId = ipv6Text(context.data, offset);
    offset += 16;
    length -= 16;
  }
  context.print(
    ` [dagid:${dagId},seq:${context.byte(start + 2)},instance:${context.byte(start)},status:${context.byte(start + 3)}]`,
  );
  if (context.verbosity > 1) printOptions(context, offset, length);
}

/** RPL options (RFC 6550 §6.7): " opt:rpltarget len:25 " and, with -vvv, the option's bytes. */
function printOptions(context: PrintContext, start: number, total: number): void {
  let offset = start;
  let length = total;
  while (length > 0) {
    const type = context.byte(offset);
    let optionLength: number;
    if (type === 0) {
      optionLength = 1;
      context.print(' opt:pad1');
    } else {
      if (length < 2) throw truncatedSignal;
      optionLength = context.byte(offset + 1) + 2;
      context.print(` opt:${optionNames.get(type) ?? `subopt:${type}`} len:${optionLength} `);
      context.need(offset, optionLength);
      if (length < optionLength) throw truncatedSignal;
      if (context.verbosity > 2) printHex(context, offset + 2, ' ', optionLength - 2);
    }
    offset += optionLength;
    length -= optionLength;
  }
}
