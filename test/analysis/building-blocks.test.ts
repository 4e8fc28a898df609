// The small parts the incidents stand on: ICMP classification, the success log, flood rates, capped counts.
import { describe, expect, it } from 'vitest';
import { AddressTable } from '../../electron/common/analysis/address-table';
import { CappedCounter } from '../../electron/common/analysis/capped-counter';
import { FloodDetector } from '../../electron/common/analysis/flood-detector';
import { classifyIcmp } from '../../electron/common/analysis/icmp-kind';
import { SuccessLog } from '../../electron/common/analysis/success-log';
import { defaultThresholds } from '../../electron/common/analysis/thresholds';

describe('classifyIcmp', () => {
  it.each([
    ['icmp', 3, 3, 'port-unreachable', 'port'],
    ['icmp', 3, 2, 'other-unreachable', 'port'],
    ['icmp', 3, 9, 'admin-prohibited', 'admin'],
    ['icmp', 3, 10, 'admin-prohibited', 'admin'],
    ['icmp', 3, 13, 'admin-prohibited', 'admin'],
    ['icmp', 3, 1, 'host-unreachable', 'host'],
    ['icmp', 3, 7, 'host-unreachable', 'host'],
    ['icmp', 3, 0, 'network-unreachable', 'network'],
    ['icmp', 3, 6, 'network-unreachable', 'network'],
    ['icmp', 3, 5, 'other-unreachable', undefined],
    ['icmp', 3, 4, 'fragmentation-needed', undefined],
    ['icmp', 11, 0, 'ttl-exceeded', undefined],
    ['icmp', 12, 0, 'parameter-problem', undefined],
    ['icmp', 5, 1, 'redirect', undefined],
    ['icmp', 4, 0, 'source-quench', undefined],
    ['icmpv6', 1, 4, 'port-unreachable', 'port'],
    ['icmpv6', 1, 1, 'admin-prohibited', 'admin'],
    ['icmpv6', 1, 5, 'admin-prohibited', 'admin'],
    ['icmpv6', 1, 6, 'admin-prohibited', 'admin'],
    ['icmpv6', 1, 3, 'host-unreachable', 'host'],
    ['icmpv6', 1, 0, 'network-unreachable', 'network'],
    ['icmpv6', 2, 0, 'fragmentation-needed', undefined],
    ['icmpv6', 3, 0, 'ttl-exceeded', undefined],
    ['icmpv6', 4, 1, 'parameter-problem', undefined],
  ] as const)('%s type %i code %i is %s', (family, type, code, kind, unreachable) => {
    const classification = classifyIcmp(family, type, code);
    expect(classification?.kind).toBe(kind);
    expect(classification?.unreachable).toBe(unreachable);
  });

  it('time exceeded in transit is told from reassembly timeouts, and non-errors are not classified', () => {
    expect(classifyIcmp('icmp', 11, 0)?.inTransit).toBe(true);
    expect(classifyIcmp('icmp', 11, 1)?.inTransit).toBe(false);
    expect(classifyIcmp('icmpv6', 3, 1)?.inTransit).toBe(false);
    expect(classifyIcmp('icmp', 8, 0)).toBeUndefined(); // echo request
    expect(classifyIcmp('icmp', 0, 0)).toBeUndefined(); // echo reply
    expect(classifyIcmp('icmpv6', 135, 0)).toBeUndefined(); // neighbor solicitation
  });
});

describe('SuccessLog', () => {
  it('answers "a success between?" from runs, whatever order failures are asked in', () => {
    const log = new SuccessLog(1_000_000, 100);
    for (const time of [0, 500_000, 900_000, 10_000_000, 10_400_000]) log.record(time);
    expect(log.runs).toBe(2);
    expect(log.count).toBe(5);
    expect(log.between(1_000_000, 9_000_000)).toBe(false);
    expect(log.between(1_000_000, 10_100_000)).toBe(true);
    expect(log.between(-5, 1)).toBe(true);
    expect(log.firstAfter(2_000_000)).toBe(10_000_000);
    expect(log.firstAfter(20_000_000)).toBeUndefined();
    expect(log.lastBefore(5_000_000)).toBe(900_000);
  });

  it('keeps a success that arrives out of order, and merges the oldest runs past its cap', () => {
    const log = new SuccessLog(10, 3);
    log.record(100);
    log.record(300);
    log.record(200); // out of order: its own run between the two
    expect(log.between(150, 250)).toBe(true);
    log.record(400);
    expect(log.runs).toBe(3);
    expect(log.between(101, 199)).toBe(true); // merged away: the detail of the oldest runs is gone
    expect(log.between(301, 399)).toBe(false); // recent detail stays
  });
});

