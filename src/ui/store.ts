/**
 * The app's one store. It owns a running simulation and the view of it at the current step.
 *
 * History is a replayable event log: a run is (scenario, recorded user actions), and any step can
 * be rebuilt by creating a fresh Simulation from those and stepping to it. Stepping back, seeking
 * and forking all do exactly that, so the screen at step N is always the same picture.
 *
 * Where the servers run: until `attachRuntime()` (and always in Node tests) each server is a
 * QuorumPeer in this page, stepped synchronously. Once the browser runtime is attached with Web
 * Workers + IndexedDB, every server is a worker with its dataDir in IndexedDB: going forward
 * (step, play, an action) is asynchronous — the page's Simulation schedules and awaits the
 * workers, one job at a time — while rebuilding a step (step back, seek, fork, load) replays in
 * this page at once and hands the run back to the workers when it continues (`runtime.live`).
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Simulation } from '../sim/Simulation';
import { validateScenario, type Scenario } from '../sim/Scenario';
import type { RecordedAction, SimulationApi, UserAction } from '../sim/SimulationApi';
import type { MessageView, SimView } from '../zk/view';
import type { TraceEvent } from '../zk/trace';
import { zxidFromHex } from '../zk/Zxid';
import type { Sid } from '../zk/Zxid';
import type { DurableImage } from '../zk/persistence/FileTxnSnapLog';
// types only: the runtime's code is loaded with attachRuntime(), not with the first paint
import type { BrowserRuntime, EnsembleRun } from '../runtime/runtime';
import type { RuntimeError } from '../runtime/errors';
import { beatOf, dwellMs } from './pace';
import { usePaceSettings } from './paceSettings';

export const MIN_SPEED = 1;
export const MAX_SPEED = 2000;
export const DEFAULT_SPEED = 20;
/** At most this much main-thread time per animation frame goes to stepping. */
const FRAME_BUDGET_MS = 10;
/** a frame this much after the previous one means the page missed one (60 Hz: 16.7 ms) */
const LATE_FRAME_MS = 25;

/** A message that died at the current step (trace `drop`), with where it was going. */
export interface DroppedMessage extends MessageView {
  reason: string;
  /** where along its way it died: 0 at the sender (never left), 1 at the receiver */
  at: number;
}

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

export interface SimState {
  scenario: Scenario;
  /**
   * The user's actions of this history, including those after the current step (when stepped
   * back). `sim.recorded` holds only those the simulation has reached.
   */
  recorded: RecordedAction[];
  sim: SimulationApi;
  /** the picture at the current step; replaced after every step/act/seek */
  view: SimView;
  /** trace events produced by the step that led to this view, and by actions done at it */
  lastEvents: TraceEvent[];
  /** messages delivered by that last step */
  delivered: MessageView[];
  /** messages dropped by that last step */
  dropped: DroppedMessage[];
  /** the furthest step this history has reached (the scrub slider's end) */
  horizon: number;
  /** true once step() found nothing left to do before the scenario's `until` */
  finished: boolean;
  playing: boolean;
  /** events per second while playing, 1 … 2000 (log scale in the UI) */
  speed: number;
  selectedSid: number | null;
  selectedClient: string | null;
  /**
   * Steps at which playback pauses by itself (lecture cues, lesson stops), ascending. Playing
   * never runs past one of these: it stops exactly on it. Stepping and seeking ignore them.
   */
  stops: readonly number[];

