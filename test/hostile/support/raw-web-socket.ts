/**
 * A WebSocket client on a bare TCP socket whose reading the test switches off and on: a page
 * that sends requests and stops reading the answers (RFC 6455 framing by hand, as in
 * wire-client.ts, so that no client library reads on our behalf).
 */
import { connect, type Socket } from 'node:net';
import { rawFrame, upgradeRequest } from './wire-client';

export class RawWebSocket {
  /** Text frames received, in order. */
  readonly texts: string[] = [];
  closeCode: number | undefined;
  closed = false;
  private chunks: Buffer[] = [];
  private length = 0;
  private waiter: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.take(chunk));
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
  }

  static open(port: number, token: string): Promise<RawWebSocket> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('error', () => undefined);
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        socket.off('data', onData);
        const status = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
        if (!status.includes(' 101 ')) {
          socket.destroy();
          reject(new Error(`upgrade refused: ${status}`));
          return;
        }
        const client = new RawWebSocket(socket);
        if (head.length > end + 4) client.take(head.subarray(end + 4));
        resolve(client);
      };
      socket.on('data', onData);
      socket.once('close', () => reject(new Error('closed during the upgrade')));
      socket.on('connect', () => {
        socket.write(upgradeRequest(port, token));
      });
    });
  }

  send(text: string): void {
    this.socket.write(rawFrame({ opcode: 0x1, payload: Buffer.from(text) }));
  }

  /** Stops reading: the kernel's buffers fill, then the server has to hold what it sends. */
  pauseReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** Resolves once `count` text frames have come, or the server closed the connection. */
  waitForTexts(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = () => {
        if (this.texts.length >= count || this.closed) {
          this.waiter = undefined;
          resolve();
        }
      };
      this.waiter();
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** Cuts the server's unmasked frames out of the bytes so far; joins chunks only when a frame is whole. */
  private take(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const first = this.chunks[0]!.length >= 10 ? this.chunks[0]! : Buffer.concat(this.chunks, this.length);
    const needed = frameLength(first);
    if (needed === undefined || this.length < needed) return;
    const bytes = Buffer.concat(this.chunks, this.length);
    let at = 0;
    for (let frames = 0; frames < 1_000_000; frames++) {
      const size = frameLength(bytes.subarray(at));
      if (size === undefined || at + size > bytes.length) break;
      const header = size - payloadLength(bytes.subarray(at))!;
      const opcode = bytes[at]! & 0x0f;
      const payload = bytes.subarray(at + header, at + size);
      if (opcode === 0x1) this.texts.push(payload.toString('utf8'));
      if (opcode === 0x8 && payload.length >= 2) this.closeCode = payload.readUInt16BE(0);
      at += size;
    }
    this.chunks = at < bytes.length ? [Buffer.from(bytes.subarray(at))] : [];
    this.length = bytes.length - at;
    this.waiter?.();
  }
}

/** RFC 6455 §5.2: the payload length of the frame starting at `bytes[0]`, once its header is there. */
function payloadLength(bytes: Buffer): number | undefined {
  if (bytes.length < 2) return undefined;
  const short = bytes[1]! & 0x7f;
  if (short < 126) return short;
  if (short === 126) return bytes.length < 4 ? undefined : bytes.readUInt16BE(2);
  return bytes.length < 10 ? undefined : Number(bytes.readBigUInt64BE(2));
}

/** Header plus payload: the whole frame's length (server frames are unmasked). */
function frameLength(bytes: Buffer): number | undefined {
  const payload = payloadLength(bytes);
  if (payload === undefined) return undefined;
  const short = bytes[1]! & 0x7f;
  return (short < 126 ? 2 : short === 126 ? 4 : 10) + payload;
}
