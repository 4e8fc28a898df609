/** The main-side service as its hosts see it: Electron's main process and browser mode's server. */
import type { Envelope, EventName, EventPayload } from '../../common/ipc/contract';
import type { Unsubscribe } from '../../common/ipc/bridge';

/** One pushed event, tagged with its name. */
export type PushedEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export interface Service {
  /** Runs one request. Never rejects: bad arguments, unknown names and failures come back as `{ ok: false }`. */
  call(name: unknown, args: unknown): Promise<Envelope<unknown>>;
  /** Every pushed event, to every subscriber. */
  subscribe(listener: (event: PushedEvent) => void): Unsubscribe;
  /** Whether the service wrote this file (an export or a saved capture): browser mode serves only those. */
  wroteFile(path: string): boolean;
  /** Stops any capture or load, removes the session's temporary files. Safe to call twice. */
  dispose(): Promise<void>;
}

/** What only some hosts can do. Electron has native dialogs and its own PDF printer. */
export interface HostCapabilities {
  showOpenDialog?: () => Promise<{ paths: string[] }>;
  showSaveDialog?: (defaultName: string, extensions: string[]) => Promise<{ path: string | null }>;
  /** Prints a self-contained HTML document to PDF bytes (Electron's printToPDF). Without it, Node-side Chromium prints. */
  printPdf?: (html: string) => Promise<Uint8Array>;
}
