// The frame worker (electron/node/files/frame-worker.ts) reads, parses and pre-reads big pcap
// and pcapng files on another thread; nothing about an analysis may change because of it. Each
// case analyses the same files twice, with the worker forced (frameWorkerBytes 0) and with it
// off (Infinity), and compares the analyses, timelines and events. The frames, the errors and
// the cancelling are compared in frame-worker-frames.test.ts.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Analyzer } from '../../electron/common/analysis/analyzer';
import type { FrameReader } from '../../electron/common/analysis/frame-reader';
import { pcapFile } from '../../electron/common/capture/pcap-writer';
import type { Frame } from '../../electron/common/model/frame';
import { analyzeFiles, type AnalyzeFilesOptions } from '../../electron/node/analysis/analyze-files';
import { readCaptureFiles } from '../../electron/node/files/read-capture';
import {
  concat,
  dnsMessage,
  ethernet,
  icmpError,
  ipv4Header,
  ipv6Header,
  udp,
} from '../analysis/support/wire-bytes';
import { corpusRoot } from './fixtures/corpus';
import {
  compareFrames,
  corpusBinaryCaptures,
  modes,
  oneThread,
  recordEnds,
  settle,
  worker,
} from './support/frame-worker-compare';
import { frameWorkersSince, workerThreads } from './support/tracked-workers';
import { useWorkerFixture } from './support/worker-fixture';

vi.mock('node:worker_threads', async (importOriginal) => {
  const { trackWorkers } = await import('./support/tracked-workers');
  return trackWorkers(await importOriginal<typeof import('node:worker_threads')>());
});

const fixture = useWorkerFixture();

/** Counts the frames given to the Analyzer, and those given with the frame worker's reading. */
function countAddFrames(): { calls: number; withRead: number } {
  const counts = { calls: 0, withRead: 0 };
  const original = Analyzer.prototype.addFrame;
  vi.spyOn(Analyzer.prototype, 'addFrame').mockImplementation(function (
    this: Analyzer,
    frame: Frame,
    read?: FrameReader,
  ) {
    counts.calls++;
    if (read !== undefined) counts.withRead++;
    original.call(this, frame, read);
  });
  return counts;
}

describe('frame worker: the same analysis as one thread', () => {
  it('for every corpus pcap and pcapng capture, with and without events', async () => {
    const paths = corpusBinaryCaptures();
    const before = workerThreads.started.length;
    const counts = countAddFrames();
    let withRead = 0;
    let workerCalls = 0;
    let failures = 0;
    for (const path of paths) {
      for (const options of [{}, { events: true }] satisfies AnalyzeFilesOptions[]) {
        const results = [];
        for (const [mode, bytes] of modes) {
          const withReadBefore = counts.withRead;
          const callsBefore = counts.calls;
          results.push(await settle(analyzeFiles([path], { ...options, ...bytes })));
          if (mode === 'one thread') expect(counts.withRead, `${path}: one thread`).toBe(withReadBefore);
          else {
            withRead += counts.withRead - withReadBefore;
            workerCalls += counts.calls - callsBefore;
          }
        }
        const [fromWorker, fromOneThread] = results;
        const label = `${path.slice(corpusRoot.length + 1)} ${JSON.stringify(options)}`;
        expect(fromWorker, label).toEqual(fromOneThread);
        if (fromWorker?.error) failures++;
      }
    }
    console.log(
      `frame worker: ${paths.length} corpus captures analysed both ways, ${failures / 2} refused alike (same message, offset and partial info); ${withRead} of ${workerCalls} frames came with the worker's reading`,
    );
    expect(paths.length).toBeGreaterThan(200);
    // Each file was read through the worker (twice), and the worker read most frames itself.
    expect(frameWorkersSince(before)).toBe(paths.length * 2);
    expect(workerCalls).toBeGreaterThan(2 * 2000);
    expect(withRead).toBeGreaterThan(workerCalls / 2);
  }, 240_000);

  it('for a synthetic capture of 60,000 packets, events included', async () => {
    const counts = countAddFrames();
    for (const options of [{}, { events: true }] satisfies AnalyzeFilesOptions[]) {
      const before = workerThreads.started.length;
      const fromWorker = await analyzeFiles([fixture.synthetic], { ...options, ...worker });
      expect(frameWorkersSince(before)).toBe(1);
      expect(counts.withRead).toBeGreaterThan(59_000);
      const { withRead } = counts;
      const fromOneThread = await analyzeFiles([fixture.synthetic], { ...options, ...oneThread });
      expect(counts.withRead).toBe(withRead);
      expect(frameWorkersSince(before)).toBe(1);
      expect(fromWorker.analysis).toEqual(fromOneThread.analysis);
      expect(fromWorker.timeline).toEqual(fromOneThread.timeline);
      expect(fromWorker.events).toEqual(fromOneThread.events);
      expect(fromWorker.timeline.length).toBeGreaterThan(0);
      if (options.events) expect(fromOneThread.events?.length).toBeGreaterThan(20_000);
      counts.withRead = 0;
    }
    expect(counts.calls).toBe(4 * 60_000);
  }, 120_000);
});

