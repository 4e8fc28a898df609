/** Evidence: the packets that prove an incident, as numbered tcpdump -n style lines, capped per incident. */

export interface EvidenceEntry {
  frame: number;
  microseconds: number;
  line: string;
  /** Which tracked name the packet belongs to (NXDOMAIN evidence is filtered by qualifying names). */
  tag?: object;
}

/** A capped, frame-ordered list of evidence lines that counts what it left out. */
export class EvidenceList {
  readonly entries: EvidenceEntry[] = [];
  /** Evidence packets not kept because the list was full. */
  omitted = 0;

  constructor(readonly limit: number) {}

  get full(): boolean {
    return this.entries.length >= this.limit;
  }

  /** Whether there is room for `count` more lines; if not, they are counted as omitted. */
  reserve(count: number): boolean {
    if (this.entries.length + count <= this.limit) return true;
    this.omitted += count;
    return false;
  }

  push(entry: EvidenceEntry): void {
    if (this.entries.length < this.limit) this.entries.push(entry);
    else this.omitted++;
  }

  /** The entries in frame order, without duplicates (a frame can prove two things at once). */
  ordered(): EvidenceEntry[] {
    const seen = new Set<number>();
    return [...this.entries]
      .sort((a, b) => a.frame - b.frame)
      .filter((entry) => (seen.has(entry.frame) ? false : (seen.add(entry.frame), true)));
  }

  /** Both lists in one, keeping the earliest frames when the two overflow the cap. */
  mergeFrom(other: EvidenceList): void {
    const all = [...this.entries, ...other.entries].sort((a, b) => a.frame - b.frame);
    this.entries.length = 0;
    this.entries.push(...all.slice(0, this.limit));
    this.omitted += other.omitted + Math.max(0, all.length - this.limit);
  }

  clone(): EvidenceList {
    const copy = new EvidenceList(this.limit);
    copy.entries.push(...this.entries);
    copy.omitted = this.omitted;
    return copy;
  }
}
