/**
 * Asks browser mode for its WebSocket on a bare TCP socket (a valid token, our Host and Origin)
 * and reads what the server answers. A refusal is read whole and then the server has to close
 * the connection itself: this side never closes it, so the answer also proves the server
 * keeps nothing for a refused client.
 */
import { connect } from 'node:net';
import { upgradeRequest } from './wire-client';

export interface UpgradeAnswer {
  /** The status line, e.g. "HTTP/1.1 503 Service Unavailable". */
  status: string;
  body: string;
  /** Whether the server closed the connection (always after a refusal; never after a 101, which this side closes). */
  closedByServer: boolean;
}

export function upgradeAnswer(port: number, token: string): Promise<UpgradeAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let accepted = false;
    socket.on('error', reject);
    socket.on('connect', () => {
      socket.write(upgradeRequest(port, token));
    });
    const answer = (closedByServer: boolean): UpgradeAnswer => {
      const text = received.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      return {
        status: text.slice(0, Math.max(0, text.indexOf('\r\n'))),
        body: end < 0 ? '' : received.subarray(end + 4).toString('utf8'),
        closedByServer,
      };
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!accepted && received.indexOf('\r\n\r\n') >= 0 && answer(false).status.includes(' 101 ')) {
        // Accepted: this side closes, and says the server did not.
        accepted = true;
        socket.destroy();
        resolve(answer(false));
      }
    });
    socket.on('close', () => {
      if (!accepted) resolve(answer(true));
    });
  });
}
