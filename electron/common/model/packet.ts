import type { Frame } from './frame';
import type { Layer } from './layers';

/**
 * A frame after decoding. `layers` are the packet's own, outermost first. When the packet
 * is an ICMP/ICMPv6 error, `quoted` holds the decoded original datagram it quotes: kept
 * apart so that a quoted DNS query never counts as DNS traffic of its own.
 */
export interface DecodedPacket {
  frame: Frame;
  layers: Layer[];
  quoted?: Layer[];
  /** The first `truncated` reason among the layers, for quick filtering. */
  truncated?: string;
  /** Set for packets read from a tcpdump text log: the text line and its number. */
  origin?: { kind: 'tcpdump-text'; line: number; text: string };
}

/**
 * The layer type whose `kind` includes K. Not `Extract<Layer, { kind: K }>`: IcmpLayer's kind is
 * 'icmp' | 'icmpv6', which Extract would turn into `never` for either one.
 */
type KindMatch<L, K> = L extends { kind: infer LayerKind } ? (K extends LayerKind ? L : never) : never;
export type LayerOfKind<K extends Layer['kind']> = KindMatch<Layer, K>;

/** The first layer of a kind, typed. */
export function findLayer<K extends Layer['kind']>(
  layers: readonly Layer[] | undefined,
  kind: K,
): LayerOfKind<K> | undefined {
  if (!layers) return undefined;
  for (const layer of layers) if (layer.kind === kind) return layer as LayerOfKind<K>;
  return undefined;
}
