/** Folding a failed transaction into an incident window: its counts, who and what, and its evidence lines. */
import type { DecodedPacket } from '../model/packet';
import type { EvidenceList } from './evidence';
import type { IncidentWindow } from './incident-window';
import type { PacketLines } from './packet-line';
import type { Transaction } from './transaction';

export function recordTransaction(window: IncidentWindow, transaction: Transaction): void {
  window.queries++;
  window.attempts += transaction.attempts;
  if (transaction.recursionDesired) window.recursionDesired++;
  window.clients.add(transaction.client);
  window.names.add(transaction.name);
}

/** A failing answer to `transaction` at `microseconds`: its delay from the query's latest transmission. */
export function recordAnswerDelay(
  window: IncidentWindow,
  transaction: Transaction,
  microseconds: number,
  timeoutMicroseconds: number,
): void {
  const delay = microseconds - transaction.lastMicroseconds;
  window.answerDelays.record(delay, delay > timeoutMicroseconds);
}

/**
 * The query's lines (first transmission and remembered retransmissions) and the packet that
 * settled it, all or nothing: an incident's evidence never shows an error without its query.
 */
export function recordEvidence(
  lines: PacketLines,
  evidence: EvidenceList,
  transaction: Transaction | undefined,
  packet: DecodedPacket | undefined,
  microseconds: number,
  tag?: object,
): void {
  const hasQuery = transaction?.hasQueryPacket ?? false;
  const resends = hasQuery ? (transaction?.resendFrames?.length ?? 0) : 0;
  const count = (hasQuery ? 1 + resends : 0) + (packet ? 1 : 0);
  if (count === 0 || !evidence.reserve(count)) return;
  // Made only once there is room: most failures of a long outage find the list full.
  const snapshot = transaction?.queryPacket();
  if (snapshot && transaction) {
    evidence.push(
      withTag(
        {
          frame: transaction.firstFrame,
          microseconds: transaction.firstMicroseconds,
          line: lines.line(snapshot),
        },
        tag,
      ),
    );
    for (let index = 0; index < resends; index++) {
      const frame = transaction.resendFrames![index]!;
      const time = transaction.resendMicroseconds![index]!;
      evidence.push(
        withTag({ frame, microseconds: time, line: lines.resendLine(snapshot, frame, time) }, tag),
      );
    }
  }
  if (packet)
    evidence.push(withTag({ frame: packet.frame.number, microseconds, line: lines.line(packet) }, tag));
}

function withTag<T extends object>(entry: T, tag: object | undefined): T & { tag?: object } {
  return tag === undefined ? entry : { ...entry, tag };
}
