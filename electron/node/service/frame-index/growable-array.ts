/** A typed array that grows by doubling: the per-frame index costs 8 + 4 bytes a frame, not an object each. */
export class GrowableFloat64 {
  private data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get(index: number): number | undefined {
    return index >= 0 && index < this.length ? this.data[index] : undefined;
  }
}

export class GrowableUint32 {
  private data = new Uint32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  get(index: number): number | undefined {
    return index >= 0 && index < this.length ? this.data[index] : undefined;
  }
}
