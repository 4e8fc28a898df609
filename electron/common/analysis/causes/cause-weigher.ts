/**
 * One candidate cause being weighed: a prior confidence, moved up by each piece of evidence
 * for it and down by each piece against it. Every adjustment comes with the sentence that
 * justifies it, so the report shows why a cause ranks where it does.
 */
import type { Cause, CauseId } from '../../report/analysis-schema';

/** Confidence never reaches certainty either way: packets show symptoms, not intentions. */
const floor = 0.02;
const ceiling = 0.97;

export class CauseWeigher {
  private confidence: number;
  private readonly evidenceFor: string[] = [];
  private readonly evidenceAgainst: string[] = [];

  constructor(
    readonly id: CauseId,
    prior: number,
  ) {
    this.confidence = prior;
  }

  /** Evidence for the cause; `weight` 0 records a supporting fact without moving the confidence. */
  for(sentence: string, weight = 0): this {
    this.evidenceFor.push(sentence);
    this.confidence += weight;
    return this;
  }

  against(sentence: string, weight = 0): this {
    this.evidenceAgainst.push(sentence);
    this.confidence -= weight;
    return this;
  }

  result(): Cause {
    const confidence = Math.round(Math.min(ceiling, Math.max(floor, this.confidence)) * 100) / 100;
    return {
      id: this.id,
      confidence,
      evidenceFor: [...this.evidenceFor],
      evidenceAgainst: [...this.evidenceAgainst],
    };
  }
}

/** Causes by confidence, highest first; ties keep the order they were weighed in (most specific first). */
export function rankCauses(weighers: CauseWeigher[]): Cause[] {
  return weighers
    .map((weigher, order) => ({ cause: weigher.result(), order }))
    .sort((a, b) => b.cause.confidence - a.cause.confidence || a.order - b.order)
    .map(({ cause }) => cause);
}
