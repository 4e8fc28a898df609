// The real software on the other side: the DNS client script, dnsmasq in the server
// namespace, nftables rules on the router. Every process started here is stopped by the
// returned handle, and every wait is a bounded loop.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inNamespace } from './topology';

const execFileAsync = promisify(execFile);

export interface QueryPlan {
  server: string;
  names: string[];
  type?: 'A' | 'AAAA';
  count: number;
  intervalMs: number;
  lingerMs?: number;
  firstId?: number;
}

export interface QueryResult {
  sent: number;
  answers: { id: number; rcode: number }[];
  errors: string[];
}

/** Sends the planned queries from inside the namespace and resolves when the client is done. */
export async function sendQueries(namespace: string, plan: QueryPlan): Promise<QueryResult> {
  const script = join(__dirname, 'send-dns-queries.mjs');
  const { stdout } = await execFileAsync(
    'ip',
    ['netns', 'exec', namespace, process.execPath, script, JSON.stringify(plan)],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as QueryResult;
}

export interface Dnsmasq {
  stop(): Promise<void>;
}

/**
 * dnsmasq answering on `listen` (one address per --listen-address) in the namespace, with no
 * upstream servers: names given by --address are answered, everything else is REFUSED.
 */
export async function startDnsmasq(
  namespace: string,
  listen: string[],
  extraArguments: string[],
  pidFile: string,
): Promise<Dnsmasq> {
  const args = [
    'netns',
    'exec',
    namespace,
    '/usr/sbin/dnsmasq',
    '--no-daemon',
    '--no-resolv',
    '--no-hosts',
    '--conf-file=/dev/null',
    '--bind-interfaces',
    `--pid-file=${pidFile}`,
    '--log-facility=-',
    '--port=53',
    ...listen.map((address) => `--listen-address=${address}`),
    ...extraArguments,
  ];
  // `ip netns exec` execs dnsmasq in place: the child is dnsmasq itself.
  const child = spawn('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const stop = async (): Promise<void> => stopChild(child);
  try {
    await waitUntil(`dnsmasq listening on ${listen.join(', ')}`, () => {
      if (child.exitCode !== null) throw new Error(`dnsmasq exited (${child.exitCode}): ${output}`);
      const sockets = inNamespace(namespace, 'ss', ['-H', '-l', '-u', '-n']);
      return listen.every((address) =>
        sockets.includes(`${address.includes(':') ? `[${address}]` : address}:53`),
      );
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Loads an nftables ruleset in the namespace (`nft -f -`). */
export function loadNftables(namespace: string, ruleset: string): void {
  inNamespace(namespace, '/usr/sbin/nft', ['-f', '-'], ruleset);
}

/** Polls a condition: at most 200 checks, 25 ms apart (5 s), then fails with the description. */
export async function waitUntil(description: string, condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (condition()) return;
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
  throw new Error(`timed out waiting for ${description}`);
}
