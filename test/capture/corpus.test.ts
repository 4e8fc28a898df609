import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureFormatError } from '../../electron/common/capture/capture-format-error';
import { createCaptureParser } from '../../electron/common/capture/create-capture-parser';
import { detectCaptureFormat } from '../../electron/common/capture/detect-format';
import { TcpdumpTextReader } from '../../electron/common/capture/tcpdump-text-reader';
import { CaptureFileError, readCaptureFile } from '../../electron/node/files/read-capture';
import { corpusCaptures, corpusRoot, splitAt } from './fixtures/corpus';

function everyFile(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? everyFile(path) : [path];
  });
}

const tcpdumpAvailable = spawnSync('tcpdump', ['--version']).status === 0;

describe('the corpus', () => {
  it('every file reads, or fails with one line naming it and a byte offset', async () => {
    const outcomes = { read: 0, refused: 0 };
    for (const path of everyFile(corpusRoot)) {
      try {
        const info = await readCaptureFile(path, { onFrame: () => undefined, onPacket: () => undefined });
        expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
        outcomes.read++;
      } catch (error) {
        expect(error, relative(corpusRoot, path)).toBeInstanceOf(CaptureFileError);
        const message = (error as Error).message;
        expect(message).not.toContain('\n');
        expect(message.startsWith(`${path}: `)).toBe(true);
        expect(message).toMatch(/at byte \d+/);
        outcomes.refused++;
      }
    }
    // Every capture, and the text outputs, read; licences, READMEs and Zeek logs do not.
    expect(outcomes.read).toBeGreaterThan(corpusCaptures().length);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('every capture gives the same frames whatever the chunk boundaries', () => {
    let seed = 12345;
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % limit;
    };
    for (const path of corpusCaptures()) {
      const bytes = readFileSync(path);
      const format = detectCaptureFormat(bytes.subarray(0, 4096)).format;
      if (format !== 'pcap' && format !== 'pcapng') throw new Error(`${path}: ${format}`);
      const frames = (chunks: Uint8Array[]): string => {
        const out: string[] = [];
        const parser = createCaptureParser(format, {
          onFrame: (frame) =>
            out.push(
              `${frame.number} ${frame.seconds} ${frame.nanoseconds} ${frame.linkType} ${frame.interfaceIndex} ${frame.originalLength} ${Buffer.from(frame.data).toString('base64')}`,
            ),
        });
        for (const chunk of chunks) parser.push(chunk);
        const summary = parser.end();
        return `${out.join('\n')}\n${summary.warnings.join('\n')}`;
      };
      const whole = frames([bytes]);
      const cuts = Array.from({ length: 8 }, () => random(bytes.length + 1));
      expect(frames(splitAt(bytes, cuts)), relative(corpusRoot, path)).toBe(whole);
      if (bytes.length < 4096) expect(frames([...bytes].map((byte) => Uint8Array.of(byte)))).toBe(whole);
    }
  });

  it.skipIf(!tcpdumpAvailable)('every capture has as many frames as tcpdump counts', () => {
    const differences: string[] = [];
    for (const path of corpusCaptures()) {
      const counted = execFileSync('tcpdump', ['--count', '-r', path], {
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString();
      const expected = Number(/^(\d+) packets?/m.exec(counted)?.[1]);
      let frames = 0;
      const bytes = readFileSync(path);
      const parser = createCaptureParser(detectCaptureFormat(bytes).format as 'pcap' | 'pcapng', {
        onFrame: () => frames++,
      });
      parser.push(bytes);
      parser.end();
      if (frames !== expected)
        differences.push(`${relative(corpusRoot, path)}: ${frames} frames, tcpdump counts ${expected}`);
    }
    expect(differences).toEqual([]);
  });
  if (!tcpdumpAvailable)
    console.log('corpus frame counts not compared: tcpdump is not installed (npm run setup installs it)');

  it('reads the tcpdump DNS and ICMP expected outputs without losing a line', () => {
    // Outputs of 4.99.3 in which every packet line is IP: DNS over UDP and TCP, EDNS, ICMPv6.
    const names = [
      'dns_udp.out',
      'dns_udp-vvv.out',
      'dns_tcp.out',
      'dns_tcp-vvv.out',
      'dns-badcookie.out',
      'dns-badvers.out',
      'dns-uri.out',
      'dnssec-vv.out',
      'edns-opts-vv.out',
      'icmpv6.out',
      'mpls-traceroute-v.out',
    ];
    for (const name of names) {
      let packets = 0;
      const reader = new TcpdumpTextReader({ onPacket: () => packets++ });
      reader.push(readFileSync(join(corpusRoot, 'tcpdump/tcpdump-4.99.3', name)));
      const summary = reader.end();
      expect(summary.unreadable, name).toBe(0);
      expect(packets, name).toBeGreaterThan(0);
    }
  });

  it('never lets anything but CaptureFormatError out of a parser, on every corpus capture cut anywhere', () => {
    for (const path of corpusCaptures().slice(0, 60)) {
      const bytes = readFileSync(path);
      const format = detectCaptureFormat(bytes).format as 'pcap' | 'pcapng';
      for (const length of [0, 10, 23, 24, 27, 40, bytes.length >> 1, bytes.length - 1]) {
        try {
          const parser = createCaptureParser(format, { onFrame: () => undefined });
          parser.push(bytes.subarray(0, Math.max(0, length)));
          parser.end();
        } catch (error) {
          expect(error).toBeInstanceOf(CaptureFormatError);
        }
      }
    }
  });
});
