/**
 * Schemas of what travels between the main-side service and the renderer, other than the
 * analysis (../report/analysis-schema.ts) and the timeline events (timeline-event-schema.ts).
 */
import * as z from 'zod';
import { analysisSchema } from '../report/analysis-schema';
import { outcomeUpdateSchema, timelineEventSchema } from './timeline-event-schema';

/** A path the user chose. Bounded so that a hostile caller cannot hand us megabytes of "path". */
export const pathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\0'), 'a path cannot contain NUL');

export const reportFormats = ['md', 'html', 'json', 'pdf'] as const;
export const reportFormatSchema = z.enum(reportFormats);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

/** What the analyst adds to a report; every field may be empty. */
export const analystSchema = z.strictObject({
  title: z.string().max(300),
  reporter: z.string().max(300),
  organisation: z.string().max(300),
  customerImpact: z.string().max(20_000),
  notes: z.string().max(100_000),
});
export type AnalystFields = z.infer<typeof analystSchema>;

export const captureInterfaceSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  addresses: z.array(z.string()),
  up: z.boolean(),
  running: z.boolean(),
  loopback: z.boolean(),
});
export type CaptureInterface = z.infer<typeof captureInterfaceSchema>;

export const filterCheckSchema = z.object({ valid: z.boolean(), message: z.string().nullable() });
export type FilterCheck = z.infer<typeof filterCheckSchema>;

export const sessionStates = ['loading', 'capturing', 'stopping', 'done', 'cancelled', 'failed'] as const;
export const sessionStateSchema = z.enum(sessionStates);
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(['files', 'capture']),
  state: sessionStateSchema,
  /** The opened files, or the live capture's file on disk. */
  files: z.array(z.string()),
  interface: z.string().nullable(),
  filter: z.string().nullable(),
  /** Wall-clock milliseconds. */
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  packets: z.number().int().nonnegative(),
  dropped: z.number().int().nonnegative().nullable(),
  /** Timeline events held by the service (what getEvents pages through). */
  events: z.number().int().nonnegative(),
  /** Why the session failed, when it did. */
  message: z.string().nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const eventPageSchema = z.object({
  events: z.array(timelineEventSchema),
  total: z.number().int().nonnegative(),
});
export type EventPage = z.infer<typeof eventPageSchema>;

/** One row of the packet-details tree; offset and length locate it in the frame's bytes. */
export interface DetailNode {
  label: string;
  offset: number | null;
  length: number | null;
  children: DetailNode[];
}
export const detailNodeSchema: z.ZodType<DetailNode> = z.lazy(() =>
  z.object({
    label: z.string(),
    offset: z.number().int().nonnegative().nullable(),
    length: z.number().int().nonnegative().nullable(),
    children: z.array(detailNodeSchema),
  }),
);

export const packetDetailsSchema = z.object({
  frame: z.number().int().positive(),
  time: z.number(),
  capturedLength: z.number().int().nonnegative(),
  originalLength: z.number().int().nonnegative(),
  linkType: z.string(),
  layers: z.array(detailNodeSchema),
  /** The captured bytes as lowercase hex; empty for packets read from a text log. */
  bytes: z.string().regex(/^(?:[0-9a-f]{2})*$/),
  /** For packets read from a tcpdump text log: the line they came from. */
  origin: z.object({ line: z.number().int().positive(), text: z.string() }).nullable(),
  truncated: z.string().nullable(),
});
export type PacketDetails = z.infer<typeof packetDetailsSchema>;

export const reportPreviewSchema = z.object({
  format: z.enum(['md', 'html']),
  text: z.string(),
  fileName: z.string(),
});
export type ReportPreview = z.infer<typeof reportPreviewSchema>;

export const writtenFileSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
});
export type WrittenFile = z.infer<typeof writtenFileSchema>;

export const openDialogResultSchema = z.object({ paths: z.array(z.string()) });
export const saveDialogResultSchema = z.object({ path: z.string().nullable() });

// ---- pushed events -------------------------------------------------------------------

export const batchSchema = z.object({
  sessionId: z.string(),
  events: z.array(timelineEventSchema),
  updates: z.array(outcomeUpdateSchema),
});
export type Batch = z.infer<typeof batchSchema>;

export const statsSchema = z.object({
  sessionId: z.string(),
  packets: z.number().int().nonnegative(),
  received: z.number().int().nonnegative().nullable(),
  dropped: z.number().int().nonnegative().nullable(),
  interfaceDropped: z.number().int().nonnegative().nullable(),
  elapsedSeconds: z.number().nonnegative(),
});
export type Stats = z.infer<typeof statsSchema>;

export const progressSchema = z.object({
  sessionId: z.string(),
  /** What is being read: a file name, or "3 files". */
  file: z.string(),
  bytesRead: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  packets: z.number().int().nonnegative(),
});
export type Progress = z.infer<typeof progressSchema>;

export const analysisEventSchema = z.object({ sessionId: z.string(), analysis: analysisSchema });
export type AnalysisEvent = z.infer<typeof analysisEventSchema>;

export const errorCodes = [
  'validation',
  'unknown-request',
  'unsupported',
  'busy',
  'not-found',
  'no-session',
  'capture-permission',
  /** Electron: the call came from a frame that is not the app's own page. */
  'forbidden',
  'failed',
] as const;
export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorEventSchema = z.object({
  sessionId: z.string().nullable(),
  code: errorCodeSchema,
  message: z.string(),
  /** A command that fixes it, shown copyable (the capture-permission fix). */
  fix: z.string().nullable(),
});
export type ErrorEvent = z.infer<typeof errorEventSchema>;

export const sessionEndedSchema = z.object({
  sessionId: z.string(),
  state: z.enum(['done', 'cancelled', 'failed']),
  message: z.string().nullable(),
});
export type SessionEnded = z.infer<typeof sessionEndedSchema>;

/** A command from the Electron application menu, for the renderer to carry out as if its own shortcut was pressed. */
export const menuCommands = ['open', 'export', 'start-stop', 'save-capture'] as const;
export const commandSchema = z.object({ command: z.enum(menuCommands) });
export type MenuCommand = (typeof menuCommands)[number];
