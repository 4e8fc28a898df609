/**
 * A large synthetic pcap for the benchmarks and the hostile suite: DNS queries and responses
 * (some NXDOMAIN), ICMP port-unreachable errors quoting DNS queries (an outage window), and
 * bulk TCP segments. Deterministic (seeded), documentation addresses only (RFC 5737). Made
 * in chunks: written to disk, or streamed (a FIFO) without ever being a file.
 *
 *   tsx bench/synthetic-capture.ts OUT.pcap [PACKETS] [SEED]
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const ethernetHeaderLength = 14;
const ipv4HeaderLength = 20;

/** xorshift32: fast, seeded, good enough to vary names and ports. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
}

function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

/** Room left in the buffer before each round of the generator: two records of at most 1100 bytes. */
const roundBytes = 4096;

/** Fills one reused buffer with records; the generator hands it out whenever a round might not fit. */
class PacketWriter {
  private readonly buffer = Buffer.allocUnsafe(8 << 20);
  private used = 0;
  /** Reserves room for one record and returns the offset of its frame bytes. */
  record(seconds: number, nanoseconds: number, length: number): number {
    if (this.used + 16 + length > this.buffer.length)
      throw new Error('synthetic capture: a round outgrew the buffer');
    const at = this.used;
    this.buffer.writeUInt32LE(seconds, at);
    this.buffer.writeUInt32LE(nanoseconds, at + 4);
    this.buffer.writeUInt32LE(length, at + 8);
    this.buffer.writeUInt32LE(length, at + 12);
    this.used += 16 + length;
    return at + 16;
  }
  get bytes(): Buffer {
    return this.buffer;
  }
  get full(): boolean {
    return this.used + roundBytes > this.buffer.length;
  }
  /** The records so far; the view is overwritten once the caller asks for the next chunk. */
  take(): Buffer {
    const chunk = this.buffer.subarray(0, this.used);
    this.used = 0;
    return chunk;
  }
}

/** pcap file header, nanosecond magic (0xa1b23c4d), version 2.4, snaplen 262144, EN10MB. */
function fileHeader(): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b23c4d, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  return header;
}

function writeEthernet(buffer: Buffer, at: number): number {
  buffer.fill(0x02, at, at + 12); // locally administered MACs
  buffer[at + 5] = 0x01;
  buffer.writeUInt16BE(0x0800, at + 12);
  return at + ethernetHeaderLength;
}

function writeIpv4(
  buffer: Buffer,
  at: number,
  totalLength: number,
  protocol: number,
  identification: number,
  source: number[],
  destination: number[],
  ttl = 64,
): number {
  buffer[at] = 0x45;
  buffer[at + 1] = 0;
  buffer.writeUInt16BE(totalLength, at + 2);
  buffer.writeUInt16BE(identification & 0xffff, at + 4);
  buffer.writeUInt16BE(0x4000, at + 6); // don't fragment
  buffer[at + 8] = ttl;
  buffer[at + 9] = protocol;
  buffer.writeUInt16BE(0, at + 10);
  for (let index = 0; index < 4; index++) {
    buffer[at + 12 + index] = source[index]!;
    buffer[at + 16 + index] = destination[index]!;
  }
  return at + ipv4HeaderLength;
}

function writeUdp(
  buffer: Buffer,
  at: number,
  sourcePort: number,
  destinationPort: number,
  length: number,
): number {
  buffer.writeUInt16BE(sourcePort, at);
  buffer.writeUInt16BE(destinationPort, at + 2);
  buffer.writeUInt16BE(length, at + 4);
  buffer.writeUInt16BE(0, at + 6);
  return at + 8;
}

/** A DNS message with one question (RFC 1035 §4.1); with `answer`, one A record pointing at the question name. */
function dnsMessage(
  id: number,
  name: string,
  response: boolean,
  rcode: number,
  answer: number[] | null,
): Buffer {
  const labels = name.split('.');
  const nameLength = labels.reduce((sum, label) => sum + label.length + 1, 1);
  const length = 12 + nameLength + 4 + (answer ? 16 : 0);
  const message = Buffer.alloc(length);
  message.writeUInt16BE(id, 0);
  message.writeUInt16BE((response ? 0x8180 : 0x0100) | rcode, 2);
  message.writeUInt16BE(1, 4);
  message.writeUInt16BE(answer ? 1 : 0, 6);
  let at = 12;
  for (const label of labels) {
    message[at++] = label.length;
    message.write(label, at, 'latin1');
    at += label.length;
  }
  message[at++] = 0;
  message.writeUInt16BE(1, at); // A
  message.writeUInt16BE(1, at + 2); // IN
  at += 4;
  if (answer) {
    message.writeUInt16BE(0xc00c, at); // pointer to the question name
    message.writeUInt16BE(1, at + 2);
    message.writeUInt16BE(1, at + 4);
    message.writeUInt32BE(300, at + 6);
    message.writeUInt16BE(4, at + 10);
    for (let index = 0; index < 4; index++) message[at + 12 + index] = answer[index]!;
  }
  return message;
}

export interface SyntheticOptions {
  packets: number;
  seed?: number;
}

/**
 * The capture's bytes in chunks of up to 8 MiB: the file header, then the records. Each chunk
 * is a view of a reused buffer, valid until the next one is asked for: write it out first.
 * Returns how many packets of each kind it made.
 */
