/**
 * Small shared pieces of the packet path. Reads are written inline in each decoder
 * (`data[i] << 8 | data[i + 1]`): no DataView, so the hot path stays monomorphic.
 */

/** A zero-length view for "nothing follows", shared so that no decoder allocates one. */
export const emptyBytes: Uint8Array = new Uint8Array(0);

/** The reason text every decoder uses for a header that does not fit. */
export function shortReason(layer: string, what: string, needed: number, present: number): string {
  return `${layer}: ${what} needs ${needed} bytes, ${present} present`;
}
