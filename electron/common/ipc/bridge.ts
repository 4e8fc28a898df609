/**
 * What the Electron preload exposes to the renderer as `window.netmortem`: one method per
 * request, answering with an envelope (errors cannot cross contextBridge with their fields),
 * event subscriptions that return their unsubscribe, and the path of a dropped file.
 * Types only, so whoever imports this pulls in no zod.
 */
import type {
  Envelope,
  EventName,
  EventPayload,
  Failure,
  RequestArgs,
  RequestName,
  RequestResult,
} from './contract';

export type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
export type Unsubscribe = () => void;

export type Bridge = {
  [N in RequestName]: (args: RequestArgs<N>) => Promise<Envelope<RequestResult<N>>>;
} & {
  on<E extends EventName>(name: E, listener: Listener<E>): Unsubscribe;
  /** The file-system path of a File dropped on the window (Electron's webUtils). */
  pathForFile(file: object): string;
};

/** A refused or failed call, as the renderer's Api rejects with it. */
export class ApiError extends Error {
  readonly code: Failure['code'];
  readonly issues: string[];
  readonly fix: string | null;
  constructor(failure: Failure) {
    super(failure.message);
    this.name = 'ApiError';
    this.code = failure.code;
    this.issues = failure.issues;
    this.fix = failure.fix;
  }
}

export function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error);
}
