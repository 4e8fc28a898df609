// Test traffic: UDP datagrams carrying a marker unique to the test, so assertions find our own
// packets even if other tests on this machine use the same loopback port at the same time.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export function uniqueMarker(label: string): string {
  return `netmortem-${label}-${randomBytes(6).toString('hex')}`;
}

/** Sends one UDP datagram from this process. Nothing needs to listen: an ICMP error is the point. */
export async function sendUdp(host: string, port: number, payload: string): Promise<void> {
  const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
  try {
    await new Promise<void>((resolveSend, rejectSend) => {
      socket.send(Buffer.from(payload), port, host, (error) => (error ? rejectSend(error) : resolveSend()));
    });
  } finally {
    socket.close();
  }
}

/** Sends count datagrams from inside a network namespace, through a short Node child there. */
export async function sendUdpInNamespace(
  namespace: string,
  host: string,
  port: number,
  payload: string,
  count: number,
): Promise<void> {
  const script = `
    const socket = require('node:dgram').createSocket('udp4');
    let left = ${count};
    const next = () => left-- > 0 ? socket.send(${JSON.stringify(payload)}, ${port}, ${JSON.stringify(host)}, next) : socket.close();
    next();`;
  await execFileAsync('ip', ['netns', 'exec', namespace, process.execPath, '-e', script]);
}

/** Resolves after ms; used only to space out bounded retries of sends, never in an assertion. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolvePause) => setTimeout(resolvePause, ms));
}

/**
 * Sends datagrams, one per round, until done() holds or rounds run out (a bounded loop: the
 * helper may open its socket a little after "started", and a packet or two may race it).
 */
export async function sendUntil(
  done: () => boolean,
  send: (round: number) => Promise<void>,
  rounds = 100,
): Promise<void> {
  for (let round = 0; round < rounds && !done(); round++) {
    await send(round);
    await pause(50);
  }
}
