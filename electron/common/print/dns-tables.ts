/**
 * DNS tables only the tcpdump-compatible printer needs: the DNSSEC algorithm lists of RFC 6975
 * in tcpdump 4.99's spelling (print-domain.c; "DS" for DSA in DAU is the point, not the
 * registry's). Record types, classes, opcodes, response codes and EDNS option codes, in both the
 * registry's and tcpdump's spellings, are written once in decode/dns-names.
 */

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
