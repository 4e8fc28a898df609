import { ipv4Text } from './address-text';
import { hex } from './hex-text';
import { printIcmpExtensions } from './icmp-extensions';
import { checksumShouldBe, finishChecksum, onesComplementSum } from './internet-checksum';
import type { IpHeaderInfo } from './ip-header-info';
import { printIpv4 } from './ipv4';
import type { PrintContext } from './print-context';

/**
 * ICMP (RFC 792, RFC 1191, RFC 1256, RFC 1812) as tcpdump 4.99's icmp_print:
 * "ICMP echo request, id 1, seq 1, length 64", "ICMP 203.0.113.2 udp port 53 unreachable,
 * length 36". With -v: a wrong checksum is flagged and an error's quoted datagram follows on
 * its own line, printed as a packet of its own ("\n\tIP (tos ...) ..."), then any RFC 4884
 * extensions.
 */

const unreachableTexts: ReadonlyMap<number, (destination: string) => string> = new Map([
  [0, (destination: string) => `net ${destination} unreachable`],
  [1, (destination: string) => `host ${destination} unreachable`],
  [5, (destination: string) => `${destination} unreachable - source route failed`],
  [6, (destination: string) => `net ${destination} unreachable - unknown`],
  [7, (destination: string) => `host ${destination} unreachable - unknown`],
  [8, (destination: string) => `${destination} unreachable - source host isolated`],
  [9, (destination: string) => `net ${destination} unreachable - admin prohibited`],
  [10, (destination: string) => `host ${destination} unreachable - admin prohibited`],
  [11, (destination: string) => `net ${destination} unreachable - tos prohibited`],
  [12, (destination: string) => `host ${destination} unreachable - tos prohibited`],
  [13, (destination: string) => `host ${destination} unreachable - admin prohibited filter`],
  [14, (destination: string) => `host ${destination} unreachable - host precedence violation`],
  [15, (destination: string) => `host ${destination} unreachable - precedence cutoff`],
]);

const redirectTexts = [
  'redirect %d to net %g',
  'redirect %d to host %g',
  'redirect-tos %d to net %g',
  'redirect-tos %d to host %g',
];

const otherTypeNames: ReadonlyMap<number, string> = new Map([
  [0, 'echo reply'],
  [4, 'source quench'],
  [8, 'echo request'],
  [10, 'router solicitation'],
  [13, 'time stamp request'],
  [14, 'time stamp reply'],
  [15, 'information request'],
  [16, 'information reply'],
  [17, 'address mask request'],
]);

/** Types whose body quotes the offending datagram (tcpdump's ICMP_ERRTYPE). */
function isErrorType(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}

export function printIcmp(context: PrintContext, offset: number, length: number, ip: IpHeaderInfo): void {
  context.protocol = 'icmp';
  const type = context.byte(offset);
  const code = context.byte(offset + 1);
  const quoted = offset + 8;
  const data = context.data;
  let text: string;
  switch (type) {
    case 0:
    case 8:
      text = `echo ${type === 8 ? 'request' : 'reply'}, id ${context.uint16(offset + 4)}, seq ${context.uint16(offset + 6)}`;
      break;
    case 3:
      text = unreachableText(context, quoted, code);
      break;
    case 5: {
      context.need(quoted + 16, 4);
      context.need(offset + 4, 4);
      const destination = ipv4Text(data, quoted + 16);
      const gateway = ipv4Text(data, offset + 4);
      text =
        code < 4
          ? redirectTexts[code]!.replace('%d', destination).replace('%g', gateway)
          : `redirect-#${code} ${destination} to ${gateway}`;
      break;
    }
    case 9:
      text = routerAdvertisementText(context, offset);
      break;
    case 11:
      context.need(quoted + 16, 4);
      text =
        code === 0
          ? 'time exceeded in-transit'
          : code === 1
            ? 'ip reassembly time exceeded'
            : `time exceeded-#${code}`;
      break;
    case 12:
      text = code
        ? `parameter problem - code ${code}`
        : `parameter problem - octet ${context.byte(offset + 4)}`;
      break;
    case 18:
      text = `address mask is 0x${context
        .uint32(offset + 8)
        .toString(16)
        .padStart(8, '0')}`;
      break;
    case 13:
      text = `time stamp query id ${context.uint16(offset + 4)} seq ${context.uint16(offset + 6)}`;
      break;
    case 14:
      context.need(offset + 16, 4);
      text =
        `time stamp reply id ${context.uint16(offset + 4)} seq ${context.uint16(offset + 6)}: org ${millisecondsText(context.uint32(offset + 8))}` +
        `, recv ${millisecondsText(context.uint32(offset + 12))}, xmit ${millisecondsText(context.uint32(offset + 16))}`;
      break;
    default:
      text = otherTypeNames.get(type) ?? `type-#${type}`;
  }
  context.print(`ICMP ${text}, length ${length}`);

  if (context.verbosity > 0 && !ip.fragmented && context.has(offset, length)) {
    const computed = finishChecksum(onesComplementSum(data, offset, offset + length));
    if (computed !== 0) {
      const field = context.uint16(offset + 2);
      context.print(` (wrong icmp cksum ${hex(field)} (->${hex(checksumShouldBe(field, computed))})!)`);
    }
  }

  if (context.verbosity > 0 && isErrorType(type)) {
    context.print('\n\t');
    const quotedLength = context.uint16(quoted + 2);
    const previousEnd = context.narrowEnd(quoted + quotedLength);
    printIpv4(context, quoted, quotedLength);
    context.restoreEnd(previousEnd);
  }
  context.protocol = 'icmp';

  // RFC 4884 multi-part messages: extensions follow a 128-byte original-datagram field.
  if (context.verbosity > 0 && length > 136 && (type === 3 || type === 11 || type === 12))
    printIcmpExtensions(context, offset, length);
}

