/**
 * Causes of DNS queries that got nothing back: neither response nor ICMP error. A host that
 * is up and has no listener answers with port unreachable (RFC 1122 §4.1.3.1), so silence
 * means the packets were dropped on the way (a firewall's drop, a routing black hole) or
 * nothing is there (the server is down). Whether the server's address sent anything else
 * decides between them.
 */
import type { Cause } from '../../report/analysis-schema';
import { CauseWeigher, rankCauses } from './cause-weigher';
import type { CauseContext } from './cause-context';
import { clock, plural } from './sentences';
import { weighDenialOfService, weighWrongServer } from './shared-causes';

export function timeoutCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const server = window.server;
  const host = context.host;
  const own = host?.ownPackets ?? 0;
  const responses = context.service?.responses ?? 0;
  const silence =
    `${plural(window.queries, 'query', 'queries')} to ${server}:${window.port}` +
    `${window.attempts > window.queries ? ` (${plural(window.attempts, 'attempt')} with retransmissions)` : ''}` +
    ` got neither a response nor an ICMP error between ${clock(window.startMicroseconds)} and ${clock(window.endMicroseconds)}.`;

  const firewall = new CauseWeigher('firewall-blocking', 0.4);
  const down = new CauseWeigher('server-down', 0.35);
  firewall.for(`${silence} A firewall that drops (rather than rejects) sends nothing back.`);
  down.for(`${silence} A host that is down sends nothing back.`);
  if (own > 0) {
    const during =
      host!.lastMicroseconds >= window.startMicroseconds && host!.firstMicroseconds <= window.endMicroseconds;
    const span =
      host!.firstMicroseconds === host!.lastMicroseconds
        ? `at ${clock(host!.firstMicroseconds)}`
        : `${clock(host!.firstMicroseconds)} to ${clock(host!.lastMicroseconds)}`;
    const sentence =
      `${server} sent ${plural(own, 'other packet')} in the capture (${span})` +
      `${during ? ', during the outage too' : ''}: the host is up, only DNS goes unanswered.`;
    firewall.for(sentence, during ? 0.3 : 0.15);
    down.against(sentence, during ? 0.3 : 0.1);
  } else {
    down.for(
      `No packet from ${server} appears anywhere in the capture: nothing shows that the host is up.`,
      0.15,
    );
    firewall.against(`Nothing from ${server} shows a live host behind a firewall either.`, 0.05);
  }
  if (responses > 0) {
    const last = context.service!.reachable.lastBefore(window.startMicroseconds);
    const sentence =
      `${server}:${window.port} answered ${plural(responses, 'DNS query', 'DNS queries')} elsewhere in the capture` +
      `${last !== undefined ? `, the last before the silence at ${clock(last)}` : ''}.`;
    down.for(`${sentence} A crash or reboot stops the answers at once.`);
    firewall.for(`${sentence} A new drop rule does the same.`);
  }

  const notListening = new CauseWeigher('service-not-listening', 0.1).against(
    `No ICMP port unreachable came back: a live host without a listener would send one (RFC 1122 §4.1.3.1), unless a firewall or rate limit suppressed it.`,
    0.05,
  );
  const routing = new CauseWeigher('routing-problem', 0.15).for(
    'A routing black hole on the way also swallows the queries without an error.',
  );
  if (own > 0)
    routing.against(`Packets from ${server} reach the capture point, so at least the way back works.`, 0.05);
  const denial = weighDenialOfService(context, 0.05, 0.45);
  const misconfiguration = weighWrongServer(new CauseWeigher('misconfiguration', 0.1), context, 0.15);
  return rankCauses([firewall, down, routing, denial, misconfiguration, notListening]);
}
