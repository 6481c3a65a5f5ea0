/**
 * WorkerPeerHost — the PeerHost whose server processes are Web Workers (peer.worker.ts), each with
 * its dataDir in IndexedDB: what "one JVM per server, each with its own disk" becomes in a browser.
 *
 * The page's Simulation stays the scheduler: it makes one call at a time and awaits it, so the
 * order of everything is the same as in-process and never depends on worker timing.
 *
 * Modes:
 *  - `local`    processes run in this thread (QuorumPeer, like LocalPeerHost) and every call is
 *               recorded: the fast path for seeking and rebuilding (the Simulation is stepped with
 *               step()). Storage is only the Simulation's in-memory mirror.
 *  - `workers`  after `goLive(sim)`: each live process is re-created in a worker by replaying its
 *               recorded calls (one postMessage per worker), and every server's IndexedDB is made
 *               equal to the mirror. From then on each call is a postMessage round trip (stepAsync).
 *  - `detached` before either: calls are refused.
 *
 * Crashes: `kill(sid)` (the Simulation's crash, between steps) terminates the worker — memory is
 * lost; nothing is being written between steps. `hardKill(sid)` terminates a worker at any real
 * moment, even in the middle of a call whose IndexedDB transaction is in progress (it aborts). The
 * call then resolves with what the process managed to make durable (read back from IndexedDB:
 * `meta.lastTx`) followed by `exit`, and a group-commit batch that did not make it is reported
 * through `flushLost`, so the Simulation's mirror and trace stay exactly what is on disk.
 */
import { QuorumPeer } from '../zk/QuorumPeer';
import type { PeerConfig } from '../zk/QuorumPeer';
import type { ClientId, PeerEffect, PeerInput } from '../zk/PeerIO';
import type { DurableImage, StorageOp } from '../zk/persistence/FileTxnSnapLog';
import type { Sid } from '../zk/Zxid';
import type { PeerHost } from '../sim/PeerHost';
import { Random } from '../zk/Random';
import type { Simulation } from '../sim/Simulation';
import type { ServerView } from '../zk/view';
import { IdbDurableStore, serverDbName } from './IdbDurableStore';
import type { WriteTag } from './IdbDurableStore';
import { RuntimeFailure, runtimeError, storageError } from './errors';
import type { RuntimeError } from './errors';
import { fingerprint } from './fingerprint';
import { defaultWorker } from './defaultWorker';
import { unflushedTail } from './unflushedTail';
import type { Durability, FromWorker, RecordedCall, RoleInfo, ToWorker, WireInput } from './protocol';

export interface WorkerPeerHostOptions {
  /** the ensemble whose databases (`zablab/<ensembleId>/server-<sid>`) the servers use */
  ensembleId: string;
  /** creates the worker for a server (default: peer.worker.ts as a module worker) */
  createWorker?: (sid: Sid) => Worker;
  durability?: Durability;
  /** a full ServerView comes back with a call at most this often per server (default 250 ms) */
  viewIntervalMs?: number;
  /** compare the image a worker boots from with the page's mirror (default true) */
  verifyBoot?: boolean;
  /** a worker that has not answered its first message after this long failed to start */
  startTimeoutMs?: number;
  /** told of every runtime error (storage failure, worker failure) as it happens */
  onError?: (e: RuntimeError) => void;
}

export type HostMode = 'detached' | 'local' | 'workers';

/** What the host noticed; the e2e tests require the mismatch lists to stay empty. */
export interface HostStats {
  calls: number;
  /** handle messages posted: the calls of one instant to one process go as one */
  messages: number;
  workersStarted: number;
  hardKills: number;
  /** calls sent ahead (Simulation.stepsAsync), in `messages` of their own */
  prefetched: number;
  /** hard kills that caught a call in progress */
  hardKillsInCall: number;
  /** of those, how many lost their group-commit batch (the transaction aborted) */
  flushesLost: number;
  /** of those, how many had their blocking writes committed before the process died */
  syncWritesLanded: number;
  bootsVerified: number;
  bootMismatches: string[];
  /** group-commit batches the workers wrote, and the txns in them */
  flushBatches: number;
  flushRecords: number;
  /** `flushed` heard by a process before its batch's write had committed (the write overlapped) */
  flushedAhead: number;
  /** deliveries that waited for their sender's batch to land, and the wall ms they waited */
  held: number;
  heldMs: number;
  /** processes that died before batches they had heard `flushed` for were known to have landed,
   *  and of those, the databases the page had to write from the mirror (the rest had landed) */
  diedBeforeLanding: number;
  flushesRestored: number;
  /** wall ms spent waiting for workers, by input kind */
  callMs: Record<string, number>;
  callCount: Record<string, number>;
  /** wall ms the Simulation spent blocked on a worker's answer or on a batch landing before a
   *  delivery (the rest of its time is its own) */
  waitMs: number;
  hydrations: number;
  /** unflushed tails taken off a dead process's database before its server started again */
  tailsDropped: number;
  hydrateMismatches: string[];
  errors: RuntimeError[];
}

interface Waiter {
  resolve: (m: FromWorker) => void;
  reject: (e: unknown) => void;
}

