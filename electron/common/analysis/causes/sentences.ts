/** Small pieces of evidence sentences shared by the cause weighers: counts, times, who sent what. */
import { clockOfMicroseconds } from '../time-format';
import type { CauseContext } from './cause-context';

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function clock(microseconds: number): string {
  return `${clockOfMicroseconds(microseconds)} UTC`;
}

export function serviceText(context: CauseContext): string {
  const window = context.window;
  return `${window.transport} port ${window.port}`;
}

/** The address that sent most of the window's ICMP errors, and whether it is the server. */
export function icmpSender(context: CauseContext): {
  address: string | undefined;
  fromServer: boolean;
  count: number;
} {
  const address = context.window.icmpSources.top();
  return {
    address,
    fromServer: address !== undefined && address === context.window.server,
    count: address === undefined ? 0 : (context.window.icmpSources.counts.get(address) ?? 0),
  };
}

/**
 * Compare the TTL the ICMP errors arrived with to the TTL of the server's own packets. Hosts
 * start every packet they originate with one initial TTL (64 Linux, 128 Windows, 255 many
 * routers), and both kinds cross the same hops back to us: a different value means another
 * device generated the errors. Undefined when either is unknown (text imports have no TTL).
 */
export function ttlComparison(
  context: CauseContext,
): { icmpTtl: number; ownTtl: number; same: boolean } | undefined {
  const icmpTtl = context.window.icmpTtls.top();
  const ownTtl = context.host?.ownTtls.top();
  if (!icmpTtl || !ownTtl) return undefined;
  return { icmpTtl, ownTtl, same: icmpTtl === ownTtl };
}

/** Clients of the incident that sent every DNS query to this server and never got any DNS answer. */
export function loyalSilentClients(context: CauseContext): { address: string; queries: number }[] {
  const found: { address: string; queries: number }[] = [];
  for (const address of context.window.clients.ranked()) {
    const facts = context.clientFacts(address);
    if (!facts) continue;
    if (
      facts.servers.size === 1 &&
      facts.servers.counts.has(context.window.server) &&
      facts.responses === 0
    ) {
      found.push({ address, queries: facts.queries });
    }
  }
  return found;
}

export function listText(values: string[], limit = 3): string {
  if (values.length <= limit) return values.join(', ');
  return `${values.slice(0, limit).join(', ')} and ${values.length - limit} more`;
}

/** The largest flood overlapping the window, if any. */
export function overlappingFlood(context: CauseContext) {
  let best: CauseContext['floods'][number] | undefined;
  for (const flood of context.floods)
    if (!best || flood.peakQueriesPerSecond > best.peakQueriesPerSecond) best = flood;
  return best;
}
