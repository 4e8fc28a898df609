/**
 * One-click export: the report previewed as it will be written, the analyst's fields
 * editable, four formats under a default name, plus the capture and the incident's packets as pcap.
 */
import { useEffect, useState } from 'react';
import type { Api } from '../api/api';
import type { AnalystFields, ReportFormat } from '../../../electron/common/ipc/payload-schemas';
import { captureFileName } from '../../../electron/common/ipc/export-names';
import type { Analysis, Incident } from '../../../electron/common/report/analysis-schema';
import { defaultFileName } from '../../../electron/common/report/default-file-name';
import { defaultTitle } from '../../../electron/common/report/report-title';
import { chooseSaveTarget, describeWritten } from '../hooks/use-save-target';
import { errorEventOf } from '../state/error-event';
import { Modal } from './Modal';

const formatLabels: Record<ReportFormat, string> = { md: 'Markdown', html: 'HTML', json: 'JSON', pdf: 'PDF' };
const previewDelay = 350;

interface ExportDialogProps {
  api: Api;
  analysis: Analysis;
  onClose: () => void;
  onExportPackets: (incident: Incident) => void;
}

export function ExportDialog({ api, analysis, onClose, onExportPackets }: ExportDialogProps) {
  const [analyst, setAnalyst] = useState<AnalystFields>({
    title: '',
    reporter: '',
    organisation: '',
    customerImpact: '',
    notes: '',
  });
  const [format, setFormat] = useState<ReportFormat>('md');
  const [fileName, setFileName] = useState(() => defaultFileName(analysis, 'md'));
  const [serverPath, setServerPath] = useState('');
  const [previewFormat, setPreviewFormat] = useState<'html' | 'md'>('html');
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .previewReport({ format: previewFormat, analyst })
        .then((report) => current && setPreview(report.text))
        .catch(
          (error: unknown) => current && setPreview(`The preview failed: ${errorEventOf(error).message}`),
        );
    }, previewDelay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, analyst, previewFormat]);

  const field = (name: keyof AnalystFields) => ({
    value: analyst[name],
    'data-testid': `analyst-${name}`,
    onChange: (event: { target: { value: string } }) =>
      setAnalyst((current) => ({ ...current, [name]: event.target.value })),
  });

  const chooseFormat = (next: ReportFormat): void => {
    setFormat(next);
    setFileName((current) => current.replace(/\.(md|html|json|pdf)$/, '') + `.${next}`);
    setResult(null);
  };

  const run = async (action: () => Promise<string | null>): Promise<void> => {
    setBusy(true);
    setResult(null);
    try {
      const text = await action();
      if (text) setResult({ ok: true, text });
    } catch (error) {
      setResult({ ok: false, text: errorEventOf(error).message });
    } finally {
      setBusy(false);
    }
  };

  const exportReport = () =>
    run(async () => {
      const target = await chooseSaveTarget(api, fileName, format, serverPath);
      if (!target) return null;
      const written = await api.exportReport({ format, analyst, ...target });
      await api.deliver(written, fileName);
      return describeWritten(written);
    });

  const saveCapture = () =>
    run(async () => {
      const name = captureFileName(analysis);
      const target = await chooseSaveTarget(api, name, 'pcap');
      if (!target) return null;
      const written = await api.saveCapture(target);
      await api.deliver(written);
      return describeWritten(written);
    });

  return (
    <Modal title="Export the report" onClose={onClose} testId="export-dialog">
      <div className="body export-layout">
        <div className="form">
          <label>
            Title
            <input {...field('title')} placeholder={defaultTitle(analysis)} />
          </label>
          <label>
            Reporter
            <input {...field('reporter')} placeholder="Your name" />
          </label>
          <label>
            Organisation
            <input {...field('organisation')} />
          </label>
          <label>
            Customer impact
            <textarea
              {...field('customerImpact')}
              placeholder='What customers saw, e.g. "destination port unreachable" when opening the site'
            />
          </label>
          <label>
            Notes
            <textarea {...field('notes')} rows={4} />
          </label>
          <div className="formats" role="radiogroup" aria-label="Format">
            {(Object.keys(formatLabels) as ReportFormat[]).map((option) => (
              <label key={option}>
                <input
                  type="radio"
                  name="format"
                  data-testid={`export-format-${option}`}
                  checked={format === option}
                  onChange={() => chooseFormat(option)}
                />
                {formatLabels[option]}
              </label>
            ))}
          </div>
          <label>
            File name
            <input
              className="mono"
              data-testid="export-file-name"
              value={fileName}
              onChange={(event) => setFileName(event.target.value)}
            />
          </label>
          {api.host === 'browser' && (
            <label>
              Also keep it on the server at (optional full path; otherwise it is only downloaded)
              <input
                className="mono"
                data-testid="export-path"
                placeholder="/home/analyst/reports/report.md"
                value={serverPath}
                onChange={(event) => setServerPath(event.target.value)}
              />
            </label>
          )}
          {result && (
            <p
              className={`result${result.ok ? ' ok' : ' field-message invalid'}`}
              data-testid="export-result"
              data-ok={result.ok}
            >
              {result.text}
            </p>
          )}
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', gap: 6, minWidth: 0 }}>
          <div className="formats">
            Preview:
            <label>
              <input
                type="radio"
                name="preview"
                checked={previewFormat === 'html'}
                onChange={() => setPreviewFormat('html')}
              />{' '}
              HTML
            </label>
            <label>
              <input
                type="radio"
                name="preview"
                checked={previewFormat === 'md'}
                onChange={() => setPreviewFormat('md')}
              />{' '}
              Markdown
            </label>
          </div>
          {previewFormat === 'html' ? (
            // sandbox="": the report runs no script and cannot navigate us, whatever a capture put in it.
            <iframe
              className="preview"
              title="Report preview"
              sandbox=""
              srcDoc={preview ?? ''}
              data-testid="export-preview"
            />
          ) : (
            <pre className="preview preview-text" data-testid="export-preview-markdown">
              {preview}
            </pre>
          )}
        </div>
      </div>
      <footer>
        <button type="button" data-testid="save-capture" disabled={busy} onClick={saveCapture}>
          Save capture as pcap
        </button>
        {analysis.incidents.map((incident) => (
          <button key={incident.id} type="button" disabled={busy} onClick={() => onExportPackets(incident)}>
            Packets of {incident.id} (pcap)
          </button>
        ))}
        <span style={{ flex: 1 }} />
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          data-testid="export-save"
          disabled={busy || fileName.trim() === ''}
          onClick={exportReport}
        >
          {busy ? 'Writing…' : `Export ${formatLabels[format]}`}
        </button>
      </footer>
    </Modal>
  );
}
