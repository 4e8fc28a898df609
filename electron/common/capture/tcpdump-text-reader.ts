import type { DecodedPacket } from '../model/packet';
import { dayStartSeconds, parseTcpdumpText, toDecodedPacket } from './tcpdump-text';
import { isBannerLine, isContinuation, isRecordStart, textEncodingOf } from './tcpdump-text-lines';

/**
 * Reads a tcpdump text log pushed in chunks, like the binary parsers: splits lines, joins
 * -v continuation lines to their packet, numbers packets, dates undated lines, and keeps
 * every line it cannot read with its number and the reason, so nothing goes missing
 * silently.
 */

export interface TcpdumpTextReaderOptions {
  onPacket: (packet: DecodedPacket) => void;
  /** Number of the first packet (default 1), to continue the numbering of earlier files. */
  firstFrameNumber?: number;
  /** Date of undated lines, `YYYY-MM-DD`. Without it they are dated 1970-01-01, with a warning. */
  date?: string;
}

export interface UnreadableLine {
  line: number;
  text: string;
  reason: string;
}

export interface TcpdumpTextSummary {
  packets: number;
  bytes: number;
  lines: number;
  /** Lines that are neither packets, their continuations, nor tcpdump's own messages. */
  unreadable: number;
  /** The first MAXIMUM_KEPT_UNREADABLE of them. */
  unreadableLines: UnreadableLine[];
  /** tcpdump's own messages ("reading from file ...", "3 packets captured"). */
  bannerLines: number;
  warnings: string[];
}

const MAXIMUM_KEPT_UNREADABLE = 1000;
const MAXIMUM_NOTES = 100;
const WARNED_UNREADABLE = 20;
const MAXIMUM_LINE_LENGTH = 1 << 20;
const HALF_DAY = 43200;

interface OpenRecord {
  line: number;
  lines: string[];
}

export class TcpdumpTextReader {
  private readonly onPacket: (packet: DecodedPacket) => void;
  private readonly firstFrameNumber: number;
  private nextNumber: number;
  private readonly dateGiven: boolean;
  private readonly dayStart: number;
  /** Chosen from the first bytes: UTF-8, or UTF-16 after a byte-order mark. */
  private decoder: InstanceType<typeof TextDecoder> | undefined;
  private head: Uint8Array | undefined;
  private carry = '';
  private discardingLongLine = false;
  private lineNumber = 0;
  private bytes = 0;
  private record: OpenRecord | undefined;
  private unreadable = 0;
  private readonly unreadableLines: UnreadableLine[] = [];
  private bannerLines = 0;
  private undated = 0;
  private dayOffset = 0;
  private lastSecondsOfDay = -1;
  private readonly notes: string[] = [];
  private notesDropped = 0;

  constructor(options: TcpdumpTextReaderOptions) {
    this.onPacket = options.onPacket;
    this.firstFrameNumber = options.firstFrameNumber ?? 1;
    this.nextNumber = this.firstFrameNumber;
    this.dateGiven = options.date !== undefined;
    this.dayStart = dayStartSeconds(options.date ?? '1970-01-01');
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    // A byte-order mark may itself be cut by a chunk boundary: decide on two bytes.
    if (!this.decoder) {
      this.head = this.head ? concatenate(this.head, chunk) : chunk;
      if (this.head.length < 2) return;
      this.decoder = new TextDecoder(textEncodingOf(this.head));
      chunk = this.head;
      this.head = undefined;
    }
    this.take(this.decoder.decode(chunk, { stream: true }));
  }

  end(): TcpdumpTextSummary {
    if (!this.decoder) this.decoder = new TextDecoder('utf-8');
    if (this.head) this.take(this.decoder.decode(this.head, { stream: true }));
    this.take(this.decoder.decode());
    if (this.carry !== '' && !this.discardingLongLine) this.line(this.carry);
    this.carry = '';
    this.closeRecord();
    const warnings: string[] = [];
    if (this.undated > 0 && !this.dateGiven) {
      warnings.push(
        `the log's time stamps have no date and none was given (--date YYYY-MM-DD): ${this.undated} packet(s) dated 1970-01-01`,
      );
    }
    for (const unreadable of this.unreadableLines.slice(0, WARNED_UNREADABLE)) {
      warnings.push(
        `line ${unreadable.line}: cannot read (${unreadable.reason}): ${shorten(unreadable.text)}`,
      );
    }
    if (this.unreadable > WARNED_UNREADABLE) {
      warnings.push(`... and ${this.unreadable - WARNED_UNREADABLE} more unreadable line(s)`);
    }
    warnings.push(...this.notes);
    if (this.notesDropped > 0) warnings.push(`... and ${this.notesDropped} more note(s) like these`);
    return {
      packets: this.nextNumber - this.firstFrameNumber,
      bytes: this.bytes,
      lines: this.lineNumber,
      unreadable: this.unreadable,
      unreadableLines: [...this.unreadableLines],
      bannerLines: this.bannerLines,
      warnings,
    };
  }

