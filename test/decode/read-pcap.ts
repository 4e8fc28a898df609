/**
 * Test helper: reads a whole classic pcap file into frames (both byte orders, micro- and
 * nanosecond magic). Test code only: the product reads captures as streams
 * (electron/common/capture), and this helper exists so the decoder tests do not depend on it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Frame } from '../../electron/common/model/frame';

export const repoRoot = resolve(__dirname, '../..');
export const corpus = resolve(repoRoot, '../shared/corpus');

export function corpusPath(relative: string): string {
  return resolve(corpus, relative);
}

export function readPcap(path: string): Frame[] {
  const file = readFileSync(path);
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  let little: boolean;
  let nano: boolean;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) {
    little = true;
    nano = magic === 0xa1b23c4d;
  } else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) {
    little = false;
    nano = magic === 0x4d3cb2a1;
  } else throw new Error(`${path}: not a classic pcap (magic 0x${magic.toString(16)})`);
  const linkType = view.getUint32(20, little) & 0x0fffffff;
  const frames: Frame[] = [];
  let offset = 24;
  while (offset + 16 <= bytes.length) {
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const capturedLength = view.getUint32(offset + 8, little);
    const originalLength = view.getUint32(offset + 12, little);
    if (offset + 16 + capturedLength > bytes.length) break;
    frames.push({
      number: frames.length + 1,
      seconds,
      nanoseconds: nano ? fraction : fraction * 1000,
      capturedLength,
      originalLength,
      linkType,
      interfaceIndex: 0,
      data: bytes.subarray(offset + 16, offset + 16 + capturedLength),
    });
    offset += 16 + capturedLength;
  }
  return frames;
}

/** Bytes from hex text; whitespace and `//` comments to the end of a line are ignored. */
export function hex(text: string): Uint8Array {
  const digits = text.replace(/\/\/[^\n]*/g, '').replace(/\s+/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-f]/i.test(digits)) throw new Error(`bad hex: ${digits}`);
  const bytes = new Uint8Array(digits.length / 2);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = parseInt(digits.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}
