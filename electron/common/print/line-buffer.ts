/**
 * The text of the packet being printed, kept as bytes. Printers append pieces of ASCII (every
 * byte from a packet is escaped to ASCII before it is printed, as tcpdump does); copying them
 * here instead of concatenating strings spares the allocations of a string per piece, and a
 * caller that writes to a file or pipe can take the bytes as they are.
 */
const latin1 = new TextDecoder('latin1');

export class LineBuffer {
  bytes: Uint8Array;
  length = 0;

  constructor(capacity = 4096) {
    this.bytes = new Uint8Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  private grow(needed: number): void {
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }

  write(text: string): void {
    const count = text.length;
    if (this.length + count > this.bytes.length) this.grow(this.length + count);
    const bytes = this.bytes;
    let position = this.length;
    for (let index = 0; index < count; index++) {
      const code = text.charCodeAt(index);
      // Text a log carried could hold other characters; the output stays one byte each.
      bytes[position++] = code < 256 ? code : 0x3f;
    }
    this.length = position;
  }

  /** A non-negative integer in decimal, without making a string of it. */
  writeNumber(value: number): void {
    if (!(value >= 0 && value < 4_294_967_296) || value !== Math.floor(value)) {
      this.write(String(value));
      return;
    }
    const digits =
      value < 100000
        ? value < 100
          ? value < 10
            ? 1
            : 2
          : value < 1000
            ? 3
            : value < 10000
              ? 4
              : 5
        : String(value).length;
    if (this.length + digits > this.bytes.length) this.grow(this.length + digits);
    const bytes = this.bytes;
    let position = this.length + digits;
    this.length = position;
    let rest = value;
    do {
      const next = Math.floor(rest / 10);
      bytes[--position] = 0x30 + rest - next * 10;
      rest = next;
    } while (rest > 0);
  }

  writeByte(value: number): void {
    if (this.length + 1 > this.bytes.length) this.grow(this.length + 1);
    this.bytes[this.length++] = value;
  }

  /** The bytes written so far: a view, valid until the next write. */
  view(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  toString(): string {
    return latin1.decode(this.view());
  }
}
