/**
 * From incident windows to the contract's incidents, without changing the analyzer's state
 * (result() may be called again and again during a live capture):
 *  1. copy the windows, and fold in timeouts still inside the late-answer window;
 *  2. join timeouts to an ICMP unreachable incident of the same service when no success lies
 *     between them (ICMP rate limiting hid their errors);
 *  3. keep windows that reach their kind's threshold; qualify NXDOMAIN by repeated names;
 *  4. add floods; weigh causes; grade severity; write summary, notes and evidence.
 */
import type { Incident, IncidentKind } from '../report/analysis-schema';
import { weighCauses, type CaptureContext } from './causes';
import { recordEvidence, recordTransaction } from './failure-recording';
import type { FloodWindow } from './flood-detector';
import { IncidentWindow } from './incident-window';
import type { NxdomainName } from './nxdomain-tracker';
import type { AnalysisState } from './analysis-state';
import type { ServiceState } from './service-state';
import { reachesThreshold } from './qualification';
import { severityOf } from './severity';
import { evidenceNoteOf, notesOf, summaryOf } from './summary';
import { isoOfMicroseconds } from './time-format';

const icmpUnreachableKinds: readonly IncidentKind[] = [
  'dns-port-unreachable',
  'dns-admin-prohibited',
  'dns-host-unreachable',
  'dns-network-unreachable',
];

/** Kinds that say the service failed (used for "other failing services" and flood severity). */
const serviceFailureKinds = new Set<IncidentKind>([
  ...icmpUnreachableKinds,
  'dns-timeout',
  'dns-servfail',
  'dns-refused',
]);

interface Candidate {
  window: IncidentWindow;
  service: ServiceState;
  /** Names shown (NXDOMAIN: the repeated ones), when not all the window's names. */
  names?: string[];
  flood?: FloodWindow<ServiceState>;
}

type WindowLists = Map<IncidentKind, IncidentWindow[]>;

export function assembleIncidents(state: AnalysisState): Incident[] {
  const lists = copyWindows(state);
  for (const [service, perKind] of lists)
    joinRateLimitedTimeouts(service, perKind, state.options.thresholds.rateLimitJoinSeconds);
  const candidates = qualifyingWindows(state, lists);
  const { windows: floods, median, limit, busiest } = state.flood.floods();
  for (const flood of floods) {
    candidates.push({ window: floodWindow(flood, flood.service, state), service: flood.service, flood });
  }

  const failing = new Set<string>();
  for (const candidate of candidates)
    if (serviceFailureKinds.has(candidate.window.kind)) failing.add(candidate.service.key);
  candidates.sort(
    (a, b) =>
      a.window.startMicroseconds - b.window.startMicroseconds || a.window.kind.localeCompare(b.window.kind),
  );
  const adminProhibitedErrors = state.counters.icmpByKind.get('admin-prohibited') ?? 0;
  return candidates.map((candidate, index) => {
    const capture: CaptureContext = {
      adminProhibitedErrors,
      otherFailingServices: failing.size - (failing.has(candidate.service.key) ? 1 : 0),
      medianQueriesPerSecond: median,
      floodLimitQueriesPerSecond: limit,
      busiestSecondQueries: busiest,
    };
    return toIncident(state, candidate, index + 1, floods, capture, candidates);
  });
}

/** Step 1: copies of the lists (windows are cloned only where timeouts in limbo change them). */
function copyWindows(state: AnalysisState): Map<ServiceState, WindowLists> {
  const lists = new Map<ServiceState, WindowLists>();
  for (const service of state.services.values()) {
    if (service.windows.size === 0) continue;
    const perKind: WindowLists = new Map();
    for (const [kind, list] of service.windows) perKind.set(kind, list.slice());
    lists.set(service, perKind);
  }
  const cloned = new Set<IncidentWindow[]>();
  state.table.forEachUnreleasedTimeout((transaction) => {
    const service = transaction.service;
    let perKind = lists.get(service);
    if (!perKind) lists.set(service, (perKind = new Map()));
    let list = perKind.get('dns-timeout');
    if (!list) perKind.set('dns-timeout', (list = []));
    if (!cloned.has(list)) {
      for (let index = 0; index < list.length; index++) list[index] = list[index]!.clone();
      cloned.add(list);
    }
    const window = service.place(
      list,
      'dns-timeout',
      transaction.firstMicroseconds,
      transaction.lastMicroseconds,
    );
    recordTransaction(window, transaction);
    recordEvidence(state.lines, window.evidence, transaction, undefined, transaction.lastMicroseconds);
  });
  return lists;
}

