/**
 * A read-only window into the app for tests and benchmarks: `window.__zablab.summary()` is the
 * CLI's summary (src/sim/Summary.ts) of the run at the current step, plus where the UI stands.
 *
 * Installed in dev builds, and in production builds only when the browser is driven by automation
 * (`navigator.webdriver`: Playwright, the UI bench), so students never see it.
 */
import type { RecordedAction } from '../sim/SimulationApi';
import type { Summary } from '../sim/Summary';
import { serializeScenario, summarize, traceHashOf } from '../sim/viewApi';
import { useSession } from './session';
import { useSim } from './store';
import { leaderStatus } from './stage/derive';
import { logHistory } from './stage/logHistory';
import { logRows } from './stage/logRows';
import { useStageUi } from './stage/stageUi';
import { describeViolation } from './stage/violations';
import { zxidToHex } from '../zk/viewApi';

export interface ZabLabHook {
  /** the CLI summary of the run as it stands at the current step */
  summary(): Summary;
  /** the current step and virtual time, the furthest step reached, whether playback runs, messages in flight */
  position(): { step: number; t: number; horizon: number; playing: boolean; inflight: number };
  /** resolves when the runtime has started and, from the next animation frame on (an input handled
   *  once per frame is queued by then), no asynchronous job (worker steps, actions) is queued */
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
  /** goes to a step (as the scrubber does) and resolves when the runtime is idle there */
  seek(step: number): Promise<void>;
  /** the stage: its main view, who the header says leads, the violations found so far */
  stage(): {
    mode: 'ring' | 'log';
    pauseAtViolation: boolean;
    leader: { sid: number | null; established: boolean; others: number[] };
    violations: { invariant: string; sids: number[]; zxids: string[]; bug: string | null; t: number }[];
  };
  /** the log view's rows at the current step (zxids as hex) */
  logRows(): {
    sid: number;
    cells: { zxid: string; kind: string; committed: boolean; applied: boolean }[];
    ghosts: string[];
    cut: { kind: string; zxid: string | null } | null;
    sync: { mode: string; zxid: string; peerLastZxid: string; active: boolean } | null;
  }[];
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
      return summarize(useSim.getState().sim);
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
      // an input handled once per animation frame (the scrubber's seek) is queued by the next one
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 100);
        requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
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
      return traceHashOf(useSim.getState().sim.trace);
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
    async seek(step) {
      useSim.getState().seek(step);
      await runtimeReady;
      await useSim.getState().idle();
    },
    stage() {
      const s = useSim.getState();
      const ui = useStageUi.getState();
      const l = leaderStatus(s.view);
      return {
        mode: ui.mode,
        pauseAtViolation: ui.pauseAtViolation,
        leader: { sid: l.sid, established: l.established, others: l.others },
        violations: logHistory(s.sim.trace).violations.map((v) => {
          const d = describeViolation(v, s.scenario.config.zkVersion);
          return { invariant: d.invariant, sids: d.sids, zxids: d.zxids.map(zxidToHex), bug: d.bug, t: d.t };
        }),
      };
    },
    logRows() {
      const s = useSim.getState();
      return logRows(s.view, logHistory(s.sim.trace)).map((r) => ({
        sid: r.sid,
        cells: r.cells.map((c) => ({
          zxid: zxidToHex(c.zxid),
          kind: c.kind,
          committed: c.committed,
          applied: c.applied,
        })),
        ghosts: r.ghosts.map(zxidToHex),
        cut: r.cut ? { kind: r.cut.kind, zxid: r.cut.zxid === null ? null : zxidToHex(r.cut.zxid) } : null,
        sync: r.sync
          ? {
              mode: r.sync.mode,
              zxid: zxidToHex(r.sync.zxid),
              peerLastZxid: zxidToHex(r.sync.peerLastZxid),
              active: r.sync.active,
            }
          : null,
      }));
    },
  };
  Object.defineProperty(window, '__zablab', {
    value: Object.freeze(hook),
    writable: false,
    configurable: true,
  });
}
