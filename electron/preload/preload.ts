/**
 * The sandboxed preload: exposes `window.netmortem`, one method per request of the IPC
 * contract, event subscriptions that return their unsubscribe, and the path of a dropped
 * file. The page never sees ipcRenderer itself. Bundled to CommonJS that requires only
 * 'electron' (a sandboxed preload may require nothing else).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { channelOf, eventNames, requestNames, type EventName } from '../common/ipc/names';

// Each answers with the contract's envelope (main never throws across IPC).
const requests = Object.fromEntries(
  requestNames.map((name) => [
    name,
    (args: unknown): Promise<unknown> => ipcRenderer.invoke(channelOf(name), args),
  ]),
);

function on(name: EventName, listener: (payload: unknown) => void): () => void {
  if (!(eventNames as readonly string[]).includes(name)) throw new Error(`no such event: ${String(name)}`);
  if (typeof listener !== 'function') throw new Error('the listener must be a function');
  const channel = channelOf(name);
  const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

contextBridge.exposeInMainWorld('netmortem', {
  ...requests,
  on,
  pathForFile: (file: Parameters<typeof webUtils.getPathForFile>[0]) => webUtils.getPathForFile(file),
});
