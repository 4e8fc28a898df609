// Browser mode's WebSocket fed hostile frames over a real connection with a valid token:
// non-JSON text, binary frames, frames past the size limit, deeply nested JSON, envelopes with
// wrong arguments for every request, unknown names, `__proto__` keys, wrong ids, and raw
// frames that break RFC 6455. Every frame is answered with a refusal, or, where the protocol
// itself is broken or the frame is over the limit, the socket is closed with a close code;
// after every batch a fresh connection still gets its getSession answered.
import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { requestNames, requests } from '../../electron/common/ipc/contract';
import { startServer, type RunningServer } from '../../electron/node/serve/server';
import { createService } from '../../electron/node/service/service';
import type { Service } from '../../electron/node/service/service-types';
import { recordFigure } from './support/figures';
import { rawFrame, sendRawFrames, WireClient, type Answer } from './support/wire-client';

/** electron/node/serve/server.ts: the largest message the server reads. */
const maximumMessageBytes = 16 * 1024 * 1024;

let folder: string;
let service: Service;
let server: RunningServer;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'netmortem-websocket-fuzz-'));
  service = createService({ dataDirectory: join(folder, 'data'), exportDirectory: join(folder, 'exports') });
  await mkdir(join(folder, 'renderer'));
  await writeFile(join(folder, 'renderer', 'index.html'), '<!doctype html><title>netmortem</title>');
  server = await startServer({ service, rendererRoot: join(folder, 'renderer') });
});

afterAll(async () => {
  await server?.close();
  await service?.dispose();
  await rm(folder, { recursive: true, force: true });
});

const tally = { frames: 0, refused: 0, answered: 0, closed: 0, batches: 0, servedAfter: 0 };
const batches: string[] = [];

function refusal(
  answer: Answer | undefined,
  id: number | null,
  code: 'validation' | 'unknown-request',
  shown: string,
): void {
  expect(answer, `no answer to ${shown}`).toBeDefined();
  expect(answer!.type).toBe('response');
  expect(answer!.id, shown).toBe(id);
  expect(answer!.envelope?.ok, shown).toBe(false);
  expect(answer!.envelope?.error?.code, shown).toBe(code);
  tally.refused++;
}

/** Each frame a refusal of `code`, on one connection. */
async function expectRefusals(
  frames: Iterable<{
    frame: string | Uint8Array;
    id: number | null;
    code?: 'validation' | 'unknown-request';
  }>,
): Promise<number> {
  const client = await WireClient.open(server.port, server.token);
  let count = 0;
  try {
    for (const { frame, id, code } of frames) {
      const shown =
        typeof frame === 'string'
          ? JSON.stringify(frame.slice(0, 120))
          : `binary frame of ${frame.length} bytes`;
      refusal(await client.ask(frame), id, code ?? 'validation', shown);
      count++;
      tally.frames++;
    }
  } finally {
    client.close();
  }
  return count;
}

/** After a batch: a fresh connection still gets a valid request answered. */
async function stillServes(batch: string): Promise<void> {
  const client = await WireClient.open(server.port, server.token);
  try {
    expect(
      await client.ask(JSON.stringify({ type: 'request', id: 7, name: 'getSession', args: {} })),
    ).toEqual({ type: 'response', id: 7, envelope: { ok: true, value: null } });
  } finally {
    client.close();
  }
  tally.batches++;
  tally.servedAfter++;
  batches.push(batch);
}

const envelope = (id: number, name: string, argsText: string): string =>
  `{"type":"request","id":${id},"name":${JSON.stringify(name)},"args":${argsText}}`;

