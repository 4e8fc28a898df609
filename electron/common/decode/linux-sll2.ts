/**
 * Linux cooked capture v2 (LINKTYPE_LINUX_SLL2, https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html):
 * protocol (2), reserved (2), interface index (4), ARPHRD_ type (2), packet type (1),
 * link-layer address length (1), address (8, padded). The protocol is read as in SLL v1.
 */
import type { LinuxSll2Layer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import { etherTypeKey, type DecodeResult } from './decode-result';
import { minimumEtherType } from './ethernet';
import { arphrdNetlink } from './linux-sll';

const headerLength = 20;

export function decodeLinuxSll2(data: Uint8Array): DecodeResult<LinuxSll2Layer> {
  const length = data.length;
  const addressLength = length >= 12 ? Math.min(8, data[11]!) : 0;
  if (length < headerLength) {
    const layer: LinuxSll2Layer = {
      kind: 'linux-sll2',
      protocol: length >= 2 ? (data[0]! << 8) | data[1]! : 0,
      interfaceIndex:
        length >= 8 ? ((data[4]! << 24) | (data[5]! << 16) | (data[6]! << 8) | data[7]!) >>> 0 : 0,
      addressType: length >= 10 ? (data[8]! << 8) | data[9]! : 0,
      packetType: length >= 11 ? data[10]! : 0,
      address: data.subarray(12, 12 + addressLength),
      truncated: shortReason('linux-sll2', 'header', headerLength, length),
    };
    return { layer, payload: emptyBytes, next: undefined };
  }
  const protocol = (data[0]! << 8) | data[1]!;
  const addressType = (data[8]! << 8) | data[9]!;
  const layer: LinuxSll2Layer = {
    kind: 'linux-sll2',
    protocol,
    interfaceIndex: ((data[4]! << 24) | (data[5]! << 16) | (data[6]! << 8) | data[7]!) >>> 0,
    addressType,
    packetType: data[10]!,
    address: data.subarray(12, 12 + addressLength),
    truncated: undefined,
  };
  const next =
    protocol >= minimumEtherType && addressType !== arphrdNetlink ? etherTypeKey(protocol) : undefined;
  return { layer, payload: data.subarray(headerLength), next };
}
