import { LineBuffer } from './line-buffer';
import { TcpSequenceMemory } from './tcp-sequence-memory';

/**
 * The state of one packet being printed: the frame's bytes, where the captured (or, for a
 * nested header, the claimed) data ends, and the text written so far.
 *
 * tcpdump's printers read through bounds-checked macros that jump out of the whole packet
 * when a read passes the snapshot end, and print " [|proto]" with the protocol last
 * entered. `byte`, `uint16` and `uint32` do the same by throwing `truncatedSignal`, which
 * `formatPacketLine` catches. Reading directly from `data` is fine after `has()`.
 */

/** Thrown, never as an Error (no stack trace to build), when a read passes `end`. */
export class TruncatedSignal {
  readonly truncated = true;
}
export const truncatedSignal = new TruncatedSignal();

export class PrintContext {
  data: Uint8Array = new Uint8Array(0);
  /** One past the last byte printers may read (tcpdump's snapend). */
  end = 0;
  /** Where the packet's text goes (a line buffer the caller may keep appending to). */
  line = new LineBuffer();
  /** The protocol named in the truncation marker, as tcpdump's ndo_protocol. */
  protocol = '';
  verbosity = 0;
  quiet = false;
  linkHeader = false;
  interfaceNames: ReadonlyMap<number, string> = new Map();
  /** Kept across packets: the bases of relative TCP sequence numbers. */
  readonly tcpSequences = new TcpSequenceMemory();

  reset(data: Uint8Array, end: number, line: LineBuffer): void {
    this.data = data;
    this.end = Math.min(end, data.length);
    this.line = line;
    this.protocol = '';
  }

  print(text: string): void {
    this.line.write(text);
  }

  printNumber(value: number): void {
    this.line.writeNumber(value);
  }

  /** True when `length` bytes from `offset` can be read. */
  has(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.end;
  }

  need(offset: number, length: number): void {
    if (!this.has(offset, length)) throw truncatedSignal;
  }

  byte(offset: number): number {
    if (offset >= this.end || offset < 0) throw truncatedSignal;
    return this.data[offset]!;
  }

  uint16(offset: number): number {
    if (offset + 2 > this.end || offset < 0) throw truncatedSignal;
    const data = this.data;
    return (data[offset]! << 8) | data[offset + 1]!;
  }

  uint32(offset: number): number {
    if (offset + 4 > this.end || offset < 0) throw truncatedSignal;
    const data = this.data;
    return (
      ((data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!) >>> 0
    );
  }

  /**
   * Narrows the readable end to `limit` (never widens it) and returns the previous end, to be
   * given back to `restoreEnd` (tcpdump's nd_push_snaplen / nd_pop_packet_info).
   */
  narrowEnd(limit: number): number {
    const previous = this.end;
    if (limit < this.end) this.end = Math.max(limit, 0);
    return previous;
  }

  restoreEnd(previous: number): void {
    this.end = previous;
  }

  /** tcpdump's nd_print_trunc: the marker without leaving the packet. */
  printTruncated(): void {
    this.line.write(` [|${this.protocol}]`);
  }

  /** tcpdump's nd_print_invalid. */
  printInvalid(): void {
    this.line.write(' (invalid)');
  }
}
