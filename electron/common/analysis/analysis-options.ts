/** How an Analyzer runs: the timeout, the thresholds, and the bounds that keep memory flat. */
import type { TimelineCounter } from './timeline-event';
import { defaultThresholds, type Thresholds } from './thresholds';

export interface AnalysisLimits {
  /** Open (unsettled) queries kept at most; past it the oldest is settled as unanswered and counted as evicted. */
  openQueries: number;
  /** Settled queries remembered for late answers and duplicate ICMP errors (see `lateAnswerSeconds`). */
  recentQueries: number;
  /** Distinct names and clients listed per incident (the counts stay exact). */
  namesPerIncident: number;
  clientsPerIncident: number;
  /** (client, name, type) entries tracked for repeated NXDOMAIN answers, per capture. */
  nxdomainNames: number;
  /** Clients whose resolver choice is remembered (for the misconfiguration cause). */
  clients: number;
  /** Senders whose packets are counted (is the server's host up?); DNS servers are counted past it too. */
  hosts: number;
  /** Retransmission frames remembered per query, for evidence and outcome updates. */
  retransmissionsPerQuery: number;
  /** Separate incident windows kept per server, service and kind; older ones merge. */
  windowsPerKind: number;
  /** Success runs kept per server (see Thresholds.successResolutionSeconds). */
  successRuns: number;
}

export interface AnalysisOptions {
  /**
   * Seconds without response or ICMP error after a query's last transmission before it counts
   * as unanswered. 5 s is the stub resolver's default (glibc resolv.conf `timeout:5`).
   */
  timeoutSeconds: number;
  /**
   * A response or ICMP error arriving this long (seconds) after its query was declared
   * unanswered still settles it: ICMP errors can trail their query (the scenario's do by up
   * to 44 s), and the report should name the real failure, not "timeout".
   */
  lateAnswerSeconds: number;
  thresholds: Thresholds;
  /** Produce TimelineEvents and OutcomeUpdates for `drain()` (the UI); off for the CLI's speed. */
  events: boolean;
  /**
   * Count the events here as they happen, without building them (the report's chart): far
   * cheaper than `events` when nobody reads the events themselves.
   */
  timeline: TimelineCounter | undefined;
  /**
   * Print each event's tcpdump line (TimelineEvent.line). Printing is most of the cost of
   * events; consumers that only count events (the report's timeline buckets) turn it off and
   * get '' instead.
   */
  eventLines: boolean;
  /** Evidence lines kept per incident; the incident says how many were left out. */
  evidenceLimit: number;
  limits: AnalysisLimits;
}

export const defaultLimits: Readonly<AnalysisLimits> = Object.freeze({
  openQueries: 200_000,
  recentQueries: 50_000,
  namesPerIncident: 100,
  clientsPerIncident: 100,
  nxdomainNames: 50_000,
  clients: 100_000,
  hosts: 10_000,
  retransmissionsPerQuery: 16,
  windowsPerKind: 64,
  successRuns: 4096,
});

/** The stub resolver's default (glibc resolv.conf `timeout:5`). */
export const defaultTimeoutSeconds = 5;

/**
 * The settings a reader of the report must know were changed: the timeout and each threshold
 * that differs from its default, as 'icmpMinimumErrors 4 (default 1)'. Empty with the defaults.
 */
export function changedSettings(options: AnalysisOptions): string[] {
  const changed: string[] = [];
  if (options.timeoutSeconds !== defaultTimeoutSeconds)
    changed.push(`timeout ${options.timeoutSeconds} s (default ${defaultTimeoutSeconds} s)`);
  for (const name of Object.keys(defaultThresholds) as (keyof Thresholds)[]) {
    const value = options.thresholds[name];
    if (value !== defaultThresholds[name])
      changed.push(`${name} ${value} (default ${defaultThresholds[name]})`);
  }
  return changed;
}

export interface AnalysisOptionsInput extends Partial<Omit<AnalysisOptions, 'thresholds' | 'limits'>> {
  thresholds?: Partial<Thresholds>;
  limits?: Partial<AnalysisLimits>;
}

export function resolveAnalysisOptions(input: AnalysisOptionsInput = {}): AnalysisOptions {
  const options: AnalysisOptions = {
    timeoutSeconds: input.timeoutSeconds ?? defaultTimeoutSeconds,
    lateAnswerSeconds: input.lateAnswerSeconds ?? 120,
    thresholds: { ...defaultThresholds, ...input.thresholds },
    events: input.events ?? false,
    timeline: input.timeline,
    eventLines: input.eventLines ?? true,
    evidenceLimit: input.evidenceLimit ?? 50,
    limits: { ...defaultLimits, ...input.limits },
  };
  if (!(options.timeoutSeconds > 0))
    throw new RangeError(`timeoutSeconds must be positive, got ${options.timeoutSeconds}`);
  if (!(options.lateAnswerSeconds >= 0))
    throw new RangeError(`lateAnswerSeconds must be 0 or more, got ${options.lateAnswerSeconds}`);
  if (!Number.isInteger(options.evidenceLimit) || options.evidenceLimit < 0) {
    throw new RangeError(`evidenceLimit must be a whole number, got ${options.evidenceLimit}`);
  }
  if (!(options.limits.openQueries >= 1)) throw new RangeError('limits.openQueries must be at least 1');
  return options;
}
