/**
 * Evidence lines: the packet as `tcpdump -n` prints it (UTC time of day), through the shared
 * printer. A query's line is needed only if the query later fails, so it is printed then,
 * from the frame the transaction kept (see Transaction.keep).
 */
import type { DecodedPacket } from '../model/packet';
import { formatPacketLine } from '../print/format-packet-line';

const lineOptions = { timestamp: 'time', frameNumbers: false } as const;

export function packetLine(packet: DecodedPacket): string {
  return formatPacketLine(packet, lineOptions);
}

/** The line of a retransmission: the same query bytes at another frame and time. */
export function resendLine(snapshot: DecodedPacket, frame: number, microseconds: number): string {
  const seconds = Math.floor(microseconds / 1_000_000);
  const copy: DecodedPacket = {
    ...snapshot,
    frame: {
      ...snapshot.frame,
      number: frame,
      seconds,
      nanoseconds: (microseconds - seconds * 1_000_000) * 1000,
    },
  };
  return packetLine(copy);
}
