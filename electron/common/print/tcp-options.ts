import { hexByte, hexBytes, hex16 } from './hex-text';
import type { PrintContext } from './print-context';
import type { RelativeSequences } from './tcp-sequence-memory';

/**
 * TCP options as tcpdump prints them: ", options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7]"
 * (RFC 9293 §3.1, RFC 7323 timestamps and window scale, RFC 2018 SACK, RFC 7413 Fast Open,
 * RFC 5482 user timeout, RFC 5925 TCP-AO). Returns false after "[bad opt]", which ends the
 * packet's line as in tcpdump.
 */

const optionNames: ReadonlyMap<number, string> = new Map([
  [0, 'eol'],
  [1, 'nop'],
  [2, 'mss'],
  [3, 'wscale'],
  [4, 'sackOK'],
  [5, 'sack'],
  [6, 'echo'],
  [7, 'echoreply'],
  [8, 'TS'],
  [11, 'cc'],
  [12, 'ccnew'],
  [13, ''],
  [19, 'md5'],
  [20, 'scps'],
  [28, 'uto'],
  [29, 'tcp-ao'],
  [30, 'mptcp'],
  [34, 'tfo'],
  [254, 'exp'],
]);

class BadOption {
  readonly badOption = true;
}
const badOption = new BadOption();

export function printTcpOptions(
  context: PrintContext,
  start: number,
  total: number,
  relative: RelativeSequences,
): boolean {
  let offset = start;
  let remaining = total;
  let separator = '';
  context.print(', options [');
  try {
    while (remaining !== 0) {
      context.print(separator);
      const option = context.byte(offset++);
      let length = 1;
      if (option !== 0 && option !== 1) {
        length = context.byte(offset++);
        if (length < 2 || length > remaining) throw badOption;
        remaining--;
      }
      remaining--;
      const check = (needed: number) => {
        if (needed > remaining) throw badOption;
      };
      context.print(optionNames.get(option) ?? `unknown-${option}`);
      let dataLength = 0;
      switch (option) {
        case 2:
          dataLength = 2;
          check(dataLength);
          context.print(` ${context.uint16(offset)}`);
          break;
        case 3:
          dataLength = 1;
          check(dataLength);
          context.print(` ${context.byte(offset)}`);
          break;
        case 5:
          dataLength = length - 2;
          if (dataLength % 8 !== 0) context.print(' invalid sack');
          else {
            context.print(` ${dataLength / 8} `);
            for (let index = 0; index < dataLength; index += 8) {
              check(index + 4);
              let left = context.uint32(offset + index);
              check(index + 8);
              let right = context.uint32(offset + index + 4);
              const base = relative.reversed ? relative.baseSequence : relative.baseAcknowledgment;
              left = (left - base) >>> 0;
              right = (right - base) >>> 0;
              context.print(`{${left}:${right}}`);
            }
          }
          break;
        case 6:
        case 7:
        case 11:
        case 12:
        case 13:
          dataLength = 4;
          check(dataLength);
          context.print(` ${context.uint32(offset)}`);
          break;
        case 8:
          dataLength = 8;
          check(dataLength);
          context.print(` val ${context.uint32(offset)} ecr ${context.uint32(offset + 4)}`);
          break;
        case 19:
          // RFC 2385: without the shared secret (tcpdump's -M) the signature cannot be checked.
          dataLength = 16;
          check(dataLength);
          context.need(offset, 16);
          context.print(` can't check - ${hexBytes(context.data, offset, offset + 16)}`);
          break;
        case 20:
          dataLength = 2;
          check(dataLength);
          context.print(` cap ${hexByte(context.byte(offset))} id ${context.byte(offset + 1)}`);
          break;
        case 29:
          dataLength = length - 2;
          if (dataLength < 2) context.print('invalid');
          else {
            check(1);
            context.print(` keyid ${context.byte(offset)}`);
            check(2);
            context.print(` rnextkeyid ${context.byte(offset + 1)}`);
            if (dataLength > 2) {
              context.print(' mac 0x');
              for (let index = 2; index < dataLength; index++) {
                check(index + 1);
                context.print(hexByte(context.byte(offset + index)));
              }
            }
          }
          break;
        case 0:
        case 1:
        case 4:
          break;
        case 28: {
          dataLength = 2;
          check(dataLength);
          const value = context.uint16(offset);
          context.print(` 0x${value.toString(16)}`);
          context.print(` ${value & 1 ? (value >>> 1) * 60 : value >>> 1}`);
          break;
        }
        case 34:
          dataLength = length - 2;
          check(dataLength);
          context.print(' ');
          printFastOpen(context, offset, dataLength, false);
          break;
        case 254: {
          dataLength = length - 2;
          check(dataLength);
          if (dataLength < 2) throw badOption;
          const magic = context.uint16(offset);
          context.print('-');
          if (magic === 0xf989) printFastOpen(context, offset + 2, dataLength - 2, true);
          else context.print(hex16(magic));
          break;
        }
        default:
          dataLength = length - 2;
          if (dataLength) context.print(' 0x');
          for (let index = 0; index < dataLength; index++) {
            check(index + 1);
            context.print(hexByte(context.byte(offset + index)));
          }
          break;
      }
      offset += dataLength;
      remaining -= dataLength;
      const consumed = dataLength + (option === 0 || option === 1 ? 1 : 2);
      if (consumed !== length) context.print(`[len ${length}]`);
      separator = ',';
      if (option === 0) break;
    }
    context.print(']');
    return true;
  } catch (error) {
    if (!(error instanceof BadOption)) throw error;
    context.print('[bad opt]');
    if (separator !== '') context.print(']');
    return false;
  }
}

/** RFC 7413 Fast Open cookie option: a request (no cookie) or a 4 to 16 byte cookie. */
function printFastOpen(context: PrintContext, offset: number, length: number, experimental: boolean): void {
  if (experimental) context.print('tfo');
  if (length === 0) {
    context.print(' cookiereq');
    return;
  }
  if (length % 2 !== 0 || length < 4 || length > 16) {
    context.printInvalid();
    return;
  }
  context.need(offset, length);
  context.print(` cookie ${hexBytes(context.data, offset, offset + length)}`);
}
