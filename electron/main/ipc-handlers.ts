/**
 * The contract's requests over Electron IPC: one handler per request, answering only the
 * app's own page (the main frame of our window, showing our renderer file). The service
 * checks the arguments (zod) and never throws; events go to the window as they come.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelOf, requestNames } from '../common/ipc/names';
import type { Envelope } from '../common/ipc/contract';
import type { Service } from '../node/service/service-types';

function trusted(event: IpcMainInvokeEvent, window: BrowserWindow, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  return (
    event.sender === window.webContents &&
    frame !== null &&
    frame === window.webContents.mainFrame &&
    frame.url.split(/[?#]/)[0] === rendererUrl
  );
}

/** Returns the function that removes the handlers and the event relay. */
export function connectIpc(window: BrowserWindow, service: Service, rendererUrl: string): () => void {
  for (const name of requestNames) {
    ipcMain.handle(
      channelOf(name),
      (event, args: unknown): Promise<Envelope<unknown>> | Envelope<unknown> => {
        if (!trusted(event, window, rendererUrl))
          return {
            ok: false,
            error: { code: 'forbidden', message: 'this frame may not call netmortem', issues: [], fix: null },
          };
        return service.call(name, args);
      },
    );
  }
  const unsubscribe = service.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(channelOf(event.name), event.payload);
  });
  return () => {
    unsubscribe();
    for (const name of requestNames) ipcMain.removeHandler(channelOf(name));
  };
}
