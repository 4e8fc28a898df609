/**
 * Runtime schemas for the streamed timeline types (../analysis/timeline-event.ts). The types
 * there are fixed; these schemas mirror them, and the `satisfies` checks below make the
 * compiler refuse any drift between the two.
 */
import { z } from 'zod';
import type { IcmpErrorKind, OutcomeUpdate, QueryOutcome, TimelineEvent } from '../analysis/timeline-event';

export const queryOutcomes = [
  'answered',
  'nxdomain',
  'servfail',
  'refused',
  'other-rcode',
  'icmp-failed',
  'unanswered',
  'pending',
] as const satisfies readonly QueryOutcome[];

export const icmpErrorKinds = [
  'port-unreachable',
  'admin-prohibited',
  'host-unreachable',
  'network-unreachable',
  'other-unreachable',
  'ttl-exceeded',
  'fragmentation-needed',
  'parameter-problem',
  'redirect',
  'source-quench',
] as const satisfies readonly IcmpErrorKind[];

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
