import type { Progress } from '../../../electron/common/ipc/payload-schemas';

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Shown while files load; Cancel stops reading (the events found so far stay on screen). */
export function ProgressBar({ progress, onCancel }: { progress: Progress | null; onCancel: () => void }) {
  if (!progress) return null;
  const fraction = progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
  return (
    <div className="progress" data-testid="progress" role="status">
      <span>
        Reading {progress.file}: {megabytes(progress.bytesRead)} of {megabytes(progress.totalBytes)},{' '}
        {progress.packets.toLocaleString('en')} packets
      </span>
      <progress max={1} value={fraction} aria-label="Loading progress" />
      <span>{Math.round(fraction * 100)}%</span>
      <button type="button" data-testid="cancel-load" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
