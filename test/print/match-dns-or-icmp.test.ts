import { describe, expect, it } from 'vitest';
import { matchesDnsOrIcmp } from '../../electron/common/print/match-dns-or-icmp';
import { packetFromHex } from './support/frame-fixture';
import { echoRequest6 } from './support/icmp6-frames';
import { echoRequest } from './support/icmp-frames';
import { dnsQuery, portUnreachable } from './support/scenario-frames';
import { plainUdp, tcpSyn } from './support/tcp-frames';

// --dns-icmp keeps what tcpdump's 'udp port 53 or icmp' keeps, plus DNS over TCP and ICMPv6.
describe('matchesDnsOrIcmp', () => {
  it.each([
    ['a DNS query', dnsQuery, true],
    ['an ICMP port unreachable (its quoted DNS query does not make it DNS)', portUnreachable, true],
    ['an ICMP echo request', echoRequest, true],
    ['an ICMPv6 echo request', echoRequest6, true],
    ['a TCP segment to port 53', tcpSyn, true],
    ['other UDP', plainUdp, false],
  ])('%s: %s', (_name, hex, expected) => {
    expect(matchesDnsOrIcmp(packetFromHex(hex))).toBe(expected);
  });
});
