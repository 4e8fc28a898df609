/**
 * DNS parameter names (IANA "Domain Name System (DNS) Parameters"), in two spellings:
 * - the registry's mnemonics, for reports and analysis ("NXDOMAIN", "HTTPS", RFC 3597's
 *   "TYPE65534" for types without one);
 * - tcpdump's (print-domain.c), for the tcpdump-compatible printer: it knows fewer types
 *   ("Type65" for HTTPS), and spells rcodes its own way (" NXDomain", with the space it prints).
 */

const typeNames: ReadonlyMap<number, string> = new Map([
  [1, 'A'],
  [2, 'NS'],
  [3, 'MD'],
  [4, 'MF'],
  [5, 'CNAME'],
  [6, 'SOA'],
  [7, 'MB'],
  [8, 'MG'],
  [9, 'MR'],
  [10, 'NULL'],
  [11, 'WKS'],
  [12, 'PTR'],
  [13, 'HINFO'],
  [14, 'MINFO'],
  [15, 'MX'],
  [16, 'TXT'],
  [17, 'RP'],
  [18, 'AFSDB'],
  [19, 'X25'],
  [20, 'ISDN'],
  [21, 'RT'],
  [22, 'NSAP'],
  [23, 'NSAP-PTR'],
  [24, 'SIG'],
  [25, 'KEY'],
  [26, 'PX'],
  [27, 'GPOS'],
  [28, 'AAAA'],
  [29, 'LOC'],
  [30, 'NXT'],
  [31, 'EID'],
  [32, 'NIMLOC'],
  [33, 'SRV'],
  [34, 'ATMA'],
  [35, 'NAPTR'],
  [36, 'KX'],
  [37, 'CERT'],
  [38, 'A6'],
  [39, 'DNAME'],
  [40, 'SINK'],
  [41, 'OPT'],
  [42, 'APL'],
  [43, 'DS'],
  [44, 'SSHFP'],
  [45, 'IPSECKEY'],
  [46, 'RRSIG'],
  [47, 'NSEC'],
  [48, 'DNSKEY'],
  [49, 'DHCID'],
  [50, 'NSEC3'],
  [51, 'NSEC3PARAM'],
  [52, 'TLSA'],
  [53, 'SMIMEA'],
  [55, 'HIP'],
  [56, 'NINFO'],
  [57, 'RKEY'],
  [58, 'TALINK'],
  [59, 'CDS'],
  [60, 'CDNSKEY'],
  [61, 'OPENPGPKEY'],
  [62, 'CSYNC'],
  [63, 'ZONEMD'],
  [64, 'SVCB'],
  [65, 'HTTPS'],
  [66, 'DSYNC'],
  [99, 'SPF'],
  [100, 'UINFO'],
  [101, 'UID'],
  [102, 'GID'],
  [103, 'UNSPEC'],
  [104, 'NID'],
  [105, 'L32'],
  [106, 'L64'],
  [107, 'LP'],
  [108, 'EUI48'],
  [109, 'EUI64'],
  [128, 'NXNAME'],
  [249, 'TKEY'],
  [250, 'TSIG'],
  [251, 'IXFR'],
  [252, 'AXFR'],
  [253, 'MAILB'],
  [254, 'MAILA'],
  [255, 'ANY'],
  [256, 'URI'],
  [257, 'CAA'],
  [258, 'AVC'],
  [259, 'DOA'],
  [260, 'AMTRELAY'],
  [261, 'RESINFO'],
  [262, 'WALLET'],
  [263, 'CLA'],
  [264, 'IPN'],
  [32768, 'TA'],
  [32769, 'DLV'],
]);

/** The type numbers tcpdump's ns_type2str names (1 to 48, 99 to 104, 249 to 256). */
function tcpdumpNamedTypes(): number[] {
  const types: number[] = [];
  for (const [first, last] of [
    [1, 48],
    [99, 104],
    [249, 256],
  ] as const) {
    for (let type = first; type <= last; type++) types.push(type);
  }
  return types;
}

/**
 * tcpdump's ns_type2str: the registry's mnemonics for the types it names, but for its own
 * spelling of two; every other type prints as "Type<n>".
 */
const tcpdumpTypeNames: ReadonlyMap<number, string> = new Map([
  ...tcpdumpNamedTypes().map((type): [number, string] => [type, typeNames.get(type)!]),
  [23, 'NSAP_PTR'],
  [104, 'UNSPECA'],
]);

/** The registry mnemonic of a type, or RFC 3597's "TYPE<n>". */
export function dnsTypeName(type: number): string {
  return typeNames.get(type) ?? `TYPE${type}`;
}

/** The type as tcpdump prints it: its mnemonic, or "Type<n>". */
export function tcpdumpDnsTypeName(type: number): string {
  return tcpdumpTypeNames.get(type) ?? `Type${type}`;
}

const classNames: ReadonlyMap<number, string> = new Map([
  [1, 'IN'],
  [3, 'CH'],
  [4, 'HS'],
  [254, 'NONE'], // RFC 2136
  [255, 'ANY'],
]);

/** The registry mnemonic of a class, or RFC 3597's "CLASS<n>". */
export function dnsClassName(dnsClass: number): string {
  return classNames.get(dnsClass) ?? `CLASS${dnsClass}`;
}

