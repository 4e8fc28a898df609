/**
 * What React code talks to. Two implementations with one shape: the Electron preload's
 * bridge (bridge-api.ts) and browser mode's WebSocket client (websocket-api.ts).
 */
import type { Listener, Unsubscribe } from '../../../electron/common/ipc/bridge';
import type {
  EventName,
  RequestArgs,
  RequestName,
  RequestResult,
} from '../../../electron/common/ipc/contract';
import type { SessionInfo, WrittenFile } from '../../../electron/common/ipc/payload-schemas';

export type Requests = { [N in RequestName]: (args: RequestArgs<N>) => Promise<RequestResult<N>> };

export interface Api extends Requests {
  /** 'electron' has native dialogs; 'browser' uploads files and downloads exports. */
  readonly host: 'electron' | 'browser';
  on<E extends EventName>(name: E, listener: Listener<E>): Unsubscribe;
  /** Opens files the user dropped or picked in the page. */
  openLocalFiles(files: readonly File[], date?: string): Promise<SessionInfo>;
  /** Hands a written file to the user: a download in the browser; already where they chose in Electron. */
  deliver(file: WrittenFile, downloadName?: string): Promise<void>;
}
