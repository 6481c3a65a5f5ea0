/**
 * The engine's controller: it owns the history (a tree of branches), the run that shows the current
 * position, ONE queue of asynchronous jobs and ONE lease — the only answer to "is this run still the
 * one on screen?" (a job of a replaced run finds its lease gone and changes nothing). Every command
 * has one code path: a page run answers at once, a worker run through the queue. Going back (step
 * back, seek, a branch switch, undo) rebuilds in this page from the nearest checkpoint — or, for
 * the last few steps before a page run's resting place, takes the run kept there (rest()).
 *
 * React-free and clock-injected: tests drive it in Node. It models nothing in ZooKeeper.
 */
import type { Scenario } from '../sim/Scenario';
import { Simulation } from '../sim/Simulation';
import type { RecordedAction, UserAction } from '../sim/SimulationApi';
import type { TraceEvent } from '../zk/trace';
import type { MessageView, SimView } from '../zk/view';
import { Checkpoints, NEAR_STEPS } from './Checkpoints';
import type { CheckpointPolicy } from './Checkpoints';
import { History } from './History';
import type { BranchInfo, Position } from './History';
import { messagesOf } from './messages';
import type { DroppedMessage } from './messages';
import { PageRun, stepOnce } from './Run';
import type { Advanced, Clock, Run, RunKind } from './Run';

/** Everything the screen shows of the run at the current position. */
export interface Frame {
  scenario: Scenario;
  /** the current branch's actions, including those after the current step */
  recorded: RecordedAction[];
  sim: Simulation;
  view: SimView;
  /** trace events of the step that led here, and of the actions done at it */
  lastEvents: TraceEvent[];
  delivered: MessageView[];
  dropped: DroppedMessage[];
  /** the furthest step the current branch has reached */
  horizon: number;
  /** nothing is left to do before the scenario's `until` */
  finished: boolean;
  branch: number;
  branches: BranchInfo[];
  canUndo: boolean;
}

/** Makes the runs of one runtime. A worker factory's runs replay synchronously until they go on. */
export interface RunFactory {
  readonly kind: RunKind;
  create(scenario: Scenario, recorded: readonly RecordedAction[]): Run;
}

export interface ControllerOptions {
  clock: Clock;
  /** a new frame (replaces the previous one) */
  onFrame(frame: Frame): void;
  /** a job failed (its run is still the current one) */
  onError(e: unknown): void;
  /** a worker run is being handed its step (true) or is done (false) */
  onBusy?(busy: boolean, live: boolean): void;
  /** lets the page paint between the slices of a long replay */
  yieldToHost?(): Promise<void>;
  /**
   * Resolves when the host has about `ms` of idle time before its next frame (or has waited long
   * enough): a checkpoint due while playing is copied then. Without it: yieldToHost.
   */
  idleFor?(ms: number): Promise<void>;
  checkpoints?: CheckpointPolicy;
}

/** How far a sliced replay is: `done` of `target` steps. */
export interface ReplayProgress {
  target: number;
  done: number;
}

/** a forward seek this short goes on the workers; a longer one is replayed in the page */
const SEEK_ON_WORKERS = 32;
/** main-thread time per slice of a long replay (the page is never busy for 200 ms at a time) */
const REPLAY_SLICE_MS = 16;
/** main-thread time per slice of the replay done at rest (between two copies, the page paints) */
const REST_SLICE_MS = 8;

/** The trace lines of step `step` of `sim` (what a replay shows as that step's events). */
function linesOf(sim: Simulation, step: number): TraceEvent[] {
  return sim.trace.slice(sim.records.lineStart(step), sim.records.lineEnd(step));
}

