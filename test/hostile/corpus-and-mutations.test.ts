// Hostile captures through the loading path in-process (detect, parse, dissect, print, analyze):
// every corpus file, then seeded mutations of the captures, then DNS names built to loop.
// Each input either reads or is refused with a CaptureFormatError naming a byte offset; a
// loop shows as more frames than the bytes allow (no timers).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import { detectCaptureFormat } from '../../electron/common/capture/detect-format';
import { dissect } from '../../electron/common/decode/dissect';
import { formatPacketLine } from '../../electron/common/print';
import { recordFigure, repoRoot, seededRandom } from './support/figures';
import { mutate, type Mutation } from './support/mutations';
import { runInput } from './support/run-input';

const corpusRoot = resolve(repoRoot, '../shared/corpus');
const command = 'npx vitest run test/hostile/corpus-and-mutations.test.ts';

function everyFile(folder: string): string[] {
  return readdirSync(folder)
    .sort()
    .flatMap((entry) => {
      const path = join(folder, entry);
      return statSync(path).isDirectory() ? everyFile(path) : [path];
    });
}

function expectClearRefusal(message: string | undefined, label: string): void {
  expect(message, label).toMatch(/at byte \d+$/);
  expect(message, label).not.toContain('\n');
}

describe('hostile captures', () => {
  it('every corpus file (fuzzed and ASan reproducers included) reads or is refused clearly, in odd chunk sizes', () => {
    const counts = { files: 0, read: 0, refused: 0, notCapture: 0, frames: 0 };
    for (const path of everyFile(corpusRoot)) {
      const bytes = readFileSync(path);
      const label = relative(corpusRoot, path);
      counts.files++;
      for (const chunkSize of [65536, 7]) {
        if (chunkSize === 7 && bytes.length > 200_000) continue;
        const result = runInput(bytes, chunkSize);
        if (chunkSize !== 65536) continue;
        if (result.outcome === 'refused') expectClearRefusal(result.message, label);
        if (result.outcome === 'read') counts.read++;
        else if (result.outcome === 'refused') counts.refused++;
        else counts.notCapture++;
        counts.frames += result.frames;
      }
    }
    expect(counts.files).toBeGreaterThan(500);
    expect(counts.read).toBeGreaterThan(300);
    recordFigure('corpus', {
      order: 1,
      item: 'Every file in ../shared/corpus (tcpdump and Zeek test captures, fuzzed and ASan reproducers)',
      tried:
        'detect, push-parse (64 KiB and 7-byte chunks), dissect, print (-v..-vvv), Analyzer, and the Analyzer fast path (addFrame) beside it',
      inputs: counts.files,
      held: `no crash, no loop; ${counts.read} read (${counts.frames} frames), ${counts.refused} refused with CaptureFormatError "... at byte N", ${counts.notCapture} not captures (READMEs, logs) refused by detection`,
      command,
    });
  });

  it('seeded mutations of the captures: no crash, no loop, every refusal names its byte offset', () => {
    const random = seededRandom(20261125);
    const bases = everyFile(corpusRoot)
      .filter((path) => statSync(path).size <= 64 * 1024)
      .map((path) => ({ path, bytes: readFileSync(path) }))
      .flatMap(({ path, bytes }) => {
        const format = detectCaptureFormat(bytes.subarray(0, 4096)).format;
        return format === 'pcap' || format === 'pcapng' ? [{ path, bytes, format }] : [];
      });
    expect(bases.length).toBeGreaterThan(100);
    const pcapngBases = bases.filter((base) => base.format === 'pcapng');
    const plan: [Mutation, number][] = [
      ['bit-flips', 3000],
      ['truncation', 1000],
      ['gigabyte-record', 1000],
      ['pcapng-block-length', 600],
      ['pcapng-trailer-length', 400],
    ];
    const tally: Record<string, { tried: number; read: number; refused: number; notCapture: number }> = {};
    for (const [kind, count] of plan) {
      const pool = kind.startsWith('pcapng') ? pcapngBases : bases;
      const row = (tally[kind] = { tried: 0, read: 0, refused: 0, notCapture: 0 });
      for (let index = 0; index < count; index++) {
        const base = pool[random(pool.length)]!;
        const input = mutate(base.bytes, base.format, kind, random);
        const label = `${kind} #${index} of ${relative(corpusRoot, base.path)}`;
        let result;
        try {
          result = runInput(input, 1 + random(4096));
        } catch (error) {
          throw new Error(`${label}: ${(error as Error).stack}`);
        }
        row.tried++;
        if (result.outcome === 'refused') {
          expectClearRefusal(result.message, label);
          row.refused++;
        } else if (result.outcome === 'read') row.read++;
        else row.notCapture++;
      }
    }
    const total = Object.values(tally).reduce((sum, row) => sum + row.tried, 0);
    expect(total).toBe(6000);
    const detail = Object.entries(tally)
      .map(
        ([kind, row]) =>
          `${kind} ${row.tried} (${row.read} read, ${row.refused} refused, ${row.notCapture} undetected)`,
      )
      .join('; ');
    recordFigure('mutations', {
      order: 2,
      item: 'Seeded mutations of corpus captures (files up to 64 KiB): bit flips, truncations, record and block lengths claiming gigabytes, pcapng bogus block and trailer lengths',
      tried: `${detail}; random chunk sizes 1..4096`,
      inputs: total,
      held: 'no uncaught error, no loop (frames never exceed bytes/16), every refusal a one-line CaptureFormatError ending "at byte N"; frames before the fault still analysed; the fast path read every frame it took as the dissector did, and gave the same analysis',
      command,
    });
  });

  it('DNS names with compression loops and pointers past the end decode to a bounded line', () => {
    const cases = dnsHostileNames();
    const analyzer = new Analyzer();
    let truncated = 0;
    for (const [label, message] of cases) {
      const packet = dissect(udpFrame(message));
      for (let verbosity = 0; verbosity <= 3; verbosity++) {
        const line = formatPacketLine(packet, { verbosity });
        expect(line.length, label).toBeLessThan(4096);
      }
      analyzer.add(packet);
      const dns = packet.layers.find((layer) => layer.kind === 'dns');
      if (packet.truncated || (dns && JSON.stringify(dns).includes('truncated'))) truncated++;
    }
    analyzer.result({ files: [] });
    // Every one of these names is unreadable: each must be reported, none silently accepted.
    expect(truncated).toBe(cases.length);
    recordFigure('dns-names', {
      order: 3,
      item: 'DNS names built to loop: self-pointer, two-pointer cycle, forward pointer, pointer past the end, 200-pointer chain, label past the end, name over 255 bytes',
      tried: 'dissect, print at -v..-vvv, Analyzer',
      inputs: cases.length,
      held: `every one decoded as truncated/malformed (${truncated}/${cases.length}), no loop, every line under 4 KiB`,
      command,
    });
  });
});

