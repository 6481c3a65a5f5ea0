/**
 * The engine's checkpoints of in-page runs, every `interval` steps, within a budget: the newest are
 * kept dense (stepping back near where the user is replays at most `interval` steps) and older ones
 * thinned out (going far back replays more, and lays new checkpoints on the way). A checkpoint is
 * shared by every branch that has the same actions up to its step.
 */
import type { Simulation } from '../sim/Simulation';
import type { RecordedAction } from '../sim/SimulationApi';
import type { TraceEvent } from '../zk/trace';
import type { SimView } from '../zk/view';
import {
  adoptCheckpoint,
  restoreCheckpoint,
  restoreSpare,
  serves,
  spareOf,
  takeCheckpoint,
} from './checkpoint';
import type { Checkpoint } from './checkpoint';

export interface CheckpointPolicy {
  /** steps between two checkpoints */
  interval: number;
  /** at most this many kept */
  max: number;
}

/** Measured (npm run bench, "step back"): see README. */
export const DEFAULT_POLICY: CheckpointPolicy = { interval: 128, max: 64 };

/**
 * Steps before the one on screen kept for stepping back (Controller.rest): a step back to one of
 * them replays nothing and copies nothing; five in a row are instant.
 */
export const NEAR_STEPS = 5;

/**
 * A run kept at exactly one step, with the trace lines of that step (the frame's "last events") and
 * its picture (a view lists every server's znodes and log: made at rest, not when stepping back).
 */
interface Near {
  cp: Checkpoint;
  events: TraceEvent[];
  view: SimView;
}

/**
 * The newest checkpoints of a run being stepped each keep a spare: a copy of their state made when
 * they are taken, handed over by the first restore from them — a step back straight after playing
 * (or stepping) then copies nothing — and made again at rest. Two (the last made are kept): a
 * checkpoint at the step on screen cannot serve a step back.
 */
export const SPARES = 2;

/** A copy that failed (something not copyable in the model) is tried again this many steps later. */
const RETRY_STEPS = 32;
/** Copies take at most this share of the time spent stepping: a big model is copied less often. */
const COPY_SHARE = 0.1;
/** …but never more than this many intervals apart (a step back replays at most that many) */
const MAX_STRETCH = 4;

export class Checkpoints {
  private list: Checkpoint[] = [];
  /** runs kept at single steps near the one on screen, each handed over once (see NEAR_STEPS) */
  private near: Near[] = [];
  /** spare copies of the newest checkpoints' states, each handed over once (see SPARES) */
  private spares = new Map<Checkpoint, Simulation>();
  /** the next step at which the run being stepped should be copied */
  private nextAt = new WeakMap<Simulation, number>();
  /** when (wall ms) and at which step the run being stepped was last copied */
  private last = new WeakMap<Simulation, { at: number; step: number }>();
  /** how long the last copy of a stepped run took (ms): what the next one is expected to take */
  copyMs = 0;

