/**
 * Dev/test entry (runtime-harness.html, built only for the e2e tests and the bench — vite.config.ts
 * adds it when ZABLAB_HARNESS=1; never part of the production bundle): drives the worker runtime without the UI, for Playwright's
 * page.evaluate and the browser benchmark. Exposes `window.zablab`. Models nothing in ZooKeeper;
 * it is the lab bench: run a scenario on workers + IndexedDB, crash workers at real moments under
 * a write load, measure throughput next to IndexedDB's own.
 */
import { parseScenario, makeScenario } from '../../src/sim/Scenario';
import type { Scenario, ScenarioInput } from '../../src/sim/Scenario';
import { summarize } from '../../src/sim/Summary';
import type { Summary } from '../../src/sim/Summary';
import { traceHash, traceToJsonl } from '../../src/sim/run';
import type { StorageView } from '../../src/zk/view';
import type { UserAction } from '../../src/sim/SimulationApi';
import type { TxnRecord } from '../../src/zk/txn';
import type { Sid } from '../../src/zk/Zxid';
import type { ClientCommandResult } from '../../src/sim/ClientCnxn';
import { createRuntime, EnsembleRun, resumeEnsemble } from '../../src/runtime/runtime';
import type { RuntimeKind } from '../../src/runtime/runtime';
import { deleteEnsemble, listEnsembles } from '../../src/runtime/ensembles';
import type { EnsembleInfo } from '../../src/runtime/ensembles';
import type { RuntimeError } from '../../src/runtime/errors';
import { fingerprint } from '../../src/runtime/fingerprint';
import { unflushedTail, withoutTail } from '../../src/runtime/unflushedTail';
import type { DurableImage } from '../../src/zk/persistence/FileTxnSnapLog';
import type { HostStats, WorkerPeerHost } from '../../src/runtime/WorkerPeerHost';
import type { FromWorker, ToWorker } from '../../src/runtime/protocol';
import { defaultWorker } from '../../src/runtime/defaultWorker';
import { writeLoadScenario } from '../uiLoad';
import { owedAfterFrame, owedAfterJob } from '../../src/engine/Player';

/** ZooKeeper's refusal to start on what it finds on disk (QuorumPeer.loadDataBase) */
const REFUSED = /^(Unable to load database on disk: )?The (current|accepted) epoch/;

export interface ServerCheck {
  sid: Sid;
  /** fingerprints of the page's mirror and of what IndexedDB holds */
  mirror: string;
  disk: string;
  /** the server's own report of its storage (its view), for comparing with the raw database */
  reported: StorageView;
  state: string;
  zabState: string;
}

export type HarnessRunResult =
  | {
      ok: true;
      kind: RuntimeKind;
      warning: RuntimeError | null;
      ensembleId: string;
      hash: string;
      summary: Summary;
      steps: number;
      wallMs: number;
      stats: HostStats | null;
      servers: ServerCheck[];
    }
  | { ok: false; errors: string[] };

export interface CrashTestOptions {
  seed?: number;
  voters?: number;
  clients?: number;
  /** crash/restart cycles to complete */
  cycles?: number;
  /**
   * Killing goes on past `cycles` until this many writes have been acknowledged (a run whose kills
   * kept the ensemble from committing would otherwise check little; the time limit still holds).
   */
  minAcked?: number;
  /** a kill comes after a random wall-clock delay in [minGapMs, maxGapMs] */
  minGapMs?: number;
  maxGapMs?: number;
  /** at most this many servers down at once (keeps a quorum, so writes go on) */
  maxDown?: number;
  /** a crashed server restarts after this many steps, at random in [lo, hi] */
  restartAfterSteps?: [number, number];
  /** wall-clock limit for the whole test */
  timeLimitMs?: number;
}

