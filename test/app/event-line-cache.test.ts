// The events table's line cache: gathers asks, batches them within the contract's cap, never
// asks twice for a frame in flight, keeps a bounded number of lines, and drops a disposed
// session's late answers. Timers are driven by hand.
import { describe, expect, it } from 'vitest';
import { EventLineCache, type FetchLines } from '../../renderer/src/state/event-line-cache';

interface Harness {
  cache: EventLineCache;
  calls: number[][];
  /** Answers the oldest unanswered call: every frame, or only those `holds` accepts. */
  answer(holds?: (frame: number) => boolean): Promise<void>;
  fail(): Promise<void>;
  /** Runs the gathering timer, if one is set. */
  tick(): void;
  timers: number;
  redraws: number;
}

function harness(options: { maxEntries?: number; batchFrames?: number } = {}): Harness {
  const pending: {
    frames: number[];
    resolve: (value: Awaited<ReturnType<FetchLines>>) => void;
    reject: (error: Error) => void;
  }[] = [];
  let timer: (() => void) | undefined;
  const state: Harness = {
    calls: [],
    timers: 0,
    redraws: 0,
    cache: undefined as unknown as EventLineCache,
    async answer(holds = () => true) {
      const call = pending.shift()!;
      call.resolve({ lines: call.frames.filter(holds).map((frame) => ({ frame, line: `line ${frame}` })) });
      await Promise.resolve();
      await Promise.resolve();
    },
    async fail() {
      pending.shift()!.reject(new Error('no-session'));
      await Promise.resolve();
      await Promise.resolve();
    },
    tick() {
      const run = timer;
      timer = undefined;
      run?.();
    },
  };
  state.cache = new EventLineCache(
    (frames) =>
      new Promise((resolve, reject) => {
        state.calls.push(frames);
        pending.push({ frames, resolve, reject });
      }),
    () => {
      state.redraws += 1;
    },
    {
      ...options,
      setTimer: (run) => {
        state.timers += 1;
        timer = run;
        return run;
      },
      clearTimer: () => {
        timer = undefined;
      },
    },
  );
  return state;
}

describe('EventLineCache', () => {
  it('gathers asks into one request and answers the lines', async () => {
    const test = harness();
    test.cache.want([1, 2, 3]);
    test.cache.want([3, 4]);
    expect(test.timers).toBe(1);
    expect(test.calls).toEqual([]);
    test.tick();
    expect(test.calls).toEqual([[1, 2, 3, 4]]);
    expect(test.cache.line(1)).toBeUndefined();
    await test.answer();
    expect([1, 2, 3, 4].map((frame) => test.cache.line(frame))).toEqual([
      'line 1',
      'line 2',
      'line 3',
      'line 4',
    ]);
    expect(test.redraws).toBe(1);
    // Known lines are not asked again.
    test.cache.want([2, 4]);
    test.tick();
    expect(test.calls).toHaveLength(1);
  });

  it('never asks twice for a frame in flight', async () => {
    const test = harness();
    test.cache.want([1, 2]);
    test.tick();
    test.cache.want([2, 3]);
    test.tick();
    expect(test.calls).toEqual([[1, 2], [3]]);
    expect(test.cache.pending).toBe(3);
    await test.answer();
    await test.answer();
    expect(test.cache.pending).toBe(0);
  });

  it('splits a long ask into requests of at most batchFrames', () => {
    const test = harness({ batchFrames: 500 });
    test.cache.want(Array.from({ length: 1200 }, (_, index) => index + 1));
    test.tick();
    expect(test.calls.map((frames) => frames.length)).toEqual([500, 500, 200]);
  });

  it('remembers frames the service does not hold as having no line, and asks again after a failure', async () => {
    const test = harness();
    test.cache.want([1, 2]);
    test.tick();
    await test.answer((frame) => frame === 1);
    expect(test.cache.line(2)).toBe('');
    test.cache.want([5]);
    test.tick();
    await test.fail();
    expect(test.cache.line(5)).toBeUndefined();
    test.cache.want([5]);
    test.tick();
    expect(test.calls.at(-1)).toEqual([5]);
  });

  it('keeps at most maxEntries lines, the oldest out first', async () => {
    const test = harness({ maxEntries: 3 });
    test.cache.want([1, 2, 3, 4, 5]);
    test.tick();
    await test.answer();
    expect([1, 2, 3, 4, 5].map((frame) => test.cache.line(frame))).toEqual([
      undefined,
      undefined,
      'line 3',
      'line 4',
      'line 5',
    ]);
  });

  it('drops the answers that arrive after dispose and asks nothing more', async () => {
    const test = harness();
    test.cache.want([1]);
    test.tick();
    test.cache.dispose();
    await test.answer();
    expect(test.cache.line(1)).toBeUndefined();
    expect(test.redraws).toBe(0);
    test.cache.want([2]);
    test.tick();
    expect(test.calls).toHaveLength(1);
  });
});
