/** What a live capture session takes, streams and returns. */
import type { AnalysisOptionsInput } from '../../common/analysis/analysis-options';
import type { OutcomeUpdate, TimelineEvent } from '../../common/analysis/timeline-event';
import type { Analysis, CaptureFileFacts } from '../../common/report/analysis-schema';
import type { CaptureError } from './capture-error';
import type { RollingFile } from './rolling-pcap';

export interface CaptureSessionOptions {
  interface: string;
  /** BPF filter (pcap-filter(7)); none captures everything. */
  filter?: string;
  /** Bytes kept per packet (default: the helper's, 262144). */
  snaplen?: number;
  /** Default false: only the host's own traffic, as an analyst's laptop sees it. */
  promiscuous?: boolean;
  /** Kernel capture buffer in MiB (default: the helper's, 8). */
  bufferMegabytes?: number;
  /**
   * Hand each packet over the moment it arrives (default false). Off, the kernel batches
   * packets for up to the helper's block timeout (250 ms), which a 10-per-second timeline
   * does not notice; on, libpcap uses one ring slot per packet sized by the snap length, and
   * the ring fills far sooner (see bench/live-capture.ts).
   */
  immediate?: boolean;
  /** Stop after this many packets. */
  count?: number;
  /** Stop after this many seconds (decimals allowed). */
  durationSeconds?: number;
  /** The app's data folder: the rolling pcap files go in <dataDirectory>/captures/. */
  dataDirectory: string;
  /** Rotate the rolling pcap when a file reaches this size (default 100 MiB). */
  rotateBytes?: number;
  /** DNS query timeout for the analysis (its default when absent). */
  timeoutSeconds?: number;
  /** Any other analysis option (thresholds, limits); `events` is always on for a live session. */
  analysis?: AnalysisOptionsInput;
  /** Time between batches; at least 100 ms (10 batches a second), the default. */
  batchIntervalMs?: number;
  /** The helper binary (default: findHelperPath). */
  helperPath?: string;
  /**
   * A command the helper is run under, e.g. ['ip', 'netns', 'exec', 'ns1'] to capture inside a
   * network namespace. The tests use it; a packaged app leaves it empty.
   */
  launcher?: string[];
}

export interface CaptureStats {
  /** The helper's counters (libpcap's pcap_stats): packets the filter passed, dropped for lack of buffer, dropped by the interface. */
  received: number;
  dropped: number;
  interfaceDropped: number;
  /** Records the helper wrote to its stdout. */
  captured: number;
  /** Records the session has read and written to the rolling files. */
  packets: number;
  /** Of those, how many the analysis has read: it follows the files and may lag behind under load. */
  analysed: number;
  elapsedSeconds: number;
}

export interface CaptureBatch {
  events: TimelineEvent[];
  updates: OutcomeUpdate[];
  stats: CaptureStats;
}

export type CaptureEndReason =
  | 'stopped' // stop() was called
  | 'count' // the packet count was reached
  | 'duration' // the duration ran out
  | 'signal' // the helper was told to stop by someone else (Ctrl-C in a terminal)
  | 'stdin-closed'
  | 'disposed' // dispose() killed it
  | 'failed'; // see `error`

export interface CaptureSummary {
  reason: CaptureEndReason;
  /** Set when the capture failed: the helper's error, its death, a write failure or the listener throwing. */
  error: CaptureError | undefined;
  stats: CaptureStats;
  /** The rolling pcap files, oldest first, each whole and readable. */
  files: RollingFile[];
  interface: string;
  filter: string | null;
  /** libpcap's name of the link type (EN10MB, LINUX_SLL2, ...); null when nothing arrived. */
  linkType: string | null;
  /** Wall-clock milliseconds. */
  startedAt: number;
  endedAt: number;
  warnings: string[];
}

export interface CaptureListener {
  /** New timeline events, outcome updates and counters; at most once per batch interval. */
  onBatch(batch: CaptureBatch): void;
  /** Once, when the session has ended for any reason; the helper is gone and the analysis caught up by then. */
  onEnd?(summary: CaptureSummary): void;
}

export interface CaptureSession {
  readonly id: string;
  /** The helper's process id (the launcher's, which execs the helper, when there is one). */
  readonly helperProcessId: number | undefined;
  /** Resolves true once the helper is capturing (its "started" line), false if it ended before. */
  readonly started: Promise<boolean>;
  /** Resolves once the helper has exited and everything is written; never rejects. */
  readonly ended: Promise<CaptureSummary>;
  /** Until the session has ended (the helper gone and the analysis caught up). */
  readonly running: boolean;
  /** While the helper captures. */
  readonly capturing: boolean;
  stats(): CaptureStats;
  /** The rolling pcap files so far. */
  files(): RollingFile[];
  /** Asks the helper to stop (SIGTERM), waits for its final stats, the last records and the analysis of them. */
  stop(): Promise<CaptureSummary>;
  /** Kills the helper now if it still runs and closes the files. Safe to call at any time, twice. */
  dispose(): void;
  /**
   * The analysis of everything captured so far. `files` replaces the rolling files in the
   * capture facts (the CLI's -w copy, for instance). Outcomes it settles (queries still
   * pending at the end) reach the listener as one more batch.
   */
  analysis(files?: CaptureFileFacts[]): Analysis;
}
