/**
 * The analysis engine's one entry point. Packets go in one at a time (from a file or a live
 * capture); the Analyzer matches DNS queries to responses and to the ICMP errors that quote
 * them, folds every settled query into counters and incident windows, and can at any time
 * write the contract document (result) or hand the UI what changed (drain).
 *
 * The hot path (add) reads each packet's layers once into a reused view, hashes integers to
 * find a query's transaction (no key strings), and formats text only for failures whose
 * incident still has room for evidence (or for every event when `events` is on).
 * See docs/analysis.md for the model, the matching rules and the thresholds.
 */
import { dissect } from '../decode/dissect';
import type { Frame } from '../model/frame';
import type { Layer } from '../model/layers';
import type { DecodedPacket } from '../model/packet';
import type { Analysis, CaptureFileFacts } from '../report/analysis-schema';
import { toolName, version } from '../version';
import { resolveAnalysisOptions, type AnalysisOptions, type AnalysisOptionsInput } from './analysis-options';
import { AnalysisState } from './analysis-state';
import { dnsMessage } from './dns-messages';
import { icmpError } from './icmp-errors';
import { classifyIcmp } from './icmp-kind';
import { assembleIncidents } from './incident-assembly';
import { readFrameInto, type FrameReader } from './frame-reader';
import { LayerView } from './layer-view';
import { isoOfMicroseconds, secondsToMicroseconds } from './time-format';
import type { OutcomeUpdate, TimelineEvent } from './timeline-event';
import { serviceKeyOf } from './transaction';

export type { AnalysisOptions, AnalysisOptionsInput } from './analysis-options';

/** What the analysis cannot know from packets: where they came from. */
export interface CaptureFacts {
  files: CaptureFileFacts[];
  /** Live captures: the interface and the capture filter. */
  interface?: string | null;
  filter?: string | null;
  /** Live captures: packets the kernel dropped. */
  dropped?: number | null;
  /** Reading problems (unreadable text lines, a truncated last record, an assumed date). */
  warnings?: string[];
}

/** The layers of a packet the fast path read from bytes: none were built. */
const noLayers: Layer[] = Object.freeze([]) as unknown as Layer[];
const emptyFrame: Frame = {
  number: 0,
  seconds: 0,
  nanoseconds: 0,
  capturedLength: 0,
  originalLength: 0,
  linkType: 0,
  interfaceIndex: 0,
  data: new Uint8Array(0),
};

export class Analyzer {
  readonly options: AnalysisOptions;
  private readonly state: AnalysisState;
  private readonly view = new LayerView();
  private readonly quotedView = new LayerView();
  /**
   * The packet of a frame the fast path read: one object, reused for every frame, since the
   * analysis keeps a packet's frame (a transaction's query) but never the packet itself.
   */
  private readonly readPacket: DecodedPacket = { frame: emptyFrame, layers: noLayers };
  private packets = 0;
  private firstMicroseconds = Number.POSITIVE_INFINITY;
  private lastMicroseconds = Number.NEGATIVE_INFINITY;
  /** The latest packet time, or what advanceTo said: timeouts are measured against it. */
  private now = Number.NEGATIVE_INFINITY;

  constructor(options?: AnalysisOptionsInput) {
    this.options = resolveAnalysisOptions(options);
    this.state = new AnalysisState(this.options);
  }

  /** A decoded packet (tcpdump text imports, and frames the fast path leaves to the dissector). */
  add(packet: DecodedPacket): void {
    const quoted = packet.quoted ? this.quotedView.read(packet.quoted) : undefined;
    this.analyse(packet, this.view.read(packet.layers), quoted);
  }

  /**
   * A captured frame: read straight from its bytes where frame-reader.ts can (nearly all
   * traffic), dissected otherwise. Gives the same analysis as add(dissect(frame)). `read`
   * stands in for readFrameInto when another thread has read the frame already (frame-facts.ts).
   * The frame need only be valid during the call: a transaction keeps the fields it needs.
   */
  addFrame(frame: Frame, read: FrameReader = readFrameInto): void {
    if (read(this.view, this.quotedView, frame)) {
      const packet = this.readPacket;
      packet.frame = frame;
      this.analyse(packet, this.view, this.quotedView);
    } else this.add(dissect(frame));
  }

