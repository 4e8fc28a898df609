/**
 * Evidence lines: the packet as `tcpdump -n` prints it (UTC time of day), through the shared
 * printer. A query's line is needed only if the query later fails, and frames are views
 * into the reader's buffer, so an open query keeps a private copy of its frame's bytes
 * (bounded, like the open table) and is printed from it when needed.
 */
import type { DecodedPacket } from '../model/packet';
import { formatPacketLine } from '../print/format-packet-line';

const lineOptions = { timestamp: 'time', frameNumbers: false } as const;

export function packetLine(packet: DecodedPacket): string {
  return formatPacketLine(packet, lineOptions);
}

/** A copy of the packet that stays valid after the reader reuses its buffer. */
export function snapshotOf(packet: DecodedPacket): DecodedPacket {
  const frame = packet.frame;
  const copy: DecodedPacket = {
    frame: { ...frame, data: frame.data.slice(0, frame.capturedLength) },
    // The printer reads the bytes; text imports have none and are printed from their layers,
    // which then hold no views into any buffer.
    layers: packet.origin ? packet.layers : [],
  };
  if (packet.origin) copy.origin = packet.origin;
  return copy;
}

/** The line of a retransmission: the same query bytes at another frame and time. */
export function resendLine(snapshot: DecodedPacket, frame: number, microseconds: number): string {
  const seconds = Math.floor(microseconds / 1_000_000);
  const copy: DecodedPacket = {
    ...snapshot,
    frame: { ...snapshot.frame, number: frame, seconds, nanoseconds: (microseconds - seconds * 1_000_000) * 1000 },
  };
  return packetLine(copy);
}
