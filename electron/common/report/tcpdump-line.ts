/**
 * Reads back the tcpdump-style evidence lines of the analysis, so the report can explain
 * them field by field ("35084+ A? name. (24)": id, recursion desired, type A, length).
 * The formats are tcpdump's print-domain.c (ns_print) and print-icmp.c. A line this does
 * not recognise is still shown as evidence, only without the explanation.
 */

export interface DnsQueryText {
  id: number;
  /** ' inv_q', ' notify', ... as tcpdump prints non-query opcodes; '' for a standard query. */
  opcode: string;
  /** The flag characters after the id: '+' recursion desired, '%' checking disabled, '$' authentic data. */
  flags: string;
  /** Bracketed counts such as '[1au]' (one additional record, usually EDNS). */
  counts: string[];
  type: string;
  name: string;
  length: number;
}

export interface DnsResponseText {
  id: number;
  opcode: string;
  /** tcpdump's rcode name (NXDomain, ServFail, Refused, ...); '' for NOERROR. */
  rcode: string;
  /** '*' authoritative, '-' recursion not available, '|' truncated, '$' authentic data. */
  flags: string;
  answers: number;
  authorities: number;
  additionals: number;
  /** The records as printed, e.g. 'A 192.0.2.1'. */
  records: string;
  length: number;
}

export interface TcpdumpLine {
  /** The time as printed, when the line starts with one. */
  time?: string;
  source?: string;
  destination?: string;
  kind: 'dns-query' | 'dns-response' | 'icmp-error' | 'other';
  query?: DnsQueryText;
  response?: DnsResponseText;
  /** For ICMP: the text after 'ICMP ' or 'ICMP6, ' ('203.0.113.2 udp port 53 unreachable, length 254'). */
  icmp?: string;
}

const opcodes = '(?: (?:inv_q|stat|op\\d+|notify|update|dso))?';
const headPattern = /^(?:(?:\d{4}-\d{2}-\d{2} )?(\d{1,2}:\d{2}:\d{2}(?:\.\d+)?) )?IP6? (\S+) > (\S+): (.*)$/s;
const queryPattern = new RegExp(
  `^(\\d+)(${opcodes})([+%$]*)((?: \\[[^\\]]*\\])*) ([A-Za-z0-9_-]+)\\? (.*) \\((\\d+)\\)$`,
  's',
);
const responsePattern = new RegExp(
  `^(\\d+)(${opcodes})((?: [A-Z][A-Za-z0-9]*)?)([*|$-]*) (?:q: \\S+\\? .*? )?(\\d+)/(\\d+)/(\\d+)(.*) \\((\\d+)\\)$`,
  's',
);

export function parseTcpdumpLine(line: string): TcpdumpLine {
  const head = headPattern.exec(line.trim());
  if (!head) return { kind: 'other' };
  const [, time, source, destination, rest = ''] = head;
  const base = { ...(time ? { time } : {}), source: source!, destination: destination!.replace(/:$/, '') };
  const icmp = /^ICMP6?,? (.*)$/s.exec(rest);
  if (icmp) return { ...base, kind: 'icmp-error', icmp: icmp[1]! };
  const query = queryPattern.exec(rest);
  if (query) {
    return {
      ...base,
      kind: 'dns-query',
      query: {
        id: Number(query[1]),
        opcode: query[2]!.trim(),
        flags: query[3]!,
        counts: query[4]!.match(/\[[^\]]*\]/g) ?? [],
        type: query[5]!,
        name: query[6]!,
        length: Number(query[7]),
      },
    };
  }
  const response = responsePattern.exec(rest);
  if (response) {
    return {
      ...base,
      kind: 'dns-response',
      response: {
        id: Number(response[1]),
        opcode: response[2]!.trim(),
        rcode: response[3]!.trim(),
        flags: response[4]!,
        answers: Number(response[5]),
        authorities: Number(response[6]),
        additionals: Number(response[7]),
        records: response[8]!.trim(),
        length: Number(response[9]),
      },
    };
  }
  return { ...base, kind: 'other' };
}
