/** Timeline events travel and are held in frame order (both sides of the IPC): a binary search finds one by its frame. */

/** The index of the event with this frame, or undefined. */
export function indexOfFrame(events: readonly { frame: number }[], frame: number): number | undefined {
  const index = insertionPoint(events, frame);
  return events[index]?.frame === frame ? index : undefined;
}

/** The first index whose frame is not below `frame`. */
function insertionPoint(events: readonly { frame: number }[], frame: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (events[middle]!.frame < frame) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Adds an event in frame order; an event already held (same frame) is left alone. Returns
 * where it was added, or -1 when it was already held. Events nearly always arrive in order,
 * so this is an append.
 */
export function insertByFrame<T extends { frame: number }>(events: T[], event: T): number {
  const last = events[events.length - 1];
  if (!last || last.frame < event.frame) {
    events.push(event);
    return events.length - 1;
  }
  const index = insertionPoint(events, event.frame);
  if (events[index]?.frame === event.frame) return -1;
  events.splice(index, 0, event);
  return index;
}
