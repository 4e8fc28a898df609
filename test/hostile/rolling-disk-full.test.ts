// The disk fills while a live capture writes its rolling pcap (a 192 KiB tmpfs the test mounts):
// the session ends with a clear error, what was written reads whole, and no helper is left.
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../electron/node/files/read-capture';
import { createService } from '../../electron/node/service/service';
import { mountTmpfs } from '../report/temporary-mount';
import { recordFigure, repoRoot } from './support/figures';
import { ourHelpers } from './support/our-helpers';

const helperBuilt = existsSync(join(repoRoot, 'native/build/netmortem-capture'));
const root = process.getuid?.() === 0;
if (!helperBuilt || !root)
  console.warn(
    `rolling disk-full test skipped: ${helperBuilt ? 'live capture needs root' : 'the capture helper is not built'}`,
  );

interface Info {
  state: string;
  files: string[];
  message: string | null;
  packets: number;
}

describe.skipIf(!helperBuilt || !root)('disk full during the rolling pcap', () => {
  it('ends the capture with a clear error, keeps what was written readable, leaves no helper', async (context) => {
    const mount = mountTmpfs('size=192k');
    if ('skipped' in mount) return context.skip(mount.skipped);
    const service = createService({
      dataDirectory: join(mount.path, 'data'),
      exportDirectory: join(mount.path, 'exports'),
    });
    const socket = createSocket('udp4');
    try {
      const started = await service.call('startCapture', { interface: 'lo', filter: 'udp port 53' });
      expect(started.ok, JSON.stringify(started)).toBe(true);
      // Loopback only: 1200-byte datagrams to 127.0.0.1:53 until the 192 KiB disk is well past full.
      const payload = Buffer.alloc(1200, 0x41);
      let sent = 0;
      let info: Info | undefined;
      for (let round = 0; round < 100; round++) {
        for (let index = 0; index < 20; index++, sent++) socket.send(payload, 53, '127.0.0.1');
        await sleep(50);
        const answer = await service.call('getSession', {});
        info = answer.ok ? (answer.value as Info) : undefined;
        if (info && info.state !== 'capturing') break;
      }
      expect(info?.state).toBe('failed');
      expect(info?.message).toMatch(/disk|space|ENOSPC|full/i);
      for (let attempt = 0; attempt < 50 && ourHelpers().length > 0; attempt++) await sleep(100);
      expect(ourHelpers()).toEqual([]);
      const read = await readCaptureFile(info!.files[0]!);
      expect(read.packets).toBeGreaterThan(0);
      recordFigure('rolling-disk-full', {
        order: 8,
        item: 'Disk full while a live capture writes its rolling pcap (192 KiB tmpfs mounted by the test)',
        tried: `${sent} datagrams of 1200 bytes sent to 127.0.0.1:53 while capturing on lo`,
        inputs: 1,
        held: `session failed with "${info!.message!.replaceAll(mount.path, '<tmpfs>')}"; the pcap on the full disk read whole (${read.packets} packets); no helper left`,
        command: 'npx vitest run test/hostile/rolling-disk-full.test.ts (as root)',
      });
    } finally {
      socket.close();
      await service.dispose();
      mount.remove();
    }
  }, 60_000);
});
