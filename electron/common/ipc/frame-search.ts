/** Timeline events travel and are held in frame order (both sides of the IPC): a binary search finds one by its frame. */
export function indexOfFrame(events: readonly { frame: number }[], frame: number): number | undefined {
  let low = 0;
  let high = events.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = events[middle]!.frame;
    if (found === frame) return middle;
    if (found < frame) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