export interface CrashTestResult {
  cycles: number;
  steps: number;
  wallMs: number;
  virtualMs: number;
  acked: number;
  attempted: number;
  /** clients given a new session (zkCli `connect`) after theirs expired */
  reconnects: number;
  /** acknowledged writes missing from a server that finished syncing: "S3 /w-c1-17" */
  missing: string[];
  syncedServers: number[];
  /**
   * Servers that refuse to start from what they wrote (QuorumPeer.loadDataBase: "The current epoch,
   * N, is older than the last zxid"). With the `updatingEpoch` file (modelled, as in ZooKeeper) a
   * server killed between its NEWLEADER sync txns and currentEpoch starts again, so this should stay
   * empty; such a server would not be restarted again nor counted as synced.
   */
  refusedToStart: string[];
  /** servers that refused to start, were wiped (the operator's remedy) and restarted */
  wipedAfterRefusal: number;
  /** the runtime's reports of those refusals (storage-corrupt), not counted as errors */
  refusalReports: number;
  violations: { at: number; invariant: string; detail: string }[];
  stats: HostStats;
  /** servers whose IndexedDB differs from the page's mirror at the end */
  storageMismatches: number[];
  errors: string[];
  /** why processes stopped (trace `shutdown` reasons, first words), for diagnosis */
  shutdowns: Record<string, number>;
  crashes: number;
  /** the whole trace (JSONL) when the checker reported: the kills happen at real moments, so a
   *  failing run cannot be replayed from its seed and this is what is left to read */
  traceOnViolation: string | null;
}

/**
 * The fingerprint of a database as far as it is durable: a running server's log may end with at
 * most `unflushed` txns written ahead of their flush (PeerProcess), which are not. Anything else
 * that differs from the mirror still shows.
 */
function durablePrint(disk: DurableImage, mirror: DurableImage, unflushed: number): string {
  const k = unflushedTail(disk, mirror);
  return fingerprint(k !== null && k <= unflushed ? withoutTail(disk, k) : disk);
}

function rand(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo + 1));
}

async function checkServers(run: EnsembleRun): Promise<ServerCheck[]> {
  const wh = run.runtime.workerHost;
  // batches heard `flushed` before they committed are still being written a moment after the run
  await wh?.storageSettled();
  const view = await run.view();
  const out: ServerCheck[] = [];
  for (const s of view.servers) {
    const image = run.sim.store(s.sid)!.image();
    const mirror = fingerprint(image);
    const disk = wh ? durablePrint(await wh.readImage(s.sid), image, s.storage.unflushed.length) : mirror;
    out.push({ sid: s.sid, mirror, disk, reported: s.storage, state: s.state, zabState: s.zabState });
  }
  return out;
}

