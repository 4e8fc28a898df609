/**
 * The frame worker: a worker thread that reads a pcap or pcapng file, parses its records and
 * reads each frame's facts (readRecordInto, frame-facts.ts), while the thread that started it
 * runs the analysis on the frames of the chunk before. A big capture is thus read and analysed
 * on two cores (frame-worker-reader.ts is the other side).
 *
 * Each chunk read goes to the analysing thread whole, moved rather than copied, with one slot
 * per frame: where its bytes are in the chunk, its times and lengths, and the view's fields.
 * The worker stays at most `batchesAhead` chunks ahead, so memory stays bounded whatever the
 * file's size. It stops when told to (`control[stopIndex]`), between chunks.
 *
 * Built on its own (scripts/build.mjs, dist/frame-worker.cjs): it runs in a fresh thread that
 * loads only the parsers and the decoders.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  capturedField,
  dataField,
  interfaceField,
  kindField,
  linkField,
  nanosecondsField,
  originalField,
  SlotBuffer,
  SlotKind,
  StringTable,
  writeFacts,
} from '../../common/analysis/frame-facts';
import { readRecordInto } from '../../common/analysis/frame-reader';
import { LayerView } from '../../common/analysis/layer-view';
import { CaptureFormatError } from '../../common/capture/capture-format-error';
import { createCaptureParser } from '../../common/capture/create-capture-parser';
import {
  batchesAhead,
  stopIndex,
  consumedIndex,
  type FrameWorkerStartData,
  type FrameWorkerMessage,
  type RecycledBuffers,
} from './frame-worker-messages';
import { detachOneBufferEarly } from './detach-early';

// Every chunk sent detaches its buffer: let the first detaching happen before anything is compiled.
detachOneBufferEarly();

const port = parentPort!;
const { path, format, chunkSize, control: controlBuffer, recycle } = workerData as FrameWorkerStartData;
/** Chunks the analysing thread gave back, to read into again, and the batches' arrays it gave back. */
const free: ArrayBuffer[] = [];
const freeArrays: Exclude<RecycledBuffers, ArrayBuffer>[] = [];
const control = new Int32Array(controlBuffer);
const view = new LayerView();
const quotedView = new LayerView();
const strings = new StringTable();

/** The batch being filled: the current chunk's frames, their quotes, the frames' seconds. */
let chunk = new Uint8Array(0);
const frames = new SlotBuffer();
const quotes = new SlotBuffer();
// Room for every record a chunk can hold (a pcap record is at least its 16-byte header), and one
// cut by the chunk before: the array never grows in the middle of the read, where growing for
// the first time made V8 compile the whole reading loop again.
let seconds = new Float64Array(Math.ceil(chunkSize / 16) + 1);
let extras: Uint8Array[] = [];
let sent = 0;
// The batch's earliest and latest frame time, kept as its records are parsed: the analysing
// thread needs them before any frame, and here they cost a comparison per record.
let earliest = Number.POSITIVE_INFINITY;
let latest = Number.NEGATIVE_INFINITY;

/** One record of the chunk (a parser's RecordSink): its slot, from its bytes where they lie. */
function onRecord(
  bytes: Uint8Array,
  start: number,
  capturedLength: number,
  originalLength: number,
  frameSeconds: number,
  nanoseconds: number,
  linkType: number,
  interfaceIndex: number,
): void {
  const index = frames.count;
  const base = frames.append();
  const slots = frames.slots;
  // The parsers hand on the chunk pushed itself (compared first: reading `.buffer` costs a call).
  if (bytes === chunk) slots[base + dataField] = start;
  else if (bytes.buffer === chunk.buffer)
    slots[base + dataField] = bytes.byteOffset - chunk.byteOffset + start;
  else {
    // A record cut by a chunk boundary was copied out by the parser: it travels on its own.
    slots[base + dataField] = -1 - extras.length;
    extras.push(bytes.subarray(start, start + capturedLength));
  }
  slots[base + capturedField] = capturedLength;
  slots[base + originalField] = originalLength;
  slots[base + nanosecondsField] = nanoseconds;
  slots[base + linkField] = linkType;
  slots[base + interfaceField] = interfaceIndex;
  if (index === seconds.length) {
    const grown = new Float64Array(seconds.length * 2);
    grown.set(seconds);
    seconds = grown;
  }
  seconds[index] = frameSeconds;
  const time = frameSeconds + nanoseconds / 1e9;
  if (time < earliest) earliest = time;
  if (time > latest) latest = time;
  // IPv4 addresses as numbers only: the slot carries the numbers, and the other thread makes their text.
  if (readRecordInto(view, quotedView, linkType, bytes, start, start + capturedLength, false))
    writeFacts(slots, base, view, quotedView, quotes, strings);
  else slots[base + kindField] = SlotKind.unread;
}

