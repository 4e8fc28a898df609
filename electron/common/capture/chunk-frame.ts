import type { Frame } from '../model/frame';

/**
 * A frame whose bytes are a view of a chunk the file was read in, made only when asked for.
 * Frames read by the frame worker arrive with their facts already read: most of them are
 * analysed without ever looking at their bytes, and a view per frame was a tenth of the
 * analysing thread's time.
 *
 * The frame worker's reader moves one ChunkFrame from frame to frame (`moveTo`), as a parser's
 * frame.data is only valid during the call: whoever keeps a frame keeps its fields.
 */
export class ChunkFrame implements Frame {
  private view: Uint8Array | undefined = undefined;

  constructor(
    public number: number,
    public seconds: number,
    public nanoseconds: number,
    public capturedLength: number,
    public originalLength: number,
    public linkType: number,
    public interfaceIndex: number,
    /** The chunk the frame's bytes are in, and where they start. */
    public chunk: Uint8Array,
    public offset: number,
  ) {}

  get data(): Uint8Array {
    return (this.view ??= this.chunk.subarray(this.offset, this.offset + this.capturedLength));
  }

  /** Becomes the next frame (the reader's one object, reused). */
  moveTo(
    number: number,
    seconds: number,
    nanoseconds: number,
    capturedLength: number,
    originalLength: number,
    linkType: number,
    interfaceIndex: number,
    chunk: Uint8Array,
    offset: number,
  ): void {
    this.number = number;
    this.seconds = seconds;
    this.nanoseconds = nanoseconds;
    this.capturedLength = capturedLength;
    this.originalLength = originalLength;
    this.linkType = linkType;
    this.interfaceIndex = interfaceIndex;
    this.chunk = chunk;
    this.offset = offset;
    this.view = undefined;
  }
}