function unreachableText(context: PrintContext, quoted: number, code: number): string {
  const data = context.data;
  switch (code) {
    case 2:
      context.need(quoted + 16, 4);
      return `${ipv4Text(data, quoted + 16)} protocol ${context.byte(quoted + 9)} unreachable`;
    case 3: {
      context.need(quoted + 9, 1);
      const headerLength = (context.byte(quoted) & 0x0f) * 4;
      const destinationPort = context.uint16(quoted + headerLength + 2);
      const protocol = context.byte(quoted + 9);
      context.need(quoted + 16, 4);
      const destination = ipv4Text(data, quoted + 16);
      if (protocol === 6) return `${destination} tcp port ${destinationPort} unreachable`;
      if (protocol === 17) return `${destination} udp port ${destinationPort} unreachable`;
      return `${destination} protocol ${protocol} port ${destinationPort} unreachable`;
    }
    case 4: {
      const mtu = context.uint16(quoted - 2);
      context.need(quoted + 16, 4);
      const destination = ipv4Text(data, quoted + 16);
      return mtu
        ? `${destination} unreachable - need to frag (mtu ${mtu})`
        : `${destination} unreachable - need to frag`;
    }
    default: {
      context.need(quoted + 16, 4);
      const destination = ipv4Text(data, quoted + 16);
      const describe = unreachableTexts.get(code);
      return describe ? describe(destination) : `${destination} unreachable - #${code}`;
    }
  }
}

/** RFC 1256 router advertisement: lifetime, then each {address preference}. */
function routerAdvertisementText(context: PrintContext, offset: number): string {
  context.need(offset + 4, 4);
  const lifetime = context.uint16(offset + 6);
  let text = 'router advertisement lifetime ';
  if (lifetime < 60) text += `${lifetime}`;
  else if (lifetime < 3600) text += `${Math.floor(lifetime / 60)}:${String(lifetime % 60).padStart(2, '0')}`;
  else
    text += `${Math.floor(lifetime / 3600)}:${String(Math.floor((lifetime % 3600) / 60)).padStart(2, '0')}:${String(lifetime % 60).padStart(2, '0')}`;
  let count = context.byte(offset + 4);
  text += ` ${count}:`;
  const size = context.byte(offset + 5);
  if (size !== 2) return `${text} [size ${size}]`;
  let entry = offset + 8;
  while (count > 0) {
    context.need(entry, 8);
    text += ` {${ipv4Text(context.data, entry)} ${context.uint32(entry + 4)}}`;
    entry += 8;
    count--;
  }
  return text;
}

/** RFC 792 timestamps: milliseconds since midnight UTC as "HH:MM:SS.mmm". */
function millisecondsText(value: number): string {
  const milliseconds = value % 1000;
  let seconds = Math.floor(value / 1000);
  let minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const hours = Math.floor(minutes / 60);
  minutes -= hours * 60;
  const pad = (number: number) => String(number).padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${String(milliseconds).padStart(3, '0')}`;
}