/** Sends the batch: the chunk, the slots and the seconds move to the other thread; arrays given back take their place. */
function send(reset: boolean): void {
  const count = frames.count;
  const reuse = freeArrays.pop();
  const sentSeconds = seconds;
  seconds =
    reuse !== undefined && reuse.seconds.byteLength >= sentSeconds.byteLength
      ? new Float64Array(reuse.seconds)
      : new Float64Array(sentSeconds.length);
  const message: FrameWorkerMessage = {
    type: 'batch',
    chunk,
    slots: frames.take(reuse?.slots),
    quotes: quotes.take(reuse?.quotes),
    seconds: sentSeconds,
    count,
    earliest,
    latest,
    strings: strings.takeFresh(),
    reset,
    extras,
  };
  port.postMessage(message, [
    chunk.buffer as ArrayBuffer,
    message.slots.buffer as ArrayBuffer,
    message.quotes.buffer as ArrayBuffer,
    message.seconds.buffer as ArrayBuffer,
  ]);
  sent++;
  extras = [];
  earliest = Number.POSITIVE_INFINITY;
  latest = Number.NEGATIVE_INFINITY;
}

/** Waits until the analysing thread is fewer than `batchesAhead` batches behind; false when told to stop. */
function waitForRoom(): boolean {
  for (;;) {
    if (Atomics.load(control, stopIndex) !== 0) return false;
    const consumed = Atomics.load(control, consumedIndex);
    if (sent - consumed < batchesAhead) return true;
    Atomics.wait(control, consumedIndex, consumed, 100);
  }
}

function run(): void {
  const parser = createCaptureParser(format, { onRecord });
  const hash = createHash('sha256');
  const descriptor = openSync(path, 'r');
  let position = 0;
  try {
    for (;;) {
      if (!waitForRoom()) return;
      for (let back = receiveMessageOnPort(recycle); back; back = receiveMessageOnPort(recycle)) {
        const buffers = back.message as RecycledBuffers;
        if (buffers instanceof ArrayBuffer) free.push(buffers);
        else freeArrays.push(buffers);
      }
      const buffer = free.pop() ?? Buffer.allocUnsafeSlow(chunkSize).buffer;
      const read = readSync(descriptor, new Uint8Array(buffer), 0, chunkSize, position);
      if (read === 0) break;
      position += read;
      chunk = new Uint8Array(buffer, 0, read);
      // Hashed here, on this thread, before the chunk moves: the report's sha256 covers exactly the bytes read.
      hash.update(chunk);
      const reset = strings.startBatch();
      try {
        parser.push(chunk);
      } finally {
        // Frames before a format error are analysed before the error is reported, as in one thread.
        send(reset);
      }
    }
    const summary = parser.end();
    port.postMessage({
      type: 'end',
      linkTypes: summary.linkTypes,
      warnings: summary.warnings,
      sha256: hash.digest('hex'),
    } satisfies FrameWorkerMessage);
  } finally {
    closeSync(descriptor);
  }
}

try {
  run();
} catch (error) {
  const message: FrameWorkerMessage =
    error instanceof CaptureFormatError
      ? { type: 'error', kind: 'format', reason: error.reason, offset: error.offset }
      : {
          type: 'error',
          kind: 'other',
          message: error instanceof Error ? error.message : String(error),
          ...(error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
            ? { code: (error as NodeJS.ErrnoException).code }
            : {}),
        };
  port.postMessage(message);
}