/**
 * One server's batches whose `flushed` its processes heard before the write committed, numbered in
 * order (marks; a server's writes commit in order, so "landed up to" is one number).
 */
interface Landing {
  /** the mark of the last one */
  seq: number;
  /** every one up to this mark is on disk */
  landed: number;
  /** this process's, by token, until its `landed` */
  tokens: Map<number, number>;
  /** `held`: a delivery of the run waits (its wait counts in the stats and as the run's waiting) */
  waiting: { mark: number; t0: number; held: boolean; resolve: () => void; reject: (e: unknown) => void }[];
}

/** Settles once `l` has landed up to `mark` (WorkerPeerHost.landedUpTo; rejects: they never will). */
function untilLanded(l: Landing, mark: number, held: boolean): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    l.waiting.push({ mark, t0: performance.now(), held, resolve, reject }),
  );
}

/** The inputs of one instant posted to a worker as one message. */
interface Outstanding {
  inputs: PeerInput[];
  now: number;
  imageHashes: (string | null)[];
  t0: number;
  reply: Promise<FromWorker>;
  /** how many of its inputs the Simulation has made so far */
  used: number;
  /** the answer, taken in once: the effects of each input the process handled */
  results: Promise<PeerEffect[][]> | null;
}

interface Proc {
  sid: Sid;
  cfg: PeerConfig;
  seed: number;
  stream: number;
  /** local mode: the process itself, and what it was asked since it started (for hydration) */
  local: QuorumPeer | null;
  bootImage: DurableImage | null;
  recorded: RecordedCall[];
  /** workers mode */
  worker: Worker | null;
  nextCall: number;
  waiting: Map<number, Waiter>;
  /** the handle() call posted and not yet answered, if any (at most one: the Simulation's rule) */
  inflight: { call: number; input: PeerInput; waiter: Waiter } | null;
  /** calls sent ahead (prefetch) that the Simulation has not all made yet */
  ahead: Outstanding | null;
  /** the process handed over group-commit batches: its database may hold an unflushed tail */
  wroteAhead: boolean;
  /** the Simulation has been told this process died (an exit came back, or takeKilled()) */
  deathReported: boolean;
  started: boolean;
  startTimer: ReturnType<typeof setTimeout> | null;
  dead: boolean;
  role: RoleInfo | null;
  clients: ClientId[];
  view: ServerView | null;
  viewAt: number;
  /** the process handled a call since `view` was taken (refreshViews asks only these) */
  viewStale: boolean;
  /** a write to this server's database made from the page (wipe, corrupt): messages to the
   *  worker wait for it, so the process never reads or writes around it */
  gate: Promise<void> | null;
}

function wireInput(input: PeerInput, imageHash: string | null): WireInput {
  return input.kind === 'boot' ? { kind: 'boot', imageHash } : input;
}

export class WorkerPeerHost implements PeerHost {
  readonly ensembleId: string;
  private modeNow: HostMode = 'detached';
  private readonly procs = new Map<Sid, Proc>();
  private readonly lost = new Set<string>();
  private readonly killedIdle: Sid[] = [];
  /** servers whose last process died with batches written ahead (their database may hold an
   *  unflushed tail, taken off before the next process starts) */
  private readonly tails = new Set<Sid>();
  private readonly pageStores = new Map<Sid, Promise<IdbDurableStore>>();
  /** the last write the page made to each server's database (storageChanged), in order */
  private readonly dbWrites = new Map<Sid, Promise<void>>();
  /** servers whose database the next goLive must leave as it is (a resume that keeps the disk) */
  private readonly kept = new Set<Sid>();
  private sim: Simulation | null = null;
  private readonly landing = new Map<Sid, Landing>();
  /** bumped by reset(): a database write queued for the run before is not made */
  private generation = 0;
  private readonly opts: Required<Omit<WorkerPeerHostOptions, 'onError'>> &
    Pick<WorkerPeerHostOptions, 'onError'>;
  readonly stats: HostStats = newStats();

  constructor(opts: WorkerPeerHostOptions) {
    this.ensembleId = opts.ensembleId;
    this.opts = {
      ensembleId: opts.ensembleId,
      createWorker: opts.createWorker ?? defaultWorker,
      durability: opts.durability ?? 'default',
      viewIntervalMs: opts.viewIntervalMs ?? 250,
      verifyBoot: opts.verifyBoot ?? true,
      startTimeoutMs: opts.startTimeoutMs ?? 15_000,
      onError: opts.onError,
    };
  }

  get mode(): HostMode {
    return this.modeNow;
  }

  dbName(sid: Sid): string {
    return serverDbName(this.ensembleId, sid);
  }

  // ------------------------------------------------------------------ modes

  /** Starts a fresh run in local mode (terminating whatever ran before). */
  replayLocally(): void {
    this.reset();
    this.modeNow = 'local';
  }

