/**
 * The live scenario on loopback: DNS queries for yummyrecipesforme.com to 127.0.0.1:53, where
 * nothing listens, so the kernel answers each with ICMP port unreachable. Loopback only.
 */
import { createSocket } from 'node:dgram';
import { dnsMessage } from '../../analysis/support/wire-bytes';

export async function queryClosedPort(
  count: number,
  gapMs: number,
  name = 'yummyrecipesforme.com',
): Promise<void> {
  const socket = createSocket('udp4');
  // Errors (ECONNREFUSED from the ICMP error) are the point: swallow them.
  socket.on('error', () => undefined);
  try {
    for (let index = 0; index < count; index += 1) {
      const message = dnsMessage({ id: 0x5000 + index, response: false, name });
      await new Promise<void>((resolve) => socket.send(message, 53, '127.0.0.1', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
  } finally {
    socket.close();
  }
}