  private take(text: string): void {
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      if (newline === -1) break;
      const piece = text.slice(start, newline);
      start = newline + 1;
      if (this.discardingLongLine) {
        this.discardingLongLine = false;
        this.carry = '';
        continue;
      }
      const line = this.carry + piece;
      this.carry = '';
      this.line(line);
    }
    if (this.discardingLongLine) return;
    this.carry += text.slice(start);
    if (this.carry.length > MAXIMUM_LINE_LENGTH) {
      // Not a log line: keep memory bounded and report it once.
      this.lineNumber++;
      this.markUnreadable(this.lineNumber, this.carry, 'line longer than 1 MiB');
      this.carry = '';
      this.discardingLongLine = true;
    }
  }

  private line(raw: string): void {
    this.lineNumber++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    if (isRecordStart(line)) {
      this.closeRecord();
      this.record = { line: this.lineNumber, lines: [line] };
    } else if (this.record && isContinuation(line)) {
      this.record.lines.push(line);
    } else if (isBannerLine(line)) {
      this.closeRecord();
      this.bannerLines++;
    } else {
      this.closeRecord();
      this.markUnreadable(
        this.lineNumber,
        line,
        'not a tcpdump packet line: it does not start with a time stamp',
      );
    }
  }

  private closeRecord(): void {
    const record = this.record;
    if (!record) return;
    this.record = undefined;
    const text = record.lines.join('\n');
    const result = parseTcpdumpText(text);
    if ('error' in result) {
      this.markUnreadable(record.line, text, result.error);
      return;
    }
    const parsed = result.packet;
    let secondsOffset = 0;
    if (!parsed.dated) {
      this.undated++;
      // An undated log that runs past midnight starts again at 00:00: count the days.
      if (this.lastSecondsOfDay >= 0 && parsed.seconds < this.lastSecondsOfDay - HALF_DAY) {
        this.dayOffset++;
        this.note(
          `line ${record.line}: the time of day went back from ${clock(this.lastSecondsOfDay)} to ${clock(parsed.seconds)}; read as the next day`,
        );
      }
      this.lastSecondsOfDay = parsed.seconds;
      secondsOffset = this.dayStart + this.dayOffset * 86400;
    }
    for (const note of parsed.notes) this.note(`line ${record.line}: ${note}`);
    this.onPacket(
      toDecodedPacket(parsed, {
        frameNumber: this.nextNumber++,
        lineNumber: record.line,
        text,
        secondsOffset,
      }),
    );
  }

  private note(text: string): void {
    if (this.notes.length < MAXIMUM_NOTES) this.notes.push(text);
    else this.notesDropped++;
  }

  private markUnreadable(line: number, text: string, reason: string): void {
    this.unreadable++;
    if (this.unreadableLines.length < MAXIMUM_KEPT_UNREADABLE) {
      this.unreadableLines.push({
        line,
        text: text.length > 1000 ? `${text.slice(0, 1000)}...` : text,
        reason,
      });
    }
  }
}

function concatenate(first: Uint8Array, second: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(first.length + second.length);
  bytes.set(first, 0);
  bytes.set(second, first.length);
  return bytes;
}

function shorten(text: string): string {
  const first = text.split('\n')[0]!;
  return first.length > 160 ? `${first.slice(0, 160)}...` : first;
}

function clock(secondsOfDay: number): string {
  const hours = Math.floor(secondsOfDay / 3600);
  const minutes = Math.floor((secondsOfDay % 3600) / 60);
  const seconds = secondsOfDay % 60;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
}
