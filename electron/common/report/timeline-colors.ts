/**
 * The timeline's colours, shared by the report's SVG and the app's chart so both read the
 * same. Tableau 10 hues: distinguishable with the common colour-vision deficiencies.
 */
import type { IcmpErrorKind, QueryOutcome } from '../analysis/timeline-event';
import type { Severity } from './analysis-schema';

export const outcomeColors: Record<QueryOutcome, string> = {
  answered: '#4e79a7',
  nxdomain: '#f28e2b',
  servfail: '#edc948',
  refused: '#b07aa1',
  'other-rcode': '#9c755f',
  'icmp-failed': '#e15759',
  unanswered: '#79706e',
  pending: '#bab0ac',
};

export const icmpKindColors: Record<IcmpErrorKind, string> = {
  'port-unreachable': '#e15759',
  'admin-prohibited': '#b07aa1',
  'host-unreachable': '#f28e2b',
  'network-unreachable': '#edc948',
  'other-unreachable': '#9c755f',
  'ttl-exceeded': '#76b7b2',
  'fragmentation-needed': '#59a14f',
  'parameter-problem': '#ff9da7',
  redirect: '#bab0ac',
  'source-quench': '#79706e',
};

export const severityColors: Record<Severity, string> = {
  critical: '#c0392b',
  high: '#e67e22',
  medium: '#d4ac0d',
  low: '#7f8c8d',
};

/** Labels a person reads, for legends and tables. */
export const outcomeLabels: Record<QueryOutcome, string> = {
  answered: 'answered',
  nxdomain: 'NXDOMAIN',
  servfail: 'SERVFAIL',
  refused: 'REFUSED',
  'other-rcode': 'other rcode',
  'icmp-failed': 'failed with ICMP',
  unanswered: 'unanswered',
  pending: 'pending',
};

export const icmpKindLabels: Record<IcmpErrorKind, string> = {
  'port-unreachable': 'port unreachable',
  'admin-prohibited': 'administratively prohibited',
  'host-unreachable': 'host unreachable',
  'network-unreachable': 'network unreachable',
  'other-unreachable': 'other unreachable',
  'ttl-exceeded': 'TTL exceeded',
  'fragmentation-needed': 'fragmentation needed',
  'parameter-problem': 'parameter problem',
  redirect: 'redirect',
  'source-quench': 'source quench',
};
