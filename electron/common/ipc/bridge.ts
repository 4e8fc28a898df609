/**
 * The shapes the renderer sees. `Bridge` is what the Electron preload exposes (one method per
 * request, answering with an envelope) and `Api` is what React code uses: the same methods,
 * resolving with the result or rejecting with an ApiError. Browser mode's WebSocket client
 * implements `Api` too. Types only, so the renderer pulls in no zod for them.
 */
import type { Envelope, EventName, EventPayload, Failure, RequestArgs, RequestName, RequestResult } from './contract';

export type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
export type Unsubscribe = () => void;

export type Bridge = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<Envelope<RequestResult<N>>>;
} & {
  on<E extends EventName>(name: E, listener: Listener<E>): Unsubscribe;
};

export type Api = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<RequestResult<N>>;
} & {
  on<E extends EventName>(name: E, listener: Listener<E>): Unsubscribe;
  /** 'electron' or 'browser': browser mode uploads files and downloads exports instead of using dialogs. */
  readonly host: 'electron' | 'browser';
};

export class ApiError extends Error {
  readonly code: Failure['code'];
  readonly issues: string[];
  constructor(failure: Failure) {
    super(failure.message);
    this.name = 'ApiError';
    this.code = failure.code;
    this.issues = failure.issues;
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error);
}
