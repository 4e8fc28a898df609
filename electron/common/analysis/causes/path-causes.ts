/**
 * Causes of path errors for any traffic: time exceeded (the TTL ran out in transit, RFC 1812
 * §5.3.1: a routing loop or a too-small initial TTL) and fragmentation needed / packet too big
 * (the packet exceeds a link's MTU, RFC 1191, RFC 8201).
 */
import type { Cause } from '../../report/analysis-schema';
import { CauseWeigher, rankCauses } from './cause-weigher';
import type { CauseContext } from './cause-context';
import { clock, listText, plural } from './sentences';

export function ttlExceededCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const routers = window.icmpSources.ranked();
  const routing = new CauseWeigher('routing-problem', 0.65).for(
    `${listText(routers)} sent ${plural(window.icmpErrors, 'ICMP time exceeded error')} for packets to ` +
      `${window.server} ${window.transport} port ${window.port}: their TTL ran out in transit (RFC 1812 §5.3.1).`,
    0.05,
  );
  if (routers.length > 1) {
    routing.for(
      `${routers.length} different routers reported it: packets going round between them is a routing loop.`,
      0.15,
    );
  }
  const reached = context.service?.reachable.count ?? 0;
  if (reached === 0)
    routing.for(
      `Nothing from ${window.server}:${window.port} came back in the capture: the destination was never reached.`,
      0.05,
    );
  const misconfiguration = new CauseWeigher('misconfiguration', 0.2).for(
    'A sender with a too-small initial TTL (or a hop limit set by an application) gets the same errors.',
  );
  if (routers.length > 1)
    misconfiguration.against(
      'A too-small TTL would always expire at the same hop, not at several routers.',
      0.1,
    );
  const firewall = new CauseWeigher('firewall-blocking', 0.03).against(
    'A filter rejects or drops; it does not report time exceeded.',
  );
  return rankCauses([routing, misconfiguration, firewall]);
}

export function fragmentationNeededCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const mtus = window.mtus.ranked();
  const routers = window.icmpSources.ranked();
  const mtuText = mtus.length > 0 ? `, next-hop MTU ${listText(mtus.map(String))}` : '';
  const recovered = context.service?.reachable.firstAfter(window.endMicroseconds);
  const pmtu = new CauseWeigher('path-mtu-problem', 0.7).for(
    `${listText(routers)} reported ${plural(window.icmpErrors, 'time')} that packets to ${window.server} ${window.transport} ` +
      `port ${window.port} are too big for the next link${mtuText} (RFC 1191, RFC 8201).`,
    0.05,
  );
  if (window.icmpErrors >= 3) {
    pmtu.for(
      `The sender kept sending too-big packets after the first error: path MTU discovery is not taking effect.`,
      0.1,
    );
  }
  if (recovered !== undefined) {
    pmtu.against(
      `${window.server} answered afterwards, at ${clock(recovered)}: path MTU discovery then worked.`,
      0.2,
    );
  }
  const misconfiguration = new CauseWeigher('misconfiguration', 0.2);
  if (mtus.some((mtu) => mtu > 0 && mtu < 1500)) {
    misconfiguration.for(
      `An MTU below 1500 on the path points to a tunnel or VPN whose MTU the hosts do not know.`,
      0.05,
    );
  }
  const firewall = new CauseWeigher('firewall-blocking', 0.1).for(
    'Where a firewall drops these ICMP messages, the same path becomes a black hole (RFC 2923 §2.1).',
  );
  return rankCauses([pmtu, misconfiguration, firewall]);
}
