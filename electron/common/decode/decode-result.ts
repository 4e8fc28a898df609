/**
 * The contract every decoder keeps: a pure function from the bytes of its layer (a view into
 * the frame) to the layer it read, the bytes that follow it, and the key that names the next
 * decoder in next-layer.ts. Decoders never call each other and never throw; when the bytes run
 * out they return what they read with `layer.truncated` set (gopacket's style).
 */
import type { Layer } from '../model/layers';

/** Which entry of next-layer.ts decodes `payload`. */
export type NextKey =
  | { table: 'ethertype'; value: number }
  | { table: 'ip-protocol'; value: number }
  | { table: 'address-family'; value: number }
  | { table: 'udp-port'; sourcePort: number; destinationPort: number }
  | { table: 'tcp-port'; sourcePort: number; destinationPort: number };

export interface DecodeResult<L extends Layer = Layer> {
  layer: L;
  /** A view of the bytes after this layer's header that this layer does not claim itself. */
  payload: Uint8Array;
  /** Absent (undefined) when nothing is known to follow. */
  next?: NextKey | undefined;
}

export type Decoder = (data: Uint8Array) => DecodeResult;

/**
 * Shared keys for the values nearly every packet names, so that the hot path does not
 * allocate one per layer. Frozen: a key is never changed after it is made.
 */
const ipv4EtherTypeKey: NextKey = Object.freeze({ table: 'ethertype', value: 0x0800 });
const ipv6EtherTypeKey: NextKey = Object.freeze({ table: 'ethertype', value: 0x86dd });
const ipProtocolKeys: readonly NextKey[] = Array.from(
  { length: 256 },
  (_, value) => Object.freeze({ table: 'ip-protocol', value }) as NextKey,
);

export function etherTypeKey(value: number): NextKey {
  if (value === 0x0800) return ipv4EtherTypeKey;
  if (value === 0x86dd) return ipv6EtherTypeKey;
  return { table: 'ethertype', value };
}

/** `protocol` is a byte from the packet, so it is always in the table. */
export function ipProtocolKey(protocol: number): NextKey {
  return ipProtocolKeys[protocol & 0xff]!;
}
