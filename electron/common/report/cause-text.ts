/** The contract's cause ids in words. */
import type { CauseId } from './analysis-schema';

export const causeNames: Record<CauseId, string> = {
  'service-not-listening': 'The service is not listening',
  'firewall-blocking': 'A firewall blocks the traffic',
  'server-down': 'The server is down',
  'routing-problem': 'A routing problem',
  'upstream-failure': 'An upstream server fails',
  'access-refused': "The server's access policy refuses the clients",
  'name-does-not-exist': 'The name does not exist',
  'denial-of-service': 'A denial-of-service attack',
  'path-mtu-problem': 'A path MTU problem',
  misconfiguration: 'A misconfiguration',
};

export const causeMeanings: Record<CauseId, string> = {
  'service-not-listening':
    'No process accepts packets on the port: the service is stopped, has crashed, or is bound to another address or port.',
  'firewall-blocking': 'A packet filter on the server or on the path rejects or drops the traffic.',
  'server-down': 'The server host is powered off, disconnected or unreachable.',
  'routing-problem': 'The network cannot deliver packets to the server: a missing route or a loop.',
  'upstream-failure':
    'The server is up but cannot get answers from the servers it depends on (forwarders, authoritative servers, DNSSEC).',
  'access-refused': 'The server answers but refuses these clients by policy (ACLs, recursion limits).',
  'name-does-not-exist':
    'The name asked for is not in DNS: a typo, a wrong search domain, or an expired or removed domain.',
  'denial-of-service': 'A flood of traffic exhausts the server or its network.',
  'path-mtu-problem':
    'Packets larger than a link on the path are dropped and the signal to shrink them is lost.',
  misconfiguration:
    'Clients use the wrong server, or the server is set up to listen or answer differently than intended.',
};
