// NxdomainTracker chains a client's entries for a name (other types, other services): its counts,
// its cap and the order of repeated() (which orders an incident's clients and names) must be
// those of the plain model below, whatever the mix of names, clients, types and services.
import { describe, expect, it } from 'vitest';
import { NxdomainTracker } from '../../electron/common/analysis/nxdomain-tracker';
import type { ServiceState } from '../../electron/common/analysis/service-state';
import type { Thresholds } from '../../electron/common/analysis/thresholds';

const thresholds = { nxdomainRepeats: 2 } as Thresholds;
const services = [{ id: 'udp 53' }, { id: 'tcp 53' }] as unknown as ServiceState[];

interface ModelEntry {
  service: ServiceState;
  type: number;
  count: number;
  first: number;
  last: number;
}

/** The model: entries by name, then client, in first-seen order (what the tracker once was). */
class Model {
  readonly names = new Map<string, Map<string, ModelEntry[]>>();
  entries = 0;
  untracked = 0;
  constructor(private readonly limit: number) {}
  record(
    service: ServiceState,
    client: string,
    name: string,
    type: number,
    first: number,
    last: number,
  ): void {
    const byClient = this.names.get(name) ?? new Map<string, ModelEntry[]>();
    const list = byClient.get(client) ?? [];
    const entry = list.find((candidate) => candidate.service === service && candidate.type === type);
    if (entry) {
      entry.count++;
      entry.first = Math.min(entry.first, first);
      entry.last = Math.max(entry.last, last);
      return;
    }
    if (this.entries >= this.limit) {
      this.untracked++;
      return;
    }
    list.push({ service, type, count: 1, first, last });
    byClient.set(client, list);
    this.names.set(name, byClient);
    this.entries++;
  }
  repeated(service: ServiceState): string[] {
    const found: string[] = [];
    for (const [name, byClient] of this.names)
      for (const [client, list] of byClient)
        for (const entry of list)
          if (entry.service === service && entry.count >= thresholds.nxdomainRepeats)
            found.push(`${name} ${client} ${entry.type} ${entry.count} ${entry.first}-${entry.last}`);
    return found;
  }
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

describe('NxdomainTracker', () => {
  it('counts, caps and orders as the model does, for few and for many clients per name', () => {
    for (const [seed, names, clients, limit] of [
      [1, 40, 5, 10_000],
      [2, 3, 300, 10_000],
      [3, 20, 60, 700],
    ] as const) {
      const next = random(seed);
      const tracker = new NxdomainTracker(limit);
      const model = new Model(limit);
      for (let step = 0; step < 20_000; step++) {
        const service = services[Math.floor(next() * 2)]!;
        const client = `192.0.2.${Math.floor(next() * clients)}`;
        const name = `n${Math.floor(next() * names)}.example`;
        const type = next() < 0.8 ? 1 : 28;
        const first = Math.floor(next() * 1e6);
        const last = first + Math.floor(next() * 1e5);
        const entry = tracker.record(service, client, name, type, first, last);
        model.record(service, client, name, type, first, last);
        if (entry)
          expect([entry.client, entry.name, entry.type, entry.service]).toEqual([
            client,
            name,
            type,
            service,
          ]);
      }
      expect(tracker.size).toBe(model.entries);
      expect(tracker.untracked).toBe(model.untracked);
      for (const service of services) {
        const found = [...tracker.repeated(service, thresholds)].map(
          (entry) =>
            `${entry.name} ${entry.client} ${entry.type} ${entry.count} ${entry.firstMicroseconds}-${entry.lastMicroseconds}`,
        );
        expect(found).toEqual(model.repeated(service));
        expect(found.length).toBeGreaterThan(10);
      }
    }
  });
});
