// A tiny DNS client for the namespace tests, run inside the client namespace with
// `ip netns exec NS node send-dns-queries.mjs JSON`. It sends a fixed number of queries
// at a fixed interval from one UDP socket (bounded), keeps the socket open a little after
// the last one so late answers are received rather than refused, and prints what came back.
//
// JSON: { server, port?, names: [name...], type?: 'A'|'AAAA', count, intervalMs, lingerMs?, firstId? }
import { Buffer } from 'node:buffer';
import { createSocket } from 'node:dgram';
import process from 'node:process';
import { setTimeout } from 'node:timers';

const options = JSON.parse(process.argv[2] ?? '{}');
const types = { A: 1, AAAA: 28 };
const type = types[options.type ?? 'A'];
const count = Math.min(Number(options.count), 1000);
const intervalMs = Math.max(Number(options.intervalMs), 1);
const lingerMs = Math.min(Number(options.lingerMs ?? 300), 10_000);
const firstId = Number(options.firstId ?? 0x1000);

/** RFC 1035 §4.1: header (id, RD set, one question), then QNAME, QTYPE, QCLASS IN. */
function query(name, id) {
  const labels = name
    .split('.')
    .filter(Boolean)
    .map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')]));
  const header = Buffer.from([id >> 8, id & 0xff, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, ...labels, Buffer.from([0, type >> 8, type & 0xff, 0x00, 0x01])]);
}

const socket = createSocket(options.server.includes(':') ? 'udp6' : 'udp4');
const answers = [];
const errors = [];
socket.on('message', (message) => answers.push({ id: message.readUInt16BE(0), rcode: message[3] & 0x0f }));
socket.on('error', (error) => errors.push(error.message));

let sent = 0;
function next() {
  if (sent >= count) {
    setTimeout(() => {
      socket.close();
      process.stdout.write(`${JSON.stringify({ sent, answers, errors })}\n`);
    }, lingerMs);
    return;
  }
  const name = options.names[sent % options.names.length];
  socket.send(query(name, (firstId + sent) & 0xffff), options.port ?? 53, options.server, (error) => {
    if (error) errors.push(error.message);
  });
  sent += 1;
  setTimeout(next, intervalMs);
}
next();
