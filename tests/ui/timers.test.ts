import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { Simulation } from '../../src/sim/Simulation';
import type { SimView } from '../../src/zk/view';
import { cardTimers, expiryBuckets, remaining } from '../../src/ui/stage/timers';

const firstBoot = presetById('first-boot')!.file;
const cfg = {
  tickTime: firstBoot.config.tickTime,
  initLimit: firstBoot.config.initLimit,
  syncLimit: firstBoot.config.syncLimit,
};

/** Every view of a run, step by step, with the trace of each step. */
function views(): { view: SimView; trace: ReturnType<Simulation['trace']['slice']> }[] {
  const sim = new Simulation(firstBoot, []);
  const out = [];
  for (;;) {
    const from = sim.trace.length;
    if (!sim.step()) break;
    out.push({ view: sim.view(), trace: sim.trace.slice(from) });
  }
  return out;
}

describe('timers on the cards', () => {
  const run = views();

  it('shows finalizeWait counting down to the moment the election decides', () => {
    const i = run.findIndex((r) => r.view.servers.some((s) => s.voteBox.finalizeUntil !== null));
    expect(i).toBeGreaterThanOrEqual(0);
    const s = run[i].view.servers.find((x) => x.voteBox.finalizeUntil !== null)!;
    const tm = cardTimers(s, cfg).find((x) => x.kind === 'finalizeWait')!;
    expect(tm.end).toBe(s.voteBox.finalizeUntil);
    expect(tm.end - tm.start).toBe(200);
    // it may be re-armed by a notification that is not better; in the last picture before the
    // decision, it counts down to the very moment of the decision
    const d = run.findIndex((r) => r.trace.some((e) => e.ev === 'election' && e.sid === s.sid));
    const before = run[d - 1].view.servers.find((x) => x.sid === s.sid)!;
    const last = cardTimers(before, cfg).find((x) => x.kind === 'finalizeWait')!;
    expect(run[d].view.t).toBe(last.end);
  });

  it('shows the notification back-off of a LOOKING server with its notTimeout', () => {
    const r = run.find((x) =>
      x.view.servers.some(
        (s) => s.state === 'LOOKING' && s.voteBox.finalizeUntil === null && s.timers.length,
      ),
    );
    const s = r!.view.servers.find(
      (x) => x.state === 'LOOKING' && x.voteBox.finalizeUntil === null && x.timers.length,
    )!;
    const tm = cardTimers(s, cfg)[0];
    expect(tm.kind).toBe('backoff');
    expect(tm.end - tm.start).toBe(s.voteBox.notTimeout);
  });

  it("shows a synced follower's read timeout as syncLimit × tickTime and the leader's quorum check every tickTime", () => {
    const last = run[run.length - 1].view;
    const follower = last.servers.find((s) => s.state === 'FOLLOWING')!;
    const read = cardTimers(follower, cfg).find((x) => x.kind === 'readTimeout')!;
    expect(read.params).toMatchObject({ limit: 'syncLimit', ticks: cfg.syncLimit });
    expect(read.end - read.start).toBe(cfg.syncLimit * cfg.tickTime);
    expect(read.end).toBeGreaterThan(last.t);
    const leader = last.servers.find((s) => s.state === 'LEADING')!;
    const q = cardTimers(leader, cfg).find((x) => x.kind === 'quorumCheck')!;
    expect(q.end - q.start).toBe(cfg.tickTime);
    expect(q.end).toBeGreaterThan(last.t);
    expect(remaining(q, q.start)).toBe(1);
    expect(remaining(q, q.end)).toBe(0);
  });

  it('puts every session of the leader in an expiry bucket, soonest first', () => {
    const last = run[run.length - 1].view;
    const leader = last.servers.find((s) => s.state === 'LEADING')!;
    const buckets = expiryBuckets(leader);
    expect(buckets.flatMap((b) => b.sessions).sort()).toEqual(leader.sessions.map((s) => s.id).sort());
    expect(buckets.length).toBeGreaterThan(0);
    for (const b of buckets) expect(b.at % cfg.tickTime).toBe(0);
    const next = cardTimers(leader, cfg).find((x) => x.kind === 'sessionExpiry');
    expect(next?.end).toBe(buckets[0].at);
  });

  it('shows nothing on a server that is down', () => {
    const first = run[0].view;
    for (const s of first.servers.filter((x) => !x.up)) expect(cardTimers(s, cfg)).toEqual([]);
  });
});
