/**
 * How long after its query each failing answer came: an ICMP error quoting the query, or a
 * response with a failing rcode, timed from the query's latest transmission (the copy the
 * answer most likely answers). The delay tells how the failure was made. A host or router makes
 * an ICMP error when it refuses the datagram (RFC 792), so an error within a round trip is the
 * norm. A resolver that answers SERVFAIL after seconds waited for upstream
 * servers first; one that answers at once failed on something it already knew, such as a cached
 * resolution failure (RFC 9520). Bounded: a count, the extremes and the sum.
 */

/** A SERVFAIL this slow waited on upstream servers before it gave up; one this fast asked nobody. */
export const slowServfailMilliseconds = 1000;
export const fastServfailMilliseconds = 50;
/** Past this, an ICMP error is late for a message sent when the datagram was refused. */
export const slowIcmpMilliseconds = 1000;

/** What an incident says of its delays (the contract's `answerDelay`). */
export interface AnswerDelaySummary {
  /** Failing answers timed (one per failed query that the capture showed). */
  answers: number;
  minMilliseconds: number;
  meanMilliseconds: number;
  maxMilliseconds: number;
  /** Of those answers, how many came after the query timeout (counted as late answers). */
  afterTimeout: number;
}

export class AnswerDelays {
  private count = 0;
  private minimum = Number.POSITIVE_INFINITY;
  private maximum = 0;
  private sum = 0;
  private late = 0;

  /** One failing answer, `delayMicroseconds` after its query; `late`: after the query timeout. */
  record(delayMicroseconds: number, late: boolean): void {
    // A capture out of time order can put an answer before its query: that is no delay.
    const delay = Math.max(0, delayMicroseconds);
    this.count++;
    this.sum += delay;
    if (delay < this.minimum) this.minimum = delay;
    if (delay > this.maximum) this.maximum = delay;
    if (late) this.late++;
  }

  mergeFrom(other: AnswerDelays): void {
    this.count += other.count;
    this.sum += other.sum;
    this.late += other.late;
    if (other.minimum < this.minimum) this.minimum = other.minimum;
    if (other.maximum > this.maximum) this.maximum = other.maximum;
  }

  summary(): AnswerDelaySummary | undefined {
    if (this.count === 0) return undefined;
    return {
      answers: this.count,
      minMilliseconds: milliseconds(this.minimum),
      meanMilliseconds: milliseconds(this.sum / this.count),
      maxMilliseconds: milliseconds(this.maximum),
      afterTimeout: this.late,
    };
  }
}

/** Microseconds as milliseconds with three decimals: the capture's microsecond resolution. */
function milliseconds(microseconds: number): number {
  return Math.round(microseconds) / 1000;
}
