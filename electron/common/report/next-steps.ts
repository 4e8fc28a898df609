/**
 * Recommended next steps per likely cause, as commands an analyst can run. Values from the
 * capture (addresses, DNS names) are shell-quoted: a name like `$(reboot).example` must stay
 * an argument when the command is pasted into a terminal.
 */
import type { CauseId, Incident } from './analysis-schema';
import type { Inline, ListItem } from './report-document';
import { isIpv6 } from './incident-kind-text';
import { shellQuote } from './shell-quote';
import { displayTime } from './time-format';

interface StepContext {
  server: string;
  port: number;
  udp: boolean;
  dns: boolean;
  name: string;
  client: string;
  icmpSource: string | null;
  since: string;
  v6: boolean;
}

function step(...content: Inline[]): ListItem {
  return { content };
}

function dig(context: StepContext, extra = ''): string {
  const transport = context.udp ? '' : ' +tcp';
  const port = context.port === 53 ? '' : ` -p ${context.port}`;
  return `dig @${shellQuote(context.server)}${port} ${shellQuote(context.name)} A${transport}${extra}`;
}

const stepsByCause: Record<CauseId, (context: StepContext) => ListItem[]> = {
  'service-not-listening': (context) => [
    step(
      `On ${context.server}, see whether anything listens on ${context.udp ? 'UDP' : 'TCP'} port ${context.port}: `,
      { code: `ss -${context.udp ? 'u' : 't'}lnp 'sport = :${context.port}'` },
      '. No line means nothing listens; a line with 127.0.0.1 or another address means the service is bound to the wrong address.',
    ),
    step(
      'Check the service and its log around the incident: ',
      {
        code: context.dns ? 'systemctl status named unbound dnsmasq systemd-resolved' : 'systemctl --failed',
      },
      ', then ',
      { code: `journalctl --since ${shellQuote(context.since)} -p warning` },
      '. Start or restart it, and check its listen address and port settings.',
    ),
    ...(context.dns
      ? [
          step(
            'Confirm from a client once fixed: ',
            { code: dig(context, ' +tries=1 +time=2') },
            ' should print an answer section.',
          ),
        ]
      : []),
  ],
  'firewall-blocking': (context) => [
    step(
      `On ${context.server}, list the firewall rules and look for ones that reject or drop port ${context.port}: `,
      { code: 'nft list ruleset' },
      ' or ',
      { code: `${context.v6 ? 'ip6tables' : 'iptables'} -L INPUT -n -v --line-numbers` },
      '. A reject rule answers with the same ICMP "port unreachable" a closed port gives.',
    ),
    step(
      'Capture on the server itself: ',
      { code: `tcpdump -ni any ${shellQuote(`port ${context.port} or ${context.v6 ? 'icmp6' : 'icmp'}`)}` },
      '. Queries that never arrive are blocked on the path; queries that arrive and are answered with ICMP are refused on the host.',
    ),
    step(
      'Check filters on the path between the clients and the server: cloud security groups, network ACLs, the perimeter firewall.',
    ),
  ],
  'server-down': (context) => [
    step(
      'Check that the host is alive: ',
      { code: `ping -c 3 ${shellQuote(context.server)}` },
      ', its console, and its monitoring.',
    ),
    step(
      'Trace the path: ',
      { code: `mtr -n -c 10 ${shellQuote(context.server)}` },
      ' shows where packets stop.',
    ),
  ],
  'routing-problem': (context) => [
    step(
      'On the client, see which route it takes: ',
      { code: `ip route get ${shellQuote(context.server)}` },
      '.',
    ),
    step(
      'Trace the path: ',
      { code: `traceroute -n ${context.udp ? '-U' : '-T'} -p ${context.port} ${shellQuote(context.server)}` },
      context.icmpSource && context.icmpSource !== context.server
        ? `, and inspect the routing table of ${context.icmpSource}, which sent the ICMP errors.`
        : '.',
    ),
  ],
  'upstream-failure': (context) => [
    step(
      'Ask with DNSSEC checking disabled: ',
      { code: dig(context, ' +cd') },
      '. An answer now means DNSSEC validation fails; still SERVFAIL means the upstream servers fail.',
    ),
    step(
      'Follow the delegation from the root: ',
      { code: `dig +trace ${shellQuote(context.name)}` },
      ", and check the server's forwarders and its log.",
    ),
  ],
  'access-refused': (context) => [
    step(
      `Check that the server's access lists include the client ${context.client} (BIND `,
      { code: 'allow-query' },
      ' and ',
      { code: 'allow-recursion' },
      ', Unbound ',
      { code: 'access-control' },
      ', dnsmasq ',
      { code: 'listen-address' },
      ').',
    ),
  ],
  'name-does-not-exist': (context) => [
    step('Check the name and its delegation: ', { code: `dig +trace ${shellQuote(context.name)}` }, '.'),
    step(
      "Check the clients' search domains (",
      { code: 'resolvectl status' },
      ' or ',
      { code: '/etc/resolv.conf' },
      ") and the domain's registration.",
    ),
  ],
  'denial-of-service': (context) => [
    step(
      'Find the top sources and names in the capture (the events table, filtered by kind) and how fast they send.',
    ),
    step(
      `Rate-limit on ${context.server} (BIND `,
      { code: 'rate-limit' },
      ', Unbound ',
      { code: 'ratelimit' },
      ') and ask the upstream provider to filter the sources.',
    ),
  ],
  'path-mtu-problem': (context) => [
    step('Measure the path MTU: ', { code: `tracepath -n ${shellQuote(context.server)}` }, '.'),
    step(
      `Allow ${context.v6 ? 'ICMPv6 type 2 (packet too big)' : 'ICMP type 3 code 4 (fragmentation needed)'} through every firewall on the path; for DNS, lower the EDNS buffer size to 1232 bytes.`,
    ),
  ],
  misconfiguration: (context) => [
    step(
      `Check that ${context.server} is the DNS server the clients should use: `,
      { code: 'resolvectl status' },
      ', ',
      { code: '/etc/resolv.conf' },
      ', and the DHCP options handed out.',
    ),
    step("Review recent changes to the server's configuration: listen addresses, ports, views and ACLs."),
  ],
};

/** `undated`: the capture's date is unknown, so the log search gives only the time of day. */
export function nextSteps(cause: CauseId, incident: Incident, undated = false): ListItem[] {
  const context: StepContext = {
    server: incident.server.address,
    port: incident.server.port,
    udp: incident.transport === 'UDP',
    dns: incident.protocol.toUpperCase() === 'DNS',
    name: incident.names[0] ?? 'NAME',
    client: incident.clients[0] ?? 'the client',
    icmpSource: incident.icmpSource,
    since: undated ? displayTime(incident.start).slice(11, 16) : displayTime(incident.start).slice(0, 16),
    v6: isIpv6(incident.server.address),
  };
  return stepsByCause[cause](context);
}
