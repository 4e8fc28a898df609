/**
 * Corrupt capture data: a field that no valid pcap or pcapng file can hold. The message
 * always names the absolute byte offset of the bad field, so that one line tells the
 * analyst where to look (`xxd -s OFFSET file`).
 */
export class CaptureFormatError extends Error {
  /** Absolute byte offset (from the start of the stream) of the field found bad. */
  readonly offset: number;
  /** What is wrong, without the offset (the frame worker sends it across threads to be thrown again). */
  readonly reason: string;

  constructor(reason: string, offset: number) {
    super(`${reason} at byte ${offset}`);
    this.name = 'CaptureFormatError';
    this.offset = offset;
    this.reason = reason;
  }
}
