/**
 * The log view's derivation (src/ui/stage/logRows.ts, logHistory.ts), the violation banner's facts
 * (violations.ts) and the leader readout (derive.ts), on the real preset runs.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { Simulation } from '../../src/sim/Simulation';
import type { TraceEvent } from '../../src/zk/trace';
import { zxidToHex } from '../../src/zk/Zxid';
import { learnerSync, leaderStatus, logEnd } from '../../src/ui/stage/derive';
import { logHistory } from '../../src/ui/stage/logHistory';
import { boundaryOf, epochGroups, logColumns, logRows } from '../../src/ui/stage/logRows';
import { describeViolation, isJiraId } from '../../src/ui/stage/violations';

const z = (e: number, c: number) => e * 0x1_0000_0000 + c;

function sim(id: string): Simulation {
  const p = presetById(id);
  if (!p) throw new Error(`no preset ${id}`);
  return new Simulation(p.file);
}

/** Steps until an event matching `pred` has been produced (the step that produced it). */
function stepUntil(s: Simulation, pred: (e: TraceEvent) => boolean): void {
  const seen = s.trace.length;
  for (let i = seen; ;) {
    for (; i < s.trace.length; i++) if (pred(s.trace[i])) return;
    if (!s.step()) throw new Error('the run ended before the event');
  }
}

function rowsNow(s: Simulation) {
  const view = s.view();
  const h = logHistory(s.trace);
  return { view, h, columns: logColumns(view, h), rows: logRows(view, h) };
}

