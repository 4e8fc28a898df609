/** Offset, 16 bytes of hex and their ASCII per line, as `tcpdump -X` shows them; marked bytes are highlighted. */
import { memo } from 'react';

const bytesPerLine = 16;

function bytesOf(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1)
    bytes[index] = parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export const HexDump = memo(function HexDump({
  hex,
  mark,
}: {
  hex: string;
  mark: { offset: number; length: number } | null;
}) {
  const bytes = bytesOf(hex);
  if (bytes.length === 0)
    return (
      <div className="hex-dump muted" data-testid="hex-dump">
        No bytes: this packet was read from a text log.
      </div>
    );
  const marked = (index: number): boolean =>
    mark !== null && index >= mark.offset && index < mark.offset + mark.length;
  const lines = [];
  for (let start = 0; start < bytes.length; start += bytesPerLine) {
    const cells = [];
    let text = '';
    for (let index = start; index < start + bytesPerLine; index += 1) {
      const byte = bytes[index];
      const cell = byte === undefined ? '  ' : byte.toString(16).padStart(2, '0');
      cells.push(
        <span key={index} className={byte !== undefined && marked(index) ? 'hit' : undefined}>
          {cell}
        </span>,
        index % 2 === 1 ? ' ' : '',
      );
      if (byte !== undefined) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
    }
    lines.push(
      <div key={start}>
        {start.toString(16).padStart(4, '0')}: {cells} {text}
      </div>,
    );
  }
  return (
    <div className="hex-dump" data-testid="hex-dump">
      {lines}
    </div>
  );
});
