/** The server's check of what a browser-mode client sends (wire.ts). `args` is checked later, per request, by the service. */
import * as z from 'zod';

export const clientMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  name: z.string().max(100),
  args: z.unknown(),
});
