import { PacketPrinter } from '../../../electron/common/print/packet-printer';
import type { PrintOptions } from '../../../electron/common/print/print-options';
import { readCaptureFile } from '../../../electron/node/files/read-capture';

/** Every packet of a capture file as the printer prints it, one string per packet. */
export async function printCapture(file: string, options: PrintOptions): Promise<string[]> {
  const printer = new PacketPrinter(options);
  const records: string[] = [];
  try {
    await readCaptureFile(file, {
      onFrame: (frame) => records.push(printer.format({ frame, layers: [] })),
      onPacket: (packet) => records.push(printer.format(packet)),
    });
  } catch (error) {
    // A corrupt file keeps the packets before the damage, as tcpdump prints them too.
    records.push(`error: ${(error as Error).message}`);
  }
  return records;
}

/** An expected output split into per-packet records: each starts with tcpdump's "-#" number. */
export function splitRecords(text: string): string[] {
  const records: string[] = [];
  for (const line of text.split('\n')) {
    if (/^ *\d+ {2}/.test(line)) records.push(line);
    else if (records.length > 0 && line !== '') records[records.length - 1] += `\n${line}`;
  }
  return records;
}

/**
 * Whether an expected record is a DNS, ICMP or ICMPv6 line: it names ICMP, or one of its
 * addresses carries port 53 or 5353 (tcpdump's 'port 53', DNS over UDP and TCP, and mDNS).
 */
export function isDnsOrIcmpRecord(record: string): boolean {
  return /ICMP|(?:\d+\.\d+\.\d+\.\d+|[0-9a-f]*:[0-9a-f:.]*)\.(?:53|5353)[ :]/.test(record);
}