export class Controller {
  private history = new History();
  private scenario: Scenario;
  private run: Run;
  private factory: RunFactory | null = null;
  private lease = 0;
  private jobs: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private readonly idleWaiters: (() => void)[] = [];
  private replayToken: object | null = null;
  /** set while the player plays: nothing is prepared for stepping back meanwhile */
  private playing = false;
  /** a checkpoint due while playing is taken after the frame (afterPageStep) */
  private copyAfterFrame = false;
  /** the work at rest in progress (a newer token, or null, stops it) */
  private restToken: object | null = null;
  private restDone: Promise<void> = Promise.resolve();
  readonly checkpoints: Checkpoints;
  frame: Frame;

  constructor(
    scenario: Scenario,
    private readonly opts: ControllerOptions,
  ) {
    this.checkpoints = new Checkpoints(opts.checkpoints);
    this.scenario = scenario;
    this.run = this.pageRun(new Simulation(scenario, []));
    this.frame = this.frameAt([], false);
  }

  // ------------------------------------------------------------------ the one lease and queue

  /** The current lease: a job holding an older one belongs to a replaced run. */
  get currentLease(): number {
    return this.lease;
  }

  isCurrent(lease: number): boolean {
    return lease === this.lease;
  }

  /** The run on screen (for runtime-specific jobs: reading a disk, restoring one). */
  get currentRun(): Run {
    return this.run;
  }

  get kind(): RunKind {
    return this.factory?.kind ?? 'page';
  }

  /**
   * Runs `f` after every job asked before it. A failure goes to onError — unless the run was
   * replaced meanwhile (its lease is gone), when it is dropped.
   */
  job<T>(f: (lease: number) => Promise<T>): Promise<T | undefined> {
    const lease = this.lease;
    this.pending++;
    const p = this.jobs
      .then(() => f(lease))
      .catch((e: unknown) => {
        if (this.isCurrent(lease)) this.opts.onError(e);
        return undefined;
      })
      .finally(() => this.settle());
    this.jobs = p;
    return p;
  }

  /** Resolves when no job is queued. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settle(): void {
    if (--this.pending === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  // ------------------------------------------------------------------ runs

  private pageRun(sim: Simulation): PageRun {
    return new PageRun(sim, this.opts.clock, (s) => this.afterPageStep(s));
  }

  /**
   * After a step of a page run: its checkpoint, when one is due — at once, or while playing in the
   * page's idle time between two frames (a copy takes milliseconds: made among a frame's steps, it
   * made that frame miss its vsync). It is then a copy of the step the page rests at.
   */
  private afterPageStep(sim: Simulation): void {
    if (!this.playing) {
      this.checkpoints.maybeTake(sim, true);
      return;
    }
    if (this.copyAfterFrame || !this.checkpoints.due(sim)) return;
    this.copyAfterFrame = true;
    const idle = this.opts.idleFor
      ? this.opts.idleFor(this.checkpoints.copyMs)
      : (this.opts.yieldToHost ?? defaultYield)();
    void idle.then(() => {
      this.copyAfterFrame = false;
      // a run replaced meanwhile is stepped no more: nothing would go on from its copy
      if (this.run.sim === sim) this.checkpoints.maybeTake(sim, true);
    });
  }

  /** Replaces the run (the old one stops; its jobs find their lease gone). */
  private replace(run: Run): void {
    if (run !== this.run) this.run.close();
    this.run = run;
    this.lease++;
  }

  /** A fresh run of the current branch at step 0 — or at its nearest checkpoint before `target`. */
  private freshRun(target: number, recorded: readonly RecordedAction[] = this.history.current.recorded): Run {
    if (this.factory) return this.factory.create(this.scenario, recorded);
    // a checkpoint before the target: the target's own step is stepped, for its events
    const restored = target > 0 ? this.checkpoints.restore(recorded, target - 1) : null;
    return this.pageRun(restored ?? new Simulation(this.scenario, recorded));
  }

