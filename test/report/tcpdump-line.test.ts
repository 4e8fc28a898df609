import { describe, expect, it } from 'vitest';
import { parseTcpdumpLine } from '../../electron/common/report/tcpdump-line';

describe('reading tcpdump lines back', () => {
  it('reads a query: id, flags, type, name, length', () => {
    const line = parseTcpdumpLine(
      '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (24)',
    );
    expect(line).toMatchObject({
      time: '13:24:32.192571',
      kind: 'dns-query',
      source: '192.51.100.15.52444',
      destination: '203.0.113.2.53',
      query: {
        id: 35084,
        opcode: '',
        flags: '+',
        counts: [],
        type: 'A',
        name: 'yummyrecipesforme.com.',
        length: 24,
      },
    });
  });

  it('reads EDNS counts and checking disabled', () => {
    const line = parseTcpdumpLine(
      'IP6 2001:db8::1.40000 > 2001:db8::53.53: 4660+% [1au] AAAA? example.com. (40)',
    );
    expect(line.query).toMatchObject({ id: 4660, flags: '+%', counts: ['[1au]'], type: 'AAAA' });
  });

  it('reads responses with an rcode and flags', () => {
    const line = parseTcpdumpLine(
      '13:00:00.000001 IP 192.0.2.53.53 > 192.0.2.1.40000: 4660 NXDomain*- 0/1/0 (97)',
    );
    expect(line).toMatchObject({
      kind: 'dns-response',
      response: {
        id: 4660,
        rcode: 'NXDomain',
        flags: '*-',
        answers: 0,
        authorities: 1,
        additionals: 0,
        length: 97,
      },
    });
    const ok = parseTcpdumpLine('IP 192.0.2.53.53 > 192.0.2.1.40000: 4660 1/0/0 A 192.0.2.80 (45)');
    expect(ok.response).toMatchObject({ rcode: '', answers: 1, records: 'A 192.0.2.80' });
  });

  it('reads ICMP errors', () => {
    const line = parseTcpdumpLine(
      '13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254',
    );
    expect(line).toMatchObject({
      kind: 'icmp-error',
      icmp: '203.0.113.2 udp port 53 unreachable, length 254',
    });
  });

  it('leaves other lines as they are', () => {
    expect(parseTcpdumpLine('ARP, Request who-has 192.0.2.1').kind).toBe('other');
  });
});
