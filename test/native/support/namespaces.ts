// Network namespaces for the native tests, created and removed by the test itself.
// Documentation addresses only (RFC 5737 192.0.2.0/24); nothing leaves the namespaces.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface VethPair {
  /** The namespace with the captured end, `interfaceName`, at 192.0.2.1/24. */
  client: string;
  /** The namespace with the peer, `peerName`, at 192.0.2.2/24. */
  peer: string;
  interfaceName: string;
  peerName: string;
  clientAddress: string;
  peerAddress: string;
}

/** Two fresh namespaces joined by a veth pair, both ends up. */
export function createVethPair(): VethPair {
  const id = randomBytes(3).toString('hex');
  const pair: VethPair = {
    client: `nm-test-${id}-a`,
    peer: `nm-test-${id}-b`,
    interfaceName: `nmc${id}`,
    peerName: `nmp${id}`,
    clientAddress: '192.0.2.1',
    peerAddress: '192.0.2.2',
  };
  try {
    ip('netns', 'add', pair.client);
    ip('netns', 'add', pair.peer);
    ip(
      'link',
      'add',
      pair.interfaceName,
      'netns',
      pair.client,
      'type',
      'veth',
      'peer',
      'name',
      pair.peerName,
      'netns',
      pair.peer,
    );
    ip('-n', pair.client, 'addr', 'add', `${pair.clientAddress}/24`, 'dev', pair.interfaceName);
    ip('-n', pair.peer, 'addr', 'add', `${pair.peerAddress}/24`, 'dev', pair.peerName);
    ip('-n', pair.client, 'link', 'set', pair.interfaceName, 'up');
    ip('-n', pair.peer, 'link', 'set', pair.peerName, 'up');
  } catch (error) {
    removeVethPair(pair);
    throw error;
  }
  return pair;
}

/** Deletes both namespaces (and with them the veth pair); safe to call twice or after a partial setup. */
export function removeVethPair(pair: VethPair): void {
  for (const namespace of [pair.client, pair.peer]) {
    try {
      ip('netns', 'del', namespace);
    } catch {
      // Already gone, or never made: either way it is not there now.
    }
  }
}

export function runIn(namespace: string, ...args: string[]): void {
  ip('-n', namespace, ...args);
}
