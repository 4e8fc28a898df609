/** Carries the IPC contract over one WebSocket: requests in, responses and pushed events out. */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../common/ipc/wire';
import { clientMessageSchema } from '../../common/ipc/wire-schema';
import type { Service } from '../service/service-types';

/** Past this many unsent bytes a slow client gets no more events until it catches up with its responses. */
const maximumBufferedBytes = 256 * 1024 * 1024;

export function bridgeWebSocket(socket: WebSocket, service: Service): () => void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = service.subscribe((event) => {
    if (socket.bufferedAmount > maximumBufferedBytes) {
      socket.close(1013, 'client too slow');
      return;
    }
    send({ type: 'event', ...event });
  });
  socket.on('message', (data, isBinary) => {
    void handle(isBinary ? null : data.toString());
  });
  const handle = async (text: string | null): Promise<void> => {
    let value: unknown;
    try {
      value = text === null ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    const parsed = clientMessageSchema.safeParse(value);
    if (!parsed.success) {
      send({ type: 'response', id: null, envelope: { ok: false, error: { code: 'validation', message: 'not a request message', issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`), fix: null } } });
      return;
    }
    const envelope = await service.call(parsed.data.name, parsed.data.args);
    send({ type: 'response', id: parsed.data.id, envelope });
  };
  socket.on('close', unsubscribe);
  return unsubscribe;
}
