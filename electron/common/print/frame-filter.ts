import type { Frame } from '../model/frame';

/**
 * `matchesDnsOrIcmp` for a frame not yet dissected: the same question answered from a few
 * header bytes, so `netmortem print --dns-icmp` need not decode the packets it drops (the
 * job tcpdump's BPF filter does before printing). Walks the link header (Ethernet with
 * 802.1Q tags, Linux cooked v1 and v2, BSD loopback, raw IP), then IPv4 or IPv6 with its
 * extension headers (RFC 8200 §4) to ICMP, ICMPv6, or UDP/TCP with port 53, through IP-in-IP
 * tunnels (RFC 2003, RFC 2473) as the dissector does. Non-first fragments carry no ports and
 * do not match. As the printer (tcpdump 4.99), raw-IP link types go by the version nibble.
 */
export function frameMatchesDnsOrIcmp(frame: Frame): boolean {
  const data = frame.data;
  const end = Math.min(frame.capturedLength, data.length);
  let offset: number;
  let etherType: number;
  switch (frame.linkType) {
    case 1: {
      offset = 12;
      if (end < 14) return false;
      etherType = (data[12]! << 8) | data[13]!;
      offset = 14;
      while ((etherType === 0x8100 || etherType === 0x88a8 || etherType === 0x9100) && offset + 4 <= end) {
        etherType = (data[offset + 2]! << 8) | data[offset + 3]!;
        offset += 4;
      }
      break;
    }
    case 113:
      if (end < 16) return false;
      etherType = (data[14]! << 8) | data[15]!;
      offset = 16;
      break;
    case 276:
      if (end < 20) return false;
      etherType = (data[0]! << 8) | data[1]!;
      offset = 20;
      break;
    case 0:
    case 108:
      offset = 4;
      etherType = 0;
      break;
    case 101:
    case 228:
    case 229:
      offset = 0;
      etherType = 0;
      break;
    default:
      return false;
  }
  if (etherType === 0) {
    // Raw IP and loopback: the version nibble says which IP.
    if (offset >= end) return false;
    const version = data[offset]! >>> 4;
    etherType = version === 4 ? 0x0800 : version === 6 ? 0x86dd : -1;
  }
  if (etherType === 0x0800) return ipv4Matches(data, offset, end, 0);
  if (etherType === 0x86dd) return ipv6Matches(data, offset, end, 0);
  return false;
}

/** Tunnels nest at most this deep, as a bound on hostile input. */
const maximumTunnelDepth = 4;

function tunnelMatches(
  protocol: number,
  data: Uint8Array,
  offset: number,
  end: number,
  depth: number,
): boolean {
  if (depth >= maximumTunnelDepth) return false;
  if (protocol === 4) return ipv4Matches(data, offset, end, depth + 1);
  if (protocol === 41) return ipv6Matches(data, offset, end, depth + 1);
  return false;
}

function portIs53(data: Uint8Array, offset: number, end: number): boolean {
  if (offset + 4 > end) return false;
  const source = (data[offset]! << 8) | data[offset + 1]!;
  const destination = (data[offset + 2]! << 8) | data[offset + 3]!;
  return source === 53 || destination === 53;
}

function ipv4Matches(data: Uint8Array, offset: number, end: number, depth: number): boolean {
  if (offset + 20 > end || data[offset]! >>> 4 !== 4) return false;
  const protocol = data[offset + 9]!;
  if (protocol === 1) return true;
  if ((((data[offset + 6]! << 8) | data[offset + 7]!) & 0x1fff) !== 0) return false;
  const payload = offset + (data[offset]! & 0x0f) * 4;
  if (protocol === 6 || protocol === 17) return portIs53(data, payload, end);
  return tunnelMatches(protocol, data, payload, end, depth);
}

function ipv6Matches(data: Uint8Array, start: number, end: number, depth: number): boolean {
  if (start + 40 > end || data[start]! >>> 4 !== 6) return false;
  let nextHeader = data[start + 6]!;
  let offset = start + 40;
  // Hop-by-hop, routing, fragment, destination options: bounded by the data, at most 8 deep.
  for (let headers = 0; headers < 8; headers++) {
    if (nextHeader === 58) return true;
    if (nextHeader === 6 || nextHeader === 17) return portIs53(data, offset, end);
    if (nextHeader === 4 || nextHeader === 41) return tunnelMatches(nextHeader, data, offset, end, depth);
    if (offset + 8 > end) return false;
    if (nextHeader === 44) {
      if ((((data[offset + 2]! << 8) | data[offset + 3]!) & 0xfff8) !== 0) return false;
      nextHeader = data[offset]!;
      offset += 8;
    } else if (nextHeader === 0 || nextHeader === 43 || nextHeader === 60) {
      const length = (data[offset + 1]! + 1) * 8;
      nextHeader = data[offset]!;
      offset += length;
    } else {
      return false;
    }
  }
  return false;
}