describe('browser-mode WebSocket fuzzed over the wire', () => {
  it('refuses text that is not a request message', async () => {
    const texts = fc.sample(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.jsonValue().map((value) => JSON.stringify(value)),
      ),
      { numRuns: 600, seed: 21 },
    );
    await expectRefusals(
      ['', ' ', 'null', '{}', '[]', '"request"', '{"type":"request"', ...texts].map((frame) => ({
        frame,
        id: null,
      })),
    );
    await stillServes('non-JSON and non-message text');
  });

  it('refuses binary frames, even one holding a valid request', async () => {
    const blobs = fc.sample(fc.uint8Array({ maxLength: 4096 }), { numRuns: 300, seed: 22 });
    const validAsBinary = new TextEncoder().encode(
      JSON.stringify({ type: 'request', id: 1, name: 'getSession', args: {} }),
    );
    await expectRefusals([validAsBinary, new Uint8Array(0), ...blobs].map((frame) => ({ frame, id: null })));
    await stillServes('binary frames');
  });

  it('refuses deeply nested JSON, as the whole frame and as arguments', async () => {
    const frames: { frame: string; id: number | null }[] = [];
    for (const depth of [1_000, 100_000, 1_000_000, 4_000_000]) {
      frames.push({ frame: '['.repeat(depth) + ']'.repeat(depth), id: null });
      frames.push({
        frame: envelope(depth, 'openFiles', `{"paths":${'['.repeat(depth)}${']'.repeat(depth)}}`),
        id: depth,
      });
    }
    for (const depth of [1_000, 100_000, 1_000_000]) {
      frames.push({ frame: '{"a":'.repeat(depth) + '0' + '}'.repeat(depth), id: null });
      frames.push({
        frame: envelope(
          depth + 1,
          'exportReport',
          `{"format":"md","analyst":${'{"notes":'.repeat(depth)}"x"${'}'.repeat(depth)}}`,
        ),
        id: depth + 1,
      });
    }
    await expectRefusals(frames);
    await stillServes('deeply nested JSON');
  });

  it.each([...requestNames])(
    'refuses random and near-miss arguments for %s, with the request id',
    async (name) => {
      const schema = requests[name].args as z.ZodType;
      const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
      const keys = shape ? Object.keys(shape) : [];
      // Arguments as JSON text, so that `__proto__` travels as a key, as a hostile page would send it.
      const random = fc.jsonValue().map((value) => JSON.stringify(value) ?? 'null');
      const nearMiss = fc
        .array(
          fc.tuple(
            fc.constantFrom(...keys, 'extra', '__proto__', 'constructor', 'prototype'),
            fc.jsonValue(),
          ),
          { minLength: 1, maxLength: keys.length + 3 },
        )
        .map(
          (entries) =>
            `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',')}}`,
        );
      const invalid = (text: string): boolean => !schema.safeParse(JSON.parse(text)).success;
      const texts = [
        ...fc.sample(random.filter(invalid), { numRuns: 120, seed: 23 }),
        ...(keys.length > 0 ? fc.sample(nearMiss.filter(invalid), { numRuns: 120, seed: 24 }) : []),
      ];
      texts.push(
        '{"__proto__":{}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"__proto__":{"polluted":true}}',
      );
      await expectRefusals(
        texts.map((text, index) => ({ frame: envelope(1000 + index, name, text), id: 1000 + index })),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      await stillServes(`arguments for ${name}`);
    },
  );

  it('refuses unknown request names, with the request id', async () => {
    const hostile = [
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
      '',
      ' getSession',
      'getSession ',
      'GETSESSION',
      'getSession\u0000',
      'get\u202eSession',
      'x'.repeat(100),
    ];
    const random = fc.sample(
      fc.string({ maxLength: 100 }).filter((name) => !(requestNames as readonly string[]).includes(name)),
      { numRuns: 300, seed: 25 },
    );
    await expectRefusals(
      [...hostile, ...random].map((name, index) => ({
        frame: envelope(index, name, '{}'),
        id: index,
        code: 'unknown-request' as const,
      })),
    );
    await stillServes('unknown request names');
  });

  it('refuses envelopes with wrong ids, types, names and keys, with no id', async () => {
    const handmade = [
      '{"type":"request","id":-1,"name":"getSession","args":{}}',
      '{"type":"request","id":1.5,"name":"getSession","args":{}}',
      '{"type":"request","id":"1","name":"getSession","args":{}}',
      '{"type":"request","id":null,"name":"getSession","args":{}}',
      '{"type":"request","id":9007199254740992,"name":"getSession","args":{}}',
      '{"type":"request","id":1e309,"name":"getSession","args":{}}',
      '{"type":"request","name":"getSession","args":{}}',
      '{"type":"response","id":1,"name":"getSession","args":{}}',
      '{"type":"event","name":"session","payload":{}}',
      '{"id":1,"name":"getSession","args":{}}',
      '{"type":"request","id":1,"name":7,"args":{}}',
      `{"type":"request","id":1,"name":"${'x'.repeat(101)}","args":{}}`,
      '{"type":"request","id":1,"name":"getSession","args":{},"extra":1}',
      '{"__proto__":{"type":"request","id":1,"name":"getSession","args":{}}}',
      '{"type":"request","id":1,"name":"getSession","args":{},"__proto__":{"admin":true}}',
      '{"type":"request","id":1,"name":"getSession","args":{},"constructor":{"prototype":{"admin":true}}}',
    ];
    const wrong = fc.record(
      {
        type: fc.oneof(fc.constant('request'), fc.jsonValue()),
        id: fc.oneof(
          fc.integer({ max: -1 }),
          fc.double({ noInteger: true, noNaN: true, noDefaultInfinity: true }),
          fc.string(),
          fc.constant(null),
          fc.boolean(),
        ),
        name: fc.oneof(fc.constantFrom(...requestNames), fc.jsonValue()),
        args: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    const random = fc.sample(
      wrong.map((message) => JSON.stringify(message)),
      { numRuns: 500, seed: 26 },
    );
    await expectRefusals([...handmade, ...random].map((frame) => ({ frame, id: null })));
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
    await stillServes('wrong ids, types and keys');
  });

  it('answers every one of 2000 requests sent without waiting, each with its own id', async () => {
    const client = await WireClient.open(server.port, server.token);
    try {
      const count = 2000;
      const answers = await client.askAll(
        Array.from({ length: count }, (_, index) =>
          index % 2 === 0
            ? envelope(index, 'getSession', '{}')
            : envelope(index, 'getEvents', '{"sessionId":1}'),
        ),
      );
      expect(answers.length).toBe(count);
      expect(new Set(answers.map((answer) => answer?.id)).size).toBe(count);
      for (const answer of answers) expect(answer!.envelope!.ok).toBe(Number(answer!.id) % 2 === 0);
      tally.frames += count;
      tally.refused += count / 2;
      tally.answered += count / 2;
    } finally {
      client.close();
    }
    await stillServes('2000 requests in flight');
  });

  it('refuses a frame at the size limit and closes the socket for one past it (1009)', async () => {
    await expectRefusals([
      { frame: 'x'.repeat(maximumMessageBytes), id: null },
      { frame: envelope(1, 'openFiles', `{"paths":["${'a'.repeat(maximumMessageBytes - 200)}"]}`), id: 1 },
    ]);
    for (const frame of [
      'x'.repeat(maximumMessageBytes + 1),
      new Uint8Array(maximumMessageBytes + 1),
      envelope(2, 'getSession', `{"pad":"${'p'.repeat(maximumMessageBytes)}"}`),
    ]) {
      const client = await WireClient.open(server.port, server.token);
      expect(await client.ask(frame)).toBeUndefined();
      expect(client.closeCode).toBe(1009);
      client.close();
      tally.frames++;
      tally.closed++;
      await stillServes('a frame past the size limit');
    }
  });

  it('closes the socket with a close code for frames that break RFC 6455', async () => {
    const text = (payload: string): Uint8Array => new TextEncoder().encode(payload);
    const megabyte = new Uint8Array(1024 * 1024);
    const broken: { why: string; frames: Buffer[]; code: number }[] = [
      {
        why: 'unmasked client frame (§5.1)',
        frames: [rawFrame({ opcode: 0x1, payload: text('{}'), masked: false })],
        code: 1002,
      },
      {
        why: 'reserved bits set without an extension (§5.2)',
        frames: [rawFrame({ opcode: 0x1, payload: text('{}'), reserved: 0b111 })],
        code: 1002,
      },
      { why: 'reserved opcode 0x3', frames: [rawFrame({ opcode: 0x3, payload: text('{}') })], code: 1002 },
      {
        why: 'reserved control opcode 0xb',
        frames: [rawFrame({ opcode: 0xb, payload: text('{}') })],
        code: 1002,
      },
      {
        why: 'text that is not UTF-8 (§8.1)',
        frames: [rawFrame({ opcode: 0x1, payload: Uint8Array.of(0x7b, 0xff, 0xfe, 0x7d) })],
        code: 1007,
      },
      {
        why: 'a ping over 125 bytes (§5.5)',
        frames: [rawFrame({ opcode: 0x9, payload: new Uint8Array(126) })],
        code: 1002,
      },
      {
        why: 'a fragmented ping (§5.5)',
        frames: [rawFrame({ opcode: 0x9, payload: text('x'), fin: false })],
        code: 1002,
      },
      {
        why: 'a continuation with nothing to continue',
        frames: [rawFrame({ opcode: 0x0, payload: text('{}') })],
        code: 1002,
      },
      {
        why: 'a new message inside a fragmented one',
        frames: [
          rawFrame({ opcode: 0x1, payload: text('{'), fin: false }),
          rawFrame({ opcode: 0x1, payload: text('}') }),
        ],
        code: 1002,
      },
      {
        why: 'a close frame with a reserved code',
        frames: [rawFrame({ opcode: 0x8, payload: Uint8Array.of(0x03, 0xec) })],
        code: 1002,
      },
      {
        why: 'a length of 2^63 - 1 in the header',
        frames: [
          Buffer.concat([
            Buffer.from([0x81, 0xff, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
            Buffer.alloc(4),
          ]),
        ],
        code: 1009,
      },
      {
        why: 'a fragmented message adding up to past the limit',
        frames: Array.from({ length: 17 }, (_, index) =>
          rawFrame({ opcode: index === 0 ? 0x2 : 0x0, payload: megabyte, fin: index === 16 }),
        ),
        code: 1009,
      },
    ];
    for (const { why, frames, code } of broken) {
      const { closeCode, texts } = await sendRawFrames(server.port, server.token, frames);
      expect(closeCode, why).toBe(code);
      expect(texts, why).toEqual([]);
      tally.frames++;
      tally.closed++;
      await stillServes(`raw frame: ${why}`);
    }
  });

  it('records the figures', () => {
    expect(tally.servedAfter).toBe(tally.batches);
    recordFigure('websocket-fuzz', {
      order: 4.5,
      item: 'Browser-mode WebSocket (electron/node/serve) fed hostile frames over a real connection with a valid token',
      tried: `non-JSON and non-message text, binary frames, nested JSON to 4,000,000 levels, random and near-miss arguments (\`__proto__\`, \`constructor\` keys) for all ${requestNames.length} requests, unknown names, wrong ids/types/keys, 2000 requests in flight, frames at and past the 16 MiB limit, 12 kinds of RFC 6455 violation on a raw socket`,
      inputs: tally.frames,
      held: `${tally.refused} answered with a refusal (validation or unknown-request, the request's id when it had a valid one, null otherwise); the ${tally.answered} valid requests among the 2000 in flight answered; ${tally.closed} oversize or protocol-breaking frames closed the socket with 1009/1002/1007; after each of ${tally.batches} batches a fresh connection's getSession answered (${tally.servedAfter}/${tally.batches}); no prototype polluted`,
      command: 'npx vitest run test/hostile/websocket-fuzz.test.ts',
    });
  });
});