describe('log view rows', () => {
  it('TRUNC preset: the old leader’s unreplicated entry is cut at the TRUNC zxid, not the committed ones', () => {
    const s = sim('old-leader-trunc');
    stepUntil(s, (e) => e.ev === 'truncate' && e.sid === 3);
    const { rows, columns } = rowsNow(s);
    const s3 = rows.find((r) => r.sid === 3)!;
    expect(s3.cut?.kind).toBe('TRUNC');
    expect(s3.cut?.zxid).toBe(z(1, 4));
    expect(s3.ghosts).toEqual([z(1, 5)]);
    expect(s3.cells.map((c) => c.zxid)).toEqual([z(1, 1), z(1, 2), z(1, 3), z(1, 4)]);
    expect(s3.cells.every((c) => c.kind === 'durable' && c.committed)).toBe(true);
    // the cut entry was never committed: no other row holds it, its column stays for the ghost
    expect(columns).toContain(z(1, 5));
    for (const r of rows.filter((x) => x.sid !== 3))
      expect(r.cells.some((c) => c.zxid === z(1, 5))).toBe(false);
    // the leader shows its committedLog window, the learner its sync
    const leader = rows.find((r) => r.state === 'LEADING')!;
    expect(leader.committedLog).toMatchObject({ min: z(1, 1), max: z(1, 4) });
    expect(s3.sync).toMatchObject({
      mode: 'TRUNC',
      zxid: z(1, 4),
      peerLastZxid: z(1, 5),
      active: true,
      // what it cut was never committed: the TRUNC is right
      cutsCommitted: [],
    });
  });

  it('TRUNC preset: the learner’s card and panel read the sync from its leader while it lasts', () => {
    const s = sim('old-leader-trunc');
    stepUntil(s, (e) => e.ev === 'sync' && e.learner === 3 && e.mode === 'TRUNC');
    const v = s.view();
    const l = learnerSync(
      v,
      v.servers.find((x) => x.sid === 3)!,
    );
    expect(l).toMatchObject({ sync: { mode: 'TRUNC', zxid: z(1, 4), peerLastZxid: z(1, 5) }, max: z(1, 4) });
    stepUntil(s, (e) => e.ev === 'state' && e.sid === 3 && e.zabState === 'BROADCAST');
    const after = s.view();
    expect(
      learnerSync(
        after,
        after.servers.find((x) => x.sid === 3)!,
      ),
    ).toBeNull();
  });

  it('SNAP preset: the far-behind follower’s row is replaced by the snapshot', () => {
    const s = sim('far-behind-snap');
    stepUntil(s, (e) => e.ev === 'restore' && e.sid === 1 && e.source === 'SNAP');
    const { rows } = rowsNow(s);
    const s1 = rows.find((r) => r.sid === 1)!;
    expect(s1.cut?.kind).toBe('SNAP');
    expect(s1.cut?.zxid).toBe(z(2, 0));
    // every committed txn up to the snapshot is now in its DataTree by SNAP, including those it
    // never logged (1:3 … 1:8); its old log entries 1:1, 1:2 are superseded by it
    const snap = s1.cells.filter((c) => c.kind === 'snap').map((c) => c.zxid);
    for (let c = 1; c <= 8; c++) expect(snap).toContain(z(1, c));
    expect(s1.cells.some((c) => c.kind === 'durable')).toBe(false);
    expect(s1.cut?.zxids).toEqual([z(1, 1), z(1, 2)]);
  });

  it('ZOOKEEPER-4643 under 3.9.1: the synced txn held in memory is lost in the crash', () => {
    const s = sim('zk-4643-391');
    stepUntil(
      s,
      (e) =>
        e.ev === 'recv' &&
        s.trace.some(
          (x) =>
            x.ev === 'send' &&
            x.id === e.id &&
            x.type === 'PROPOSAL' &&
            x.to === 1 &&
            x.zxid === '0x100000003',
        ),
    );
    let { rows } = rowsNow(s);
    expect(rows.find((r) => r.sid === 1)!.cells.find((c) => c.zxid === z(1, 3))?.kind).toBe('memory');
    stepUntil(s, (e) => e.ev === 'crash' && e.sid === 1);
    ({ rows } = rowsNow(s));
    const s1 = rows.find((r) => r.sid === 1)!;
    expect(s1.cut).toMatchObject({ kind: 'crash', zxids: [z(1, 3)] });
    expect(s1.ghosts).toEqual([z(1, 3)]);
    expect(s1.cells.map((c) => c.zxid)).toEqual([z(1, 1), z(1, 2)]);
  });

  it('ZOOKEEPER-4643 under 3.9.1: the banner names Durability, the servers, the zxid and the bug', () => {
    const s = sim('zk-4643-391');
    stepUntil(s, (e) => e.ev === 'violation');
    const h = logHistory(s.trace);
    expect(h.violations).toHaveLength(1);
    // S3's row: the new leader S1 sends TRUNC to 1:2, which would cut the committed 1:3
    const s3 = logRows(s.view(), h).find((r) => r.sid === 3)!;
    expect(s3.sync).toMatchObject({ leader: 1, mode: 'TRUNC', zxid: z(1, 2), cutsCommitted: [z(1, 3)] });
    const v = describeViolation(h.violations[0], '3.9.1');
    expect(v.invariant).toBe('Durability');
    // S1 lacks it; the detail also names S3 (which committed it) when the checker gives no sids
    expect(v.sids).toContain(1);
    expect(v.zxids.map(zxidToHex)).toEqual(['0x100000003']);
    expect(v.bug).toBe('ZOOKEEPER-4643');
    // without the checker's extra fields: read off the detail, the bug from the version
    const { index, t, invariant, detail } = h.violations[0];
    const bare = { index, t, invariant, detail };
    expect(describeViolation(bare, '3.9.1')).toMatchObject({
      sids: [1, 3],
      zxids: [z(1, 3)],
      bug: 'ZOOKEEPER-4643',
    });
    expect(describeViolation(bare, '3.9.5')).toMatchObject({ bug: null, explained: false });
    // the checker's own fields win over what the detail text says
    const told = describeViolation(
      { ...h.violations[0], sids: [3], zxids: ['0x100000002'], cause: { bug: null, mechanism: 'x' } },
      '3.9.1',
    );
    expect(told).toMatchObject({ sids: [3], zxids: [z(1, 2)], bug: null, explained: true });
  });

  it('only Apache JIRA ids get a JIRA link', () => {
    expect(isJiraId('ZOOKEEPER-4643')).toBe(true);
    expect(isJiraId('FileTxnLog.truncate')).toBe(false);
  });

  it('ZOOKEEPER-4643 under 3.9.5: no violation', () => {
    const s = sim('zk-4643-395');
    while (s.step());
    expect(logHistory(s.trace).violations).toEqual([]);
  });

  it('a long log is derived for the visible window only', () => {
    const s = sim('far-behind-snap');
    while (s.step());
    const { view, h, columns } = rowsNow(s);
    const lo = columns[2];
    const hi = columns[4];
    for (const r of logRows(view, h, lo, hi))
      for (const c of r.cells) expect(c.zxid >= lo && c.zxid <= hi).toBe(true);
    expect(boundaryOf(columns, z(1, 0))).toBe(0);
    expect(boundaryOf(columns, columns[3])).toBe(4);
    expect(epochGroups([z(1, 1), z(1, 2), z(2, 1)])).toEqual([
      { epoch: 1, start: 0, count: 2 },
      { epoch: 2, start: 2, count: 1 },
    ]);
  });
});

describe('one meaning per number', () => {
  it('leader-crash: at every step, the header names the server a card calls LEADING', () => {
    const s = sim('leader-crash');
    let establishing = 0;
    do {
      const v = s.view();
      const st = leaderStatus(v);
      const leading = v.servers.filter((x) => x.up && x.state === 'LEADING').map((x) => x.sid);
      if (leading.length === 0) expect(st.sid).toBeNull();
      else expect([st.sid, ...st.others].sort()).toEqual(leading.sort());
      // the run's own notion (established, broadcasting) agrees whenever it names one
      if (v.leader !== null) expect(st).toMatchObject({ sid: v.leader, established: true });
      else if (st.sid !== null) establishing++;
    } while (s.step());
    // the old header said "no leader" at these steps while a card said LEADING
    expect(establishing).toBeGreaterThan(0);
  });

  it('the card’s log end is the txn log’s last entry, next to lastProcessedZxid', () => {
    const s = sim('leader-crash');
    while (s.step());
    const v = s.view();
    const leader = v.servers.find((x) => x.state === 'LEADING')!;
    const end = logEnd(leader);
    expect(end).not.toBeNull();
    const all = leader.storage.logs.flatMap((f) => f.zxids);
    expect(end).toBe(Math.max(...all));
  });
});
