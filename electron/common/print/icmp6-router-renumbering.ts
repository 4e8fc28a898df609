import { ipv6Text } from './address-text';
import { TruncatedSignal, type PrintContext } from './print-context';

/**
 * ICMPv6 router renumbering (RFC 2894), as tcpdump's icmp6_rrenum_print:
 * ", command, seq=0 match(add,fec0::/48) use(3ffe:501:fffe::/48/16)". A truncation is marked
 * and icmp6_print goes on, as in tcpdump.
 */
export function printRouterRenumbering(context: PrintContext, offset: number): void {
  try {
    printMessage(context, offset);
  } catch (error) {
    if (!(error instanceof TruncatedSignal)) throw error;
    context.printTruncated();
  }
}

function printMessage(context: PrintContext, offset: number): void {
  if (context.end < offset) return;
  context.need(offset + 12, 4);
  const code = context.byte(offset + 1);
  const codeNames: Record<number, string> = { 0: ', command', 1: ', result', 255: ', sequence number reset' };
  context.print(codeNames[code] ?? `, code-#${code}`);
  context.print(`, seq=${context.uint32(offset + 4)}`);
  const verbose = context.verbosity > 0;
  if (verbose) {
    const flags = context.byte(offset + 9);
    context.print('[');
    if (flags) {
      context.print(
        `${flags & 0x80 ? 'T' : ''}${flags & 0x40 ? 'R' : ''}${flags & 0x20 ? 'A' : ''}${flags & 0x10 ? 'S' : ''}${flags & 0x08 ? 'P' : ''},`,
      );
    }
    context.print(`seg=${context.byte(offset + 8)},`);
    context.print(`maxdelay=${context.uint16(offset + 10)}`);
    const reserved = context.uint32(offset + 12);
    if (reserved) context.print(`rsvd=0x${reserved.toString(16)}`);
    context.print(']');
  }
  if (code !== 0) return;
  // Match-prefix part (RFC 2894 §3.1), then its use-prefix parts.
  const match = offset + 16;
  let position = match + 24;
  context.need(match + 8, 16);
  context.print(context.verbosity > 1 ? '\n\t' : ' ');
  context.print('match(');
  const matchCode = context.byte(match);
  const matchNames: Record<number, string> = { 1: 'add', 2: 'change', 3: 'setglobal' };
  context.print(matchNames[matchCode] ?? `#${matchCode}`);
  if (verbose)
    context.print(
      `,ord=${context.byte(match + 2)},min=${context.byte(match + 4)},max=${context.byte(match + 5)}`,
    );
  context.print(`,${ipv6Text(context.data, match + 8)}/${context.byte(match + 3)}`);
  context.print(')');
  let uses = context.byte(match + 1) - 3;
  if (uses % 4) throw new TruncatedSignal();
  uses /= 4;
  while (uses-- > 0) {
    const use = position;
    position += 32;
    context.need(use + 16, 16);
    context.print(context.verbosity > 1 ? '\n\t' : ' ');
    context.print('use(');
    // tcpdump tests the network-order flag constants against the first flag byte.
    const useFlags = context.byte(use + 12);
    if (useFlags) context.print(`${useFlags & 0x80 ? 'V' : ''}${useFlags & 0x40 ? 'P' : ''},`);
    if (verbose) {
      context.print(`mask=0x${context.byte(use + 2).toString(16)},`);
      context.print(`raflags=0x${context.byte(use + 3).toString(16)},`);
      const validLifetime = context.uint32(use + 4);
      context.print(validLifetime === 0xffffffff ? 'vltime=infty,' : `vltime=${validLifetime},`);
      const preferredLifetime = context.uint32(use + 8);
      context.print(preferredLifetime === 0xffffffff ? 'pltime=infty,' : `pltime=${preferredLifetime},`);
    }
    context.print(`${ipv6Text(context.data, use + 16)}/${context.byte(use)}/${context.byte(use + 1)}`);
    context.print(')');
  }
}