describe('frame worker: a worker that cannot start', () => {
  it('leaves the file to the one-thread read, with the same analysis', async () => {
    const expected = await analyzeFiles([fixture.synthetic], oneThread);
    const built = process.env.NETMORTEM_FRAME_WORKER;
    const bundles = {
      'throws as it loads': 'throw new Error("a broken bundle");',
      'exits at once': 'process.exit(3);',
    };
    try {
      for (const [what, source] of Object.entries(bundles)) {
        const path = join(fixture.folder, `broken-${what.replaceAll(' ', '-')}.cjs`);
        await writeFile(path, source);
        process.env.NETMORTEM_FRAME_WORKER = path;
        const before = workerThreads.started.length;
        const result = await analyzeFiles([fixture.synthetic], worker);
        expect(frameWorkersSince(before), `${what}: the broken worker was tried`).toBe(1);
        expect(result, what).toEqual(expected);
      }
    } finally {
      process.env.NETMORTEM_FRAME_WORKER = built;
    }
  });
});

describe('frame worker: the same analysis of an ICMPv6 Packet Too Big', () => {
  it('keeps an MTU of 2^31 or more (RFC 4443 §3.2: a 32-bit field) as one thread does', async () => {
    const query = dnsMessage({ id: 35084, response: false, name: 'yummyrecipesforme.com' });
    const datagram = concat(
      ipv6Header('2001:db8::15', '2001:db8::2', 17, 8 + query.length, 64),
      udp('2001:db8::15', '2001:db8::2', 52444, 53, query),
    );
    const tooBig = (mtu: number): Uint8Array => {
      const message = icmpError(true, 2, 0, datagram, mtu, '2001:db8::1', '2001:db8::15');
      return concat(
        ethernet(0x86dd),
        ipv6Header('2001:db8::1', '2001:db8::15', 58, message.length, 64),
        message,
      );
    };
    const capture = pcapFile({ linkType: 1 }, [
      // 13:24:32.192571 IP6 2001:db8::15.52444 > 2001:db8::2.53: 35084+ A? yummyrecipesforme.com. (39)
      { seconds: 1_764_077_072, nanoseconds: 192_571_000, data: concat(ethernet(0x86dd), datagram) },
      // 13:24:32.193000 IP6 2001:db8::1 > 2001:db8::15: ICMP6, packet too big, mtu 4294967295, length 95
      { seconds: 1_764_077_072, nanoseconds: 193_000_000, data: tooBig(0xffffffff) },
      // 13:24:32.194000 IP6 2001:db8::1 > 2001:db8::15: ICMP6, packet too big, mtu 2147483648, length 95
      { seconds: 1_764_077_072, nanoseconds: 194_000_000, data: tooBig(0x80000000) },
    ]);
    const path = join(fixture.folder, 'packet-too-big.pcap');
    await writeFile(path, capture);
    const fromOneThread = await analyzeFiles([path], { ...oneThread, events: true });
    // The MTUs are in the report (path-causes.ts), so the test shows what a lost MTU changes.
    expect(JSON.stringify(fromOneThread.analysis)).toContain('4294967295');
    const fromWorker = await analyzeFiles([path], { ...worker, events: true });
    expect(fromWorker.analysis).toEqual(fromOneThread.analysis);
    expect(fromWorker.events).toEqual(fromOneThread.events);
  });
});

describe('frame worker: the same evidence for a query sent twice', () => {
  it('prints the retransmission from the kept query, as one thread does', async () => {
    const query = dnsMessage({ id: 35084, response: false, name: 'yummyrecipesforme.com' });
    const datagram = concat(
      ipv4Header('192.0.2.15', '203.0.113.2', 17, 8 + query.length, 64, 1),
      udp('192.0.2.15', '203.0.113.2', 52444, 53, query),
    );
    const unreachable = icmpError(false, 3, 3, datagram, 0, '203.0.113.2', '192.0.2.15');
    const capture = pcapFile({ linkType: 1 }, [
      // 13:24:32.192571 IP 192.0.2.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
      { seconds: 1_764_077_072, nanoseconds: 192_571_000, data: concat(ethernet(0x0800), datagram) },
      // 13:24:33.192571 IP 192.0.2.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)
      { seconds: 1_764_077_073, nanoseconds: 192_571_000, data: concat(ethernet(0x0800), datagram) },
      // 13:24:33.193000 IP 203.0.113.2 > 192.0.2.15: ICMP 203.0.113.2 udp port 53 unreachable, length 75
      {
        seconds: 1_764_077_073,
        nanoseconds: 193_000_000,
        data: concat(
          ethernet(0x0800),
          ipv4Header('203.0.113.2', '192.0.2.15', 1, unreachable.length, 64, 7),
          unreachable,
        ),
      },
    ]);
    const path = join(fixture.folder, 'sent-twice.pcap');
    await writeFile(path, capture);
    const fromOneThread = await analyzeFiles([path], oneThread);
    const evidence = fromOneThread.analysis.incidents[0]?.evidence.map((entry) => entry.frame);
    // Both transmissions and the error: the second line is printed from the first's bytes.
    expect(evidence).toEqual([1, 2, 3]);
    const fromWorker = await analyzeFiles([path], worker);
    expect(fromWorker.analysis).toEqual(fromOneThread.analysis);
  });
});

