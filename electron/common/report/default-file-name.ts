/**
 * The report's default file name: incident-2026-11-25-1324-dns-port-unreachable.md from the
 * first incident's start and kind, capture-2026-11-25-1324-no-incident.md without one.
 * Only [a-z0-9-] survive, so the name is safe on every file system and in a shell.
 */
import type { Analysis } from './analysis-schema';

export type ReportFormat = 'md' | 'html' | 'json' | 'pdf';

function stamp(iso: string | null | undefined): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) : null;
  return match ? `${match[1]}-${match[2]}-${match[3]}-${match[4]}${match[5]}` : 'undated';
}

function sanitise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function defaultFileName(analysis: Analysis, format: ReportFormat): string {
  const first = analysis.incidents[0];
  const base = first
    ? `incident-${stamp(first.start)}-${sanitise(first.kind) || 'incident'}`
    : `capture-${stamp(analysis.capture.start)}-no-incident`;
  return `${base}.${format}`;
}
