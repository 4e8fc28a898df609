/**
 * Corrupt capture data: a field that no valid pcap or pcapng file can hold. The message
 * always names the absolute byte offset of the bad field, so that one line tells the
 * analyst where to look (`xxd -s OFFSET file`).
 */
export class CaptureFormatError extends Error {
  /** Absolute byte offset (from the start of the stream) of the field found bad. */
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(`${message} at byte ${offset}`);
    this.name = 'CaptureFormatError';
    this.offset = offset;
  }
}
