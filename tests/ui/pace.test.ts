import { afterEach, describe, expect, it, vi } from 'vitest';
import { presetById, presets } from '../../src/presets';
import { indexRun, resolveChaptersIn } from '../../src/presets/cues';
import type { Scenario } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import type { SimView } from '../../src/zk/view';
import { beatOf, dwellMs, runDurationMs, type Beat } from '../../src/ui/pace';
import { usePaceSettings } from '../../src/ui/paceSettings';
import { DEFAULT_SPEED, useSim } from '../../src/ui/store';
import type { TraceEvent } from '../../src/zk/trace';

/** Every step of a run with its events, the types of the messages it delivered, and its view. */
function stepsOf(scenario: Scenario, withViews = false) {
  const sim = new Simulation(scenario, []);
  const types = new Map<number, string>();
  const out: { events: TraceEvent[]; delivered: { type: string }[]; view?: SimView }[] = [];
  for (;;) {
    const from = sim.trace.length;
    if (!sim.step()) break;
    const events = sim.trace.slice(from);
    for (const e of events) if (e.ev === 'send') types.set(e.id, e.type);
    const delivered = events.flatMap((e) => (e.ev === 'recv' ? [{ type: types.get(e.id) ?? '?' }] : []));
    out.push({ events, delivered, ...(withViews ? { view: sim.view() } : {}) });
  }
  return out;
}

const beatsOf = (scenario: Scenario): Beat[] => stepsOf(scenario).map((s) => beatOf(s.events, s.delivered));

describe('beatOf', () => {
  it('calls a decision, a sync decision, a commit and a violation decisive', () => {
    const t = 0;
    expect(beatOf([{ t, ev: 'commit', sid: 1, zxid: '0x100000001' }], [])).toBe('decisive');
    expect(
      beatOf(
        [
          {
            t,
            ev: 'election',
            sid: 1,
            state: 'LEADING',
            leader: 1,
            electionEpoch: 1,
            zxid: '0x0',
            peerEpoch: 0,
          },
        ],
        [],
      ),
    ).toBe('decisive');
    expect(
      beatOf(
        [
          {
            t,
            ev: 'sync',
            leader: 1,
            learner: 2,
            mode: 'DIFF',
            zxid: '0x0',
            peerLastZxid: '0x0',
            reason: 'same',
          },
        ],
        [],
      ),
    ).toBe('decisive');
    expect(beatOf([{ t, ev: 'violation', invariant: 'Durability', detail: 'lost' }], [])).toBe('decisive');
  });

  it('calls PINGs alone a heartbeat, and a PING next to anything else not', () => {
    const ping = (id: number): TraceEvent => ({ t: 0, ev: 'send', id, from: 1, to: 2, type: 'PING' });
    expect(beatOf([{ t: 0, ev: 'recv', id: 1 }, ping(2)], [{ type: 'PING' }])).toBe('heartbeat');
    expect(beatOf([ping(2), ping(3)], [])).toBe('heartbeat');
    expect(beatOf([{ t: 0, ev: 'recv', id: 1 }, ping(2)], [{ type: 'PROPOSAL' }])).toBe('normal');
    expect(beatOf([ping(2), { t: 0, ev: 'log', sid: 1, zxid: '0x1' }], [])).toBe('normal');
  });

  it('calls a vote broadcast after a notification decisive, a single answer or a timed re-send not', () => {
    const n = (id: number, to: number): TraceEvent => ({
      t: 0,
      ev: 'send',
      id,
      from: 1,
      to,
      type: 'NOTIFICATION',
    });
    const recv: TraceEvent = { t: 0, ev: 'recv', id: 9 };
    expect(beatOf([recv, n(1, 2), n(2, 3)], [{ type: 'NOTIFICATION' }])).toBe('decisive');
    expect(beatOf([recv, n(1, 2)], [{ type: 'NOTIFICATION' }])).toBe('normal');
    // the poll timeout fired: the same vote again, to everyone
    expect(beatOf([n(1, 2), n(2, 3)], [])).toBe('normal');
  });

  it('finds every vote change of the five-server first boot', () => {
    const steps = stepsOf(presetById('first-boot')!.file, true);
    let changes = 0;
    for (let i = 1; i < steps.length; i++) {
      const before = steps[i - 1].view!;
      const after = steps[i].view!;
      const changed = after.servers.some((sv) => {
        const was = before.servers.find((x) => x.sid === sv.sid)!;
        const a = was.voteBox.proposal;
        const b = sv.voteBox.proposal;
        return was.state === 'LOOKING' && sv.state === 'LOOKING' && a && b && a.leader !== b.leader;
      });
      if (changed) {
        changes++;
        expect(beatOf(steps[i].events, steps[i].delivered), `step ${i + 1}`).toBe('decisive');
      }
    }
    expect(changes).toBeGreaterThan(0);
  });
});