/**
 * 100,000 DNS queries, each for a name of its own, over IPv4 and IPv6, and an ICMP port
 * unreachable quoting every tenth: more strings than the worker's table holds (65,536), so
 * that it starts over mid-file and later batches send names under reused ids.
 */
function manyNamesCapture(): Uint8Array {
  const records = [];
  for (let index = 0; index < 100_000; index++) {
    const six = index % 2 === 1;
    const client = six ? '2001:db8::15' : '192.0.2.15';
    const server = six ? '2001:db8::53' : '203.0.113.53';
    const query = dnsMessage({ id: index & 0xffff, response: false, name: `name${index}.example.com` });
    const datagram = six
      ? concat(
          ipv6Header(client, server, 17, 8 + query.length, 64),
          udp(client, server, 40000 + (index % 20000), 53, query),
        )
      : concat(
          ipv4Header(client, server, 17, 8 + query.length, 64, index & 0xffff),
          udp(client, server, 40000 + (index % 20000), 53, query),
        );
    const seconds = 1_764_077_072 + Math.floor(index / 1000);
    const nanoseconds = (index % 1000) * 1_000_000;
    records.push({ seconds, nanoseconds, data: concat(ethernet(six ? 0x86dd : 0x0800), datagram) });
    if (index % 10 !== 0) continue;
    const message = icmpError(six, six ? 1 : 3, six ? 4 : 3, datagram, 0, server, client);
    const error = six
      ? concat(ethernet(0x86dd), ipv6Header(server, client, 58, message.length, 64), message)
      : concat(ethernet(0x0800), ipv4Header(server, client, 1, message.length, 64, index & 0xffff), message);
    records.push({ seconds, nanoseconds: nanoseconds + 500_000, data: error });
  }
  return pcapFile({ linkType: 1, nanosecond: true }, records);
}

describe('frame worker: a string table that starts over', () => {
  it('gives the same frames, readings and analysis with more names than the table holds', async () => {
    const path = join(fixture.folder, 'many-names.pcap');
    await writeFile(path, manyNamesCapture());
    const counts = await compareFrames(path, { chunkSize: 4096 });
    expect(counts.frames).toBe(110_000);
    expect(counts.withRead).toBe(110_000);
    const fromWorker = await analyzeFiles([path], worker);
    const fromOneThread = await analyzeFiles([path], oneThread);
    expect(fromWorker.analysis).toEqual(fromOneThread.analysis);
    expect(fromWorker.timeline).toEqual(fromOneThread.timeline);
  }, 120_000);
});

describe('frame worker: small and odd files, and several files', () => {
  it('reads alike a header-only pcap, a cut file header, an unsupported version, an empty file and a text log', async () => {
    const header = pcapFile({ linkType: 1 }, []);
    const unsupported = Uint8Array.from(header);
    unsupported[4] = 3; // version 3.4
    const files: [string, Uint8Array | string][] = [
      ['header-only.pcap', header],
      ['cut-header.pcap', header.subarray(0, 10)],
      ['version-3.pcap', unsupported],
      ['empty.pcap', new Uint8Array(0)],
      [
        'log.txt',
        '13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.53: 35084+ A? yummyrecipesforme.com. (39)\n',
      ],
    ];
    for (const [name, bytes] of files) {
      const path = join(fixture.folder, name);
      await writeFile(path, bytes);
      const results = [];
      for (const [, mode] of modes)
        results.push(await settle(analyzeFiles([path], { ...mode, date: '2026-11-25' })));
      expect(results[0], name).toEqual(results[1]);
    }
  });

  it('numbers frames alike across several files read in turn', async () => {
    const first = join(fixture.folder, 'first.pcap');
    const ends = recordEnds(fixture.syntheticBytes, 100_000);
    await writeFile(first, fixture.syntheticBytes.subarray(0, ends.at(-1)));
    const second = join(corpusRoot, 'zeek/Traces/pcapng-multi-interface.pcapng');
    const results = [];
    for (const [, mode] of modes) {
      const numbers: number[] = [];
      const infos = await readCaptureFiles([first, second, first], {
        ...mode,
        chunkSize: 4096,
        onFrame: (frame) => numbers.push(frame.number),
      });
      results.push({ numbers, infos });
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]?.numbers).toEqual(
      Array.from({ length: results[0]!.numbers.length }, (_, index) => index + 1),
    );
    const fromWorker = await analyzeFiles([first, second, first], worker);
    const fromOneThread = await analyzeFiles([first, second, first], oneThread);
    expect(fromWorker).toEqual(fromOneThread);
  });
});
