// The capture's sha256 (the report's proof of what was analysed) must be the hash of exactly
// the bytes read, whether a worker thread hashes a big file beside the reading or the reading
// thread hashes a small one.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileHasher } from '../../electron/node/files/file-hasher';

const folder = mkdtempSync(join(tmpdir(), 'netmortem-hasher-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Deterministic bytes, different in every position that matters for a hash. */
function bytes(length: number): Uint8Array {
  const data = new Uint8Array(length);
  let state = 12345;
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    data[index] = state >>> 24;
  }
  return data;
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

function feed(data: Uint8Array, path: string, size: number, chunk = 1 << 20): Promise<string> {
  const hasher = createFileHasher(path, size, true);
  for (let at = 0; at < data.length; at += chunk) hasher.update(data.subarray(at, at + chunk));
  return hasher.digest();
}

describe('capture file hashing', () => {
  it('hashes a big file in a worker: the same sha256 as hashing it whole', async () => {
    const data = bytes(20 << 20);
    const path = join(folder, 'big.pcap');
    writeFileSync(path, data);
    expect(await feed(data, path, data.length)).toBe(sha256(data));
  });

  it('hashes only the bytes read when the file grew after the reading (a capture still written)', async () => {
    const data = bytes(24 << 20);
    const path = join(folder, 'growing.pcap');
    writeFileSync(path, data);
    const read = data.subarray(0, (17 << 20) + 12345);
    expect(await feed(read, path, 17 << 20, 65536)).toBe(sha256(read));
  });

  it('hashes a small file, or anything not a regular file, in the reading thread', async () => {
    const data = bytes(100_000);
    const hasher = createFileHasher(join(folder, 'no-such-fifo'), data.length, false);
    hasher.update(data.subarray(0, 7));
    hasher.update(data.subarray(7));
    expect(await hasher.digest()).toBe(sha256(data));
  });
});
