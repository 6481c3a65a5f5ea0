/**
 * TraceLog — a run's trace held in memory with a bound (issue 15: a long run's memory stays flat).
 * Models nothing in ZooKeeper; it is the harness's record of what happened.
 *
 * Lines keep their absolute indices: `length` counts every line ever written, `at(i)` / `slice(a, b)`
 * give the lines still held (at least the `keep` most recent ones), `first` is the oldest held.
 * Older lines are dropped in chunks; what they told is not lost:
 *   - the running trace hash (FNV-1a over the JSON lines, run.ts's traceHash) is folded in before a
 *     chunk goes, so `hash()` is exact for the whole trace;
 *   - readers registered with `registerTraceReader` (incremental scanners such as the log view's
 *     history) are run before a chunk goes, so they have seen every line;
 *   - the Simulation's StepRecords keep, per step, its line range, deliveries, drops and sends;
 *   - the lines themselves are recomputed exactly by replaying the run (`replayTraceLines`, from
 *     step 0; the run is deterministic), in slices a caller can pause between.
 *
 * `array` is the same log as a read-only `TraceEvent[]` (a Proxy), so code written for the plain
 * array keeps working on what is held: `trace.length`, `trace[i]`, `trace.slice(from)` for recent
 * lines. Reading a dropped line throws a RangeError that says so (never a silent `undefined`).
 */
import type { TraceEvent } from '../zk/trace';
import { FNV_OFFSET, fnv1aUpdate, fnvHex } from './fnv';

/** lines dropped at a time (and the granularity of `first`) */
export const TRACE_CHUNK = 4096;

/**
 * Lines the page keeps of its live run (16,384 to 20,480 held, ~2–3 MB): all of a few seconds at
 * full speed, far more than one step writes. Pass as `new Simulation(…, { trace: { keep } })`.
 */
export const PAGE_TRACE_KEEP = 16_384;

/** A scanner that must see every line of a bounded trace: called with the trace before lines go. */
export type TraceReader = (trace: readonly TraceEvent[]) => void;

const registered: TraceReader[] = [];

/**
 * Registers a reader for every bounded trace (call it once, at module load). Before a chunk of
 * lines is dropped the reader is called with the trace, and must read up to its current length.
 */
export function registerTraceReader(r: TraceReader): void {
  if (!registered.includes(r)) registered.push(r);
}

export interface TraceLogOptions {
  /** at least this many recent lines stay in memory (default: every line) */
  keep?: number;
  /** sees every line as it is written, with its absolute index (a replay that collects old lines) */
  tap?: (ev: TraceEvent, index: number) => void;
  /** run the registered readers before lines are dropped (default true; a replay needs none) */
  readers?: boolean;
  /** keep the running hash (default true; a replay that only collects lines needs none) */
  hash?: boolean;
}

const LOGS = new WeakMap<object, TraceLog>();

/** The TraceLog behind a trace array from `TraceLog.array`, or null for a plain array. */
export function traceLogOf(trace: readonly TraceEvent[]): TraceLog | null {
  return LOGS.get(trace) ?? null;
}

/** The oldest line index of `trace` still in memory (0 for a plain array). */
export function firstHeld(trace: readonly TraceEvent[]): number {
  return traceLogOf(trace)?.first ?? 0;
}

/** run.ts's traceHash(traceToJsonl(trace)) for any trace, bounded or not, without one big string. */
export function traceHashOf(trace: readonly TraceEvent[]): string {
  const log = traceLogOf(trace);
  if (log) return log.hash();
  let h = FNV_OFFSET;
  for (const e of trace) h = fnv1aUpdate(h, JSON.stringify(e) + '\n');
  return fnvHex(h);
}

export class TraceLog {
  readonly keep: number;
  private readonly tap: ((ev: TraceEvent, index: number) => void) | null;
  private readonly readers: boolean;
  private readonly hashing: boolean;
  /** held lines, in chunks of TRACE_CHUNK; chunks[0][0] is line `base` */
  private readonly chunks: TraceEvent[][] = [[]];
  private base = 0;
  private total = 0;
  private hashState = FNV_OFFSET;
  /** lines folded into hashState */
  private hashed = 0;
  /** the log as a read-only array (see the header) */
  readonly array: TraceEvent[];

