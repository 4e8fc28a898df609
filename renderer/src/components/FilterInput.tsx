import type { CaptureControls } from '../hooks/use-capture-controls';

/** The BPF filter, with libpcap's own message under it when it does not compile. */
export function FilterInput({ capture }: { capture: CaptureControls }) {
  const state = capture.filterState;
  const message =
    state.status === 'invalid'
      ? state.message
      : state.status === 'checking'
        ? 'checking…'
        : state.status === 'valid'
          ? 'valid filter'
          : 'capture everything';
  return (
    <label className="filter-field">
      BPF filter
      <input
        data-testid="filter-input"
        placeholder="udp port 53 or icmp or icmp6"
        spellCheck={false}
        value={capture.filter}
        disabled={capture.capturing}
        aria-invalid={state.status === 'invalid'}
        onChange={(event) => capture.setFilter(event.target.value)}
      />
      <span
        className={`field-message${state.status === 'invalid' ? ' invalid' : ''}`}
        data-testid="filter-message"
        data-status={state.status}
      >
        {message}
      </span>
    </label>
  );
}
