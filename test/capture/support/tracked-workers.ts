/**
 * Every worker thread a test starts (the frame worker, the file hasher's), until it exits: a
 * cancelled or failed read must leave none behind, or the process could not exit. A test file
 * mocks node:worker_threads with trackWorkers (see frame-worker.test.ts).
 */
import type * as WorkerThreads from 'node:worker_threads';

export const workerThreads = { live: new Set<object>(), started: [] as string[] };

export function trackWorkers(actual: typeof WorkerThreads): typeof WorkerThreads {
  class TrackedWorker extends actual.Worker {
    constructor(...parameters: ConstructorParameters<typeof actual.Worker>) {
      super(...parameters);
      workerThreads.started.push(String(parameters[0]));
      workerThreads.live.add(this);
      this.once('exit', () => workerThreads.live.delete(this));
    }
  }
  return { ...actual, Worker: TrackedWorker };
}

/** Frame worker starts since `before` (an index into workerThreads.started). */
export function frameWorkersSince(before: number): number {
  return workerThreads.started
    .slice(before)
    .filter((started) => started === process.env.NETMORTEM_FRAME_WORKER).length;
}

/** Waits, a bounded number of turns, for every worker thread to exit; returns how many are left. */
export async function workersLeft(): Promise<number> {
  for (let turn = 0; turn < 200 && workerThreads.live.size > 0; turn++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  return workerThreads.live.size;
}
