// `netmortem print FILE... [-v] [-e] [-q] [-t...] [--nano] [-#] [-c COUNT] [--dns-icmp] [--date YYYY-MM-DD]`:
// one line per packet, as `TZ=UTC tcpdump -n -r FILE` prints it (DNS, ICMP and ICMPv6 exactly).
// Output streams in ~64 KiB writes that wait for stdout to drain. Exit status 0; 1 with one
// line on stderr naming the file (and byte offset) for an unreadable file or a link type the
// printer cannot decode. A closed pipe (`| head`) ends the run quietly.
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Command } from 'commander';
import { CaptureFormatError } from '../../../common/capture/capture-format-error';
import { createCaptureParser } from '../../../common/capture/create-capture-parser';
import { detectCaptureFormat } from '../../../common/capture/detect-format';
import { linkTypeName, type Frame } from '../../../common/model/frame';
import type { Layer } from '../../../common/model/layers';
import type { DecodedPacket } from '../../../common/model/packet';
import { declaredLinkTypes } from '../../../common/print/capture-link-types';
import { frameMatchesDnsOrIcmp } from '../../../common/print/frame-filter';
import { printableLinkTypes } from '../../../common/print/link-dispatch';
import { matchesDnsOrIcmp } from '../../../common/print/match-dns-or-icmp';
import { LineBuffer } from '../../../common/print/line-buffer';
import { PacketPrinter } from '../../../common/print/packet-printer';
import type { PrintOptions, TimestampFormat } from '../../../common/print/print-options';
import { readCaptureFile } from '../../files/read-capture';

interface PrintCommandOptions {
  verbose: number;
  linkHeader?: boolean;
  quiet?: boolean;
  timestamps: number;
  nano?: boolean;
  number?: boolean;
  count?: number;
  dnsIcmp?: boolean;
  date?: string;
}

const timestampFormats: TimestampFormat[] = ['time', 'none', 'epoch', 'delta', 'date', 'since-first'];
const chunkSize = 64 * 1024;

function increase(_value: string, previous: number): number {
  return previous + 1;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || count < 1)
    throw new Error(`-c wants a number of packets above 0, got "${value}"`);
  return count;
}

