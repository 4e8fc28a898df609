import type { CaptureFormat } from '../model/frame';
import { looksLikeTcpdumpText } from './tcpdump-text-lines';

/**
 * Which reader a file needs, decided by its first bytes, never its name: a `.pcap` that is
 * really pcapng (tcpdump on newer systems writes either) must still open.
 */

export type DetectedFormat = { format: CaptureFormat } | { format: 'unknown'; reason: string };

/** How many leading bytes detection wants (fewer is fine at the end of a short file). */
export const DETECTION_LENGTH = 4096;

const pcapMagics: Record<number, string> = {
  0xa1b2c3d4: 'pcap',
  0xd4c3b2a1: 'pcap',
  0xa1b23c4d: 'pcap',
  0x4d3cb2a1: 'pcap',
};

/** Formats we recognise only to name them in the error. */
const otherMagics: { bytes: number[]; name: string }[] = [
  { bytes: [0xa1, 0xb2, 0xcd, 0x34], name: "Kuznetzov's modified pcap format" },
  { bytes: [0x34, 0xcd, 0xb2, 0xa1], name: "Kuznetzov's modified pcap format" },
  { bytes: [0x1f, 0x8b], name: 'a gzip-compressed file (decompress it first)' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], name: 'a zstd-compressed file (decompress it first)' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'an xz-compressed file (decompress it first)' },
  { bytes: [0x42, 0x5a, 0x68], name: 'a bzip2-compressed file (decompress it first)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a zip archive' },
  { bytes: [0x73, 0x6e, 0x6f, 0x6f, 0x70, 0x00], name: 'a Solaris snoop capture' },
  { bytes: [0x58, 0x43, 0x50, 0x00], name: 'a NetXray/Sniffer capture' },
];

/** `head` is the file's first bytes (up to DETECTION_LENGTH). */
export function detectCaptureFormat(head: Uint8Array): DetectedFormat {
  if (head.length === 0) return { format: 'unknown', reason: 'the file is empty' };
  if (head.length >= 4) {
    const magic = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
    if (pcapMagics[magic]) return { format: 'pcap' };
    // pcapng section header block type; reads the same in both byte orders.
    if (magic === 0x0a0d0d0a) return { format: 'pcapng' };
  }
  for (const other of otherMagics) {
    if (other.bytes.every((byte, index) => head[index] === byte)) {
      return { format: 'unknown', reason: `not a capture this tool reads: ${other.name}` };
    }
  }
  if (looksLikeTcpdumpText(head)) return { format: 'tcpdump-text' };
  const first = [...head.subarray(0, 4)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
  return {
    format: 'unknown',
    reason: `not a pcap, pcapng or tcpdump text file (first bytes ${first}; a text log needs tcpdump lines that start with a time stamp)`,
  };
}
