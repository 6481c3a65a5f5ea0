import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/sim/Scenario';
import type { Scenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import { StepRecords } from '../../src/sim/StepRecords';
import { randomScenario } from '../../src/sim/RandomScenario';
import type { TraceEvent } from '../../src/zk/trace';

function scenarioOf(input: unknown): Scenario {
  const r = validateScenario(input);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

/**
 * Drives a live run the way the store does (actions at step 0 and later, between steps) and notes
 * independently, from the outside, where each step's lines end: the old way to learn it.
 */
function liveRun(seed: number, steps: number) {
  const sc = scenarioOf({
    format: 1,
    seed,
    ensemble: { voters: 3, observers: 1 },
    actions: [],
    until: 3_600_000,
  });
  const sim = new Simulation(sc, []);
  sim.act({ start: [1, 2, 3, 4] });
  const ends: number[] = [];
  for (let i = 0; i < steps; i++) {
    if (i === 60) sim.act({ client: { id: 'c1', server: 1, cmd: 'create /a x' } });
    if (i === 90) sim.act({ crash: [2] });
    if (i === 91) sim.act({ drop: { from: 1, to: 3 } });
    if (i === 140) sim.act({ restart: [2] });
    ends[sim.stepCount] = sim.trace.length;
    if (!sim.step()) break;
  }
  ends[sim.stepCount] = sim.trace.length;
  return { sim, ends };
}

describe('StepRecords: the Simulation records what each step produced', () => {
  it('gives every trace line its step, the lines of actions belonging to the step they were done at', () => {
    const { sim, ends } = liveRun(3, 200);
    const r = sim.records;
    expect(r.steps).toBe(sim.stepCount);
    for (let n = 0; n <= sim.stepCount; n++) {
      expect(r.lineEnd(n), `step ${n}`).toBe(ends[n]);
      expect(r.lineStart(n)).toBe(n === 0 ? 0 : ends[n - 1]);
    }
    const firstStepWith = (i: number) => ends.findIndex((len) => len > i);
    for (let i = 0; i < sim.trace.length; i++) expect(r.stepOfLine(i), `line ${i}`).toBe(firstStepWith(i));
    // the client command typed at step 60 belongs to step 60
    expect(r.stepOfLine(sim.trace.findIndex((e) => e.ev === 'client'))).toBe(60);
    expect(r.stepOfLine(sim.trace.findIndex((e) => e.ev === 'crash'))).toBe(90);
  });

  it('records what each step delivered and dropped, and the send of every message id', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const sc = scenarioOf(
        randomScenario(seed, {
          voters: seed % 2 ? 3 : 5,
          observers: seed % 3 === 0 ? 1 : 0,
          chaosMs: 20_000,
          settleMs: 10_000,
        }),
      );
      const sim = new Simulation(sc, [], { check: false });
      sim.runToEnd();
      const r = sim.records;
      const sends = new Map<number, TraceEvent>();
      for (const e of sim.trace) if (e.ev === 'send') sends.set(e.id, e);
      for (const [id, e] of sends) expect(JSON.stringify(r.sent(id))).toBe(JSON.stringify(e));
      expect(r.sent(0)).toBeUndefined();
      expect(r.sent(sends.size + 1)).toBeUndefined();
      let drops = 0;
      for (let n = 0; n <= r.steps; n++) {
        const lines = sim.trace.slice(r.lineStart(n), r.lineEnd(n));
        expect(r.delivered(n)).toEqual(lines.flatMap((e) => (e.ev === 'recv' ? [e.id] : [])));
        const dropped = lines.flatMap((e) => (e.ev === 'drop' ? [{ id: e.id, reason: e.reason }] : []));
        expect(r.dropped(n)).toEqual(dropped);
        drops += dropped.length;
        if (n > 0)
          expect(r.timeOf(n)).toBe(
            lines.length ? Math.max(r.timeOf(n - 1), lines[lines.length - 1].t) : r.timeOf(n),
          );
      }
      expect(drops, `seed ${seed} drops something`).toBeGreaterThan(0);
      expect(r.lineEnd(r.steps)).toBe(sim.trace.length);
    }
  });

  it('finds the first step at a moment of virtual time', () => {
    const { sim } = liveRun(5, 300);
    const r = sim.records;
    for (const t of [0, 1, 50, 200, 1000, r.timeOf(r.steps)]) {
      let want: number | null = null;
      for (let n = 0; n <= r.steps; n++)
        if (r.timeOf(n) >= t) {
          want = n;
          break;
        }
      expect(r.firstStepAt(t), `t ${t}`).toBe(want);
    }
    expect(r.firstStepAt(r.timeOf(r.steps) + 1)).toBeNull();
  });

  it('keeps times that are not whole numbers (or past 2^32) exactly', () => {
    const r = new StepRecords();
    r.observe({ t: 5, ev: 'send', id: 1, from: 1, to: 2, type: 'PING' });
    r.observe({ t: 7.25, ev: 'send', id: 2, from: 2, to: 1, type: 'PING', zxid: '0x100000002' });
    r.observe({ t: 2 ** 33, ev: 'send', id: 3, from: 3, to: 1, type: 'ACK' });
    expect(r.sent(1)).toEqual({ t: 5, ev: 'send', id: 1, from: 1, to: 2, type: 'PING' });
    expect(JSON.stringify(r.sent(2))).toBe(
      JSON.stringify({ t: 7.25, ev: 'send', id: 2, from: 2, to: 1, type: 'PING', zxid: '0x100000002' }),
    );
    expect(r.sent(3)?.t).toBe(2 ** 33);
    r.stepped(r.mark(), 1.5);
    expect(r.timeOf(1)).toBe(1.5);
  });
});
