import { ipv6Text, linkAddressText } from './address-text';
import { printName } from './dns-names';
import { printUnknownData } from './hex-dump';
import { flagNames, routerPreference } from './icmp6-flags';
import type { PrintContext } from './print-context';

/**
 * Neighbor discovery options under -v (RFC 4861 §4.6, RFC 4191 route information, RFC 8106
 * RDNSS/DNSSL, RFC 6275 advertisement interval and home agent information), as tcpdump's
 * icmp6_opt_print: "\n\t  prefix info option (3), length 32 (4): 2001:db8::/64, Flags [onlink,
 * auto], valid time 2592000s, pref. time 604800s". With -vv each option's bytes follow in hex.
 * Returns false for tcpdump's "goto trunc" (the caller prints "[|icmp6]").
 */

const optionNames: ReadonlyMap<number, string> = new Map([
  [1, 'source link-address'],
  [2, 'destination link-address'],
  [3, 'prefix info'],
  [4, 'redirected header'],
  [5, 'mtu'],
  [25, 'rdnss'],
  [31, 'dnssl'],
  [7, 'advertisement interval'],
  [8, 'homeagent information'],
  [24, 'route info'],
]);

const prefixFlags: [number, string][] = [
  [0x80, 'onlink'],
  [0x40, 'auto'],
  [0x20, 'router'],
];

function lifetimeText(value: number): string {
  return value === 0xffffffff ? 'infinity' : `${value}s`;
}

export function printNeighborDiscoveryOptions(context: PrintContext, start: number, total: number): boolean {
  let offset = start;
  let remaining = total;
  const data = context.data;
  while (offset < context.end) {
    if (!context.has(offset + 1, 1)) return false;
    if (remaining <= 0) return true;
    const type = data[offset]!;
    const units = data[offset + 1]!;
    if (units === 0) return false;
    const length = units << 3;
    if (offset + length > context.end) return false;
    context.print(
      `\n\t  ${optionNames.get(type) ?? 'unknown'} option (${type}), length ${length} (${units}): `,
    );
    switch (type) {
      case 1:
      case 2:
        context.print(linkAddressText(data, offset + 2, length - 2));
        break;
      case 3:
        context.print(
          `${ipv6Text(data, offset + 16)}/${data[offset + 2]}${units !== 4 ? 'badlen' : ''}, Flags [${flagNames(data[offset + 3]!, prefixFlags)}]` +
            `, valid time ${lifetimeText(context.uint32(offset + 4))}, pref. time ${lifetimeText(context.uint32(offset + 8))}`,
        );
        break;
      case 4:
        // tcpdump dumps from the start of the options here, not from this option.
        printUnknownData(context, start, '\n\t    ', length);
        break;
      case 5:
        context.print(` ${context.uint32(offset + 4)}${units !== 1 ? 'bad option length' : ''}`);
        break;
      case 25: {
        context.print(` lifetime ${context.uint32(offset + 4)}s,`);
        const addresses = Math.floor((units - 1) / 2);
        for (let index = 0; index < addresses; index++) {
          context.need(offset + 8 + 16 * index, 16);
          context.print(` addr: ${ipv6Text(data, offset + 8 + 16 * index)}`);
        }
        break;
      }
      case 31: {
        context.print(` lifetime ${context.uint32(offset + 4)}s, domain(s):`);
        let name = offset + 8;
        while (name < offset + length && context.byte(name) !== 0) {
          context.print(' ');
          name = printName(context, name, start);
          if (name === -1) return false;
        }
        break;
      }
      case 7:
        context.print(` ${context.uint32(offset + 4)}ms`);
        break;
      case 8:
        context.print(` preference ${context.uint16(offset + 4)}, lifetime ${context.uint16(offset + 6)}`);
        break;
      case 24: {
        context.need(offset + 4, 4);
        const prefix = new Uint8Array(16);
        if (units === 2) prefix.set(data.subarray(offset + 8, offset + 16));
        else if (units === 3) prefix.set(data.subarray(offset + 8, offset + 24));
        else if (units !== 1) return false;
        context.print(` ${ipv6Text(prefix, 0)}/${data[offset + 2]}`);
        context.print(`, pref=${routerPreference(data[offset + 3]!)}`);
        context.print(`, lifetime=${lifetimeText(context.uint32(offset + 4))}`);
        break;
      }
      default:
        if (context.verbosity <= 1) {
          printUnknownData(context, offset + 2, '\n\t  ', length - 2);
          return true;
        }
    }
    if (context.verbosity > 1) printUnknownData(context, offset + 2, '\n\t    ', length - 2);
    offset += length;
    remaining -= length;
  }
  return true;
}
