/**
 * What the frame worker's slots (frame-facts.ts) must give back of a view: fieldsOf, with ICMP
 * cut to the fields the analysis reads (FactsReader gives a small object, the decoder its whole
 * layer) and the question count to 0 or 1 (the slot holds the first question; the analysis
 * only asks whether there is one). Used by the frame-facts, frame-worker and hostile tests.
 */
import type { IcmpFacts, LayerView } from '../../../electron/common/analysis/layer-view';
import { fieldsOf } from './frame-readings';

function icmpOf(icmp: IcmpFacts | undefined): Record<string, unknown> | undefined {
  return icmp && { kind: icmp.kind, type: icmp.type, code: icmp.code, mtu: icmp.mtu };
}

export function slotFieldsOf(view: LayerView): Record<string, unknown> {
  const fields = fieldsOf(view);
  const dns = fields.dns as { questions: number } | undefined;
  return {
    ...fields,
    icmp: icmpOf(view.icmp),
    dns: dns && { ...dns, questions: Math.min(dns.questions, 1) },
  };
}
