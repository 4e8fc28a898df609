/** The incident's one sentence a person can read, and the notes that qualify it. */
import type { IncidentKind } from '../report/analysis-schema';
import type { IncidentWindow } from './incident-window';
import { clockOfMicroseconds, durationText } from './time-format';

const failureText: Record<IncidentKind, string> = {
  'dns-port-unreachable': 'answered by ICMP port unreachable',
  'dns-admin-prohibited': 'answered by ICMP administratively prohibited',
  'dns-host-unreachable': 'answered by ICMP host unreachable',
  'dns-network-unreachable': 'answered by ICMP network unreachable',
  'dns-timeout': 'unanswered (no response, no ICMP error)',
  'dns-nxdomain': 'answered NXDOMAIN',
  'dns-servfail': 'answered SERVFAIL',
  'dns-refused': 'answered REFUSED',
  'dns-query-flood': 'flooding the server',
  'ttl-exceeded': 'ICMP time exceeded in transit',
  'fragmentation-needed': 'ICMP fragmentation needed / packet too big',
};

const stateText: Record<IncidentKind, string> = {
  'dns-port-unreachable': 'was unreachable',
  'dns-admin-prohibited': 'was blocked',
  'dns-host-unreachable': 'was unreachable',
  'dns-network-unreachable': 'was unreachable',
  'dns-timeout': 'did not answer',
  'dns-nxdomain': 'denied that names exist',
  'dns-servfail': 'failed to resolve',
  'dns-refused': 'refused to answer',
  'dns-query-flood': 'was flooded with queries',
  'ttl-exceeded': 'could not be reached (TTL exceeded)',
  'fragmentation-needed': 'sat behind a smaller MTU',
};

function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

export function summaryOf(
  window: IncidentWindow,
  protocol: string,
  namesShown: string[],
  evidenceNote: string | undefined,
): string {
  const service = `${protocol} over ${window.transport} port ${window.port} at ${window.server}`;
  const span = `from ${clockOfMicroseconds(window.startMicroseconds)} to ${clockOfMicroseconds(window.endMicroseconds)} UTC (${durationText(window.endMicroseconds - window.startMicroseconds)})`;
  const names =
    namesShown.length > 0
      ? ` for ${namesShown.slice(0, 3).join(', ')}${namesShown.length > 3 ? ` and ${namesShown.length - 3} more` : ''}`
      : '';
  let what: string;
  switch (window.kind) {
    case 'dns-query-flood':
      what =
        window.clients.size > 0
          ? `${count(window.queries, 'query', 'queries')} from ${count(window.clients.size, 'client')}${window.clients.overflow > 0 ? ' or more' : ''}`
          : count(window.queries, 'query', 'queries');
      break;
    case 'ttl-exceeded':
    case 'fragmentation-needed':
      what = `${count(window.icmpErrors, 'error')}: ${failureText[window.kind]}${window.icmpSources.size > 0 ? ` from ${window.icmpSources.ranked().join(', ')}` : ''}`;
      break;
    default: {
      const source = window.icmpSources.top();
      const from =
        source === undefined
          ? ''
          : source === window.server
            ? ` from ${window.server} itself`
            : ` from ${source}`;
      what = `${count(window.queries, 'query', 'queries')}${names} ${failureText[window.kind]}${window.icmpErrors > 0 ? from : ''}`;
    }
  }
  const tail = evidenceNote ? ` ${evidenceNote}` : '';
  return `${service} ${stateText[window.kind]} ${span}: ${what}.${tail}`;
}

/** What the evidence list left out, for the notes and the end of the summary. */
export function evidenceNoteOf(shownEvidence: number, omittedEvidence: number): string | undefined {
  if (omittedEvidence <= 0) return undefined;
  return `Evidence shows ${shownEvidence} of ${shownEvidence + omittedEvidence} packets; ${omittedEvidence} were left out.`;
}

/** Caveats for the reader, most important first. */
export function notesOf(window: IncidentWindow, evidenceNote: string | undefined): string[] {
  const notes: string[] = [];
  if (window.kind.startsWith('dns-') && window.icmpErrors > 0 && window.icmpErrors < window.attempts) {
    const silent = window.attempts - window.icmpErrors;
    notes.push(
      `ICMP errors (${window.icmpErrors}) are fewer than the queries they answer (${count(window.attempts, 'attempt')} including ` +
        `retransmissions${window.joinedTimeouts > 0 ? `, ${count(window.joinedTimeouts, 'silent query', 'silent queries')} joined from timeouts` : ''}): ` +
        `${silent} got no error at all. Routers and hosts rate-limit ICMP errors (RFC 1812 §4.3.2.8, RFC 4443 §2.4(f), ` +
        `Linux net.ipv4.icmp_ratelimit), so the failures are more than the errors show.`,
    );
  }
  if (window.icmpWithoutQuery > 0) {
    notes.push(
      `${count(window.icmpWithoutQuery, 'ICMP error')} quoted a query the capture does not show (it started late or saw one ` +
        `direction only); each counts as a failed query from its quoted flow.`,
    );
  }
  if (evidenceNote) notes.push(evidenceNote);
  return notes;
}