  /**
   * Moves the run to the workers at `sim`'s current step: every live process is re-created in a
   * worker by replaying its calls, and every server's database is made equal to the mirror
   * (servers whose database already matches are left as they are — e.g. after a reload).
   */
  async goLive(sim: Simulation): Promise<void> {
    if (this.modeNow !== 'local') throw new Error(`goLive() needs local mode (now ${this.modeNow})`);
    this.sim = sim;
    const step = sim.stepCount;
    const jobs: Promise<void>[] = [];
    for (const sid of sim.sids) {
      const mirror = sim.store(sid)!.image();
      const proc = this.procs.get(sid);
      if (proc && proc.local) jobs.push(this.hydrate(proc, mirror, step));
      else if (!this.kept.delete(sid)) jobs.push(this.syncDb(sid, mirror, step));
    }
    this.modeNow = 'workers';
    try {
      await Promise.all(jobs);
    } catch (e) {
      this.modeNow = 'local';
      throw e;
    }
  }

  /** Terminates every worker and forgets every process; back to `detached`. */
  reset(): void {
    // the run goes: what waited for its batches waits no more (goLive writes every database)
    this.generation++;
    for (const l of this.landing.values()) for (const w of l.waiting.splice(0)) w.resolve();
    this.landing.clear();
    for (const p of this.procs.values()) this.terminate(p, []);
    this.procs.clear();
    this.lost.clear();
    this.tails.clear();
    this.killedIdle.length = 0;
    this.sim = null;
    this.modeNow = 'detached';
  }

  /** reset() and close the page's own database connections. */
  async close(): Promise<void> {
    this.reset();
    const stores = [...this.pageStores.values()];
    this.pageStores.clear();
    for (const s of stores) {
      try {
        (await s).close();
      } catch {
        // never opened
      }
    }
  }

  // ------------------------------------------------------------------ PeerHost

  spawn(cfg: PeerConfig, seed: number, stream: number): void {
    if (this.modeNow === 'detached') throw new Error('WorkerPeerHost: call replayLocally() first');
    const old = this.procs.get(cfg.sid);
    if (old) this.terminate(old, []);
    const proc: Proc = {
      sid: cfg.sid,
      cfg,
      seed,
      stream,
      local: null,
      bootImage: null,
      recorded: [],
      worker: null,
      nextCall: 1,
      waiting: new Map(),
      inflight: null,
      ahead: null,
      wroteAhead: false,
      deathReported: false,
      started: false,
      startTimer: null,
      dead: false,
      role: null,
      clients: [],
      view: null,
      viewAt: 0,
      viewStale: true,
      gate: null,
    };
    this.procs.set(cfg.sid, proc);
    if (this.modeNow === 'local') proc.local = new QuorumPeer(cfg, new Random(seed, stream));
    else this.startWorker(proc);
  }

  handle(sid: Sid, input: PeerInput, now: number): PeerEffect[] | Promise<PeerEffect[]> {
    const proc = this.procs.get(sid);
    if (!proc) return [];
    this.stats.calls++;
    if (proc.local) {
      if (input.kind === 'boot') proc.bootImage = input.image;
      proc.recorded.push({ input: wireInput(input, null), now });
      return proc.local.handle(input, now);
    }
    const ahead = proc.ahead;
    if (ahead) {
      const i = ahead.used++;
      if (ahead.used === ahead.inputs.length) proc.ahead = null;
      if (!sameCall(ahead.inputs[i], ahead.now, input, now))
        throw new Error(
          `S${sid}: the call made (${input.kind}) is not the one sent ahead (${ahead.inputs[i].kind})`,
        );
      return this.finish(proc, ahead, i);
    }
    if (proc.dead) return this.deadCall(proc, input);
    const o = this.send(proc, [input], now);
    o.used = 1;
    return this.finish(proc, o, 0);
  }

  /** Simulation.stepsAsync: the next calls to `sid` will be these, in order; post them now, as one. */
  prefetch(sid: Sid, inputs: PeerInput[], now: number): void {
    const proc = this.procs.get(sid);
    if (!proc || proc.dead || proc.local || proc.ahead || proc.inflight || !inputs.length) return;
    this.stats.prefetched += inputs.length;
    proc.ahead = this.send(proc, inputs, now);
  }

  kill(sid: Sid): void {
    const proc = this.procs.get(sid);
    if (!proc) return;
    this.procs.delete(sid);
    // a kill between steps finds no call in progress; one that does (an act() during an async
    // step) drops the call's effects, as the Simulation does
    this.terminate(proc, []);
  }

  view(sid: Sid): ServerView | null {
    const proc = this.procs.get(sid);
    if (!proc || proc.dead) return null;
    return proc.local ? proc.local.view() : proc.view;
  }

  clients(sid: Sid): ClientId[] {
    const proc = this.procs.get(sid);
    if (!proc || proc.dead) return [];
    return proc.local ? [...proc.local.clients.keys()] : [...proc.clients];
  }

  role(sid: Sid): RoleInfo | null {
    const proc = this.procs.get(sid);
    if (!proc || proc.dead) return null;
    if (proc.local) return { state: proc.local.state, zabState: proc.local.zabState };
    return proc.role;
  }

  flushLost(sid: Sid, token: number): boolean {
    return this.lost.delete(`${sid}:${token}`);
  }

  durableMark(sid: Sid): number {
    const l = this.landing.get(sid);
    return l && l.seq > l.landed ? l.seq : 0;
  }

  isDurable(sid: Sid, mark: number): boolean {
    const l = this.landing.get(sid);
    return !l || l.landed >= mark;
  }

