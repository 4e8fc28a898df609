/** Raw HTTP requests to 127.0.0.1 with any Host, Origin or Cookie, as an attacker could send them. */
import { request } from 'node:http';
import { connect } from 'node:net';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function send(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
  body?: Uint8Array | string,
  host = '127.0.0.1',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host, port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A request written by hand (Node's client always adds a Host header); returns the status line. */
export function sendRaw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(text));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}
