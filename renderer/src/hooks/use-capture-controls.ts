/**
 * The live-capture half of the toolbar: interfaces, the BPF filter checked with libpcap as the
 * user types (debounced), and start/stop.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Api } from '../api/api';
import type { CaptureInterface, SessionInfo } from '../../../electron/common/ipc/payload-schemas';
import { errorEventOf } from '../state/error-event';
import type { SessionStore } from '../state/session-store';

export type FilterState = { status: 'empty' | 'checking' | 'valid' } | { status: 'invalid'; message: string };

export interface CaptureControls {
  interfaces: CaptureInterface[] | null;
  interfacesError: string | null;
  selected: string;
  select: (name: string) => void;
  filter: string;
  setFilter: (filter: string) => void;
  filterState: FilterState;
  capturing: boolean;
  canStart: boolean;
  startStop: () => void;
}

const filterCheckDelay = 300;

/** A sensible first choice: an interface that is up and not loopback, else the first one. */
function defaultInterface(interfaces: CaptureInterface[]): string {
  return (interfaces.find((item) => item.up && item.running && !item.loopback) ?? interfaces[0])?.name ?? '';
}

export function isCapturing(session: SessionInfo | null): boolean {
  return session?.kind === 'capture' && (session.state === 'capturing' || session.state === 'stopping');
}

export function useCaptureControls(api: Api, store: SessionStore): CaptureControls {
  const [interfaces, setInterfaces] = useState<CaptureInterface[] | null>(null);
  const [interfacesError, setInterfacesError] = useState<string | null>(null);
  const [selected, select] = useState('');
  const [filter, setFilter] = useState('');
  const [filterState, setFilterState] = useState<FilterState>({ status: 'empty' });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    api
      .listInterfaces({})
      .then((list) => {
        if (!current) return;
        setInterfaces(list);
        select((previous) => previous || defaultInterface(list));
      })
      .catch((error: unknown) => current && setInterfacesError(errorEventOf(error).message));
    return () => {
      current = false;
    };
  }, [api]);

  useEffect(() => {
    if (filter.trim() === '') {
      setFilterState({ status: 'empty' });
      return undefined;
    }
    setFilterState({ status: 'checking' });
    let current = true;
    const timer = setTimeout(() => {
      api
        .checkFilter({ filter, ...(selected ? { interface: selected } : {}) })
        .then(
          (check) =>
            current &&
            setFilterState(
              check.valid
                ? { status: 'valid' }
                : { status: 'invalid', message: check.message ?? 'invalid filter' },
            ),
        )
        .catch(
          (error: unknown) =>
            current && setFilterState({ status: 'invalid', message: errorEventOf(error).message }),
        );
    }, filterCheckDelay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, filter, selected]);

  const capturing = isCapturing(store.session);
  const canStart =
    !busy && selected !== '' && (filterState.status === 'empty' || filterState.status === 'valid');

  const startStop = useCallback(() => {
    if (busy) return;
    if (!capturing && !canStart) return;
    setBusy(true);
    const action = capturing
      ? api.stopCapture({})
      : api.startCapture({ interface: selected, ...(filter.trim() ? { filter } : {}) });
    action
      .then((session) => store.setSession(session))
      .catch((error: unknown) => store.addError(errorEventOf(error)))
      .finally(() => setBusy(false));
  }, [api, store, busy, capturing, canStart, selected, filter]);

  return {
    interfaces,
    interfacesError,
    selected,
    select,
    filter,
    setFilter,
    filterState,
    capturing,
    canStart: canStart || capturing,
    startStop,
  };
}
