/** What cause weighing may look at: the incident's window and what the rest of the capture says about its server and clients. */
import type { Thresholds } from '../thresholds';
import type { FloodWindow } from '../flood-detector';
import type { ClientFacts, HostFacts } from '../host-facts';
import type { IncidentWindow } from '../incident-window';
import type { ServiceState } from '../service-state';

export interface CaptureContext {
  /** ICMP administratively-prohibited errors anywhere in the capture. */
  adminProhibitedErrors: number;
  /** Other services (not this incident's) with a failure incident: how widespread the trouble is. */
  otherFailingServices: number;
  /** The capture's median DNS queries per second, and the rate a flood must reach. */
  medianQueriesPerSecond: number;
  floodLimitQueriesPerSecond: number;
  /** The most DNS queries any one second of the capture had (all servers). */
  busiestSecondQueries: number;
}

export interface CauseContext {
  window: IncidentWindow;
  service: ServiceState | undefined;
  host: HostFacts | undefined;
  clientFacts(address: string): ClientFacts | undefined;
  /** Floods of this service overlapping the incident's window (for a flood incident: the flood itself). */
  floods: FloodWindow<ServiceState>[];
  capture: CaptureContext;
  thresholds: Thresholds;
}
