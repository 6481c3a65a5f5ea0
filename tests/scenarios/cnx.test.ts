/**
 * Election connections through the CLI (scenarios/cnx/lower-sid-dial-back.json): S3 runs alone,
 * S1 starts and dials it — the connection of the lower sid is dropped and S3 dials back
 * (QuorumCnxManager.startConnection / handleConnection); S3's crash closes its connections; on
 * its restart S3 dials again and the peers' SendWorkers re-send lastMessageSent. The trace carries
 * `cnx` events, the summary `cnx` counts and each server's `electionPeers`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Ev {
  t: number;
  ev: string;
  [k: string]: unknown;
}

describe('election connections through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zablab-cnx-'));
  const tracePath = join(dir, 'cnx.jsonl');
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/sim.ts', 'scenarios/cnx/lower-sid-dial-back.json', '--trace', tracePath],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );

  it('runs, and the lower sid’s dial is dropped before the higher sid dials back', () => {
    expect(r.status, r.stderr).toBe(0);
    const trace = readFileSync(tracePath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Ev);
    const cnx = trace.filter((e) => e.ev === 'cnx');
    // S1 boots at 100 and dials S3: it has the smaller id, so it closes that connection itself
    const lower = cnx.find((e) => e.sid === 1 && e.peer === 3 && e.action === 'down');
    expect(lower).toMatchObject({ t: 100, initiator: 1, reason: 'lowerSid' });
    // S3 reads S1's InitialMessage one hop later, closes it and dials S1 back
    const back = cnx.find((e) => e.sid === 3 && e.peer === 1 && e.reason === 'dialBack');
    expect(back).toMatchObject({ t: 102, conn: lower!.conn });
    const dial = cnx.find((e) => e.sid === 3 && e.peer === 1 && e.action === 'dial' && e.t === 102);
    expect(dial).toBeDefined();
    // S1 keeps the connection S3 opened; S1's queued vote goes out on it at once
    const up1 = cnx.find((e) => e.sid === 1 && e.peer === 3 && e.action === 'up');
    expect(up1).toMatchObject({ t: 104, initiator: 3, conn: dial!.conn });
    const i = trace.indexOf(up1!);
    expect(trace[i + 1]).toMatchObject({ ev: 'send', from: 1, to: 3, type: 'NOTIFICATION' });
    // every connection that stays up was dialled by the higher sid of its pair
    for (const e of cnx.filter((x) => x.action === 'up'))
      expect(e.initiator).toBe(Math.max(e.sid as number, e.peer as number));
  });

  it('a crash closes the connections; after the restart the peers re-send lastMessageSent', () => {
    const trace = readFileSync(tracePath, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Ev);
    const closed = trace.filter(
      (e) => e.ev === 'cnx' && e.peer === 3 && e.reason === 'closedByPeer' && e.t >= 3000 && e.t < 4000,
    );
    expect(closed.map((e) => e.sid).sort()).toEqual([1, 2]);
    // the OS closes the dead process's sockets: one hop later
    expect(closed.map((e) => e.t)).toEqual([3002, 3002]);
    // S3 restarts at 4000 and dials both (it is the higher sid): S1 and S2 accept, and with nothing
    // queued for S3 their SendWorkers first re-send the last notification they wrote to it
    for (const sid of [1, 2]) {
      const up = trace.find(
        (e) => e.ev === 'cnx' && e.sid === sid && e.peer === 3 && e.action === 'up' && e.t > 4000,
      );
      expect(up).toMatchObject({ initiator: 3 });
      const next = trace[trace.indexOf(up!) + 1];
      expect(next).toMatchObject({ ev: 'send', from: sid, to: 3, type: 'NOTIFICATION' });
    }
  });

  it('the summary counts the connection events and lists each server’s election peers', () => {
    const summary = JSON.parse(r.stdout);
    expect(summary.leader).toBe(2);
    expect(summary.cnx.down.lowerSid).toBeGreaterThanOrEqual(3);
    expect(summary.cnx.down.dialBack).toBeGreaterThanOrEqual(3);
    expect(summary.cnx.down.closedByPeer).toBeGreaterThanOrEqual(2);
    expect(summary.servers.map((s: { electionPeers?: number[] }) => s.electionPeers)).toEqual([
      [2, 3],
      [1, 3],
      [1, 2],
    ]);
    expect(summary.violations).toEqual([]);
  });
});
