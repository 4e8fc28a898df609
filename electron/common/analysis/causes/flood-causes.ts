/** Causes of a DNS query flood: an attack, or a client stuck in a loop. */
import type { Cause } from '../../report/analysis-schema';
import { CauseWeigher, rankCauses } from './cause-weigher';
import type { CauseContext } from './cause-context';
import { listText, plural } from './sentences';

export function floodCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const flood = context.floods[0];
  const clients = window.clients.size + window.clients.overflow;
  const clientCount = window.clients.size;
  const names = window.names.size;
  const manyNames = names >= 20 || window.names.overflow > 0;
  const peak = flood?.peakQueriesPerSecond ?? 0;
  const median = flood?.medianQueriesPerSecond ?? context.capture.medianQueriesPerSecond;

  const denial = new CauseWeigher('denial-of-service', 0.7).for(
    `${window.server}:${window.port} received up to ${peak} queries/s (${plural(window.queries, 'query', 'queries')} in ` +
      `${plural(flood?.seconds ?? 0, 'second')}), against a capture median of ${median}/s.`,
    0.05,
  );
  if (clientCount > 1 || window.clients.overflow > 0) {
    denial.for(
      `The queries came from ${clientCount}${window.clients.overflow > 0 ? '+' : ''} distinct clients (${listText(window.clients.ranked())}).`,
      0.1,
    );
  }
  if (manyNames) {
    denial.for(
      `They asked for ${names}${window.names.overflow > 0 ? '+' : ''} distinct names: the random-subdomain pattern defeats caches.`,
      0.1,
    );
  }
  const misconfiguration = new CauseWeigher('misconfiguration', 0.15);
  if (clientCount === 0) {
    denial.for(
      'Its clients and names were not sampled: the flood did not stand out from the rate seen so far while the capture was read.',
    );
  } else if (clientCount === 1 && window.clients.overflow === 0 && names <= 2) {
    const client = window.clients.ranked()[0] ?? 'one client';
    const sentence = `All the queries came from ${client} asking for ${listText(window.names.ranked())}: a client in a retry loop, not an attack.`;
    misconfiguration.for(sentence, 0.4);
    denial.against(sentence, 0.35);
  } else if (clients > 1) {
    misconfiguration.against(`Many clients flooding at once is not one broken client.`, 0.05);
  }
  const upstream = new CauseWeigher('upstream-failure', 0.05);
  if ((context.service?.responses ?? 0) > 0) {
    upstream.for(
      'Clients retry harder when their resolver answers slowly; a failing upstream can multiply the load.',
    );
  }
  return rankCauses([denial, misconfiguration, upstream]);
}
