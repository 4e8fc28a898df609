/**
 * The names tcpdump prints, mapped back to numbers: service names (without `-n` tcpdump
 * prints /etc/services names, e.g. `.domain` for port 53), DNS types, classes, opcodes and
 * response codes as print-domain.c spells them.
 */

/** Debian's /etc/services names for the ports an analyst meets most. */
const servicePorts: Record<string, number> = {
  'ftp-data': 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  time: 37,
  tacacs: 49,
  whois: 43,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  gopher: 70,
  finger: 79,
  http: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  auth: 113,
  nntp: 119,
  ntp: 123,
  epmap: 135,
  'netbios-ns': 137,
  'netbios-dgm': 138,
  'netbios-ssn': 139,
  imap2: 143,
  snmp: 161,
  'snmp-trap': 162,
  xdmcp: 177,
  bgp: 179,
  ldap: 389,
  svrloc: 427,
  https: 443,
  snpp: 444,
  'microsoft-ds': 445,
  kpasswd: 464,
  submissions: 465,
  isakmp: 500,
  syslog: 514,
  shell: 514,
  printer: 515,
  route: 520,
  'dhcpv6-client': 546,
  'dhcpv6-server': 547,
  rtsp: 554,
  nntps: 563,
  submission: 587,
  ipp: 631,
  ldaps: 636,
  'kerberos-adm': 749,
  'domain-s': 853,
  rsync: 873,
  ftps: 990,
  imaps: 993,
  pop3s: 995,
  socks: 1080,
  openvpn: 1194,
  'ms-sql-s': 1433,
  'ms-sql-m': 1434,
  l2f: 1701,
  radius: 1812,
  'radius-acct': 1813,
  nfs: 2049,
  mysql: 3306,
  'ms-wbt-server': 3389,
  svn: 3690,
  ntske: 4460,
  'ipsec-nat-t': 4500,
  sip: 5060,
  'sip-tls': 5061,
  xmpp: 5222,
  'xmpp-client': 5222,
  'xmpp-server': 5269,
  mdns: 5353,
  postgresql: 5432,
  amqp: 5672,
  x11: 6000,
  redis: 6379,
  babel: 6696,
  'http-alt': 8080,
  puppet: 8140,
  git: 9418,
  webmin: 10000,
};

/** A port as tcpdump printed it: a number, or a service name. undefined when unknown. */
export function portFromText(text: string): number | undefined {
  if (/^\d{1,5}$/.test(text)) {
    const port = Number(text);
    return port <= 65535 ? port : undefined;
  }
  return servicePorts[text];
}

/** DNS RR types (IANA registry) with tcpdump's spelling. */
const dnsTypes: Record<string, number> = {
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  WKS: 11,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  X25: 19,
  ISDN: 20,
  RT: 21,
  NSAP: 22,
  NSAP_PTR: 23,
  SIG: 24,
  KEY: 25,
  PX: 26,
  GPOS: 27,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  EID: 31,
  NIMLOC: 32,
  SRV: 33,
  ATMA: 34,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  SINK: 40,
  OPT: 41,
  APL: 42,
  DS: 43,
  SSHFP: 44,
  IPSECKEY: 45,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  SMIMEA: 53,
  HIP: 55,
  NINFO: 56,
  RKEY: 57,
  TALINK: 58,
  CDS: 59,
  CDNSKEY: 60,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  SPF: 99,
  UINFO: 100,
  UID: 101,
  GID: 102,
  UNSPEC: 103,
  NID: 104,
  L32: 105,
  L64: 106,
  LP: 107,
  EUI48: 108,
  EUI64: 109,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  MAILB: 253,
  MAILA: 254,
  ANY: 255,
  URI: 256,
  CAA: 257,
  AVC: 258,
  DOA: 259,
  AMTRELAY: 260,
  TA: 32768,
  DLV: 32769,
  UNSPECA: 103,
};

/** `A`, `AAAA`, ... or tcpdump's `Type65534` for unnamed types. */
export function dnsTypeFromText(text: string): number | undefined {
  const named = dnsTypes[text];
  if (named !== undefined) return named;
  const numbered = /^Type(\d{1,5})$/.exec(text);
  return numbered ? Number(numbered[1]) : undefined;
}

/** Classes other than IN, which tcpdump does not print. */
export function dnsClassFromText(text: string): number | undefined {
  const named: Record<string, number> = { IN: 1, CHAOS: 3, CH: 3, HS: 4, NONE: 254, ANY: 255 };
  if (named[text] !== undefined) return named[text];
  const numbered = /^\(Class (\d{1,5})\)$/.exec(text);
  return numbered ? Number(numbered[1]) : undefined;
}

/** Opcodes as print-domain.c prints them after the id (" notify", " update", " op6"). */
export function dnsOpcodeFromText(text: string): number | undefined {
  const named: Record<string, number> = { inv_q: 1, stat: 2, notify: 4, update: 5 };
  if (named[text] !== undefined) return named[text];
  const numbered = /^op(\d{1,2})$/.exec(text);
  return numbered && Number(numbered[1]) < 16 ? Number(numbered[1]) : undefined;
}

/** Response codes (RFC 1035, 2136, 6891, 7873) as tcpdump names them; `Resp12` for others. */
const dnsRcodes: Record<string, number> = {
  FormErr: 1,
  ServFail: 2,
  NXDomain: 3,
  NotImp: 4,
  Refused: 5,
  YXDomain: 6,
  YXRRSet: 7,
  NXRRSet: 8,
  NotAuth: 9,
  NotZone: 10,
  DSOTypeNI: 11,
  NoChange: 15,
  BadVers: 16,
  BadSig: 16,
  BadKey: 17,
  BadTime: 18,
  BadMode: 19,
  BadName: 20,
  BadAlg: 21,
  BadTrunc: 22,
  BadCookie: 23,
};

export function dnsRcodeFromText(text: string): number | undefined {
  const named = dnsRcodes[text];
  if (named !== undefined) return named;
  const numbered = /^Resp(\d{1,4})$/.exec(text);
  return numbered ? Number(numbered[1]) : undefined;
}

/** tcpdump's relative times, as in `[1h2m3s]` TTLs: weeks, days, hours, minutes, seconds. */
export function durationFromText(text: string): number | undefined {
  const match = /^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  if (!match || text === '') return undefined;
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    Number(weeks ?? 0) * 604800 +
    Number(days ?? 0) * 86400 +
    Number(hours ?? 0) * 3600 +
    Number(minutes ?? 0) * 60 +
    Number(seconds ?? 0)
  );
}
