import { ipProtocolName as sharedIpProtocolName } from '../decode/ip-protocols';

/**
 * IP protocol names as tcpdump's -v header prints them (ipproto.c, ipproto_values): the table in
 * decode/ip-protocols, with the few places where the printer's spelling differs from it.
 */
const printerOnlyNames: ReadonlyMap<number, string> = new Map([
  [59, 'No Next Header'],
  [60, 'DSTOPT'],
  [143, 'Ethernet'],
]);

/** pfsync is named in the shared table, but the printer has always printed it as unknown. */
const pfsync = 240;

export function ipProtocolName(protocol: number): string {
  if (protocol === pfsync) return 'unknown';
  return printerOnlyNames.get(protocol) ?? sharedIpProtocolName(protocol) ?? 'unknown';
}
