// `netmortem analyze FILE... [--format md|html|json|pdf] [--out PATH] [--date YYYY-MM-DD] [--timeout SECONDS] [--threshold NAME=VALUE]...`:
// reads capture files (pcap, pcapng, tcpdump text; told apart by content), finds the incidents
// and writes the report: Markdown on stdout by default, or a file written atomically.
// Exit status: 0 when the report is written, incidents or not; 1 on an error; 2 with
// --fail-on-incident when an incident was found (for scripts and CI checks).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import type { Thresholds } from '../../../common/analysis/thresholds';
import { defaultFileName, type ReportFormat } from '../../../common/report/default-file-name';
import type { AnalystFields, ReportInput } from '../../../common/report/report-input';
import { analyzeFiles, type AnalyzeProgress } from '../../analysis/analyze-files';
import { exportReport } from '../../report/export-report';
import { renderReport, reportFormats } from '../../report/render-report';
import { writeStdout } from '../stdout';
import { parseThreshold, thresholdHelp } from '../threshold-option';

interface AnalyzeOptions {
  format: ReportFormat;
  out?: string;
  date?: string;
  timeout?: number;
  threshold?: Partial<Thresholds>;
  failOnIncident?: boolean;
  title?: string;
  reporter?: string;
  organisation?: string;
  customerImpact?: string;
  notes?: string;
}

/** Files at least this big get a progress bar (when stderr is a terminal). */
const progressThreshold = 20 * 1024 * 1024;

function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new Error(`--date wants a calendar date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !(seconds > 0)) {
    throw new Error(`--timeout wants a number of seconds above 0, got "${value}"`);
  }
  return seconds;
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** A progress bar on stderr for big files, only on a terminal; returns the callback and a stop. */
function progressBar(): { onProgress: (progress: AnalyzeProgress) => void; stop: () => void } {
  let bar: SingleBar | undefined;
  return {
    onProgress(progress) {
      if (!process.stderr.isTTY || progress.totalBytes < progressThreshold) return;
      const payload = {
        read: megabytes(progress.bytesRead),
        size: megabytes(progress.totalBytes),
        packets: progress.packets,
      };
      if (!bar) {
        bar = new SingleBar({
          stream: process.stderr,
          format:
            'analyzing {bar} {percentage}% | {read}/{size} MB | {packets} packets | ETA {eta_formatted}',
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(progress.totalBytes, progress.bytesRead, payload);
      } else {
        bar.update(progress.bytesRead, payload);
      }
    },
    stop() {
      bar?.stop();
    },
  };
}

function analystFields(options: AnalyzeOptions): AnalystFields | undefined {
  const fields: AnalystFields = {};
  if (options.title) fields.title = options.title;
  if (options.reporter) fields.reporter = options.reporter;
  if (options.organisation) fields.organisation = options.organisation;
  if (options.customerImpact) fields.customerImpact = options.customerImpact;
  if (options.notes) fields.notes = options.notes;
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** --out may name a folder: the report then gets its default name inside it. */
async function outputPath(out: string, input: ReportInput, format: ReportFormat): Promise<string> {
  const info = await stat(out).catch(() => undefined);
  return info?.isDirectory() ? join(out, defaultFileName(input.analysis, format)) : out;
}

async function run(files: string[], options: AnalyzeOptions): Promise<void> {
  if (options.format === 'pdf' && !options.out && process.stdout.isTTY) {
    throw new Error('a PDF is binary: give --out FILE, or redirect stdout to a file');
  }
  const abort = new AbortController();
  const interrupt = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt);
  const progress = progressBar();
  let input: ReportInput;
  try {
    const result = await analyzeFiles(files, {
      ...(options.date ? { date: options.date } : {}),
      ...(options.timeout ? { timeoutSeconds: options.timeout } : {}),
      ...(options.threshold ? { thresholds: options.threshold } : {}),
      // The chart is drawn only in HTML and PDF; other formats skip the events for speed.
      timeline: options.format === 'html' || options.format === 'pdf',
      signal: abort.signal,
      onProgress: progress.onProgress,
    });
    const analyst = analystFields(options);
    input = { analysis: result.analysis, timeline: result.timeline, ...(analyst ? { analyst } : {}) };
  } finally {
    progress.stop();
    process.off('SIGINT', interrupt);
  }

  if (options.out) {
    const path = await outputPath(options.out, input, options.format);
    const written = await exportReport(input, options.format, path);
    const incidents = input.analysis.incidents;
    const found =
      incidents.length === 0
        ? 'no incident'
        : `${incidents.length} incident${incidents.length === 1 ? '' : 's'} (${[...new Set(incidents.map((incident) => incident.kind))].join(', ')})`;
    process.stderr.write(`netmortem: wrote ${written.path} (${written.bytes} bytes): ${found}\n`);
  } else {
    await writeStdout(await renderReport(input, options.format));
  }
  if (options.failOnIncident && input.analysis.incidents.length > 0) process.exitCode = 2;
}

export function register(program: Command): void {
  program
    .command('analyze')
    .description('analyse capture files (pcap, pcapng or tcpdump text) and write the incident report')
    .argument('<file...>', 'capture files, read in the order given; frames are numbered across them')
    .addOption(new Option('-f, --format <format>', 'report format').choices(reportFormats).default('md'))
    .option(
      '-o, --out <path>',
      'write the report to this file, atomically (a folder gets the default file name)',
    )
    .option(
      '--date <YYYY-MM-DD>',
      'the date of a tcpdump text log that prints only times (default 1970-01-01, with a warning)',
      parseDate,
    )
    .option(
      '--timeout <seconds>',
      'seconds without an answer before a DNS query counts as unanswered (default 5)',
      parseSeconds,
    )
    .option('--threshold <name=value>', thresholdHelp, parseThreshold)
    .option('--fail-on-incident', 'exit with status 2 when an incident is found')
    .option('--title <text>', 'report title (default: from the most severe incident)')
    .option('--reporter <name>', "the analyst's name, shown under the title")
    .option('--organisation <name>', 'the organisation, shown under the title')
    .option('--customer-impact <text>', 'what customers saw, in your words')
    .option('--notes <text>', 'analyst notes, a section of their own')
    .addHelpText(
      'after',
      '\nExit status: 0 when the report is written, whether or not incidents are found; 1 on an error;\n2 with --fail-on-incident when an incident is found.',
    )
    .action(async (files: string[], options: AnalyzeOptions) => run(files, options));
}
