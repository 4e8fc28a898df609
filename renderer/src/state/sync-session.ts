/**
 * Connects the store to the service: every pushed event, then the session already running
 * (a renderer reloaded mid-capture picks it up: its events are paged in, then live batches
 * continue where the pages stop).
 */
import type { Api } from '../api/api';
import type { EventPayload } from '../../../electron/common/ipc/contract';
import type { SessionStore } from './session-store';

const pageSize = 100_000;

export function syncSession(api: Api, store: SessionStore): () => void {
  let catchingUp = true;
  const held: EventPayload<'batch'>[] = [];
  const unsubscribes = [
    api.on('session', (session) => store.setSession(session)),
    api.on('batch', (batch) => (catchingUp ? held.push(batch) : store.addBatch(batch))),
    api.on('analysis', (payload) => store.setAnalysis(payload)),
    api.on('stats', (stats) => store.setStats(stats)),
    api.on('progress', (progress) => store.setProgress(progress)),
    api.on('sessionEnded', (ended) => store.endSession(ended)),
    api.on('error', (error) => store.addError(error)),
  ];
  let stopped = false;

  const catchUp = async (): Promise<void> => {
    const session = await api.getSession({});
    if (session && !stopped) {
      store.setSession(session);
      for (let offset = 0; !stopped;) {
        const page = await api.getEvents({ sessionId: session.id, offset, limit: pageSize });
        store.appendEvents(page.events);
        offset += page.events.length;
        if (page.events.length === 0 || offset >= page.total) break;
      }
      const analysis = await api.getAnalysis({});
      if (!stopped) store.setAnalysisValue(analysis);
    }
  };
  catchUp()
    .catch((error: unknown) =>
      store.addError({
        sessionId: null,
        code: 'failed',
        message: error instanceof Error ? error.message : String(error),
        fix: null,
      }),
    )
    .finally(() => {
      catchingUp = false;
      for (const batch of held.splice(0)) store.addBatch(batch);
    });

  return () => {
    stopped = true;
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
