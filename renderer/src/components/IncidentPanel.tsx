/** Each incident: what failed, since when, how often, and its causes weighed with evidence. */
import { memo } from 'react';
import type { Analysis, Incident } from '../../../electron/common/report/analysis-schema';
import { causeNames } from '../../../electron/common/report/cause-text';
import { kindTexts } from '../../../electron/common/report/incident-kind-text';
import { severityColors } from '../../../electron/common/report/timeline-colors';
import { displayTime } from '../../../electron/common/report/time-format';
import { delayRange } from '../../../electron/common/report/answer-delay-text';

interface IncidentPanelProps {
  analysis: Analysis | null;
  live: boolean;
  selectedFrame: number | null;
  onSelectFrame: (frame: number) => void;
  onExportPackets: (incident: Incident) => void;
}

function IncidentCard({
  incident,
  selectedFrame,
  onSelectFrame,
  onExportPackets,
}: { incident: Incident } & Omit<IncidentPanelProps, 'analysis' | 'live'>) {
  const label = kindTexts[incident.kind].label;
  return (
    <article
      className="incident"
      data-testid="incident"
      data-kind={incident.kind}
      data-incident-id={incident.id}
    >
      <h3>
        <span className="severity" style={{ background: severityColors[incident.severity] }}>
          {incident.severity}
        </span>
        <span data-testid="incident-title">
          {incident.protocol} {kindTexts[incident.kind].state}: {label}
        </span>
      </h3>
      <p style={{ margin: '4px 0' }}>{incident.summary}</p>
      <dl>
        <dt>Kind</dt>
        <dd className="mono">{incident.kind}</dd>
        <dt>Service</dt>
        <dd data-testid="incident-service">
          {incident.protocol} over {incident.transport} port {incident.server.port} at{' '}
          <span className="mono">{incident.server.address}</span>
        </dd>
        <dt>Window</dt>
        <dd>
          {displayTime(incident.start)} → {displayTime(incident.end)}
        </dd>
        {incident.recovered && (
          <>
            <dt>Recovered</dt>
            <dd data-testid="incident-recovered">{displayTime(incident.recovered)}</dd>
          </>
        )}
        <dt>Counts</dt>
        <dd data-testid="incident-counts">
          {incident.queries} {incident.queries === 1 ? 'query' : 'queries'}, {incident.icmpErrors} ICMP{' '}
          {incident.icmpErrors === 1 ? 'error' : 'errors'}
          {incident.icmpSource ? ` from ${incident.icmpSource}` : ''}
        </dd>
        {incident.answerDelay && (
          <>
            <dt>Delay</dt>
            <dd
              data-testid="incident-delay"
              title="from each failed query to its ICMP error or failing response"
            >
              {delayRange(incident.answerDelay)} after the query
              {incident.answerDelay.afterTimeout > 0
                ? `, ${incident.answerDelay.afterTimeout} after the timeout`
                : ''}
            </dd>
          </>
        )}
        {incident.names.length > 0 && (
          <>
            <dt>Names</dt>
            <dd className="mono">{incident.names.join(', ')}</dd>
          </>
        )}
        {incident.clients.length > 0 && (
          <>
            <dt>Clients</dt>
            <dd className="mono">{incident.clients.join(', ')}</dd>
          </>
        )}
      </dl>
      <h4 style={{ margin: '8px 0 2px' }}>Likely causes</h4>
      {incident.causes.map((cause, rank) => (
        <section className="cause" key={cause.id} data-testid="cause" data-cause-id={cause.id}>
          <header>
            <span>
              {rank + 1}. {causeNames[cause.id]}
            </span>
            <span className="confidence" title={`confidence ${Math.round(cause.confidence * 100)}%`}>
              <span style={{ width: `${Math.round(cause.confidence * 100)}%` }} />
            </span>
            <span className="muted">{Math.round(cause.confidence * 100)}%</span>
          </header>
          <ul>
            {cause.evidenceFor.map((text) => (
              <li key={`for:${text}`}>✔ {text}</li>
            ))}
            {cause.evidenceAgainst.map((text) => (
              <li key={`against:${text}`} className="against">
                ✘ {text}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h4 style={{ margin: '8px 0 2px' }}>Evidence (click a line to see its packet)</h4>
      <div>
        {incident.evidence.map((evidence) => (
          <button
            type="button"
            key={evidence.frame}
            className={`evidence-line${evidence.frame === selectedFrame ? ' selected' : ''}`}
            data-testid="evidence-line"
            data-frame={evidence.frame}
            title={`frame ${evidence.frame}`}
            onClick={() => onSelectFrame(evidence.frame)}
          >
            {evidence.frame}: {evidence.line}
          </button>
        ))}
      </div>
      <div style={{ marginTop: 8 }}>
        <button type="button" data-testid="export-incident-packets" onClick={() => onExportPackets(incident)}>
          Export the incident's packets (pcap)
        </button>
      </div>
    </article>
  );
}

export const IncidentPanel = memo(function IncidentPanel({ analysis, live, ...rest }: IncidentPanelProps) {
  const incidents = analysis?.incidents ?? [];
  return (
    <section className="panel" data-testid="incident-panel">
      <div className="panel-header">
        Incidents <span className="muted">({incidents.length})</span>
      </div>
      <div className="panel-body">
        {!analysis && (
          <p className="muted" style={{ padding: 10 }}>
            {live ? 'Watching for failures…' : 'Open a capture to find incidents.'}
          </p>
        )}
        {analysis && incidents.length === 0 && (
          <p className="muted" style={{ padding: 10 }} data-testid="no-incident">
            No incident{live ? ' so far' : ''}: {analysis.dns.queries} DNS{' '}
            {analysis.dns.queries === 1 ? 'query' : 'queries'}, {analysis.icmp.errors} ICMP errors.
          </p>
        )}
        {incidents.map((incident) => (
          <IncidentCard key={incident.id} incident={incident} {...rest} />
        ))}
      </div>
    </section>
  );
});