/** Step 2: silent queries next to an ICMP unreachable incident are the same outage. */
function joinRateLimitedTimeouts(service: ServiceState, perKind: WindowLists, joinSeconds: number): void {
  const timeouts = perKind.get('dns-timeout');
  if (!timeouts || timeouts.length === 0) return;
  const join = joinSeconds * 1_000_000;
  const log = service.reachable;
  for (let index = timeouts.length - 1; index >= 0; index--) {
    const timeout = timeouts[index]!;
    for (const kind of icmpUnreachableKinds) {
      const list = perKind.get(kind);
      if (!list) continue;
      const position = list.findIndex((window) => {
        if (
          timeout.endMicroseconds < window.startMicroseconds - join ||
          timeout.startMicroseconds > window.endMicroseconds + join
        )
          return false;
        if (timeout.endMicroseconds < window.startMicroseconds)
          return !log.between(timeout.endMicroseconds, window.startMicroseconds);
        if (timeout.startMicroseconds > window.endMicroseconds)
          return !log.between(window.endMicroseconds, timeout.startMicroseconds);
        return true;
      });
      if (position < 0) continue;
      const target = list[position]!.clone();
      target.mergeFrom(timeout);
      target.joinedTimeouts += timeout.queries;
      list[position] = target;
      timeouts.splice(index, 1);
      break;
    }
  }
}

/** Step 3: thresholds per kind. */
function qualifyingWindows(state: AnalysisState, lists: Map<ServiceState, WindowLists>): Candidate[] {
  const thresholds = state.options.thresholds;
  const candidates: Candidate[] = [];
  for (const [service, perKind] of lists) {
    for (const [kind, list] of perKind) {
      for (const window of list) {
        if (kind === 'dns-nxdomain') {
          const candidate = nxdomainCandidate(state, service, window);
          if (candidate) candidates.push(candidate);
        } else if (kind !== 'dns-query-flood' && reachesThreshold(window, thresholds)) {
          candidates.push({ window, service });
        }
      }
    }
  }
  return candidates;
}

/**
 * NXDOMAIN qualifies by burst (every name counts) or by names a client kept asking for;
 * then the incident covers only those names: their window, counts and evidence.
 */
function nxdomainCandidate(
  state: AnalysisState,
  service: ServiceState,
  window: IncidentWindow,
): Candidate | undefined {
  const thresholds = state.options.thresholds;
  if (reachesThreshold(window, thresholds)) return { window, service };
  const repeated = state.nxdomain.repeated(service, thresholds);
  if (repeated.size === 0) return undefined;
  const narrowed = new IncidentWindow(
    window.kind,
    window.transport,
    window.server,
    window.port,
    window.limits,
  );
  let transactions = 0;
  for (const entry of repeated.values()) {
    narrowed.cover(entry.firstMicroseconds, entry.lastMicroseconds);
    narrowed.queries += entry.count;
    narrowed.attempts += entry.count;
    narrowed.responses += entry.count;
    narrowed.clients.add(entry.client, entry.count);
    narrowed.names.add(entry.name, entry.count);
    transactions += entry.count;
  }
  const kept = window.evidence.entries.filter(
    (entry) => entry.tag !== undefined && repeated.has(entry.tag as NxdomainName),
  );
  narrowed.evidence.entries.push(...kept.slice(0, narrowed.evidence.limit));
  // Each transaction shows as a query and a response line.
  narrowed.evidence.omitted = Math.max(0, 2 * transactions - narrowed.evidence.entries.length);
  narrowed.recursionDesired = Math.min(window.recursionDesired, transactions);
  return {
    window: narrowed,
    service,
    names: [...new Set([...repeated.values()].map((entry) => entry.name))],
  };
}

