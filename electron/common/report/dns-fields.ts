/**
 * Explains a DNS line of the evidence field by field, the way tcpdump prints it
 * (print-domain.c): "35084+ A? yummyrecipesforme.com. (24)".
 */
import type { ListItem } from './report-document';
import type { DnsQueryText, DnsResponseText } from './tcpdump-line';

const queryTypeMeanings: Record<string, string> = {
  A: 'the IPv4 address of the name',
  AAAA: 'the IPv6 address of the name',
  MX: 'the mail servers of the domain',
  TXT: 'the text records of the name',
  NS: 'the name servers of the zone',
  CNAME: 'the canonical name the name is an alias of',
  PTR: 'the name of an address (a reverse lookup)',
  SOA: "the zone's start of authority",
  SRV: 'the servers of a service (RFC 2782)',
  HTTPS: 'the HTTPS service parameters of the name (RFC 9460)',
  SVCB: 'the service binding of the name (RFC 9460)',
  ANY: 'every record of the name (often abused for amplification)',
  DS: 'the delegation signer of a zone (DNSSEC)',
  DNSKEY: 'the DNSSEC keys of a zone',
};

const flagMeanings: Record<string, string> = {
  '+': 'recursion desired (RD): the client asks the server to resolve the name completely, as a stub resolver does',
  '%': 'checking disabled (CD): the client asks the server not to validate DNSSEC',
  $: 'authentic data (AD): DNSSEC-validated data is asked for (query) or vouched for (response)',
  '*': 'authoritative answer (AA): the server owns the zone',
  '-': 'recursion not available (RA clear): the server does not resolve names for clients',
  '|': 'truncated (TC): the answer did not fit; the client should retry over TCP',
};

const countMeanings: Record<string, string> = {
  a: 'answer records',
  q: 'questions (a standard query has one)',
  n: 'authority records',
  au: 'additional records, usually the EDNS OPT record (RFC 6891)',
};

function flagItems(flags: string): ListItem[] {
  return [...flags].map((flag) => ({
    content: [{ code: flag }, `: ${flagMeanings[flag] ?? 'a flag tcpdump marks'}.`],
  }));
}

export function queryFields(query: DnsQueryText): ListItem[] {
  const items: ListItem[] = [
    {
      content: [
        { code: String(query.id) },
        ': the query id. The client picks it and a response must carry the same id; that is how the client matches them.',
      ],
    },
  ];
  if (query.opcode) items.push({ content: [{ code: query.opcode }, ': the opcode; not a standard query.'] });
  items.push(...flagItems(query.flags));
  if (!query.flags.includes('+')) {
    items.push({
      content: [
        'No ',
        { code: '+' },
        ': recursion not desired; the client asks the server only for what it knows itself.',
      ],
    });
  }
  for (const count of query.counts) {
    const match = /^\[(\d+)([a-z]+)\]$/.exec(count);
    const meaning = match ? countMeanings[match[2]!] : undefined;
    items.push({
      content: [
        { code: count },
        meaning ? `: ${match![1]} ${meaning}.` : ': unusual header bits tcpdump shows as they are.',
      ],
    });
  }
  items.push(
    {
      content: [
        { code: `${query.type}?` },
        `: a question of type ${query.type}, asking for ${queryTypeMeanings[query.type] ?? `its ${query.type} records`}.`,
      ],
    },
    { content: [{ code: query.name }, ': the name asked for; the final dot is the DNS root.'] },
    { content: [{ code: `(${query.length})` }, `: the DNS message is ${query.length} bytes long.`] },
  );
  return items;
}

export function responseFields(response: DnsResponseText): ListItem[] {
  const items: ListItem[] = [
    { content: [{ code: String(response.id) }, ': the id of the query this response answers.'] },
    {
      content: response.rcode
        ? [{ code: response.rcode }, ': the response code (rcode); the lookup failed.']
        : ['No rcode shown: NOERROR, the lookup succeeded.'],
    },
    ...flagItems(response.flags),
    {
      content: [
        { code: `${response.answers}/${response.authorities}/${response.additionals}` },
        ': the numbers of answer, authority and additional records.',
      ],
    },
  ];
  if (response.records)
    items.push({ content: [{ code: response.records }, ': the records as tcpdump prints them.'] });
  items.push({
    content: [{ code: `(${response.length})` }, `: the DNS message is ${response.length} bytes long.`],
  });
  return items;
}