async function runScenario(
  text: string,
  opts: { ensembleId?: string; seekTo?: number; inMemory?: boolean } = {},
): Promise<HarnessRunResult> {
  const parsed = parseScenario(text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const rt = await createRuntime({ ensembleId: opts.ensembleId, inMemory: opts.inMemory });
  const t0 = performance.now();
  const run = await EnsembleRun.open(rt, parsed.scenario, {
    step: opts.seekTo ?? 0,
    save: false,
    wholeTrace: true,
  });
  await run.runToEnd();
  const wallMs = performance.now() - t0;
  const servers = await checkServers(run);
  const result: HarnessRunResult = {
    ok: true,
    kind: rt.kind,
    warning: rt.warning ?? null,
    ensembleId: rt.ensembleId,
    hash: traceHash(traceToJsonl(run.sim.trace)),
    summary: summarize(run.sim),
    steps: run.sim.stepCount,
    wallMs,
    stats: rt.workerHost ? structuredClone(rt.workerHost.stats) : null,
    servers,
  };
  await run.close();
  return result;
}

/** a client's `create` the ensemble acknowledged (zkCli prints "Created <path>") */
function isAcked(r: ClientCommandResult): boolean {
  return r.ok && r.output.startsWith('Created ');
}

function loadScenario(voters: number, seed: number): Scenario {
  return makeScenario({
    format: 1,
    title: 'crash test',
    seed,
    ensemble: { voters, observers: 0 },
    config: { latencyMs: [1, 3] },
    actions: [{ at: 0, start: Array.from({ length: voters }, (_, i) => i + 1) }],
    // as long as the scenario limits allow (100,000 ticks): the test stops long before
    until: 200_000_000,
  });
}

/**
 * A steady write load (each client always has one `create` outstanding) while workers are
 * terminated at random real moments and restarted a little later; then everything restarts, the
 * ensemble settles, and every acknowledged write is looked for on every synced server.
 */
async function crashTest(o: CrashTestOptions = {}): Promise<CrashTestResult> {
  const voters = o.voters ?? 5;
  const nClients = o.clients ?? 5;
  const target = o.cycles ?? 50;
  const minAcked = o.minAcked ?? 0;
  const [minGap, maxGap] = [o.minGapMs ?? 3, o.maxGapMs ?? 40];
  const maxDown = o.maxDown ?? Math.floor((voters - 1) / 2);
  const [rLo, rHi] = o.restartAfterSteps ?? [30, 400];
  const limit = o.timeLimitMs ?? 120_000;
  const errors: string[] = [];
  // a refused start (below) is reported by the runtime too: that report is the refusal, not an error
  const refusalReports: string[] = [];
  const rt = await createRuntime({
    onError: (e) =>
      (e.code === 'storage-corrupt' && REFUSED.test(e.detail) ? refusalReports : errors).push(
        `${e.code}: ${e.detail}`,
      ),
  });
  const wh = rt.workerHost;
  if (!wh) throw new Error(`no worker runtime: ${rt.warning?.detail ?? '?'}`);
  const run = await EnsembleRun.open(rt, loadScenario(voters, o.seed ?? 1), {
    save: false,
    wholeTrace: true,
  });
  const sim = run.sim;
  const clients = Array.from({ length: nClients }, (_, i) => `c${i + 1}`);
  const written = new Map<string, number>();
  const down = new Map<Sid, number>(); // sid → step at which to restart
  let cycles = 0;
  let killing = true;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const t0 = performance.now();

  const isDown = (sid: Sid): boolean => wh.role(sid) === null;
  let reconnects = 0;
  const ackedSoFar = (): number => sim.commandResults().filter(isAcked).length;
  const refused = new Map<Sid, string>();
  const wiped: string[] = [];
  const scheduleKill = (): void => {
    timer = setTimeout(
      () => {
        timer = null;
        if (!killing) return;
        const downNow = sim.sids.filter(isDown).length;
        if (downNow < maxDown) {
          const busy = wh.busySids();
          const live = wh.liveSids();
          const victim =
            busy.length && Math.random() < 0.6
              ? busy[rand(0, busy.length - 1)]
              : live[rand(0, live.length - 1)];
          if (victim !== undefined) wh.hardKill(victim);
        }
        scheduleKill();
      },
      rand(minGap, maxGap),
    );
  };
  scheduleKill();

  let traceSeen = 0;
  let settledSince: number | null = null;
  try {
    for (;;) {
      if (performance.now() - t0 > limit) {
        const roles = sim.sids.map(
          (x) => `S${x} ${wh.role(x)?.state ?? 'DOWN'}/${wh.role(x)?.zabState ?? '-'}`,
        );
        const waiting = clients.filter((id) => sim.client(id)?.results.some((r) => r.at === null));
        const v = sim.view();
        const tail = sim.trace
          .filter((e) => 'sid' in e && v.servers.some((x) => x.sid === e.sid && x.state === 'DOWN'))
          .slice(-8)
          .map((e) => JSON.stringify(e));
        errors.push(
          `time limit: ${cycles} cycles; ${roles.join(', ')}; clients waiting: ${waiting.join(',')}; ` +
            `sim: ${v.servers.map((x) => `S${x.sid} up=${x.up} ${x.state}`).join(', ')}; down map: ${JSON.stringify([...down])}; ` +
            `host: ${JSON.stringify(wh.debugProcs())}; trace: ${tail.join(' ')}`,
        );
        break;
      }
      // crashes seen in the trace schedule their restarts; a server that refuses to start (3.9.5:
      // killed between the synced txns' flush and currentEpoch, QuorumPeer.loadDataBase) gets the
      // operator's remedy: its dataDir is wiped, it restarts and rejoins by SNAP
      const wipe: Sid[] = [];
      for (; traceSeen < sim.trace.length; traceSeen++) {
        const e = sim.trace[traceSeen];
        if (e.ev === 'shutdown' && REFUSED.test(e.reason) && !refused.has(e.sid)) {
          refused.set(e.sid, e.reason);
          wipe.push(e.sid);
        } else if (e.ev === 'crash') down.set(e.sid, sim.stepCount + rand(rLo, rHi));
      }
      for (const sid of wipe) {
        await run.act({ wipe: { sid } });
        refused.delete(sid);
        wiped.push(`S${sid}`);
        down.set(sid, sim.stepCount + rand(rLo, rHi));
      }
      for (const [sid, at] of [...down]) {
        if (sim.stepCount >= at || !killing) {
          down.delete(sid);
          await run.act({ restart: [sid] });
          if (killing) cycles++;
        }
      }
      if (killing && cycles >= target && ackedSoFar() >= minAcked) {
        killing = false;
        if (timer) clearTimeout(timer);
      }
      // keep the load steady: an idle client issues its next create, on a live server
      const live = sim.sids.filter((s) => !isDown(s));
      for (const [i, id] of clients.entries()) {
        const c = sim.client(id);
        if (!killing || (c && c.results.some((r) => r.at === null))) continue;
        const n = (written.get(id) ?? 0) + 1;
        written.set(id, n);
        const server = live.length ? live[(i + n) % live.length] : (i % voters) + 1;
        // a session that expired (its server down longer than the timeout) fails every later
        // command at once, as a closed ZooKeeper handle does: the operator opens a new one
        const state = c?.view().state;
        if (state === 'EXPIRED' || state === 'CLOSED') {
          reconnects++;
          sim.act({ client: { id, server, cmd: `connect server${server}:2181` } });
        } else sim.act({ client: { id, server, cmd: `create /w-${id}-${n} v${n}` } });
      }
      const adv = await run.advance(rand(1, 40));
      if (adv.finished) break;
      if (!killing) {
        // done when every server is back in BROADCAST, no client waits, and 5 s of virtual time passed
        const allUp =
          down.size === 0 && sim.sids.every((s) => refused.has(s) || wh.role(s)?.zabState === 'BROADCAST');
        // a client whose server refuses to start waits for it forever (zkCli with one server)
        const idle =
          allUp &&
          clients.every((id) => {
            const c = sim.client(id);
            if (!c || !c.results.some((r) => r.at === null)) return true;
            const server = c.view().server;
            return server !== null && refused.has(server);
          });
        if (allUp && idle) {
          settledSince ??= sim.now;
          if (sim.now - settledSince > 5000) break;
        } else settledSince = null;
      }
    }
  } finally {
    killing = false;
    if (timer) clearTimeout(timer);
  }
  await wh.storageSettled();
  const view = await run.view();
  const acked: string[] = [];
  let attempted = 0;
  for (const r of sim.commandResults()) {
    attempted++;
    if (isAcked(r)) acked.push(r.output.slice('Created '.length));
  }
  const missing: string[] = [];
  const synced: number[] = [];
  for (const s of view.servers) {
    if (s.zabState !== 'BROADCAST') continue;
    synced.push(s.sid);
    const paths = new Set(s.tree.map((n) => n.path));
    for (const p of acked) if (!paths.has(p)) missing.push(`S${s.sid} ${p}`);
  }
  const storageMismatches: number[] = [];
  for (const sid of sim.sids) {
    const image = sim.store(sid)!.image();
    const unflushed = view.servers.find((s) => s.sid === sid)?.storage.unflushed.length ?? 0;
    if (fingerprint(image) !== durablePrint(await wh.readImage(sid), image, unflushed))
      storageMismatches.push(sid);
  }
  const shutdowns: Record<string, number> = {};
  let crashes = 0;
  for (const e of sim.trace) {
    if (e.ev === 'crash') crashes++;
    if (e.ev === 'shutdown') {
      const k = e.reason.slice(0, 60);
      shutdowns[k] = (shutdowns[k] ?? 0) + 1;
    }
  }
  const result: CrashTestResult = {
    shutdowns,
    crashes,
    cycles,
    steps: sim.stepCount,
    wallMs: performance.now() - t0,
    virtualMs: sim.now,
    acked: acked.length,
    reconnects,
    attempted,
    missing,
    syncedServers: synced,
    refusedToStart: [...refused].map(([sid, why]) => `S${sid}: ${why}`),
    wipedAfterRefusal: wiped.length,
    refusalReports: refusalReports.length,
    violations: sim.violations.map((v) => ({ ...v })),
    traceOnViolation: sim.violations.length ? traceToJsonl(sim.trace) : null,
    stats: structuredClone(wh.stats),
    storageMismatches,
    errors,
  };
  await run.close();
  return result;
}

// ------------------------------------------------------------------------------------ benchmark

export interface BenchOptions {
  writes?: number;
  clients?: number;
  voters?: number;
  /** records written by each raw IndexedDB measurement */
  rawRecords?: number;
  durability?: 'default' | 'strict' | 'relaxed';
}

export interface BenchResult {
  writes: number;
  voters: number;
  clients: number;
  wallMs: number;
  committedWritesPerSec: number;
  steps: number;
  stepsPerSec: number;
  flushBatches: number;
  avgBatch: number;
  /** txn records logged per second over all servers (each write is logged by every voter) */
  loggedRecordsPerSec: number;
  recordBytes: number;
  rawBatch: number;
  rawBatchedRecordsPerSec: number;
  rawNaiveRecordsPerSec: number;
  /** raw batched records/s at a large batch (RAW_BIG_BATCH): what batching can buy */
  rawBigBatch: number;
  rawBigBatchRecordsPerSec: number;
  /**
   * `voters` workers writing their own databases at once (same record, same batch, tagged): the
   * logged-records rate this IndexedDB gives with nothing else running. Each client write is
   * logged by every voter, so committed writes/s can reach at most this ÷ voters.
   */
  rawParallelRecordsPerSec: number;
  /** opening the run at its last step: in-process replay + hydrating 5 workers and their databases */
  seekSteps: number;
  seekMs: number;
  /** 1 if every hydrated worker reproduced the in-process state */
  hydrateOk: number;
  /** committed writes/s ÷ raw batched records/s */
  ratio: number;
  /** logged records/s ÷ raw batched records/s */
  loggedRatio: number;
  violations: number;
  /** of wallMs, how long the page waited for workers (the rest: the Simulation's own work) */
  waitMs: number;
  /** calls into workers, and how many of them were sent ahead */
  calls: number;
  prefetched: number;
  /** where the wall time went: ms waiting for workers, by input kind */
  [k: `ms:${string}` | `n:${string}`]: number;
}

function writeLoad(writes: number, clients: number, voters: number): ScenarioInput {
  const actions: ScenarioInput['actions'] = [
    { at: 0, start: Array.from({ length: voters }, (_, i) => i + 1) },
  ];
  const per = Math.ceil(writes / clients);
  for (let c = 0; c < clients; c++)
    for (let i = 0; i < per && c * per + i < writes; i++)
      actions.push({
        at: 1000,
        client: { id: `c${c}`, server: (c % voters) + 1, cmd: `create /k-${c}-${i} v${i}` },
      });
  return {
    format: 1,
    seed: 7,
    ensemble: { voters, observers: 0 },
    config: { latencyMs: [1, 3] },
    actions,
    until: 3_600_000,
  };
}

function workerRequest(w: Worker, m: ToWorker): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    w.onmessage = (ev: MessageEvent<FromWorker>) => resolve(ev.data);
    w.onerror = (ev) => reject(new Error(ev.message));
    w.postMessage(m);
  });
}

