/**
 * Default names of the pcap files the app writes, in the style of the report's
 * (../report/default-file-name.ts): capture-2026-11-25-1324.pcap and
 * incident-2026-11-25-1324-dns-port-unreachable-inc-1.pcap. Only [a-z0-9-.] survive.
 */
import type { Analysis, Incident } from '../report/analysis-schema';

function stamp(iso: string | null | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}-${match[4]}${match[5]}` : 'undated';
}

function safe(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

export function captureFileName(analysis: Analysis | null): string {
  return `capture-${stamp(analysis?.capture.start)}.pcap`;
}

export function incidentPacketsFileName(incident: Incident): string {
  return `incident-${stamp(incident.start)}-${safe(incident.kind)}-${safe(incident.id)}.pcap`;
}
