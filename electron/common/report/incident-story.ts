/**
 * The incident told in sentences: what failed and how, what it means, and who was hit.
 * Used by the summary; the numbers come from the incident, never from guesses.
 */
import type { Analysis, Incident } from './analysis-schema';
import { codeList, countOf } from './inline-text';
import { icmpMessage, icmpMessagePhrase, icmpName, kindTexts, serviceText } from './incident-kind-text';
import type { Inline } from './report-document';
import { isUndated } from './undated-capture';
import { clockOf, dateOf, displayTime, durationBetween } from './time-format';

/** '**DNS over UDP port 53 at `203.0.113.2` was unreachable** from ... to ... (duration)'. */
export function headline(incident: Incident, analysis: Analysis): Inline[] {
  const text = kindTexts[incident.kind];
  const sameDay = dateOf(incident.start) === dateOf(incident.end);
  const day = isUndated(analysis) ? '(the log carries no date)' : `on ${dateOf(incident.start)}`;
  const window = sameDay
    ? `from ${clockOf(incident.start)} to ${clockOf(incident.end)} UTC ${day}`
    : `from ${displayTime(incident.start)} to ${displayTime(incident.end)}`;
  return [
    { strong: `${serviceText(incident)} at ${incident.server.address} was ${text.state}` },
    ` ${window} (${durationBetween(incident.start, incident.end)})`,
    ending(incident, analysis),
  ];
}

/** How the window closed: recovery, still failing at capture end, or no success seen after it. */
function ending(incident: Incident, analysis: Analysis): string {
  const flood = incident.kind === 'dns-query-flood';
  if (incident.recovered) {
    return `; it ${flood ? 'calmed down' : 'answered normally again'} at ${clockOf(incident.recovered)} UTC.`;
  }
  if (analysis.capture.end === null || incident.end === analysis.capture.end) {
    return flood
      ? ', and still going on when the capture ended.'
      : ', and still failing when the capture ended.';
  }
  return `; no success from it was seen before the capture ended at ${clockOf(analysis.capture.end)} UTC.`;
}

/** How the failure shows in the packets, and what that proves. */
export function howItFailed(incident: Incident): Inline[] {
  const text = kindTexts[incident.kind];
  const message = icmpMessage(incident);
  const queries = countOf(incident.queries, 'query', 'queries');
  if (message) {
    const all = incident.icmpErrors >= incident.queries;
    const fromServer = incident.icmpSource === incident.server.address;
    const sender: Inline[] = incident.icmpSource
      ? [
          ', sent by ',
          { code: incident.icmpSource },
          fromServer ? ' itself' : ', a device on the path, not the server',
        ]
      : [];
    const result: Inline[] = [
      all
        ? incident.queries === 1
          ? 'The query was answered by '
          : `Every one of the ${queries} was answered by `
        : `${incident.icmpErrors} of the ${queries} were answered by `,
      `an ${icmpName(incident)} ${icmpMessagePhrase(message)}`,
      ...sender,
      '.',
    ];
    if (!all) {
      result.push(
        ' The others got no answer at all: hosts and routers limit how many ICMP errors they send (RFC 1812 §4.3.2.8), so failures can be hidden.',
      );
    }
    result.push(' ', meaningOf(incident, fromServer));
    return result;
  }
  if (text.rcode) {
    return [
      `The server answered ${queries} with ${text.rcode.name} (rcode ${text.rcode.value}). ${text.rcode.meaning}`,
    ];
  }
  if (incident.kind === 'dns-timeout') {
    return [
      `${queries} got neither a response nor an ICMP error within the timeout: the packets vanished without a trace. A firewall that drops silently, a lost path, or a server that is down give this picture.`,
    ];
  }
  return [
    `The clients sent ${queries} between the incident's first and last packet, far above the capture's normal rate: the pattern of a denial-of-service flood.`,
  ];
}

function meaningOf(incident: Incident, fromServer: boolean): string {
  switch (incident.kind) {
    case 'dns-port-unreachable':
      return fromServer
        ? `The host is up, since it answered, but nothing listens for ${incident.protocol} on ${incident.transport} port ${incident.server.port}.`
        : `A device on the path reports the port closed on the server's behalf, which points at a firewall rejecting the traffic.`;
    case 'dns-admin-prohibited':
      return fromServer
        ? "The server's own packet filter rejects the queries."
        : 'A filtering router or firewall on the path rejects the queries before they reach the server.';
    case 'dns-host-unreachable':
      return 'The last router before the server cannot reach it: the server is down or disconnected.';
    case 'dns-network-unreachable':
      return "A router on the path has no route to the server's network.";
    case 'ttl-exceeded':
      return 'The packets expired in transit: a routing loop, or a TTL set too small.';
    case 'fragmentation-needed':
      return 'A link on the path has a smaller MTU than the packets sent.';
    default:
      return '';
  }
}

/** Names that could not be resolved and the clients hit. */
export function impact(incident: Incident): Inline[] {
  const clients = countOf(incident.clients.length, 'client');
  const result: Inline[] = ['Impact: '];
  if (incident.names.length > 0 && incident.kind !== 'dns-query-flood') {
    result.push(
      incident.names.length === 1 ? 'the name ' : 'the names ',
      ...codeList(incident.names, 5),
      ` could not be resolved for ${clients}`,
    );
  } else {
    result.push(`${clients} affected`);
  }
  if (incident.clients.length > 0) result.push(' (', ...codeList(incident.clients, 5), ')');
  result.push(
    incident.protocol.toUpperCase() === 'DNS' && incident.kind !== 'dns-query-flood'
      ? '. Without an address for the name, a browser cannot even start to connect to the website.'
      : '.',
    ` Severity: ${incident.severity}.`,
  );
  return result;
}
