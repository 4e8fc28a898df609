/**
 * Causes of DNS queries answered by ICMP/ICMPv6 destination unreachable: port (nothing
 * listens), administratively prohibited (a filter), host (the last router cannot reach the
 * host) and network (no route). What the error says, who sent it, and with which TTL decide.
 */
import type { Cause } from '../../report/analysis-schema';
import { CauseWeigher, rankCauses } from './cause-weigher';
import type { CauseContext } from './cause-context';
import { clock, icmpSender, plural, serviceText, ttlComparison } from './sentences';
import { weighDenialOfService, weighWrongServer } from './shared-causes';

function icmpCodeText(context: CauseContext): string {
  const codes = context.window.icmpCodes.ranked().map((value) => `${value >> 8}/${value & 0xff}`);
  return codes.length > 0 ? ` (type/code ${codes.join(', ')})` : '';
}

function hostUpSentence(context: CauseContext, sender: ReturnType<typeof icmpSender>): string | undefined {
  const window = context.window;
  if (sender.fromServer) {
    return `${window.server} itself answered ${plural(window.icmpErrors, 'query', 'queries')} with ICMP errors, the last at ${clock(window.endMicroseconds)}: the host was up.`;
  }
  const own = context.host?.ownPackets ?? 0;
  if (own > 0)
    return `${window.server} sent ${plural(own, 'packet')} of its own in the capture: the host was up.`;
  return undefined;
}

function weighTtl(
  weigher: CauseWeigher,
  context: CauseContext,
  direction: 'same-for' | 'differ-for',
  weight: number,
): void {
  const ttl = ttlComparison(context);
  if (!ttl) return;
  const server = context.window.server;
  if (ttl.same) {
    const sentence = `The ICMP errors arrived with TTL ${ttl.icmpTtl}, like ${server}'s own packets: the host's own IP stack sent them.`;
    if (direction === 'same-for') weigher.for(sentence, weight);
    else weigher.against(sentence, weight);
  } else {
    const sentence =
      `The ICMP errors arrived with TTL ${ttl.icmpTtl} while ${server}'s own packets arrive with TTL ${ttl.ownTtl}: ` +
      `another device, such as a firewall in front of the server, generated them.`;
    if (direction === 'differ-for') weigher.for(sentence, weight);
    else weigher.against(sentence, weight);
  }
}

export function portUnreachableCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const service = `${serviceText(context)}`;
  const sender = icmpSender(context);
  const service53 = context.service;

  const notListening = new CauseWeigher('service-not-listening', 0.55);
  if (sender.fromServer) {
    notListening.for(
      `${window.server} itself sent ${plural(sender.count, 'ICMP port unreachable error')}${icmpCodeText(context)}: ` +
        `the host is up and its stack found no socket on ${service} (RFC 1122 §4.1.3.1).`,
      0.2,
    );
  } else if (sender.address) {
    notListening.against(
      `The errors came from ${sender.address}, not from ${window.server}: a device on the path answered for the server.`,
      0.3,
    );
  }
  if ((service53?.responses ?? 0) === 0) {
    notListening.for(`No DNS response came from ${window.server}:${window.port} in the whole capture.`, 0.05);
  } else {
    const last = service53?.reachable.lastBefore(window.startMicroseconds);
    notListening.for(
      `${window.server}:${window.port} sent ${plural(service53!.responses, 'DNS response')} elsewhere in the capture` +
        `${last !== undefined ? `, the last before the failures at ${clock(last)}` : ''}: the DNS service stopped or restarted.`,
    );
  }
  weighTtl(notListening, context, 'same-for', 0.05);

  const firewall = new CauseWeigher('firewall-blocking', 0.25);
  firewall.for(
    `A reject rule answers with the same error: iptables' REJECT and nftables' reject default to ICMP port unreachable.`,
  );
  if (sender.address && !sender.fromServer) {
    firewall.for(
      `The errors came from ${sender.address}, not from the server: a firewall or router on the path rejected the queries.`,
      0.35,
    );
  } else if (sender.fromServer) {
    firewall.against(
      `The errors came from ${window.server} itself, not from a router or firewall on the path.`,
      0.05,
    );
  }
  weighTtl(firewall, context, 'differ-for', 0.25);
  if (context.capture.adminProhibitedErrors === 0 && context.capture.otherFailingServices === 0) {
    firewall.against(
      'No other traffic in the capture was filtered: no administratively-prohibited errors, no other failing server.',
      0.05,
    );
  }

  const misconfiguration = weighWrongServer(new CauseWeigher('misconfiguration', 0.1), context, 0.1);
  const denial = weighDenialOfService(context, 0.05, 0.3);
  denial.against(
    'An overloaded DNS server still has its socket open: a flood shows as timeouts or SERVFAIL, not port unreachable.',
    0.02,
  );

  const down = new CauseWeigher('server-down', 0.05);
  const up = hostUpSentence(context, sender);
  if (up) down.against(up, 0.04);

  return rankCauses([notListening, firewall, misconfiguration, denial, down]);
}

