/**
 * The app's one store: a thin binding of the engine (src/engine) to React. The engine's controller
 * owns the history (a tree of branches), the run at the current position, the job queue and the
 * lease; its player owns playback. This store holds its latest frame plus UI-only state (selection,
 * speed, stops, the runtime's status and errors), and the runtime's lifecycle: attaching the
 * browser runtime (servers in Web Workers with IndexedDB), resuming saved ensembles, reading and
 * restoring a server's disk. Every command has one code path whatever the runtime.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Controller, FAST_SPEED, Player, WorkerRun, nextStopAfter } from '../engine';
import type { BranchInfo, DroppedMessage, Frame, RunFactory } from '../engine';
import type { Scenario } from '../sim/Scenario';
import { validateScenario } from '../sim/viewApi';
import type { Simulation } from '../sim/Simulation';
import type { RecordedAction, UserAction } from '../sim/SimulationApi';
import type { MessageView, SimView } from '../zk/view';
import type { TraceEvent } from '../zk/trace';
import type { Sid } from '../zk/Zxid';
import type { DurableImage } from '../zk/persistence/FileTxnSnapLog';
// types only: the runtime's code is loaded with attachRuntime(), not with the first paint
import type { BrowserRuntime } from '../runtime/runtime';
import type { RuntimeError } from '../runtime/errors';
import { beatOf, dwellMs } from './pace';
import { usePaceSettings } from './paceSettings';

export { FAST_SPEED, nextStopAfter };
export type { DroppedMessage };

export const MIN_SPEED = 1;
export const MAX_SPEED = 2000;
export const DEFAULT_SPEED = 20;
/** saved ensembles kept besides the open one (older ones are deleted with their databases) */
export const KEEP_ENSEMBLES = 12;
/** a replay to more steps than this is done in slices, with a progress bar (else at once) */
export const SLICED_REPLAY_STEPS = 5000;

/**
 * Where the servers run. `page`: in this page, in memory (no runtime attached — tests, or the first
 * moment after loading); `workers+indexeddb`: each in a Web Worker with its dataDir in IndexedDB;
 * `in-memory`: the runtime could not use workers or IndexedDB (`warning` says why) or was asked not
 * to, so the servers run in this page and nothing survives a reload.
 */
export type EngineKind = 'page' | 'workers+indexeddb' | 'in-memory';

export interface RuntimeInfo {
  kind: EngineKind;
  /** the saved ensemble whose databases the servers use (workers+indexeddb only) */
  ensembleId: string | null;
  /** why the runtime fell back to memory */
  warning: RuntimeError | null;
  /** storage and worker failures while running, oldest first (dismissable) */
  errors: RuntimeError[];
  /** a long job in progress: handing the run to the workers, or resuming a saved ensemble */
  busy: 'going-live' | 'resuming' | null;
  /**
   * The saved ensemble another tab took over from this one: its workers are stopped, so playback
   * and actions are off here until it is taken back (resume) or another run is opened.
   */
  takenOver?: string | null;
  /**
   * The workers hold the current step. False after a rebuild (step back, seek, fork, load) until
   * the run continues: the step shown was replayed in this page.
   */
  live: boolean;
  /** at start-up, saved ensembles were found and no link chose what to open: offer to resume one */
  offerResume: boolean;
}

/** What readDisk() read: a server's IndexedDB, next to the page's record of what it wrote. */
export interface DiskReadback {
  sid: Sid;
  step: number;
  /** what the server's database holds (read by the page) */
  disk: DurableImage;
  /** what the run says the server made durable (the Simulation's mirror of its dataDir) */
  mirror: DurableImage;
}

/** How far a sliced replay is: `done` of `target` steps; `waiting` for the runtime's start-up. */
export interface ReplayProgress {
  target: number;
  done: number;
  waiting: boolean;
}