  constructor(
    readonly policy: CheckpointPolicy = DEFAULT_POLICY,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get size(): number {
    return this.list.length;
  }

  /** how many runs are kept at single steps for stepping back */
  get nearSize(): number {
    return this.near.length;
  }

  clear(): void {
    this.list = [];
    this.near = [];
    this.spares.clear();
    this.nextAt = new WeakMap();
    this.last = new WeakMap();
    this.copyMs = 0;
  }

  /** Whether `sim`'s turn to be copied has come (maybeTake would copy it now). */
  due(sim: Simulation): boolean {
    const step = sim.stepCount;
    const due = this.nextAt.get(sim) ?? Math.ceil((step + 1) / this.policy.interval) * this.policy.interval;
    if (step < due) {
      this.nextAt.set(sim, due);
      return false;
    }
    return true;
  }

  /** how many checkpoints hold a spare copy (see SPARES) */
  get spareSize(): number {
    return this.spares.size;
  }

  /**
   * After a step of `sim`: copies it when its turn has come (and no checkpoint is there yet). With
   * `spare` (a run the user steps or plays, not a replay) the copy gets a spare (see SPARES).
   */
  maybeTake(sim: Simulation, spare = false): void {
    if (!this.due(sim)) return;
    const step = sim.stepCount;
    const due = this.nextAt.get(sim)!;
    // a replay passing over steps already copied copies them no more
    if (this.list.some((c) => c.step >= due && c.step <= step && serves(c, sim.recorded))) {
      this.nextAt.set(sim, step + this.policy.interval);
      return;
    }
    const t0 = this.now();
    const cp = takeCheckpoint(sim);
    if (cp && spare) this.addSpare(cp);
    const t1 = this.now();
    this.copyMs = t1 - t0;
    if (!cp) {
      this.nextAt.set(sim, step + RETRY_STEPS);
      return;
    }
    // the next copy when stepping will have taken ten times what this copy took
    const prev = this.last.get(sim);
    let interval = this.policy.interval;
    if (prev && step > prev.step && t0 > prev.at) {
      const perStep = (t0 - prev.at) / (step - prev.step);
      if (perStep > 0)
        interval = Math.min(
          MAX_STRETCH * interval,
          Math.max(interval, Math.ceil((t1 - t0) / COPY_SHARE / perStep)),
        );
    }
    this.last.set(sim, { at: t1, step });
    this.nextAt.set(sim, step + interval);
    this.list.push(cp);
    while (this.list.length > this.limit(step)) this.thin();
  }

  /**
   * How many are kept: `max` up to step 10,000, fewer beyond (a copy grows with the run, though
   * its znodes and sealed records are shared with the run: the bench's checkpoints, spares and
   * kept steps hold 32 MB at step 10,000 and 81 MB at 100,000), never fewer than 8 — the runs kept
   * at single steps counted in, down to 6 checkpoints.
   */
  private limit(step: number): number {
    const budget = Math.max(8, Math.round((this.policy.max * 10_000) / Math.max(10_000, step)));
    return Math.max(6, budget - this.near.length);
  }

  /** Gives `cp` a spare copy of its state; only the SPARES made last are kept. */
  private addSpare(cp: Checkpoint): void {
    if (this.spares.has(cp)) return;
    this.spares.set(cp, spareOf(cp));
    // a Map iterates in insertion order: the first is the spare made longest ago
    for (const c of this.spares.keys()) {
      if (this.spares.size <= SPARES) break;
      this.spares.delete(c);
    }
  }

  /** The newest checkpoint at or before `step` of the branch with `recorded`, or null. */
  private nearest(recorded: readonly RecordedAction[], step: number): Checkpoint | null {
    let best: Checkpoint | null = null;
    for (const c of this.list)
      if (c.step <= step && (!best || c.step > best.step) && serves(c, recorded)) best = c;
    return best;
  }

  /**
   * Makes again the spare of the checkpoint a step back to `step` would restore from (work at rest:
   * after a step back handed it over). False when it was there already or there is none.
   */
  keepSpare(recorded: readonly RecordedAction[], step: number): boolean {
    const best = this.nearest(recorded, step);
    if (!best || this.spares.has(best)) return false;
    this.addSpare(best);
    return true;
  }

  /**
   * The run at the newest checkpoint at or before `step` of the branch with `recorded`, or null: its
   * spare when it has one (nothing is copied), else a copy.
   */
  restore(recorded: readonly RecordedAction[], step: number): Simulation | null {
    const best = this.nearest(recorded, step);
    if (!best) return null;
    const spare = this.spares.get(best);
    this.spares.delete(best);
    const sim = spare ? restoreSpare(best, spare, recorded) : restoreCheckpoint(best, recorded);
    // the restored run's next checkpoint is the interval after this one
    this.nextAt.set(sim, best.step + this.policy.interval);
    return sim;
  }

  /**
   * A checkpoint of `sim` now, whatever the interval (the work at rest lays one behind the steps it
   * keeps, so that keeping the next ones replays a few steps, not an interval).
   */
  keep(sim: Simulation): void {
    const step = sim.stepCount;
    if (this.list.some((c) => c.step === step && serves(c, sim.recorded))) return;
    const cp = takeCheckpoint(sim);
    if (!cp) return;
    this.list.push(cp);
    while (this.list.length > this.limit(step)) this.thin();
  }

  /** Whether a run at exactly `step` of the branch with `recorded` is kept for a step back. */
  hasNear(recorded: readonly RecordedAction[], step: number): boolean {
    return this.near.some((n) => n.cp.step === step && serves(n.cp, recorded));
  }

  /**
   * Keeps a copy of `sim` at its step, whose trace lines are `events`, for a step back to it (false:
   * it cannot be copied now).
   */
  keepNear(sim: Simulation, events: readonly TraceEvent[]): boolean {
    if (this.hasNear(sim.recorded, sim.stepCount)) return true;
    const cp = takeCheckpoint(sim);
    if (!cp) return false;
    // the copy's picture: the copy is never stepped before it is handed over
    this.near.push({ cp, events: events.slice(), view: cp.state.view() });
    while (this.list.length > this.limit(sim.stepCount)) this.thin();
    return true;
  }

  /**
   * The run kept at exactly `step` of the branch with `recorded`, with its step's trace lines, or
   * null. It is handed over, not copied: it is kept no more.
   */
  takeNear(
    recorded: readonly RecordedAction[],
    step: number,
  ): { sim: Simulation; events: TraceEvent[]; view: SimView } | null {
    const i = this.near.findIndex((n) => n.cp.step === step && serves(n.cp, recorded));
    if (i < 0) return null;
    const [n] = this.near.splice(i, 1);
    return { sim: adoptCheckpoint(n.cp, recorded), events: n.events, view: n.view };
  }

  /** Drops the runs kept at single steps outside [from, to] or of another branch than `recorded`. */
  pruneNear(recorded: readonly RecordedAction[], from: number, to: number): void {
    this.near = this.near.filter((n) => n.cp.step >= from && n.cp.step <= to && serves(n.cp, recorded));
  }

  /**
   * Drops one checkpoint: the newest quarter stays; among the rest the one whose neighbours are
   * closest together goes (a gap grows where it costs least).
   */
  private thin(): void {
    const byStep = this.list.map((c, i) => ({ c, i })).sort((a, b) => a.c.step - b.c.step);
    const keepNewest = new Set(this.list.slice(-Math.ceil(this.list.length / 4)));
    let victim = -1;
    let gap = Infinity;
    for (let k = 1; k < byStep.length - 1; k++) {
      const c = byStep[k].c;
      if (keepNewest.has(c)) continue;
      const g = byStep[k + 1].c.step - byStep[k - 1].c.step;
      if (g < gap) {
        gap = g;
        victim = byStep[k].i;
      }
    }
    if (victim === -1) victim = byStep[0].i;
    this.spares.delete(this.list[victim]);
    this.list.splice(victim, 1);
  }
}