export function adminProhibitedCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const sender = icmpSender(context);
  const firewall = new CauseWeigher('firewall-blocking', 0.75);
  firewall.for(
    `${plural(window.icmpErrors, 'ICMP administratively prohibited error')}${icmpCodeText(context)} answered queries to ` +
      `${window.server}:${window.port}: a packet filter rejected them (RFC 1812 §5.2.7.1, RFC 4443 §3.1).`,
    0.1,
  );
  if (sender.fromServer) {
    firewall.for(`The errors came from ${window.server} itself: the firewall runs on the server host.`);
  } else if (sender.address) {
    firewall.for(
      `The errors came from ${sender.address}, a router or firewall on the path, not from ${window.server}.`,
    );
  }
  weighTtl(firewall, context, 'differ-for', 0.02);

  const misconfiguration = weighWrongServer(new CauseWeigher('misconfiguration', 0.2), context, 0.1);
  if ((context.service?.responses ?? 0) > 0) {
    misconfiguration.for(
      `${window.server}:${window.port} answered other queries in the capture: a rule that blocks only some clients or times may be a mistake.`,
      0.05,
    );
  }
  const refused = new CauseWeigher('access-refused', 0.15).for(
    'The block may be intended policy: these clients are not allowed to use this server.',
  );
  const notListening = new CauseWeigher('service-not-listening', 0.05).against(
    'The error says the traffic was filtered; a closed port would give port unreachable.',
    0.02,
  );
  const down = new CauseWeigher('server-down', 0.05);
  const up = hostUpSentence(context, sender);
  if (up) down.against(up, 0.03);
  return rankCauses([firewall, misconfiguration, refused, notListening, down]);
}

export function hostUnreachableCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const sender = icmpSender(context);
  const own = context.host?.ownPackets ?? 0;
  const down = new CauseWeigher('server-down', 0.5);
  down.for(
    `${sender.address ?? 'A router'} reported ${window.server} unreachable ${plural(window.icmpErrors, 'time')}${icmpCodeText(context)}: ` +
      `the last hop could not deliver to the host, typically because it did not answer ARP or neighbor discovery ` +
      `(RFC 1812 §5.2.7.1, RFC 4443 §3.1 code 3).`,
    0.1,
  );
  if (own > 0) {
    down.against(
      `${window.server} sent ${plural(own, 'packet')} of its own in the capture: it was up at least part of the time.`,
      0.3,
    );
  } else {
    down.for(`No packet from ${window.server} appears anywhere in the capture.`, 0.1);
  }
  const routing = new CauseWeigher('routing-problem', 0.3);
  if (sender.address && !sender.fromServer) {
    routing.for(`${sender.address} has a route toward ${window.server} but no working last hop to it.`);
  }
  const misconfiguration = weighWrongServer(new CauseWeigher('misconfiguration', 0.15), context, 0.15);
  const firewall = new CauseWeigher('firewall-blocking', 0.08).for(
    'Some firewalls reject with host unreachable (iptables --reject-with icmp-host-unreachable).',
  );
  weighTtl(firewall, context, 'differ-for', 0.15);
  const denial = weighDenialOfService(context, 0.03, 0.3);
  return rankCauses([down, routing, misconfiguration, firewall, denial]);
}

export function networkUnreachableCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const sender = icmpSender(context);
  const routing = new CauseWeigher('routing-problem', 0.7).for(
    `${sender.address ?? 'A router'} reported no route to ${window.server}'s network ${plural(window.icmpErrors, 'time')}` +
      `${icmpCodeText(context)} (RFC 1812 §5.2.7.1, RFC 4443 §3.1 code 0).`,
    0.05,
  );
  const misconfiguration = weighWrongServer(new CauseWeigher('misconfiguration', 0.25), context, 0.15);
  misconfiguration.for(
    `A resolver address outside any routed network (a typo, a stale setting) gives the same error.`,
  );
  const firewall = new CauseWeigher('firewall-blocking', 0.1).for(
    'Reject and blackhole routes installed as a filter give the same error.',
  );
  const down = new CauseWeigher('server-down', 0.05).against(
    `Network unreachable says nothing about the host: the router never got the packet close to it.`,
  );
  return rankCauses([routing, misconfiguration, firewall, down]);
}
