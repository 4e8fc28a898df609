/** Carries the IPC contract over one WebSocket: requests in, responses and pushed events out. */
import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../common/ipc/wire';
import { clientMessageSchema } from '../../common/ipc/wire-schema';
import type { Service } from '../service/service-types';
import { PacedSender } from './paced-sender';
import { RequestPacer, type PacerStats } from './request-pacer';

export interface ConnectionStats extends PacerStats {
  /** Bytes handed to the socket and not yet sent (ws's bufferedAmount). */
  unsentBytes: number;
  /** The most unsent bytes seen, right after a send. */
  peakUnsentBytes: number;
  largestMessageBytes: number;
  waitingEvents: number;
}

export interface Bridge {
  stats(): ConnectionStats;
  close(): void;
}

export function bridgeWebSocket(socket: WebSocket, service: Service): Bridge {
  const sender = new PacedSender(socket);
  const unsubscribe = service.subscribe((event) => sender.push(event));
  const answer = async (text: string | null): Promise<ServerMessage> => {
    let value: unknown;
    try {
      value = text === null ? undefined : JSON.parse(text);
    } catch {
      value = undefined;
    }
    const parsed = clientMessageSchema.safeParse(value);
    if (!parsed.success) {
      return {
        type: 'response',
        id: null,
        envelope: {
          ok: false,
          error: {
            code: 'validation',
            message: 'not a request message',
            issues: parsed.error.issues.map(
              (issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`,
            ),
            fix: null,
          },
        },
      };
    }
    const envelope = await service.call(parsed.data.name, parsed.data.args);
    return { type: 'response', id: parsed.data.id, envelope };
  };
  // Answers wait for a page that stops reading, as events do (found by test/hostile/websocket-unread-answers).
  const pacer = new RequestPacer(socket, sender, answer);
  // A frame past maxPayload, or one that breaks RFC 6455 (bad opcode, unmasked, invalid UTF-8),
  // makes ws close the socket with 1009/1002/1007 and emit 'error': without a listener that
  // error would be uncaught and end the whole server (found by test/hostile/websocket-fuzz).
  socket.on('error', () => undefined);
  socket.on('message', (data, isBinary) => pacer.receive(isBinary ? null : data.toString()));
  const close = (): void => {
    unsubscribe();
    sender.dispose();
    pacer.dispose();
  };
  socket.on('close', close);
  return {
    stats: () => ({
      ...pacer.stats,
      unsentBytes: socket.bufferedAmount,
      peakUnsentBytes: sender.peakUnsentBytes,
      largestMessageBytes: sender.largestMessageBytes,
      waitingEvents: sender.waiting,
    }),
    close,
  };
}
