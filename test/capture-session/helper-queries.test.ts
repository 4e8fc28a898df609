// The one-shot questions to the helper (interfaces, filters), where it is found, how its
// stderr lines are read, and the permission error with its fix when it cannot capture.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../electron/node/capture/capture-error';
import { checkFilter } from '../../electron/node/capture/check-filter';
import { LineSplitter, parseHelperLine } from '../../electron/node/capture/helper-messages';
import { findHelperPath, helperEnvironmentVariable } from '../../electron/node/capture/helper-path';
import { listInterfaces } from '../../electron/node/capture/list-interfaces';
import { liveHelperCount } from '../../electron/node/capture/live-helpers';
import { asNobody, buildHelper, hasCommand, helperPath, isRoot, unprivilegedCopy } from './support/helper';

beforeAll(() => buildHelper());

describe('the helper protocol', () => {
  it('reads stats, errors and started lines, keeps text, skips unknown types', () => {
    expect(
      parseHelperLine(
        '{"type":"stats","received":5,"dropped":1,"interfaceDropped":0,"captured":4,"final":true,"reason":"count"}',
      ),
    ).toMatchObject({
      type: 'stats',
      received: 5,
      dropped: 1,
      final: true,
      reason: 'count',
    });
    expect(
      parseHelperLine(
        '{"type":"error","code":"bad-filter","message":"bad capture filter","detail":"syntax error"}',
      ),
    ).toMatchObject({
      type: 'error',
      code: 'bad-filter',
      detail: 'syntax error',
    });
    expect(parseHelperLine('{"type":"started","linkType":{"name":"EN10MB","number":1}}')).toMatchObject({
      type: 'started',
    });
    expect(parseHelperLine('{"type":"future-thing","x":1}')).toBeUndefined();
    expect(parseHelperLine('{"type":"stats","received":"many"}')).toBeUndefined();
    expect(parseHelperLine('libpcap says hello')).toEqual({ type: 'text', message: 'libpcap says hello' });
    expect(parseHelperLine('   ')).toBeUndefined();
  });

  it('splits lines across chunks, including a character cut in two', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('{"a":"é"}\nsecond\nthi', 'utf8');
    const cut = bytes.indexOf(0xa9); // the second byte of é
    expect(splitter.push(bytes.subarray(0, cut))).toEqual([]);
    expect(splitter.push(bytes.subarray(cut))).toEqual(['{"a":"é"}', 'second']);
    expect(splitter.end()).toEqual(['thi']);
  });
});

describe('findHelperPath', () => {
  it('finds the built helper from the checkout, and honours the option and the environment', () => {
    const saved = process.env[helperEnvironmentVariable];
    try {
      delete process.env[helperEnvironmentVariable];
      expect(findHelperPath()).toBe(helperPath);
      expect(findHelperPath(helperPath)).toBe(helperPath);
      process.env[helperEnvironmentVariable] = '/nonexistent/netmortem-capture';
      expect(() => findHelperPath()).toThrow(/NETMORTEM_CAPTURE_HELPER/);
    } finally {
      if (saved === undefined) delete process.env[helperEnvironmentVariable];
      else process.env[helperEnvironmentVariable] = saved;
    }
  });

  it('refuses a path that is not an executable file', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nm-helper-path-'));
    try {
      const file = join(folder, 'netmortem-capture');
      writeFileSync(file, 'not a program', { mode: 0o644 });
      expect(() => findHelperPath(file)).toThrow(CaptureError);
      expect(() => findHelperPath(folder)).toThrow(expect.objectContaining({ code: 'helper-missing' }));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('listInterfaces and checkFilter', () => {
  it('lists the loopback interface with its addresses and flags', async () => {
    const interfaces = await listInterfaces();
    const loopback = interfaces.find((entry) => entry.name === 'lo');
    expect(loopback).toMatchObject({ loopback: true, up: true });
    expect(loopback!.addresses.map((address) => address.address)).toContain('127.0.0.1');
    if (isRoot) expect(loopback!.linkType).toBe('EN10MB');
    expect(liveHelperCount()).toBe(0);
  });

  it('accepts a good filter and gives libpcap`s own message for a bad one', async () => {
    expect(await checkFilter('udp port 53 or icmp or icmp6')).toEqual({ ok: true });
    expect(await checkFilter('udp port 53', 'lo')).toEqual({ ok: true });
    const bad = await checkFilter('udp port');
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/syntax error/) });
    const unknownHost = await checkFilter('host no-such-host.invalid');
    expect(unknownHost.ok).toBe(false);
    expect(liveHelperCount()).toBe(0);
  });
});

describe.skipIf(!isRoot || !hasCommand('setpriv'))('without capture rights', () => {
  let copy: ReturnType<typeof unprivilegedCopy> | undefined;
  beforeAll(() => {
    copy = unprivilegedCopy();
  });
  afterAll(() => copy?.remove());

  it('lists interfaces anyway, without link types', async () => {
    const interfaces = await listInterfaces({ helperPath: copy!.path, launcher: asNobody });
    const loopback = interfaces.find((entry) => entry.name === 'lo');
    expect(loopback).toMatchObject({ linkType: null, linkTypeUnavailable: 'permission-denied' });
  });
});
if (!isRoot || !hasCommand('setpriv'))
  console.warn('capture-session permission cases skipped: they need root and setpriv');
