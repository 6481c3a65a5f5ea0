/**
 * What a purge deletes shows in the log view: after the leader's autopurge in the autopurge-snap
 * preset, the txns of log.100000001 are 'purged' cells on its row (still applied: the snapshots
 * kept hold them), while the twin without a purge shows them durable; the Storage panel's
 * lastPurge finds the event.
 */
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import { Simulation } from '../../src/sim/Simulation';
import type { TraceEvent } from '../../src/zk/trace';
import { logHistory } from '../../src/ui/stage/logHistory';
import { logRows } from '../../src/ui/stage/logRows';
import { lastPurge } from '../../src/ui/panels/PurgeNote';

const z = (c: number) => 0x1_0000_0000 + c;

function runTo(id: string, pred: (e: TraceEvent) => boolean): Simulation {
  const s = new Simulation(presetById(id)!.file);
  for (let i = 0; ;) {
    for (; i < s.trace.length; i++) if (pred(s.trace[i])) return s;
    if (!s.step()) throw new Error('the run ended before the event');
  }
}

describe('purged entries in the log view', () => {
  it("autopurge-snap: S3's row shows 0x100000001..4 as purged (applied), the rest durable", () => {
    const s = runTo('autopurge-snap', (e) => e.ev === 'restore' && e.sid === 3 && e.t >= 3300);
    const row = logRows(s.view(), logHistory(s.trace)).find((r) => r.sid === 3)!;
    const kind = (c: number) => row.cells.find((x) => x.zxid === z(c));
    for (const c of [1, 2, 3, 4]) expect(kind(c)).toMatchObject({ kind: 'purged', applied: true });
    expect(kind(5)?.kind).toBe('durable');
    expect(lastPurge(s.trace, 3)).toMatchObject({
      by: 'autopurge',
      removed: ['log.100000001', 'snapshot.0', 'snapshot.100000003'],
    });
    expect(lastPurge(s.trace, 2)).toMatchObject({ removed: [] });
  });

  it('autopurge-off-diff: the same entries are durable on S3, and no purge is found', () => {
    const s = runTo('autopurge-off-diff', (e) => e.ev === 'restore' && e.sid === 3 && e.t >= 3300);
    const row = logRows(s.view(), logHistory(s.trace)).find((r) => r.sid === 3)!;
    expect(row.cells.find((x) => x.zxid === z(1))?.kind).toBe('durable');
    expect(lastPurge(s.trace, 3)).toBeNull();
  });
});