  /** `quoted`: the datagram an ICMP error quotes (a view with no IP header when there is none). */
  private analyse(packet: DecodedPacket, view: LayerView, quoted: LayerView | undefined): void {
    this.packets++;
    const frame = packet.frame;
    const microseconds = frame.seconds * 1_000_000 + Math.floor(frame.nanoseconds / 1000);
    if (microseconds < this.firstMicroseconds) this.firstMicroseconds = microseconds;
    if (microseconds > this.lastMicroseconds) this.lastMicroseconds = microseconds;
    const state = this.state;
    if (microseconds > this.now) {
      this.now = microseconds;
      state.table.expire(microseconds);
    }
    if (view.ipVersion === 0) return;
    const icmp = view.icmp;
    const classification = icmp ? classifyIcmp(icmp.kind, icmp.type, icmp.code) : undefined;
    const host = state.sender(view.source, view.sourceIpv4Key());
    if (host) host.sawPacket(microseconds, view.ttl, classification !== undefined);
    if (state.pathHosts.size > 0 && view.transport && !classification && state.pathHosts.has(view.source)) {
      state.pathServices
        .get(serviceKeyOf(view.transport, view.source, view.sourcePort))
        ?.reachable.record(microseconds);
    }
    if (view.dns && view.transport) dnsMessage(state, packet, view, view.dns, view.transport, microseconds);
    else if (icmp && classification)
      icmpError(state, quoted, packet, view, icmp, classification, microseconds);
  }

  /** Since the last call: new TimelineEvents (frame order) and outcome updates. Empty unless `events` is on. */
  drain(): { events: TimelineEvent[]; updates: OutcomeUpdate[] } {
    const state = this.state;
    const drained = { events: state.events, updates: state.updates };
    state.events = [];
    state.updates = [];
    return drained;
  }

  /** Live capture: time moves on though no packet arrives, so waiting queries can time out. */
  advanceTo(seconds: number): void {
    const microseconds = secondsToMicroseconds(seconds);
    if (microseconds > this.now) {
      this.now = microseconds;
      this.state.table.expire(microseconds);
    }
  }

  /** The contract document. Can be called repeatedly (live); it does not end the analysis. */
  result(facts: CaptureFacts): Analysis {
    const state = this.state;
    const counters = state.counters;
    const latency = state.latency.summary();
    return {
      tool: { name: toolName, version },
      capture: {
        files: facts.files,
        packets: this.packets,
        start: this.packets > 0 ? isoOfMicroseconds(this.firstMicroseconds) : null,
        end: this.packets > 0 ? isoOfMicroseconds(this.lastMicroseconds) : null,
        interface: facts.interface ?? null,
        filter: facts.filter ?? null,
        dropped: facts.dropped ?? null,
        warnings: [...(facts.warnings ?? []), ...state.warnings()],
      },
      dns: {
        queries: counters.queries,
        retransmissions: counters.retransmissions,
        responses: counters.responses,
        unanswered: counters.unanswered,
        pending: state.table.openCount,
        failedWithIcmp: counters.failedWithIcmp,
        rcodes: counters.rcodeNames(),
        unsolicited: counters.unsolicited,
        lateAnswers: counters.lateAnswers,
        ...(latency ? { latency } : {}),
      },
      icmp: { errors: counters.icmpErrors, byKind: counters.icmpKinds() },
      incidents: assembleIncidents(state),
    };
  }

  /** Sizes of the bounded tables, for tests and diagnostics. */
  tableSizes(): Record<string, number> {
    const state = this.state;
    return {
      ...state.table.sizes(),
      services: state.services.size,
      hosts: state.hosts.size,
      clients: state.clients.size,
      nxdomainNames: state.nxdomain.size,
      floodHeavySeconds: state.flood.heavySeconds,
      evicted: state.table.evicted,
    };
  }
}

/** Analyze a whole capture at once (tests, scripts). */
export function analyzePackets(
  packets: Iterable<DecodedPacket>,
  facts: CaptureFacts,
  options?: AnalysisOptionsInput,
): Analysis {
  const analyzer = new Analyzer(options);
  for (const packet of packets) analyzer.add(packet);
  return analyzer.result(facts);
}