export interface SimState {
  scenario: Scenario;
  /** the current branch's actions, including those after the current step (when stepped back) */
  recorded: RecordedAction[];
  sim: Simulation;
  /** the picture at the current step; replaced after every step/act/seek */
  view: SimView;
  /** trace events produced by the step that led to this view, and by actions done at it */
  lastEvents: TraceEvent[];
  /** messages delivered by that last step */
  delivered: MessageView[];
  /** messages dropped by that last step */
  dropped: DroppedMessage[];
  /** the furthest step this branch has reached (the scrub slider's end) */
  horizon: number;
  /** true once nothing is left to do before the scenario's `until` */
  finished: boolean;
  /** the branch shown, and every branch of this history (acting in the past starts one) */
  branch: number;
  branches: BranchInfo[];
  /** undo() has something to take back */
  canUndo: boolean;
  playing: boolean;
  /** events per second while playing, 1 … 2000 (log scale in the UI) */
  speed: number;
  /** while playing at a speed: the events per second reached over the last second (null: not measured) */
  reachedRate: number | null;
  selectedSid: number | null;
  selectedClient: string | null;
  /**
   * Steps at which playback pauses by itself (lecture cues, lesson stops), ascending. Playing
   * never runs past one of these: it stops exactly on it. Stepping and seeking ignore them.
   */
  stops: readonly number[];

  /** processes the next event; false when nothing is left */
  step(): boolean;
  /** goes back one event (from the nearest checkpoint) */
  stepBack(): void;
  /** goes to a step (forward steps on — past `horizon` too, up to the run's end; backward rebuilds) */
  seek(step: number): void;
  play(): void;
  pause(): void;
  setSpeed(eventsPerSecond: number): void;
  /** does something to the ensemble now; at a past step this starts a new branch */
  act(action: UserAction): void;
  /** a new branch from here without a future (the old future stays a branch) */
  fork(): void;
  /** shows another branch of this history */
  switchBranch(id: number): void;
  /** returns to where the user was before the last jump, or takes the last action back */
  undo(): void;
  /** replaces the run; optionally with recorded actions and a step to go to */
  load(scenario: Scenario, recorded?: RecordedAction[], step?: number): void;
  select(sid: number | null): void;
  selectClient(id: string | null): void;
  /** sets the steps at which playback pauses by itself */
  setStops(steps: readonly number[]): void;

  /** where the servers run, and what went wrong there */
  runtime: RuntimeInfo;
  /**
   * Moves the ensemble onto `rt` (Web Workers + IndexedDB, or the labelled in-memory fallback) at
   * the current step. Each later load() is a new saved ensemble.
   */
  attachRuntime(rt: BrowserRuntime, opts?: { offerResume?: boolean }): Promise<void>;
  /**
   * Opens a saved ensemble: the servers that were up restart and recover from IndexedDB.
   * `storage`: what to do with databases that disagree with the replay (default: ask, i.e. refuse
   * with a `resume-disagrees` error); `takeOver`: another tab runs it and the user chose to take it.
   */
  resume(id: string, opts?: { storage?: 'ask' | 'replay' | 'disk'; takeOver?: boolean }): Promise<void>;
  /** Rewrites a stopped server's IndexedDB from the run's replay, then starts it again. */
  restoreDisk(sid: Sid): Promise<void>;
  /** Reads `sid`'s IndexedDB at the current step (the run is handed to the workers first). */
  readDisk(sid: Sid): Promise<DiskReadback | null>;
  /** a failure reported by the runtime (a worker or its storage) */
  reportError(e: RuntimeError): void;
  dismissError(index: number): void;
  setOfferResume(on: boolean): void;
  /** a long replay in progress (a link deep in a run): how far it is; null when there is none */
  replay: ReplayProgress | null;
  /**
   * Goes to `step` by replaying in slices, the page responsive between them, after the runtime's
   * start-up (so the run is replayed once, not again when the runtime attaches).
   */
  replayTo(step: number): Promise<void>;
  /** stops the replay in progress: the run stays at the step it reached */
  cancelReplay(): void;
  /** resolves when no asynchronous job (worker steps, actions, resuming) is queued */
  idle(): Promise<void>;
}

