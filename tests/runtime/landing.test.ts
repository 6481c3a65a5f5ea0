/**
 * A `flushed` is heard before its batch's IndexedDB write commits (the write overlaps the run), but
 * what the commit guards still waits for it: a follower's ACK reaches the leader, and the leader's
 * COMMIT reaches a follower, only once the sender's txns are on disk (SyncRequestProcessor.flush
 * hands requests on to SendAckRequestProcessor / the commit path only after the fsync).
 *
 * A slow disk: every readwrite transaction's `complete` reaches its listeners COMMIT_MS late (the
 * process learns of a commit that much later, and counts it durable no earlier). Every server
 * runs in a worker shim that keeps its own record of which zxids its process has committed, from
 * what the process itself says: a batch it answers `flushed` for and does not name in `unlanded`
 * was written, one it names is written when it posts `landed`. When a process receives an ACK or
 * a COMMIT for zxid z, the sender must have committed z.
 *
 * Then servers die in that window: right after such an answer (their commit still on its way), and
 * after a disk that stopped committing (the batch never reaches it, so the page must write it
 * from the run's mirror — red without that rewrite: the restarted server boots from a disk that
 * lacks what the run said it had logged).
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeScenario } from '../../src/sim/Scenario';
import type { Scenario, ScenarioInput } from '../../src/sim/Scenario';
import { Simulation } from '../../src/sim/Simulation';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import { WorkerPeerHost } from '../../src/runtime/WorkerPeerHost';
import { IdbDurableStore } from '../../src/runtime/IdbDurableStore';
import { createPeerProcess } from '../../src/runtime/PeerProcess';
import type { PeerProcess } from '../../src/runtime/PeerProcess';
import type { FromWorker, ToWorker } from '../../src/runtime/protocol';
import type { Sid } from '../../src/zk/Zxid';
import { unflushedTail } from '../../src/runtime/unflushedTail';

const COMMIT_MS = 15;

const addListener = IDBTransaction.prototype.addEventListener;
beforeAll(() => {
  IDBTransaction.prototype.addEventListener = function (
    this: IDBTransaction,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    if (type === 'complete' && this.mode === 'readwrite' && typeof listener === 'function') {
      const late: EventListener = (ev) => void setTimeout(() => listener(ev), COMMIT_MS);
      addListener.call(this, type, late, options);
      return;
    }
    if (listener) addListener.call(this, type, listener, options);
  };
});
afterAll(() => {
  IDBTransaction.prototype.addEventListener = addListener;
});

/**
 * zxids each server's processes handed over in group-commit batches (`batched`), and which of those
 * they have committed to their database (`done`), as the processes tell it
 */
interface Committed {
  batched: Map<Sid, Set<number>>;
  done: Map<Sid, Set<number>>;
}

function setOf(m: Map<Sid, Set<number>>, sid: Sid): Set<number> {
  let set = m.get(sid);
  if (!set) m.set(sid, (set = new Set()));
  return set;
}

