import { useSyncExternalStore } from 'react';
import type { SessionStore } from '../state/session-store';

/** Re-renders the caller whenever the store changes; returns the store's version. */
export function useStoreVersion(store: SessionStore): number {
  return useSyncExternalStore(store.subscribe, store.getVersion);
}