const tcpdumpClassNames: ReadonlyMap<number, string> = new Map([
  [1, 'IN'],
  [3, 'CHAOS'],
  [4, 'HS'],
  [255, 'ANY'],
]);

/** The class as tcpdump prints it: its name, or "(Class <n>)". */
export function tcpdumpDnsClassName(dnsClass: number): string {
  return tcpdumpClassNames.get(dnsClass) ?? `(Class ${dnsClass})`;
}

const rcodeNames: ReadonlyMap<number, string> = new Map([
  [0, 'NOERROR'],
  [1, 'FORMERR'],
  [2, 'SERVFAIL'],
  [3, 'NXDOMAIN'],
  [4, 'NOTIMP'],
  [5, 'REFUSED'],
  [6, 'YXDOMAIN'], // RFC 2136
  [7, 'YXRRSET'],
  [8, 'NXRRSET'],
  [9, 'NOTAUTH'],
  [10, 'NOTZONE'],
  [11, 'DSOTYPENI'], // RFC 8490
  [16, 'BADVERS'], // RFC 6891 (BADSIG in TSIG, RFC 8945)
  [17, 'BADKEY'],
  [18, 'BADTIME'],
  [19, 'BADMODE'],
  [20, 'BADNAME'],
  [21, 'BADALG'],
  [22, 'BADTRUNC'],
  [23, 'BADCOOKIE'], // RFC 7873
]);

/** The registry mnemonic of a (possibly EDNS-extended) rcode, or "RCODE<n>". */
export function dnsRcodeName(rcode: number): string {
  return rcodeNames.get(rcode) ?? `RCODE${rcode}`;
}

/** tcpdump's ns_resp table, spaces and all (two entries lack the space in tcpdump itself). */
const tcpdumpRcodes: readonly string[] = [
  '',
  ' FormErr',
  ' ServFail',
  ' NXDomain',
  ' NotImp',
  ' Refused',
  ' YXDomain',
  ' YXRRSet',
  ' NXRRSet',
  ' NotAuth',
  ' NotZone',
  ' Resp11',
  ' Resp12',
  ' Resp13',
  ' Resp14',
  ' NoChange',
  ' BadVers',
  'Resp17',
  ' Resp18',
  ' Resp19',
  ' Resp20',
  'Resp21',
  ' Resp22',
  ' BadCookie',
];

/** What tcpdump prints after a response's id for its rcode: "" for NOERROR, " NXDomain", " Resp<n>". */
export function tcpdumpRcodeText(rcode: number): string {
  return tcpdumpRcodes[rcode] ?? ` Resp${rcode & 0xfff}`;
}

const opcodeNames: ReadonlyMap<number, string> = new Map([
  [0, 'QUERY'],
  [1, 'IQUERY'], // RFC 3425 (obsolete)
  [2, 'STATUS'],
  [4, 'NOTIFY'], // RFC 1996
  [5, 'UPDATE'], // RFC 2136
  [6, 'DSO'], // RFC 8490
]);

/** The registry mnemonic of an opcode, or "OPCODE<n>". */
export function dnsOpcodeName(opcode: number): string {
  return opcodeNames.get(opcode) ?? `OPCODE${opcode}`;
}

/** tcpdump's ns_ops: what it prints after the id for each opcode. */
const tcpdumpOpcodes: readonly string[] = [
  '',
  ' inv_q',
  ' stat',
  ' op3',
  ' notify',
  ' update',
  ' op6',
  ' op7',
  ' op8',
  ' updateA',
  ' updateD',
  ' updateDA',
  ' updateM',
  ' updateMA',
  ' zoneInit',
  ' zoneRef',
];

/** What tcpdump prints after the id for an opcode ("" for a query, " notify", ...). */
export function tcpdumpOpcodeText(opcode: number): string {
  return tcpdumpOpcodes[opcode & 0x0f]!;
}

const ednsOptionNames: ReadonlyMap<number, string> = new Map([
  [1, 'LLQ'],
  [2, 'UL'],
  [3, 'NSID'], // RFC 5001
  [5, 'DAU'], // RFC 6975
  [6, 'DHU'],
  [7, 'N3U'],
  [8, 'ECS'], // RFC 7871
  [9, 'EXPIRE'], // RFC 7314
  [10, 'COOKIE'], // RFC 7873
  [11, 'KEEPALIVE'], // RFC 7828
  [12, 'PADDING'], // RFC 7830
  [13, 'CHAIN'], // RFC 7901
  [14, 'KEY-TAG'], // RFC 8145
  [15, 'EDE'], // RFC 8914
  [16, 'CLIENT-TAG'],
  [17, 'SERVER-TAG'],
  [18, 'REPORT-CHANNEL'], // RFC 9567
  [19, 'ZONEVERSION'], // RFC 9660
]);

/** The registry name of an EDNS option code, or "OPT<n>". */
export function ednsOptionName(code: number): string {
  return ednsOptionNames.get(code) ?? `OPT${code}`;
}

/** The option as tcpdump prints it: it does not know EDE and later codes, which print as "Opt<n>". */
export function tcpdumpEdnsOptionName(code: number): string {
  return code === 15 || code > 17 ? `Opt${code}` : (ednsOptionNames.get(code) ?? `Opt${code}`);
}
