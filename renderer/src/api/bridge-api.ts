/** The Api over Electron's preload bridge (window.netmortem). */
import { unwrap, type Bridge } from '../../../electron/common/ipc/bridge';
import { requestNames, type RequestName } from '../../../electron/common/ipc/names';
import type { Api, Requests } from './api';

export function createBridgeApi(bridge: Bridge): Api {
  const requests = Object.fromEntries(
    requestNames.map((name: RequestName) => [
      name,
      async (args: never) =>
        unwrap(await (bridge[name] as (args: never) => Promise<Parameters<typeof unwrap>[0]>)(args)),
    ]),
  ) as unknown as Requests;
  return {
    ...requests,
    host: 'electron',
    on: (name, listener) => bridge.on(name, listener),
    openLocalFiles: (files, date) =>
      requests.openFiles({ paths: files.map((file) => bridge.pathForFile(file)), ...(date ? { date } : {}) }),
    deliver: async () => {},
  };
}
