/**
 * Linux cooked capture v1 (LINKTYPE_LINUX_SLL, https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html):
 * packet type (2), ARPHRD_ type (2), link-layer address length (2), address (8, padded),
 * protocol (2). The protocol is an EtherType, except for the small Linux ETH_P_* values
 * (802.2 LLC, 802.3, CAN, ...) and for netlink captures, which we do not decode further.
 */
import type { LinuxSllLayer } from '../model/layers';
import { emptyBytes, shortReason } from './bytes';
import { etherTypeKey, type DecodeResult } from './decode-result';
import { minimumEtherType } from './ethernet';

const headerLength = 16;
/** ARPHRD_NETLINK: the protocol field is a netlink family, not an EtherType. */
export const arphrdNetlink = 824;

export function decodeLinuxSll(data: Uint8Array): DecodeResult<LinuxSllLayer> {
  const length = data.length;
  const addressLength = length >= 6 ? Math.min(8, (data[4]! << 8) | data[5]!) : 0;
  if (length < headerLength) {
    const layer: LinuxSllLayer = {
      kind: 'linux-sll',
      packetType: length >= 2 ? (data[0]! << 8) | data[1]! : 0,
      addressType: length >= 4 ? (data[2]! << 8) | data[3]! : 0,
      address: data.subarray(6, 6 + addressLength),
      protocol: 0,
      truncated: shortReason('linux-sll', 'header', headerLength, length),
    };
    return { layer, payload: emptyBytes, next: undefined };
  }
  const addressType = (data[2]! << 8) | data[3]!;
  const protocol = (data[14]! << 8) | data[15]!;
  const layer: LinuxSllLayer = {
    kind: 'linux-sll',
    packetType: (data[0]! << 8) | data[1]!,
    addressType,
    address: data.subarray(6, 6 + addressLength),
    protocol,
    truncated: undefined,
  };
  const next =
    protocol >= minimumEtherType && addressType !== arphrdNetlink ? etherTypeKey(protocol) : undefined;
  return { layer, payload: data.subarray(headerLength), next };
}
