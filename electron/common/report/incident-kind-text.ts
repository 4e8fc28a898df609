/**
 * What each incident kind means, in words: the label for titles, the ICMP message behind it
 * (numbers from RFC 792 for ICMP and RFC 4443 for ICMPv6) and what that message tells.
 */
import type { Incident, IncidentKind } from './analysis-schema';

export interface IcmpMessageText {
  type: number;
  /** 'destination unreachable' */
  typeName: string;
  /** '3', or '13 (or 9, 10)' where several codes mean the same. */
  code: string;
  /** 'port unreachable' */
  codeName: string;
}

export interface KindText {
  /** Short label: 'port unreachable'. */
  label: string;
  /** How the service is, for the title: 'unreachable', 'failing'. */
  state: string;
  /** The ICMP message for IPv4 and IPv6, for kinds made of ICMP errors. */
  icmp?: { v4: IcmpMessageText; v6: IcmpMessageText; meaning: string };
  /** The DNS response code, for kinds made of DNS responses. */
  rcode?: { name: string; value: number; meaning: string };
}

export const kindTexts: Record<IncidentKind, KindText> = {
  'dns-port-unreachable': {
    label: 'port unreachable',
    state: 'unreachable',
    icmp: {
      v4: { type: 3, typeName: 'destination unreachable', code: '3', codeName: 'port unreachable' },
      v6: { type: 1, typeName: 'destination unreachable', code: '4', codeName: 'port unreachable' },
      meaning:
        'The destination host itself sends this when no process is bound to the port the datagram was addressed to (RFC 792; RFC 1122 §3.2.2.1; RFC 4443 §3.1). It proves the host is up and reachable. A firewall rule that rejects with "port unreachable" (the default of iptables\' REJECT target and of nftables\' reject) sends the same message.',
    },
  },
  'dns-admin-prohibited': {
    label: 'administratively prohibited',
    state: 'blocked',
    icmp: {
      v4: {
        type: 3,
        typeName: 'destination unreachable',
        code: '13 (or 9, 10)',
        codeName: 'communication administratively prohibited',
      },
      v6: {
        type: 1,
        typeName: 'destination unreachable',
        code: '1',
        codeName: 'communication administratively prohibited',
      },
      meaning:
        'A router or host sends this when a packet filter forbids the traffic (RFC 1812 §5.2.7.1; RFC 4443 §3.1): a firewall rejects the queries on purpose.',
    },
  },
  'dns-host-unreachable': {
    label: 'host unreachable',
    state: 'unreachable',
    icmp: {
      v4: { type: 3, typeName: 'destination unreachable', code: '1', codeName: 'host unreachable' },
      v6: { type: 1, typeName: 'destination unreachable', code: '3', codeName: 'address unreachable' },
      meaning:
        'A router sends this when it cannot deliver to the destination on its attached network, usually because the destination does not answer ARP or neighbour discovery: it is down, disconnected or gone (RFC 792; RFC 4443 §3.1).',
    },
  },
  'dns-network-unreachable': {
    label: 'network unreachable',
    state: 'unreachable',
    icmp: {
      v4: { type: 3, typeName: 'destination unreachable', code: '0', codeName: 'network unreachable' },
      v6: { type: 1, typeName: 'destination unreachable', code: '0', codeName: 'no route to destination' },
      meaning: 'A router has no route to the destination network (RFC 792; RFC 4443 §3.1).',
    },
  },
  'dns-timeout': { label: 'no answer (timeout)', state: 'unreachable' },
  'dns-nxdomain': {
    label: 'name does not exist (NXDOMAIN)',
    state: 'failing',
    rcode: {
      name: 'NXDOMAIN',
      value: 3,
      meaning: 'The server answered that the name does not exist at all (RFC 1035 §4.1.1; RFC 8020).',
    },
  },
  'dns-servfail': {
    label: 'server failure (SERVFAIL)',
    state: 'failing',
    rcode: {
      name: 'SERVFAIL',
      value: 2,
      meaning:
        'The server could not complete the lookup: usually an upstream (forwarder or authoritative) server failed or DNSSEC validation failed (RFC 1035 §4.1.1).',
    },
  },
  'dns-refused': {
    label: 'query refused (REFUSED)',
    state: 'refusing queries',
    rcode: {
      name: 'REFUSED',
      value: 5,
      meaning:
        'The server declines to answer for policy reasons, e.g. it allows recursion only for its own networks (RFC 1035 §4.1.1).',
    },
  },
  'dns-query-flood': { label: 'query flood', state: 'flooded' },
  'ttl-exceeded': {
    label: 'TTL exceeded',
    state: 'unreachable',
    icmp: {
      v4: { type: 11, typeName: 'time exceeded', code: '0', codeName: 'time to live exceeded in transit' },
      v6: { type: 3, typeName: 'time exceeded', code: '0', codeName: 'hop limit exceeded in transit' },
      meaning:
        'A router dropped the packet because its TTL (hop limit) reached zero: a routing loop, or a TTL set too small (RFC 792; RFC 4443 §3.3).',
    },
  },
  'fragmentation-needed': {
    label: 'fragmentation needed',
    state: 'degraded',
    icmp: {
      v4: {
        type: 3,
        typeName: 'destination unreachable',
        code: '4',
        codeName: 'fragmentation needed and DF set',
      },
      v6: { type: 2, typeName: 'packet too big', code: '0', codeName: '' },
      meaning:
        "A router could not forward a packet larger than the next link's MTU and reports that MTU (RFC 1191; RFC 8201). Where these messages are filtered, large packets silently vanish.",
    },
  },
};

export function isIpv6(address: string): boolean {
  return address.includes(':');
}

/** The ICMP message of an incident, in the numbering of its address family. */
export function icmpMessage(incident: Incident): IcmpMessageText | undefined {
  const icmp = kindTexts[incident.kind].icmp;
  if (!icmp) return undefined;
  if (isIpv6(incident.server.address)) return icmp.v6;
  if (incident.kind === 'dns-admin-prohibited')
    return { ...icmp.v4, code: adminProhibitedCodes(incident) ?? icmp.v4.code };
  return icmp.v4;
}

/**
 * Codes 9, 10 and 13 all mean "administratively prohibited"; tcpdump (print-icmp.c) tells
 * them apart in its text, so the evidence says which ones were sent.
 */
function adminProhibitedCodes(incident: Incident): string | undefined {
  const codes = new Set<number>();
  for (const { line } of incident.evidence) {
    if (/admin prohibited filter/.test(line)) codes.add(13);
    else if (/net \S+ unreachable - admin prohibited/.test(line)) codes.add(9);
    else if (/host \S+ unreachable - admin prohibited/.test(line)) codes.add(10);
  }
  return codes.size > 0 ? [...codes].sort((a, b) => a - b).join(' and ') : undefined;
}

/** 'ICMP' or 'ICMPv6'. */
export function icmpName(incident: Incident): string {
  return isIpv6(incident.server.address) ? 'ICMPv6' : 'ICMP';
}

/** 'DNS over UDP port 53' */
export function serviceText(incident: Incident): string {
  return `${incident.protocol} over ${incident.transport} port ${incident.server.port}`;
}

/** '"destination unreachable" error, type 3 code 3 "port unreachable"' */
export function icmpMessagePhrase(message: IcmpMessageText): string {
  const code = message.codeName ? ` "${message.codeName}"` : '';
  return `"${message.typeName}" error, type ${message.type} code ${message.code}${code}`;
}
