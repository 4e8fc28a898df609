/**
 * Causes of DNS failures the server itself reported in its rcode (RFC 1035 §4.1.1, RFC 6895):
 * SERVFAIL (2) says it could not get an answer, REFUSED (5) that its policy says no,
 * NXDOMAIN (3) that the name does not exist. The server is up and listening in all three.
 */
import type { Cause } from '../../report/analysis-schema';
import { CauseWeigher, rankCauses } from './cause-weigher';
import type { CauseContext } from './cause-context';
import { fastServfailMilliseconds, slowServfailMilliseconds } from '../answer-delays';
import { durationText } from '../time-format';
import { listText, plural } from './sentences';
import { weighDenialOfService } from './shared-causes';

function namesText(context: CauseContext): string {
  const names = context.window.names.ranked();
  return names.length > 0 ? ` for ${listText(names)}` : '';
}

function upAndListening(context: CauseContext): CauseWeigher {
  const window = context.window;
  return new CauseWeigher('server-down', 0.02).against(
    `${window.server}:${window.port} answered (${plural(window.responses, 'response')} in the window): it is up and listening.`,
  );
}

export function servfailCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const answered = context.service?.answered ?? 0;
  const upstream = new CauseWeigher('upstream-failure', 0.65).for(
    `${window.server} answered ${plural(window.responses, 'query', 'queries')}${namesText(context)} with SERVFAIL (rcode 2): ` +
      `it is up but could not get an answer, which for a recursive resolver means its upstream (authoritative servers, ` +
      `forwarders) failed or DNSSEC validation failed (RFC 1035 §4.1.1, RFC 4035 §5.5).`,
    0.05,
  );
  if (answered > 0) {
    upstream.for(
      `It answered ${plural(answered, 'other query', 'other queries')} with NOERROR: the failure is specific to these names, their delegation or their servers.`,
      0.1,
    );
  } else {
    upstream.for(
      'It answered no query with NOERROR in the capture: its own upstream connectivity may be down.',
    );
  }
  const misconfiguration = new CauseWeigher('misconfiguration', 0.25).for(
    'A broken delegation, a lame server or bad DNSSEC signatures for the zone also give SERVFAIL.',
  );
  if (window.names.size === 1 && window.queries >= 2) {
    misconfiguration.for(`Every failure concerns the one name ${window.names.ranked()[0]}.`, 0.05);
  }
  // How long the resolver took to fail says whether it asked anyone (answer-delays.ts).
  const delay = window.answerDelays.summary();
  if (delay && delay.minMilliseconds >= slowServfailMilliseconds) {
    upstream.for(
      `Every SERVFAIL came ${durationText(delay.minMilliseconds * 1000)} or more after its query: the resolver waited for upstream servers that did not answer before it gave up.`,
      0.1,
    );
  } else if (delay && delay.maxMilliseconds < fastServfailMilliseconds) {
    misconfiguration.for(
      `Every SERVFAIL came less than ${fastServfailMilliseconds} ms after its query, too soon to have asked upstream servers: the resolver failed on what it already had, ` +
        `a resolution failure it had cached (RFC 9520), data that failed DNSSEC validation, or its own configuration.`,
      0.05,
    );
  }
  const denial = weighDenialOfService(context, 0.05, 0.35);
  return rankCauses([upstream, misconfiguration, denial, upAndListening(context)]);
}

export function refusedCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const refused = new CauseWeigher('access-refused', 0.7).for(
    `${window.server} answered ${plural(window.responses, 'query', 'queries')}${namesText(context)} with REFUSED (rcode 5): ` +
      `its policy does not serve these clients, e.g. an allow-query or allow-recursion list (RFC 1035 §4.1.1, RFC 8906 §3.1.5).`,
    0.05,
  );
  const misconfiguration = new CauseWeigher('misconfiguration', 0.3);
  if (
    window.responses > 0 &&
    window.responsesWithoutRecursion === window.responses &&
    window.recursionDesired > 0
  ) {
    misconfiguration.for(
      `The queries asked for recursion (RD set) and every REFUSED response had recursion available (RA) clear: ` +
        `the client uses an authoritative-only server as its resolver.`,
      0.25,
    );
  } else if (window.responsesWithoutRecursion < window.responses) {
    misconfiguration.against(
      'The server offers recursion (RA set): it is a resolver, refusing these clients on purpose.',
      0.1,
    );
  }
  const firewall = new CauseWeigher('firewall-blocking', 0.03).against(
    'The query reached the DNS server, which answered.',
  );
  return rankCauses([refused, misconfiguration, firewall, upAndListening(context)]);
}

export function nxdomainCauses(context: CauseContext): Cause[] {
  const window = context.window;
  const distinct = window.names.size + (window.names.overflow > 0 ? 1 : 0);
  const burst = window.queries >= context.thresholds.nxdomainBurst;
  const missing = new CauseWeigher('name-does-not-exist', 0.7).for(
    `${window.server} answered NXDOMAIN (rcode 3) ${plural(window.responses, 'time')}${namesText(context)}: ` +
      `the name does not exist, nor anything below it (RFC 1035 §4.1.1, RFC 8020).`,
    0.05,
  );
  const misconfiguration = new CauseWeigher('misconfiguration', 0.3);
  if (distinct <= 3 && window.queries >= 2) {
    misconfiguration.for(
      `The clients keep asking for the same ${plural(distinct, 'name')} (${plural(window.queries, 'time')}): ` +
        `a stale or mistyped setting (a removed host, a typo, a wrong search domain) rather than a person exploring.`,
      0.15,
    );
  }
  const denial = new CauseWeigher('denial-of-service', 0.05);
  if (burst && distinct >= 20) {
    denial.for(
      `${plural(window.queries, 'NXDOMAIN answer')} for ${distinct}${window.names.overflow > 0 ? '+' : ''} distinct names: ` +
        `the random-subdomain ("water torture") pattern that exhausts resolvers.`,
      0.45,
    );
  } else {
    denial.against(`Only ${plural(distinct, 'distinct name')}: no random-subdomain pattern.`, 0.03);
  }
  const upstream = new CauseWeigher('upstream-failure', 0.05).against(
    'A failing upstream gives SERVFAIL; NXDOMAIN is an authoritative answer that the name is absent.',
    0.02,
  );
  return rankCauses([missing, misconfiguration, denial, upstream]);
}
