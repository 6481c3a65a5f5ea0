import { describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import { traceToJsonl } from '../../src/sim/run';
import { replayTraceLinesNow } from '../../src/sim/traceReplay';
import { logHistory } from '../../src/ui/stage/logHistory';
import { diskState } from '../../src/ui/storageTruth';
import { lastAtOrBefore, lowerBoundT, StateIndex } from '../../src/ui/panels/timeline';
import { compareTraceFile, exportTrace, traceFileLines } from '../../src/share/files';

const scenario = () =>
  makeScenario({
    format: 1,
    seed: 4,
    ensemble: { voters: 5, observers: 0 },
    actions: [
      { at: 0, start: [1, 2, 3, 4, 5] },
      { at: 3000, client: { id: 'c1', server: 1, cmd: 'create /a 1' } },
      { at: 4000, client: { id: 'c1', cmd: 'set /a 2' } },
      { at: 6000, crash: [3] },
      { at: 9000, wipe: { sid: 3 } },
      { at: 12_000, restart: [3] },
    ],
    until: 3_600_000,
  });

/** the same run twice: every line in memory, and a bounded trace of ~1,000 lines */
function runs(steps: number) {
  const sc = scenario();
  const full = new Simulation(sc);
  const bounded = new Simulation(sc, [], { trace: { keep: 1000 } });
  for (let i = 0; i < steps; i++) {
    full.step();
    bounded.step();
  }
  return { sc, full, bounded, first: bounded.traceLog!.first };
}

describe('the UI over a bounded trace', () => {
  it('derives the same log-view history and storage truth as from the whole trace', () => {
    const { full, bounded, first } = runs(20_000);
    expect(first).toBeGreaterThan(10_000);
    expect(logHistory(bounded.trace)).toEqual(logHistory(full.trace));
    for (const sid of [1, 2, 3, 4, 5])
      expect(diskState(bounded.trace, sid)).toEqual(diskState(full.trace, sid));
  });

  it('finds times among the lines held, and keeps the state changes it can read', () => {
    const { full, bounded, first } = runs(20_000);
    const t = full.trace[full.trace.length - 500].t;
    expect(lowerBoundT(bounded.trace, t)).toBe(lowerBoundT(full.trace, t));
    expect(lastAtOrBefore(bounded.trace, t)).toBe(lastAtOrBefore(full.trace, t));
    // a time older than memory holds: the first line held, never a dropped one
    expect(lowerBoundT(bounded.trace, 0)).toBe(first);
    const want = new StateIndex().sync(full.trace.slice(first)).length;
    expect(new StateIndex().sync(bounded.trace).length).toBe(want);
  });

  it('exports and compares a trace file with the old lines replayed', () => {
    const { sc, full, bounded, first } = runs(8000);
    const text = exportTrace(full.trace);
    const older = replayTraceLinesNow(sc, [], 0, Math.min(first, traceFileLines(text)));
    expect(traceToJsonl([...older, ...bounded.trace.slice(first)])).toBe(text);
    expect(compareTraceFile(text, bounded.trace, undefined, older)).toEqual({
      ok: true,
      kind: 'same',
      events: full.trace.length,
    });
    // a file that parts from the run in the old lines is found there
    const lines = text.split('\n');
    lines[5] = lines[5].replace(/"t":\d+/, '"t":999999');
    const r = compareTraceFile(lines.join('\n'), bounded.trace, undefined, older);
    expect(r).toMatchObject({ ok: true, kind: 'differs', line: 6 });
  });
});
