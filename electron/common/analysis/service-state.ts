/**
 * Everything known about one service (transport, server address, port): when it worked,
 * and its incident windows per kind. Windows split on success: an incident starts at its
 * first failure and ends at its last one, and a success after it closes it, so a later
 * failure opens a new incident. Because a timeout is known only after its query, a failure
 * can arrive after later successes; the success log answers "was there a success in
 * between?" for any two times, so the split is the same whatever the arrival order.
 */
import type { IncidentKind } from '../report/analysis-schema';
import type { HostFacts } from './host-facts';
import { IncidentWindow, type WindowLimits } from './incident-window';
import type { Transport } from './layer-view';
import { SuccessLog } from './success-log';

export interface ServiceLimits extends WindowLimits {
  windowsPerKind: number;
  /** Whether a window reaches its threshold: past the cap, windows that do not are forgotten first. */
  qualifies: (window: IncidentWindow) => boolean;
  successRuns: number;
  successResolutionMicroseconds: number;
}

export class ServiceState {
  /** Any DNS response (or, for path incidents, any packet) from the service: it is reachable and listening. */
  readonly reachable: SuccessLog;
  /** NOERROR or NXDOMAIN responses: the server resolved something (closes SERVFAIL incidents). */
  readonly resolved: SuccessLog;
  /** Responses other than REFUSED (closes REFUSED incidents). */
  readonly accepted: SuccessLog;
  readonly windows = new Map<IncidentKind, IncidentWindow[]>();
  /** DNS queries sent to the service (a retransmission counts once), and responses from it. */
  queries = 0;
  responses = 0;
  /** Queries settled with NOERROR. */
  answered = 0;
  /** The server's HostFacts, once a query to the service looked them up (AnalysisState.host keeps them for good). */
  host: HostFacts | undefined = undefined;

  constructor(
    readonly key: string,
    readonly transport: Transport,
    readonly server: string,
    readonly port: number,
    private readonly limits: ServiceLimits,
  ) {
    this.reachable = new SuccessLog(limits.successResolutionMicroseconds, limits.successRuns);
    this.resolved = new SuccessLog(limits.successResolutionMicroseconds, limits.successRuns);
    this.accepted = new SuccessLog(limits.successResolutionMicroseconds, limits.successRuns);
  }

  /** The success log that closes windows of this kind; undefined for kinds that never split. */
  successLog(kind: IncidentKind): SuccessLog | undefined {
    switch (kind) {
      case 'dns-servfail':
        return this.resolved;
      case 'dns-refused':
        return this.accepted;
      case 'dns-nxdomain':
      case 'dns-query-flood':
        return undefined;
      default:
        return this.reachable;
    }
  }

  /** The window a failure spanning [start, end] belongs to, created when no success allows joining one. */
  windowFor(kind: IncidentKind, start: number, end: number): IncidentWindow {
    let list = this.windows.get(kind);
    if (!list) {
      list = [];
      this.windows.set(kind, list);
    }
    return this.place(list, kind, start, end);
  }

  /**
   * Place a failure in `list` (windows of one kind, sorted by start): join the window no
   * success separates it from, or open a new one. Also used by result() on copies.
   */
  place(list: IncidentWindow[], kind: IncidentKind, start: number, end: number): IncidentWindow {
    const log = this.successLog(kind);
    for (let index = list.length - 1; index >= 0; index--) {
      const window = list[index]!;
      const separated = !log
        ? false
        : end < window.startMicroseconds
          ? log.between(end, window.startMicroseconds)
          : start > window.endMicroseconds
            ? log.between(window.endMicroseconds, start)
            : false;
      if (!separated) {
        window.cover(start, end);
        return window;
      }
      // Every older window ends before this one, so a success separates them from the failure too.
      if (window.endMicroseconds < start) break;
    }
    const window = new IncidentWindow(kind, this.transport, this.server, this.port, this.limits);
    window.cover(start, end);
    let position = list.length;
    while (position > 0 && list[position - 1]!.startMicroseconds > start) position--;
    list.splice(position, 0, window);
    if (list.length > this.limits.windowsPerKind) this.shed(list, window);
    return window;
  }

  /**
   * Past the cap: forget the oldest window below its threshold (an isolated failure between
   * successes, which would never be an incident), or else merge the two oldest windows;
   * either way memory stays bounded and recent detail stays exact.
   */
  private shed(list: IncidentWindow[], keep: IncidentWindow): void {
    const index = list.findIndex((candidate) => candidate !== keep && !this.limits.qualifies(candidate));
    if (index >= 0) {
      list.splice(index, 1);
      return;
    }
    list[0]!.mergeFrom(list[1]!);
    list.splice(1, 1);
  }
}
