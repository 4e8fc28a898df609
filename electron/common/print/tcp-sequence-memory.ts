import type { IpHeaderInfo } from './ip-header-info';

/**
 * tcpdump prints sequence numbers relative to the first ones it saw on a connection (unless
 * -S). It remembers, per connection in one canonical direction, the initial sequence number
 * and the acknowledged one minus one, from the first packet with ACK set (or any SYN+ACK).
 * The memory is bounded: connections live in two generations of `capacity` entries; when the
 * newer fills up the older is dropped, so a connection unseen for that long is forgotten.
 */

export interface TcpConnectionBase {
  sequence: number;
  acknowledgment: number;
}

export interface RelativeSequences {
  sequence: number;
  acknowledgment: number;
  /** True when this packet flows against the connection's canonical direction. */
  reversed: boolean;
  /** The remembered bases, for SACK blocks. */
  baseSequence: number;
  baseAcknowledgment: number;
}

const capacity = 65_536;

export class TcpSequenceMemory {
  private connections = new Map<string, TcpConnectionBase>();
  private previous = new Map<string, TcpConnectionBase>();

  relative(
    data: Uint8Array,
    ip: IpHeaderInfo,
    sourcePort: number,
    destinationPort: number,
    sequence: number,
    acknowledgment: number,
    synchronize: boolean,
  ): RelativeSequences {
    let reversed = sourcePort > destinationPort;
    if (sourcePort === destinationPort) reversed = compareAddressBytes(data, ip) > 0;
    const key = reversed
      ? `${ip.destination}|${ip.source}|${destinationPort}|${sourcePort}`
      : `${ip.source}|${ip.destination}|${sourcePort}|${destinationPort}`;
    let base = this.connections.get(key);
    if (!base) {
      base = this.previous.get(key);
      if (base) this.remember(key, base);
    }
    if (!base || synchronize) {
      base = reversed
        ? { acknowledgment: sequence, sequence: (acknowledgment - 1) >>> 0 }
        : { sequence, acknowledgment: (acknowledgment - 1) >>> 0 };
      this.remember(key, base);
      return {
        sequence,
        acknowledgment,
        reversed,
        baseSequence: base.sequence,
        baseAcknowledgment: base.acknowledgment,
      };
    }
    const relativeSequence = reversed
      ? (sequence - base.acknowledgment) >>> 0
      : (sequence - base.sequence) >>> 0;
    const relativeAcknowledgment = reversed
      ? (acknowledgment - base.sequence) >>> 0
      : (acknowledgment - base.acknowledgment) >>> 0;
    return {
      sequence: relativeSequence,
      acknowledgment: relativeAcknowledgment,
      reversed,
      baseSequence: base.sequence,
      baseAcknowledgment: base.acknowledgment,
    };
  }

  private remember(key: string, base: TcpConnectionBase): void {
    if (this.connections.size >= capacity && !this.connections.has(key)) {
      this.previous = this.connections;
      this.connections = new Map();
    }
    this.connections.set(key, base);
  }
}

/** memcmp of the source and destination address bytes, as tcpdump breaks a port tie. */
function compareAddressBytes(data: Uint8Array, ip: IpHeaderInfo): number {
  const size = ip.version === 4 ? 4 : 16;
  const source = ip.version === 4 ? ip.offset + 12 : ip.offset + 8;
  const destination = source + size;
  for (let index = 0; index < size; index++) {
    const difference = data[source + index]! - data[destination + index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}