  /** Rebuilds the current branch at `target` in this page (a worker run goes on from there later). */
  private rebuild(target: number, recorded?: readonly RecordedAction[]): void {
    // a run kept at exactly that step (rest()) is taken as it is: no copy, no replay
    const kept = this.factory
      ? null
      : this.checkpoints.takeNear(recorded ?? this.history.current.recorded, target);
    if (kept) {
      this.replace(this.pageRun(kept.sim));
      this.history.reached(kept.sim.stepCount);
      this.show(kept.events, false, kept.view);
      return;
    }
    const run = this.freshRun(target, recorded);
    this.replace(run);
    const sim = run.sim;
    let finished = false;
    const t = Math.max(0, target);
    // no copies on the way: a step back replays at most one stretch between two checkpoints
    while (sim.stepCount < t - 1) {
      if (!sim.step()) {
        finished = true;
        break;
      }
    }
    // at step 0 the "last events" are those of the actions done there
    let lastEvents: TraceEvent[] = t === 0 ? sim.trace.slice() : [];
    if (!finished && sim.stepCount < t) {
      const r = stepOnce(sim);
      finished = !r.ok;
      lastEvents = r.events;
    }
    this.history.reached(sim.stepCount);
    this.show(lastEvents, finished);
  }

  /** a long replay lays checkpoints only over its last stretch (copies deep in it would cost more) */
  private get denseSteps(): number {
    const p = this.checkpoints.policy;
    return p.interval * Math.ceil(p.max / 4);
  }

  private stepSync(run: Run): boolean {
    const ok = run.sim.step();
    if (ok && run instanceof PageRun) this.checkpoints.maybeTake(run.sim);
    return ok;
  }

  // ------------------------------------------------------------------ frames

  private frameAt(lastEvents: TraceEvent[], finished: boolean, view?: SimView): Frame {
    const sim = this.run.sim;
    const b = this.history.current;
    // the previous frame's copies while nothing in them changed: a new list at every step made
    // everything that watches the actions (the session's preset cues, the stops, menus) react to
    // every frame of playback
    const prev = this.frame as Frame | undefined;
    return {
      scenario: this.scenario,
      recorded: prev && sameItems(prev.recorded, b.recorded) ? prev.recorded : [...b.recorded],
      sim,
      view: view ?? sim.view(),
      lastEvents,
      ...messagesOf(sim, lastEvents),
      horizon: Math.max(b.horizon, sim.stepCount),
      finished,
      branch: b.id,
      branches: sameBranches(prev?.branches, this.history.list()),
      canUndo: this.history.canUndo,
    };
  }

  private show(lastEvents: TraceEvent[], finished: boolean, view?: SimView): void {
    this.frame = this.frameAt(lastEvents, finished, view);
    this.opts.onFrame(this.frame);
    this.scheduleRest();
  }

  // ------------------------------------------------------------------ at rest: steps kept for stepping back

  /** The player says whether it plays; while it does, nothing is prepared for stepping back. */
  setPlaying(on: boolean): void {
    if (this.playing === on) return;
    this.playing = on;
    if (on) this.restToken = null;
    else this.scheduleRest();
  }

  /** Resolves when the work at rest asked last is done, or given up (the run moved on). */
  rested(): Promise<void> {
    return this.restDone;
  }

  /** After a frame of a page run that is not playing: rest() once the host is idle. */
  private scheduleRest(): void {
    if (this.factory || this.playing || !(this.run instanceof PageRun)) {
      this.restToken = null;
      return;
    }
    const token = {};
    this.restToken = token;
    this.restDone = this.rest(token, this.run);
  }

