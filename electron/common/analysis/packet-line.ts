/**
 * Evidence lines: the packet as `tcpdump -n` prints it (UTC time of day), through the tcpdump
 * printer. A query's line is needed only if the query later fails, so it is printed then,
 * from the frame the transaction kept (see Transaction.keep).
 *
 * Each analysis has its own PacketLines: the printer remembers TCP flows to print relative
 * sequence numbers, and one analysis must not inherit another's memory (the app analyses
 * many captures in one process).
 */
import type { DecodedPacket } from '../model/packet';
import { PacketPrinter } from '../print/packet-printer';

export class PacketLines {
  private readonly printer = new PacketPrinter({ timestamp: 'time', frameNumbers: false });

  line(packet: DecodedPacket): string {
    return this.printer.format(packet);
  }

  /** The line of a retransmission: the same query bytes at another frame and time. */
  resendLine(snapshot: DecodedPacket, frame: number, microseconds: number): string {
    const seconds = Math.floor(microseconds / 1_000_000);
    const query = snapshot.frame;
    // Field by field: a frame's data may be a getter (ChunkFrame), which a spread would not copy.
    const copy: DecodedPacket = {
      ...snapshot,
      frame: {
        number: frame,
        seconds,
        nanoseconds: (microseconds - seconds * 1_000_000) * 1000,
        capturedLength: query.capturedLength,
        originalLength: query.originalLength,
        linkType: query.linkType,
        interfaceIndex: query.interfaceIndex,
        data: query.data,
      },
    };
    return this.line(copy);
  }
}
