/**
 * StepRecords — what each step of a Simulation produced, recorded as the run goes, so that no
 * consumer has to replay a second Simulation to learn it. Models nothing in ZooKeeper; it is the
 * harness's bookkeeping beside the trace. Kept compactly (typed arrays, no trace objects held), so
 * it can outlive the trace lines it describes (issue 15: the trace in memory is bounded).
 *
 * Step numbering is the Simulation's: step 0 is the picture before the first event; step n (n ≥ 1)
 * is the n-th event processed. Every trace line belongs to exactly one step:
 *   - lines written while step n's event was processed belong to step n;
 *   - lines written by user actions done at step n (`act()` while stepCount is n, and recorded
 *     actions replayed there) belong to step n too, as they did when the user acted.
 * So the lines of step n are [lineStart(n), lineEnd(n)), and the ranges tile the whole trace.
 *
 * API (read-only for consumers, e.g. `sim.records`):
 *   steps                 the current step (= the Simulation's stepCount)
 *   lineStart(n) / lineEnd(n)   the trace-line range of step n (lineEnd of the current step is
 *                         the trace length now: actions may still add to it)
 *   stepOfLine(i)         the step that produced trace line i (binary search)
 *   timeOf(n)             virtual ms after step n
 *   firstStepAt(t)        the first step whose time is ≥ t ms, or null
 *   delivered(n) / dropped(n)   the message ids step n delivered (a `recv` line) / dropped (a
 *                         `drop` line, with its reason)
 *   sent(id)              the `send` line of message `id`, rebuilt byte for byte — the one send
 *                         index of the product (an arrow property: pass it as a lookup function)
 */
import type { TraceEvent } from '../zk/trace';
import { zxidToHex } from '../zk/Zxid';
import { keepInCopies } from '../zk/Sealed';

export type SendEvent = Extract<TraceEvent, { ev: 'send' }>;

/** A message a step dropped, and why (the `drop` line's reason). */
export interface DroppedId {
  id: number;
  reason: string;
}

/** The read-only view consumers get (`SimulationApi.records`). */
export interface StepRecordsView {
  readonly steps: number;
  lineStart(step: number): number;
  lineEnd(step: number): number;
  stepOfLine(index: number): number;
  timeOf(step: number): number;
  firstStepAt(t: number): number | null;
  delivered(step: number): number[];
  dropped(step: number): DroppedId[];
  readonly sent: (id: number) => SendEvent | undefined;
}

type Typed = Float64Array | Uint32Array | Uint8Array;

/**
 * The buffer a Grow may write in place. Record buffers are shared with copies of the model (the
 * engine's checkpoints keep a Grow's buffer instead of copying it: zk/Sealed.keepInCopies). The
 * records are append-only, so the Grow that made a buffer (its owner) writes on into it in place —
 * its later entries lie beyond everything a copy reads — and a copy that writes (a run restored
 * from a checkpoint) first takes a buffer of its own. At step 100,000 these buffers hold ~4.4 MB,
 * copied by every checkpoint and spare before. A symbol key: a copy of the model (deepClone copies
 * string keys) never has it, so a copy is never an owner.
 */
const OWN = Symbol('own');

/** A growable typed array (no boxed numbers, no object per entry), append-only. */
class Grow<T extends Typed> {
  data: T;
  length = 0;
  private [OWN]: T | undefined;
  constructor(private readonly make: (n: number) => T) {
    this.data = this.own(make(256));
  }
  private own(data: T): T {
    this[OWN] = data;
    return keepInCopies(data);
  }
  push(v: number): void {
    this.set(this.length, v);
  }
  set(i: number, v: number): void {
    // entries are only ever added: a copy reading up to its length never sees the owner's later ones
    if (i < this.length) throw new Error(`StepRecords: entry ${i} is written again (append-only)`);
    if (i >= this.data.length) this.grow(Math.max(i + 1, this.data.length * 2));
    else if (this[OWN] !== this.data) this.grow(this.data.length);
    this.data[i] = v;
    this.length = i + 1;
  }
  /** Takes a buffer of its own now (not at its next write). */
  ownNow(): void {
    if (this[OWN] !== this.data) this.grow(this.data.length);
  }
  /** A buffer of its own, with room for `capacity` entries. */
  private grow(capacity: number): void {
    const next = this.make(capacity);
    next.set(this.data.subarray(0, this.length));
    this.data = this.own(next);
  }
}

/**
 * Whole numbers below 2^32 (line indices, virtual ms: `until` is at most 30 days) in 4 bytes each;
 * the first value that does not fit moves the array to 8-byte floats, so nothing is ever cut.
 */
class Counts {
  private small: Grow<Uint32Array> | null = new Grow((n) => new Uint32Array(n));
  private wide: Grow<Float64Array> | null = null;
  get length(): number {
    return (this.small ?? this.wide!).length;
  }
  get data(): Uint32Array | Float64Array {
    return (this.small ?? this.wide!).data;
  }
  private fit(v: number): void {
    if (!this.small || (Number.isInteger(v) && v >= 0 && v < 2 ** 32)) return;
    const w = new Grow((n) => new Float64Array(n));
    for (let i = 0; i < this.small.length; i++) w.push(this.small.data[i]);
    this.wide = w;
    this.small = null;
  }
  push(v: number): void {
    this.fit(v);
    (this.small ?? this.wide!).push(v);
  }
  set(i: number, v: number): void {
    this.fit(v);
    (this.small ?? this.wide!).set(i, v);
  }
  ownNow(): void {
    (this.small ?? this.wide!).ownNow();
  }
}

const f64 = (n: number) => new Float64Array(n);
const u8 = (n: number) => new Uint8Array(n);

