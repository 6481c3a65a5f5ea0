/**
 * Comparing a trace file with a run that is behind it — at step 0, nothing to compare yet — plays a
 * copy of the run on and compares (it used to say "same run so far" for any file at step 0).
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { compareTraceFile, MAX_CONTINUE_EVENTS } from '../../src/share/files';
import { runScenario } from '../../src/sim/run';
import { Simulation } from '../../src/sim/Simulation';

describe('compareTraceFile with the run behind the file', () => {
  const scenario = presetById('leader-crash')!.file;
  const full = runScenario(scenario);
  const other = runScenario({ ...scenario, seed: scenario.seed + 1 });
  if (!full.ok || !other.ok) throw new Error('the preset runs');
  const history = { scenario, recorded: [] };
  const atStep0 = new Simulation(scenario).trace;

  it('at step 0, the run’s own trace is checked event by event to its end', () => {
    const lines = full.traceJsonl.trimEnd().split('\n').length;
    expect(compareTraceFile(full.traceJsonl, atStep0, history)).toEqual({
      ok: true,
      kind: 'file-longer',
      events: atStep0.length,
      more: lines - atStep0.length,
      checked: lines - atStep0.length,
    });
  });

  it('at step 0, another run is found different, at its first differing line', () => {
    const r = compareTraceFile(other.traceJsonl, atStep0, history);
    expect(r).toMatchObject({ ok: true, kind: 'differs' });
  });

  it('a changed event far past the run on screen is found', () => {
    const lines = full.traceJsonl.trimEnd().split('\n');
    const k = lines.length - 5;
    const e = JSON.parse(lines[k]) as Record<string, unknown>;
    lines[k] = JSON.stringify({ ...e, t: Number(e.t) + 1 });
    const sim = new Simulation(scenario);
    sim.runToStep(20);
    expect(compareTraceFile(lines.join('\n'), sim.trace, history)).toMatchObject({
      ok: true,
      kind: 'differs',
      line: k + 1,
    });
  });

  it('plays on at most MAX_CONTINUE_EVENTS past the run', () => {
    expect(MAX_CONTINUE_EVENTS).toBeGreaterThan(full.trace.length);
  });
});
