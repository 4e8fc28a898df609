/** The report's default title, from its first incident. */
import type { Analysis, Incident, Severity } from './analysis-schema';
import { kindTexts } from './incident-kind-text';

const severityRank: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * The incident a report is named after: the most severe, the earliest of those (the
 * analysis lists incidents in time order, so a minor one may come first).
 */
export function leadIncident(analysis: Analysis): Incident | undefined {
  let lead: Incident | undefined;
  for (const incident of analysis.incidents) {
    if (!lead || severityRank[incident.severity] < severityRank[lead.severity]) lead = incident;
  }
  return lead;
}

/** 'Incident report: DNS (UDP port 53) at 203.0.113.2 unreachable — port unreachable' */
export function defaultTitle(analysis: Analysis): string {
  const first = leadIncident(analysis);
  if (!first) return 'Capture report: no incident found';
  const text = kindTexts[first.kind];
  const others = analysis.incidents.length - 1;
  const more = others > 0 ? ` (and ${others} more ${others === 1 ? 'incident' : 'incidents'})` : '';
  return `Incident report: ${first.protocol} (${first.transport} port ${first.server.port}) at ${first.server.address} ${text.state} — ${text.label}${more}`;
}
