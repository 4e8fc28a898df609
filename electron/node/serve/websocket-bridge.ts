/** Carries the IPC contract over one WebSocket: requests in, responses and pushed events out. */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../common/ipc/wire';
import { clientMessageSchema } from '../../common/ipc/wire-schema';
import type { Service } from '../service/service-types';
import { PacedSender } from './paced-sender';

export function bridgeWebSocket(socket: WebSocket, service: Service): () => void {
  const sender = new PacedSender(socket);
  const send = (message: ServerMessage): void => sender.sendNow(message);
  const unsubscribe = service.subscribe((event) => sender.push(event));
  // A frame past maxPayload, or one that breaks RFC 6455 (bad opcode, unmasked, invalid UTF-8),
  // makes ws close the socket with 1009/1002/1007 and emit 'error': without a listener that
  // error would be uncaught and end the whole server (found by test/hostile/websocket-fuzz).
  socket.on('error', () => undefined);
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
  const close = (): void => {
    unsubscribe();
    sender.dispose();
  };
  socket.on('close', close);
  return close;
}
