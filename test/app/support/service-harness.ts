/** A real service in a temporary folder, recording every pushed event, for the app tests. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../../electron/common/ipc/contract';
import { createService } from '../../../electron/node/service/service';
import type { PushedEvent, Service } from '../../../electron/node/service/service-types';

export interface Harness {
  service: Service;
  folder: string;
  events: PushedEvent[];
  /** Resolves with the first event of that name matching `test` (already received ones count). */
  next<E extends EventName>(name: E, test?: (payload: EventPayload<E>) => boolean): Promise<EventPayload<E>>;
  /** Calls and returns the value, failing the test on a refusal. */
  value(name: string, args: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const folder = await mkdtemp(join(tmpdir(), 'netmortem-app-test-'));
  const service = createService({
    dataDirectory: join(folder, 'data'),
    exportDirectory: join(folder, 'exports'),
  });
  const events: PushedEvent[] = [];
  const waiters = new Set<() => void>();
  service.subscribe((event) => {
    events.push(event);
    for (const waiter of [...waiters]) waiter();
  });
  return {
    service,
    folder,
    events,
    next(name, test) {
      return new Promise((resolve) => {
        const check = (): boolean => {
          const found = events.find(
            (event) => event.name === name && (!test || test(event.payload as never)),
          );
          if (found) resolve(found.payload as never);
          return found !== undefined;
        };
        if (check()) return;
        const waiter = (): void => {
          if (check()) waiters.delete(waiter);
        };
        waiters.add(waiter);
      });
    },
    async value(name, args) {
      const envelope = await service.call(name, args);
      if (!envelope.ok)
        throw new Error(
          `${name} refused: ${envelope.error.code}: ${envelope.error.message} ${envelope.error.issues.join('; ')}`,
        );
      return envelope.value;
    },
    async close() {
      await service.dispose();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
