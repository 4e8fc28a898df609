/** Picks the Api for where the renderer runs: Electron's preload bridge, or browser mode's WebSocket. */
import type { Bridge } from '../../../electron/common/ipc/bridge';
import type { Api } from './api';
import { createBridgeApi } from './bridge-api';
import { createWebSocketApi } from './websocket-api';

declare global {
  interface Window {
    netmortem?: Bridge;
  }
}

export function connectApi(): Api {
  if (window.netmortem) return createBridgeApi(window.netmortem);
  const token = new URLSearchParams(window.location.search).get('token');
  const api = createWebSocketApi(window.location, token);
  // The server set a cookie with the token; keep it out of the address bar, history and screenshots.
  if (token) window.history.replaceState(null, '', window.location.pathname);
  return api;
}
