/**
 * The Node-side analysis pipeline, shared by the CLI, the app's service and the capture
 * command: capture files (pcap, pcapng or tcpdump text, told apart by content) → frames,
 * numbered in sequence across the files → Analyzer (which reads most frames straight from their
 * bytes and dissects the rest) → the contract's Analysis, plus
 * the timeline buckets for the chart and, when asked, the events themselves. No UI here:
 * callers get progress through a callback and cancel through an AbortSignal.
 */
import { Analyzer } from '../../common/analysis/analyzer';
import type { FrameReader } from '../../common/analysis/frame-reader';
import type { OutcomeUpdate, TimelineEvent } from '../../common/analysis/timeline-event';
import type { Thresholds } from '../../common/analysis/thresholds';
import type { Frame } from '../../common/model/frame';
import type { DecodedPacket } from '../../common/model/packet';
import type { Analysis } from '../../common/report/analysis-schema';
import { TimelineBuckets, type TimelineBucket } from '../../common/report/timeline-buckets';
import { readCaptureFiles } from '../files/read-capture';
import { captureFacts } from './capture-facts';
import { EventCollector } from './event-collector';

export interface AnalyzeProgress {
  /** Bytes read over all files, and their total size. */
  bytesRead: number;
  totalBytes: number;
  /** Packets read so far over all files. */
  packets: number;
}

export interface AnalyzeFilesOptions {
  /** YYYY-MM-DD for tcpdump text logs that print only the time of day. */
  date?: string;
  /** Seconds after which a query with no answer counts as unanswered (default: the Analyzer's, 5 s). */
  timeoutSeconds?: number;
  /** Incident thresholds to override (thresholds.ts); the rest keep their defaults. */
  thresholds?: Partial<Thresholds>;
  signal?: AbortSignal;
  onProgress?: (progress: AnalyzeProgress) => void;
  /** Keep every timeline event, with its final outcome, in the result (the app's table). */
  events?: boolean;
  /** Count the events per time bucket for the report's chart (default true). */
  timeline?: boolean;
  /** Each batch of new events and outcome updates as the files are read (the app's live view). */
  onBatch?: (events: TimelineEvent[], updates: OutcomeUpdate[]) => void;
  /** Print each event's tcpdump line (default true); the app's service asks for lines on demand instead. */
  eventLines?: boolean;
  /** pcap and pcapng files this big or bigger are read by the frame worker (readCaptureFile's option; default 96 MiB). */
  frameWorkerBytes?: number;
}

export interface AnalyzeFilesResult {
  analysis: Analysis;
  /** Events per time bucket; empty when the timeline was not asked for. */
  timeline: TimelineBucket[];
  /** Every event in frame order, with final outcomes; only with `events: true`. */
  events?: TimelineEvent[];
}

/** Packets between two drains of the Analyzer's event queue: bounds the queue's memory. */
const drainInterval = 4096;

export async function analyzeFiles(
  paths: readonly string[],
  options: AnalyzeFilesOptions = {},
): Promise<AnalyzeFilesResult> {
  if (paths.length === 0) throw new Error('no capture file given');
  const wantTimeline = options.timeline ?? true;
  const wantEvents = options.events === true || options.onBatch !== undefined;
  const buckets = wantTimeline ? new TimelineBuckets() : undefined;
  const analyzer = new Analyzer({
    ...(options.timeoutSeconds !== undefined ? { timeoutSeconds: options.timeoutSeconds } : {}),
    ...(options.thresholds !== undefined ? { thresholds: options.thresholds } : {}),
    events: wantEvents,
    eventLines: options.eventLines ?? true,
    // The chart only counts events: the Analyzer counts them into the buckets without building them.
    timeline: buckets,
  });
  const collector = options.events ? new EventCollector() : undefined;

  const drain = () => {
    if (!wantEvents) return;
    const { events, updates } = analyzer.drain();
    if (events.length === 0 && updates.length === 0) return;
    collector?.add(events, updates);
    options.onBatch?.(events, updates);
  };

  let packets = 0;
  let sinceDrain = 0;
  // Without events there is nothing to drain, and no drain call on the per-frame path: V8
  // compiles that path early, and a call it had not yet seen made it compile the whole
  // reading loop again when the 4096th frame came.
  const counted = wantEvents
    ? () => {
        packets += 1;
        if (++sinceDrain >= drainInterval) {
          sinceDrain = 0;
          drain();
        }
      }
    : () => {
        packets += 1;
      };
  const addPacket = (packet: DecodedPacket) => {
    analyzer.add(packet);
    counted();
  };
  const addFrame = (frame: Frame, read?: FrameReader) => {
    analyzer.addFrame(frame, read);
    counted();
  };

  // Frames are numbered in sequence across the files; errors name the file (CaptureFileError).
  const files = await readCaptureFiles(paths, {
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.frameWorkerBytes !== undefined ? { frameWorkerBytes: options.frameWorkerBytes } : {}),
    onFrame: addFrame,
    onPacket: addPacket,
    onProgress: (bytesRead, totalBytes) => options.onProgress?.({ bytesRead, totalBytes, packets }),
  });
  drain();
  const analysis = analyzer.result(captureFacts(files));
  drain();
  return {
    analysis,
    timeline: buckets?.buckets() ?? [],
    ...(collector ? { events: collector.events() } : {}),
  };
}