  constructor(opts: TraceLogOptions = {}) {
    this.keep = opts.keep ?? Infinity;
    if (!(this.keep >= 0)) throw new RangeError(`TraceLog keep must be ≥ 0, got ${opts.keep}`);
    this.tap = opts.tap ?? null;
    this.readers = opts.readers ?? true;
    this.hashing = opts.hash ?? true;
    this.array = arrayView(this);
    LOGS.set(this.array, this);
  }

  get length(): number {
    return this.total;
  }

  /** the oldest line still held */
  get first(): number {
    return this.base;
  }

  push(ev: TraceEvent): void {
    let last = this.chunks[this.chunks.length - 1];
    if (last.length === TRACE_CHUNK) this.chunks.push((last = []));
    last.push(ev);
    this.tap?.(ev, this.total);
    this.total++;
    if (this.total - this.base >= this.keep + TRACE_CHUNK && this.chunks.length > 1) this.dropOldest();
  }

  private dropOldest(): void {
    if (this.readers) for (const r of registered) r(this.array);
    const gone = this.chunks[0];
    if (this.hashing) this.foldHash(this.base + gone.length);
    this.chunks.shift();
    this.base += gone.length;
  }

  private foldHash(upTo: number): void {
    let h = this.hashState;
    for (; this.hashed < upTo; this.hashed++) h = fnv1aUpdate(h, JSON.stringify(this.at(this.hashed)) + '\n');
    this.hashState = h;
  }

  /** FNV-1a of the whole trace as JSON lines — equal to run.ts's traceHash(traceToJsonl(trace)). */
  hash(): string {
    if (!this.hashing) throw new Error('this TraceLog keeps no hash (hash: false)');
    this.foldHash(this.total);
    return fnvHex(this.hashState);
  }

  /** Line `i`, if it is held; undefined past the end; a RangeError for a dropped line. */
  at(i: number): TraceEvent | undefined {
    if (i < 0) i += this.total;
    if (!(i >= 0) || i >= this.total) return undefined;
    if (i < this.base) throw new RangeError(droppedMessage(i, this.base));
    const k = i - this.base;
    return this.chunks[Math.floor(k / TRACE_CHUNK)][k % TRACE_CHUNK];
  }

  /** Lines [from, to) (absolute; negative counts from the end, as Array.slice). They must be held. */
  slice(from = 0, to = this.total): TraceEvent[] {
    const norm = (x: number) => (x < 0 ? Math.max(0, this.total + x) : Math.min(x, this.total));
    const a = norm(from);
    const b = norm(to);
    if (a >= b) return [];
    if (a < this.base) throw new RangeError(droppedMessage(a, this.base));
    const out: TraceEvent[] = [];
    for (let i = a; i < b; i++) out.push(this.at(i)!);
    return out;
  }
}

function droppedMessage(i: number, base: number): string {
  return `trace line ${i} is no longer held in memory (lines before ${base} were dropped); replay the run to read it (replayTraceLines)`;
}

/** A canonical array index ("0", "17"), as a number; -1 for any other property name. */
function indexOf(prop: string | symbol): number {
  if (typeof prop !== 'string' || prop.length === 0 || prop.length > 15) return -1;
  const c = prop.charCodeAt(0);
  if (c < 48 || c > 57 || (c === 48 && prop.length > 1)) return -1;
  const n = Number(prop);
  return Number.isInteger(n) ? n : -1;
}

/** The log as a read-only array: indices, length, slice and iteration read the log. */
function arrayView(log: TraceLog): TraceEvent[] {
  const refuse = (): never => {
    throw new TypeError('a bounded trace is written by its Simulation only');
  };
  return new Proxy<TraceEvent[]>([], {
    get(target, prop, receiver) {
      const i = indexOf(prop);
      if (i >= 0) return log.at(i);
      switch (prop) {
        case 'length':
          return log.length;
        case 'slice':
          return (from?: number, to?: number) => log.slice(from, to);
        case Symbol.iterator:
          return function* () {
            for (let k = 0; k < log.length; k++) yield log.at(k)!;
          };
        case 'push':
        case 'pop':
        case 'shift':
        case 'unshift':
        case 'splice':
        case 'sort':
        case 'reverse':
        case 'fill':
        case 'copyWithin':
          return refuse;
        default:
          return Reflect.get(target, prop, receiver);
      }
    },
    has(target, prop) {
      const i = indexOf(prop);
      // dropped lines count as present: a method that skips holes must not skip them silently
      if (i >= 0) return i < log.length;
      return Reflect.has(target, prop);
    },
    set: refuse,
    defineProperty: refuse,
    deleteProperty: refuse,
  });
}
