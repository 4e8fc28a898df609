// The report for every incident kind, from real packets through the real analyzer: each
// kind gets its own words (ICMP type and code, rcode, state), its ranked causes and steps.
import { describe, expect, it } from 'vitest';
import { analyzePackets } from '../../electron/common/analysis/analyzer';
import { causeNames } from '../../electron/common/report/cause-text';
import { renderMarkdown } from '../../electron/common/report/markdown';
import { kindCaptures } from './fixtures/kind-captures';

const expectations: Record<keyof typeof kindCaptures, { kind: string; title: string; says: string[] }> = {
  'dns-port-unreachable': {
    kind: 'dns-port-unreachable',
    title: 'DNS (UDP port 53) at 198.51.100.53 unreachable — port unreachable',
    says: [
      'ICMP "destination unreachable" error, type 3 code 3 "port unreachable", sent by `198.51.100.53` itself',
      'The host is up',
    ],
  },
  'dns-port-unreachable (IPv6)': {
    kind: 'dns-port-unreachable',
    title: 'DNS (UDP port 53) at 2001:db8::53 unreachable — port unreachable',
    says: [
      'ICMPv6 "destination unreachable" error, type 1 code 4 "port unreachable"',
      'an echo reply (type 129)',
    ],
  },
  'dns-admin-prohibited': {
    kind: 'dns-admin-prohibited',
    title: 'DNS (UDP port 53) at 198.51.100.53 blocked — administratively prohibited',
    says: [
      'type 3 code 13 "communication administratively prohibited", sent by `192.0.2.1`, a device on the path, not the server',
    ],
  },
  'dns-host-unreachable': {
    kind: 'dns-host-unreachable',
    title: 'DNS (UDP port 53) at 198.51.100.53 unreachable — host unreachable',
    says: ['type 3 code 1 "host unreachable"', 'the server is down or disconnected'],
  },
  'dns-network-unreachable': {
    kind: 'dns-network-unreachable',
    title: 'DNS (UDP port 53) at 198.51.100.53 unreachable — network unreachable',
    says: ['type 3 code 0 "network unreachable"', 'no route to the server'],
  },
  'dns-timeout': {
    kind: 'dns-timeout',
    title: 'DNS (UDP port 53) at 198.51.100.53 unreachable — no answer (timeout)',
    says: ['3 queries got neither a response nor an ICMP error within the timeout', '**Received:** nothing'],
  },
  'dns-servfail': {
    kind: 'dns-servfail',
    title: 'DNS (UDP port 53) at 198.51.100.53 failing — server failure (SERVFAIL)',
    says: [
      'The server answered 3 queries with SERVFAIL (rcode 2)',
      'with rcode SERVFAIL, which tcpdump prints as `ServFail`',
      '`dig @198.51.100.53 broken-dnssec.example A +cd`',
      '**Delay:** Each SERVFAIL response came',
    ],
  },
  'dns-refused': {
    kind: 'dns-refused',
    title: 'DNS (UDP port 53) at 198.51.100.53 refusing queries — query refused (REFUSED)',
    says: ['with REFUSED (rcode 5)', '`allow-recursion`'],
  },
  'dns-nxdomain': {
    kind: 'dns-nxdomain',
    title: 'DNS (UDP port 53) at 198.51.100.53 failing — name does not exist (NXDOMAIN)',
    says: ['with NXDOMAIN (rcode 3)', '`dig +trace backup.old-corp.example`'],
  },
  'ttl-exceeded': {
    kind: 'ttl-exceeded',
    title: 'DNS (UDP port 53) at 198.51.100.53 unreachable — TTL exceeded',
    says: [
      'ICMP "time exceeded" error, type 11 code 0 "time to live exceeded in transit"',
      '`traceroute -n -U -p 53 198.51.100.53`',
    ],
  },
  'fragmentation-needed': {
    kind: 'fragmentation-needed',
    title: 'DNS (UDP port 53) at 198.51.100.53 degraded — fragmentation needed',
    says: ['type 3 code 4 "fragmentation needed and DF set"', '`tracepath -n 198.51.100.53`'],
  },
  'dns-query-flood': {
    kind: 'dns-query-flood',
    title: 'DNS (UDP port 53) at 198.51.100.53 flooded — query flood',
    says: [
      'The clients sent 900 queries',
      'Impact: 50 clients affected',
      'still going on when the capture ended',
      '**Queries in the window:** 900',
    ],
  },
};

describe('the report for each incident kind', () => {
  for (const [name, build] of Object.entries(kindCaptures)) {
    it(name, () => {
      const expected = expectations[name as keyof typeof kindCaptures];
      const analysis = analyzePackets(build().packets(), { files: [] });
      expect(analysis.incidents.map((incident) => incident.kind)).toEqual([expected.kind]);
      const markdown = renderMarkdown({ analysis, generatedAt: new Date('2026-11-25T14:00:00Z') });
      expect(markdown.split('\n')[0]).toBe(`# Incident report: ${expected.title}`);
      for (const text of expected.says) expect(markdown).toContain(text);
      const causes = analysis.incidents[0]!.causes;
      expect(markdown).toContain(`1. **${causeNames[causes[0]!.id]}** (\`${causes[0]!.id}\`)`);
      expect(markdown).toMatch(/^#\d+ +\d{2}:\d{2}:\d{2}\.\d{6} IP6? /m);
    });
  }
});
