// The oracle: tcpdump's own test captures printed by our printer, compared with tcpdump's
// expected output, packet by packet, on the DNS, ICMP and ICMPv6 packets.
//
// Sources (../shared/corpus/README.md):
// - tcpdump-4.99.3/TESTLIST-4.99.3.selected: 4.99.3 ran `tcpdump -# -n -r PCAP OPTIONS`, and its
//   expected outputs sit in tcpdump-4.99.3/ (a pcap there overrides the master copy).
// - TESTLIST.selected, for tests 4.99.3 lacks, where MANIFEST.tsv says Debian's tcpdump
//   4.99.3 prints the master expected output: master ran `tcpdump -# -n -r PCAP -tttt OPTIONS`.
// A test whose options the printer does not offer is skipped and listed with the reason.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestRows, tcpdump4993Folder, tcpdumpFolder } from './support/corpus';
import { isDnsOrIcmpRecord, printCapture, splitRecords } from './support/print-capture';
import { mapTcpdumpOptions } from './support/tcpdump-options';
import { parseTestList, type TestListEntry } from './support/test-list';

/**
 * The ratchet: DNS/ICMP packets matched at the last change. Raise it when the printer gets
 * better; a regression fails the test.
 */
const matchedFloor = 531;
const nonFuzzedMatchedFloor = 517;

interface OracleTest {
  entry: TestListEntry;
  pcap: string;
  expected: string;
  addDateStamp: boolean;
  fuzzed: boolean;
}

const masterCommit = '39b50f76672bca4af7d7eb52604c5b692c6b6b2c';

function oracleTests(): { tests: OracleTest[]; skipped: string[] } {
  const rows = manifestRows();
  const fuzzed = (name: string) =>
    rows.some((row) => row.testName === name && row.exercises.includes('malformed/fuzzed'));
  const tests: OracleTest[] = [];
  const skipped: string[] = [];
  const older = parseTestList(readFileSync(path.join(tcpdump4993Folder, 'TESTLIST-4.99.3.selected'), 'utf8'));
  for (const entry of older) {
    const override = path.join(tcpdump4993Folder, entry.pcap);
    tests.push({
      entry,
      pcap: existsSync(override) ? override : path.join(tcpdumpFolder, entry.pcap),
      expected: path.join(tcpdump4993Folder, entry.expected),
      addDateStamp: false,
      fuzzed: fuzzed(entry.name),
    });
  }
  const covered = new Set(older.map((entry) => entry.name));
  for (const entry of parseTestList(readFileSync(path.join(tcpdumpFolder, 'TESTLIST.selected'), 'utf8'))) {
    if (covered.has(entry.name)) continue;
    const agrees = rows.some(
      (row) => row.commit === masterCommit && row.testName === entry.name && row.debianMatches === 'yes',
    );
    if (!agrees) {
      skipped.push(`${entry.name}: master output differs from tcpdump 4.99.3's`);
      continue;
    }
    tests.push({
      entry,
      pcap: path.join(tcpdumpFolder, entry.pcap),
      expected: path.join(tcpdumpFolder, entry.expected),
      addDateStamp: true,
      fuzzed: fuzzed(entry.name),
    });
  }
  return { tests, skipped };
}

interface Result {
  name: string;
  fuzzed: boolean;
  expected: number;
  matched: number;
  firstDifference?: { want: string; got: string };
}

describe('corpus oracle: tcpdump test captures, DNS/ICMP/ICMPv6 packets', () => {
  it('prints them as tcpdump 4.99.3 does', async () => {
    const { tests, skipped } = oracleTests();
    const results: Result[] = [];
    for (const test of tests) {
      const mapping = mapTcpdumpOptions(test.entry.options, test.addDateStamp);
      if ('unsupported' in mapping) {
        skipped.push(`${test.entry.name}: ${mapping.unsupported}`);
        continue;
      }
      const wanted = splitRecords(readFileSync(test.expected, 'utf8'));
      const printed = await printCapture(test.pcap, mapping.options);
      const result: Result = { name: test.entry.name, fuzzed: test.fuzzed, expected: 0, matched: 0 };
      wanted.forEach((want, index) => {
        if (!isDnsOrIcmpRecord(want)) return;
        result.expected++;
        const got = printed[index] ?? '(no packet)';
        if (got === want) result.matched++;
        else result.firstDifference ??= { want, got };
      });
      if (result.expected > 0) results.push(result);
    }

    const rate = (matched: number, expected: number) =>
      expected ? `${((100 * matched) / expected).toFixed(1)}%` : '-';
    console.log(
      'DNS/ICMP/ICMPv6 packets per test (expected = such packets in the expected output):\n' +
        results
          .map((result) =>
            [
              result.name.padEnd(34),
              String(result.expected).padStart(5),
              String(result.matched).padStart(7),
              rate(result.matched, result.expected).padStart(7),
              result.fuzzed ? ' fuzzed' : '',
            ].join(' '),
          )
          .join('\n'),
    );
    const sum = (list: Result[], key: 'expected' | 'matched') =>
      list.reduce((total, result) => total + result[key], 0);
    const clean = results.filter((result) => !result.fuzzed);
    const overall = { expected: sum(results, 'expected'), matched: sum(results, 'matched') };
    const nonFuzzed = { expected: sum(clean, 'expected'), matched: sum(clean, 'matched') };
    console.log(
      `overall: ${overall.matched}/${overall.expected} (${rate(overall.matched, overall.expected)}); ` +
        `non-fuzzed: ${nonFuzzed.matched}/${nonFuzzed.expected} (${rate(nonFuzzed.matched, nonFuzzed.expected)})\n` +
        `skipped (${skipped.length}):\n  ${skipped.join('\n  ')}`,
    );
    const differences = results.filter((result) => result.firstDifference);
    if (differences.length > 0) {
      console.log(
        'first difference per test:\n' +
          differences
            .map(
              (result) =>
                `${result.name}\n  want: ${result.firstDifference!.want}\n  got:  ${result.firstDifference!.got}`,
            )
            .join('\n'),
      );
    }

    expect(tests.length - skipped.length).toBeGreaterThan(50);
    expect(overall.matched).toBeGreaterThanOrEqual(matchedFloor);
    expect(nonFuzzed.matched).toBeGreaterThanOrEqual(nonFuzzedMatchedFloor);
  });
});
