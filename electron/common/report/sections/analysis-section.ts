/**
 * Analysis of the data: per incident the window, what was sent and received, the ICMP
 * message or DNS rcode explained, the DNS fields of the evidence explained; then the counts.
 */
import type { Analysis, Incident } from '../analysis-schema';
import { answerDelayText } from '../answer-delay-text';
import { queryFields, responseFields } from '../dns-fields';
import { icmpMessage, icmpName, kindTexts, serviceText } from '../incident-kind-text';
import { codeList, countOf } from '../inline-text';
import type { Block, Inline, ReportSection } from '../report-document';
import type { ReportInput } from '../report-input';
import { parseTcpdumpLine, type TcpdumpLine } from '../tcpdump-line';
import { durationBetween } from '../time-format';
import { displayTimeIn } from '../undated-capture';

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** '192.51.100.15.52444' → '52444' (tcpdump joins address and port with a dot). */
function portOf(endpoint: string | undefined): string | undefined {
  const match = endpoint ? /\.(\d+)$/.exec(endpoint) : null;
  return match ? match[1] : undefined;
}

function factsOf(incident: Incident, analysis: Analysis): Block {
  return {
    kind: 'facts',
    rows: [
      { label: 'Kind', value: [{ code: incident.kind }, `: ${kindTexts[incident.kind].label}`] },
      { label: 'Severity', value: [incident.severity] },
      { label: 'Service', value: [`${serviceText(incident)} at `, { code: incident.server.address }] },
      { label: 'First failing packet', value: [displayTimeIn(analysis, incident.start)] },
      { label: 'Last failing packet', value: [displayTimeIn(analysis, incident.end)] },
      { label: 'Duration', value: [durationBetween(incident.start, incident.end)] },
      incident.kind === 'dns-query-flood'
        ? { label: 'Queries in the window', value: [String(incident.queries)] }
        : { label: 'Failed queries', value: [String(incident.queries)] },
      { label: `${icmpName(incident)} errors`, value: [String(incident.icmpErrors)] },
      {
        label: `${icmpName(incident)} sent by`,
        value: incident.icmpSource ? [{ code: incident.icmpSource }] : ['nobody'],
      },
      { label: 'Clients', value: incident.clients.length > 0 ? codeList(incident.clients) : ['none seen'] },
      { label: 'Names', value: incident.names.length > 0 ? codeList(incident.names) : ['none seen'] },
      {
        label: 'Recovered',
        value: incident.recovered
          ? [displayTimeIn(analysis, incident.recovered)]
          : ['not within the capture'],
      },
    ],
  };
}

function sentAndReceived(incident: Incident, lines: TcpdumpLine[]): Block[] {
  const queries = lines.filter((line) => line.kind === 'dns-query');
  const errors = lines.filter((line) => line.kind === 'icmp-error');
  const responses = lines.filter((line) => line.kind === 'dns-response');
  const blocks: Block[] = [];
  const types = unique(queries.map((line) => line.query!.type));
  const sent: Inline[] = [
    { strong: 'Sent:' },
    ` ${countOf(incident.queries, `${incident.protocol} query`, `${incident.protocol} queries`)} from `,
    ...(incident.clients.length > 0 ? codeList(incident.clients, 5) : ['the clients']),
    ` to `,
    { code: incident.server.address },
    ` ${incident.transport} port ${incident.server.port}`,
  ];
  if (incident.names.length > 0) sent.push(' for ', ...codeList(incident.names, 5));
  if (types.length > 0) sent.push(`, of type ${types.join(', ')}`);
  sent.push('.');
  const ids = unique(queries.map((line) => line.query!.id));
  const ports = unique(queries.map((line) => portOf(line.source)).filter((port) => port !== undefined));
  if (queries.length > 1 && ids.length === 1 && ports.length === 1) {
    sent.push(
      ` Every query in the evidence carries the same id ${ids[0]} from the same source port ${ports[0]}: the client sent the same lookup ${queries.length} times.`,
    );
  }
  blocks.push({ kind: 'paragraph', content: sent });
  // A flood is about what was sent; its evidence samples the queries, not the answers.
  if (incident.kind === 'dns-query-flood') return blocks;

  const received: Inline[] = [{ strong: 'Received:' }, ' '];
  if (incident.icmpErrors > 0) {
    received.push(`${countOf(incident.icmpErrors, `${icmpName(incident)} error`)}`);
    if (incident.icmpSource) received.push(' from ', { code: incident.icmpSource });
    const texts = unique(errors.map((line) => line.icmp!.replace(/,? length \d+$/, '')));
    if (texts.length > 0) received.push(', which tcpdump prints as ', ...codeList(texts, 3));
    received.push(responses.length === 0 ? ', and no DNS response.' : '.');
  } else if (responses.length > 0) {
    const rcode = kindTexts[incident.kind].rcode;
    const printed = unique(responses.map((line) => line.response!.rcode || 'NOERROR'));
    received.push(
      rcode
        ? `${countOf(incident.queries, 'DNS response')} with rcode ${rcode.name}, which tcpdump prints as `
        : 'DNS responses with rcode ',
      ...codeList(printed, 3),
      '.',
    );
  } else {
    received.push('nothing: no response and no ICMP error.');
  }
  blocks.push({ kind: 'paragraph', content: received });
  const delay = answerDelayText(incident);
  if (delay) blocks.push({ kind: 'paragraph', content: delay });
  return blocks;
}

