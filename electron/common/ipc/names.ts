/**
 * The names of the IPC contract's messages, apart from their schemas so that the preload
 * (which must stay small and may require only 'electron') can build one method per message
 * without bundling zod. contract.ts checks that these lists and its tables agree.
 */
export const requestNames = [
  'listInterfaces',
  'checkFilter',
  'startCapture',
  'stopCapture',
  'openFiles',
  'cancelLoad',
  'getSession',
  'getEvents',
  'getEventLines',
  'getAnalysis',
  'getPacketDetails',
  'previewReport',
  'exportReport',
  'saveCapture',
  'exportIncidentPackets',
  'showOpenDialog',
  'showSaveDialog',
] as const;

export const eventNames = [
  'session',
  'batch',
  'stats',
  'progress',
  'analysis',
  'error',
  'sessionEnded',
  'command',
] as const;

export type RequestName = (typeof requestNames)[number];
export type EventName = (typeof eventNames)[number];

/** The Electron IPC channel of a request or event: one namespace, so a stray channel is easy to spot. */
export function channelOf(name: RequestName | EventName): string {
  return `netmortem:${name}`;
}
