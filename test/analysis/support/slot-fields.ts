/**
 * What the frame worker's slots (frame-facts.ts) must give back of a view: fieldsOf, with the
 * question count cut to 0 or 1 (the slot holds the first question; the analysis only asks
 * whether there is one). Used by the frame-facts, frame-worker and hostile tests.
 */
import type { LayerView } from '../../../electron/common/analysis/layer-view';
import { fieldsOf } from './frame-readings';

export function slotFieldsOf(view: LayerView): Record<string, unknown> {
  const fields = fieldsOf(view);
  const dns = fields.dns as { questions: number } | undefined;
  return {
    ...fields,
    dns: dns && { ...dns, questions: Math.min(dns.questions, 1) },
  };
}
