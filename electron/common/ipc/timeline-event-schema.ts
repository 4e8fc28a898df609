/**
 * Runtime schemas for the streamed timeline types (../analysis/timeline-event.ts). The outcome
 * and ICMP-kind lists come from there; the `satisfies` checks below make the compiler refuse
 * any drift between the object schemas and the types.
 */
import * as z from 'zod';
import { icmpErrorKinds, queryOutcomes } from '../analysis/timeline-event';
import type { OutcomeUpdate, TimelineEvent } from '../analysis/timeline-event';

export { icmpErrorKinds, queryOutcomes };

export const queryOutcomeSchema = z.enum(queryOutcomes);
export const icmpErrorKindSchema = z.enum(icmpErrorKinds);

export const timelineEventSchema = z.object({
  frame: z.number().int().positive(),
  time: z.number(),
  kind: z.enum(['dns-query', 'dns-response', 'icmp-error']),
  source: z.string(),
  destination: z.string(),
  server: z.string(),
  serverPort: z.number().int().min(0).max(65535),
  transport: z.enum(['UDP', 'TCP']),
  name: z.string().optional(),
  queryType: z.string().optional(),
  dnsId: z.number().int().optional(),
  outcome: queryOutcomeSchema.optional(),
  rcode: z.string().optional(),
  icmpKind: icmpErrorKindSchema.optional(),
  icmpType: z.number().int().optional(),
  icmpCode: z.number().int().optional(),
  queryFrame: z.number().int().positive().optional(),
  /** Empty in the app's events: the service answers lines on demand (getEventLines). */
  line: z.string(),
});

export const outcomeUpdateSchema = z.object({
  frame: z.number().int().positive(),
  outcome: queryOutcomeSchema,
  settledBy: z.number().int().positive().optional(),
});

// Both directions: the schema's output is a TimelineEvent, and every TimelineEvent fits the schema.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const timelineEventSchemaMatches: Same<z.infer<typeof timelineEventSchema>, TimelineEvent> = true;
export const outcomeUpdateSchemaMatches: Same<z.infer<typeof outcomeUpdateSchema>, OutcomeUpdate> = true;