/** `records` copies of `sample` written by one worker, `batch` per transaction: records/s. */
async function rawRate(sample: TxnRecord, records: number, batch: number): Promise<number> {
  return rawRateOf(1, sample, records, batch, false);
}

/**
 * `writers` workers at once, each appending `records` to its own database in batches of `batch`,
 * each transaction tagged as the servers' are: the total records/s — what the IndexedDB of this
 * browser and machine gives five servers writing together when nothing else runs (a ceiling for
 * the logged-records rate, not the ratio's denominator).
 */
async function rawRateOf(
  writers: number,
  sample: TxnRecord,
  records: number,
  batch: number,
  tag: boolean,
): Promise<number> {
  const ws = Array.from({ length: writers }, () => defaultWorker());
  try {
    const t0 = performance.now();
    const done = await Promise.all(
      ws.map((w, i) =>
        workerRequest(w, {
          t: 'rawWrite',
          call: 1,
          db: `zablab/bench-raw-${i}`,
          sample,
          records,
          batch,
          tag,
        }),
      ),
    );
    const ms = performance.now() - t0;
    for (const m of done) if (m.t !== 'rawWritten') throw new Error(`raw write failed: ${JSON.stringify(m)}`);
    return (writers * records * 1000) / ms;
  } finally {
    for (const w of ws) w.terminate();
  }
}

