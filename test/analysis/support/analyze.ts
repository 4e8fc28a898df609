/** Test helpers: analyze a built capture, check the contract, pick incidents. */
import { expect } from 'vitest';
import { Analyzer, analyzePackets } from '../../../electron/common/analysis/analyzer';
import type { AnalysisOptionsInput } from '../../../electron/common/analysis/analysis-options';
import {
  analysisSchema,
  type Analysis,
  type Incident,
  type IncidentKind,
} from '../../../electron/common/report/analysis-schema';
import { bucketEvents, TimelineBuckets } from '../../../electron/common/report/timeline-buckets';
import type { CaptureBuilder } from './capture-builder';

export function analyze(capture: CaptureBuilder, options?: AnalysisOptionsInput): Analysis {
  const analysis = analyzePackets(capture.packets(), { files: [] }, options);
  // The fast path (Analyzer.addFrame reads most frames from their bytes) must agree exactly,
  // and its timeline counted straight into buckets must equal the buckets of its events.
  const counted = new TimelineBuckets();
  const fromFrames = new Analyzer({ ...options, timeline: counted });
  for (const frame of capture.frameList()) fromFrames.addFrame(frame);
  expect(fromFrames.result({ files: [] })).toEqual(analysis);
  const withEvents = new Analyzer({ ...options, events: true, eventLines: false });
  for (const packet of capture.packets()) withEvents.add(packet);
  withEvents.result({ files: [] });
  const { events, updates } = withEvents.drain();
  expect(counted.buckets()).toEqual(bucketEvents(events, updates));
  // Every document the analyzer writes must pass the contract's schema unchanged.
  expect(analysisSchema.parse(analysis)).toEqual(analysis);
  return analysis;
}

/** The one incident of `kind` (fails when there is not exactly one). */
export function onlyIncident(analysis: Analysis, kind: IncidentKind): Incident {
  const found = analysis.incidents.filter((incident) => incident.kind === kind);
  expect(
    found.map((incident) => incident.kind),
    JSON.stringify(analysis.incidents.map((incident) => incident.kind)),
  ).toEqual([kind]);
  return found[0]!;
}

export function causeIds(incident: Incident): string[] {
  return incident.causes.map((cause) => cause.id);
}
