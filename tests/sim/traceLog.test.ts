import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import { randomScenario } from '../../src/sim/RandomScenario';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import { registerTraceReader, TRACE_CHUNK, traceHashOf, traceLogOf } from '../../src/sim/TraceLog';
import { replayTraceLines, replayTraceLinesNow } from '../../src/sim/traceReplay';
import { Random } from '../../src/zk/Random';
import type { TraceEvent } from '../../src/zk/trace';

function scenarioOf(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

const long = () =>
  scenarioOf({
    format: 1,
    seed: 7,
    ensemble: { voters: 5, observers: 1 },
    actions: [
      { at: 0, start: [1, 2, 3, 4, 5, 6] },
      { at: 3000, client: { id: 'c1', server: 2, cmd: 'create /a 1' } },
      { at: 20_000, crash: [1, 2] },
      { at: 40_000, restart: [1, 2] },
    ],
    until: 3_600_000,
  });

describe('TraceLog: a bounded trace whose length and hash stay exact', () => {
  it('holds about `keep` lines after a long run, while length, hash and records match the full trace', () => {
    const sc = long();
    const full = new Simulation(sc);
    const bounded = new Simulation(sc, [], { trace: { keep: 5000 } });
    for (let i = 0; i < 40_000; i++) {
      full.step();
      bounded.step();
    }
    const log = bounded.traceLog!;
    expect(full.trace.length).toBeGreaterThan(60_000);
    expect(bounded.trace.length).toBe(full.trace.length);
    expect(log.length - log.first).toBeLessThan(5000 + 2 * TRACE_CHUNK);
    expect(log.first).toBeGreaterThan(0);
    expect(traceHashOf(bounded.trace)).toBe(traceHash(traceToJsonl(full.trace)));
    expect(traceHashOf(full.trace)).toBe(traceHash(traceToJsonl(full.trace)));
    // recent lines: by index, by slice, the same objects' JSON
    const from = bounded.trace.length - 3000;
    expect(JSON.stringify(bounded.trace.slice(from))).toBe(JSON.stringify(full.trace.slice(from)));
    expect(JSON.stringify(bounded.trace[from + 5])).toBe(JSON.stringify(full.trace[from + 5]));
    // a dropped line is an error that says so, not a silent undefined
    expect(() => bounded.trace[0]).toThrow(/no longer held/);
    expect(() => bounded.trace.slice(0, 10)).toThrow(/no longer held/);
    expect(() => bounded.trace.find((e) => e.ev === 'heal')).toThrow(/no longer held/);
    expect(bounded.trace[bounded.trace.length]).toBeUndefined();
    expect(() => (bounded.trace as TraceEvent[]).push(full.trace[0])).toThrow(TypeError);
    // the step records are kept whole
    expect(bounded.records.steps).toBe(full.records.steps);
    expect(bounded.records.stepOfLine(10)).toBe(full.records.stepOfLine(10));
    expect(bounded.records.sent(3)).toEqual(full.records.sent(3));
    // the hash goes on exactly as the run goes on
    for (let i = 0; i < 5000; i++) {
      full.step();
      bounded.step();
    }
    expect(traceHashOf(bounded.trace)).toBe(traceHash(traceToJsonl(full.trace)));
  });

  it('runs the registered readers over every line before it is dropped', () => {
    const seen = new WeakMap<object, { n: number; kinds: Map<string, number> }>();
    const reader = (trace: readonly TraceEvent[]) => {
      let s = seen.get(trace);
      if (!s) seen.set(trace, (s = { n: 0, kinds: new Map() }));
      for (; s.n < trace.length; s.n++) s.kinds.set(trace[s.n].ev, (s.kinds.get(trace[s.n].ev) ?? 0) + 1);
    };
    registerTraceReader(reader);
    const sc = long();
    const full = new Simulation(sc);
    const bounded = new Simulation(sc, [], { trace: { keep: 1000 } });
    for (let i = 0; i < 20_000; i++) {
      full.step();
      bounded.step();
    }
    reader(bounded.trace);
    const want = new Map<string, number>();
    for (const e of full.trace) want.set(e.ev, (want.get(e.ev) ?? 0) + 1);
    expect(seen.get(bounded.trace)!.kinds).toEqual(want);
    expect(traceLogOf(bounded.trace)!.first).toBeGreaterThan(0);
  });
});

describe('replayTraceLines: old lines recomputed exactly', () => {
  it('equals the original bytes for hundreds of random seeds and ranges', () => {
    const rnd = new Random(2026, 5);
    for (let seed = 1; seed <= 200; seed++) {
      const sc = scenarioOf(
        randomScenario(seed, {
          voters: seed % 2 ? 3 : 5,
          observers: seed % 3 === 0 ? 1 : 0,
          chaosMs: 6000,
          settleMs: 3000,
        }),
      );
      const full = new Simulation(sc);
      full.runToEnd();
      const n = full.trace.length;
      const a = rnd.int(0, n - 1);
      const b = Math.min(n, a + rnd.int(1, 400));
      const got = replayTraceLinesNow(sc, [], a, b);
      expect(traceToJsonl(got), `seed ${seed} [${a}, ${b})`).toBe(traceToJsonl(full.trace.slice(a, b)));
    }
  });

  it('replays with the user actions, in slices a caller can pause between', () => {
    const sc = long();
    const live = new Simulation(sc, [], { trace: { keep: 2000 } });
    for (let i = 0; i < 30_000; i++) {
      if (i === 12_000)
        live.act({
          partition: [
            [1, 2],
            [3, 4, 5, 6],
          ],
        });
      if (i === 15_000) live.act({ heal: true });
      live.step();
    }
    const first = live.traceLog!.first;
    const ref = new Simulation(sc, live.recorded);
    ref.runToStep(live.stepCount);
    const g = replayTraceLines(sc, live.recorded, first - 3000, first + 100, 500);
    let slices = 0;
    let r = g.next();
    for (; !r.done; r = g.next()) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(traceToJsonl(r.value)).toBe(traceToJsonl(ref.trace.slice(first - 3000, first + 100)));
    // the held part agrees with the replay too
    expect(traceToJsonl(live.trace.slice(first, first + 100))).toBe(traceToJsonl(r.value.slice(3000)));
    expect(() => replayTraceLinesNow(sc, [], 5, 2).length).toThrow(RangeError);
  });
});
