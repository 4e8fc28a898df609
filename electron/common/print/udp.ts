import { printBroadcomIntercept } from './bcm-li';
import { printDns } from './dns';
import { printGeneve } from './geneve';
import { printMpls } from './mpls';
import { printVxlan } from './vxlan';
import { hex16 } from './hex-text';
import { checksumShouldBe } from './internet-checksum';
import type { IpHeaderInfo } from './ip-header-info';
import type { PrintContext } from './print-context';
import { truncatedSignal } from './print-context';
import { transportChecksum } from './transport-checksum';

/**
 * UDP (RFC 768) as tcpdump's udp_print: "src.port > dst.port: " and then DNS for port 53
 * (and mDNS on 5353), "UDP, length N" for anything else. With -vv over IPv4, and with -v
 * over IPv6 where the checksum is mandatory, the checksum verdict comes first.
 */

/** Ports tcpdump hands to another printer before it would try mDNS (print-udp.c order). */
const portsBeforeMulticastDns = new Set([
  67, 68, 69, 88, 123, 137, 138, 161, 162, 319, 320, 496, 500, 514, 520, 521, 525, 546, 547, 646, 654, 698,
  701, 750, 921,
]);

export function printUdp(context: PrintContext, offset: number, length: number, ip: IpHeaderInfo): void {
  context.protocol = 'udp';
  if (!context.has(offset + 2, 2)) {
    printAddresses(context, ip, -1, -1);
    throw truncatedSignal;
  }
  const sourcePort = context.uint16(offset);
  const destinationPort = context.uint16(offset + 2);
  if (length < 8) {
    printAddresses(context, ip, sourcePort, destinationPort);
    context.print(`truncated-udp ${length}`);
    return;
  }
  if (!context.has(offset + 4, 2)) {
    printAddresses(context, ip, sourcePort, destinationPort);
    throw truncatedSignal;
  }
  let udpLength = context.uint16(offset + 4);
  // RFC 2675 jumbograms carry 0 here and the real length in the hop-by-hop option.
  if (udpLength === 0 && length > 65535) udpLength = length;
  if (udpLength < 8) {
    printAddresses(context, ip, sourcePort, destinationPort);
    context.print(`truncated-udplength ${udpLength}`);
    return;
  }
  udpLength -= 8;
  let payloadLength = length - 8;
  if (udpLength < payloadLength) payloadLength = udpLength;
  const payload = offset + 8;
  if (payload > context.end) {
    printAddresses(context, ip, sourcePort, destinationPort);
    throw truncatedSignal;
  }
  printAddresses(context, ip, sourcePort, destinationPort);

  if (context.verbosity > 0 && !ip.fragmented) {
    if (ip.version === 4 && context.verbosity > 1) {
      const field = context.uint16(offset + 6);
      if (field === 0) context.print('[no cksum] ');
      else if (context.has(payload, payloadLength))
        printChecksumVerdict(context, ip, offset, payloadLength + 8, field);
    } else if (ip.version === 6 && context.has(payload, payloadLength)) {
      printChecksumVerdict(context, ip, offset, payloadLength + 8, context.uint16(offset + 6));
    }
  }

  if (!context.quiet) {
    if (sourcePort === 53 || destinationPort === 53) {
      printDns(context, payload, payloadLength, false, false);
      return;
    }
    if (
      (sourcePort === 5353 || destinationPort === 5353) &&
      !portsBeforeMulticastDns.has(sourcePort) &&
      !portsBeforeMulticastDns.has(destinationPort)
    ) {
      printDns(context, payload, payloadLength, false, true);
      return;
    }
  }
  if (!context.quiet && (sourcePort === 4789 || destinationPort === 4789)) {
    printVxlan(context, payload, payloadLength);
    return;
  }
  if (!context.quiet && destinationPort === 6081) {
    printGeneve(context, payload, payloadLength);
    return;
  }
  if (!context.quiet && (sourcePort === 6635 || destinationPort === 6635)) {
    // RFC 7510 MPLS in UDP.
    printMpls(context, payload, payloadLength);
    return;
  }
  if (!context.quiet && sourcePort === 49152) {
    printBroadcomIntercept(context, payload, payloadLength);
    return;
  }
  if (udpLength > payloadLength && !ip.fragmented)
    context.print(`UDP, bad length ${udpLength} > ${payloadLength}`);
  else {
    context.print('UDP, length ');
    context.printNumber(udpLength);
  }
}

function printChecksumVerdict(
  context: PrintContext,
  ip: IpHeaderInfo,
  offset: number,
  length: number,
  field: number,
): void {
  const computed = transportChecksum(context.data, ip, 17, offset, length);
  if (computed !== 0)
    context.print(`[bad udp cksum 0x${hex16(field)} -> 0x${hex16(checksumShouldBe(field, computed))}!] `);
  else context.print('[udp sum ok] ');
}

/** tcpdump's udpipaddr_print: ports alone when extension headers sit between IPv6 and UDP. */
function printAddresses(
  context: PrintContext,
  ip: IpHeaderInfo,
  sourcePort: number,
  destinationPort: number,
): void {
  // Written piece by piece: this runs for every UDP packet, and pieces need no new strings.
  if (ip.headerProtocol === 17) {
    context.print(ip.source);
    if (sourcePort !== -1) {
      context.print('.');
      context.printNumber(sourcePort);
    }
    context.print(' > ');
    context.print(ip.destination);
    if (sourcePort !== -1) {
      context.print('.');
      context.printNumber(destinationPort);
    }
    context.print(': ');
  } else if (sourcePort !== -1) {
    context.printNumber(sourcePort);
    context.print(' > ');
    context.printNumber(destinationPort);
    context.print(': ');
  }
}
