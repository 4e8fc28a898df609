/**
 * Which ICMP/ICMPv6 messages are errors about a datagram we may have seen, and what they
 * mean for the service that datagram was addressed to.
 */
import type { IcmpErrorKind } from './timeline-event';

export interface IcmpClassification {
  kind: IcmpErrorKind;
  /**
   * The DNS incident this error makes when it quotes a DNS query; undefined when it says
   * nothing about the server's reachability (redirect, source quench, parameter problem,
   * time exceeded and too-big have their own path incidents).
   */
  unreachable?: 'port' | 'admin' | 'host' | 'network';
  /** Time exceeded in transit (v4 code 0, v6 code 0), as opposed to fragment reassembly timeouts. */
  inTransit?: boolean;
}

const portUnreachable: IcmpClassification = { kind: 'port-unreachable', unreachable: 'port' };
const protocolUnreachable: IcmpClassification = { kind: 'other-unreachable', unreachable: 'port' };
const adminProhibited: IcmpClassification = { kind: 'admin-prohibited', unreachable: 'admin' };
const hostUnreachable: IcmpClassification = { kind: 'host-unreachable', unreachable: 'host' };
const networkUnreachable: IcmpClassification = { kind: 'network-unreachable', unreachable: 'network' };
const otherUnreachable: IcmpClassification = { kind: 'other-unreachable' };
const fragmentationNeeded: IcmpClassification = { kind: 'fragmentation-needed' };
const ttlInTransit: IcmpClassification = { kind: 'ttl-exceeded', inTransit: true };
const reassemblyTimeout: IcmpClassification = { kind: 'ttl-exceeded', inTransit: false };
const parameterProblem: IcmpClassification = { kind: 'parameter-problem' };
const redirect: IcmpClassification = { kind: 'redirect' };
const sourceQuench: IcmpClassification = { kind: 'source-quench' };

/**
 * ICMPv4 destination unreachable codes (RFC 792, RFC 1122 §3.2.2.1, RFC 1812 §5.2.7.1):
 * 0 net, 1 host, 2 protocol, 3 port, 4 fragmentation needed and DF set, 5 source route
 * failed, 6 destination network unknown, 7 destination host unknown, 8 source host isolated,
 * 9 network administratively prohibited, 10 host administratively prohibited, 11 network
 * unreachable for TOS, 12 host unreachable for TOS, 13 communication administratively
 * prohibited, 14 host precedence violation, 15 precedence cutoff in effect.
 */
function classifyUnreachableV4(code: number): IcmpClassification {
  switch (code) {
    case 0:
    case 6:
    case 11:
      return networkUnreachable;
    // 7 "destination host unknown" is a router's statement that the host does not exist
    // (RFC 1122 §3.2.2.1): for the client it is the same failure as host unreachable.
    case 1:
    case 7:
    case 12:
      return hostUnreachable;
    // Protocol unreachable comes from the destination host itself: it is up but serves
    // nothing on that transport, which for a DNS client is the port-unreachable failure.
    case 2:
      return protocolUnreachable;
    case 3:
      return portUnreachable;
    case 4:
      return fragmentationNeeded;
    // 8 (obsolete "source host isolated"), 14 and 15 (precedence) are policy decisions,
    // the same family as 9, 10 and 13 (RFC 1812 §5.2.7.1).
    case 8:
    case 9:
    case 10:
    case 13:
    case 14:
    case 15:
      return adminProhibited;
    default:
      return otherUnreachable; // 5 source route failed, and unassigned codes
  }
}

/**
 * ICMPv6 destination unreachable codes (RFC 4443 §3.1): 0 no route, 1 administratively
 * prohibited, 2 beyond scope of source address, 3 address unreachable, 4 port unreachable,
 * 5 source address failed ingress/egress policy, 6 reject route to destination, 7 error in
 * source routing header.
 */
function classifyUnreachableV6(code: number): IcmpClassification {
  switch (code) {
    case 0:
    case 2:
      return networkUnreachable;
    case 1:
    case 5:
    case 6:
      return adminProhibited;
    case 3:
      return hostUnreachable;
    case 4:
      return portUnreachable;
    default:
      return otherUnreachable;
  }
}

/** The error classification, or undefined for messages that quote nothing (echo, ND, ...). */
export function classifyIcmp(
  family: 'icmp' | 'icmpv6',
  type: number,
  code: number,
): IcmpClassification | undefined {
  if (family === 'icmp') {
    switch (type) {
      case 3:
        return classifyUnreachableV4(code);
      case 4:
        return sourceQuench; // RFC 6633 deprecates it, but old stacks still send it
      case 5:
        return redirect;
      case 11:
        return code === 0 ? ttlInTransit : reassemblyTimeout;
      case 12:
        return parameterProblem;
      default:
        return undefined;
    }
  }
  switch (type) {
    case 1:
      return classifyUnreachableV6(code);
    case 2:
      return fragmentationNeeded; // packet too big (RFC 4443 §3.2, RFC 8201)
    case 3:
      return code === 0 ? ttlInTransit : reassemblyTimeout;
    case 4:
      return parameterProblem;
    case 137:
      return redirect; // RFC 4861 §4.5: carries the redirected packet's header
    default:
      return undefined;
  }
}
