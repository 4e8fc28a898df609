/** The report's default title, from its first incident. */
import type { Analysis } from './analysis-schema';
import { kindTexts } from './incident-kind-text';

/** 'Incident report: DNS (UDP port 53) at 203.0.113.2 unreachable — port unreachable' */
export function defaultTitle(analysis: Analysis): string {
  const [first, ...others] = analysis.incidents;
  if (!first) return 'Capture report: no incident found';
  const text = kindTexts[first.kind];
  const more = others.length > 0 ? ` (and ${others.length} more ${others.length === 1 ? 'incident' : 'incidents'})` : '';
  return `Incident report: ${first.protocol} (${first.transport} port ${first.server.port}) at ${first.server.address} ${text.state} — ${text.label}${more}`;
}
