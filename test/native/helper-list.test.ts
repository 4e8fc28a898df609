// netmortem-capture --list, --check-filter and command-line errors: the helper's non-capturing modes.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildHelper, canCapture, helperPath, runHelper, type HelperLine } from './support/helper-process';

const execFileAsync = promisify(execFile);

interface ListedInterface {
  name: string;
  description: string | null;
  addresses: { family: string; address: string | null; netmask: string | null }[];
  flags: { up: boolean; running: boolean; loopback: boolean; wireless: boolean; connection: string };
  linkType: { name: string; number: number; description: string } | null;
  linkTypes: { name: string; number: number }[] | null;
  linkTypeUnavailable?: string;
}

/** Runs the helper to completion; returns its exit status, stdout and parsed stderr lines. */
async function runToEnd(
  args: string[],
): Promise<{ status: number | null; stdout: string; lines: HelperLine[] }> {
  const run = runHelper(args);
  run.child.stdin!.end();
  const exit = await run.exited;
  return { status: exit.code, stdout: run.stdout.toString('utf8'), lines: run.lines };
}

beforeAll(() => {
  buildHelper();
});

describe('netmortem-capture --list', () => {
  it('prints every interface as JSON, lo among them with its loopback flag and addresses', async () => {
    const { stdout } = await execFileAsync(helperPath, ['--list']);
    const interfaces = JSON.parse(stdout) as ListedInterface[];
    const names = interfaces.map((entry) => entry.name);
    expect(names).toContain('lo');
    const loopback = interfaces.find((entry) => entry.name === 'lo')!;
    expect(loopback.flags).toMatchObject({ up: true, loopback: true, wireless: false });
    expect(loopback.addresses).toContainEqual({ family: 'inet', address: '127.0.0.1', netmask: '255.0.0.0' });
    for (const entry of interfaces) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining(['name', 'description', 'addresses', 'flags', 'linkType']),
      );
    }
  });

  it.skipIf(!canCapture())('probes link types when it may open interfaces: lo is Ethernet (1)', async () => {
    const { stdout } = await execFileAsync(helperPath, ['--list']);
    const interfaces = JSON.parse(stdout) as ListedInterface[];
    const loopback = interfaces.find((entry) => entry.name === 'lo')!;
    expect(loopback.linkType).toEqual({ name: 'EN10MB', number: 1, description: 'Ethernet' });
    expect(loopback.linkTypes?.map((type) => type.name)).toContain('EN10MB');
    // Pseudo-devices are never activated (an nfqueue handle would take over queue 0).
    for (const entry of interfaces.filter((item) => /^(nfqueue|nflog|dbus-)/.test(item.name))) {
      expect(entry.linkType).toBeNull();
      expect(entry.linkTypeUnavailable).toBe('pseudo-device');
    }
  });
});

describe('netmortem-capture --check-filter', () => {
  it('compiles a good filter for Ethernet by default and says ok', async () => {
    const result = await runToEnd(['--check-filter', '-f', 'udp port 53']);
    expect(result.status).toBe(0);
    const answer = JSON.parse(result.stdout) as {
      ok: boolean;
      linkType: { name: string };
      instructions: number;
    };
    expect(answer.ok).toBe(true);
    expect(answer.linkType.name).toBe('EN10MB');
    expect(answer.instructions).toBeGreaterThan(0);
    expect(result.lines).toEqual([]);
  });

  it('compiles against the link type given with --linktype', async () => {
    const result = await runToEnd(['--check-filter', '--linktype', 'LINUX_SLL2', '-f', 'icmp']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      linkType: { name: 'LINUX_SLL2', number: 276 },
    });
  });

  it("rejects a bad filter with libpcap's own message, the same one tcpdump prints", async () => {
    const result = await runToEnd(['--check-filter', '-f', 'udp port 99999']);
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.lines).toHaveLength(1);
    const error = result.lines[0]!;
    expect(error).toMatchObject({
      type: 'error',
      code: 'bad-filter',
      detail: 'illegal port number 99999 > 65535',
    });
    expect(error.message).toContain('illegal port number 99999 > 65535');
    // tcpdump compiles the same filter for an empty Ethernet capture file.
    const folder = mkdtempSync(join(tmpdir(), 'nm-native-'));
    const emptyCapture = join(folder, 'empty.pcap');
    const header = Buffer.alloc(24);
    header.writeUInt32LE(0xa1b2c3d4, 0); // magic: microsecond pcap, little-endian
    header.writeUInt16LE(2, 4); // version 2.4
    header.writeUInt16LE(4, 6);
    header.writeUInt32LE(262144, 16); // snaplen
    header.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
    writeFileSync(emptyCapture, header);
    let tcpdumpMessage = '';
    try {
      execFileSync('tcpdump', ['-d', '-r', emptyCapture, 'udp port 99999'], { stdio: 'pipe' });
    } catch (failure) {
      const { code, stderr } = failure as { code?: string; stderr?: Buffer };
      tcpdumpMessage = code === 'ENOENT' ? '' : String(stderr ?? '');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    if (tcpdumpMessage === '')
      console.warn('tcpdump is not installed: skipping the cross-check of the libpcap message');
    else expect(tcpdumpMessage).toContain(error.detail);
  });

  it('reports a syntax error as bad-filter too', async () => {
    const result = await runToEnd(['--check-filter', '-f', 'udp port']);
    expect(result.status).toBe(3);
    expect(result.lines[0]).toMatchObject({
      code: 'bad-filter',
      detail: "can't parse filter expression: syntax error",
    });
  });

  it('rejects an unknown link type', async () => {
    const result = await runToEnd(['--check-filter', '--linktype', 'NO_SUCH_TYPE', '-f', 'udp']);
    expect(result.status).toBe(8);
    expect(result.lines[0]).toMatchObject({ code: 'bad-linktype' });
  });

  it.skipIf(!canCapture())("compiles against an interface's own link type", async () => {
    const result = await runToEnd(['--check-filter', '-i', 'lo', '-f', 'icmp or udp port 53']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, linkType: { name: 'EN10MB' } });
  });
});

describe('netmortem-capture command line', () => {
  it.each([
    [[], 'no interface'],
    [['-i', 'lo', '-s', '0'], 'snaplen'],
    [['-i', 'lo', '-B', 'lots'], 'buffer size'],
    [['-i', 'lo', '-a', 'packets:3'], 'autostop'],
    [['-i', 'lo', '--stats-interval', '-1'], 'stats interval'],
    [['-i', 'lo', 'udp', 'port', '53'], 'unexpected argument'],
    [['--bogus'], 'unknown option'],
    [['-i'], 'needs a value'],
  ])('%j is a usage error naming the problem', async (args, words) => {
    const result = await runToEnd(args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.lines).toHaveLength(1);
    expect(result.lines[0]).toMatchObject({ type: 'error', code: 'usage' });
    expect(result.lines[0]!.message).toContain(words);
  });

  it('prints help and its libpcap version', async () => {
    expect((await execFileAsync(helperPath, ['--help'])).stdout).toContain('--check-filter');
    expect((await execFileAsync(helperPath, ['--version'])).stdout).toMatch(
      /^netmortem-capture \S+ \(libpcap version /,
    );
  });
});