  whenDurable(sid: Sid, mark: number): Promise<void> {
    const l = this.landing.get(sid);
    if (!l || l.landed >= mark) return Promise.resolve();
    this.stats.held++;
    return untilLanded(l, mark, true);
  }

  /**
   * Resolves once every batch a process has heard `flushed` for so far is on disk (rejects if one
   * can never be). A run saves its step only then: after a reload its databases are at that step
   * or beyond it, never behind (stepOfDisks looks forward from the saved step).
   */
  flushesLanded(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const l of this.landing.values()) if (l.landed < l.seq) waits.push(untilLanded(l, l.seq, false));
    return Promise.all(waits).then(() => undefined);
  }

  private landingOf(sid: Sid): Landing {
    let l = this.landing.get(sid);
    if (!l) {
      l = { seq: 0, landed: 0, tokens: new Map(), waiting: [] };
      this.landing.set(sid, l);
    }
    return l;
  }

  /** Batches `proc` heard `flushed` for before they committed: what it sends now waits for them. */
  private flushedAhead(proc: Proc, tokens: readonly number[]): void {
    if (!tokens.length) return;
    const l = this.landingOf(proc.sid);
    for (const token of tokens) l.tokens.set(token, ++l.seq);
    this.stats.flushedAhead += tokens.length;
  }

  /** Every batch of `sid` up to `mark` is on disk: the deliveries waiting for them go. */
  private landedUpTo(sid: Sid, mark: number): void {
    const l = this.landing.get(sid);
    if (!l || l.landed >= mark) return;
    l.landed = mark;
    for (const [token, m] of l.tokens) if (m <= mark) l.tokens.delete(token);
    const now = performance.now();
    l.waiting = l.waiting.filter((w) => {
      if (w.mark > mark) return true;
      if (w.held) {
        this.stats.heldMs += now - w.t0;
        this.stats.waitMs += now - w.t0;
      }
      w.resolve();
      return false;
    });
  }

  /**
   * A process died after hearing `flushed` for batches whose writes had not committed (a crash at
   * a real moment, or the run's own crash a moment after the flush): the run counts them durable —
   * its trace logged them, their ACKs wait for them — so the page writes them itself. The database
   * becomes the mirror, which holds exactly what the run made durable (the unflushed tail goes with
   * it), before the held messages are delivered and before the server's next process reads it
   * (a new worker's messages wait for `dbWrites`). If that write fails too, the held messages can
   * never be delivered truthfully: they reject, and the run stops with the storage error.
   */
  private restoreFlushed(sid: Sid, mark: number): void {
    const gen = this.generation;
    const prev = this.dbWrites.get(sid) ?? Promise.resolve();
    const write = prev.then(async () => {
      if (gen !== this.generation) return;
      const mirror = this.sim?.store(sid)?.image();
      if (!mirror) return;
      const store = await this.pageStore(sid);
      let same = false;
      try {
        same = fingerprint(await store.image()) === fingerprint(mirror);
      } catch {
        // unreadable: written over with what the run holds
      }
      if (same) return;
      await store.replace(mirror, { inc: 0, call: 0, step: this.sim?.stepCount ?? 0, phase: 'hydrate' });
      this.stats.flushesRestored++;
    });
    this.dbWrites.set(
      sid,
      write.then(
        () => {
          if (gen === this.generation) this.landedUpTo(sid, mark);
        },
        (e: unknown) => {
          const err = e instanceof RuntimeFailure ? e.error : storageError(e, sid);
          this.report(err);
          const l = this.landing.get(sid);
          if (gen !== this.generation || !l) return;
          l.waiting = l.waiting.filter((w) => {
            if (w.mark > mark) return true;
            w.reject(new RuntimeFailure(err));
            return false;
          });
        },
      ),
    );
  }

  /**
   * A `wipe`, `corrupt` or `purge` action changed `sid`'s disk from outside its process. In local mode the
   * mirror is all there is (goLive writes it); on workers the database is written now, and the
   * process's next message waits for that write.
   */
  storageChanged(
    sid: Sid,
    image: DurableImage,
    change: { wipe: true } | { corrupt: number } | { purge: Extract<StorageOp, { op: 'purge' }> },
  ): void {
    if (this.modeNow !== 'workers') return;
    const step = this.sim?.stepCount ?? 0;
    const write = async (): Promise<void> => {
      const store = await this.pageStore(sid);
      if ('wipe' in change) {
        await store.replace(image, { inc: 0, call: 0, step, phase: 'hydrate' });
        return;
      }
      if ('purge' in change) {
        await store.apply([change.purge]);
        return;
      }
      for (const f of image.logs)
        for (const t of f.txns) if (t.hdr.zxid === change.corrupt) return store.rewriteTxn(change.corrupt, t);
    };
    const prev = this.dbWrites.get(sid) ?? Promise.resolve();
    const next = prev.then(write).catch((e: unknown) => {
      this.report(e instanceof RuntimeFailure ? e.error : runtimeError('storage-failed', String(e), sid));
    });
    this.dbWrites.set(sid, next);
    const proc = this.procs.get(sid);
    if (proc && !proc.dead) proc.gate = (proc.gate ?? Promise.resolve()).then(() => next);
  }

  /** The next goLive leaves `sid`'s database as it is (the user chose to keep what it holds). */
  keepDisk(sid: Sid): void {
    this.kept.add(sid);
  }

  /** Rewrites a stopped server's database as `image` (restore from the run's replay). */
  async rewriteDisk(sid: Sid, image: DurableImage, step: number): Promise<void> {
    const proc = this.procs.get(sid);
    if (proc && !proc.dead) throw new Error(`server ${sid} is running: stop it before restoring its dataDir`);
    await this.dbWrites.get(sid);
    await (await this.pageStore(sid)).replace(image, { inc: 0, call: 0, step, phase: 'hydrate' });
  }

  /**
   * Resolves when every write the page made to the servers' databases has landed, and every batch
   * a process heard `flushed` for has committed (a run at rest: its disks hold what it made durable).
   */
  async storageSettled(): Promise<void> {
    await Promise.all([...this.dbWrites.values()]);
    await this.flushesLanded();
  }

  // ------------------------------------------------------------------ beyond PeerHost

  /** Fresh ServerViews from every worker (the ones sent with calls are throttled). */
  async refreshViews(): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const proc of this.procs.values()) {
      if (!proc.worker || proc.dead || !proc.viewStale) continue;
      jobs.push(
        this.request(proc, (call) => ({ t: 'view', call })).then(
          (m) => {
            if (m.t === 'view') {
              proc.view = m.view;
              proc.viewAt = performance.now();
              proc.viewStale = false;
              proc.role = m.role;
              proc.clients = m.clients;
            }
          },
          () => undefined,
        ),
      );
    }
    await Promise.all(jobs);
  }

  /** Sids whose process runs (for the harness). */
  liveSids(): Sid[] {
    return [...this.procs.values()].filter((p) => !p.dead).map((p) => p.sid);
  }

  /** Each process's bookkeeping, for diagnosis. */
  debugProcs(): Record<number, string> {
    const out: Record<number, string> = {};
    for (const p of this.procs.values())
      out[p.sid] =
        `inc ${p.cfg.incarnation} dead=${p.dead} reported=${p.deathReported} inflight=${p.inflight?.input.kind ?? '-'} ` +
        `ahead=${p.ahead?.inputs.map((x) => x.kind).join('+') ?? '-'} started=${p.started}`;
    return out;
  }

  /** Sids whose worker is computing a call right now. */
  busySids(): Sid[] {
    return [...this.procs.values()].filter((p) => p.inflight && !p.dead).map((p) => p.sid);
  }

  /**
   * Terminates `sid`'s worker now, whatever it is doing: a crash at a real moment. If it was in the
   * middle of a call, that call resolves with what reached the disk and an `exit`; if it was idle,
   * the sid is queued in `takeKilled()` — the driver must crash it in the Simulation before the
   * next step. Returns false if there was no process to kill.
   */
  hardKill(sid: Sid): boolean {
    const proc = this.procs.get(sid);
    if (!proc || proc.dead || !proc.worker) return false;
    this.stats.hardKills++;
    const inflight = proc.inflight;
    proc.inflight = null;
    if (inflight) proc.waiting.delete(inflight.call);
    this.terminate(proc, inflight ? [inflight.call] : []);
    if (inflight) {
      this.stats.hardKillsInCall++;
      proc.deathReported = true;
      this.landedBeforeDeath(proc, inflight.call, inflight.input).then(
        (fx) => inflight.waiter.resolve(this.effectsMessage(inflight.call, fx)),
        (e) => inflight.waiter.reject(e),
      );
    } else this.killedIdle.push(sid);
    return true;
  }

  /** Processes that died while idle (hardKill, a worker failure) and that the Simulation must now
   *  crash (unless a call already told it). Call between steps. */
  takeKilled(): Sid[] {
    const out: Sid[] = [];
    for (const sid of this.killedIdle.splice(0)) {
      const proc = this.procs.get(sid);
      if (!proc || !proc.dead || proc.deathReported) continue;
      proc.deathReported = true;
      out.push(sid);
    }
    return out;
  }

  /** A call to a process that died while idle: it never happened; the Simulation learns of the death. */
  private deadCall(proc: Proc, input: PeerInput): PeerEffect[] {
    if (proc.deathReported) return [];
    proc.deathReported = true;
    if (input.kind === 'flushed') {
      this.lost.add(`${proc.sid}:${input.token}`);
      this.stats.flushesLost++;
    }
    return [{ kind: 'exit', reason: 'the process was dead (worker terminated)' }];
  }

  /** The IndexedDB image of `sid` as the page reads it (tests, resume). */
  async readImage(sid: Sid): Promise<DurableImage> {
    return (await this.pageStore(sid)).image();
  }

  async readLastTx(sid: Sid): Promise<WriteTag | null> {
    return (await this.pageStore(sid)).lastTx();
  }

  // ------------------------------------------------------------------ workers

  private startWorker(proc: Proc): void {
    let w: Worker;
    try {
      w = this.opts.createWorker(proc.sid);
    } catch (e) {
      this.workerFailed(
        proc,
        runtimeError('worker-failed', `cannot create the worker: ${String(e)}`, proc.sid),
      );
      return;
    }
    this.stats.workersStarted++;
    proc.worker = w;
    if (this.tails.delete(proc.sid)) this.dropTail(proc.sid);
    proc.gate = this.dbWrites.get(proc.sid) ?? null;
    w.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(proc, ev.data);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.workerFailed(
        proc,
        runtimeError(
          'worker-failed',
          ev.message
            ? `${ev.message} (${ev.filename}:${ev.lineno})`
            : `the worker failed to load or threw (${proc.started ? 'after' : 'before'} it started)`,
          proc.sid,
        ),
      );
    };
    w.onmessageerror = () =>
      this.workerFailed(
        proc,
        runtimeError('worker-failed', 'a message from the worker could not be read', proc.sid),
      );
    proc.startTimer = setTimeout(() => {
      if (!proc.started && !proc.dead)
        this.workerFailed(
          proc,
          runtimeError(
            'worker-failed',
            `no answer within ${this.opts.startTimeoutMs} ms of starting`,
            proc.sid,
          ),
        );
    }, this.opts.startTimeoutMs);
    this.post(proc, {
      t: 'spawn',
      db: this.dbName(proc.sid),
      cfg: proc.cfg,
      seed: proc.seed,
      stream: proc.stream,
      durability: this.opts.durability,
    });
  }

  private post(proc: Proc, m: ToWorker): void {
    if (proc.gate) proc.gate = proc.gate.then(() => proc.worker?.postMessage(m));
    else proc.worker?.postMessage(m);
  }

  private onMessage(proc: Proc, m: FromWorker): void {
    if (m.t === 'landed') {
      const mark = this.landing.get(proc.sid)?.tokens.get(m.token);
      if (mark !== undefined) this.landedUpTo(proc.sid, mark);
      return;
    }
    if (m.t === 'ready') {
      proc.started = true;
      if (proc.startTimer) clearTimeout(proc.startTimer);
      proc.startTimer = null;
      return;
    }
    if (m.call === null) {
      if (m.t === 'failed') this.workerFailed(proc, m.error);
      return;
    }
    // as it arrives (an answer sent ahead may be taken in much later): its `landed` messages follow
    if (m.t === 'effects') this.flushedAhead(proc, m.unlanded);
    const w = proc.waiting.get(m.call);
    if (!w) return;
    proc.waiting.delete(m.call);
    if (proc.inflight?.call === m.call) proc.inflight = null;
    w.resolve(m);
  }

  /**
   * The worker is unusable (failed to load, threw, stopped answering): the process is dead. A call
   * in progress resolves as a death during that call (what reached the disk, then exit).
   */
  private workerFailed(proc: Proc, error: RuntimeError): void {
    // a worker we terminated while it was still loading may still report that as an error
    if (proc.dead) return;
    this.report(error);
    const inflight = proc.inflight;
    proc.inflight = null;
    if (inflight) proc.waiting.delete(inflight.call);
    this.terminate(proc, []);
    if (inflight) {
      proc.deathReported = true;
      this.landedBeforeDeath(proc, inflight.call, inflight.input, `${error.title}: ${error.detail}`).then(
        (fx) => inflight.waiter.resolve(this.effectsMessage(inflight.call, fx)),
        (e) => inflight.waiter.reject(e),
      );
    } else this.killedIdle.push(proc.sid);
  }

  private report(e: RuntimeError): void {
    this.stats.errors.push(e);
    this.opts.onError?.(e);
  }

  private terminate(proc: Proc, keep: number[]): void {
    if (proc.wroteAhead && this.modeNow === 'workers') this.tails.add(proc.sid);
    const l = this.landing.get(proc.sid);
    if (l && !proc.dead) {
      // its `landed` messages will not come
      l.tokens.clear();
      if (l.seq > l.landed) {
        this.stats.diedBeforeLanding++;
        this.restoreFlushed(proc.sid, l.seq);
      }
    }
    proc.dead = true;
    if (proc.startTimer) clearTimeout(proc.startTimer);
    proc.startTimer = null;
    if (proc.worker) {
      proc.worker.onmessage = null;
      proc.worker.onerror = null;
      proc.worker.onmessageerror = null;
      proc.worker.terminate();
    }
    proc.worker = null;
    proc.local = null;
    // calls left unanswered by a dead process resolve with no effects
    for (const [call, w] of [...proc.waiting.entries()]) {
      if (keep.includes(call)) continue;
      proc.waiting.delete(call);
      w.resolve(this.effectsMessage(call, []));
    }
    proc.inflight = null;
  }

  private effectsMessage(call: number, effects: PeerEffect[]): FromWorker {
    return {
      t: 'effects',
      call,
      effects: [effects],
      role: { state: 'LOOKING', zabState: 'ELECTION' },
      clients: [],
      view: null,
      flushLost: false,
      unlanded: [],
      bootMismatch: null,
      error: null,
    };
  }

  private request(proc: Proc, make: (call: number) => ToWorker): Promise<FromWorker> {
    return new Promise<FromWorker>((resolve, reject) => {
      const call = proc.nextCall++;
      proc.waiting.set(call, { resolve, reject });
      this.post(proc, make(call));
    });
  }

  /** Posts the inputs of one instant to the worker, as one message. */
  private send(proc: Proc, inputs: PeerInput[], now: number): Outstanding {
    const imageHashes = inputs.map((input) =>
      input.kind === 'boot' && this.opts.verifyBoot ? fingerprint(input.image) : null,
    );
    const wantView = proc.view === null || performance.now() - proc.viewAt >= this.opts.viewIntervalMs;
    const step = (this.sim?.stepCount ?? 0) + 1;
    this.stats.messages++;
    const reply = new Promise<FromWorker>((resolve, reject) => {
      const call = proc.nextCall++;
      const waiter: Waiter = { resolve, reject };
      proc.waiting.set(call, waiter);
      proc.inflight = { call, input: inputs[0], waiter };
      this.post(proc, {
        t: 'handle',
        call,
        step,
        inputs: inputs.map((input, i) => wireInput(input, imageHashes[i])),
        now,
        view: wantView,
      });
    });
    return { inputs, now, imageHashes, t0: performance.now(), reply, used: 0, results: null };
  }

  /**
   * The effects of input `i` of a message. A process that stopped before it (it made blocking
   * writes for an earlier one) is sent the rest again; one that died has no more calls.
   */
  private async finish(proc: Proc, o: Outstanding, i: number): Promise<PeerEffect[]> {
    const tw = performance.now();
    o.results ??= this.settle(proc, o);
    const results = await o.results;
    this.stats.waitMs += performance.now() - tw;
    if (i < results.length) return results[i];
    if (proc.dead) return this.deadCall(proc, o.inputs[i]);
    const rest = this.send(proc, o.inputs.slice(i), o.now);
    rest.used = 1 + Math.max(0, o.used - i - 1);
    if (rest.used < rest.inputs.length) proc.ahead = rest;
    else if (proc.ahead === o) proc.ahead = null;
    return this.finish(proc, rest, 0);
  }

  /** Takes in a message's answer once: the process's role and view, what went wrong, the stats. */
  private async settle(proc: Proc, o: Outstanding): Promise<PeerEffect[][]> {
    const m = await o.reply;
    const ms = performance.now() - o.t0;
    for (const input of o.inputs) {
      const kind = input.kind === 'message' ? `message:${input.msg.channel}` : input.kind;
      this.stats.callMs[kind] = (this.stats.callMs[kind] ?? 0) + ms / o.inputs.length;
      this.stats.callCount[kind] = (this.stats.callCount[kind] ?? 0) + 1;
    }
    if (m.t === 'failed') {
      // the call threw in the worker (a bug): the process dies during its first input
      this.report(m.error);
      proc.inflight = null;
      proc.deathReported = true;
      this.terminate(proc, []);
      return [
        await this.landedBeforeDeath(proc, m.call ?? -1, o.inputs[0], `${m.error.title}: ${m.error.detail}`),
      ];
    }
    if (m.t !== 'effects') return [];
    if (!proc.dead) {
      proc.role = m.role;
      proc.clients = m.clients;
      proc.viewStale = m.view === null;
      if (m.view) {
        proc.view = m.view;
        proc.viewAt = performance.now();
      }
    }
    const bootAt = o.inputs.findIndex((x) => x.kind === 'boot');
    if (bootAt >= 0 && o.imageHashes[bootAt] !== null && !proc.dead) this.stats.bootsVerified++;
    const loadFailed =
      bootAt >= 0
        ? m.effects[bootAt]?.find(
            (fx) => fx.kind === 'exit' && fx.reason.startsWith('Unable to load database on disk'),
          )
        : undefined;
    if (m.bootMismatch) {
      this.stats.bootMismatches.push(m.bootMismatch);
      // the disk was deleted or changed outside the app: say so, unless the load refused it anyway
      // (then the refusal is the one thing to tell)
      if (!loadFailed && m.error?.code !== 'storage-corrupt')
        this.report(
          runtimeError('storage-diverged', m.bootMismatch, proc.sid, `dataDir of server ${proc.sid}`),
        );
    }
    if (loadFailed?.kind === 'exit' && !m.error)
      this.report(
        runtimeError('storage-corrupt', loadFailed.reason, proc.sid, `dataDir of server ${proc.sid}`),
      );
    const last = o.inputs[m.effects.length - 1];
    if (m.flushLost && last?.kind === 'flushed') this.lost.add(`${proc.sid}:${last.token}`);
    if (m.error) this.report(m.error);
    for (const effects of m.effects)
      for (const fx of effects)
        if (fx.kind === 'storageFlush') {
          proc.wroteAhead = true;
          this.stats.flushBatches++;
          this.stats.flushRecords += fx.ops.length;
        }
    return m.effects;
  }

  /**
   * A process was killed in the middle of `call`: which of its writes reached the disk? Each
   * transaction the worker commits carries a `lastTx` tag; the page reads it back (after the
   * terminate, the aborted-or-committed outcome is final) and answers with those writes as
   * blocking writes, then the exit.
   */
  private async landedBeforeDeath(
    proc: Proc,
    call: number,
    input: PeerInput,
    reason = 'killed (worker terminated at a real moment)',
  ): Promise<PeerEffect[]> {
    const tag = await (await this.pageStore(proc.sid)).lastTx();
    const mine = tag !== null && tag.inc === proc.cfg.incarnation && tag.call === call;
    const effects: PeerEffect[] = [];
    if (input.kind === 'flushed' && !mine) {
      this.lost.add(`${proc.sid}:${input.token}`);
      this.stats.flushesLost++;
    }
    if (mine && tag.phase === 'sync' && tag.ops) {
      const ops: StorageOp[] = [];
      for (const r of tag.ops) {
        if (r.op !== 'snapshot') ops.push(r);
        else {
          const snap = await (await this.pageStore(proc.sid)).snapshot(r.zxid);
          if (snap) ops.push({ op: 'snapshot', snap });
        }
      }
      effects.push({ kind: 'storageSync', ops });
      this.stats.syncWritesLanded++;
    }
    effects.push({ kind: 'exit', reason });
    return effects;
  }

  private async hydrate(proc: Proc, mirror: DurableImage, step: number): Promise<void> {
    const local = proc.local!;
    const viewHash = fingerprint(local.view());
    const recorded = proc.recorded;
    const bootImage = proc.bootImage;
    proc.local = null;
    proc.recorded = [];
    proc.bootImage = null;
    this.startWorker(proc);
    const m = await this.request(proc, (call) => ({
      t: 'hydrate',
      call,
      step,
      bootImage: bootImage ?? mirror,
      calls: recorded,
      finalImage: mirror,
      viewHash,
    }));
    this.stats.hydrations++;
    if (m.t === 'hydrated') {
      proc.view = m.view;
      proc.viewAt = performance.now();
      proc.viewStale = false;
      proc.role = m.role;
      proc.clients = m.clients;
      if (m.mismatch) this.stats.hydrateMismatches.push(m.mismatch);
    } else if (m.t === 'failed') {
      this.workerFailed(proc, m.error);
      throw new RuntimeFailure(m.error);
    } else if (proc.dead) {
      throw new RuntimeFailure(runtimeError('worker-failed', 'the worker died while catching up', proc.sid));
    }
  }

  /** A server without a process: its database must hold exactly the mirror. */
  private async syncDb(sid: Sid, mirror: DurableImage, step: number): Promise<void> {
    await this.dbWrites.get(sid);
    const store = await this.pageStore(sid);
    const now = await store.image();
    if (fingerprint(now) === fingerprint(mirror)) return;
    await store.replace(mirror, { inc: 0, call: 0, step, phase: 'hydrate' });
  }

  /**
   * The process before this one wrote group-commit batches ahead of their flush and died: what of
   * them reached the database is its log's unflushed tail, which a crash loses (the run's mirror
   * holds what was durable). It comes off before the new process reads its dataDir; a database
   * that differs otherwise is left as it is (the boot reports it).
   */
  private dropTail(sid: Sid): void {
    const mirror = this.sim?.store(sid)?.image();
    if (!mirror) return;
    const step = this.sim?.stepCount ?? 0;
    const prev = this.dbWrites.get(sid) ?? Promise.resolve();
    const next = prev.then(async () => {
      const store = await this.pageStore(sid);
      let disk: DurableImage;
      try {
        disk = await store.image();
      } catch {
        return; // unreadable: the boot refuses it and says why
      }
      if (unflushedTail(disk, mirror)) {
        await store.replace(mirror, { inc: 0, call: 0, step, phase: 'hydrate' });
        this.stats.tailsDropped++;
      }
    });
    this.dbWrites.set(
      sid,
      next.catch((e: unknown) => {
        this.report(e instanceof RuntimeFailure ? e.error : runtimeError('storage-failed', String(e), sid));
      }),
    );
  }

  private pageStore(sid: Sid): Promise<IdbDurableStore> {
    let s = this.pageStores.get(sid);
    if (!s) {
      s = IdbDurableStore.open(this.dbName(sid), { sid, durability: this.opts.durability });
      this.pageStores.set(sid, s);
      s.catch(() => this.pageStores.delete(sid));
    }
    return s.then((st) => {
      if (!st.isClosed) return st;
      this.pageStores.delete(sid);
      return this.pageStore(sid);
    });
  }
}

function sameCall(a: PeerInput, at: number, input: PeerInput, now: number): boolean {
  if (a.kind !== input.kind || at !== now) return false;
  switch (a.kind) {
    case 'message':
      return input.kind === 'message' && a.from === input.from && a.msg === input.msg;
    case 'flushed':
      return input.kind === 'flushed' && a.token === input.token;
    case 'client':
      return input.kind === 'client' && a.client === input.client && a.msg === input.msg;
    case 'timer':
      return input.kind === 'timer' && a.timer === input.timer && a.gen === input.gen;
    default:
      return a === input;
  }
}

function newStats(): HostStats {
  return {
    calls: 0,
    messages: 0,
    workersStarted: 0,
    hardKills: 0,
    prefetched: 0,
    hardKillsInCall: 0,
    flushesLost: 0,
    syncWritesLanded: 0,
    bootsVerified: 0,
    bootMismatches: [],
    flushBatches: 0,
    flushRecords: 0,
    flushedAhead: 0,
    held: 0,
    heldMs: 0,
    diedBeforeLanding: 0,
    flushesRestored: 0,
    callMs: {},
    callCount: {},
    waitMs: 0,
    hydrations: 0,
    tailsDropped: 0,
    hydrateMismatches: [],
    errors: [],
  };
}
