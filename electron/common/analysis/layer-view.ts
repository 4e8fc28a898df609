/**
 * The few fields the analysis needs from a packet's layers, read in one pass into a reused
 * object: the hot path allocates nothing here. One view reads the packet's own layers,
 * another the datagram an ICMP error quotes.
 */
import type { DnsLayer, DnsQuestion, IcmpLayer, Layer } from '../model/layers';

export type Transport = 'UDP' | 'TCP';

/**
 * What the analysis reads of a DNS message: a DnsLayer has it, and so does frame-reader.ts's
 * reused object. `rcode` is read for responses only: for a query frame-reader.ts gives the
 * header's 4 bits without looking for EDNS's upper bits in the additional section.
 */
export type DnsFacts = Pick<
  DnsLayer,
  'id' | 'response' | 'rcode' | 'recursionDesired' | 'recursionAvailable'
> & {
  questions: readonly Pick<DnsQuestion, 'name' | 'type' | 'class'>[];
  /** The first question's name in lower case, when the reader has it at hand (frame-facts.ts, once per name). */
  lowerName?: string | undefined;
  /** Where the name reader's cache holds the first question's name (dns-name.ts's wireEntry), or -1. */
  nameEntry?: number | undefined;
};

/** What the analysis reads of an ICMP or ICMPv6 message: an IcmpLayer has it, and so does frame-facts.ts's reused object. */
export type IcmpFacts = Pick<IcmpLayer, 'kind' | 'type' | 'code' | 'mtu'>;

export class LayerView {
  /** 0 when the layers hold no IP header. */
  ipVersion: 0 | 4 | 6 = 0;
  source = '';
  destination = '';
  /**
   * IPv4 addresses as numbers (address-text.ts's ipv4Key), when the fast path read them:
   * frame-facts.ts sends these rather than the strings. `ipv4Keys` says whether they are set.
   */
  ipv4Keys = false;
  sourceKey = 0;
  destinationKey = 0;
  /** IPv4 TTL or IPv6 hop limit; 0 when unknown (text imports). */
  ttl = 0;
  /** IPv4 identification (0 for IPv6 unless fragmented); 0 also when unknown. */
  ipId = 0;
  /** IP protocol number of the upper layer (17 UDP, 6 TCP, 1 ICMP, 58 ICMPv6, ...). */
  protocol = -1;
  transport: Transport | undefined = undefined;
  sourcePort = 0;
  destinationPort = 0;
  /** The transport header was present (text imports may give ports as 0 without one). */
  hasPorts = false;
  dns: DnsFacts | undefined = undefined;
  icmp: IcmpFacts | undefined = undefined;

  /** The source's IPv4 key when set, else undefined: what the analysis's AddressTable takes. */
  sourceIpv4Key(): number | undefined {
    return this.ipv4Keys ? this.sourceKey : undefined;
  }

  destinationIpv4Key(): number | undefined {
    return this.ipv4Keys ? this.destinationKey : undefined;
  }

  /** Empties the view: no IP header yet. */
  clear(): void {
    this.ipVersion = 0;
    this.source = '';
    this.destination = '';
    this.ipv4Keys = false;
    this.ttl = 0;
    this.ipId = 0;
    this.protocol = -1;
    this.transport = undefined;
    this.sourcePort = 0;
    this.destinationPort = 0;
    this.hasPorts = false;
    this.dns = undefined;
    this.icmp = undefined;
  }

  read(layers: readonly Layer[]): this {
    this.clear();
    for (let index = 0; index < layers.length; index++) {
      const layer = layers[index]!;
      switch (layer.kind) {
        case 'ipv4':
          // Tunnels (IP in IP) leave the innermost header: the one the transport belongs to.
          this.ipVersion = 4;
          this.source = layer.source;
          this.destination = layer.destination;
          this.ttl = layer.ttl;
          this.ipId = layer.identification;
          this.protocol = layer.protocol;
          break;
        case 'ipv6':
          this.ipVersion = 6;
          this.source = layer.source;
          this.destination = layer.destination;
          this.ttl = layer.hopLimit;
          this.ipId = layer.fragment?.identification ?? 0;
          this.protocol = layer.protocol;
          break;
        case 'udp':
          this.transport = 'UDP';
          this.sourcePort = layer.sourcePort;
          this.destinationPort = layer.destinationPort;
          // A header cut short (a quote of the IP header only) decodes with ports 0.
          this.hasPorts =
            layer.truncated === undefined || layer.sourcePort !== 0 || layer.destinationPort !== 0;
          break;
        case 'tcp':
          this.transport = 'TCP';
          this.sourcePort = layer.sourcePort;
          this.destinationPort = layer.destinationPort;
          // A header cut short (a quote of the IP header only) decodes with ports 0.
          this.hasPorts =
            layer.truncated === undefined || layer.sourcePort !== 0 || layer.destinationPort !== 0;
          break;
        case 'dns':
          this.dns = layer;
          break;
        case 'icmp':
        case 'icmpv6':
          this.icmp = layer;
          break;
        default:
          break;
      }
    }
    // A quoted header cut before the transport still names the protocol.
    if (this.transport === undefined) {
      if (this.protocol === 17) this.transport = 'UDP';
      else if (this.protocol === 6) this.transport = 'TCP';
    }
    return this;
  }
}
