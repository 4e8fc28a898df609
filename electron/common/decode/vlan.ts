/**
 * One VLAN tag: IEEE 802.1Q (TPID 0x8100), 802.1ad service tag (0x88a8) and the pre-standard
 * QinQ TPID 0x9100. The TPID is the EtherType of the layer before, so next-layer.ts binds one
 * decoder per TPID; stacked tags (QinQ) are simply one layer each.
 * Tag Control Information (802.1Q-2018 §9.6): PCP 3 bits, DEI 1 bit, VID 12 bits.
 */
import type { VlanLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import { etherTypeKey, type DecodeResult } from './decode-result';
import { minimumEtherType } from './ethernet';

const tagLength = 4;

export function decodeVlanTag(data: Uint8Array, tagProtocol: number): DecodeResult<VlanLayer> {
  const length = data.length;
  if (length < tagLength) {
    const control = length >= 2 ? (data[0]! << 8) | data[1]! : 0;
    const layer: VlanLayer = {
      kind: 'vlan',
      tagProtocol,
      priority: control >> 13,
      dropEligible: (control & 0x1000) !== 0,
      vlanId: control & 0x0fff,
      etherType: 0,
      truncated: shortReason('vlan', 'tag', tagLength, length),
    };
    return { layer, payload: emptyBytes, next: undefined };
  }
  const control = (data[0]! << 8) | data[1]!;
  const etherType = (data[2]! << 8) | data[3]!;
  const layer: VlanLayer = {
    kind: 'vlan',
    tagProtocol,
    priority: control >> 13,
    dropEligible: (control & 0x1000) !== 0,
    vlanId: control & 0x0fff,
    etherType,
    truncated: undefined,
  };
  if (etherType >= minimumEtherType) {
    return { layer, payload: data.subarray(tagLength), next: etherTypeKey(etherType) };
  }
  return {
    layer,
    payload: data.subarray(tagLength, Math.min(length, tagLength + etherType)),
    next: undefined,
  };
}

export const decodeVlan8021Q = (data: Uint8Array): DecodeResult<VlanLayer> => decodeVlanTag(data, 0x8100);
export const decodeVlan8021ad = (data: Uint8Array): DecodeResult<VlanLayer> => decodeVlanTag(data, 0x88a8);
export const decodeVlan9100 = (data: Uint8Array): DecodeResult<VlanLayer> => decodeVlanTag(data, 0x9100);
