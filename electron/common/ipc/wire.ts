/**
 * Browser mode's WebSocket framing of the contract: JSON text frames. The client sends
 * requests with an id; the server answers each with the same id, and pushes events.
 * Constants and types only (the renderer imports it); the server's check is wire-schema.ts.
 */
import type { Envelope, EventName, EventPayload, RequestName } from './contract';

/** The WebSocket subprotocol; the token travels as a second one ("netmortem.token.<token>"). */
export const webSocketProtocol = 'netmortem.v1';
export const tokenProtocolPrefix = 'netmortem.token.';

export type ClientMessage = { type: 'request'; id: number; name: RequestName; args: unknown };

export type ServerMessage =
  | { type: 'response'; id: number | null; envelope: Envelope<unknown> }
  | { [E in EventName]: { type: 'event'; name: E; payload: EventPayload<E> } }[EventName];

/**
 * GET api/status in browser mode: what a page whose WebSocket closed (or never opened) asks,
 * to tell the analyst why. The server answers only a page holding the token.
 */
export interface ServerStatus {
  webSockets: { open: number; limit: number };
}
