import { printIcmp } from './icmp';
import { printIcmp6 } from './icmp6';
import type { IpHeaderInfo } from './ip-header-info';
import { printIpv4 } from './ipv4';
import { printIpv6 } from './ipv6';
import { printEthernet } from './link-ethernet';
import type { PrintContext } from './print-context';
import { printTcp } from './tcp';
import { printUdp } from './udp';

/**
 * The one table from IP protocol number to printer (tcpdump's ip_demux_print). Protocols no
 * printer here decodes show as tcpdump shows an unknown one: " ip-proto-47 24".
 */
export function printIpPayload(
  context: PrintContext,
  protocol: number,
  offset: number,
  length: number,
  ip: IpHeaderInfo,
): void {
  switch (protocol) {
    case 6:
      printTcp(context, offset, length, ip);
      return;
    case 17:
      printUdp(context, offset, length, ip);
      return;
    case 1:
      printIcmp(context, offset, length, ip);
      return;
    case 58:
      printIcmp6(context, offset, length, ip);
      return;
    case 4:
      printIpv4(context, offset, length);
      return;
    case 41:
      printIpv6(context, offset, length);
      return;
    case 50:
      printEsp(context, offset, length);
      return;
    case 143:
      // RFC 8986 segment routing can carry Ethernet frames directly.
      printEthernet(context, offset, length);
      return;
    default:
      // SCTP and DCCP printers would have named the addresses themselves.
      if (protocol === 132 || protocol === 33) context.print(`${ip.source} > ${ip.destination}: `);
      context.print(` ip-proto-${protocol} ${length}`);
  }
}

/** RFC 4303 ESP: only the clear-text SPI and sequence number can be shown. */
function printEsp(context: PrintContext, offset: number, length: number): void {
  context.protocol = 'esp';
  const spi = context.uint32(offset);
  const sequence = context.uint32(offset + 4);
  context.print(
    `ESP(spi=0x${spi.toString(16).padStart(8, '0')},seq=0x${sequence.toString(16)}), length ${length}`,
  );
}
