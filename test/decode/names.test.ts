// The DNS, EtherType and IP protocol name tables: registry names for reports, tcpdump's for the printer.
import { describe, expect, it } from 'vitest';
import {
  dnsClassName,
  dnsOpcodeName,
  dnsRcodeName,
  dnsTypeName,
  ednsOptionName,
  tcpdumpDnsClassName,
  tcpdumpDnsTypeName,
  tcpdumpEdnsOptionName,
  tcpdumpOpcodeText,
  tcpdumpRcodeText,
} from '../../electron/common/decode/dns-names';
import { etherTypeName } from '../../electron/common/decode/ether-types';
import { ipProtocolName } from '../../electron/common/decode/ip-protocols';

describe('dns names', () => {
  it('names types by the registry, with RFC 3597 TYPE<n> for the rest', () => {
    expect([1, 28, 5, 65, 64, 257, 43, 48, 46, 47, 50, 51, 41, 255].map(dnsTypeName)).toEqual([
      'A',
      'AAAA',
      'CNAME',
      'HTTPS',
      'SVCB',
      'CAA',
      'DS',
      'DNSKEY',
      'RRSIG',
      'NSEC',
      'NSEC3',
      'NSEC3PARAM',
      'OPT',
      'ANY',
    ]);
    expect(dnsTypeName(65534)).toBe('TYPE65534');
  });

  it('names types as tcpdump prints them (dns-https.pcap: "Type65? cloudflare.com.")', () => {
    expect([1, 65, 64, 257, 50, 256, 23, 104].map(tcpdumpDnsTypeName)).toEqual([
      'A',
      'Type65',
      'Type64',
      'Type257',
      'Type50',
      'URI',
      'NSAP_PTR',
      'UNSPECA',
    ]);
  });

  it('names classes both ways', () => {
    expect([1, 3, 4, 254, 255, 7].map(dnsClassName)).toEqual(['IN', 'CH', 'HS', 'NONE', 'ANY', 'CLASS7']);
    // dns_fwdptr.out: "Type507 (Class 769)?"
    expect([1, 3, 769].map(tcpdumpDnsClassName)).toEqual(['IN', 'CHAOS', '(Class 769)']);
  });

  it('names rcodes, extended ones included', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 23, 4000].map(dnsRcodeName)).toEqual([
      'NOERROR',
      'FORMERR',
      'SERVFAIL',
      'NXDOMAIN',
      'NOTIMP',
      'REFUSED',
      'YXDOMAIN',
      'YXRRSET',
      'NXRRSET',
      'NOTAUTH',
      'NOTZONE',
      'BADVERS',
      'BADCOOKIE',
      'RCODE4000',
    ]);
    // dns-badvers.out "36787 BadVers- 0/0/1", dns-badcookie.out "63147 BadCookie 0/0/1"
    expect([0, 3, 16, 23, 24, 17].map(tcpdumpRcodeText)).toEqual([
      '',
      ' NXDomain',
      ' BadVers',
      ' BadCookie',
      ' Resp24',
      'Resp17',
    ]);
  });

  it('names opcodes and EDNS options', () => {
    expect([0, 4, 5, 6, 3].map(dnsOpcodeName)).toEqual(['QUERY', 'NOTIFY', 'UPDATE', 'DSO', 'OPCODE3']);
    // dns_fwdptr.out: "51584 zoneRef NoChange*|$"; dynamic-update: "47952 update"
    expect([0, 5, 15].map(tcpdumpOpcodeText)).toEqual(['', ' update', ' zoneRef']);
    expect([3, 8, 10, 12, 15, 99].map(ednsOptionName)).toEqual([
      'NSID',
      'ECS',
      'COOKIE',
      'PADDING',
      'EDE',
      'OPT99',
    ]);
    expect([8, 15, 99].map(tcpdumpEdnsOptionName)).toEqual(['ECS', 'Opt15', 'Opt99']);
  });
});

describe('link and network names', () => {
  it('names EtherTypes as tcpdump -e does', () => {
    expect([0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8, 0x9100].map(etherTypeName)).toEqual([
      'IPv4',
      'IPv6',
      'ARP',
      '802.1Q',
      '802.1Q-QinQ',
      '802.1Q-9100',
    ]);
    expect(etherTypeName(0x1234)).toBeUndefined();
  });

  it('names IP protocols as tcpdump -v does ("proto UDP (17)")', () => {
    expect([1, 6, 17, 58, 0, 44].map(ipProtocolName)).toEqual([
      'ICMP',
      'TCP',
      'UDP',
      'ICMPv6',
      'Options',
      'Fragment',
    ]);
    expect(ipProtocolName(253)).toBeUndefined();
  });
});