/** A DNS query header (RFC 1035 §4.1.1) with one question whose name is `name`, then QTYPE A, QCLASS IN. */
function dnsQuery(name: number[], tail: number[] = [0, 1, 0, 1]): Uint8Array {
  return Uint8Array.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...name, ...tail]);
}

function dnsHostileNames(): [string, Uint8Array][] {
  // Name offsets count from the DNS header: the question starts at 12 (0x0c).
  const chain: number[] = [];
  // 200 pointers, each pointing at the next two bytes, the last back at the first (RFC 1035 §4.1.4).
  for (let index = 0; index < 200; index++) {
    const target = index === 199 ? 12 : 12 + 2 * (index + 1);
    chain.push(0xc0 | (target >> 8), target & 0xff);
  }
  const longName: number[] = [];
  for (let index = 0; index < 5; index++) longName.push(63, ...new Array<number>(63).fill(0x61));
  longName.push(0);
  return [
    ['self-pointer', dnsQuery([0xc0, 0x0c])],
    ['label then self-pointer', dnsQuery([3, 0x61, 0x62, 0x63, 0xc0, 0x0c])],
    ['two-pointer cycle', dnsQuery([0xc0, 0x0e, 0xc0, 0x0c])],
    ['forward pointer', dnsQuery([0xc0, 0x20])],
    ['pointer past the end', dnsQuery([0xc0, 0xff], [])],
    ['pointer into the far end', dnsQuery([0xff, 0xff], [])],
    ['pointer cut in half', dnsQuery([0xc0], [])],
    ['200-pointer chain with a cycle', dnsQuery(chain)],
    ['label past the end', dnsQuery([63, 0x61, 0x62], [])],
    ['name over 255 bytes', dnsQuery(longName)],
  ];
}

/** Ethernet II, IPv4 (192.0.2.10 -> 198.51.100.53), UDP 40000 -> 53, then the DNS message. */
function udpFrame(dns: Uint8Array) {
  const data = new Uint8Array(14 + 20 + 8 + dns.length);
  const view = new DataView(data.buffer);
  view.setUint16(12, 0x0800); // EtherType IPv4
  data[14] = 0x45; // version 4, IHL 5
  view.setUint16(16, 20 + 8 + dns.length); // total length
  data[22] = 64; // TTL
  data[23] = 17; // UDP
  data.set([192, 0, 2, 10], 26);
  data.set([198, 51, 100, 53], 30);
  view.setUint16(34, 40000);
  view.setUint16(36, 53);
  view.setUint16(38, 8 + dns.length);
  data.set(dns, 42);
  return {
    number: 1,
    seconds: 1_764_077_072,
    nanoseconds: 0,
    capturedLength: data.length,
    originalLength: data.length,
    linkType: 1,
    interfaceIndex: 0,
    data,
  };
}
