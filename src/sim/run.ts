/**
 * The one code path from scenario text to summary and trace, shared by the CLI, the tests and
 * the browser (so "the same scenario gives the same trace" is checked on the same function).
 */
import { parseScenario } from './Scenario';
import type { Scenario } from './Scenario';
import { Simulation } from './Simulation';
import { summarize } from './Summary';
import type { Summary } from './Summary';
import type { RecordedAction } from './SimulationApi';
import type { TraceEvent } from '../zk/trace';
import { fnv1a } from './fnv';

export type RunResult =
  | {
      ok: true;
      scenario: Scenario;
      summary: Summary;
      trace: readonly TraceEvent[];
      traceJsonl: string;
      sim: Simulation;
    }
  | { ok: false; errors: string[] };

export function traceToJsonl(trace: readonly TraceEvent[]): string {
  let out = '';
  for (const e of trace) out += JSON.stringify(e) + '\n';
  return out;
}

export function runScenario(scenario: Scenario, recorded: readonly RecordedAction[] = []): RunResult {
  const sim = new Simulation(scenario, recorded);
  sim.runToEnd();
  return {
    ok: true,
    scenario,
    summary: summarize(sim),
    trace: sim.trace,
    // built only when asked for: a long run's trace as one string can exceed what a string holds
    get traceJsonl() {
      return traceToJsonl(sim.trace);
    },
    sim,
  };
}

export type BoundedRun = { ok: true; sim: Simulation } | { ok: false; steps: number };

/**
 * Runs `scenario` to its end, but never past `maxSteps` events (then `{ ok: false }`). `onEvents`
 * gets the trace as it grows, in pieces (the CLI streams it to its file).
 */
export function runBounded(
  scenario: Scenario,
  maxSteps: number,
  onEvents?: (events: readonly TraceEvent[]) => void,
): BoundedRun {
  const sim = new Simulation(scenario);
  let sent = 0;
  const flush = (): void => {
    if (onEvents && sim.trace.length > sent) onEvents(sim.trace.slice(sent));
    sent = sim.trace.length;
  };
  while (sim.step()) {
    if (sim.stepCount > maxSteps) return { ok: false, steps: sim.stepCount };
    if (sim.trace.length - sent >= 8192) flush();
  }
  sim.runToEnd();
  flush();
  return { ok: true, sim };
}

export function runScenarioText(text: string): RunResult {
  const parsed = parseScenario(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return runScenario(parsed.scenario);
}

/** FNV-1a over the trace's JSON lines: a cheap fingerprint to compare runs across hosts. */
export function traceHash(jsonl: string): string {
  return fnv1a(jsonl);
}
