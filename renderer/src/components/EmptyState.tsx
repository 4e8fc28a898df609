import { shortcutLabels } from '../hooks/use-shortcuts';

export function EmptyState({ onOpen }: { onOpen: () => void }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <div>
        <h2>Why is the service unreachable?</h2>
        <p>netmortem finds out from the packets. To begin:</p>
        <ul>
          <li>
            <button type="button" className="primary" onClick={onOpen}>
              Open a capture
            </button>{' '}
            (<kbd>{shortcutLabels.open}</kbd>): pcap, pcapng or a tcpdump text log;
          </li>
          <li>or drop such files anywhere on this window;</li>
          <li>
            or pick an interface above, optionally a filter such as <code>udp port 53 or icmp</code>, and
            press Start (<kbd>{shortcutLabels.startStop}</kbd>).
          </li>
        </ul>
        <p>
          Failed DNS queries, the ICMP errors that answer them and the incident they add up to appear here as
          they are found.
        </p>
      </div>
    </div>
  );
}
