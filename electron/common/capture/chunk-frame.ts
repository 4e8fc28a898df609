import type { Frame } from '../model/frame';

/**
 * A reader that reuses its chunks (the frame worker's) lends each one: whoever keeps a frame's
 * bytes beyond the call holds the chunk's lease, and releases it once it no longer looks at
 * them. A chunk goes back to be read into again only when nobody holds it.
 */
export interface ChunkLease {
  hold(): void;
  release(): void;
}

/**
 * A frame whose bytes are a view of a chunk the file was read in, made only when asked for.
 * Frames read by the frame worker arrive with their facts already read: most of them are
 * analysed without ever looking at their bytes, and a view per frame was a tenth of the
 * analysing thread's time.
 *
 * The frame worker's reader moves one ChunkFrame from frame to frame (`moveTo`), as a parser's
 * frame.data is only valid during the call: whoever keeps a frame keeps its fields, and holds
 * the chunk's `lease` while it keeps the chunk.
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
    /** Undefined when the chunk is not lent (nobody reuses it): the garbage collector frees it. */
    public lease: ChunkLease | undefined = undefined,
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
    lease: ChunkLease | undefined,
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
    this.lease = lease;
    this.view = undefined;
  }
}
