/** The selected frame: its layers as a tree, and its bytes as a hex dump; choosing a layer marks its bytes. */
import { memo, useEffect, useState } from 'react';
import type { Api } from '../api/api';
import type { DetailNode, PacketDetails as Details } from '../../../electron/common/ipc/payload-schemas';
import { clockOfSeconds } from '../../../electron/common/report/time-format';
import { errorEventOf } from '../state/error-event';
import { HexDump } from './HexDump';

interface Mark {
  offset: number;
  length: number;
}

function TreeNode({
  node,
  mark,
  onMark,
  depth,
}: {
  node: DetailNode;
  mark: Mark | null;
  onMark: (mark: Mark | null) => void;
  depth: number;
}) {
  const active = mark !== null && node.offset === mark.offset && node.length === mark.length;
  const label = (
    <span
      className={`node${active ? ' active' : ''}`}
      data-testid="detail-node"
      onClick={(event) => {
        // Choosing a layer marks its bytes; the disclosure triangle opens and closes it.
        event.preventDefault();
        event.stopPropagation();
        onMark(
          node.offset !== null && node.length !== null ? { offset: node.offset, length: node.length } : null,
        );
      }}
    >
      {node.label}
    </span>
  );
  if (node.children.length === 0) return <li>{label}</li>;
  return (
    <li>
      <details open={depth === 0}>
        <summary>{label}</summary>
        <ul>
          {node.children.map((child, index) => (
            <TreeNode key={index} node={child} mark={mark} onMark={onMark} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export const PacketDetails = memo(function PacketDetails({ api, frame }: { api: Api; frame: number | null }) {
  const [details, setDetails] = useState<Details | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mark, setMark] = useState<Mark | null>(null);

  useEffect(() => {
    setMark(null);
    if (frame === null) {
      setDetails(null);
      return undefined;
    }
    let current = true;
    setError(null);
    api
      .getPacketDetails({ frame })
      .then((result) => current && setDetails(result))
      .catch((failure: unknown) => {
        if (!current) return;
        setDetails(null);
        setError(errorEventOf(failure).message);
      });
    return () => {
      current = false;
    };
  }, [api, frame]);

  return (
    <section className="panel" data-testid="packet-details" data-frame={details?.frame ?? ''}>
      <div className="panel-header">
        Packet {details ? `#${details.frame}` : ''}
        {details && (
          <span className="muted" style={{ fontWeight: 'normal' }}>
            {clockOfSeconds(details.time, 6)} UTC · {details.capturedLength} of {details.originalLength} bytes
            · {details.linkType}
          </span>
        )}
      </div>
      <div className="panel-body">
        {frame === null && (
          <p className="muted" style={{ padding: 10 }}>
            Select an event or an evidence line to see its packet.
          </p>
        )}
        {error && (
          <p className="field-message invalid" style={{ padding: 10 }}>
            {error}
          </p>
        )}
        {details && (
          <div className={details.bytes ? 'details' : 'details text-only'}>
            <div className="layer-tree" data-testid="layer-tree">
              {details.truncated && <p className="field-message invalid">{details.truncated}</p>}
              {details.origin && (
                <p className="muted">
                  From line {details.origin.line} of a tcpdump text log:{' '}
                  <span className="mono">{details.origin.text}</span>
                </p>
              )}
              <ul>
                {details.layers.map((node, index) => (
                  <TreeNode key={index} node={node} mark={mark} onMark={setMark} depth={0} />
                ))}
              </ul>
            </div>
            <HexDump hex={details.bytes} mark={mark} />
          </div>
        )}
      </div>
    </section>
  );
});
