/**
 * The report's default file name: incident-2026-11-25-1324-dns-port-unreachable.md from the
 * start and kind of the incident the report is named after (the first of the most severe),
 * capture-2026-11-25-1324-no-incident.md without one.
 * Only [a-z0-9-] survive, so the name is safe on every file system and in a shell.
 */
import type { Analysis } from './analysis-schema';
import { leadIncident } from './report-title';
import { isUndated } from './undated-capture';

export type ReportFormat = 'md' | 'html' | 'json' | 'pdf';

function stamp(iso: string | null | undefined, undated: boolean): string {
  const match = iso ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso) : null;
  if (!match) return 'undated';
  // A text log without dates: keep the time of day, not the placeholder 1970-01-01.
  return `${undated ? 'undated' : `${match[1]}-${match[2]}-${match[3]}`}-${match[4]}${match[5]}`;
}

function sanitise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function defaultFileName(analysis: Analysis, format: ReportFormat): string {
  const first = leadIncident(analysis);
  const undated = isUndated(analysis);
  const base = first
    ? `incident-${stamp(first.start, undated)}-${sanitise(first.kind) || 'incident'}`
    : `capture-${stamp(analysis.capture.start, undated)}-no-incident`;
  return `${base}.${format}`;
}
