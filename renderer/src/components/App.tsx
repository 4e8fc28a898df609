/** The window: toolbar, banners, timeline and events on the left, incidents and packet details on the right. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Api } from '../api/api';
import { incidentPacketsFileName } from '../../../electron/common/ipc/export-names';
import type { Incident } from '../../../electron/common/report/analysis-schema';
import { useCaptureControls } from '../hooks/use-capture-controls';
import { chooseSaveTarget, describeWritten } from '../hooks/use-save-target';
import { useShortcuts } from '../hooks/use-shortcuts';
import { useStoreVersion } from '../hooks/use-store';
import type { TimeRange } from '../state/chart-data';
import { errorEventOf } from '../state/error-event';
import type { SessionStore } from '../state/session-store';
import { syncSession } from '../state/sync-session';
import { EmptyState } from './EmptyState';
import { ErrorBanner } from './ErrorBanner';
import { EventsTable } from './EventsTable';
import { ExportDialog } from './ExportDialog';
import { IncidentPanel } from './IncidentPanel';
import { OpenDialog } from './OpenDialog';
import { PacketDetails } from './PacketDetails';
import { ProgressBar } from './ProgressBar';
import { StatusBar } from './StatusBar';
import { Timeline } from './Timeline';
import { Toolbar } from './Toolbar';

export function App({ api, store }: { api: Api; store: SessionStore }) {
  const version = useStoreVersion(store);
  useEffect(() => syncSession(api, store), [api, store]);
  const capture = useCaptureControls(api, store);
  const [selectedFrame, setSelectedFrame] = useState<number | null>(null);
  const [range, setRange] = useState<TimeRange | null>(null);
  const [view, setView] = useState<TimeRange | null>(null);
  const [dialog, setDialog] = useState<'open' | 'export' | null>(null);
  const [logDate, setLogDate] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const dragDepth = useRef(0);
  const { session, analysis } = store;
  const loading = session?.state === 'loading';

  // A new session starts with a clean slate.
  const sessionId = session?.id;
  useEffect(() => {
    setSelectedFrame(null);
    setRange(null);
    setView(null);
  }, [sessionId]);

  const report = useCallback((error: unknown) => store.addError(errorEventOf(error)), [store]);
  const dateArgument = logDate ? { date: logDate } : {};

  const openPaths = (paths: string[]): void => {
    setDialog(null);
    api.openFiles({ paths, ...dateArgument }).then((opened) => store.setSession(opened), report);
  };
  const openLocal = (files: readonly File[]): void => {
    setDialog(null);
    api.openLocalFiles(files, logDate || undefined).then((opened) => store.setSession(opened), report);
  };
  const open = (): void => {
    if (loading) return;
    if (api.host === 'browser') setDialog('open');
    else
      api.showOpenDialog({}).then((chosen) => {
        if (chosen.paths.length > 0) openPaths(chosen.paths);
      }, report);
  };
  const exportReport = (): void => {
    if (analysis) setDialog('export');
  };
  const exportPackets = (incident: Incident): void => {
    (async () => {
      const target = await chooseSaveTarget(api, incidentPacketsFileName(incident), 'pcap');
      if (!target) return;
      const written = await api.exportIncidentPackets({ incidentId: incident.id, ...target });
      await api.deliver(written);
      setNotice(describeWritten(written));
    })().catch(report);
  };

  const actions = useRef({ open, export: exportReport, startStop: capture.startStop });
  actions.current = { open, export: exportReport, startStop: capture.startStop };
  useShortcuts(actions, dialog === null);
  // The Electron menu's items arrive as commands.
  useEffect(
    () =>
      api.on('command', ({ command }) => {
        if (command === 'open') actions.current.open();
        else if (command === 'start-stop') actions.current.startStop();
        else actions.current.export();
      }),
    [api],
  );

  const buckets = useMemo(() => store.buckets.buckets(), [store.buckets, version]);
  const warnings = analysis?.capture.warnings ?? [];

  return (
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      data-testid="app"
      onDragEnter={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        dragDepth.current += 1;
        setDragging(true);
      }}
      onDragOver={(event) => event.preventDefault()}
      onDragLeave={() => {
        dragDepth.current = Math.max(0, dragDepth.current - 1);
        if (dragDepth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        dragDepth.current = 0;
        setDragging(false);
        const files = [...event.dataTransfer.files];
        if (files.length > 0 && !loading) openLocal(files);
      }}
    >
      <Toolbar
        capture={capture}
        logDate={logDate}
        onLogDate={setLogDate}
        onOpen={open}
        onExport={exportReport}
        canExport={analysis !== null}
        loading={loading}
      />
      <div>
        <ErrorBanner errors={store.errors} onDismiss={(error) => store.dismissError(error)} />
        {warnings.length > 0 && (
          <div className="banner warning-banner" data-testid="warnings">
            <div className="text">
              {warnings.map((warning) => (
                <div key={warning}>⚠ {warning}</div>
              ))}
            </div>
          </div>
        )}
        {notice && (
          <div className="banner warning-banner" data-testid="notice" role="status">
            <div className="text">{notice}</div>
            <button type="button" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ✕
            </button>
          </div>
        )}
        <ProgressBar
          progress={loading ? store.progress : null}
          onCancel={() => api.cancelLoad({}).catch(report)}
        />
      </div>
      <div className="workspace">
        <div className="main-column">
          {session ? (
            <>
              <section className="panel">
                <Timeline
                  buckets={buckets}
                  analysis={analysis}
                  view={view}
                  range={range}
                  onRange={setRange}
                  onView={setView}
                />
              </section>
              <EventsTable
                api={api}
                sessionId={session.id}
                events={store.events}
                times={store.times}
                version={version}
                range={range}
                selectedFrame={selectedFrame}
                onSelect={setSelectedFrame}
              />
            </>
          ) : (
            <div style={{ gridRow: '1 / -1' }}>
              <EmptyState onOpen={open} />
            </div>
          )}
        </div>
        <div className="side-column">
          <IncidentPanel
            analysis={analysis}
            live={session?.state === 'capturing'}
            selectedFrame={selectedFrame}
            onSelectFrame={setSelectedFrame}
            onExportPackets={exportPackets}
          />
          <PacketDetails api={api} frame={selectedFrame} />
        </div>
      </div>
      <StatusBar
        session={session}
        stats={store.stats}
        progress={store.progress}
        events={store.events.length}
      />
      {dialog === 'open' && (
        <OpenDialog
          onFiles={openLocal}
          onPath={(path) => openPaths([path])}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'export' && analysis && (
        <ExportDialog
          api={api}
          analysis={analysis}
          onClose={() => setDialog(null)}
          onExportPackets={exportPackets}
        />
      )}
    </div>
  );
}
