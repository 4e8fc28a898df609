/** Causes weighed the same way for several incident kinds: a flood behind the failure, and a client pointed at the wrong server. */
import { CauseWeigher } from './cause-weigher';
import type { CauseContext } from './cause-context';
import { listText, loyalSilentClients, overlappingFlood, plural } from './sentences';

/**
 * denial-of-service: for when the service took a flood during the window; against when the
 * rate stayed normal (what the flood detector saw, in queries per second).
 */
export function weighDenialOfService(
  context: CauseContext,
  prior: number,
  floodWeight: number,
): CauseWeigher {
  const weigher = new CauseWeigher('denial-of-service', prior);
  const flood = overlappingFlood(context);
  const server = `${context.window.server}:${context.window.port}`;
  if (flood) {
    const clients =
      flood.clients.size > 0
        ? ` from ${plural(flood.clients.size, 'client')}${flood.clients.overflow > 0 ? ' or more' : ''}`
        : '';
    weigher.for(
      `${server} received a flood during the window: up to ${flood.peakQueriesPerSecond} queries/s${clients}, ` +
        `against a capture median of ${flood.medianQueriesPerSecond}/s.`,
      floodWeight,
    );
  } else {
    weigher.against(
      `The query rate stayed normal: the busiest second of the capture had ${plural(context.capture.busiestSecondQueries, 'DNS query', 'DNS queries')}, ` +
        `below the flood threshold of ${context.capture.floodLimitQueriesPerSecond} queries/s.`,
      Math.min(prior, 0.03),
    );
  }
  return weigher;
}

/**
 * misconfiguration as "the client asks the wrong server": for when a client sent all its DNS
 * to this server and never got a DNS answer from anyone; against when the server did answer
 * DNS in the capture (it is a working DNS server, at least at times).
 */
export function weighWrongServer(weigher: CauseWeigher, context: CauseContext, weight: number): CauseWeigher {
  const loyal = loyalSilentClients(context);
  const server = context.window.server;
  if (loyal.length > 0) {
    const clients = listText(loyal.map((client) => client.address));
    const queries = loyal.reduce((total, client) => total + client.queries, 0);
    weigher.for(
      `${clients} sent all ${plural(queries, 'DNS query', 'DNS queries')} to ${server} and never got a DNS answer: ` +
        `check that the resolver setting (resolv.conf, DHCP option 6, RFC 2132 §3.8) names a working DNS server.`,
      weight,
    );
  }
  const answered = context.service?.responses ?? 0;
  if (answered > 0) {
    weigher.against(
      `${server}:${context.window.port} sent ${plural(answered, 'DNS response')} in the capture: it is a DNS server.`,
      weight / 2,
    );
  }
  return weigher;
}
