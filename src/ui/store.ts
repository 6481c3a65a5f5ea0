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
import { parseScenario, type Scenario } from '../sim/Scenario';
import type { RecordedAction, SimulationApi, UserAction } from '../sim/SimulationApi';
import type { MessageView, SimView } from '../sim/view';
import type { TraceEvent } from '../zk/trace';

export const MIN_SPEED = 1;
export const MAX_SPEED = 2000;
export const DEFAULT_SPEED = 20;
/** At most this much main-thread time per animation frame goes to stepping. */
const FRAME_BUDGET_MS = 10;

/** A message that died at the current step (trace `drop`), with where it was going. */
export interface DroppedMessage extends MessageView {
  reason: string;
}

export interface SimState {
  scenario: Scenario;
  sim: SimulationApi;
  /** the picture at the current step; replaced after every step/act/seek */
  view: SimView;
  /** trace events produced by the last step (or act) that led to this view */
  lastEvents: TraceEvent[];
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

  /** processes the next event; false when nothing is left */
  step(): boolean;
  /** goes back one event (rebuilds the run from its history) */
  stepBack(): void;
  /** goes to any step between 0 and `horizon` (forward steps on, backward rebuilds) */
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
}

/** The scenario the app opens with: five voters, not started, waiting for the user. */
export function defaultScenario(): Scenario {
  return parseScenario({
    format: 1,
    title: 'Five servers',
    seed: 1,
    ensemble: { voters: 5, observers: 0 },
    actions: [],
    until: 24 * 3600 * 1000,
  });
}

function clampSpeed(v: number): number {
  if (!Number.isFinite(v)) return DEFAULT_SPEED;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, Math.round(v)));
}

interface Position {
  sim: SimulationApi;
  view: SimView;
  lastEvents: TraceEvent[];
  dropped: DroppedMessage[];
  finished: boolean;
}

/** Messages that `events` dropped: looked up among those in flight before, or sent by the same step. */
function droppedBy(events: readonly TraceEvent[], before: readonly MessageView[]): DroppedMessage[] {
  const out: DroppedMessage[] = [];
  for (const e of events) {
    if (e.ev !== 'drop') continue;
    let m: MessageView | undefined = before.find((x) => x.id === e.id);
    if (!m) {
      const s = events.find((x) => x.ev === 'send' && x.id === e.id);
      if (s && s.ev === 'send') {
        m = {
          id: s.id,
          from: s.from,
          to: s.to,
          type: s.type,
          label: s.detail ?? s.type,
          sentAt: s.t,
          deliverAt: s.t,
        };
      }
    }
    if (m) out.push({ ...m, reason: e.reason });
  }
  return out;
}

/** Steps `sim` once, returning the events that step produced. */
function stepOnce(sim: SimulationApi): { ok: boolean; events: TraceEvent[] } {
  const from = sim.trace.length;
  const ok = sim.step();
  return { ok, events: sim.trace.slice(from) };
}

/** Builds a fresh run and brings it to `target` (or as far as it goes). */
function rebuild(scenario: Scenario, recorded: readonly RecordedAction[], target: number): Position {
  const sim = new Simulation(scenario, [...recorded]);
  let finished = false;
  while (sim.stepCount < target - 1) {
    if (!sim.step()) {
      finished = true;
      break;
    }
  }
  let lastEvents: TraceEvent[] = [];
  let dropped: DroppedMessage[] = [];
  if (!finished && sim.stepCount < target) {
    const before = sim.view().inflight;
    const r = stepOnce(sim);
    finished = !r.ok;
    lastEvents = r.events;
    dropped = droppedBy(r.events, before);
  }
  return { sim, view: sim.view(), lastEvents, dropped, finished };
}

let rafId: number | null = null;

export const useSim = create<SimState>((set, get) => {
  const initialScenario = defaultScenario();
  const initial = rebuild(initialScenario, [], 0);

  /** Advances up to `n` events (stopping early after `budgetMs`); returns how many ran. */
  const advance = (n: number, budgetMs = Infinity): number => {
    const { sim, view } = get();
    const before = view.inflight;
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
      dropped: droppedBy(events, done === 1 ? before : view.inflight),
      horizon: Math.max(s.horizon, sim.stepCount),
      finished,
      playing: finished ? false : s.playing,
    }));
    return done;
  };

  const goTo = (target: number): void => {
    const { sim, scenario, horizon } = get();
    const t = Math.max(0, Math.min(target, Math.max(horizon, sim.stepCount)));
    if (t === sim.stepCount) return;
    if (t > sim.stepCount) {
      advance(t - sim.stepCount);
      return;
    }
    const pos = rebuild(scenario, sim.recorded, t);
    set({ ...pos });
  };

  const loop = (): void => {
    let last = performance.now();
    let carry = 0;
    const frame = (now: number): void => {
      if (!get().playing) {
        rafId = null;
        return;
      }
      // a long gap (background tab, debugger) must not turn into a burst
      const dt = Math.min(now - last, 100);
      last = now;
      carry += (get().speed * dt) / 1000;
      const n = Math.floor(carry);
      if (n > 0) {
        const ran = advance(n, FRAME_BUDGET_MS);
        carry = ran < n ? 0 : carry - n;
      }
      if (get().playing) rafId = requestAnimationFrame(frame);
      else rafId = null;
    };
    rafId = requestAnimationFrame(frame);
  };

  return {
    scenario: initialScenario,
    ...initial,
    horizon: 0,
    playing: false,
    speed: DEFAULT_SPEED,
    selectedSid: null,
    selectedClient: null,

    step: () => advance(1) === 1,
    stepBack: () => {
      const { sim } = get();
      if (sim.stepCount === 0) return;
      set({ playing: false });
      goTo(sim.stepCount - 1);
    },
    seek: (step) => goTo(Math.round(step)),
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
      const { sim, horizon } = get();
      if (sim.stepCount < horizon || sim.recorded.some((r) => r.step > sim.stepCount)) get().fork();
      const cur = get().sim;
      const before = cur.view().inflight;
      const from = cur.trace.length;
      cur.act(action);
      const events = cur.trace.slice(from);
      set({
        view: cur.view(),
        lastEvents: events,
        dropped: droppedBy(events, before),
        finished: false,
        horizon: cur.stepCount,
      });
    },
    fork: () => {
      const { sim, scenario } = get();
      const step = sim.stepCount;
      const kept = sim.recorded.filter((r) => r.step <= step);
      const pos = kept.length === sim.recorded.length ? null : rebuild(scenario, kept, step);
      set({ ...(pos ?? {}), horizon: step });
    },
    load: (scenario, recorded = [], step) => {
      get().pause();
      const pos = rebuild(scenario, recorded, step ?? 0);
      set({
        scenario,
        ...pos,
        horizon: Math.max(pos.sim.stepCount, ...recorded.map((r) => r.step)),
        selectedSid: null,
        selectedClient: null,
      });
    },
    select: (sid) => set({ selectedSid: sid }),
    selectClient: (id) => set({ selectedClient: id }),
  };
});

/** Subscribes to a slice of the current view; re-renders only when the slice changes (shallowly). */
export function useView<T>(selector: (v: SimView) => T): T {
  return useSim(useShallow((s: SimState) => selector(s.view)));
}
