/**
 * The app's one store. It owns a running simulation and the view of it at the current step.
 *
 * History is a replayable event log: a run is (scenario, recorded user actions), and any step can
 * be rebuilt by creating a fresh Simulation from those and stepping to it. Stepping back, seeking
 * and forking all do exactly that, so the screen at step N is always the same picture.
 */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Simulation } from '../sim/Simulation';
import { validateScenario, type Scenario } from '../sim/Scenario';
import type { RecordedAction, SimulationApi, UserAction } from '../sim/SimulationApi';
import type { MessageView, SimView } from '../sim/view';
import type { TraceEvent } from '../zk/trace';
import { zxidFromHex } from '../zk/Zxid';

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

/** Builds a fresh run and brings it to `target` (or as far as it goes). */
function rebuild(scenario: Scenario, recorded: readonly RecordedAction[], target: number): Position {
  // Replayed actions are applied when their step is reached while stepping; those of step 0 are
  // re-done with act() so that they show at step 0 too, as they did when the user did them.
  const sim = new Simulation(
    scenario,
    recorded.filter((r) => r.step > 0),
  );
  for (const r of recorded) if (r.step === 0) sim.act(r.action);
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

export const useSim = create<SimState>((set, get) => {
  const initialScenario = defaultScenario();
  const initial = rebuild(initialScenario, [], 0);

  /** Advances up to `n` events (stopping early after `budgetMs`); returns how many ran. */
  const advance = (n: number, budgetMs = Infinity): number => {
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
      if (performance.now() - start > budgetMs) break;
    }
    if (done === 0) {
      if (finished) set({ finished: true, playing: false });
      return 0;
    }
    const next = sim.view();
    set((s) => ({
      view: next,
      lastEvents: events,
      ...messagesOf(sim, events),
      horizon: Math.max(s.horizon, sim.stepCount),
      finished,
      playing: finished ? false : s.playing,
    }));
    return done;
  };

  const goTo = (target: number): void => {
    const { sim, scenario, recorded } = get();
    // past the horizon the run simply goes on (it is deterministic); it stops at its end
    const t = Math.max(0, target);
    if (t === sim.stepCount) return;
    if (t > sim.stepCount) {
      advance(t - sim.stepCount);
      return;
    }
    const pos = rebuild(scenario, recorded, t);
    set({ ...pos });
  };

  const loop = (): void => {
    let last = performance.now();
    let carry = 0;
    let rested = false;
    const frame = (now: number): void => {
      if (!get().playing) {
        rafId = null;
        return;
      }
      const gap = now - last;
      // a long gap (background tab, debugger) must not turn into a burst
      const dt = Math.min(gap, 100);
      last = now;
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
      if (n > 0) {
        const ran = advance(n, FRAME_BUDGET_MS);
        carry = ran < n ? 0 : carry - n;
        if (atStop && get().sim.stepCount >= stop) get().pause();
      }
      if (get().playing) rafId = requestAnimationFrame(frame);
      else rafId = null;
    };
    rafId = requestAnimationFrame(frame);
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

    step: () => advance(1) === 1,
    stepBack: () => {
      const { sim } = get();
      if (sim.stepCount === 0) return;
      get().pause();
      goTo(sim.stepCount - 1);
    },
    seek: (step) => {
      get().pause();
      goTo(Math.round(step));
    },
    play: () => {
      if (get().playing) return;
      if (get().finished) return;
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
      const { sim, horizon, recorded } = get();
      if (sim.stepCount < horizon || recorded.some((r) => r.step > sim.stepCount)) get().fork();
      const cur = get().sim;
      const from = cur.trace.length;
      cur.act(action);
      // what this step did, then what the action did: the same as a replay of this step shows
      const events = [...get().lastEvents, ...cur.trace.slice(from)];
      set({
        view: cur.view(),
        lastEvents: events,
        ...messagesOf(cur, events),
        finished: false,
        horizon: cur.stepCount,
        recorded: [...cur.recorded],
      });
    },
    fork: () => {
      const { sim, scenario, recorded } = get();
      const step = sim.stepCount;
      const kept = recorded.filter((r) => r.step <= step);
      // the simulation holds the later actions to replay them: a new one without them
      const pos = kept.length === recorded.length ? null : rebuild(scenario, kept, step);
      set({ ...(pos ?? {}), recorded: kept, horizon: step });
    },
    load: (scenario, recorded = [], step) => {
      get().pause();
      const pos = rebuild(scenario, recorded, step ?? 0);
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