const RAW_BIG_BATCH = 100;

/** The median of `n` measurements (this machine is shared and noisy). */
async function median(n: number, f: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) xs.push(await f());
  xs.sort((a, b) => a - b);
  return xs[Math.floor(n / 2)];
}

async function bench(o: BenchOptions = {}): Promise<BenchResult> {
  const writes = o.writes ?? 2000;
  const clients = o.clients ?? 20;
  const voters = o.voters ?? 5;
  const rt = await createRuntime({ durability: o.durability, viewIntervalMs: 1e9 });
  const run = await EnsembleRun.open(rt, makeScenario(writeLoad(writes, clients, voters)), {
    save: false,
    wholeTrace: true,
  });
  // the run's own host (a runtime may give each run a new one)
  const wh: WorkerPeerHost | null = rt.workerHost;
  if (!wh) throw new Error(`no worker runtime: ${rt.warning?.detail ?? '?'}`);
  const sim = run.sim;
  // until the first write is issued: elections, not the figure
  while (sim.now < 1000 && (await run.step()));
  const steps0 = sim.stepCount;
  const batches0 = wh.stats.flushBatches;
  const wait0 = wh.stats.waitMs;
  const prefetched0 = wh.stats.prefetched;
  const calls0 = wh.stats.calls;
  const records0 = wh.stats.flushRecords;
  await window.zablabCpuMark?.('writes');
  const t0 = performance.now();
  let done = 0;
  while (done < writes) {
    const r = await run.advance(512);
    if (r.finished) break;
    done = sim.commandResults().filter((x) => x.at !== null).length;
  }
  const wallMs = performance.now() - t0;
  await window.zablabCpuMark?.('writes-end');
  const steps = sim.stepCount - steps0;
  const flushBatches = wh.stats.flushBatches - batches0;
  const waitMs = wh.stats.waitMs - wait0;
  const calls = wh.stats.calls - calls0;
  const prefetched = wh.stats.prefetched - prefetched0;
  const flushRecords = wh.stats.flushRecords - records0;
  const avgBatch = flushBatches ? flushRecords / flushBatches : 1;
  // the same record the servers log: a real txn of this run
  const img = sim.store(1)!.image();
  const sample = img.logs.flatMap((f) => f.txns).find((t) => t.txn.type === 'create')!;
  const recordBytes = JSON.stringify(sample).length;
  const violations = sim.violations.length;
  const split: Record<string, number> = {};
  for (const [k, v] of Object.entries(wh.stats.callMs)) split[`ms:${k}`] = v;
  for (const [k, v] of Object.entries(wh.stats.callCount)) split[`n:${k}`] = v;
  const seekSteps = sim.stepCount;
  const scenario = run.scenario;
  await run.close();
  // the seek fast path: replay the whole run in-process, then hand it to fresh workers
  const rt2 = await createRuntime({ viewIntervalMs: 1e9 });
  const s0 = performance.now();
  const seeked = await EnsembleRun.open(rt2, scenario, { step: seekSteps, save: false, wholeTrace: true });
  const seekMs = performance.now() - s0;
  const hydrateOk = rt2.workerHost?.stats.hydrateMismatches.length === 0 ? 1 : 0;
  await seeked.close();
  const rawRecords = o.rawRecords ?? 2000;
  const rawBatch = Math.max(1, Math.round(avgBatch));
  const rawBatched = await median(3, () => rawRate(sample, rawRecords, rawBatch));
  const rawNaive = await median(3, () => rawRate(sample, Math.min(rawRecords, 1000), 1));
  // what group commit buys when the load gives it big batches (ZooKeeper's batches under load)
  const rawBig = await median(3, () => rawRate(sample, rawRecords, RAW_BIG_BATCH));
  const rawParallel = await median(3, () =>
    rawRateOf(voters, sample, Math.ceil(rawRecords / voters), rawBatch, true),
  );
  const perSec = (done * 1000) / wallMs;
  const logged = (flushRecords * 1000) / wallMs;
  return {
    writes: done,
    voters,
    clients,
    wallMs,
    committedWritesPerSec: perSec,
    steps,
    stepsPerSec: (steps * 1000) / wallMs,
    flushBatches,
    avgBatch,
    loggedRecordsPerSec: logged,
    recordBytes,
    rawBatch,
    rawBatchedRecordsPerSec: rawBatched,
    rawNaiveRecordsPerSec: rawNaive,
    rawBigBatch: RAW_BIG_BATCH,
    rawBigBatchRecordsPerSec: rawBig,
    rawParallelRecordsPerSec: rawParallel,
    ratio: perSec / rawBatched,
    loggedRatio: logged / rawBatched,
    violations,
    waitMs,
    calls,
    prefetched,
    seekSteps,
    seekMs,
    hydrateOk,
    ...split,
  };
}

