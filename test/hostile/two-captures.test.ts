// Two live captures started at once on loopback: one runs, the other is refused as busy; only
// one helper process exists; after stop, the pcap reads whole and no helper is left behind.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptureFile } from '../../electron/node/files/read-capture';
import { startHarness, type Harness } from '../app/support/service-harness';
import { recordFigure, repoRoot } from './support/figures';
import { ourHelpers } from './support/our-helpers';

const helperBuilt = existsSync(join(repoRoot, 'native/build/netmortem-capture'));
const root = process.getuid?.() === 0;
const reason = !helperBuilt ? 'the capture helper is not built (npm run setup)' : 'live capture needs root';
if (!helperBuilt || !root) console.warn(`two-captures test skipped: ${reason}`);

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe.skipIf(!helperBuilt || !root)('two captures started at once', () => {
  it('runs one, refuses the other as busy, and leaves no helper after stop', async () => {
    const args = { interface: 'lo', filter: 'udp port 53 or icmp' };
    const answers = await Promise.all([
      harness.service.call('startCapture', args),
      harness.service.call('startCapture', args),
    ]);
    const started = answers.filter((answer) => answer.ok);
    const refused = answers.filter((answer) => !answer.ok);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ ok: false, error: { code: 'busy' } });
    // A third while the first runs is refused too.
    expect(await harness.service.call('startCapture', args)).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    });
    const running = (await harness.value('getSession', {})) as { kind: string; files: string[] };
    expect(running.kind).toBe('capture');
    // Bounded wait for the helper to be spawned, then exactly one.
    let helpers = ourHelpers();
    for (let attempt = 0; attempt < 50 && helpers.length === 0; attempt++) {
      await sleep(100);
      helpers = ourHelpers();
    }
    helpers = (await sleep(100), ourHelpers());
    expect(helpers).toHaveLength(1);
    const stopped = (await harness.value('stopCapture', {})) as { files: string[] };
    for (let attempt = 0; attempt < 50 && ourHelpers().length > 0; attempt++) await sleep(100);
    expect(ourHelpers()).toEqual([]);
    const pcap = stopped.files[0]!;
    const info = await readCaptureFile(pcap);
    expect(info.sha256).toMatch(/^[0-9a-f]{64}$/);
    recordFigure('two-captures', {
      order: 7,
      item: 'Two live captures started at once (service.startCapture on lo, concurrently), then a third',
      tried: '2 concurrent starts and 1 more while running',
      inputs: 3,
      held: `1 started, 2 refused with code "busy"; exactly ${helpers.length} helper process while running, 0 after stop; the capture file read whole (${info.packets} packets)`,
      command: 'npx vitest run test/hostile/two-captures.test.ts (as root, helper built)',
    });
  }, 60_000);
});
