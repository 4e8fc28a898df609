// How long after its query each failing answer came (electron/common/analysis/answer-delays.ts).
import { describe, expect, it } from 'vitest';
import { AnswerDelays } from '../../electron/common/analysis/answer-delays';

describe('answer delays', () => {
  it('has no summary until an answer is timed', () => {
    expect(new AnswerDelays().summary()).toBeUndefined();
  });

  it('keeps the extremes, the mean and the late ones, in milliseconds to the microsecond', () => {
    const delays = new AnswerDelays();
    delays.record(3_905_993, false);
    delays.record(43_741_555, true);
    delays.record(17_830_396, true);
    expect(delays.summary()).toEqual({
      answers: 3,
      minMilliseconds: 3905.993,
      meanMilliseconds: 21825.981,
      maxMilliseconds: 43741.555,
      afterTimeout: 2,
    });
  });

  it('counts an answer before its query (a capture out of time order) as no delay', () => {
    const delays = new AnswerDelays();
    delays.record(-250, false);
    expect(delays.summary()).toMatchObject({ minMilliseconds: 0, maxMilliseconds: 0 });
  });

  it('merges another window: the counts add up and the extremes widen', () => {
    const first = new AnswerDelays();
    first.record(1000, false);
    const second = new AnswerDelays();
    second.record(300, false);
    second.record(9_000_000, true);
    first.mergeFrom(second);
    expect(first.summary()).toEqual({
      answers: 3,
      minMilliseconds: 0.3,
      meanMilliseconds: 3000.433,
      maxMilliseconds: 9000,
      afterTimeout: 1,
    });
  });
});
