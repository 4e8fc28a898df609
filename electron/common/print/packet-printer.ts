import type { DecodedPacket } from '../model/packet';
import { LineBuffer } from './line-buffer';
import { printLinkLayer } from './link-dispatch';
import { printModelPacket } from './model-packet';
import { PrintContext, TruncatedSignal } from './print-context';
import { type PrintOptions, resolvePrintOptions, type ResolvedPrintOptions } from './print-options';
import { TimestampText } from './timestamp-text';

/**
 * Prints packets one line (or, with -v, one record of several lines) at a time, as
 * `TZ=UTC tcpdump -n -r FILE` would. A printer keeps what tcpdump keeps between packets: the
 * previous time stamp (-ttt), the first one (-ttttt) and the TCP sequence number bases. Use
 * one printer per capture, in packet order.
 */
export class PacketPrinter {
  readonly options: ResolvedPrintOptions;
  private readonly context = new PrintContext();
  private readonly timestamps: TimestampText;

  constructor(options: PrintOptions = {}) {
    this.options = resolvePrintOptions(options);
    this.timestamps = new TimestampText(this.options.timestamp, this.options.nanoseconds);
    this.context.verbosity = this.options.verbosity;
    this.context.quiet = this.options.quiet;
    this.context.linkHeader = this.options.linkHeader;
    this.context.interfaceNames = this.options.interfaceNames;
  }

  private readonly own = new LineBuffer();

  /** The packet's text, without the final newline. */
  format(packet: DecodedPacket): string {
    this.own.clear();
    this.formatInto(packet, this.own);
    return this.own.toString();
  }

  /**
   * Appends the packet's text, as ASCII bytes without the final newline, to `line`: for
   * writing to a file or pipe without making a string per packet.
   */
  formatInto(packet: DecodedPacket, line: LineBuffer): void {
    const frame = packet.frame;
    const context = this.context;
    context.reset(frame.data, frame.capturedLength, line);
    if (this.options.frameNumbers) line.write(`${String(frame.number).padStart(5)}  `);
    this.timestamps.write(line, frame.seconds, frame.nanoseconds);
    if (packet.origin) {
      line.write(printModelPacket(packet, this.options));
      return;
    }
    try {
      printLinkLayer(context, frame);
    } catch (error) {
      if (!(error instanceof TruncatedSignal)) throw error;
      context.printTruncated();
    }
  }
}