describe('narrated pace', () => {
  it('keeps every preset on screen for at least 20 s at the default speed', () => {
    for (const p of presets) {
      const ms = runDurationMs(beatsOf(p.file), DEFAULT_SPEED, 'narrated');
      expect(ms, p.id).toBeGreaterThanOrEqual(20_000);
    }
  });

  it('is what the old even pace was not: first boot took under 6 s evenly', () => {
    const beats = beatsOf(presetById('first-boot')!.file);
    // 5 s before the election connections (QuorumCnxManager's CONNECT / CLOSE steps) were modelled
    expect(runDurationMs(beats, DEFAULT_SPEED, 'even')).toBeLessThan(6_000);
    const narrated = runDurationMs(beats, DEFAULT_SPEED, 'narrated');
    expect(narrated).toBeGreaterThanOrEqual(20_000);
    // and not tediously long: a lecture-friendly minute at most
    expect(narrated).toBeLessThan(60_000);
  });

  it('lingers on decisive steps and hurries through heartbeats; the speed slider scales both', () => {
    expect(dwellMs('decisive', 20, 'narrated')).toBeGreaterThanOrEqual(1000);
    expect(dwellMs('heartbeat', 20, 'narrated')).toBeLessThan(dwellMs('normal', 20, 'narrated'));
    expect(dwellMs('decisive', 200, 'narrated')).toBeCloseTo(dwellMs('decisive', 20, 'narrated') / 10);
    expect(dwellMs('decisive', 20, 'even')).toBe(50);
  });
});

describe('the playback loop at the narrated pace', () => {
  afterEach(() => {
    useSim.getState().pause();
    vi.unstubAllGlobals();
  });

  it('plays first boot for ≥ 20 s of wall time and pauses at each chapter', () => {
    // a manual clock: each animation frame is 16 ms later
    let now = 0;
    let queued: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      queued = cb;
      return 1;
    });
    vi.stubGlobal('cancelAnimationFrame', () => {
      queued = null;
    });
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    usePaceSettings.getState().setPace('narrated');
    const preset = presetById('first-boot')!;
    const chapters = resolveChaptersIn(indexRun(preset.file), preset.chapters ?? [])
      .map((c) => c.step)
      .filter((s) => s > 0);
    expect(chapters.length).toBeGreaterThanOrEqual(3);
    const s = useSim.getState();
    s.load(preset.file);
    s.setSpeed(DEFAULT_SPEED);
    s.setStops(chapters);
    const pausedAt: number[] = [];
    let frames = 0;
    for (;;) {
      useSim.getState().play();
      while (useSim.getState().playing && frames < 100_000) {
        const cb = queued as FrameRequestCallback | null;
        queued = null;
        now += 16;
        frames++;
        cb?.(now);
      }
      if (useSim.getState().finished) break;
      pausedAt.push(useSim.getState().view.step);
    }
    expect(pausedAt).toEqual(chapters);
    expect(now).toBeGreaterThanOrEqual(20_000);
    vi.restoreAllMocks();
  });
});
