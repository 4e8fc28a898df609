/**
 * Likely causes for an incident, ranked by confidence with the evidence for and against
 * each (see docs/analysis.md, "Cause weighing"). One weigher per kind of failure.
 */
import type { Cause } from '../report/analysis-schema';
import type { CauseContext } from './causes/cause-context';
import { floodCauses } from './causes/flood-causes';
import { fragmentationNeededCauses, ttlExceededCauses } from './causes/path-causes';
import { nxdomainCauses, refusedCauses, servfailCauses } from './causes/rcode-causes';
import { timeoutCauses } from './causes/silence-causes';
import {
  adminProhibitedCauses,
  hostUnreachableCauses,
  networkUnreachableCauses,
  portUnreachableCauses,
} from './causes/unreachable-causes';

export type { CauseContext, CaptureContext } from './causes/cause-context';

export function weighCauses(context: CauseContext): Cause[] {
  switch (context.window.kind) {
    case 'dns-port-unreachable':
      return portUnreachableCauses(context);
    case 'dns-admin-prohibited':
      return adminProhibitedCauses(context);
    case 'dns-host-unreachable':
      return hostUnreachableCauses(context);
    case 'dns-network-unreachable':
      return networkUnreachableCauses(context);
    case 'dns-timeout':
      return timeoutCauses(context);
    case 'dns-servfail':
      return servfailCauses(context);
    case 'dns-refused':
      return refusedCauses(context);
    case 'dns-nxdomain':
      return nxdomainCauses(context);
    case 'dns-query-flood':
      return floodCauses(context);
    case 'ttl-exceeded':
      return ttlExceededCauses(context);
    case 'fragmentation-needed':
      return fragmentationNeededCauses(context);
  }
}
