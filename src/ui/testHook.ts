/**
 * A read-only window into the app for tests and benchmarks: `window.__zablab.summary()` is the
 * CLI's summary (src/sim/Summary.ts) of the run at the current step, plus where the UI stands.
 *
 * Installed in dev builds, and in production builds only when the browser is driven by automation
 * (`navigator.webdriver`: Playwright, the UI bench), so students never see it.
 */
import { serializeScenario } from '../sim/Scenario';
import type { RecordedAction } from '../sim/SimulationApi';
import { Simulation } from '../sim/Simulation';
import { summarize, type Summary } from '../sim/Summary';
import { traceHash, traceToJsonl } from '../sim/run';
import { useSession } from './session';
import { useSim } from './store';

export interface ZabLabHook {
  /** the CLI summary of the run as it stands at the current step */
  summary(): Summary;
  /** the current step and virtual time, the furthest step reached, whether playback runs, messages in flight */
  position(): { step: number; t: number; horizon: number; playing: boolean; inflight: number };
  /** resolves when the runtime has started and no asynchronous job (worker steps, actions) is queued */
  idle(): Promise<void>;
  /** where the servers run, the saved ensemble, and whether the workers hold the current step */
  runtime(): { kind: string; ensembleId: string | null; live: boolean; errors: string[] };
  /** the hash of the trace so far (the CLI's traceHash of its JSONL) */
  traceHash(): string;
  /** what reproduces the run: the scenario (as a file), every recorded action, the current step */
  history(): { scenario: string; recorded: RecordedAction[]; step: number };
  /** the open preset / lesson and where their cue points and lesson stops are (by step) */
  stops(): {
    preset: string | null;
    lesson: string | null;
    lecture: boolean;
    cues: { id: string; step: number }[];
    lessonSteps: { id: string; step: number }[];
  };
}

declare global {
  interface Window {
    __zablab?: ZabLabHook;
  }
}

let runtimeReady: Promise<unknown> = Promise.resolve();

/** Lets idle() wait for the runtime's start-up too. */
export function setRuntimeReady(p: Promise<unknown>): void {
  runtimeReady = p.catch(() => undefined);
}

export function installTestHook(): void {
  if (typeof window === 'undefined') return;
  const automated = typeof navigator !== 'undefined' && navigator.webdriver === true;
  if (!import.meta.env.DEV && !automated) return;
  const hook: ZabLabHook = {
    summary() {
      const { sim } = useSim.getState();
      if (!(sim instanceof Simulation)) throw new Error('the run is not an in-page Simulation');
      return summarize(sim);
    },
    position() {
      const s = useSim.getState();
      return {
        step: s.view.step,
        t: s.view.t,
        horizon: Math.max(s.horizon, s.view.step),
        playing: s.playing,
        inflight: s.view.inflight.length,
      };
    },
    async idle() {
      await runtimeReady;
      await useSim.getState().idle();
    },
    runtime() {
      const r = useSim.getState().runtime;
      return {
        kind: r.kind,
        ensembleId: r.ensembleId,
        live: r.live,
        errors: r.errors.map((e) => `${e.code}: ${e.detail}`),
      };
    },
    traceHash() {
      return traceHash(traceToJsonl(useSim.getState().sim.trace));
    },
    history() {
      const s = useSim.getState();
      return { scenario: serializeScenario(s.scenario), recorded: [...s.recorded], step: s.sim.stepCount };
    },
    stops() {
      const s = useSession.getState();
      return {
        preset: s.presetId,
        lesson: s.lessonId,
        lecture: s.lecture,
        cues: s.cues.map((c) => ({ id: c.id, step: c.step })),
        lessonSteps: s.lesson ? s.lesson.steps.map((x) => ({ id: x.id, step: x.step })) : [],
      };
    },
  };
  Object.defineProperty(window, '__zablab', {
    value: Object.freeze(hook),
    writable: false,
    configurable: true,
  });
}