function parseDate(value: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new Error(`--date wants a calendar date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function register(program: Command): void {
  program
    .command('print')
    .description('print packets one line each, as `TZ=UTC tcpdump -n -r FILE` does')
    .argument('<files...>', 'pcap, pcapng or tcpdump text files, printed one after another')
    .option('-v, --verbose', 'more detail: -v, -vv, -vvv as tcpdump', increase, 0)
    .option('-e, --link-header', 'print the link-level header')
    .option('-q, --quiet', "tcpdump's quick output: less protocol detail")
    .option(
      '-t, --timestamps',
      'time stamp style: -t none, -tt epoch, -ttt delta, -tttt date, -ttttt since first',
      increase,
      0,
    )
    .option('--nano', 'nanosecond time stamps')
    .option('-#, --number', 'frame numbers in front of each line')
    .option('-c, --count <packets>', 'stop after printing this many packets', parseCount)
    .option(
      '--dns-icmp',
      "only DNS, ICMP and ICMPv6 packets (tcpdump's 'udp port 53 or icmp', with TCP and ICMPv6)",
    )
    .option('--date <YYYY-MM-DD>', "the date of a tcpdump text log's undated lines", parseDate)
    .action((files: string[], options: PrintCommandOptions) => printFiles(files, options));
}

/**
 * Lets the printer append lines straight into a ~64 KiB buffer, written whole, and lets the
 * caller wait while stdout drains. No string is made per packet.
 */
class ChunkedOutput {
  lines = new LineBuffer();
  private draining: Promise<void> | undefined;
  /** Set when stdout can take no more: a closed pipe, or a write error kept in `failure`. */
  closed = false;
  failure: Error | undefined;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.closed = true;
      // The reader went away (`| head`): stop quietly, as tcpdump does on SIGPIPE.
      if (error.code !== 'EPIPE') this.failure = new Error(`cannot write the output: ${error.message}`);
    });
  }

  /** Ends the line the printer appended; writes the buffer once it is full enough. */
  endLine(): void {
    this.lines.writeByte(0x0a);
    if (this.lines.length >= chunkSize) this.flush();
  }

  flush(): void {
    if (this.lines.length === 0 || this.closed) {
      this.lines.clear();
      return;
    }
    const full = !this.stream.write(this.lines.view());
    // The stream may hold the written bytes until they are sent: the next lines go elsewhere.
    this.lines = new LineBuffer(chunkSize + 4096);
    if (full && !this.draining) {
      this.draining = new Promise<void>((resolve) => this.stream.once('drain', () => resolve())).then(() => {
        this.draining = undefined;
      });
    }
  }

  /** Resolves once stdout has taken what was written (never waits on a closed pipe). */
  async settle(): Promise<void> {
    this.flush();
    if (this.draining && !this.closed) await this.draining;
  }
}

class StopReading extends Error {}

/** Frames go to the printer undissected; it reads their bytes. One empty list serves them all. */
const noLayers: Layer[] = [];

/**
 * This machine's interface names by index (Linux: /sys/class/net/NAME/ifindex), which tcpdump
 * prints for Linux cooked v2 captures. Empty elsewhere; the printer then writes "?".
 */
function localInterfaceNames(): Map<number, string> {
  const names = new Map<number, string>();
  try {
    for (const name of readdirSync('/sys/class/net')) {
      const index = Number(readFileSync(`/sys/class/net/${name}/ifindex`, 'utf8'));
      if (Number.isInteger(index)) names.set(index, name);
    }
  } catch {
    // Not Linux, or no sysfs: no names.
  }
  return names;
}

/** The first 64 KiB of a file, or undefined when it cannot be read (readCaptureFile explains). */
async function fileHead(path: string): Promise<Uint8Array | undefined> {
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = new Uint8Array(65536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}

/** Refuses a file whose first declared link type no printer decodes, naming the field's offset. */
function checkLinkType(path: string, head: Uint8Array): void {
  const first = declaredLinkTypes(head)[0];
  if (first && !printableLinkTypes.has(first.linkType)) {
    throw new Error(
      `${path}: unsupported link type ${first.linkType} (${linkTypeName(first.linkType)}) at byte offset ${first.offset}`,
    );
  }
}

/**
 * Streams a pcap or pcapng file through its parser. readCaptureFile does the same and also
 * hashes every byte for the report; printing needs no hash, and skipping it is a tenth of
 * the time of `print --dns-icmp`. Returns the parser's warnings (a truncated last record).
 */
async function readFrames(
  path: string,
  format: 'pcap' | 'pcapng',
  firstFrameNumber: number,
  signal: AbortSignal,
  onFrame: (frame: Frame) => void,
  onChunk: () => Promise<void>,
): Promise<{ frames: number; warnings: string[] }> {
  const parser = createCaptureParser(format, { firstFrameNumber, onFrame });
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parser.push(chunk);
      // Backpressure: the next chunk is read only once stdout has taken the lines so far.
      await onChunk();
    }
    return parser.end();
  } catch (error) {
    stream.destroy();
    if (error instanceof CaptureFormatError)
      throw new Error(`${path}: corrupt ${format} file: ${error.message}`);
    if (signal.aborted) throw signal.reason ?? error;
    throw error;
  }
}

async function printFiles(files: string[], options: PrintCommandOptions): Promise<void> {
  const printOptions: PrintOptions = {
    verbosity: options.verbose,
    linkHeader: options.linkHeader ?? false,
    quiet: options.quiet ?? false,
    timestamp: timestampFormats[Math.min(options.timestamps, 5)]!,
    nanoseconds: options.nano ?? false,
    frameNumbers: options.number ?? false,
    interfaceNames: localInterfaceNames(),
  };
  const printer = new PacketPrinter(printOptions);
  const output = new ChunkedOutput(process.stdout);
  const limit = options.count ?? Number.POSITIVE_INFINITY;
  const abort = new AbortController();
  let printed = 0;
  let nextFrame = 1;

  const show = (packet: DecodedPacket): void => {
    if (printed >= limit || output.closed) return;
    printer.formatInto(packet, output.lines);
    output.endLine();
    printed++;
    if (printed >= limit || output.closed) abort.abort(new StopReading());
  };
  // The printer reads a frame's bytes itself, and the filter needs only a few of them: frames
  // are never dissected here. Text-log packets come decoded and are filtered on their layers.
  const onFrame = (frame: Frame): void => {
    if (!options.dnsIcmp || frameMatchesDnsOrIcmp(frame)) show({ frame, layers: noLayers });
  };
  const onPacket = (packet: DecodedPacket): void => {
    if (!options.dnsIcmp || matchesDnsOrIcmp(packet)) show(packet);
  };

  try {
    for (const file of files) {
      if (abort.signal.aborted) break;
      const head = await fileHead(file);
      if (head) checkLinkType(file, head);
      const detected = head ? detectCaptureFormat(head.subarray(0, 4096)) : undefined;
      try {
        if (detected?.format === 'pcap' || detected?.format === 'pcapng') {
          const summary = await readFrames(file, detected.format, nextFrame, abort.signal, onFrame, () =>
            output.settle(),
          );
          nextFrame += summary.frames;
          for (const warning of summary.warnings) process.stderr.write(`netmortem: ${file}: ${warning}\n`);
        } else {
          // Text logs, and files readCaptureFile will explain (unknown format, unreadable).
          const info = await readCaptureFile(file, {
            firstFrameNumber: nextFrame,
            signal: abort.signal,
            ...(options.date ? { date: options.date } : {}),
            onFrame,
            onPacket,
            onProgress: () => output.flush(),
          });
          nextFrame += info.packets;
          for (const warning of info.warnings) process.stderr.write(`netmortem: ${file}: ${warning}\n`);
        }
      } catch (error) {
        if (error instanceof StopReading) break;
        throw error;
      }
      await output.settle();
    }
  } finally {
    await output.settle();
  }
  if (output.failure) throw output.failure;
}
