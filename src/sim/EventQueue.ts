/**
 * A binary min-heap of events keyed by (virtual time, insertion sequence): the scheduler of the
 * deterministic harness. Ties at the same millisecond keep the order in which they were scheduled.
 */
export class EventQueue<T> {
  private times: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(t: number, item: T): void {
    let i = this.items.length;
    this.times.push(t);
    this.seqs.push(this.seq++);
    this.items.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  peekTime(): number {
    return this.items.length ? this.times[0] : Infinity;
  }

  /**
   * The next `limit` events due at time `t` (the current minimum), in the order pop() would give
   * them, without removing them. Events scheduled later at `t` come after all of these.
   */
  frontier(t: number, limit: number): T[] {
    if (!this.items.length || this.times[0] !== t || limit <= 0) return [];
    const found: number[] = [];
    const stack = [0];
    while (stack.length) {
      const i = stack.pop()!;
      found.push(i);
      for (const c of [2 * i + 1, 2 * i + 2]) if (c < this.items.length && this.times[c] === t) stack.push(c);
    }
    found.sort((a, b) => this.seqs[a] - this.seqs[b]);
    return found.slice(0, limit).map((i) => this.items[i]);
  }

  pop(): { t: number; item: T } | undefined {
    const n = this.items.length;
    if (!n) return undefined;
    const t = this.times[0];
    const item = this.items[0];
    const lt = this.times.pop()!;
    const ls = this.seqs.pop()!;
    const li = this.items.pop()!;
    if (n > 1) {
      this.times[0] = lt;
      this.seqs[0] = ls;
      this.items[0] = li;
      let i = 0;
      const m = n - 1;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let s = i;
        if (l < m && this.less(l, s)) s = l;
        if (r < m && this.less(r, s)) s = r;
        if (s === i) break;
        this.swap(i, s);
        i = s;
      }
    }
    return { t, item };
  }

  private less(a: number, b: number): boolean {
    return this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.seqs[a] < this.seqs[b]);
  }

  private swap(a: number, b: number): void {
    const t = this.times[a];
    this.times[a] = this.times[b];
    this.times[b] = t;
    const q = this.seqs[a];
    this.seqs[a] = this.seqs[b];
    this.seqs[b] = q;
    const i = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = i;
  }
}
