/**
 * The helper's stderr protocol: one JSON object per line (native/README.md). Lines that
 * are not JSON (a libc or libpcap warning printed directly) are kept as text warnings.
 */
import * as z from 'zod';

const count = z.number().int().nonnegative();

export const helperStartedSchema = z.looseObject({
  type: z.literal('started'),
  interface: z.string().optional(),
  linkType: z.looseObject({ name: z.string(), number: z.number().int() }).optional(),
  snaplen: z.number().int().optional(),
  precision: z.string().optional(),
  pid: z.number().int().optional(),
});

export const helperStatsSchema = z.looseObject({
  type: z.literal('stats'),
  received: count,
  dropped: count,
  interfaceDropped: count,
  captured: count,
  final: z.boolean().optional(),
  /** On the final line: why the capture ended (count, duration, signal, stdin, ...). */
  reason: z.string().optional(),
});

export const helperErrorSchema = z.looseObject({
  type: z.literal('error'),
  code: z.string(),
  message: z.string(),
  /** libpcap's own message, when the failure came from libpcap. */
  detail: z.string().optional(),
  /** For permission-denied: the setcap command. */
  fix: z.string().optional(),
});

export const helperWarningSchema = z.looseObject({
  type: z.literal('warning'),
  code: z.string().optional(),
  message: z.string(),
});

/** Good news after a warning, e.g. the interface is up again. */
export const helperNoticeSchema = z.looseObject({
  type: z.literal('notice'),
  code: z.string().optional(),
  message: z.string(),
});

const helperMessageSchema = z.discriminatedUnion('type', [
  helperStartedSchema,
  helperStatsSchema,
  helperErrorSchema,
  helperWarningSchema,
  helperNoticeSchema,
]);

export type HelperStarted = z.infer<typeof helperStartedSchema>;
export type HelperStats = z.infer<typeof helperStatsSchema>;
export type HelperError = z.infer<typeof helperErrorSchema>;
export type HelperMessage = z.infer<typeof helperMessageSchema> | { type: 'text'; message: string };

export function parseHelperLine(line: string): HelperMessage | undefined {
  const text = line.trim();
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { type: 'text', message: text };
  }
  const parsed = helperMessageSchema.safeParse(value);
  // Unknown message types are the helper's to add; they are not errors.
  if (!parsed.success)
    return typeof value === 'object' && value !== null && 'type' in value
      ? undefined
      : { type: 'text', message: text };
  return parsed.data;
}

/** Splits a byte stream into lines; the caller feeds chunks and gets whole lines back. */
export class LineSplitter {
  private rest = '';
  private readonly decoder = new TextDecoder();
  /** A line longer than this is cut: the helper never writes one, so it is noise. */
  private static readonly maximumLineLength = 64 * 1024;

  push(chunk: Uint8Array): string[] {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    if (this.rest.length > LineSplitter.maximumLineLength) {
      lines.push(this.rest);
      this.rest = '';
    }
    return lines;
  }

  end(): string[] {
    const last = this.rest + this.decoder.decode();
    this.rest = '';
    return last === '' ? [] : [last];
  }
}
