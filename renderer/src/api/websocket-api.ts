/**
 * The Api over browser mode's WebSocket (electron/node/serve). Requests carry ids and are
 * answered in any order; events are pushed. Files are uploaded over HTTP, exports downloaded.
 */
import { ApiError, type Listener } from '../../../electron/common/ipc/bridge';
import type { Envelope, EventName, EventPayload } from '../../../electron/common/ipc/contract';
import { requestNames, type RequestName } from '../../../electron/common/ipc/names';
import {
  tokenProtocolPrefix,
  webSocketProtocol,
  type ServerMessage,
} from '../../../electron/common/ipc/wire';
import type { Api, Requests } from './api';
import { closeReason } from './close-reason';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const lostConnection = (message: string): ApiError =>
  new ApiError({ code: 'failed', message, issues: [], fix: null });

export function createWebSocketApi(location: Location, token: string | null): Api {
  const socketUrl = new URL('api/socket', location.href);
  socketUrl.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  socketUrl.search = '';
  const protocols = token ? [webSocketProtocol, `${tokenProtocolPrefix}${token}`] : [webSocketProtocol];
  const socket = new WebSocket(socketUrl, protocols);
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closed = false;
  let wasOpen = false;
  // Asked once, when the socket closes: why it closed (close-reason.ts).
  let reason: Promise<string> | undefined;
  const whyClosed = (): Promise<string> => (reason ??= closeReason(location, wasOpen));

  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener(
      'open',
      () => {
        wasOpen = true;
        resolve();
      },
      { once: true },
    );
    socket.addEventListener(
      'close',
      () => void whyClosed().then((message) => reject(lostConnection(message))),
      { once: true },
    );
  });
  opened.catch(() => {});

  socket.addEventListener('message', (message) => {
    if (typeof message.data !== 'string') return;
    const parsed = JSON.parse(message.data) as ServerMessage;
    if (parsed.type === 'response') {
      const waiting = parsed.id === null ? undefined : pending.get(parsed.id);
      if (!waiting || parsed.id === null) return;
      pending.delete(parsed.id);
      const envelope = parsed.envelope as Envelope<unknown>;
      if (envelope.ok) waiting.resolve(envelope.value);
      else waiting.reject(new ApiError(envelope.error));
      return;
    }
    for (const listener of listeners.get(parsed.name) ?? []) listener(parsed.payload);
  });
  socket.addEventListener('close', () => {
    closed = true;
    void whyClosed().then((message) => {
      for (const waiting of pending.values()) waiting.reject(lostConnection(message));
      pending.clear();
      const error: EventPayload<'error'> = { sessionId: null, code: 'failed', message, fix: null };
      for (const listener of listeners.get('error') ?? []) listener(error);
    });
  });

  const call = async (name: RequestName, args: unknown): Promise<unknown> => {
    await opened;
    if (closed) throw lostConnection(await whyClosed());
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      socket.send(JSON.stringify({ type: 'request', id, name, args }));
    });
  };
  const requests = Object.fromEntries(
    requestNames.map((name) => [name, (args: unknown) => call(name, args)]),
  ) as unknown as Requests;

  const upload = async (file: File): Promise<string> => {
    const response = await fetch(new URL(`api/upload?name=${encodeURIComponent(file.name)}`, location.href), {
      method: 'POST',
      body: file,
    });
    const body = (await response.json()) as { path?: string; error?: string };
    if (!response.ok || !body.path)
      throw new ApiError({
        code: 'failed',
        message: body.error ?? `upload of ${file.name} failed (${response.status})`,
        issues: [],
        fix: null,
      });
    return body.path;
  };

  return {
    ...requests,
    host: 'browser',
    on<E extends EventName>(name: E, listener: Listener<E>) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
    async openLocalFiles(files, date) {
      const paths: string[] = [];
      for (const file of files) paths.push(await upload(file));
      return requests.openFiles({ paths, ...(date ? { date } : {}) });
    },
    async deliver(file, downloadName) {
      const link = document.createElement('a');
      link.href = new URL(`api/download?path=${encodeURIComponent(file.path)}`, location.href).href;
      link.download = downloadName ?? file.fileName;
      document.body.append(link);
      link.click();
      link.remove();
    },
  };
}
