/**
 * Talks to browser mode's WebSocket as a hostile page could: through the `ws` client with a
 * valid token, one frame at a time, and through a raw TCP socket for frames no client library
 * would send (bad opcodes, reserved bits, unmasked or invalid UTF-8 frames; RFC 6455 §5).
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { tokenProtocolPrefix, webSocketProtocol } from '../../../electron/common/ipc/wire';

export interface Answer {
  type?: unknown;
  id?: unknown;
  envelope?: { ok: boolean; value?: unknown; error?: { code: string; issues: string[] } };
}

export class WireClient {
  private readonly answers: Answer[] = [];
  private waiter: (() => void) | undefined;
  closeCode: number | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.answers.push(JSON.parse(String(data)) as Answer);
      this.waiter?.();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.waiter?.();
    });
    // A refused frame closes the socket with a code; the client's own error says the same.
    socket.on('error', () => undefined);
  }

  static open(port: number, token: string): Promise<WireClient> {
    const socket = new WebSocket(
      `ws://127.0.0.1:${port}/api/socket`,
      [webSocketProtocol, `${tokenProtocolPrefix}${token}`],
      {
        headers: { origin: `http://127.0.0.1:${port}` },
        // Our side may send anything; only the server's limits are under test.
        maxPayload: 64 * 1024 * 1024,
      },
    );
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WireClient(socket)));
      socket.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      socket.once('error', reject);
    });
  }

  /** Sends one frame and resolves with the next answer, or undefined once the server closed the socket. */
  ask(frame: string | Uint8Array): Promise<Answer | undefined> {
    return new Promise((resolve) => {
      this.waiter = () => {
        const answer = this.answers.shift();
        if (answer || this.closeCode !== undefined) {
          this.waiter = undefined;
          resolve(answer);
        }
      };
      this.socket.send(frame, { binary: typeof frame !== 'string' });
    });
  }

  /** Sends every frame without waiting, then resolves with as many answers (in the order they came). */
  askAll(frames: string[]): Promise<Answer[]> {
    return new Promise((resolve) => {
      this.waiter = () => {
        if (this.answers.length >= frames.length || this.closeCode !== undefined) {
          this.waiter = undefined;
          resolve(this.answers.splice(0));
        }
      };
      for (const frame of frames) this.socket.send(frame);
    });
  }

  close(): void {
    this.socket.terminate();
  }
}

/** One client-to-server frame, masked as RFC 6455 §5.3 requires unless `masked` is false. */
export function rawFrame(options: {
  opcode: number;
  payload: Uint8Array;
  fin?: boolean;
  reserved?: number;
  masked?: boolean;
}): Buffer {
  const { opcode, payload } = options;
  const masked = options.masked ?? true;
  const length = payload.length;
  const extended = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const header = Buffer.alloc(2 + extended + (masked ? 4 : 0));
  header[0] = ((options.fin ?? true) ? 0x80 : 0) | ((options.reserved ?? 0) << 4) | opcode;
  header[1] = (masked ? 0x80 : 0) | (extended === 0 ? length : extended === 2 ? 126 : 127);
  if (extended === 2) header.writeUInt16BE(length, 2);
  if (extended === 8) header.writeBigUInt64BE(BigInt(length), 2);
  const body = Buffer.from(payload);
  if (masked) {
    const mask = randomBytes(4);
    mask.copy(header, 2 + extended);
    for (let index = 0; index < body.length; index++) body[index]! ^= mask[index % 4]!;
  }
  return Buffer.concat([header, body]);
}

/**
 * Opens the WebSocket by hand, writes `frames`, and resolves once the server closes the TCP
 * connection, with the close code it sent (undefined when it sent none) and any text answers.
 */
export function sendRawFrames(
  port: number,
  token: string,
  frames: Buffer[],
): Promise<{ closeCode: number | undefined; texts: string[] }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: '127.0.0.1', port });
    let received = Buffer.alloc(0);
    let upgraded = false;
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write(upgradeRequest(port, token));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (upgraded) return;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = received.subarray(0, received.indexOf('\r\n')).toString('latin1');
      if (!status.includes(' 101 ')) {
        socket.destroy();
        reject(new Error(`upgrade refused: ${status}`));
        return;
      }
      upgraded = true;
      received = received.subarray(end + 4);
      for (const frame of frames) socket.write(frame);
    });
    socket.on('close', () => resolve(parseServerFrames(received)));
  });
}

/** The server's unmasked frames: text answers and the close frame's code. */
function parseServerFrames(bytes: Buffer): { closeCode: number | undefined; texts: string[] } {
  const texts: string[] = [];
  let closeCode: number | undefined;
  for (let at = 0, frames = 0; at + 2 <= bytes.length && frames < 10_000; frames++) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at + 2);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at + 2));
      start += 8;
    }
    const payload = bytes.subarray(start, start + length);
    if (opcode === 0x1) texts.push(payload.toString('utf8'));
    if (opcode === 0x8 && payload.length >= 2) closeCode = payload.readUInt16BE(0);
    at = start + length;
  }
  return { closeCode, texts };
}

/** The HTTP request that opens the app's WebSocket by hand (RFC 6455 §4.1), with the token as a subprotocol. */
export function upgradeRequest(port: number, token: string): string {
  return [
    'GET /api/socket HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    `Origin: http://127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    `Sec-WebSocket-Protocol: ${webSocketProtocol}, ${tokenProtocolPrefix}${token}`,
    '',
    '',
  ].join('\r\n');
}
