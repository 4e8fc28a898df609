// Three network namespaces the test creates and removes: a client, a router and a server,
// on documentation addresses only (RFC 5737, RFC 3849), so nothing ever leaves them.
//
//   client 192.0.2.10/24 2001:db8:1::10/64  —  192.0.2.1 2001:db8:1::1  router  203.0.113.1 2001:db8:2::1  —  203.0.113.2/24 2001:db8:2::2/64 server
import { execFileSync, spawnSync } from 'node:child_process';

export interface Topology {
  client: string;
  router: string;
  server: string;
  /** The client's interface, where the helper captures. */
  clientInterface: string;
  routerClientSide: string;
  routerServerSide: string;
  serverInterface: string;
  address: {
    client: string;
    client6: string;
    routerClientSide: string;
    routerClientSide6: string;
    routerServerSide: string;
    routerServerSide6: string;
    server: string;
    server6: string;
  };
}

let created = 0;

function run(command: string, args: string[], input?: string): string {
  return execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** In the namespace: `ip netns exec NAMESPACE command args...`. */
export function inNamespace(namespace: string, command: string, args: string[], input?: string): string {
  return run('ip', ['netns', 'exec', namespace, command, ...args], input);
}

/** Why the namespace tests cannot run here, or undefined when they can. */
export function namespaceSkipReason(): string | undefined {
  if (process.getuid?.() !== 0) return 'they need root (CI runs them as root)';
  const probe = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0)
    return `\`ip netns\` is unavailable (${probe.error?.message ?? probe.stderr.trim()})`;
  return undefined;
}

export function createTopology(): Topology {
  created += 1;
  const id = `${process.pid.toString(36)}${created.toString(36)}`;
  const topology: Topology = {
    client: `nm-${process.pid}-${created}-client`,
    router: `nm-${process.pid}-${created}-router`,
    server: `nm-${process.pid}-${created}-server`,
    clientInterface: `nmc${id}`.slice(0, 15),
    routerClientSide: `nmrc${id}`.slice(0, 15),
    routerServerSide: `nmrs${id}`.slice(0, 15),
    serverInterface: `nms${id}`.slice(0, 15),
    address: {
      client: '192.0.2.10',
      client6: '2001:db8:1::10',
      routerClientSide: '192.0.2.1',
      routerClientSide6: '2001:db8:1::1',
      routerServerSide: '203.0.113.1',
      routerServerSide6: '2001:db8:2::1',
      server: '203.0.113.2',
      server6: '2001:db8:2::2',
    },
  };
  const { address } = topology;
  try {
    for (const namespace of [topology.client, topology.router, topology.server]) {
      run('ip', ['netns', 'add', namespace]);
      run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
      // No ICMP rate limit, so every failure shows (Linux limits per peer by default; the
      // analysis copes with that, but the tests count exactly).
      inNamespace(namespace, 'sysctl', [
        '-q',
        '-w',
        'net.ipv4.icmp_ratelimit=0',
        'net.ipv6.icmp.ratelimit=0',
      ]);
    }
    link(topology.client, topology.clientInterface, topology.router, topology.routerClientSide);
    link(topology.router, topology.routerServerSide, topology.server, topology.serverInterface);
    addAddresses(topology.client, topology.clientInterface, `${address.client}/24`, `${address.client6}/64`);
    addAddresses(
      topology.router,
      topology.routerClientSide,
      `${address.routerClientSide}/24`,
      `${address.routerClientSide6}/64`,
    );
    addAddresses(
      topology.router,
      topology.routerServerSide,
      `${address.routerServerSide}/24`,
      `${address.routerServerSide6}/64`,
    );
    addAddresses(topology.server, topology.serverInterface, `${address.server}/24`, `${address.server6}/64`);
    run('ip', ['-n', topology.client, 'route', 'add', 'default', 'via', address.routerClientSide]);
    run('ip', ['-n', topology.client, '-6', 'route', 'add', 'default', 'via', address.routerClientSide6]);
    run('ip', ['-n', topology.server, 'route', 'add', 'default', 'via', address.routerServerSide]);
    run('ip', ['-n', topology.server, '-6', 'route', 'add', 'default', 'via', address.routerServerSide6]);
    // Forwarding in the router's namespace only.
    inNamespace(topology.router, 'sysctl', [
      '-q',
      '-w',
      'net.ipv4.ip_forward=1',
      'net.ipv6.conf.all.forwarding=1',
    ]);
  } catch (error) {
    removeTopology(topology);
    throw error;
  }
  return topology;
}

function link(firstNamespace: string, firstName: string, secondNamespace: string, secondName: string): void {
  run('ip', [
    'link',
    'add',
    firstName,
    'netns',
    firstNamespace,
    'type',
    'veth',
    'peer',
    'name',
    secondName,
    'netns',
    secondNamespace,
  ]);
  run('ip', ['-n', firstNamespace, 'link', 'set', firstName, 'up']);
  run('ip', ['-n', secondNamespace, 'link', 'set', secondName, 'up']);
}

function addAddresses(namespace: string, name: string, ipv4: string, ipv6: string): void {
  run('ip', ['-n', namespace, 'addr', 'add', ipv4, 'dev', name]);
  // nodad: usable at once, no duplicate address detection wait (the namespace is ours alone).
  run('ip', ['-n', namespace, 'addr', 'add', ipv6, 'dev', name, 'nodad']);
}

/** Removes the namespaces (their veths go with them). Safe after a partial setup and twice. */
export function removeTopology(topology: Topology): void {
  for (const namespace of [topology.client, topology.router, topology.server]) {
    spawnSync('ip', ['netns', 'del', namespace], { stdio: 'ignore' });
  }
}

/** Namespaces of this process still present: for asserting the cleanup. */
export function leftoverNamespaces(): string[] {
  const listed = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout ?? '';
  return listed
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(`nm-${process.pid}-`));
}