describe('FloodDetector', () => {
  it('judges seconds against the median rate, counting seconds without queries', () => {
    const detector = new FloodDetector<string>(defaultThresholds, 10);
    // 30 quiet seconds with 2 queries each, one second with 150, 30 seconds without any, one with 1:
    // sorted, the 62 seconds read 0 ×30, 1, 2 ×30, 150; the lower middle (index 30) is 1.
    for (let second = 0; second < 30; second++) {
      detector.query('a', second * 1_000_000, 'c', 'n');
      detector.query('a', second * 1_000_000 + 1, 'c', 'n');
    }
    for (let index = 0; index < 150; index++)
      detector.query('a', 30_000_000 + index * 1000, `c${index}`, `n${index}`);
    detector.query('a', 61_000_000, 'c', 'n');
    const { windows, median, limit, busiest } = detector.floods();
    expect(median).toBe(1);
    expect(limit).toBe(100);
    expect(busiest).toBe(150);
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({
      service: 'a',
      queries: 150,
      seconds: 1,
      peakQueriesPerSecond: 150,
      startMicroseconds: 30_000_000,
    });
  });
});

describe('CappedCounter', () => {
  it('counts runs of one value as the Map would, in first-seen order', () => {
    const counter = new CappedCounter<string>(8);
    for (const value of ['b', 'b', 'a', 'b', 'b', 'b', 'c', 'a']) counter.add(value);
    expect([...counter.counts]).toEqual([
      ['b', 5],
      ['a', 2],
      ['c', 1],
    ]);
    // Reading ended the current run: adding after a read goes on counting.
    counter.add('a', 3);
    expect(counter.counts.get('a')).toBe(5);
    expect(counter.ranked()).toEqual(['b', 'a', 'c']);
    expect(counter.top()).toBe('b');
    expect(counter.size).toBe(3);
  });

  it('keeps the first `limit` values and counts the rest, runs included, as overflow', () => {
    const counter = new CappedCounter<number>(2);
    for (const value of [1, 1, 2, 3, 3, 3, 1, 4]) counter.add(value);
    expect([...counter.counts]).toEqual([
      [1, 3],
      [2, 1],
    ]);
    expect(counter.overflow).toBe(4);
  });

  it('merges and clones with the run still open', () => {
    const one = new CappedCounter<string>(3);
    one.add('x');
    one.add('x');
    const two = new CappedCounter<string>(3);
    two.add('y');
    two.add('x');
    two.add('x');
    one.mergeFrom(two);
    expect([...one.counts]).toEqual([
      ['x', 4],
      ['y', 1],
    ]);
    const copy = one.clone();
    one.add('z');
    expect([...copy.counts]).toEqual([
      ['x', 4],
      ['y', 1],
    ]);
    expect(one.size).toBe(3);
  });
});

describe('AddressTable', () => {
  it('finds every address by text and by IPv4 key, whatever the memo slots they share', () => {
    const table = new AddressTable<{ address: string }>();
    // More addresses than memo slots: many share one, and each lookup must still find its own.
    const addresses = Array.from({ length: 10_000 }, (_, index) => ({
      key: (0xc6330000 + index) | 0, // 198.51.0.0 + index
      text: `198.51.${index >> 8}.${index & 0xff}`,
    }));
    for (const { text } of addresses) table.set(text, { address: text });
    for (let round = 0; round < 2; round++) {
      for (let index = addresses.length - 1; index >= 0; index -= 7) {
        const { key, text } = addresses[index]!;
        expect(table.get(text, key)?.address).toBe(text);
        expect(table.get(text)?.address).toBe(text);
      }
    }
    expect(table.get('2001:db8::1')).toBeUndefined();
    expect(table.get('192.0.2.1', 0xc0000201 | 0)).toBeUndefined();
    // An address added after a miss is found by its key from then on.
    table.set('192.0.2.1', { address: '192.0.2.1' });
    expect(table.get('192.0.2.1', 0xc0000201 | 0)?.address).toBe('192.0.2.1');
    expect(table.size).toBe(10_001);
  });
});
