/**
 * How the lines of a tcpdump text log are told apart, before any packet is read: a packet
 * starts on a line that begins with a time stamp (after the packet number of `-#`); `-v`
 * continues it on lines that begin with white space; tcpdump's own messages ("reading
 * from file", "listening on", "N packets captured") are banner lines, not packets.
 */

/**
 * The start of a packet line. Groups: 1 packet number (-#); 2-4 date (-tttt); 5-7 time of
 * day; 8 fraction (6 digits, 9 with --nano); 9-10 Unix seconds and fraction (-tt). The
 * number may be followed by `caplen N len N ` (--lengths).
 */
export const RECORD_START =
  /^\s*(?:(\d+)\s+)?(?:caplen \d+ len \d+ )?(?:(?:(\d{4})-(\d{2})-(\d{2})\s+)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?|(\d{1,12})\.(\d{6}|\d{9}))\s+(?=\S)/;

const BANNER_LINES = [
  /^reading from (?:file|standard input)/,
  /^tcpdump: /,
  /^listening on /,
  /^dropped privs/,
  /^\d+ packets? (?:captured|received by filter|dropped by (?:kernel|interface))/,
  /^Warning: /,
];

export function isBannerLine(line: string): boolean {
  for (const pattern of BANNER_LINES) if (pattern.test(line)) return true;
  return false;
}

export function isRecordStart(line: string): boolean {
  return RECORD_START.test(line);
}

/**
 * A continuation of the packet above: indented (-v, hex dumps), and not itself a packet
 * line (those may be indented by -#); or, with -e, the link header of an encapsulated
 * frame (VXLAN, GENEVE), which tcpdump starts on a line of its own.
 */
export function isContinuation(line: string): boolean {
  if (RECORD_START.test(line)) return false;
  return /^\s/.test(line) || /^(?:[0-9a-f]{2}:){5}[0-9a-f]{2} > /.test(line);
}

/**
 * The text encoding of a log: UTF-8, or UTF-16 when the file starts with its byte-order
 * mark (what Windows PowerShell writes for `tcpdump ... > log.txt`).
 */
export function textEncodingOf(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Whether a file's first bytes read as a tcpdump text log: text (no NUL, few control
 * bytes), and its first line that is not tcpdump's banner starts with a time stamp.
 */
export function looksLikeTcpdumpText(head: Uint8Array): boolean {
  const encoding = textEncodingOf(head);
  const text = new TextDecoder(encoding).decode(head);
  let control = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0) return false;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) control++;
  }
  if (control > text.length / 100) return false;
  let examined = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\r$/, '');
    if (line.trim() === '' || isBannerLine(line)) continue;
    if (++examined > 1) break;
    return isRecordStart(line);
  }
  return false;
}
