/**
 * InvariantChecker at scale: 200,000 synthetic events of a healthy 5-server ensemble (writes,
 * follower restarts with DIFF, leader crashes and re-elections, snapshots) leave it clean. Its
 * throughput is a figure of `npm run bench` (events/s with the checker after every event), not a
 * wall-clock bound here.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/zk/trace';
import { InvariantChecker } from '../../src/sim/InvariantChecker';
import { makeZxid, zxidToHex } from '../../src/zk/Zxid';

/** Generates at least `n` events of a correct run. */
function syntheticRun(n: number): TraceEvent[] {
  const evs: TraceEvent[] = [];
  const sids = [1, 2, 3, 4, 5];
  let t = 0;
  const push = (ev: TraceEvent): void => {
    evs.push(ev);
    t++;
  };
  const lastLogged = new Map<number, number>(sids.map((s) => [s, 0]));
  for (const sid of sids) {
    push({ t, ev: 'start', sid });
    push({ t, ev: 'restore', sid, zxid: '0x0', source: 'boot' });
    push({ t, ev: 'state', sid, state: 'LOOKING', zabState: 'ELECTION' });
  }
  let epoch = 0;
  let leader = 5;
  let last = 0;
  let down: number | null = null;
  while (evs.length < n) {
    // election: `leader` leads a new epoch with everyone up (all logs equal `last`)
    epoch++;
    const up = sids.filter((s) => s !== down);
    push({ t, ev: 'state', sid: leader, state: 'LEADING', zabState: 'DISCOVERY' });
    push({ t, ev: 'snapshot', sid: leader, zxid: zxidToHex(last) });
    push({ t, ev: 'established', sid: leader, epoch });
    push({ t, ev: 'epoch', sid: leader, acceptedEpoch: epoch, currentEpoch: epoch });
    push({ t, ev: 'state', sid: leader, state: 'LEADING', zabState: 'BROADCAST' });
    for (const f of up) {
      if (f === leader) continue;
      push({ t, ev: 'state', sid: f, state: 'FOLLOWING', zabState: 'BROADCAST' });
      push({ t, ev: 'epoch', sid: f, acceptedEpoch: epoch, currentEpoch: epoch });
    }
    for (let i = 1; i <= 1500; i++) {
      const zx = makeZxid(epoch, i);
      const hex = zxidToHex(zx);
      const op = `set /k${i % 17} v${i}`;
      push({ t, ev: 'propose', sid: leader, zxid: hex, op });
      for (const s of up) {
        push({ t, ev: 'log', sid: s, zxid: hex });
        lastLogged.set(s, zx);
      }
      push({ t, ev: 'commit', sid: leader, zxid: hex });
      for (const s of up) push({ t, ev: 'apply', sid: s, zxid: hex, op });
      push({ t, ev: 'reply', client: `c${i % 7}`, server: leader, zxid: hex, ok: true, output: '' });
      last = zx;
      if (i === 500) {
        // a follower crashes for a while
        down = up.find((s) => s !== leader) ?? null;
        if (down !== null) {
          push({ t, ev: 'crash', sid: down });
          up.splice(up.indexOf(down), 1);
        }
      }
      if (i === 1000 && down !== null) {
        // it comes back and is DIFF-synced: logs + applies what it missed
        const s = down;
        push({ t, ev: 'restart', sid: s });
        const from = lastLogged.get(s) ?? 0;
        push({ t, ev: 'restore', sid: s, zxid: zxidToHex(from), source: 'boot' });
        for (let j = from + 1; j <= zx; j++) {
          const h = zxidToHex(j);
          push({ t, ev: 'log', sid: s, zxid: h });
          push({
            t,
            ev: 'apply',
            sid: s,
            zxid: h,
            op: `set /k${(j - makeZxid(epoch, 0)) % 17} v${j - makeZxid(epoch, 0)}`,
          });
        }
        lastLogged.set(s, zx);
        push({ t, ev: 'state', sid: s, state: 'FOLLOWING', zabState: 'BROADCAST' });
        up.push(s);
        down = null;
      }
    }
    // the leader crashes, restarts, and the next sid leads
    push({ t, ev: 'crash', sid: leader });
    for (const s of sids)
      if (s !== leader) push({ t, ev: 'state', sid: s, state: 'LOOKING', zabState: 'ELECTION' });
    push({ t, ev: 'restart', sid: leader });
    push({ t, ev: 'restore', sid: leader, zxid: zxidToHex(last), source: 'boot' });
    push({ t, ev: 'state', sid: leader, state: 'LOOKING', zabState: 'ELECTION' });
    leader = (leader % 5) + 1;
  }
  return evs;
}

describe('InvariantChecker — at scale', () => {
  it('checks 200,000 events and finds nothing in a correct run', () => {
    const evs = syntheticRun(200_000);
    expect(evs.length).toBeGreaterThanOrEqual(200_000);
    const checker = new InvariantChecker({ voters: [1, 2, 3, 4, 5], observers: [] });
    for (const ev of evs) checker.observe(ev);
    expect(checker.violations).toEqual([]);
  });
});
