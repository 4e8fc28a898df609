/**
 * One hostile input through the in-process loading path: detect the format, push the bytes
 * into the push parser (or the text reader), dissect each frame, print its tcpdump line and
 * feed the Analyzer, then write the analysis. Synchronous over an in-memory buffer, so a hang
 * shows as a step count over the bound, not as a timer. Each capture frame also goes through
 * the Analyzer's fast path (addFrame, which reads most frames straight from their bytes), and
 * both its reading of every frame and the two analyses must equal the dissector's: every
 * mutation is a test of that path too. The fast path's reading also goes through the frame
 * worker's slots (frame-facts.ts) and back, and must come back the same.
 */
import { isDeepStrictEqual } from 'node:util';
import { Analyzer } from '../../../electron/common/analysis/analyzer';
import {
  FactsReader,
  SlotBuffer,
  StringTable,
  writeFacts,
} from '../../../electron/common/analysis/frame-facts';
import { LayerView } from '../../../electron/common/analysis/layer-view';
import { CaptureFormatError } from '../../../electron/common/capture/capture-format-error';
import { createCaptureParser } from '../../../electron/common/capture/create-capture-parser';
import { detectCaptureFormat } from '../../../electron/common/capture/detect-format';
import { TcpdumpTextReader } from '../../../electron/common/capture/tcpdump-text-reader';
import { dissect } from '../../../electron/common/decode/dissect';
import type { DecodedPacket } from '../../../electron/common/model/packet';
import { formatPacketLine } from '../../../electron/common/print';
import { frameReadings, readBoth } from '../../analysis/support/frame-readings';
import type { Frame } from '../../../electron/common/model/frame';
import { slotFieldsOf } from '../../analysis/support/slot-fields';

export type Outcome = 'read' | 'refused' | 'not-a-capture';

export interface InputResult {
  outcome: Outcome;
  frames: number;
  /** The refusal's message, when refused. */
  message?: string;
}

/** No record is shorter than its 16-byte header, so more frames than this means a loop. */
export function stepBound(length: number): number {
  return Math.ceil(length / 16) + 1;
}

/** One slot at a time through frame-facts.ts, reused across inputs (a small table, so that it starts over often). */
const slotTrip = {
  frames: new SlotBuffer(),
  quotes: new SlotBuffer(),
  strings: new StringTable(256),
  reader: new FactsReader(),
  view: new LayerView(),
  quotedView: new LayerView(),
};

/** Writes the fast path's last reading into a slot and reads it back as the frame worker's reader does; false when the fields differ. */
function slotRoundTripHolds(frame: Frame): boolean {
  const { frames, quotes, strings, reader, view, quotedView } = slotTrip;
  const { fastView, fastQuotedView } = frameReadings;
  const reset = strings.startBatch();
  const base = frames.append();
  const written = writeFacts(frames.slots, base, fastView, fastQuotedView, quotes, strings);
  reader.receive({ slots: frames.take(), quotes: quotes.take(), strings: strings.takeFresh(), reset });
  if (!written) return true;
  reader.base = base;
  reader.read(view, quotedView, frame);
  return (
    isDeepStrictEqual(slotFieldsOf(view), slotFieldsOf(fastView)) &&
    isDeepStrictEqual(slotFieldsOf(quotedView), slotFieldsOf(fastQuotedView))
  );
}

export function runInput(bytes: Uint8Array, chunkSize = 65536): InputResult {
  const detected = detectCaptureFormat(bytes.subarray(0, 4096));
  if (detected.format === 'unknown') return { outcome: 'not-a-capture', frames: 0, message: detected.reason };
  const analyzer = new Analyzer();
  const fromFrames = new Analyzer();
  const bound = stepBound(bytes.length) * (detected.format === 'tcpdump-text' ? 16 : 1);
  let frames = 0;
  const take = (packet: DecodedPacket): void => {
    frames++;
    if (frames > bound) throw new Error(`more than ${bound} frames from ${bytes.length} bytes: a loop`);
    const line = formatPacketLine(packet, { verbosity: frames % 4 });
    if (typeof line !== 'string') throw new Error('no line');
    analyzer.add(packet);
  };
  const reader =
    detected.format === 'tcpdump-text'
      ? new TcpdumpTextReader({ onPacket: take, date: '2026-11-25' })
      : createCaptureParser(detected.format, {
          onFrame: (frame) => {
            take(dissect(frame));
            fromFrames.addFrame(frame);
            const readings = readBoth(frame);
            if (
              readings &&
              (!isDeepStrictEqual(readings.fast, readings.dissected) ||
                !isDeepStrictEqual(readings.fastQuoted, readings.dissectedQuoted))
            )
              throw new Error(`frame ${frame.number}: the fast path reads other fields than the dissector`);
            if (readings && !slotRoundTripHolds(frame))
              throw new Error(
                `frame ${frame.number}: the frame worker's slots give back other fields than the fast path read`,
              );
          },
        });
  const finish = (): void => {
    const analysis = JSON.stringify(analyzer.result({ files: [] }));
    if (detected.format !== 'tcpdump-text' && JSON.stringify(fromFrames.result({ files: [] })) !== analysis)
      throw new Error('the fast path (Analyzer.addFrame) and the dissector disagree on this input');
  };
  try {
    for (let at = 0; at < bytes.length; at += chunkSize) reader.push(bytes.subarray(at, at + chunkSize));
    reader.end();
  } catch (error) {
    if (!(error instanceof CaptureFormatError)) throw error;
    // Frames read before the fault still make an analysis.
    finish();
    return { outcome: 'refused', frames, message: error.message };
  }
  finish();
  return { outcome: 'read', frames };
}