function explanation(incident: Incident): Block[] {
  const text = kindTexts[incident.kind];
  const message = icmpMessage(incident);
  const blocks: Block[] = [];
  if (message && text.icmp) {
    blocks.push({
      kind: 'paragraph',
      content: [
        { strong: `${icmpName(incident)} type ${message.type} code ${message.code}` },
        ` is "${message.typeName}"${message.codeName ? ` with code "${message.codeName}"` : ''}. ${text.icmp.meaning}`,
      ],
    });
    blocks.push({
      kind: 'paragraph',
      content: [
        `These are ${icmpName(incident)} error messages, not echo replies: an echo reply (${icmpName(incident) === 'ICMP' ? 'type 0' : 'type 129'}) only answers a ping. An error message quotes the IP header and the first bytes of the datagram that failed, here the ${incident.protocol} query, which is how each error is tied to its query.`,
      ],
    });
  }
  if (text.rcode) {
    blocks.push({
      kind: 'paragraph',
      content: [{ strong: `${text.rcode.name} (rcode ${text.rcode.value})` }, `: ${text.rcode.meaning}`],
    });
  }
  return blocks;
}

function fieldExplanations(lines: TcpdumpLine[]): Block[] {
  const blocks: Block[] = [];
  const query = lines.find((line) => line.kind === 'dns-query')?.query;
  if (query) {
    blocks.push(
      {
        kind: 'paragraph',
        content: [
          'The query line ',
          {
            code: `${query.id}${query.opcode ? ` ${query.opcode}` : ''}${query.flags}${query.counts.map((count) => ` ${count}`).join('')} ${query.type}? ${query.name} (${query.length})`,
          },
          ' reads:',
        ],
      },
      { kind: 'list', ordered: false, items: queryFields(query) },
    );
  }
  const response = lines.find((line) => line.kind === 'dns-response')?.response;
  if (response) {
    blocks.push(
      { kind: 'paragraph', content: ['The first response reads:'] },
      { kind: 'list', ordered: false, items: responseFields(response) },
    );
  }
  return blocks;
}

/** Counts the analyzer adds beyond the contract's (fields may be added), in words where known. */
const extraCountLabels: Record<string, string> = {
  unsolicited: 'DNS responses no query asked for',
  lateAnswers: 'Answers that came after the timeout',
};

const contractCounts = new Set([
  'queries',
  'retransmissions',
  'responses',
  'unanswered',
  'pending',
  'failedWithIcmp',
  'rcodes',
]);

function countsTable(analysis: Analysis): Block {
  const { dns, icmp } = analysis;
  const extras = Object.entries(dns as Record<string, unknown>).filter(
    (entry): entry is [string, number] => !contractCounts.has(entry[0]) && typeof entry[1] === 'number',
  );
  const rows: [string, number][] = [
    ['DNS queries (a retransmission counts once)', dns.queries],
    ['Retransmissions', dns.retransmissions],
    ['DNS responses', dns.responses],
    ...Object.entries(dns.rcodes).map(([rcode, count]): [string, number] => [
      `DNS responses with rcode ${rcode}`,
      count,
    ]),
    ['Queries failed with an ICMP error', dns.failedWithIcmp],
    ['Queries unanswered (older than the timeout)', dns.unanswered],
    ['Queries pending at capture end', dns.pending],
    ...extras.map(([key, count]): [string, number] => [extraCountLabels[key] ?? key, count]),
    ...(dns.latency
      ? ([
          ['Response time, median (ms)', dns.latency.medianMilliseconds],
          ['Response time, 95th percentile (ms)', dns.latency.p95Milliseconds],
          ['Response time, slowest (ms)', dns.latency.maxMilliseconds],
        ] as [string, number][])
      : []),
    ['ICMP and ICMPv6 errors', icmp.errors],
    ...Object.entries(icmp.byKind).map(([kind, count]): [string, number] => [`ICMP errors: ${kind}`, count]),
  ];
  return {
    kind: 'table',
    columns: ['Count', 'Value'],
    rows: rows.map(([label, value]) => [[label], [String(value)]]),
  };
}

export function analysisSection(input: ReportInput): ReportSection {
  const { analysis } = input;
  const blocks: Block[] = [];
  for (const incident of analysis.incidents) {
    const lines = incident.evidence.map((evidence) => parseTcpdumpLine(evidence.line));
    blocks.push(
      {
        kind: 'heading',
        content: [`${incident.id}: ${serviceText(incident)} at ${incident.server.address}`],
      },
      factsOf(incident, analysis),
      ...(incident.notes?.length
        ? [
            {
              kind: 'list' as const,
              ordered: false,
              items: incident.notes.map((note) => ({ content: [{ strong: 'Note:' }, ' ', note] })),
            },
          ]
        : []),
      ...sentAndReceived(incident, lines),
      ...explanation(incident),
      ...fieldExplanations(lines),
    );
  }
  blocks.push({ kind: 'heading', content: ['Counts over the whole capture'] }, countsTable(analysis));
  return { id: 'analysis', title: 'Analysis of the data', blocks };
}
