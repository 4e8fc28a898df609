import type { CaptureControls } from '../hooks/use-capture-controls';

export function InterfacePicker({ capture }: { capture: CaptureControls }) {
  const { interfaces, interfacesError, selected } = capture;
  const current = interfaces?.find((item) => item.name === selected);
  return (
    <label>
      Interface
      <select
        data-testid="interface-picker"
        value={selected}
        disabled={capture.capturing || !interfaces || interfaces.length === 0}
        onChange={(event) => capture.select(event.target.value)}
        title={interfacesError ?? current?.addresses.join(', ') ?? ''}
      >
        {!interfaces && <option value="">{interfacesError ? 'capture unavailable' : 'loading…'}</option>}
        {interfaces?.length === 0 && <option value="">no interfaces</option>}
        {interfaces?.map((item) => (
          <option key={item.name} value={item.name}>
            {item.up ? '▲' : '▼'} {item.name} {item.up ? (item.running ? 'up' : 'up, no carrier') : 'down'}
            {item.addresses.length > 0 ? ` — ${item.addresses.join(', ')}` : ''}
          </option>
        ))}
      </select>
      {interfacesError && (
        <span className="field-message invalid" data-testid="interfaces-error">
          {interfacesError}
        </span>
      )}
    </label>
  );
}
