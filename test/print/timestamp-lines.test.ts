import { describe, expect, it } from 'vitest';
import { PacketPrinter } from '../../electron/common/print/packet-printer';
import type { PrintOptions } from '../../electron/common/print/print-options';
import { frameFromHex } from './support/frame-fixture';
import { dnsQuery } from './support/scenario-frames';

// tcpdump's time stamp flags (-t ... -ttttt, --nano) and -#, on the scenario's query.
const line = 'IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)';

function printTwo(options: PrintOptions): string[] {
  const printer = new PacketPrinter(options);
  // 2023-03-14 13:24:32.192571234, then 1.5 seconds later, numbered 1 and 2.
  const first = frameFromHex(dnsQuery, { nanoseconds: 192_571_234, number: 1 });
  const second = frameFromHex(dnsQuery, { seconds: 1_678_800_273, nanoseconds: 692_571_234, number: 2 });
  return [printer.format({ frame: first, layers: [] }), printer.format({ frame: second, layers: [] })];
}

describe('time stamps and frame numbers', () => {
  it('prints HH:MM:SS.ffffff in UTC by default, truncating nanoseconds as libpcap does', () => {
    expect(printTwo({})).toEqual([`13:24:32.192571 ${line}`, `13:24:33.692571 ${line}`]);
  });

  it('prints nine digits with --nano', () => {
    expect(printTwo({ nanoseconds: true })[0]).toBe(`13:24:32.192571234 ${line}`);
  });

  it.each([
    ['none', [line, line]],
    ['epoch', [`1678800272.192571 ${line}`, `1678800273.692571 ${line}`]],
    ['delta', [` 00:00:00.000000 ${line}`, ` 00:00:01.500000 ${line}`]],
    ['date', [`2023-03-14 13:24:32.192571 ${line}`, `2023-03-14 13:24:33.692571 ${line}`]],
    ['since-first', [` 00:00:00.000000 ${line}`, ` 00:00:01.500000 ${line}`]],
  ] as const)('prints the %s style', (timestamp, lines) => {
    expect(printTwo({ timestamp })).toEqual(lines);
  });

  it('puts the -# frame number first, right-aligned in five columns', () => {
    expect(printTwo({ frameNumbers: true, timestamp: 'none' })).toEqual([`    1  ${line}`, `    2  ${line}`]);
  });

  it('dates time stamps past 2038 and 2106 (64-bit seconds, as pcapng allows)', () => {
    const printer = new PacketPrinter({ timestamp: 'date' });
    const frame = frameFromHex(dnsQuery, { seconds: 4_294_967_296 + 31_536_000, nanoseconds: 0 });
    expect(printer.format({ frame, layers: [] })).toBe(`2107-02-07 06:28:16.000000 ${line}`);
  });
});
