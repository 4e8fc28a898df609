import { useEffect, useState } from 'react';

/** Seconds between start and end (or now, ticking once a second while there is no end). */
export function useElapsedSeconds(startedAt: number | null, endedAt: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null || endedAt !== null) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [startedAt, endedAt]);
  if (startedAt === null) return null;
  return Math.max(0, ((endedAt ?? now) - startedAt) / 1000);
}
