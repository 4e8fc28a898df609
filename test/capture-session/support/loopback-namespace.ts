// A network namespace of our own with only its loopback interface: the session tests send
// DNS queries to 127.0.0.1:53 there, where nothing listens, without meeting any other test's
// (or the machine's) traffic on the shared loopback.
import { execFileSync, spawnSync } from 'node:child_process';

let created = 0;

export interface LoopbackNamespace {
  name: string;
  /** The launcher that runs a command inside it. */
  launcher: string[];
  remove(): void;
}

export function namespaceSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'they need root to capture and to create a network namespace';
  const probe = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return '`ip netns` is unavailable';
  return undefined;
}

export function createLoopbackNamespace(): LoopbackNamespace {
  created += 1;
  const name = `nm-${process.pid}-${created}-session`;
  const remove = (): void => {
    spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  };
  try {
    execFileSync('ip', ['netns', 'add', name], { stdio: 'pipe' });
    execFileSync('ip', ['-n', name, 'link', 'set', 'lo', 'up'], { stdio: 'pipe' });
    // Every query gets its ICMP error (Linux rate-limits them per peer by default).
    execFileSync(
      'ip',
      ['netns', 'exec', name, 'sysctl', '-q', '-w', 'net.ipv4.icmp_ratelimit=0', 'net.ipv6.icmp.ratelimit=0'],
      { stdio: 'pipe' },
    );
  } catch (error) {
    remove();
    throw error;
  }
  return { name, launcher: ['ip', 'netns', 'exec', name], remove };
}