  /**
   * Work done while the run rests at step t (between the host's other work, a copy or a slice of
   * replay at a time): the runs at steps t−NEAR_STEPS … t are kept, so that stepping back that far
   * takes a kept run instead of copying a checkpoint and replaying up to an interval of steps. The
   * step on screen is a copy of the live run; the steps before it are replayed from the nearest
   * checkpoint once. Given up as soon as the run moves, plays or is replaced.
   */
  private async rest(token: object, run: PageRun): Promise<void> {
    const pause = this.opts.yieldToHost ?? defaultYield;
    const going = () => this.restToken === token && this.run === run && !this.playing;
    await pause();
    if (!going()) return;
    const t = run.sim.stepCount;
    const recorded = this.history.current.recorded;
    const cps = this.checkpoints;
    const from = Math.max(0, t - NEAR_STEPS);
    cps.pruneNear(recorded, from, t);
    cps.keepNear(run.sim, linesOf(run.sim, t));
    let first = from;
    while (first < t && cps.hasNear(recorded, first)) first++;
    if (first >= t) return this.restSpare(going, t);
    await pause();
    if (!going()) return;
    const sim = (first > 0 ? cps.restore(recorded, first) : null) ?? new Simulation(this.scenario, recorded);
    // a replay passing NEAR_STEPS before the first step kept leaves a checkpoint there: the next
    // rests (after more steps back) replay from it a few steps instead of up to an interval
    const anchor = first - NEAR_STEPS;
    let lay = anchor > sim.stepCount;
    for (;;) {
      const t0 = this.opts.clock.now();
      while (sim.stepCount < first && this.opts.clock.now() - t0 < REST_SLICE_MS) {
        if (!sim.step()) return;
        if (lay && sim.stepCount === anchor) {
          cps.keep(sim);
          lay = false;
          break;
        }
      }
      if (sim.stepCount >= first) break;
      await pause();
      if (!going()) return;
    }
    for (let s = first; s < t; s++) {
      if (sim.stepCount !== s) return;
      if (!cps.hasNear(recorded, s)) {
        cps.keepNear(sim, linesOf(sim, s));
        await pause();
        if (!going()) return;
      }
      if (s + 1 < t && !sim.step()) return;
    }
    await this.restSpare(going, t);
  }

  /**
   * At rest, last: the spare of the checkpoint a step back from `t` would restore (a step back
   * before the work at rest is done — or after the kept steps — copies nothing; Checkpoints.keepSpare).
   */
  private async restSpare(going: () => boolean, t: number): Promise<void> {
    await (this.opts.yieldToHost ?? defaultYield)();
    if (going() && t >= 2) this.checkpoints.keepSpare(this.history.current.recorded, t - 2);
  }

  get position(): Position {
    return { branch: this.history.currentId, step: this.run.sim.stepCount };
  }

  // ------------------------------------------------------------------ commands

  /** Replaces the run: a new history of `scenario` with `recorded`, at `step`. */
  load(scenario: Scenario, recorded: readonly RecordedAction[] = [], step = 0): void {
    this.scenario = scenario;
    // a replay in progress was for the run this one replaces
    this.replayToken = null;
    this.checkpoints.clear();
    this.history = new History(recorded, Math.max(0, ...recorded.map((r) => r.step)));
    this.rebuild(step);
  }

  /** Moves the run onto another runtime at the current step (replayed there; it goes on later). */
  setFactory(factory: RunFactory | null): void {
    this.factory = factory;
    this.checkpoints.clear();
    this.rebuild(this.run.sim.stepCount);
  }

  /**
   * Takes over a run made elsewhere (a saved ensemble resumed from its disks): a new history of its
   * actions, at its step, showing `events` as this step's.
   */
  async adopt(
    run: Run,
    scenario: Scenario,
    recorded: readonly RecordedAction[],
    events: TraceEvent[],
  ): Promise<void> {
    this.scenario = scenario;
    this.checkpoints.clear();
    this.history = new History(recorded, run.sim.stepCount);
    this.replace(run);
    const view = await run.frame();
    this.show(events, false, view);
  }

