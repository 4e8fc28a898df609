/**
 * Browser mode's WebSocket framing of the contract: JSON text frames. The client sends
 * requests with an id; the server answers each with the same id, and pushes events.
 */
import { z } from 'zod';
import type { Envelope, EventName, EventPayload, RequestName } from './contract';

/** The WebSocket subprotocol; the token travels as a second one ("netmortem.token.<token>"). */
export const webSocketProtocol = 'netmortem.v1';
export const tokenProtocolPrefix = 'netmortem.token.';

/** What the server accepts from a client. `args` is checked later, per request, by the service. */
export const clientMessageSchema = z.strictObject({
  type: z.literal('request'),
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  name: z.string().max(100),
  args: z.unknown(),
});
export type ClientMessage = { type: 'request'; id: number; name: RequestName; args: unknown };

export type ServerMessage =
  | { type: 'response'; id: number | null; envelope: Envelope<unknown> }
  | { [E in EventName]: { type: 'event'; name: E; payload: EventPayload<E> } }[EventName];
