/**
 * Not a test: measures the dissector alone, without the capture reader, on a classic pcap
 * (by default the bench's synthetic mix of DNS, ICMP errors and TCP, written to /tmp).
 * Reports packets per second of CPU time, best of several rounds, and ns per packet.
 *
 *   npx tsx test/decode/measure-dissect.ts [FILE.pcap] [--rounds N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeSyntheticCapture } from '../../bench/synthetic-capture';
import { dissect } from '../../electron/common/decode/dissect';
import type { Frame } from '../../electron/common/model/frame';

const roundsArgument = process.argv.indexOf('--rounds');
const rounds = roundsArgument > 0 ? Number(process.argv[roundsArgument + 1]) : 5;
let path = process.argv[2];
if (!path || path.startsWith('--')) {
  path = '/tmp/netmortem-measure-dissect-1m.pcap';
  if (!existsSync(path)) writeSyntheticCapture(path, { packets: 1_000_000 });
}
const file = readFileSync(path);
const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
if (view.getUint32(0, true) !== 0xa1b2c3d4 && view.getUint32(0, true) !== 0xa1b23c4d)
  throw new Error(`${path}: not a little-endian classic pcap`);
const linkType = view.getUint32(20, true);

let best = Infinity;
let packets = 0;
let dns = 0;
let quoted = 0;
for (let round = 0; round < rounds; round++) {
  packets = 0;
  dns = 0;
  quoted = 0;
  const before = process.cpuUsage();
  // Frames are made the way a streaming reader makes them: one view per record.
  for (let offset = 24; offset + 16 <= bytes.length;) {
    const capturedLength = view.getUint32(offset + 8, true);
    const frame: Frame = {
      number: ++packets,
      seconds: view.getUint32(offset, true),
      nanoseconds: view.getUint32(offset + 4, true),
      capturedLength,
      originalLength: view.getUint32(offset + 12, true),
      linkType,
      interfaceIndex: 0,
      data: bytes.subarray(offset + 16, offset + 16 + capturedLength),
    };
    offset += 16 + capturedLength;
    const packet = dissect(frame);
    if (packet.layers[packet.layers.length - 1]?.kind === 'dns') dns++;
    if (packet.quoted) quoted++;
  }
  const used = process.cpuUsage(before);
  best = Math.min(best, (used.user + used.system) / 1e6);
}
console.log(
  JSON.stringify({
    file: path,
    packets,
    dns,
    icmpErrorsWithQuote: quoted,
    bestCpuSeconds: Number(best.toFixed(3)),
    packetsPerSecond: Math.round(packets / best),
    nanosecondsPerPacket: Math.round((best * 1e9) / packets),
  }),
);