  /**
   * Advances up to `n` steps (after `budgetMs` of wall time it stops; `more` is asked after each
   * step in a page run). Resolves to the steps that ran (0 if the run was replaced meanwhile).
   */
  advance(
    n: number,
    budgetMs = Infinity,
    more?: (events: readonly TraceEvent[]) => boolean,
  ): number | Promise<number> {
    if (n <= 0) return 0;
    const run = this.run;
    if (run.sync) return this.afterAdvance(run.advance(n, budgetMs, more) as Advanced);
    return this.job(async (lease) => {
      if (!this.isCurrent(lease)) return 0;
      const m = n;
      const r = await this.onWorkers(run, () => run.advance(m, budgetMs));
      const view = await run.frame();
      if (!this.isCurrent(lease)) return 0;
      return this.afterAdvance(r, view);
    }).then((ran) => ran ?? 0);
  }

  /** advance() to step `to` (counted when the job runs, after those queued before it). */
  private advanceTo(to: number): number | Promise<number> {
    const run = this.run;
    if (run.sync) return this.advance(to - run.sim.stepCount);
    return this.job(async (lease) => {
      const n = to - run.sim.stepCount;
      if (!this.isCurrent(lease) || n <= 0) return 0;
      const r = await this.onWorkers(run, () => run.advance(n, Infinity));
      const view = await run.frame();
      if (!this.isCurrent(lease)) return 0;
      return this.afterAdvance(r, view);
    }).then((ran) => ran ?? 0);
  }

  private afterAdvance(r: Advanced, view?: SimView): number {
    if (r.ran === 0) {
      if (r.finished && !this.frame.finished) this.show(this.frame.lastEvents, true, view);
      else if (view) this.show(this.frame.lastEvents, this.frame.finished, view);
      return 0;
    }
    this.history.reached(this.run.sim.stepCount);
    this.show(r.lastEvents, r.finished, view);
    return r.ran;
  }

  /** Runs `f` on a worker run, saying so while a run replayed here is handed to the workers. */
  async onWorkers<T>(run: Run, f: () => Promise<T> | T): Promise<T> {
    if (run.live) return f();
    this.opts.onBusy?.(true, false);
    try {
      return await f();
    } finally {
      this.opts.onBusy?.(false, run.live);
    }
  }

  /** One step forward; false at the end (a worker run answers later: true means asked). */
  step(): boolean {
    if (this.run.sync) return this.advance(1) === 1;
    if (this.frame.finished) return false;
    void this.advance(1);
    return true;
  }

  /** One step back: instant at rest (rest()), else a rebuild from the nearest checkpoint. */
  stepBack(): void {
    const step = this.run.sim.stepCount;
    if (step > 0) this.goTo(step - 1);
  }

  /** Goes to a step: forward steps on (past the horizon too, up to the end); backward rebuilds. */
  seek(step: number): void {
    const t = Math.max(0, Math.round(step));
    if (t === this.run.sim.stepCount) return;
    this.history.moved(this.position);
    this.goTo(t);
  }

  private goTo(target: number): void {
    const t = Math.max(0, target);
    const now = this.run.sim.stepCount;
    if (t === now) return;
    if (t > now && (this.run.sync || t - now <= SEEK_ON_WORKERS)) {
      void this.advanceTo(t);
      return;
    }
    this.rebuild(t);
  }

  /**
   * Does something to the ensemble now. At a past step this starts a new branch (the old future
   * stays a branch of its own).
   */
  act(action: UserAction): void {
    const step = this.run.sim.stepCount;
    const before = this.frame.lastEvents;
    const { forked } = this.history.act(step, action);
    // the run holds the old branch's later actions to replay: rebuild it without them (and
    // without this one, done below)
    if (forked) this.rebuild(step, this.history.current.recorded.slice(0, -1));
    const run = this.run;
    const from = run.sim.trace.length;
    const shown = forked ? this.frame.lastEvents : before;
    if (run.sync) {
      run.act(action);
      // what this step did, then what the action did: the same as a replay of this step shows
      this.show([...shown, ...run.sim.trace.slice(from)], false);
      return;
    }
    void this.job(async (lease) => {
      if (!this.isCurrent(lease)) return;
      await this.onWorkers(run, () => run.act(action));
      const view = await run.frame();
      if (!this.isCurrent(lease)) return;
      this.show([...shown, ...run.sim.trace.slice(from)], false, view);
    });
  }

