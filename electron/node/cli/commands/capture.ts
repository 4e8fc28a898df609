// `netmortem capture -i IFACE [-f FILTER] [--duration S] [--count N] [-w FILE.pcap] [--format md|json|html] [--out PATH]`:
// captures live until the duration, the count or Ctrl-C, then analyses what it caught and
// writes the report, exactly as `analyze` would for the same packets, with the capture's
// interface, filter and drops in the capture facts.
import { Option, type Command } from 'commander';
import type { Thresholds } from '../../../common/analysis/thresholds';
import type { ReportFormat } from '../../../common/report/default-file-name';
import { TimelineBuckets } from '../../../common/report/timeline-buckets';
import { CaptureError } from '../../capture/capture-error';
import { startCaptureSession } from '../../capture/capture-session';
import type { CaptureSession, CaptureStats, CaptureSummary } from '../../capture/capture-session-types';
import { defaultDataDirectory } from '../../capture/data-directory';
import { saveCapture } from '../../capture/save-capture';
import { exportReport } from '../../report/export-report';
import { renderReport } from '../../report/render-report';
import { writeStdout } from '../stdout';
import { parseThreshold, thresholdHelp } from '../threshold-option';

interface CaptureCommandOptions {
  interface: string;
  filter?: string;
  duration?: number;
  count?: number;
  write?: string;
  format: ReportFormat;
  out?: string;
  timeout?: number;
  threshold?: Partial<Thresholds>;
  snaplen?: number;
  promiscuous?: boolean;
  buffer?: number;
  dataDir?: string;
  helper?: string;
}

export function register(program: Command): void {
  program
    .command('capture')
    .description('capture live traffic, then write the incident report (Ctrl-C ends the capture)')
    .requiredOption('-i, --interface <name>', 'interface to capture on (see `netmortem interfaces`)')
    .option(
      '-f, --filter <bpf>',
      'capture filter, pcap-filter(7) syntax, e.g. "udp port 53 or icmp or icmp6"',
    )
    .option('--duration <seconds>', 'stop after this many seconds', positiveNumber('--duration'))
    .option('--count <packets>', 'stop after this many packets', positiveInteger('--count'))
    .option('-w, --write <file.pcap>', 'save the captured packets to this pcap file')
    .addOption(new Option('--format <format>', 'report format').choices(['md', 'json', 'html']).default('md'))
    .option('--out <path>', 'write the report to this file instead of stdout')
    .option(
      '--timeout <seconds>',
      'seconds before an unanswered DNS query counts as a timeout (default 5)',
      positiveNumber('--timeout'),
    )
    .option('--threshold <name=value>', thresholdHelp, parseThreshold)
    .option('--snaplen <bytes>', 'bytes kept per packet (default 262144)', positiveInteger('--snaplen'))
    .option('--promiscuous', 'put the interface in promiscuous mode (off by default)')
    .option('--buffer <MiB>', 'kernel capture buffer (default 8)', positiveInteger('--buffer'))
    .option(
      '--data-dir <folder>',
      'where the rolling capture files go (default $NETMORTEM_DATA_DIR or ~/.local/share/netmortem)',
    )
    .option(
      '--helper <path>',
      'the capture helper binary (default: found next to netmortem, or $NETMORTEM_CAPTURE_HELPER)',
    )
    .action(async (options: CaptureCommandOptions) => runCapture(options));
}

async function runCapture(options: CaptureCommandOptions): Promise<void> {
  const timeline = new TimelineBuckets();
  const progress = new ProgressLine();
  const session = startCaptureSession(
    {
      interface: options.interface,
      filter: options.filter,
      durationSeconds: options.duration,
      count: options.count,
      timeoutSeconds: options.timeout,
      ...(options.threshold ? { analysis: { thresholds: options.threshold } } : {}),
      snaplen: options.snaplen,
      promiscuous: options.promiscuous === true,
      bufferMegabytes: options.buffer,
      dataDirectory: options.dataDir ?? defaultDataDirectory(),
      helperPath: options.helper,
    },
    {
      onBatch: (batch) => {
        for (const event of batch.events) timeline.addEvent(event);
        for (const update of batch.updates) timeline.applyUpdate(update);
        progress.show(options.interface, batch.stats);
      },
    },
  );
  try {
    await captureAndReport(session, options, timeline, progress);
  } finally {
    // The helper is gone once the session has ended; this only covers a throw on the way.
    session.dispose();
  }
}

