import type { Progress, SessionInfo, Stats } from '../../../electron/common/ipc/payload-schemas';
import { useElapsedSeconds } from '../hooks/use-elapsed';

function formatElapsed(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`
    : `${minutes}:${String(rest).padStart(2, '0')}`;
}

const stateLabels: Record<SessionInfo['state'], string> = {
  loading: 'loading',
  capturing: 'capturing',
  stopping: 'stopping',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};

export function StatusBar({
  session,
  stats,
  progress,
  events,
}: {
  session: SessionInfo | null;
  stats: Stats | null;
  progress: Progress | null;
  events: number;
}) {
  const elapsed = useElapsedSeconds(session?.startedAt ?? null, session?.endedAt ?? null);
  const packets =
    stats?.packets ?? (session?.state === 'loading' ? progress?.packets : undefined) ?? session?.packets ?? 0;
  const dropped = stats?.dropped ?? session?.dropped ?? null;
  const files = session?.files ?? [];
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="status-state">
        {session
          ? `${session.kind === 'capture' ? `Live on ${session.interface ?? '?'}` : 'Files'}: ${stateLabels[session.state]}`
          : 'No capture'}
      </span>
      <span data-testid="status-packets" data-count={packets}>
        Packets: {packets.toLocaleString('en')}
      </span>
      <span>Events: {events.toLocaleString('en')}</span>
      <span data-testid="status-drops">
        Drops: {dropped === null ? '—' : dropped.toLocaleString('en')}
        {stats?.interfaceDropped ? ` (+${stats.interfaceDropped} by the interface)` : ''}
      </span>
      <span data-testid="status-elapsed">Elapsed: {formatElapsed(elapsed)}</span>
      <span className="file" data-testid="status-file" title={files.join('\n')}>
        {files.length === 0
          ? ''
          : `File: ${files.length === 1 ? files[0] : `${files[0]} and ${files.length - 1} more`}`}
      </span>
    </footer>
  );
}