  /** A new branch from here without a future (the old future stays a branch). */
  fork(): void {
    const step = this.run.sim.stepCount;
    if (this.history.forkHere(step)) this.rebuild(step);
  }

  /** Switches to another branch, at the same step (within what it has reached). */
  switchBranch(id: number): void {
    if (id === this.history.currentId) return;
    const from = this.position;
    const to = this.history.switchTo(id, from.step);
    this.history.moved(from);
    this.rebuild(to.step);
  }

  /** Returns to where the user was before the last jump or action (false: nothing to undo). */
  undo(): boolean {
    const r = this.history.undo();
    if (!r) return false;
    this.rebuild(r.to.step);
    return true;
  }

  // ------------------------------------------------------------------ a long replay

  /**
   * Goes to `target` by replaying the current branch in slices, the host painting between them;
   * `progress` hears how far it is. cancelReplay() stops it where it is. Resolves when done.
   */
  replayTo(
    target: number,
    progress: (p: ReplayProgress | null) => void,
    /** it starts once this settles (the runtime's start-up: a replay before it would be done twice) */
    gate: Promise<unknown> = Promise.resolve(),
  ): Promise<void> {
    const token = {};
    this.replayToken = token;
    // idle() waits for it, the wait for the gate included
    this.pending++;
    return gate
      .catch(() => undefined)
      .then(() => this.replayJob(target, token, progress))
      .finally(() => this.settle());
  }

  private replayJob(
    target: number,
    token: object,
    progress: (p: ReplayProgress | null) => void,
  ): Promise<void> {
    return this.job(async () => {
      if (this.replayToken !== token) {
        progress(null);
        return;
      }
      const run = this.freshRun(target);
      this.replace(run);
      this.replayToken = token;
      const sim = run.sim;
      let finished = false;
      let lastEvents: TraceEvent[] = target === 0 ? sim.trace.slice() : [];
      // another command replacing the run (a seek, an action) ends it too
      while (sim.stepCount < target && !finished && this.replayToken === token && this.run === run) {
        const t0 = this.opts.clock.now();
        do {
          if (sim.stepCount === target - 1) {
            // the last step's events are what the screen shows as "this step"
            const r = stepOnce(sim);
            finished = !r.ok;
            lastEvents = r.events;
          } else if (target - sim.stepCount > this.denseSteps ? !sim.step() : !this.stepSync(run))
            finished = true;
        } while (
          sim.stepCount < target &&
          !finished &&
          ((sim.stepCount & 255) !== 0 || this.opts.clock.now() - t0 < REPLAY_SLICE_MS)
        );
        progress({ target, done: sim.stepCount });
        await (this.opts.yieldToHost ?? defaultYield)();
      }
      // replaced by another command meanwhile: that one owns the screen
      if (this.run !== run) return;
      this.replayToken = null;
      this.history.reached(sim.stepCount);
      progress(null);
      this.show(lastEvents, finished);
    }).then(() => undefined);
  }

  /** Stops the replay in progress: the run stays at the step it reached. */
  cancelReplay(): void {
    this.replayToken = {};
  }
}

/** The same items in the same order (the frame's copy of a branch's actions is still right). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** `next`, or the previous list when every branch in it is listed the same (field by field). */
function sameBranches(prev: BranchInfo[] | undefined, next: BranchInfo[]): BranchInfo[] {
  if (!prev || prev.length !== next.length) return next;
  const sameFields = (a: BranchInfo, b: BranchInfo) => {
    const keys = Object.keys(a) as (keyof BranchInfo)[];
    return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
  };
  return prev.every((p, i) => sameFields(p, next[i])) ? prev : next;
}

function defaultYield(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
