/** Whether a window's failures reach its kind's threshold (thresholds.ts); NXDOMAIN and floods qualify their own way. */
import type { IncidentWindow } from './incident-window';
import type { Thresholds } from './thresholds';

export function reachesThreshold(window: IncidentWindow, thresholds: Thresholds): boolean {
  switch (window.kind) {
    case 'dns-port-unreachable':
    case 'dns-admin-prohibited':
    case 'dns-host-unreachable':
    case 'dns-network-unreachable':
      return window.icmpErrors >= thresholds.icmpMinimumErrors;
    case 'dns-timeout':
      return window.attempts >= thresholds.timeoutMinimumAttempts;
    case 'dns-servfail':
      return window.responses >= thresholds.servfailMinimumResponses;
    case 'dns-refused':
      return window.responses >= thresholds.refusedMinimumResponses;
    case 'ttl-exceeded':
      return window.icmpErrors >= thresholds.ttlExceededMinimumErrors;
    case 'fragmentation-needed':
      return window.icmpErrors >= thresholds.fragmentationNeededMinimumErrors;
    case 'dns-nxdomain':
      return window.responses >= thresholds.nxdomainBurst;
    case 'dns-query-flood':
      return true;
  }
}