// ------------------------------------------------------------------------------------ playback

export interface PlaybackOptions {
  /** events per second asked (the speed slider's maximum is 2,000) */
  speed?: number;
  /** wall seconds measured */
  seconds?: number;
  /** virtual ms to reach (in big chunks) before measuring: past the first creates, into the load */
  warmupT?: number;
  /** a frame's steps stop after this many ms (the UI's FRAME_BUDGET_MS) */
  frameBudgetMs?: number;
  /** the name under which the browser bench notes Chromium's CPU around the measured run */
  cpuMark?: string;
}

/** The host's counters a playback reports, as they grew while it was measured (see HostStats). */
const PLAYBACK_COUNTERS = [
  'waitMs',
  'calls',
  'prefetched',
  'messages',
  'flushedAhead',
  'held',
  'heldMs',
] as const;

export interface PlaybackResult extends Pick<
  HostStats,
  (typeof PLAYBACK_COUNTERS)[number] | 'callMs' | 'callCount'
> {
  speed: number;
  eventsPerSec: number;
  /** eventsPerSec ÷ speed */
  reached: number;
  frames: number;
  /** frames whose job was still running (their events carried over) */
  busyFrames: number;
  wallMs: number;
  steps: number;
  /** virtual ms the measured steps covered */
  virtualMs: number;
  violations: number;
}

