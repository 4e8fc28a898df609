/**
 * THE IPC contract between the main-side service and the renderer, written once. Electron's
 * main process and browser mode's WebSocket both check every incoming call against
 * `requests[name].args`; results and pushed events follow the schemas below. Every type the
 * two sides share is inferred from these schemas.
 */
import * as z from 'zod';
import { analysisSchema } from '../report/analysis-schema';
import { eventNames, requestNames, type EventName, type RequestName } from './names';
import {
  analysisEventSchema,
  analystSchema,
  batchSchema,
  captureInterfaceSchema,
  commandSchema,
  errorCodeSchema,
  errorEventSchema,
  eventPageSchema,
  filterCheckSchema,
  openDialogResultSchema,
  packetDetailsSchema,
  pathSchema,
  progressSchema,
  reportFormatSchema,
  reportPreviewSchema,
  saveDialogResultSchema,
  sessionEndedSchema,
  sessionInfoSchema,
  statsSchema,
  writtenFileSchema,
} from './payload-schemas';

const noArgs = z.strictObject({});
/** An interface name as libpcap accepts it (Linux allows 15 bytes; other systems more). */
const interfaceName = z.string().min(1).max(256);
const bpfFilter = z.string().max(10_000);
/** Frames per getEventLines call: a screenful of rows many times over, and a bounded read. */
export const maxEventLines = 500;
const eventLinesSchema = z.object({
  sessionId: z.string(),
  lines: z.array(z.object({ frame: z.number().int().positive(), line: z.string() })),
});

export const requests = {
  listInterfaces: { args: noArgs, result: z.array(captureInterfaceSchema) },
  /** Compiles a BPF filter; `message` is libpcap's own when it does not compile. */
  checkFilter: {
    args: z.strictObject({ filter: bpfFilter, interface: interfaceName.optional() }),
    result: filterCheckSchema,
  },
  startCapture: {
    args: z.strictObject({
      interface: interfaceName,
      filter: bpfFilter.optional(),
      snapLength: z.number().int().min(64).max(262_144).optional(),
      promiscuous: z.boolean().optional(),
    }),
    result: sessionInfoSchema,
  },
  stopCapture: { args: noArgs, result: sessionInfoSchema },
  /** Starts loading; progress, batches and the analysis arrive as events. */
  openFiles: {
    args: z.strictObject({
      paths: z.array(pathSchema).min(1).max(256),
      /** The date of a tcpdump text log that has none. */
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    }),
    result: sessionInfoSchema,
  },
  cancelLoad: { args: noArgs, result: sessionInfoSchema.nullable() },
  /** The current session, for a renderer that (re)loads while one runs. */
  getSession: { args: noArgs, result: sessionInfoSchema.nullable() },
  /** Pages through the session's events, outcomes as known now. */
  getEvents: {
    args: z.strictObject({
      sessionId: z.string().max(100),
      offset: z.number().int().nonnegative(),
      limit: z.number().int().min(1).max(200_000),
    }),
    result: eventPageSchema,
  },
  /**
   * The tcpdump -n lines of these frames (as the analysis prints evidence lines), read back
   * from the session's files: the app's events carry `line: ''` and the table asks for the
   * lines of the rows it shows. Frames the session does not hold are left out of the answer.
   */
  getEventLines: {
    args: z.strictObject({
      sessionId: z.string().max(100),
      frames: z.array(z.number().int().positive()).min(1).max(maxEventLines),
    }),
    result: eventLinesSchema,
  },
  getAnalysis: { args: noArgs, result: analysisSchema.nullable() },
  getPacketDetails: {
    args: z.strictObject({ frame: z.number().int().positive() }),
    result: packetDetailsSchema,
  },
  previewReport: {
    args: z.strictObject({ format: z.enum(['md', 'html']), analyst: analystSchema }),
    result: reportPreviewSchema,
  },
  /** Without a path the service writes into its export folder under the default name. */
  exportReport: {
    args: z.strictObject({ format: reportFormatSchema, analyst: analystSchema, path: pathSchema.optional() }),
    result: writtenFileSchema,
  },
  saveCapture: { args: z.strictObject({ path: pathSchema.optional() }), result: writtenFileSchema },
  exportIncidentPackets: {
    args: z.strictObject({ incidentId: z.string().min(1).max(100), path: pathSchema.optional() }),
    result: writtenFileSchema,
  },
  /** Native dialogs: only the Electron shell has them. */
  showOpenDialog: { args: noArgs, result: openDialogResultSchema },
  showSaveDialog: {
    args: z.strictObject({
      defaultName: z.string().max(255),
      extensions: z.array(z.string().regex(/^[a-z0-9]{1,8}$/)).max(8),
    }),
    result: saveDialogResultSchema,
  },
} as const satisfies Record<RequestName, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  /** A session began (or changed state). */
  session: sessionInfoSchema,
  /** New timeline events and outcome updates, at most 10 batches a second. */
  batch: batchSchema,
  stats: statsSchema,
  progress: progressSchema,
  /** A fresh analysis: incidents and causes as known now. */
  analysis: analysisEventSchema,
  error: errorEventSchema,
  sessionEnded: sessionEndedSchema,
  /** Electron only: a menu item was chosen. */
  command: commandSchema,
} as const satisfies Record<EventName, z.ZodType>;

// The name lists (used where zod must not be bundled) and the tables have the same keys.
type SameKeys<A, B> = [Exclude<keyof A, B>, Exclude<B, keyof A>] extends [never, never] ? true : false;
export const requestTableMatchesNames: SameKeys<typeof requests, RequestName> = true;
export const eventTableMatchesNames: SameKeys<typeof events, EventName> = true;

export type RequestArgs<N extends RequestName> = z.input<(typeof requests)[N]['args']>;
export type ValidRequestArgs<N extends RequestName> = z.output<(typeof requests)[N]['args']>;
export type RequestResult<N extends RequestName> = z.output<(typeof requests)[N]['result']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Every call answers with one of these: a result, or a refusal the caller can show. */
export const failureSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** For validation failures: each problem as "path: message". */
  issues: z.array(z.string()),
  /** A command that fixes it, when there is one (the capture-permission setcap line). */
  fix: z.string().nullable(),
});
export type Failure = z.infer<typeof failureSchema>;
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: Failure };

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (requestNames as readonly string[]).includes(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

export { requestNames, eventNames };
export type { RequestName, EventName };
