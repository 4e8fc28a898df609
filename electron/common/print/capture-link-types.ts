/**
 * The link types a capture file declares in its first bytes, with the byte offset of each
 * declaration, so that `netmortem print` can refuse a file it cannot print with one line
 * naming the place: the pcap file header's network field (offset 20), or each pcapng
 * interface description block's LinkType field. Only blocks inside `head` are seen.
 */

export interface DeclaredLinkType {
  linkType: number;
  /** Byte offset of the link-type field in the file. */
  offset: number;
}

const pcapMagics = new Set([0xa1b2c3d4, 0xa1b23c4d]);
const sectionHeaderBlock = 0x0a0d0d0a;
const interfaceDescriptionBlock = 0x00000001;
const byteOrderMagic = 0x1a2b3c4d;

function readUint32(head: Uint8Array, offset: number, littleEndian: boolean): number {
  const value = littleEndian
    ? head[offset]! | (head[offset + 1]! << 8) | (head[offset + 2]! << 16) | (head[offset + 3]! << 24)
    : (head[offset]! << 24) | (head[offset + 1]! << 16) | (head[offset + 2]! << 8) | head[offset + 3]!;
  return value >>> 0;
}

export function declaredLinkTypes(head: Uint8Array): DeclaredLinkType[] {
  if (head.length < 24) return [];
  const bigEndianMagic = readUint32(head, 0, false);
  const littleEndianMagic = readUint32(head, 0, true);
  if (pcapMagics.has(bigEndianMagic) || pcapMagics.has(littleEndianMagic)) {
    // The upper bits of the field carry the FCS length (pcap-savefile §LinkType); the type is 16 bits.
    const littleEndian = pcapMagics.has(littleEndianMagic);
    return [{ linkType: readUint32(head, 20, littleEndian) & 0xffff, offset: 20 }];
  }
  if (bigEndianMagic !== sectionHeaderBlock) return [];
  const found: DeclaredLinkType[] = [];
  let littleEndian = readUint32(head, 8, true) === byteOrderMagic;
  let offset = 0;
  while (offset + 12 <= head.length) {
    const type = readUint32(head, offset, littleEndian);
    if (type === sectionHeaderBlock) littleEndian = readUint32(head, offset + 8, true) === byteOrderMagic;
    const length = readUint32(head, offset + 4, littleEndian);
    if (type === interfaceDescriptionBlock && offset + 10 <= head.length) {
      const linkType = littleEndian
        ? head[offset + 8]! | (head[offset + 9]! << 8)
        : (head[offset + 8]! << 8) | head[offset + 9]!;
      found.push({ linkType, offset: offset + 8 });
    }
    if (length < 12 || length % 4 !== 0) break;
    offset += length;
  }
  return found;
}
