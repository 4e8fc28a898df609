/**
 * Ethernet II and IEEE 802.3 (LINKTYPE_EN10MB). The 2 bytes after the addresses are an
 * EtherType when >= 0x0600 (IEEE 802.3-2018 §3.2.6) and otherwise the 802.3 length of an
 * LLC frame, which we do not decode further.
 */
import type { EthernetLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import { etherTypeKey, type DecodeResult } from './decode-result';

const headerLength = 14;
/** Smallest value that is an EtherType rather than an 802.3 length. */
export const minimumEtherType = 0x0600;

export function decodeEthernet(data: Uint8Array): DecodeResult<EthernetLayer> {
  const length = data.length;
  if (length < headerLength) {
    const layer: EthernetLayer = {
      kind: 'ethernet',
      destination: data.subarray(0, 6),
      source: data.subarray(6, 12),
      etherType: 0,
      truncated: shortReason('ethernet', 'header', headerLength, length),
    };
    return { layer, payload: emptyBytes, next: undefined };
  }
  const etherType = (data[12]! << 8) | data[13]!;
  const layer: EthernetLayer = {
    kind: 'ethernet',
    destination: data.subarray(0, 6),
    source: data.subarray(6, 12),
    etherType,
    truncated: undefined,
  };
  if (etherType >= minimumEtherType) {
    return { layer, payload: data.subarray(headerLength), next: etherTypeKey(etherType) };
  }
  // 802.3: the field is the length of the LLC payload; anything after it is padding.
  const end = Math.min(length, headerLength + etherType);
  return { layer, payload: data.subarray(headerLength, end), next: undefined };
}
