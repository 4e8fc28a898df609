/** getPacketDetails' answer: the layer tree, the bytes as hex, and where a text-log packet came from. */
import type { PacketDetails } from '../../common/ipc/payload-schemas';
import { linkTypeName } from '../../common/model/frame';
import type { DecodedPacket } from '../../common/model/packet';
import { packetDetailNodes } from './packet-details';

export function detailsOf(packet: DecodedPacket): PacketDetails {
  const { frame } = packet;
  return {
    frame: frame.number,
    time: frame.seconds + frame.nanoseconds / 1e9,
    capturedLength: frame.capturedLength,
    originalLength: frame.originalLength,
    linkType: linkTypeName(frame.linkType),
    layers: packetDetailNodes(packet),
    bytes: Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength).toString('hex'),
    origin: packet.origin ? { line: packet.origin.line, text: packet.origin.text } : null,
    truncated: packet.truncated ?? null,
  };
}
