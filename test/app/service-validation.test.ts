// The service refuses every malformed call with a validation error and keeps serving.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestNames, requests } from '../../electron/common/ipc/contract';
import { startHarness, type Harness } from './support/service-harness';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.close();
});

describe('service validation', () => {
  it('refuses random arguments to every request with a validation error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...requestNames),
        fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true }),
        async (name, args) => {
          // A random value that happens to be valid would really run (spawn the helper, open a file): skip it.
          fc.pre(!requests[name].args.safeParse(args).success);
          const answer = await harness.service.call(name, args);
          expect(answer.ok).toBe(false);
          if (!answer.ok) {
            expect(answer.error.code).toBe('validation');
            expect(answer.error.issues.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 600 },
    );
  });

  it.each([
    ['openFiles', { paths: '/etc/passwd' }],
    ['openFiles', { paths: [] }],
    ['openFiles', { paths: ['/tmp/a\0b'] }],
    ['openFiles', { paths: ['x'.repeat(5000)] }],
    ['openFiles', { paths: ['/tmp/x'], date: '25/11/2026' }],
    ['openFiles', { paths: ['/tmp/x'], extra: true }],
    ['getPacketDetails', { frame: 0 }],
    ['getPacketDetails', { frame: 1.5 }],
    ['getPacketDetails', { frame: '1' }],
    [
      'exportReport',
      {
        format: 'exe',
        analyst: { title: '', reporter: '', organisation: '', customerImpact: '', notes: '' },
      },
    ],
    ['exportReport', { format: 'md' }],
    ['startCapture', { interface: '' }],
    ['startCapture', { interface: 'lo', snapLength: 10 }],
    ['checkFilter', { filter: 42 }],
    ['getEvents', { sessionId: 'x', offset: -1, limit: 10 }],
    ['getEvents', { sessionId: 'x', offset: 0, limit: 1_000_000 }],
    ['showSaveDialog', { defaultName: 'a.md', extensions: ['../../x'] }],
    ['listInterfaces', { surprise: 1 }],
    ['getSession', null],
  ])('refuses %s(%j)', async (name, args) => {
    const answer = await harness.service.call(name, args);
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it.each([
    ['__proto__'],
    ['constructor'],
    ['toString'],
    ['openfiles'],
    [42],
    [null],
    [undefined],
    [{ name: 'openFiles' }],
  ])('refuses the unknown request %j', async (name) => {
    const answer = await harness.service.call(name, {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
  });

  it('keeps serving after all of that', async () => {
    expect(await harness.service.call('getSession', {})).toEqual({ ok: true, value: null });
    expect(await harness.service.call('getAnalysis', {})).toEqual({ ok: true, value: null });
  });

  it('answers requests that need a session with a clear refusal', async () => {
    expect(await harness.service.call('getPacketDetails', { frame: 1 })).toMatchObject({
      ok: false,
      error: { code: 'no-session' },
    });
    expect(
      await harness.service.call('exportReport', {
        format: 'md',
        analyst: { title: '', reporter: '', organisation: '', customerImpact: '', notes: '' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'no-session' } });
    expect(await harness.service.call('stopCapture', {})).toMatchObject({
      ok: false,
      error: { code: 'no-session' },
    });
    expect(await harness.service.call('openFiles', { paths: ['/nonexistent/capture.pcap'] })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('has no native dialogs without a host that provides them', async () => {
    expect(await harness.service.call('showOpenDialog', {})).toMatchObject({
      ok: false,
      error: { code: 'unsupported' },
    });
  });
});
