/**
 * DNS names as tcpdump 4.99 prints them (print-domain.c): record types, classes, opcodes and
 * response codes (RFC 1035, RFC 6895 and the IANA DNS parameters registry), EDNS option codes
 * (RFC 6891 and successors) and the DNSSEC algorithm lists of RFC 6975. The printer keeps its
 * own tables: tcpdump's spelling ("Type257" for CAA, "NXDomain", "DS" for DSA in DAU) is the
 * point, not the registry's.
 */

export const typeNames: ReadonlyMap<number, string> = new Map([
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
  [23, 'NSAP_PTR'],
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
  [99, 'SPF'],
  [100, 'UINFO'],
  [101, 'UID'],
  [102, 'GID'],
  [103, 'UNSPEC'],
  [104, 'UNSPECA'],
  [249, 'TKEY'],
  [250, 'TSIG'],
  [251, 'IXFR'],
  [252, 'AXFR'],
  [253, 'MAILB'],
  [254, 'MAILA'],
  [255, 'ANY'],
  [256, 'URI'],
]);

export function typeName(type: number): string {
  return typeNames.get(type) ?? `Type${type}`;
}

const classNames: ReadonlyMap<number, string> = new Map([
  [1, 'IN'],
  [3, 'CHAOS'],
  [4, 'HS'],
  [255, 'ANY'],
]);

export function className(value: number): string {
  return classNames.get(value) ?? `(Class ${value})`;
}

/** Opcodes, each with its leading space (RFC 1035, RFC 1996 notify, RFC 2136 update). */
export const opcodeTexts = [
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

// tcpdump's table, including its two entries without the leading space (17 and 21).
const rcodeTexts = [
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

/** The response code with EDNS's extended bits merged (RFC 6891 §6.1.3). */
export function rcodeText(rcode: number): string {
  return rcodeTexts[rcode] ?? ` Resp${rcode & 0xfff}`;
}

export const ednsOptionNames: ReadonlyMap<number, string> = new Map([
  [1, 'LLQ'],
  [2, 'UL'],
  [3, 'NSID'],
  [5, 'DAU'],
  [6, 'DHU'],
  [7, 'N3U'],
  [8, 'ECS'],
  [9, 'EXPIRE'],
  [10, 'COOKIE'],
  [11, 'KEEPALIVE'],
  [12, 'PADDING'],
  [13, 'CHAIN'],
  [14, 'KEY-TAG'],
  [16, 'CLIENT-TAG'],
  [17, 'SERVER-TAG'],
]);

/** DNSSEC algorithms understood (RFC 6975 DAU), tcpdump's spelling. */
export const signingAlgorithmNames: ReadonlyMap<number, string> = new Map([
  [0, 'DELETE'],
  [1, 'RSAMD5'],
  [2, 'DH'],
  [3, 'DS'],
  [5, 'RSASHA1'],
  [6, 'DSA-NSEC3-SHA1'],
  [7, 'RSASHA1-NSEC3-SHA1'],
  [8, 'RSASHA256'],
  [10, 'RSASHA512'],
  [12, 'ECC-GOST'],
  [13, 'ECDSAP256SHA256'],
  [14, 'ECDSAP384SHA384'],
  [15, 'ED25519'],
  [16, 'ED448'],
  [252, 'INDIRECT'],
  [253, 'PRIVATEDNS'],
  [254, 'PRIVATEOID'],
]);

/** DS hash algorithms understood (RFC 6975 DHU). */
export const digestAlgorithmNames: ReadonlyMap<number, string> = new Map([
  [1, 'SHA-1'],
  [2, 'SHA-256'],
  [3, 'GOST_R_34.11-94'],
  [4, 'SHA-384'],
]);

/** NSEC3 hash algorithms understood (RFC 6975 N3U). */
export const nsec3HashNames: ReadonlyMap<number, string> = new Map([[1, 'SHA-1']]);
