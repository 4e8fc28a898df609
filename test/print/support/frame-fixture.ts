import { dissect } from '../../../electron/common/decode/dissect';
import type { Frame } from '../../../electron/common/model/frame';
import type { DecodedPacket } from '../../../electron/common/model/packet';

/**
 * Test frames written as annotated hex: everything after "//" on a line is a comment, spaces
 * and line breaks are ignored. Each fixture shows the tcpdump line above its bytes.
 */
export function bytesFromHex(annotated: string): Uint8Array {
  const hex = annotated
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))
    .join('')
    .replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error(`not hex pairs: ${hex}`);
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

export interface FixtureOptions {
  linkType?: number;
  /** Default 2023-03-14 13:24:32 UTC, the scenario's time of day. */
  seconds?: number;
  nanoseconds?: number;
  number?: number;
  /** On-wire length when the capture kept less (a snap length). */
  originalLength?: number;
}

export function frameFromHex(annotated: string, options: FixtureOptions = {}): Frame {
  const data = bytesFromHex(annotated);
  return {
    number: options.number ?? 1,
    seconds: options.seconds ?? 1_678_800_272,
    nanoseconds: options.nanoseconds ?? 192_571_000,
    capturedLength: data.length,
    originalLength: options.originalLength ?? data.length,
    linkType: options.linkType ?? 1,
    interfaceIndex: 0,
    data,
  };
}

/** The frame with its layers, as the dissector gives them to the printer. */
export function packetFromHex(annotated: string, options: FixtureOptions = {}): DecodedPacket {
  return dissect(frameFromHex(annotated, options));
}
