import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dissect } from '../../electron/common/decode/dissect';
import { frameMatchesDnsOrIcmp } from '../../electron/common/print/frame-filter';
import { matchesDnsOrIcmp } from '../../electron/common/print/match-dns-or-icmp';
import { readCaptureFile } from '../../electron/node/files/read-capture';
import { corpusRoot } from './support/corpus';

// `print --dns-icmp` filters frames from their bytes; the app filters dissected packets. Both
// must pick the same packets: checked on every frame of the corpus.

function captures(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return captures(full);
    return /\.(pcap|pcapng)$/.test(entry) ? [full] : [];
  });
}

describe('frameMatchesDnsOrIcmp', () => {
  it('agrees with matchesDnsOrIcmp on every corpus frame', async () => {
    let frames = 0;
    let matched = 0;
    const disagreements: string[] = [];
    const malformed: string[] = [];
    for (const file of captures(corpusRoot)) {
      try {
        await readCaptureFile(file, {
          onFrame: (frame) => {
            frames++;
            const fromBytes = frameMatchesDnsOrIcmp(frame);
            if (fromBytes) matched++;
            const packet = dissect(frame);
            if (fromBytes === matchesDnsOrIcmp(packet)) return;
            const where = `${path.relative(corpusRoot, file)} frame ${frame.number}: bytes say ${fromBytes}`;
            // A frame the decoder cannot read whole may be read otherwise by the printer (tcpdump
            // 4.99 takes raw-IP link types by the version nibble, the decoder by the link type).
            if (packet.truncated) malformed.push(`${where} (${packet.truncated})`);
            else disagreements.push(where);
          },
        });
      } catch {
        // Corrupt captures keep the frames read before the damage.
      }
    }
    console.log(`${frames} frames, ${matched} DNS/ICMP; on malformed frames:\n  ${malformed.join('\n  ')}`);
    expect(matched).toBeGreaterThan(500);
    expect(malformed.length).toBeLessThan(5);
    expect(disagreements).toEqual([]);
  });
});
