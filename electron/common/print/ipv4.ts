import { ipv4Text } from './address-text';
import { hex } from './hex-text';
import { finishChecksum, onesComplementSum, checksumShouldBe } from './internet-checksum';
import type { IpHeaderInfo } from './ip-header-info';
import { ipProtocolName } from './ip-protocol-names';
import { printIpPayload } from './ip-payload-dispatch';
import { printIpv4Options, sourceRouteDestination } from './ipv4-options';
import type { PrintContext } from './print-context';

/**
 * IPv4 (RFC 791) as tcpdump 4.99's ip_print. `length` is what the layer below says the
 * datagram may occupy; the header's total length narrows it. With -v the header comes first:
 * "(tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto UDP (17), length 52)" and the rest of
 * the packet continues on a new line indented by four spaces.
 */
export function printIpv4(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'ip';
  const versionAndLength = context.byte(offset);
  const version = versionAndLength >>> 4;
  if (version !== 4) {
    context.print(version === 6 ? 'IP6, wrong link-layer encapsulation' : `IP${version}`);
    context.printInvalid();
    return;
  }
  if (!context.linkHeader) context.print('IP ');
  context.need(offset, 20);
  if (length < 20) {
    context.print(`truncated-ip ${length}`);
    return;
  }
  const headerLength = (versionAndLength & 0x0f) * 4;
  if (headerLength < 20) {
    context.print(`bad-hlen ${headerLength}`);
    return;
  }
  const data = context.data;
  const totalLength = context.uint16(offset + 2);
  if (length < totalLength) context.print(`truncated-ip - ${totalLength - length} bytes missing! `);
  if (totalLength < headerLength) {
    context.print(`bad-len ${totalLength}`);
    return;
  }
  const fragmentField = context.uint16(offset + 6);
  const protocol = data[offset + 9]!;
  if (context.verbosity > 0) {
    const complete = printVerboseHeader(context, offset, headerLength, fragmentField, protocol);
    if (!complete) return;
  }

  const previousEnd = context.narrowEnd(offset + Math.min(length, totalLength));
  const info: IpHeaderInfo = {
    version: 4,
    offset,
    source: ipv4Text(data, offset + 12),
    destination: ipv4Text(data, offset + 16),
    pseudoDestinationOffset:
      headerLength > 20 ? sourceRouteDestination(context, offset, headerLength) : offset + 16,
    fragmented: (fragmentField & 0x3fff) !== 0,
    headerProtocol: protocol,
  };
  const payloadLength = totalLength - headerLength;
  if ((fragmentField & 0x1fff) === 0) {
    if (protocol !== 6 && protocol !== 17 && protocol !== 132 && protocol !== 33) {
      context.print(info.source);
      context.print(' > ');
      context.print(info.destination);
      context.print(': ');
    }
    if (!context.has(offset, headerLength)) {
      context.print(
        ` [remaining caplen(${Math.max(0, context.end - offset)}) < header length(${headerLength})]`,
      );
      context.need(offset, headerLength);
    }
    printIpPayload(context, protocol, offset + headerLength, payloadLength, info);
  } else {
    // Not the first fragment: the transport header is elsewhere, so only the protocol is known.
    context.print(`${info.source} > ${info.destination}: ip-proto-${protocol}`);
  }
  context.restoreEnd(previousEnd);
}

const fragmentFlagNames: [number, string][] = [
  [0x2000, '+'],
  [0x4000, 'DF'],
  [0x8000, 'rsvd'],
];

function printVerboseHeader(
  context: PrintContext,
  offset: number,
  headerLength: number,
  fragmentField: number,
  protocol: number,
): boolean {
  const data = context.data;
  const typeOfService = data[offset + 1]!;
  let text = `(tos 0x${hex(typeOfService)}`;
  // RFC 3168 ECN field, the low two bits of the old TOS octet.
  const ecn = typeOfService & 0x03;
  if (ecn === 1) text += ',ECT(1)';
  else if (ecn === 2) text += ',ECT(0)';
  else if (ecn === 3) text += ',CE';
  const ttl = data[offset + 8]!;
  if (ttl >= 1) text += `, ttl ${ttl}`;
  const flags = fragmentFlagNames
    .filter(([bit]) => fragmentField & bit)
    .map(([, name]) => name)
    .join(', ');
  text += `, id ${context.uint16(offset + 4)}, offset ${(fragmentField & 0x1fff) * 8}, flags [${flags || 'none'}], proto ${ipProtocolName(protocol)} (${protocol})`;
  text += `, length ${context.uint16(offset + 2)}`;
  context.print(text);
  let optionsTruncated = false;
  if (headerLength > 20) {
    context.print(', options (');
    optionsTruncated = !printIpv4Options(context, offset + 20, headerLength - 20);
    if (optionsTruncated) context.print(' [truncated-option]');
    context.print(')');
  }
  if (context.has(offset, headerLength)) {
    const computed = finishChecksum(onesComplementSum(data, offset, offset + headerLength));
    if (computed !== 0) {
      const field = context.uint16(offset + 10);
      context.print(`, bad cksum ${hex(field)} (->${hex(checksumShouldBe(field, computed))})!`);
    }
  }
  context.print(')\n    ');
  if (optionsTruncated) {
    // tcpdump names the addresses, marks the truncation and prints nothing more.
    context.print(`${ipv4Text(data, offset + 12)} > ${ipv4Text(data, offset + 16)}: `);
    context.printTruncated();
    return false;
  }
  return true;
}