function floodWindow(
  flood: FloodWindow<ServiceState>,
  service: ServiceState,
  state: AnalysisState,
): IncidentWindow {
  const limits = {
    names: state.options.limits.namesPerIncident,
    clients: state.options.limits.clientsPerIncident,
    evidence: state.options.evidenceLimit,
  };
  const window = new IncidentWindow(
    'dns-query-flood',
    service.transport,
    service.server,
    service.port,
    limits,
  );
  window.cover(flood.startMicroseconds, flood.endMicroseconds);
  window.queries = flood.queries;
  window.attempts = flood.queries;
  window.clients.mergeFrom(flood.clients);
  window.names.mergeFrom(flood.names);
  window.evidence.mergeFrom(flood.evidence);
  return window;
}

function overlaps(flood: FloodWindow<ServiceState>, window: IncidentWindow): boolean {
  return (
    flood.startMicroseconds <= window.endMicroseconds && flood.endMicroseconds >= window.startMicroseconds
  );
}

/** Well-known services for path incidents on traffic other than DNS. */
const serviceNames: Record<number, string> = {
  22: 'SSH',
  25: 'SMTP',
  80: 'HTTP',
  123: 'NTP',
  443: 'HTTPS',
  853: 'DNS over TLS',
};

function toIncident(
  state: AnalysisState,
  candidate: Candidate,
  number: number,
  floods: FloodWindow<ServiceState>[],
  capture: CaptureContext,
  all: Candidate[],
): Incident {
  const { window, service } = candidate;
  const thresholds = state.options.thresholds;
  const isDns = window.kind.startsWith('dns-') || service.queries > 0 || window.port === 53;
  const protocol = isDns ? 'DNS' : (serviceNames[window.port] ?? window.transport);
  const serviceFloods = candidate.flood
    ? [candidate.flood]
    : floods.filter((flood) => flood.service === service && overlaps(flood, window));
  const causes = weighCauses({
    window,
    service,
    host: state.hosts.get(service.server),
    clientFacts: (address) => state.clients.get(address),
    floods: serviceFloods,
    capture,
    thresholds,
  });
  const failedDuringFlood =
    window.kind === 'dns-query-flood' &&
    all.some(
      (other) =>
        other.service === service &&
        serviceFailureKinds.has(other.window.kind) &&
        other.window.startMicroseconds <= window.endMicroseconds &&
        other.window.endMicroseconds >= window.startMicroseconds,
    );
  const evidence = window.evidence.ordered();
  const evidenceNote = evidenceNoteOf(evidence.length, window.evidence.omitted);
  const notes = notesOf(window, evidenceNote);
  const names = candidate.names ?? window.names.ranked();
  const recovered = service.successLog(window.kind)?.firstAfter(window.endMicroseconds);
  const incident: Incident = {
    id: `inc-${number}`,
    kind: window.kind,
    severity: severityOf(window, service, thresholds, failedDuringFlood),
    protocol,
    transport: window.transport,
    server: { address: window.server, port: window.port },
    clients: window.clients.ranked(),
    names,
    start: isoOfMicroseconds(window.startMicroseconds),
    end: isoOfMicroseconds(window.endMicroseconds),
    queries: window.queries,
    icmpErrors: window.icmpErrors,
    icmpSource: window.icmpSources.top() ?? null,
    summary: summaryOf(window, protocol, names, evidenceNote),
    causes,
    evidence: evidence.map((entry) => ({
      frame: entry.frame,
      time: isoOfMicroseconds(entry.microseconds),
      line: entry.line,
    })),
  };
  if (recovered !== undefined) incident.recovered = isoOfMicroseconds(recovered);
  if (notes.length > 0) incident.notes = notes;
  if (window.evidence.omitted > 0) incident.evidenceOmitted = window.evidence.omitted;
  const answerDelay = window.answerDelays.summary();
  if (answerDelay) incident.answerDelay = answerDelay;
  return incident;
}
