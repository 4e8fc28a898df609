/**
 * How bad an incident is (the contract's critical | high | medium | low):
 * - DNS failures (unreachable, timeout, SERVFAIL, REFUSED): critical when the service never
 *   worked anywhere in the capture (no NOERROR answer at all: clients had no way to resolve
 *   through it); otherwise high with at least `highMinimumFailures` failing queries (or
 *   ICMP errors), medium below.
 * - dns-query-flood: high; critical when the flooded service also failed during the flood.
 * - dns-nxdomain: medium for the random-subdomain burst, low for repeated names (the server
 *   works; one name is missing).
 * - ttl-exceeded: high when the destination never answered in the capture, medium otherwise.
 * - fragmentation-needed: low when the destination answered after the errors (path MTU
 *   discovery worked, RFC 8201), medium otherwise.
 */
import type { Severity } from '../report/analysis-schema';
import type { IncidentWindow } from './incident-window';
import type { ServiceState } from './service-state';
import type { Thresholds } from './thresholds';

export function severityOf(
  window: IncidentWindow,
  service: ServiceState | undefined,
  thresholds: Thresholds,
  failedDuringFlood: boolean,
): Severity {
  const failures = Math.max(window.queries, window.icmpErrors, window.responses);
  switch (window.kind) {
    case 'dns-query-flood':
      return failedDuringFlood ? 'critical' : 'high';
    case 'dns-nxdomain':
      return window.responses >= thresholds.nxdomainBurst ? 'medium' : 'low';
    case 'ttl-exceeded':
      return (service?.reachable.count ?? 0) === 0 ? 'high' : 'medium';
    case 'fragmentation-needed':
      return service?.reachable.firstAfter(window.endMicroseconds) !== undefined ? 'low' : 'medium';
    default:
      if ((service?.answered ?? 0) === 0) return 'critical';
      return failures >= thresholds.highMinimumFailures ? 'high' : 'medium';
  }
}