  /** processes the next event; false when nothing is left */
  step(): boolean;
  /** goes back one event (rebuilds the run from its history) */
  stepBack(): void;
  /** goes to a step (forward steps on — past `horizon` too, up to the run's end; backward rebuilds) */
  seek(step: number): void;
  play(): void;
  pause(): void;
  setSpeed(eventsPerSecond: number): void;
  /** does something to the ensemble now; at a past step this forks the history first */
  act(action: UserAction): void;
  /** drops the recorded actions after the current step: the future is rewritten from here */
  fork(): void;
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

/** The first stop after `step`, or Infinity. */
export function nextStopAfter(stops: readonly number[], step: number): number {
  for (const s of stops) if (s > step) return s;
  return Infinity;
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

interface Position {
  sim: SimulationApi;
  view: SimView;
  lastEvents: TraceEvent[];
  delivered: MessageView[];
  dropped: DroppedMessage[];
  finished: boolean;
}

type SendEvent = Extract<TraceEvent, { ev: 'send' }>;

/** Every message a run has sent, by id; extended lazily as its trace grows. */
const sendIndex = new WeakMap<SimulationApi, { scanned: number; byId: Map<number, SendEvent> }>();

function sentMessage(sim: SimulationApi, id: number): SendEvent | undefined {
  let idx = sendIndex.get(sim);
  if (!idx) sendIndex.set(sim, (idx = { scanned: 0, byId: new Map() }));
  const trace = sim.trace;
  for (; idx.scanned < trace.length; idx.scanned++) {
    const e = trace[idx.scanned];
    if (e.ev === 'send') idx.byId.set(e.id, e);
  }
  return idx.byId.get(id);
}

function asMessage(s: SendEvent, endedAt: number): MessageView {
  return {
    id: s.id,
    from: s.from,
    to: s.to,
    type: s.type,
    ...(s.zxid !== undefined ? { zxid: zxidFromHex(s.zxid) } : {}),
    label: s.detail ?? s.type,
    sentAt: s.t,
    deliverAt: endedAt,
  };
}

/**
 * The messages that `events` (one step's) delivered and dropped. Derived from the trace alone, so
 * a step shows the same whether it was reached by stepping, playing or rebuilding.
 */
function messagesOf(
  sim: SimulationApi,
  events: readonly TraceEvent[],
): { delivered: MessageView[]; dropped: DroppedMessage[] } {
  const delivered: MessageView[] = [];
  const dropped: DroppedMessage[] = [];
  for (const e of events) {
    if (e.ev !== 'recv' && e.ev !== 'drop') continue;
    const s = sentMessage(sim, e.id);
    if (!s) continue;
    if (e.ev === 'recv') delivered.push(asMessage(s, e.t));
    else dropped.push({ ...asMessage(s, e.t), reason: e.reason, at: e.t > s.t ? 1 : 0 });
  }
  return { delivered, dropped };
}

/** Steps `sim` once, returning the events that step produced. */
function stepOnce(sim: SimulationApi): { ok: boolean; events: TraceEvent[] } {
  const from = sim.trace.length;
  const ok = sim.step();
  return { ok, events: sim.trace.slice(from) };
}

// ------------------------------------------------------------------ the runtime (when attached)

type RuntimeModule = typeof import('../runtime');

/** The browser runtime the servers run on, and the run on it that the screen shows. */
interface Engine {
  mod: RuntimeModule;
  rt: BrowserRuntime;
  run: EnsembleRun | null;
}

/** set while servers run in Web Workers (null: in this page) */
let engine: Engine | null = null;
/** asynchronous jobs, one at a time, in the order they were asked for */
let jobs: Promise<unknown> = Promise.resolve();
let pendingJobs = 0;
const idleWaiters: (() => void)[] = [];
/** saved ensembles kept besides the open one (older ones are deleted with their databases) */
export const KEEP_ENSEMBLES = 12;
/** a forward seek this short goes on the workers; a longer one is replayed here (the fast path) */
const SEEK_ON_WORKERS = 32;

/**
 * A fresh run of (scenario, recorded) at step 0: in this page, or on the runtime (replayed here
 * until it continues; the run before it is abandoned and its workers stop).
 */
function freshSim(scenario: Scenario, recorded: readonly RecordedAction[]): SimulationApi {
  if (engine) {
    engine.run?.abandon();
    engine.run = engine.mod.EnsembleRun.create(engine.rt, scenario, { recorded });
    return engine.run.sim;
  }
  // Replayed actions are applied when their step is reached while stepping; those of step 0 are
  // re-done with act() so that they show at step 0 too, as they did when the user did them.
  const sim = new Simulation(
    scenario,
    recorded.filter((r) => r.step > 0),
  );
  for (const r of recorded) if (r.step === 0) sim.act(r.action);
  return sim;
}

/** Builds a fresh run and brings it to `target` (or as far as it goes). */
function rebuild(scenario: Scenario, recorded: readonly RecordedAction[], target: number): Position {
  const sim = freshSim(scenario, recorded);
  let finished = false;
  while (sim.stepCount < target - 1) {
    if (!sim.step()) {
      finished = true;
      break;
    }
  }
  // at step 0 the "last events" are those of the actions done there
  let lastEvents: TraceEvent[] = target === 0 ? sim.trace.slice() : [];
  let { delivered, dropped } = messagesOf(sim, lastEvents);
  if (!finished && sim.stepCount < target) {
    const r = stepOnce(sim);
    finished = !r.ok;
    lastEvents = r.events;
    ({ delivered, dropped } = messagesOf(sim, r.events));
  }
  return { sim, view: sim.view(), lastEvents, delivered, dropped, finished };
}

let rafId: number | null = null;

/** How far a sliced replay is: `done` of `target` steps; `waiting` for the runtime's start-up. */
export interface ReplayProgress {
  target: number;
  done: number;
  waiting: boolean;
}
/** a replay to more steps than this is done in slices, with a progress bar (else at once) */
export const SLICED_REPLAY_STEPS = 5000;
/** main-thread time per slice (the page must never be busy for 200 ms at a time) */
const REPLAY_SLICE_MS = 16;
/** the replay in progress; replaced or cleared to stop it */
let replayToken: object | null = null;
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

const PAGE_RUNTIME: RuntimeInfo = {
  kind: 'page',
  ensembleId: null,
  warning: null,
  errors: [],
  busy: null,
  live: true,
  offerResume: false,
};

export const useSim = create<SimState>((set, get) => {
  const initialScenario = defaultScenario();
  const initial = rebuild(initialScenario, [], 0);

  const setRuntime = (patch: Partial<RuntimeInfo>): void =>
    set((s) => ({ runtime: { ...s.runtime, ...patch } }));

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
      get().pause();
      setRuntime({ takenOver: e.ensemble ?? get().runtime.ensembleId });
    }
  };

  /**
   * Runs `f` after every job asked for before it; a failure is reported, never thrown at the UI —
   * unless it belongs to `run` and that run was replaced meanwhile (its workers were stopped).
   */
  const enqueue = <T>(f: () => Promise<T>, run?: EnsembleRun): Promise<T | undefined> => {
    pendingJobs++;
    const p = jobs
      .then(f)
      .catch((e: unknown) => {
        if (run && currentRun() !== run) return undefined;
        if (engine?.mod.isRuntimeFailure(e)) reportError(e.error);
        else if (engine) reportError(engine.mod.runtimeError('worker-failed', String(e)));
        return undefined;
      })
      .finally(() => {
        if (--pendingJobs === 0) for (const w of idleWaiters.splice(0)) w();
      });
    jobs = p;
    return p;
  };

  /**
   * Runs `f` (which first hands `run` to the workers if it was replayed in the page), saying so
   * while it does. Touches the store's runtime state only when the run was not live.
   */
  const onWorkers = async <T>(run: EnsembleRun, f: () => Promise<T>): Promise<T> => {
    if (run.live) return f();
    setRuntime({ busy: 'going-live' });
    try {
      return await f();
    } finally {
      setRuntime({ busy: null, live: run.live });
    }
  };

  /** The run the screen shows, when it runs on the runtime. */
  const currentRun = (): EnsembleRun | null => (engine && engine.run?.sim === get().sim ? engine.run : null);

  /** The new state after `sim` did steps (or actions) whose last events were `events`. */
  const after = (sim: SimulationApi, view: SimView, events: TraceEvent[], finished: boolean) => ({
    view,
    lastEvents: events,
    ...messagesOf(sim, events),
    finished,
  });

  /**
   * Advances up to `n` events (stopping early after `budgetMs`, or when `more` says so after a
   * step); returns how many ran.
   */
  const advance = (n: number, budgetMs = Infinity, more?: (events: TraceEvent[]) => boolean): number => {
    const { sim } = get();
    const start = performance.now();
    let events: TraceEvent[] = [];
    let done = 0;
    let finished = false;
    // keep only the events of the last step, as the view shows that step
    while (done < n) {
      const r = stepOnce(sim);
      if (!r.ok) {
        finished = true;
        break;
      }
      events = r.events;
      done++;
      if (more && !more(r.events)) break;
      if (performance.now() - start > budgetMs) break;
    }
    if (done === 0) {
      if (finished) set({ finished: true, playing: false });
      return 0;
    }
    const next = sim.view();
    set((s) => ({
      ...after(sim, next, events, finished),
      horizon: Math.max(s.horizon, sim.stepCount),
      playing: finished ? false : s.playing,
    }));
    return done;
  };

  /**
   * advance() on the workers: `n` more steps, or up to step `to` (counted when the job runs, after
   * those queued before it). Resolves with how many steps ran (0 if the run was replaced).
   */
  const advanceOnWorkers = (
    run: EnsembleRun,
    by: number | { to: number },
    budgetMs = Infinity,
  ): Promise<number> =>
    enqueue(async () => {
      if (currentRun() !== run) return 0;
      const n = typeof by === 'number' ? by : by.to - run.sim.stepCount;
      if (n <= 0) return 0;
      const r = await onWorkers(run, () => run.advance(n, budgetMs));
      const view = await run.view();
      if (currentRun() !== run) return 0;
      if (r.ran === 0) {
        set({ view, finished: r.finished, playing: r.finished ? false : get().playing });
        return 0;
      }
      set((s) => ({
        ...after(run.sim, view, r.lastEvents, r.finished),
        horizon: Math.max(s.horizon, run.sim.stepCount),
        playing: r.finished ? false : s.playing,
      }));
      return r.ran;
    }, run).then((ran) => ran ?? 0);

  /** Replaces the run by one rebuilt at `target` (in this page; on the runtime it continues later). */
  const rebuildTo = (scenario: Scenario, recorded: readonly RecordedAction[], target: number): Position => {
    const pos = rebuild(scenario, recorded, target);
    if (engine) setRuntime({ live: false });
    return pos;
  };

  const goTo = (target: number): void => {
    const { sim, scenario, recorded } = get();
    // past the horizon the run simply goes on (it is deterministic); it stops at its end
    const t = Math.max(0, target);
    if (t === sim.stepCount) return;
    const run = currentRun();
    if (t > sim.stepCount && (!run || t - sim.stepCount <= SEEK_ON_WORKERS)) {
      if (run) void advanceOnWorkers(run, { to: t });
      else advance(t - sim.stepCount);
      return;
    }
    const pos = rebuildTo(scenario, recorded, t);
    set((s) => ({ ...pos, horizon: Math.max(s.horizon, pos.sim.stepCount) }));
  };

  /** set while a frame's steps are being done by the workers */
  let frameJob = false;

  /**
   * Narrated playback (./pace.ts): the next event happens once the current step's dwell has passed
   * (`wait` ms left, owed when ≤ 0). Returns the wait left after this frame's steps.
   */
  const narratedFrame = (wait: number): number => {
    if (wait > 0) return wait;
    const stop = nextStopAfter(get().stops, get().sim.stepCount);
    const run = currentRun();
    if (run) {
      // one job on the workers: the steps owed (at a high speed several ordinary steps fit in a
      // frame; one is the usual), paced by the last; its dwell starts when its picture is shown
      if (frameJob) return wait;
      frameJob = true;
      const owed = 1 + Math.floor(-wait / dwellMs('normal', get().speed, 'narrated'));
      const n = Math.max(1, Math.min(owed, stop - get().sim.stepCount));
      void advanceOnWorkers(run, n, FRAME_BUDGET_MS).then((ran) => {
        frameJob = false;
        const s = get();
        narratedWait = ran > 0 ? dwellMs(beatOf(s.lastEvents, s.delivered), s.speed, 'narrated') : 0;
        if (s.sim.stepCount >= stop) s.pause();
      });
      return Infinity;
    }
    // in the page: every step whose turn has come (quick heartbeats: several), drawn once
    const { sim, speed } = get();
    let w = wait;
    advance(stop - sim.stepCount, FRAME_BUDGET_MS, (events) => {
      w += dwellMs(beatOf(events, messagesOf(sim, events).delivered), speed, 'narrated');
      return w <= 0;
    });
    if (get().sim.stepCount >= stop) get().pause();
    return Math.max(0, w);
  };
  /** the narrated wait, set when a step on the workers comes back */
  let narratedWait = 0;

  const loop = (): void => {
    let last = performance.now();
    let carry = 0;
    let rested = false;
    narratedWait = 0;
    const frame = (now: number): void => {
      if (!get().playing) {
        rafId = null;
        return;
      }
      const gap = now - last;
      // a long gap (background tab, debugger) must not turn into a burst
      const dt = Math.min(gap, 100);
      last = now;
      if (usePaceSettings.getState().pace === 'narrated') {
        narratedWait = narratedFrame(narratedWait - dt);
        rafId = get().playing ? requestAnimationFrame(frame) : null;
        return;
      }
      carry += (get().speed * dt) / 1000;
      // The page missed a frame (a busy machine): leave this one to the browser to catch up in.
      // Fast playback only, one frame at a time; its events are done, and drawn once, next frame.
      if (gap > LATE_FRAME_MS && !rested && get().speed > FAST_SPEED) {
        rested = true;
        rafId = requestAnimationFrame(frame);
        return;
      }
      rested = false;
      let n = Math.floor(carry);
      // never play past a stop: end exactly on it, paused
      const stop = nextStopAfter(get().stops, get().sim.stepCount);
      const atStop = n > 0 && get().sim.stepCount + n >= stop;
      if (atStop) n = stop - get().sim.stepCount;
      const run = currentRun();
      if (n > 0 && run) {
        // the workers answer asynchronously: one frame's steps at a time, the rest carried over
        if (!frameJob) {
          frameJob = true;
          const asked = n;
          void advanceOnWorkers(run, asked, FRAME_BUDGET_MS).then((ran) => {
            frameJob = false;
            carry = ran < asked ? 0 : Math.max(0, carry - asked);
            if (atStop && get().sim.stepCount >= stop) get().pause();
          });
        }
      } else if (n > 0) {
        const ran = advance(n, FRAME_BUDGET_MS);
        carry = ran < n ? 0 : carry - n;
        if (atStop && get().sim.stepCount >= stop) get().pause();
      }
      if (get().playing) rafId = requestAnimationFrame(frame);
      else rafId = null;
    };
    rafId = requestAnimationFrame(frame);
  };

  /** Starts a new saved ensemble for a newly loaded scenario (the previous one stays saved). */
  const newEnsemble = (): void => {
    if (!engine) return;
    engine.run?.abandon();
    engine.run = null;
    void engine.rt.close();
    engine.rt = engine.rt.forEnsemble(engine.mod.newEnsembleId());
    setRuntime({ ensembleId: engine.rt.ensembleId, takenOver: null });
    void engine.mod.pruneEnsembles(KEEP_ENSEMBLES, engine.rt.ensembleId).catch(reportFailure);
  };

  const reportFailure = (e: unknown): void => {
    if (engine?.mod.isRuntimeFailure(e)) reportError(e.error);
  };

  return {
    scenario: initialScenario,
    recorded: [],
    ...initial,
    horizon: 0,
    playing: false,
    speed: DEFAULT_SPEED,
    selectedSid: null,
    selectedClient: null,
    stops: [],
    runtime: PAGE_RUNTIME,

    step: () => {
      // taken over: this tab's steps would reach no worker (the buttons say why)
      if (get().runtime.takenOver) return false;
      const run = currentRun();
      if (!run) return advance(1) === 1;
      if (get().finished) return false;
      void advanceOnWorkers(run, 1);
      return true;
    },
    stepBack: () => {
      const { sim } = get();
      if (sim.stepCount === 0 || get().runtime.takenOver) return;
      get().pause();
      goTo(sim.stepCount - 1);
    },
    seek: (step) => {
      if (get().runtime.takenOver) return;
      get().pause();
      goTo(Math.round(step));
    },
    play: () => {
      if (get().playing) return;
      if (get().finished || get().runtime.takenOver) return;
      set({ playing: true });
      if (typeof requestAnimationFrame === 'function' && rafId === null) loop();
    },
    pause: () => {
      set({ playing: false });
      if (rafId !== null && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(rafId);
      rafId = null;
    },
    setSpeed: (v) => set({ speed: clampSpeed(v) }),
    act: (action) => {
      if (get().runtime.takenOver) return;
      const { sim, horizon, recorded } = get();
      if (sim.stepCount < horizon || recorded.some((r) => r.step > sim.stepCount)) get().fork();
      const cur = get().sim;
      const run = currentRun();
      if (run) {
        void enqueue(async () => {
          if (currentRun() !== run) return;
          const from = run.sim.trace.length;
          const before = get().lastEvents;
          await onWorkers(run, () => run.act(action));
          const view = await run.view();
          if (currentRun() !== run) return;
          const events = [...before, ...run.sim.trace.slice(from)];
          set({
            ...after(run.sim, view, events, false),
            horizon: run.sim.stepCount,
            recorded: [...run.sim.recorded],
          });
        }, run);
        return;
      }
      const from = cur.trace.length;
      cur.act(action);
      // what this step did, then what the action did: the same as a replay of this step shows
      const events = [...get().lastEvents, ...cur.trace.slice(from)];
      set({
        ...after(cur, cur.view(), events, false),
        horizon: cur.stepCount,
        recorded: [...cur.recorded],
      });
    },
    fork: () => {
      const { sim, scenario, recorded } = get();
      const step = sim.stepCount;
      const kept = recorded.filter((r) => r.step <= step);
      // the simulation holds the later actions to replay them: a new one without them
      const pos = kept.length === recorded.length ? null : rebuildTo(scenario, kept, step);
      set({ ...(pos ?? {}), recorded: kept, horizon: step });
    },
    load: (scenario, recorded = [], step) => {
      get().pause();
      // a replay in progress was for the run this one replaces
      if (replayToken) set({ replay: null });
      replayToken = null;
      newEnsemble();
      const pos = rebuildTo(scenario, recorded, step ?? 0);
      set({
        scenario,
        recorded: [...recorded],
        ...pos,
        horizon: Math.max(pos.sim.stepCount, ...recorded.map((r) => r.step)),
        selectedSid: null,
        selectedClient: null,
      });
    },
    select: (sid) => set({ selectedSid: sid }),
    selectClient: (id) => set({ selectedClient: id }),
    setStops: (steps) => set({ stops: [...new Set(steps)].filter((x) => x > 0).sort((a, b) => a - b) }),

    attachRuntime: async (rt, opts = {}) => {
      await enqueue(async () => {
        const mod = await import('../runtime');
        const info = {
          warning: rt.warning ?? null,
          offerResume: opts.offerResume === true,
          errors: get().runtime.errors,
          busy: null,
        };
        if (rt.kind !== 'workers+indexeddb') {
          // the fallback: servers stay in this page, labelled, with the reason
          engine = null;
          set({ runtime: { ...info, kind: 'in-memory', ensembleId: null, live: true } });
          return;
        }
        engine?.run?.abandon();
        engine = { mod, rt, run: null };
        const { scenario, recorded, sim, horizon } = get();
        const pos = rebuild(scenario, recorded, sim.stepCount);
        set({ ...pos, horizon, runtime: { ...info, kind: rt.kind, ensembleId: rt.ensembleId, live: false } });
      });
    },
    resume: async (id, opts = {}) => {
      get().pause();
      await enqueue(async () => {
        const e = engine;
        if (!e) throw new Error('saved ensembles need the Web Worker + IndexedDB runtime');
        e.run?.abandon();
        e.run = null;
        setRuntime({ busy: 'resuming', offerResume: false });
        try {
          await e.rt.close();
          const run = await e.mod.resumeEnsemble(id, {
            runtime: e.rt,
            mode: 'recover',
            storage: opts.storage,
            takeOver: opts.takeOver,
          });
          e.rt = run.runtime;
          e.run = run;
          const view = await run.view();
          const events = [...run.openedEvents];
          set((s) => ({
            scenario: run.scenario,
            recorded: run.history(),
            sim: run.sim,
            ...after(run.sim, view, events, false),
            horizon: run.sim.stepCount,
            playing: false,
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
          reportFailure(err);
          const { scenario, recorded, sim } = get();
          newEnsemble();
          set({ ...rebuildTo(scenario, recorded, sim.stepCount) });
          if (!e.mod.isRuntimeFailure(err)) throw err;
        } finally {
          setRuntime({ busy: null });
        }
      });
    },
    restoreDisk: async (sid) => {
      const run = currentRun();
      if (!run) throw new Error('restoring a dataDir needs the Web Worker + IndexedDB runtime');
      await enqueue(async () => {
        if (currentRun() !== run) return;
        await onWorkers(run, () => run.restoreFromReplay(sid));
      }, run);
      get().act({ restart: [sid] });
    },
    readDisk: async (sid) => {
      const run = currentRun();
      if (!run) return null;
      const r = await enqueue(async () => {
        if (currentRun() !== run) return null;
        await onWorkers(run, () => run.ensureLive());
        const wh = run.runtime.workerHost;
        const mirror = run.sim.store(sid);
        if (!wh || !mirror) return null;
        return { sid, step: run.sim.stepCount, disk: await wh.readImage(sid), mirror: mirror.image() };
      }, run);
      return r ?? null;
    },
    reportError,
    dismissError: (index) =>
      set((s) => ({ runtime: { ...s.runtime, errors: s.runtime.errors.filter((_, i) => i !== index) } })),
    setOfferResume: (on) => setRuntime({ offerResume: on }),
    replay: null,
    replayTo: (target) => {
      get().pause();
      const token = {};
      replayToken = token;
      set({ replay: { target, done: get().sim.stepCount, waiting: true } });
      // idle() waits for it, including the wait for the runtime
      pendingJobs++;
      const job = async (): Promise<void> => {
        if (replayToken !== token) {
          // cancelled while waiting for the runtime: nothing was replayed
          if (replayToken === null) set({ replay: null });
          return;
        }
        const { scenario, recorded } = get();
        // on the runtime this is the run the workers take over when it continues (not live yet)
        const sim = freshSim(scenario, recorded);
        if (engine) setRuntime({ live: false });
        let finished = false;
        let lastEvents: TraceEvent[] = target === 0 ? sim.trace.slice() : [];
        while (sim.stepCount < target && !finished && replayToken === token) {
          const t0 = performance.now();
          do {
            if (sim.stepCount === target - 1) {
              // the last step's events are what the screen shows as "this step"
              const r = stepOnce(sim);
              finished = !r.ok;
              lastEvents = r.events;
            } else if (!sim.step()) finished = true;
          } while (
            sim.stepCount < target &&
            !finished &&
            ((sim.stepCount & 255) !== 0 || performance.now() - t0 < REPLAY_SLICE_MS)
          );
          // the message lookup keeps up piece by piece (not a million events at the end)
          sentMessage(sim, -1);
          set({ replay: { target, done: sim.stepCount, waiting: false } });
          await yieldToBrowser();
        }
        // replaced by another load (or replay): that one owns the screen now
        if (replayToken !== token && replayToken !== null) return;
        if (replayToken === null && get().replay === null) return;
        replayToken = null;
        // what follows is one render of the whole app at the step reached (tests measure up to here)
        performance.mark('zablab:replay-end');
        set((s) => ({
          sim,
          view: sim.view(),
          lastEvents,
          ...messagesOf(sim, lastEvents),
          finished,
          horizon: Math.max(s.horizon, sim.stepCount),
          replay: null,
        }));
      };
      return new Promise<void>((resolve) => setTimeout(resolve, 0))
        .then(() => replayGate)
        .then(() => enqueue(job))
        .then(() => undefined)
        .finally(() => {
          if (--pendingJobs === 0) for (const w of idleWaiters.splice(0)) w();
        });
    },
    cancelReplay: () => {
      if (!replayToken) return;
      // the job sees the token gone and shows the run at the step it reached
      replayToken = null;
    },
    idle: () =>
      pendingJobs === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve)),
  };
});

/** Above this speed, playback skips decorative animation (frames would only queue up behind it). */
export const FAST_SPEED = 30;

/** True while playing so fast that per-change animation is pointless. */
export function useFastPlay(): boolean {
  return useSim((s) => s.playing && s.speed > FAST_SPEED);
}

/** Subscribes to a slice of the current view; re-renders only when the slice changes (shallowly). */
export function useView<T>(selector: (v: SimView) => T): T {
  return useSim(useShallow((s: SimState) => selector(s.view)));
}
