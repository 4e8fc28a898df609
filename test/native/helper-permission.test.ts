// Without capture privileges the helper must exit with one JSON line that names the fix, with the
// helper's own absolute path, rather than a stack trace or libpcap's bare "Operation not permitted".
// The binary is copied first: a copy carries no file capabilities, whatever setup did to the build.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHelper, canCapture, helperPath, HelperRun, type HelperLine } from './support/helper-process';

const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--bounding-set=-all'];
const rootWithoutCaptureCapabilities = [
  '--inh-caps=-all',
  '--ambient-caps=-all',
  '--bounding-set=-net_raw,-net_admin',
];

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

const ready = canCapture() && hasCommand('setpriv');
if (!ready)
  console.warn(
    'netmortem-capture permission tests skipped: they need root and setpriv (util-linux) to drop privileges',
  );

function fileCapabilities(path: string): string {
  return execFileSync('getcap', [path], { encoding: 'utf8' }).trim();
}

describe.skipIf(!ready)('netmortem-capture without capture privileges', () => {
  let folder = '';
  let copy = '';

  beforeAll(() => {
    buildHelper();
    folder = mkdtempSync(join(tmpdir(), 'nm-native-permission-'));
    chmodSync(folder, 0o755); // the unprivileged user must reach the copy
    copy = join(folder, 'netmortem-capture');
    copyFileSync(helperPath, copy);
    chmodSync(copy, 0o755);
  });

  afterAll(() => {
    if (folder !== '') rmSync(folder, { recursive: true, force: true });
  });

  async function runDropped(
    setprivArguments: string[],
    helperArguments: string[],
  ): Promise<{ status: number | null; lines: HelperLine[]; stderr: string; stdout: Buffer }> {
    const run = new HelperRun('setpriv', [...setprivArguments, copy, ...helperArguments]);
    run.child.stdin!.end();
    const exit = await run.exited;
    return { status: exit.code, lines: run.lines, stderr: run.stderr, stdout: run.stdout };
  }

  it.each([
    ['as nobody (uid 65534) with no capabilities', nobody],
    ['as root without CAP_NET_RAW and CAP_NET_ADMIN', rootWithoutCaptureCapabilities],
  ])(
    '%s: one permission-denied line naming `sudo setcap ...` on the helper',
    async (_label, setprivArguments) => {
      if (hasCommand('getcap')) expect(fileCapabilities(copy)).toBe('');
      const result = await runDropped(setprivArguments, ['-i', 'lo', '-f', 'udp port 53']);
      const fix = `sudo setcap cap_net_raw,cap_net_admin+eip ${copy}`;
      expect(result.status).toBe(4);
      expect(result.stdout.length).toBe(0);
      expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1);
      expect(result.lines[0]).toMatchObject({ type: 'error', code: 'permission-denied', fix });
      expect(result.lines[0]!.message).toContain(fix);
      expect(result.lines[0]!.detail).toMatch(/Operation not permitted|Permission denied|permission/);
    },
  );

  it('still lists interfaces unprivileged, with null link types and a warning that names the fix', async () => {
    const result = await runDropped(nobody, ['--list']);
    expect(result.status).toBe(0);
    const interfaces = JSON.parse(result.stdout.toString('utf8')) as {
      name: string;
      linkType: unknown;
      linkTypeUnavailable?: string;
    }[];
    const loopback = interfaces.find((entry) => entry.name === 'lo')!;
    expect(loopback.linkType).toBeNull();
    expect(loopback.linkTypeUnavailable).toBe('permission-denied');
    expect(result.lines).toEqual([expect.objectContaining({ type: 'warning', code: 'permission-denied' })]);
    expect(result.lines[0]!.message).toContain(`sudo setcap cap_net_raw,cap_net_admin+eip ${copy}`);
  });

  it('captures unprivileged once the fix is applied, then drops its capabilities', async (context) => {
    const granted = join(folder, 'netmortem-capture-granted');
    copyFileSync(helperPath, granted);
    chmodSync(granted, 0o755);
    if (
      !hasCommand('setcap') ||
      spawnSync('setcap', ['cap_net_raw,cap_net_admin+eip', granted]).status !== 0
    ) {
      console.warn(
        'setcap is missing or this filesystem has no extended attributes: skipping the granted-capability case',
      );
      context.skip();
    }
    const run = new HelperRun('setpriv', [
      ...nobody.filter((flag) => !flag.startsWith('--bounding-set')),
      granted,
      '-i',
      'lo',
      '-f',
      'udp port 53',
    ]);
    try {
      await run.waitForStarted();
      expect(run.lines.find((line) => line.type === 'started')).toMatchObject({
        interface: 'lo',
        privilegesDropped: true,
      });
      const status = execFileSync('cat', [`/proc/${run.child.pid}/status`], { encoding: 'utf8' });
      expect(status).toMatch(/^CapEff:\s*0+$/m);
      expect(status).toMatch(/^CapPrm:\s*0+$/m);
      run.child.stdin!.end();
      expect(await run.exited).toEqual({ code: 0, signal: null });
    } finally {
      await run.dispose();
    }
  });
});