/** What a counter of each kind grew by since `before`. */
function diff(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (v !== (before[k] ?? 0)) out[k] = v - (before[k] ?? 0);
  return out;
}

/**
 * Playback as the UI's player does it, on the runtime alone (no React): every animation frame the
 * speed adds `speed × dt` events to a carry; when no job is running, one job advances the carried
 * events (stopping after the frame budget) and then asks for fresh views; what a job could not run
 * stays owed, as the player reckons it (owedAfterFrame, owedAfterJob). 7 servers (5 voters + 2 observers) in
 * workers under the UI bench's write load.
 */
async function playback(o: PlaybackOptions = {}): Promise<PlaybackResult> {
  const speed = o.speed ?? 2000;
  const ms = (o.seconds ?? 5) * 1000;
  const budget = o.frameBudgetMs ?? 10;
  const rt = await createRuntime();
  const wh = rt.workerHost;
  if (!wh) throw new Error(`no worker runtime: ${rt.warning?.detail ?? '?'}`);
  const run = await EnsembleRun.open(
    rt,
    // long enough that playback at the slider's maximum does not reach the end while measured
    writeLoadScenario(120_000),
    { save: false, wholeTrace: true },
  );
  const sim = run.sim;
  while (sim.now < (o.warmupT ?? 6000)) if ((await run.advance(256)).finished) break;
  await run.view();
  const step0 = sim.stepCount;
  const stats0 = structuredClone(wh.stats);
  const now0 = sim.now;
  let carry = 0;
  let job: Promise<void> | null = null;
  let frames = 0;
  let busyFrames = 0;
  let ended = false;
  const mark = o.cpuMark ?? 'playback';
  await window.zablabCpuMark?.(mark);
  const t0 = performance.now();
  let last = t0;
  await new Promise<void>((resolve) => {
    const frame = (now: number): void => {
      frames++;
      const dt = Math.min(now - last, 100);
      carry = owedAfterFrame(carry, speed, dt);
      last = now;
      const n = Math.floor(carry);
      if (job) busyFrames++;
      else if (n > 0)
        job = run.advance(n, budget).then(async (r) => {
          if (r.finished) ended = true;
          await run.view();
          carry = owedAfterJob(carry, r.ran, speed);
          job = null;
        });
      if (now - t0 < ms) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame(frame);
  });
  await job;
  const wallMs = performance.now() - t0;
  await window.zablabCpuMark?.(`${mark}-end`);
  // frames after the end would count as time the runtime could not keep up
  if (ended) throw new Error("playback reached the scenario's end while measured: lengthen it");
  const steps = sim.stepCount - step0;
  const result: PlaybackResult = {
    speed,
    eventsPerSec: (steps * 1000) / wallMs,
    reached: (steps * 1000) / wallMs / speed,
    frames,
    busyFrames,
    wallMs,
    steps,
    ...(Object.fromEntries(PLAYBACK_COUNTERS.map((k) => [k, wh.stats[k] - stats0[k]])) as Pick<
      HostStats,
      (typeof PLAYBACK_COUNTERS)[number]
    >),
    virtualMs: sim.now - now0,
    callMs: diff(wh.stats.callMs, stats0.callMs),
    callCount: diff(wh.stats.callCount, stats0.callCount),
    violations: sim.violations.length,
  };
  await run.close();
  return result;
}

// ------------------------------------------------------------------------------ saved ensembles

/** Starts a saved ensemble and runs it to `step` (for reload tests). */
async function startSaved(text: string, step: number): Promise<{ id: string; step: number; hash: string }> {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const rt = await createRuntime();
  const run = await EnsembleRun.open(rt, parsed.scenario, { title: parsed.scenario.title, wholeTrace: true });
  while (run.sim.stepCount < step && (await run.step()));
  await run.save();
  // no close(): the page is about to be reloaded with its workers running
  return { id: rt.ensembleId, step: run.sim.stepCount, hash: traceHash(traceToJsonl(run.sim.trace)) };
}

/** Resumes a saved ensemble after a reload and runs it to its end. */
async function resumeSaved(
  id: string,
  mode: 'recover' | 'continue',
): Promise<{
  step0: number;
  warnings: RuntimeError[];
  hash: string;
  summary: Summary;
  servers: ServerCheck[];
  stats: HostStats | null;
}> {
  const run = await resumeEnsemble(id, { mode });
  const step0 = run.sim.stepCount;
  await run.runToEnd();
  const servers = await checkServers(run);
  const out = {
    step0,
    warnings: run.warnings,
    hash: traceHash(traceToJsonl(run.sim.trace)),
    summary: summarize(run.sim),
    servers,
    stats: run.runtime.workerHost ? structuredClone(run.runtime.workerHost.stats) : null,
  };
  await run.close();
  return out;
}

// runs driven step by step from the test (open → advance → finish)
const open = new Map<number, { run: EnsembleRun; errors: RuntimeError[] }>();
let handles = 0;

async function openRun(text: string): Promise<{ h: number; id: string }> {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const errors: RuntimeError[] = [];
  const rt = await createRuntime({ onError: (e) => errors.push(e) });
  const run = await EnsembleRun.open(rt, parsed.scenario, { save: false, wholeTrace: true });
  open.set(++handles, { run, errors });
  return { h: handles, id: rt.ensembleId };
}

async function advanceRun(h: number, n: number): Promise<{ step: number; finished: boolean }> {
  const { run } = open.get(h)!;
  const r = await run.advance(n);
  return { step: run.sim.stepCount, finished: r.finished };
}

async function actRun(h: number, action: UserAction): Promise<void> {
  await open.get(h)!.run.act(action);
}

async function finishRun(
  h: number,
): Promise<{ hash: string; summary: Summary; errors: RuntimeError[]; stats: HostStats | null }> {
  const { run, errors } = open.get(h)!;
  open.delete(h);
  await run.runToEnd();
  await run.view();
  const out = {
    hash: traceHash(traceToJsonl(run.sim.trace)),
    summary: summarize(run.sim),
    errors,
    stats: run.runtime.workerHost ? structuredClone(run.runtime.workerHost.stats) : null,
  };
  await run.close().catch(() => undefined);
  return out;
}

/** createRuntime()'s choice, optionally with a worker script that does not exist. */
async function probe(o: {
  badWorker?: boolean;
}): Promise<{ kind: RuntimeKind; warning: RuntimeError | null }> {
  const rt = await createRuntime(
    o.badWorker ? { createWorker: () => new Worker('/no-such-worker.js', { type: 'module' }) } : {},
  );
  return { kind: rt.kind, warning: rt.warning ?? null };
}

export interface ZabLabHarness {
  probe: typeof probe;
  openRun: typeof openRun;
  advanceRun: typeof advanceRun;
  actRun: typeof actRun;
  finishRun: typeof finishRun;
  runScenario: typeof runScenario;
  crashTest: typeof crashTest;
  bench: typeof bench;
  playback: typeof playback;
  startSaved: typeof startSaved;
  resumeSaved: typeof resumeSaved;
  listEnsembles: () => Promise<EnsembleInfo[]>;
  deleteEnsemble: (id: string) => Promise<void>;
}

declare global {
  interface Window {
    zablab: ZabLabHarness;
    /** set by the browser bench: notes the CPU Chromium has used so far, under `name` */
    zablabCpuMark?: (name: string) => Promise<void>;
  }
}

window.zablab = {
  probe,
  openRun,
  advanceRun,
  actRun,
  finishRun,
  runScenario,
  crashTest,
  bench,
  playback,
  startSaved,
  resumeSaved,
  listEnsembles,
  deleteEnsemble,
};
document.title = 'ZAB Lab runtime harness (ready)';
