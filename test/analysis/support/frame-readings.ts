/**
 * The two readings of a frame that the analysis can take, side by side: the fast path
 * (frame-reader.ts, straight from the bytes) and the dissector's layers read into a view.
 * Used by the frame-reader tests and by the hostile suite's mutations.
 */
import { readFrameInto } from '../../../electron/common/analysis/frame-reader';
import { LayerView, type IcmpFacts } from '../../../electron/common/analysis/layer-view';
import { dissect } from '../../../electron/common/decode/dissect';
import type { Frame } from '../../../electron/common/model/frame';

const linkLocalPorts = new Set([5353, 5355]);

/** ICMP cut to the fields the analysis reads (IcmpFacts): the fast path gives those, the dissector its whole layer. */
function icmpOf(icmp: IcmpFacts | undefined): Record<string, unknown> | undefined {
  return icmp && { kind: icmp.kind, type: icmp.type, code: icmp.code, mtu: icmp.mtu };
}

/** The fields of a view the analysis reads, with DNS facts only where the analysis uses them. */
export function fieldsOf(view: LayerView): Record<string, unknown> {
  const dnsUsed =
    view.dns !== undefined &&
    !linkLocalPorts.has(view.sourcePort) &&
    !linkLocalPorts.has(view.destinationPort);
  const dns = dnsUsed ? view.dns : undefined;
  return {
    ipVersion: view.ipVersion,
    source: view.source,
    destination: view.destination,
    ttl: view.ttl,
    ipId: view.ipId,
    protocol: view.protocol,
    transport: view.transport,
    sourcePort: view.sourcePort,
    destinationPort: view.destinationPort,
    hasPorts: view.hasPorts,
    icmp: icmpOf(view.icmp),
    dns: dns && {
      id: dns.id,
      response: dns.response,
      // The analysis reads a response's rcode only (a query's carries no answer).
      rcode: dns.response ? dns.rcode : undefined,
      recursionDesired: dns.recursionDesired,
      recursionAvailable: dns.recursionAvailable,
      questions: dns.questions.length,
      question: dns.questions[0] && {
        name: dns.questions[0].name,
        type: dns.questions[0].type,
        class: dns.questions[0].class,
      },
    },
  };
}

/** The fast path's views, as the last readBoth left them. */
export const frameReadings = { fastView: new LayerView(), fastQuotedView: new LayerView() };
const layerView = new LayerView();
const quotedLayerView = new LayerView();

export interface Readings {
  fast: Record<string, unknown>;
  dissected: Record<string, unknown>;
  fastQuoted: Record<string, unknown>;
  dissectedQuoted: Record<string, unknown>;
}

/** Both readings of the frame (a quote missing reads as a view without IP), or undefined when the fast path leaves it to the dissector. */
export function readBoth(frame: Frame): Readings | undefined {
  const { fastView, fastQuotedView } = frameReadings;
  if (!readFrameInto(fastView, fastQuotedView, frame)) return undefined;
  const packet = dissect(frame);
  return {
    fast: fieldsOf(fastView),
    dissected: fieldsOf(layerView.read(packet.layers)),
    fastQuoted: fieldsOf(fastQuotedView),
    dissectedQuoted: fieldsOf(quotedLayerView.read(packet.quoted ?? [])),
  };
}