/** Small string tables (message types, drop reasons): an index instead of a string per entry. */
class Names {
  private readonly byName = new Map<string, number>();
  readonly list: string[] = [];
  code(s: string): number {
    let c = this.byName.get(s);
    if (c === undefined) {
      c = this.list.length;
      this.byName.set(s, c);
      this.list.push(s);
    }
    return c;
  }
}

export class StepRecords implements StepRecordsView {
  /** lineStarts[n-1] = first trace line of step n (n ≥ 1); step 0 starts at line 0 */
  private readonly lineStarts = new Counts();
  /** fateStarts[n-1] = first entry of step n in `fates` */
  private readonly fateStarts = new Counts();
  /** times[n] = virtual ms after step n */
  private readonly times = new Counts();
  /** per recv / drop line, in order: id (delivered) or -(id * 256 + reason code) (dropped) */
  private readonly fates = new Grow(f64);
  private readonly reasons = new Names();
  /** sends by message id (ids are 1, 2, 3, … in send order); from 0: no such send */
  private readonly sendFrom = new Grow(u8);
  private readonly sendTo = new Grow(u8);
  private readonly sendType = new Grow(u8);
  private readonly sendT = new Counts();
  /** the zxid a send carried, -1 for none */
  private readonly sendZxid = new Grow(f64);
  private readonly types = new Names();
  /** trace lines seen so far (the Simulation's trace length) */
  private lines = 0;

  constructor() {
    this.times.push(0);
  }

  get steps(): number {
    return this.lineStarts.length;
  }

  /**
   * Takes buffers of its own now rather than at the next step (a copy of the model shares its
   * original's: see OWN): for a copy made ahead of time to be stepped later (the engine's
   * spares), so that its first step does not pay for them.
   */
  ownBuffers(): void {
    for (const g of [
      this.lineStarts,
      this.fateStarts,
      this.times,
      this.sendT,
      this.fates,
      this.sendFrom,
      this.sendTo,
      this.sendType,
      this.sendZxid,
    ])
      g.ownNow();
  }

  // ------------------------------------------------------------------ written by the Simulation

  /** Every trace line, in order, as it is written. */
  observe(ev: TraceEvent): void {
    this.lines++;
    switch (ev.ev) {
      case 'send': {
        const i = ev.id - 1;
        this.sendFrom.set(i, ev.from);
        this.sendTo.set(i, ev.to);
        const type = this.types.code(ev.type);
        if (type > 255) throw new Error('more than 256 distinct message types');
        this.sendType.set(i, type);
        this.sendT.set(i, ev.t);
        this.sendZxid.set(i, ev.zxid === undefined ? -1 : parseInt(ev.zxid, 16));
        break;
      }
      case 'recv':
        this.fates.push(ev.id);
        break;
      case 'drop': {
        const code = this.reasons.code(ev.reason);
        if (code > 255) throw new Error('more than 256 distinct drop reasons');
        this.fates.push(-(ev.id * 256 + code));
        break;
      }
      default:
        break;
    }
  }

  /** A mark taken before an event is processed: where its step would start. */
  mark(): { line: number; fate: number } {
    return { line: this.lines, fate: this.fates.length };
  }

  /** The event processed since `at` was a step (not void), ending at virtual ms `now`. */
  stepped(at: { line: number; fate: number }, now: number): void {
    this.lineStarts.push(at.line);
    this.fateStarts.push(at.fate);
    this.times.push(now);
  }

  // ------------------------------------------------------------------ read by consumers

  lineStart(step: number): number {
    if (step <= 0) return 0;
    if (step > this.steps) return this.lines;
    return this.lineStarts.data[step - 1];
  }

  lineEnd(step: number): number {
    return step >= this.steps ? this.lines : this.lineStart(step + 1);
  }

  stepOfLine(index: number): number {
    // the last step whose start is ≤ index
    const a = this.lineStarts.data;
    let lo = 0;
    let hi = this.lineStarts.length; // answer in [0, steps]
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (a[mid - 1] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  timeOf(step: number): number {
    const n = Math.max(0, Math.min(step, this.steps));
    return this.times.data[n];
  }

  firstStepAt(t: number): number | null {
    const a = this.times.data;
    const n = this.times.length;
    if (n === 0 || a[n - 1] < t) return null;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] >= t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** the entries of `fates` that step n wrote */
  private fateBounds(step: number): [number, number] {
    const n = this.steps;
    if (step < 0 || step > n) return [0, 0];
    const from = step === 0 ? 0 : this.fateStarts.data[step - 1];
    const to = step === n ? this.fates.length : this.fateStarts.data[step];
    return [from, to];
  }

  delivered(step: number): number[] {
    const [from, to] = this.fateBounds(step);
    const out: number[] = [];
    for (let k = from; k < to; k++) if (this.fates.data[k] > 0) out.push(this.fates.data[k]);
    return out;
  }

  dropped(step: number): DroppedId[] {
    const [from, to] = this.fateBounds(step);
    const out: DroppedId[] = [];
    for (let k = from; k < to; k++) {
      const f = -this.fates.data[k];
      if (f > 0) out.push({ id: Math.floor(f / 256), reason: this.reasons.list[f % 256] });
    }
    return out;
  }

  readonly sent = (id: number): SendEvent | undefined => {
    const i = id - 1;
    if (!Number.isInteger(id) || i < 0 || i >= this.sendFrom.length || this.sendFrom.data[i] === 0)
      return undefined;
    const base = {
      t: this.sendT.data[i],
      ev: 'send' as const,
      id,
      from: this.sendFrom.data[i],
      to: this.sendTo.data[i],
      type: this.types.list[this.sendType.data[i]],
    };
    const z = this.sendZxid.data[i];
    return z >= 0 ? { ...base, zxid: zxidToHex(z) } : base;
  };
}
