/**
 * The analysis JSON: netmortem's public contract (../shared/contract/analysis-json.md).
 * `analyze --format json`, `capture --format json` and the JSON report export print one
 * document of this shape. Names here must not change meaning; fields may be added.
 * The schema is zod so tests (and scripts) can check a document at runtime.
 */
import * as z from 'zod';

/** ISO 8601 UTC with microseconds: 2026-11-25T13:24:32.192571Z */
export const isoTimeSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);

export const incidentKinds = [
  'dns-port-unreachable',
  'dns-admin-prohibited',
  'dns-host-unreachable',
  'dns-network-unreachable',
  'dns-timeout',
  'dns-nxdomain',
  'dns-servfail',
  'dns-refused',
  'dns-query-flood',
  'ttl-exceeded',
  'fragmentation-needed',
] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export const causeIds = [
  'service-not-listening',
  'firewall-blocking',
  'server-down',
  'routing-problem',
  'upstream-failure',
  'access-refused',
  'name-does-not-exist',
  'denial-of-service',
  'path-mtu-problem',
  'misconfiguration',
] as const;
export type CauseId = (typeof causeIds)[number];

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

export const captureFileSchema = z.object({
  path: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  format: z.enum(['pcap', 'pcapng', 'tcpdump-text']),
  linkTypes: z.array(z.string()),
  packets: z.number().int().nonnegative(),
  unreadable: z.number().int().nonnegative(),
});

export const causeSchema = z.object({
  id: z.enum(causeIds),
  confidence: z.number().min(0).max(1),
  evidenceFor: z.array(z.string()),
  evidenceAgainst: z.array(z.string()),
});

export const evidenceSchema = z.object({
  frame: z.number().int().positive(),
  time: isoTimeSchema,
  line: z.string(),
});

export const incidentSchema = z.object({
  id: z.string(),
  kind: z.enum(incidentKinds),
  severity: z.enum(severities),
  protocol: z.string(),
  transport: z.enum(['UDP', 'TCP']),
  server: z.object({ address: z.string(), port: z.number().int().min(0).max(65535) }),
  clients: z.array(z.string()),
  names: z.array(z.string()),
  start: isoTimeSchema,
  end: isoTimeSchema,
  queries: z.number().int().nonnegative(),
  icmpErrors: z.number().int().nonnegative(),
  icmpSource: z.string().nullable(),
  summary: z.string(),
  causes: z.array(causeSchema),
  evidence: z.array(evidenceSchema),
  // Optional additions (the analyzer fills them; older documents lack them):
  /** The first success from the service after the incident's last failure: when it recovered. */
  recovered: isoTimeSchema.optional(),
  /** Caveats a reader needs, e.g. ICMP rate limiting hiding failures, errors quoting unseen queries. */
  notes: z.array(z.string()).optional(),
  /** Evidence packets left out because of the per-incident evidence limit. */
  evidenceOmitted: z.number().int().nonnegative().optional(),
  /**
   * How long after its query each failing answer (ICMP error, failing rcode) came, from the
   * query's latest transmission; `afterTimeout` of them came after the query timeout.
   */
  answerDelay: z
    .object({
      answers: z.number().int().positive(),
      minMilliseconds: z.number().nonnegative(),
      meanMilliseconds: z.number().nonnegative(),
      maxMilliseconds: z.number().nonnegative(),
      afterTimeout: z.number().int().nonnegative(),
    })
    .optional(),
});

export const analysisSchema = z.object({
  tool: z.object({ name: z.literal('netmortem'), version: z.string() }),
  capture: z.object({
    files: z.array(captureFileSchema),
    packets: z.number().int().nonnegative(),
    start: isoTimeSchema.nullable(),
    end: isoTimeSchema.nullable(),
    interface: z.string().nullable(),
    filter: z.string().nullable(),
    dropped: z.number().int().nonnegative().nullable(),
    warnings: z.array(z.string()),
  }),
  dns: z.object({
    queries: z.number().int().nonnegative(),
    retransmissions: z.number().int().nonnegative(),
    responses: z.number().int().nonnegative(),
    unanswered: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
    failedWithIcmp: z.number().int().nonnegative(),
    rcodes: z.record(z.string(), z.number().int().nonnegative()),
    // Optional additions (the analyzer fills them; older documents lack them):
    /** Responses that matched no query in the capture (it may have started after the query). */
    unsolicited: z.number().int().nonnegative().optional(),
    /** Responses and ICMP errors that arrived after their query was already counted as unanswered. */
    lateAnswers: z.number().int().nonnegative().optional(),
    /** Query-to-response time of answered, non-retransmitted queries. */
    latency: z
      .object({
        responses: z.number().int().nonnegative(),
        medianMilliseconds: z.number().nonnegative(),
        p95Milliseconds: z.number().nonnegative(),
        maxMilliseconds: z.number().nonnegative(),
      })
      .optional(),
  }),
  icmp: z.object({
    errors: z.number().int().nonnegative(),
    byKind: z.record(z.string(), z.number().int().nonnegative()),
  }),
  incidents: z.array(incidentSchema),
});

export type Analysis = z.infer<typeof analysisSchema>;
export type Incident = z.infer<typeof incidentSchema>;
export type Cause = z.infer<typeof causeSchema>;
export type Evidence = z.infer<typeof evidenceSchema>;
export type CaptureFileFacts = z.infer<typeof captureFileSchema>;
