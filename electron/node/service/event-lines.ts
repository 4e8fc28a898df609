/**
 * getEventLines' answer: the tcpdump -n line of each frame asked, printed from the frame read
 * back from the session's files (a text log's packet prints its original text), with the
 * analysis' own printer settings (PacketLines), so a line reads as if the analysis had
 * printed it. The app's analysis prints none: formatting a line per event was two thirds of
 * a big file's load, and the table shows a screenful at a time.
 *
 * One printer per call, frames in ascending order: a DNS-over-TCP line numbers sequence
 * relative to the first packet of its flow within the call, as tcpdump does within a run.
 */
import { PacketLines } from '../../common/analysis/packet-line';
import type { SessionFrames } from './session-frames';

export async function eventLines(
  frames: SessionFrames,
  numbers: readonly number[],
): Promise<{ frame: number; line: string }[]> {
  const printer = new PacketLines();
  const lines: { frame: number; line: string }[] = [];
  for await (const packet of frames.packets(numbers))
    lines.push({ frame: packet.frame.number, line: printer.line(packet) });
  return lines;
}
