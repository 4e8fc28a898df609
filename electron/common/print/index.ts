// The tcpdump-compatible printer: one line per packet, as `TZ=UTC tcpdump -n -r FILE` prints it.
export { formatPacketLine } from './format-packet-line';
export { PacketPrinter } from './packet-printer';
export { matchesDnsOrIcmp } from './match-dns-or-icmp';
export { frameMatchesDnsOrIcmp } from './frame-filter';
export { LineBuffer } from './line-buffer';
export { printableLinkTypes } from './link-dispatch';
export type { PrintOptions, TimestampFormat } from './print-options';