/** The scenario the app opens with: five voters, not started, waiting for the user. */
export function defaultScenario(): Scenario {
  const r = validateScenario({
    format: 1,
    title: 'Five servers',
    seed: 1,
    ensemble: { voters: 5, observers: 0 },
    actions: [],
    // an open-ended session: a day of virtual time
    until: 24 * 3600 * 1000,
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

let defaultJson: string | null = null;
/** True if `s` is the app's default scenario (however it was loaded: first visit, start fresh, a link). */
export function isDefaultScenario(s: Scenario): boolean {
  defaultJson ??= JSON.stringify(defaultScenario());
  return JSON.stringify(s) === defaultJson;
}

function clampSpeed(v: number): number {
  if (!Number.isFinite(v)) return DEFAULT_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, Math.round(v)));
}

/** Replays wait for the runtime's start-up: one done before it attaches would be done again. */
let replayGate: Promise<unknown> = Promise.resolve();
export function holdReplaysUntil(p: Promise<unknown>): void {
  replayGate = p.catch(() => undefined);
}

/** Lets the browser paint and handle input (a macrotask; MessageChannel is not clamped like timers). */
function yieldToBrowser(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((r) => setTimeout(r, 0));
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/** the longest a checkpoint copy waits for idle time while playing (then it is made anyway) */
const IDLE_WAIT_MS = 300;

/**
 * Resolves in an idle period of the page with about `ms` left before its next frame (at most
 * IDLE_WAIT_MS later): a copy made there delays no frame.
 */
function idleFor(ms: number): Promise<void> {
  if (typeof requestIdleCallback !== 'function') return yieldToBrowser();
  const until = performance.now() + IDLE_WAIT_MS;
  return new Promise((resolve) => {
    const look = (d: IdleDeadline) => {
      if (d.didTimeout || d.timeRemaining() >= ms || performance.now() >= until) resolve();
      else requestIdleCallback(look, { timeout: Math.max(1, until - performance.now()) });
    };
    requestIdleCallback(look, { timeout: IDLE_WAIT_MS });
  });
}

const PAGE_RUNTIME: RuntimeInfo = {
  kind: 'page',
  ensembleId: null,
  warning: null,
  errors: [],
  busy: null,
  live: true,
  offerResume: false,
};

type RuntimeModule = typeof import('../runtime');

export const useSim = create<SimState>((set, get) => {
  /** the runtime module and the runtime the servers run on (null: in this page) */
  let mod: RuntimeModule | null = null;
  let rt: BrowserRuntime | null = null;

  const setRuntime = (patch: Partial<RuntimeInfo>): void =>
    set((s) => ({ runtime: { ...s.runtime, ...patch } }));

  const fromFrame = (f: Frame) => ({
    scenario: f.scenario,
    recorded: f.recorded,
    sim: f.sim,
    view: f.view,
    lastEvents: f.lastEvents,
    delivered: f.delivered,
    dropped: f.dropped,
    horizon: f.horizon,
    finished: f.finished,
    branch: f.branch,
    branches: f.branches,
    canUndo: f.canUndo,
  });

  const ctl = new Controller(defaultScenario(), {
    clock: { now: () => performance.now() },
    onFrame: (f) =>
      set((s) => ({
        ...fromFrame(f),
        ...(rt ? { runtime: { ...s.runtime, live: ctl.currentRun.live } } : {}),
      })),
    onError: (e) => reportFailure(e, true),
    onBusy: (busy, live) => setRuntime({ busy: busy ? 'going-live' : null, live }),
    yieldToHost: yieldToBrowser,
    idleFor,
  });

  const player = new Player(ctl, {
    clock: { now: () => performance.now() },
    frames: {
      request: (cb) => (typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : -1),
      cancel: (id) => {
        if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(id);
      },
    },
    speed: () => get().speed,
    stops: () => get().stops,
    narrated: () => usePaceSettings.getState().pace === 'narrated',
    dwellMs: (events, delivered, speed) => dwellMs(beatOf(events, delivered), speed, 'narrated'),
    normalDwellMs: (speed) => dwellMs('normal', speed, 'narrated'),
    onPlaying: (playing) => set({ playing }),
    onRate: (reachedRate) => set({ reachedRate }),
  });

  const reportError = (e: RuntimeError): void => {
    // the same error again is one banner with a count, not one more banner per step
    const same = (a: RuntimeError): boolean =>
      a.code === e.code && a.sid === e.sid && a.write === e.write && a.detail === e.detail;
    set((s) => {
      const i = s.runtime.errors.findIndex(same);
      if (i === -1) return { runtime: { ...s.runtime, errors: [...s.runtime.errors, e] } };
      const errors = [...s.runtime.errors];
      errors[i] = { ...errors[i], count: (errors[i].count ?? 1) + (e.count ?? 1) };
      return { runtime: { ...s.runtime, errors } };
    });
    // another tab runs this ensemble now: this one stops playing (its workers are gone)
    if (e.code === 'taken-over') {
      player.pause();
      setRuntime({ takenOver: e.ensemble ?? get().runtime.ensembleId });
    }
  };

  /** A failed job: a runtime failure as it is; anything else (`any`) as a worker failure. */
  const reportFailure = (e: unknown, any = false): void => {
    if (!mod) return;
    if (mod.isRuntimeFailure(e)) reportError(e.error);
    else if (any) reportError(mod.runtimeError('worker-failed', String(e)));
  };

  /** The runs of the worker runtime: each replayed in this page until it goes on. */
  const workerRuns = (m: RuntimeModule): RunFactory => ({
    kind: 'workers+indexeddb',
    create: (scenario, recorded) => new WorkerRun(m.EnsembleRun.create(rt!, scenario, { recorded })),
  });

  /** Starts a new saved ensemble for a newly loaded scenario (the previous one stays saved). */
  const newEnsemble = (): void => {
    if (!mod || !rt) return;
    ctl.currentRun.close();
    void rt.close();
    rt = rt.forEnsemble(mod.newEnsembleId());
    setRuntime({ ensembleId: rt.ensembleId, takenOver: null });
    void mod.pruneEnsembles(KEEP_ENSEMBLES, rt.ensembleId).catch((e: unknown) => reportFailure(e));
  };

  /** the run on screen when it is on the worker runtime */
  const workerRun = (): WorkerRun | null => (ctl.currentRun instanceof WorkerRun ? ctl.currentRun : null);

  /** taken over: this tab's steps and actions would reach no worker (the buttons say why) */
  const off = (): boolean => Boolean(get().runtime.takenOver);

  return {
    ...fromFrame(ctl.frame),
    playing: false,
    reachedRate: null,
    speed: DEFAULT_SPEED,
    selectedSid: null,
    selectedClient: null,
    stops: [],
    runtime: PAGE_RUNTIME,
    replay: null,

    step: () => !off() && ctl.step(),
    stepBack: () => {
      if (off()) return;
      player.pause();
      ctl.stepBack();
    },
    seek: (step) => {
      if (off()) return;
      player.pause();
      ctl.seek(step);
    },
    play: () => {
      if (!off()) player.play();
    },
    pause: () => player.pause(),
    setSpeed: (v) => set({ speed: clampSpeed(v) }),
    act: (action) => {
      if (!off()) ctl.act(action);
    },
    fork: () => {
      if (!off()) ctl.fork();
    },
    switchBranch: (id) => {
      if (off()) return;
      player.pause();
      ctl.switchBranch(id);
    },
    undo: () => {
      if (off()) return;
      player.pause();
      ctl.undo();
    },
    load: (scenario, recorded = [], step) => {
      player.pause();
      // a replay in progress was for the run this one replaces
      if (get().replay) set({ replay: null });
      newEnsemble();
      ctl.load(scenario, recorded, step ?? 0);
      set({ selectedSid: null, selectedClient: null });
    },
    select: (sid) => set({ selectedSid: sid }),
    selectClient: (id) => set({ selectedClient: id }),
    setStops: (steps) => set({ stops: [...new Set(steps)].filter((x) => x > 0).sort((a, b) => a - b) }),

    attachRuntime: async (runtime, opts = {}) => {
      await ctl.job(async () => {
        const m = await import('../runtime');
        mod = m;
        const info = {
          warning: runtime.warning ?? null,
          offerResume: opts.offerResume === true,
          errors: get().runtime.errors,
          busy: null,
        };
        if (runtime.kind !== 'workers+indexeddb') {
          // the fallback: servers stay in this page, labelled, with the reason
          rt = null;
          set({ runtime: { ...info, kind: 'in-memory', ensembleId: null, live: true } });
          return;
        }
        rt = runtime;
        set({ runtime: { ...info, kind: runtime.kind, ensembleId: runtime.ensembleId, live: false } });
        ctl.setFactory(workerRuns(m));
      });
    },
    resume: async (id, opts = {}) => {
      player.pause();
      await ctl.job(async () => {
        if (!mod || !rt) throw new Error('saved ensembles need the Web Worker + IndexedDB runtime');
        const m = mod;
        setRuntime({ busy: 'resuming', offerResume: false });
        try {
          await rt.close();
          const run = await m.resumeEnsemble(id, {
            runtime: rt,
            mode: 'recover',
            storage: opts.storage,
            takeOver: opts.takeOver,
          });
          rt = run.runtime;
          await ctl.adopt(new WorkerRun(run), run.scenario, run.history(), [...run.openedEvents]);
          set((s) => ({
            selectedSid: null,
            selectedClient: null,
            runtime: {
              ...s.runtime,
              ensembleId: id,
              takenOver: null,
              live: true,
              errors: [...s.runtime.errors, ...run.warnings],
            },
          }));
        } catch (err) {
          // the run shown before is gone (its workers stopped): rebuild it as a new ensemble
          reportFailure(err, true);
          newEnsemble();
          ctl.setFactory(workerRuns(m));
        } finally {
          setRuntime({ busy: null });
        }
      });
    },
    restoreDisk: async (sid) => {
      const run = workerRun();
      if (!run) throw new Error('restoring a dataDir needs the Web Worker + IndexedDB runtime');
      await ctl.job(async (lease) => {
        if (ctl.isCurrent(lease)) await ctl.onWorkers(run, () => run.ensemble.restoreFromReplay(sid));
      });
      get().act({ restart: [sid] });
    },
    readDisk: async (sid) => {
      const run = workerRun();
      if (!run) return null;
      const r = await ctl.job(async (lease) => {
        if (!ctl.isCurrent(lease)) return null;
        await ctl.onWorkers(run, () => run.ensemble.ensureLive());
        const wh = run.ensemble.runtime.workerHost;
        const mirror = run.sim.store(sid);
        if (!wh || !mirror) return null;
        return { sid, step: run.sim.stepCount, disk: await wh.readImage(sid), mirror: mirror.image() };
      });
      return r ?? null;
    },
    reportError,
    dismissError: (index) =>
      set((s) => ({ runtime: { ...s.runtime, errors: s.runtime.errors.filter((_, i) => i !== index) } })),
    setOfferResume: (on) => setRuntime({ offerResume: on }),
    replayTo: (target) => {
      player.pause();
      set({ replay: { target, done: get().sim.stepCount, waiting: true } });
      const gate = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => replayGate);
      return ctl.replayTo(
        target,
        (p) => {
          if (p) {
            set({ replay: { ...p, waiting: false } });
            return;
          }
          // what follows is one render of the whole app at the step reached (tests measure up to here)
          performance.mark('zablab:replay-end');
          set({ replay: null });
        },
        gate,
      );
    },
    cancelReplay: () => {
      if (get().replay) ctl.cancelReplay();
    },
    idle: () => ctl.idle(),
  };
});

/** True while playing so fast that per-change animation is pointless. */
export function useFastPlay(): boolean {
  return useSim((s) => s.playing && s.speed > FAST_SPEED);
}

/** Playing below this share of the speed asked is worth saying (a second's figure varies a little). */
const BEHIND = 0.9;

/**
 * While fast playback runs clearly slower than its speed (a busy machine): the events per second
 * it reached over the last second, rounded; otherwise null.
 */
export function behindRate(s: Pick<SimState, 'playing' | 'speed' | 'reachedRate'>): number | null {
  return s.playing && s.speed > FAST_SPEED && s.reachedRate !== null && s.reachedRate < s.speed * BEHIND
    ? Math.round(s.reachedRate)
    : null;
}

export function useBehindRate(): number | null {
  return useSim(behindRate);
}

/** Subscribes to a slice of the current view; re-renders only when the slice changes (shallowly). */
export function useView<T>(selector: (v: SimView) => T): T {
  return useSim(useShallow((s: SimState) => selector(s.view)));
}
