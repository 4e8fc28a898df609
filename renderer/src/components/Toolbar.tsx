import type { CaptureControls } from '../hooks/use-capture-controls';
import { shortcutLabels } from '../hooks/use-shortcuts';
import { InterfacePicker } from './InterfacePicker';
import { FilterInput } from './FilterInput';

interface ToolbarProps {
  capture: CaptureControls;
  logDate: string;
  onLogDate: (date: string) => void;
  onOpen: () => void;
  onExport: () => void;
  canExport: boolean;
  loading: boolean;
}

export function Toolbar({ capture, logDate, onLogDate, onOpen, onExport, canExport, loading }: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Capture and file actions">
      <div className="group">
        <InterfacePicker capture={capture} />
        <FilterInput capture={capture} />
        <button
          type="button"
          className={capture.capturing ? 'danger' : 'primary'}
          data-testid="capture-button"
          disabled={!capture.canStart}
          title={`${capture.capturing ? 'Stop' : 'Start'} the live capture (${shortcutLabels.startStop})`}
          onClick={capture.startStop}
        >
          {capture.capturing ? '■ Stop' : '● Start'}
        </button>
      </div>
      <div className="group">
        <button
          type="button"
          data-testid="open-button"
          disabled={loading}
          title={`Open pcap, pcapng or tcpdump text files (${shortcutLabels.open})`}
          onClick={onOpen}
        >
          Open capture…
        </button>
        <label title="tcpdump text logs carry no date: the date to give their times">
          Text log date
          <input
            type="date"
            data-testid="log-date"
            value={logDate}
            onChange={(event) => onLogDate(event.target.value)}
          />
        </label>
      </div>
      <div className="spacer" />
      <div className="group">
        <button
          type="button"
          data-testid="export-button"
          disabled={!canExport}
          title={`Preview and export the report (${shortcutLabels.export})`}
          onClick={onExport}
        >
          Export report…
        </button>
      </div>
      <span className="shortcut-hint">
        <kbd>{shortcutLabels.open}</kbd> open · <kbd>{shortcutLabels.export}</kbd> export ·{' '}
        <kbd>{shortcutLabels.startStop}</kbd> start/stop
      </span>
    </div>
  );
}
