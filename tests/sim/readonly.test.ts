/**
 * Read-only mode through the CLI (scenarios/readonly/partition-read-only.json, the same story as
 * the readonly-partition preset) and the invariant checker's explicit acceptance of what a
 * read-only server serves (zookeeperAdmin, readonlymode.enabled: ROM clients "can still read
 * values from the ZK service, but will be unable to write values and see changes from other
 * clients").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetById } from '../../src/presets';
import type { Summary } from '../../src/sim/Summary';
import type { TraceEvent } from '../../src/zk/trace';
import { TraceBuilder, names, z } from '../checker/traceBuilder';
import { zxidToHex } from '../../src/zk/Zxid';
import { Simulation } from '../../src/sim/Simulation';
import { traceToJsonl } from '../../src/sim/run';
import { restoreCheckpoint, takeCheckpoint } from '../../src/engine/checkpoint';

const FILE = 'scenarios/readonly/partition-read-only.json';

describe('npm run sim on the read-only partition story', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zablab-ro-'));
  const tracePath = join(dir, 't.jsonl');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', FILE, '--trace', tracePath], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = JSON.parse(r.stdout) as Summary;
  const trace = readFileSync(tracePath, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TraceEvent);
  const cmd = (id: string, nth = 0) => summary.clients.filter((c) => c.id === id)[nth];

  it('runs clean: exit 0, no violation, S2 leads, every server back in the quorum', () => {
    expect(r.status).toBe(0);
    expect(summary.violations).toEqual([]);
    expect(summary.leader).toBe(2);
    expect(summary.servers.map((s) => s.state)).toEqual(['FOLLOWING', 'LEADING', 'FOLLOWING']);
  });

  it('traces the read-only server and the client search as lines of their own', () => {
    const lines = trace.filter((e) => e.ev === 'readonly' && e.action !== 'refuse');
    expect(lines).toEqual([
      { t: 8216, ev: 'readonly', sid: 3, action: 'start' },
      { t: 18821, ev: 'readonly', sid: 3, action: 'shutdown' },
    ]);
    const refuse = trace.find((e) => e.ev === 'readonly' && e.action === 'refuse');
    expect(refuse).toEqual({
      t: 12002,
      ev: 'readonly',
      sid: 3,
      action: 'refuse',
      client: 'r2',
      reason: 'Refusing session request for not-read-only client /127.0.0.1',
    });
    const pings = trace.filter((e) => e.ev === 'pingRw');
    expect(pings[0]).toEqual({ t: 10104, ev: 'pingRw', client: 'r1', server: 3, answer: 'ro', next: 200 });
    expect(pings.length).toBeGreaterThanOrEqual(5);
  });

  it('the read-only client reads (stale by design), its write is refused, and it comes back read-write', () => {
    expect(cmd('r1', 0)).toMatchObject({ server: 3, ok: true, output: 'v1' });
    expect(cmd('c1', 1)).toMatchObject({ server: 1, ok: true, zxid: '0x200000001' });
    // after v2 was committed on the other side: S3 still serves v1
    expect(cmd('r1', 1).at).toBeGreaterThan(cmd('c1', 1).at!);
    expect(cmd('r1', 1)).toMatchObject({ server: 3, ok: true, output: 'v1' });
    expect(cmd('r1', 2)).toMatchObject({ ok: false, output: 'Not a read-only call: /config' });
    expect(cmd('r1', 2).zxid).toBeUndefined();
    expect(cmd('r1', 3)).toMatchObject({ server: 3, ok: true, output: 'v2' });
    const r1 = summary.events.filter((e) => e.id === 'r1').map((e) => e.state);
    expect(r1).toEqual(['ConnectedReadOnly', 'Disconnected', 'SyncConnected']);
    // r2 (no -r) waited until S3 was read-write again
    expect(cmd('r2', 0)).toMatchObject({ server: 3, ok: true, output: '[config, zookeeper]' });
    expect(cmd('r2', 0).at).toBeGreaterThan(18821);
  });

  it('is the readonly-partition preset, which the app shows', () => {
    const p = presetById('readonly-partition');
    expect(p?.topic).toBe('clients');
    const file = JSON.parse(readFileSync(FILE, 'utf8')) as { actions: unknown[]; config: unknown };
    expect(p?.file.actions).toEqual(file.actions);
    expect(p?.file.config.readonlyModeEnabled).toBe(true);
  });
});

describe('InvariantChecker and read-only servers', () => {
  /**
   * S3 leads epoch 1 with 3 committed writes, logs 0x100000004 that never commits, and is cut off:
   * LOOKING, it starts read-only and a refused write's reply carries 0x100000004 (a read-only
   * server's replies carry its last zxid). S1 and S2 then establish epoch 2 without it.
   */
  function story(readOnly: boolean): TraceBuilder {
    const b = new TraceBuilder().boot(1, 2, 3).elect(3, [1, 2], 1, 0);
    for (let i = 1; i <= 3; i++) b.write(3, [1, 2], [1, 2], z(1, i), `create /n${i}`);
    b.propose(3, z(1, 4), 'create /lost').log(3, z(1, 4));
    b.state(3, 'LOOKING', 'ELECTION');
    if (readOnly) b.events.push({ t: 100, ev: 'readonly', sid: 3, action: 'start' });
    b.events.push({
      t: 101,
      ev: 'reply',
      client: 'r1',
      server: 3,
      ok: false,
      output: 'x',
      zxid: zxidToHex(z(1, 4)),
    });
    for (const s of [1, 2]) b.state(s, 'LOOKING', 'ELECTION');
    b.state(2, 'LEADING', 'DISCOVERY').established(2, 2);
    return b;
  }

  it("a read-only server's reply acknowledges no txn (else the new leader would lack a 'committed' one)", () => {
    expect(names(story(true).run().found)).toEqual([]);
    // the same reply from a server that is not read-only is an acknowledgement: Durability
    expect(names(story(false).run().found)).toEqual(['Durability']);
  });
});

describe('checkpoints of a read-only run', () => {
  it('a copy taken while S3 is read-only (local sessions, probes in flight) steps on byte for byte', () => {
    const p = presetById('readonly-partition')!;
    const sim = new Simulation(p.file);
    // into the read-only stretch: after r1's first probe
    while (!sim.trace.some((e) => e.ev === 'pingRw') && sim.step());
    let cp = takeCheckpoint(sim);
    for (let i = 0; i < 400 && cp === null && sim.step(); i++) cp = takeCheckpoint(sim);
    if (cp === null) throw new Error('no checkpoint');
    expect(sim.view().servers.find((s) => s.sid === 3)?.readOnly).toBe(true);
    const copy = restoreCheckpoint(cp, []);
    sim.runToEnd();
    copy.runToEnd();
    expect(traceToJsonl(copy.trace)).toBe(traceToJsonl(sim.trace));
    expect(copy.client('r1')!.results.at(-1)).toMatchObject({ output: 'v2' });
  });
});