async function captureAndReport(
  session: CaptureSession,
  options: CaptureCommandOptions,
  timeline: TimelineBuckets,
  progress: ProgressLine,
): Promise<void> {
  // Ctrl-C (and a polite kill) ends the capture, and the report is still written.
  const stop = (): void => {
    progress.note('stopping the capture…');
    void session.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let summary: CaptureSummary;
  try {
    if (await session.started)
      progress.note(
        `capturing on ${options.interface}${options.filter ? ` (filter: ${options.filter})` : ''}; Ctrl-C ends it`,
      );
    summary = await session.ended;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    progress.clear();
  }
  const error = summary.error;
  // Before the first packet nothing was caught: one line saying why (and how to fix it) is all.
  if (error && summary.files.length === 0) throw new Error(errorLine(error));

  let files;
  if (options.write) {
    const saved = await saveCapture(summary.files, options.write);
    files = [
      {
        path: saved.path,
        sha256: saved.sha256,
        format: 'pcap' as const,
        linkTypes: summary.linkType ? [summary.linkType] : [],
        packets: saved.packets,
        unreadable: 0,
      },
    ];
  }
  // analysis() settles the last outcomes (queries still pending) and delivers them as one last batch.
  const analysis = session.analysis(files);
  const input = { analysis, timeline: timeline.buckets() };
  if (options.out) await exportReport(input, options.format, options.out);
  else await writeStdout(ensureNewline(String(await renderReport(input, options.format))));

  const stats = summary.stats;
  const where = options.write ? options.write : summary.files.map((file) => file.path).join(', ');
  process.stderr.write(
    `netmortem: captured ${stats.packets} packets on ${options.interface} in ${stats.elapsedSeconds.toFixed(1)} s` +
      `${stats.dropped > 0 ? `, ${stats.dropped} dropped by the kernel` : ''}; saved in ${where}\n`,
  );
  if (error) {
    process.stderr.write(`netmortem: the capture ended early: ${errorLine(error)}\n`);
    process.exitCode = 1;
  }
}

function errorLine(error: CaptureError): string {
  return error.fix && !error.message.includes(error.fix)
    ? `${error.message}. Fix: ${error.fix}`
    : error.message;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

function positiveNumber(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0)
      throw new Error(`${name} needs a positive number, not '${value}'`);
    return number;
  };
}

function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number <= 0)
      throw new Error(`${name} needs a positive whole number, not '${value}'`);
    return number;
  };
}

/** A one-line status on stderr, redrawn in place, only when stderr is a terminal. */
class ProgressLine {
  private readonly terminal = process.stderr.isTTY === true;
  private drawn = false;
  private lastDrawAt = 0;

  show(interfaceName: string, stats: CaptureStats): void {
    if (!this.terminal) return;
    const now = Date.now();
    if (now - this.lastDrawAt < 250) return;
    this.lastDrawAt = now;
    const dropped = stats.dropped + stats.interfaceDropped;
    process.stderr.write(
      `\r\x1b[K${interfaceName}: ${stats.packets} packets, ${dropped} dropped, ${stats.elapsedSeconds.toFixed(0)} s`,
    );
    this.drawn = true;
  }

  note(text: string): void {
    this.clear();
    process.stderr.write(`netmortem: ${text}\n`);
  }

  clear(): void {
    if (this.drawn) process.stderr.write('\r\x1b[K');
    this.drawn = false;
  }
}
