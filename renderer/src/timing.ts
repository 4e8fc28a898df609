/**
 * Performance marks the renderer bench reads (test/e2e/renderer-performance.test.ts): each
 * mark, then `<name>:painted` once the frame that shows it has been painted. Only the latest
 * mark of each name stays in the buffer, so a capture that runs for hours leaves no trail.
 */
export type TimingMark = 'netmortem:timeline-drawn' | 'netmortem:rows-drawn' | 'netmortem:brush-change';

function mark(name: string, detail: Record<string, number>): void {
  performance.clearMarks(name);
  performance.mark(name, { detail });
}

export function markTiming(name: TimingMark, detail: Record<string, number>): void {
  mark(name, detail);
  // The rAF callback runs just before the frame is painted; the task after it, just after.
  requestAnimationFrame(() => setTimeout(() => mark(`${name}:painted`, detail), 0));
}