class SlowDiskWorker {
  onmessage: ((ev: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((ev: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  private dead = false;
  /** this process's batches by token: their zxids */
  private readonly batches = new Map<number, number[]>();
  /** the `handle` requests not answered yet, by call */
  private readonly asked = new Map<number, ToWorker & { t: 'handle' }>();
  private readonly process: PeerProcess;

  constructor(
    private readonly sid: Sid,
    private readonly committed: Committed,
    private readonly early: string[],
    /** told when the process answers with batches it heard `flushed` for before they committed */
    private readonly onUnlanded: (sid: Sid) => void = () => undefined,
  ) {
    this.process = createPeerProcess((m) => {
      const copy = structuredClone(m);
      setTimeout(() => {
        if (this.dead) return;
        this.fromProcess(copy);
        this.onmessage?.({ data: copy } as MessageEvent<FromWorker>);
      }, 0);
    });
  }

  private commit(token: number): void {
    const set = setOf(this.committed.done, this.sid);
    for (const z of this.batches.get(token) ?? []) set.add(z);
  }

  private fromProcess(m: FromWorker): void {
    if (m.t === 'landed') this.commit(m.token);
    if (m.t !== 'effects') return;
    if (m.unlanded.length) this.onUnlanded(this.sid);
    const req = this.asked.get(m.call);
    this.asked.delete(m.call);
    m.effects.forEach((effects, i) => {
      const input = req?.inputs[i];
      if (input?.kind === 'flushed' && !m.unlanded.includes(input.token)) this.commit(input.token);
      for (const fx of effects)
        if (fx.kind === 'storageFlush') {
          const zxids = fx.ops.flatMap((o) => (o.op === 'append' ? [o.txn.hdr.zxid] : []));
          this.batches.set(fx.token, zxids);
          for (const z of zxids) setOf(this.committed.batched, this.sid).add(z);
        }
    });
  }

  /**
   * what the page delivers: an ACK or COMMIT for a txn its sender logged in a group-commit batch
   * (not NEWLEADER's ack, not txns written by a blocking write during sync) and has not committed
   * yet is early
   */
  private toProcess(m: ToWorker): void {
    if (m.t !== 'handle') return;
    this.asked.set(m.call, m);
    for (const input of m.inputs) {
      if (input.kind !== 'message' || input.msg.channel !== 'quorum') continue;
      const p = input.msg.p;
      if (p.type !== 'ACK' && p.type !== 'COMMIT') continue;
      if (
        this.committed.batched.get(input.from)?.has(p.zxid) &&
        !this.committed.done.get(input.from)?.has(p.zxid)
      )
        this.early.push(
          `S${this.sid} got ${p.type} 0x${p.zxid.toString(16)} from S${input.from} before it was on its disk`,
        );
    }
  }

  postMessage(m: ToWorker): void {
    const copy = structuredClone(m);
    setTimeout(() => {
      if (this.dead) return;
      this.toProcess(copy);
      this.process.receive(copy);
    }, 0);
  }

  terminate(): void {
    this.dead = true;
    this.process.stop();
  }
}

function writes(voters: number, n: number, until = 12_000): Scenario {
  const actions: ScenarioInput['actions'] = [
    { at: 0, start: Array.from({ length: voters }, (_, i) => i + 1) },
  ];
  for (let i = 0; i < n; i++)
    actions.push({
      at: 3000 + i * 7,
      client: { id: `c${i % 4}`, server: (i % voters) + 1, cmd: `create /k${i} v` },
    });
  return makeScenario({ format: 1, seed: 11, ensemble: { voters }, actions, until });
}

/** the database whose group-commit writes hang (never commit, never start), if any */
let hang: string | null = null;
const apply = IdbDurableStore.prototype.apply;
beforeAll(() => {
  IdbDurableStore.prototype.apply = function (this: IdbDurableStore, ops, tag) {
    if (hang !== null && this.name === hang && tag?.phase === 'flush')
      return new Promise<void>(() => undefined);
    return apply.call(this, ops, tag);
  };
});
afterAll(() => {
  IdbDurableStore.prototype.apply = apply;
});

/**
 * A write load on 5 voters whose servers are killed as `onUnlanded` decides (told when a process
 * answers with batches it heard `flushed` for before they committed); killed servers restart. At
 * the end: no runtime error, no violation, every acknowledged create on every server in sync, and
 * every database the run's mirror of it (a running server: plus its unflushed tail).
 */
async function killedRun(
  ensembleId: string,
  onUnlanded: (who: Sid, sim: Simulation, host: WorkerPeerHost) => void,
): Promise<{ stats: WorkerPeerHost['stats'] }> {
  const s = writes(5, 80, 30_000);
  const committed: Committed = { batched: new Map(), done: new Map() };
  const host: WorkerPeerHost = new WorkerPeerHost({
    ensembleId,
    createWorker: (sid) =>
      new SlowDiskWorker(sid, committed, [], (who) => onUnlanded(who, sim, host)) as unknown as Worker,
    viewIntervalMs: 1e9,
  });
  host.replayLocally();
  const sim = new Simulation(s, [], { host });
  await host.goLive(sim);
  for (;;) {
    const killed = host.takeKilled();
    if (killed.length) sim.act({ crash: killed });
    const down = sim
      .view()
      .servers.filter((v) => v.state === 'DOWN')
      .map((v) => v.sid);
    if (down.length && sim.now > 2000) sim.act({ restart: down });
    if ((await sim.stepsAsync(32)) < 32) break;
  }
  await host.storageSettled();
  await host.refreshViews();
  const stats = structuredClone(host.stats);
  const view = sim.view();
  const images = await Promise.all(sim.sids.map((sid) => host.readImage(sid)));
  await host.close();
  for (const sid of sim.sids) await IdbDurableStore.delete(host.dbName(sid));

  expect(stats.errors).toEqual([]);
  expect(sim.violations).toEqual([]);
  const acked = sim
    .commandResults()
    .filter((r) => r.ok && r.output.startsWith('Created '))
    .map((r) => r.output.slice('Created '.length));
  expect(acked.length).toBeGreaterThan(40);
  const synced = view.servers.filter((v) => v.zabState === 'BROADCAST');
  expect(synced.length).toBeGreaterThanOrEqual(3);
  for (const v of synced) {
    const paths = new Set(v.tree.map((n) => n.path));
    expect(
      acked.filter((p) => !paths.has(p)),
      `S${v.sid}`,
    ).toEqual([]);
  }
  sim.sids.forEach((sid, i) => {
    const tail = unflushedTail(images[i], sim.store(sid)!.image());
    expect(tail, `S${sid}`).not.toBeNull();
  });
  return { stats };
}

describe('a flush heard before its write commits', () => {
  it('delivers ACKs and COMMITs only after the sender committed their txns, with the CLI’s trace', async () => {
    const s = writes(5, 40);
    const committed: Committed = { batched: new Map(), done: new Map() };
    const early: string[] = [];
    const host = new WorkerPeerHost({
      ensembleId: 'landing-1',
      createWorker: (sid) => new SlowDiskWorker(sid, committed, early) as unknown as Worker,
      viewIntervalMs: 1e9,
    });
    host.replayLocally();
    const sim = new Simulation(s, [], { host });
    await host.goLive(sim);
    while ((await sim.stepsAsync(64)) === 64);
    await host.storageSettled();
    const stats = structuredClone(host.stats);
    await host.close();
    for (const sid of sim.sids) await IdbDurableStore.delete(host.dbName(sid));

    const cli = new Simulation(s);
    cli.runToEnd();
    expect(traceHash(traceToJsonl(sim.trace))).toBe(traceHash(traceToJsonl(cli.trace)));
    expect(sim.commandResults().filter((r) => r.at !== null)).toHaveLength(40);
    expect(early).toEqual([]);
    // the check looked at what it is about: every write's txn was logged in batches and acked
    expect([...committed.batched.values()].every((z) => z.size >= 40)).toBe(true);
    // the case the test is about happened: flushes heard before their commit, deliveries held
    expect(stats.flushedAhead).toBeGreaterThan(20);
    expect(stats.held).toBeGreaterThan(20);
    expect(stats.errors).toEqual([]);
  }, 120_000);

  it('a server killed before such a batch lands: the page makes it durable, then what waited goes; nothing acknowledged is lost', async () => {
    let kills = 0;
    let lastKillStep = -1000;
    const r = await killedRun('landing-2', (who, sim, host) => {
      // a real moment right after the answer: the batch's commit is still 15 ms away
      if (kills >= 6 || sim.stepCount - lastKillStep < 150) return;
      lastKillStep = sim.stepCount;
      setTimeout(() => {
        if (host.hardKill(who)) kills++;
      }, 0);
    });
    expect(kills).toBeGreaterThanOrEqual(3);
    expect(r.stats.diedBeforeLanding).toBeGreaterThan(0);
  }, 120_000);

  it('a disk that stops committing, then the server dies: the page writes what it had heard flushed from the mirror', async () => {
    // from one moment on, the victim's group-commit writes never commit (nor start); a moment
    // after it has heard `flushed` for such a batch, its worker is terminated
    let phase: 'idle' | 'armed' | 'killing' | 'done' = 'idle';
    let victim = 0;
    const r = await killedRun('landing-3', (who, sim, host) => {
      if (phase === 'idle' && sim.now > 4000) {
        phase = 'armed';
        victim = who;
        hang = host.dbName(who);
      } else if (phase === 'armed' && who === victim) {
        phase = 'killing';
        setTimeout(() => {
          host.hardKill(victim);
          hang = null;
          phase = 'done';
        }, 5);
      }
    });
    expect(phase).toBe('done');
    expect(r.stats.diedBeforeLanding).toBeGreaterThan(0);
    expect(r.stats.flushesRestored).toBeGreaterThan(0);
  }, 120_000);
});