export function* syntheticCaptureChunks(
  options: SyntheticOptions,
): Generator<Buffer, Record<string, number>, undefined> {
  const next = random(options.seed ?? 7);
  const writer = new PacketWriter();
  yield fileHeader();
  const counts: Record<string, number> = { dnsQuery: 0, dnsResponse: 0, icmpError: 0, tcp: 0 };
  const server = ipv4Bytes('203.0.113.53');
  const brokenServer = ipv4Bytes('203.0.113.2');
  const tcpPayload = Buffer.alloc(1000, 0x61);
  let seconds = 1_764_077_072; // 2025-11-25T13:24:32Z
  let nanoseconds = 0;
  let written = 0;
  let identification = 1;
  const advance = (): void => {
    nanoseconds += 250_000 + Math.floor(next() * 500_000);
    if (nanoseconds >= 1_000_000_000) {
      seconds += 1;
      nanoseconds -= 1_000_000_000;
    }
  };
  while (written < options.packets) {
    if (writer.full) yield writer.take();
    const client = [192, 0, 2, 10 + Math.floor(next() * 200)];
    const clientPort = 1024 + Math.floor(next() * 60000);
    const id = Math.floor(next() * 65536);
    const name = `host${Math.floor(next() * 5000)}.example.com`;
    const roll = next();
    if (roll < 0.28) {
      // Bulk TCP: one 1000-byte segment, ACK|PSH.
      const length = ethernetHeaderLength + ipv4HeaderLength + 20 + tcpPayload.length;
      const bytes = writer.bytes;
      let at = writeEthernet(bytes, writer.record(seconds, nanoseconds, length));
      at = writeIpv4(
        bytes,
        at,
        length - ethernetHeaderLength,
        6,
        identification++,
        ipv4Bytes('198.51.100.80'),
        client,
      );
      bytes.writeUInt16BE(443, at);
      bytes.writeUInt16BE(clientPort, at + 2);
      bytes.writeUInt32BE(written, at + 4);
      bytes.writeUInt32BE(1, at + 8);
      bytes[at + 12] = 0x50;
      bytes[at + 13] = 0x18;
      bytes.writeUInt16BE(501, at + 14);
      bytes.writeUInt32BE(0, at + 16);
      tcpPayload.copy(bytes, at + 20);
      counts.tcp!++;
      written++;
    } else {
      // A DNS query; about 1 in 9 go to the broken server and get ICMP port unreachable, the rest
      // get a response (1 in 10 NXDOMAIN).
      const broken = roll < 0.36;
      const query = dnsMessage(id, name, false, 0, null);
      const target = broken ? brokenServer : server;
      const queryLength = ethernetHeaderLength + ipv4HeaderLength + 8 + query.length;
      const queryIdentification = identification++;
      let bytes = writer.bytes;
      let at = writeEthernet(bytes, writer.record(seconds, nanoseconds, queryLength));
      at = writeIpv4(bytes, at, queryLength - ethernetHeaderLength, 17, queryIdentification, client, target);
      at = writeUdp(bytes, at, clientPort, 53, 8 + query.length);
      query.copy(bytes, at);
      counts.dnsQuery!++;
      written++;
      if (written >= options.packets) break;
      advance();
      if (broken) {
        // ICMP type 3 code 3 quoting the query's IP header, UDP header and DNS message (RFC 1812 §4.3.2.3).
        const quotedLength = ipv4HeaderLength + 8 + query.length;
        const length = ethernetHeaderLength + ipv4HeaderLength + 8 + quotedLength;
        bytes = writer.bytes;
        at = writeEthernet(bytes, writer.record(seconds, nanoseconds, length));
        at = writeIpv4(bytes, at, length - ethernetHeaderLength, 1, identification++, target, client);
        bytes[at] = 3;
        bytes[at + 1] = 3;
        bytes.writeUInt32BE(0, at + 2);
        bytes.writeUInt16BE(0, at + 6);
        at += 8;
        at = writeIpv4(bytes, at, quotedLength, 17, queryIdentification, client, target);
        at = writeUdp(bytes, at, clientPort, 53, 8 + query.length);
        query.copy(bytes, at);
        counts.icmpError!++;
      } else {
        const nxdomain = next() < 0.1;
        const response = dnsMessage(id, name, true, nxdomain ? 3 : 0, nxdomain ? null : [198, 51, 100, 80]);
        const length = ethernetHeaderLength + ipv4HeaderLength + 8 + response.length;
        bytes = writer.bytes;
        at = writeEthernet(bytes, writer.record(seconds, nanoseconds, length));
        at = writeIpv4(bytes, at, length - ethernetHeaderLength, 17, identification++, target, client);
        at = writeUdp(bytes, at, 53, clientPort, 8 + response.length);
        response.copy(bytes, at);
        counts.dnsResponse!++;
      }
      written++;
    }
    advance();
  }
  yield writer.take();
  return counts;
}

/** Writes the capture to `path` (a file, or a FIFO a reader has open); returns how many packets of each kind it wrote. */
export function writeSyntheticCapture(path: string, options: SyntheticOptions): Record<string, number> {
  const descriptor = openSync(path, 'w');
  try {
    const chunks = syntheticCaptureChunks(options);
    for (let step = chunks.next(); ; step = chunks.next()) {
      if (step.done) return step.value;
      for (let at = 0; at < step.value.length;) at += writeSync(descriptor, step.value, at);
    }
  } finally {
    closeSync(descriptor);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const [out, packets, seed] = process.argv.slice(2);
  if (!out) {
    console.error('usage: tsx bench/synthetic-capture.ts OUT.pcap [PACKETS] [SEED]');
    process.exit(1);
  }
  console.log(
    writeSyntheticCapture(out, {
      packets: Number(packets ?? 1_000_000),
      ...(seed !== undefined ? { seed: Number(seed) } : {}),
    }),
  );
}
