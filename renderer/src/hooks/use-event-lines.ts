import { useEffect, useMemo, useState } from 'react';
import type { Api } from '../api/api';
import { EventLineCache } from '../state/event-line-cache';

/**
 * The session's line cache (state/event-line-cache.ts); the component redraws when lines
 * arrive. A new session gets a new, empty cache; the old one is disposed.
 */
export function useEventLines(api: Api, sessionId: string | null): EventLineCache | null {
  const [, setLinesVersion] = useState(0);
  const cache = useMemo(
    () =>
      sessionId === null
        ? null
        : new EventLineCache(
            (frames) => api.getEventLines({ sessionId, frames }),
            () => setLinesVersion((value) => value + 1),
          ),
    [api, sessionId],
  );
  useEffect(() => () => cache?.dispose(), [cache]);
  return cache;
}
