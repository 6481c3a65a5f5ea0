/**
 * The browser runtime: where an ensemble's server processes run and where their disks are.
 * `createRuntime()` picks Web Workers + IndexedDB when the browser allows it and falls back to the
 * in-memory LocalPeerHost (clearly labelled, with the reason) when it does not. `EnsembleRun` drives
 * one run on it: the page's Simulation schedules, the workers answer; seeking replays in-process
 * and then hands the state over to the workers (`goLive`). Saved ensembles survive a reload and are
 * resumed by `resumeEnsemble()`: the reload killed every process, so the servers restart and
 * recover from what they wrote (zk-reference §5.2).
 */
import { LocalPeerHost } from '../sim/PeerHost';
import type { PeerHost } from '../sim/PeerHost';
import { parseScenario, serializeScenario } from '../sim/Scenario';
import type { Scenario } from '../sim/Scenario';
import { Simulation } from '../sim/Simulation';
import { PAGE_TRACE_KEEP } from '../sim/TraceLog';
import type { RecordedAction, UserAction } from '../sim/SimulationApi';
import type { SimView } from '../zk/view';
import type { TraceEvent } from '../zk/trace';
import type { Sid } from '../zk/Zxid';
import type { DurableImage } from '../zk/persistence/FileTxnSnapLog';
import { RuntimeFailure, isRuntimeFailure, runtimeError, storageError } from './errors';
import { defaultWorker } from './defaultWorker';
import { probeIndexedDb } from './probe';
import type { RuntimeError } from './errors';
import { loadEnsemble, newEnsembleId, saveEnsemble } from './ensembles';
import type { EnsembleRecord } from './ensembles';
import { fingerprint } from './fingerprint';
import type { Durability, FromWorker, ToWorker } from './protocol';
import { WorkerPeerHost } from './WorkerPeerHost';
import { HostLease } from './HostLease';
import { Ownership } from './Ownership';

export type RuntimeKind = 'workers+indexeddb' | 'in-memory';

/** advance() with a frame budget stops after this much wall time, whatever it waited for */
export const ADVANCE_WALL_CAP_MS = 50;

export interface RuntimeOptions {
  /** the ensemble whose storage the servers use (default: a new id) */
  ensembleId?: string;
  /** skip the checks and run in memory */
  inMemory?: boolean;
  durability?: Durability;
  /** creates a server's worker (default: peer.worker.ts as a module worker) */
  createWorker?: (sid: Sid) => Worker;
  /** storage and worker failures while running (a server stops; the UI should say why) */
  onError?: (e: RuntimeError) => void;
  /** how long the start-up check waits for a worker (default 10 s) */
  probeTimeoutMs?: number;
  viewIntervalMs?: number;
}

/** What createRuntime() gives: the host for the Simulation, its kind, and why it fell back. */
export class BrowserRuntime {
  private current: PeerHost;
  private lease: HostLease | null = null;
  private ownership: Ownership | null = null;
  /** another tab took this ensemble over: this runtime's workers stopped and it writes nothing */
  stopped = false;
  /** whether this tab owns the ensemble (claimed when the runtime is made for it) */
  claimed: Promise<boolean>;

  constructor(
    readonly kind: RuntimeKind,
    readonly ensembleId: string,
    private readonly opts: RuntimeOptions,
    readonly warning?: RuntimeError,
  ) {
    this.current = this.makeHost();
    this.claimed = this.claim();
  }

  /**
   * Takes the ensemble's lock (Ownership): false if another tab runs it. `steal`: take it over —
   * that tab stops its workers and writes nothing more, and this one owns it.
   */
  async claim(steal = false): Promise<boolean> {
    if (this.kind !== 'workers+indexeddb') return true;
    if (this.ownership?.valid) return true;
    const o = await Ownership.claim(this.ensembleId, () => this.lose(), steal);
    if (o && this.stopped) {
      o.release();
      return false;
    }
    this.ownership = o;
    return o !== null;
  }

  /** Another tab took over: stop every worker now, write nothing more, say why. */
  private async lose(): Promise<void> {
    this.stopped = true;
    this.lease?.revoke();
    this.lease = null;
    const host = this.current;
    this.current = new LocalPeerHost();
    if (host instanceof WorkerPeerHost) await host.close();
    this.opts.onError?.({
      ...runtimeError(
        'taken-over',
        `ensemble ${this.ensembleId} is now run by another tab; this tab's workers were stopped`,
      ),
      ensemble: this.ensembleId,
    });
  }

  /** the host the current run uses */
  get host(): PeerHost {
    return this.current;
  }

  /** the worker host, when kind is 'workers+indexeddb' */
  get workerHost(): WorkerPeerHost | null {
    return this.current instanceof WorkerPeerHost ? this.current : null;
  }

  /**
   * A host for a new run: the worker host reset to local (replay) mode, behind a new lease, or a
   * new in-memory one. The previous run's workers are terminated and its lease revoked: a run
   * still stepping finds no process and stops harmlessly, never reaching the new run's processes.
   */
  freshHost(): PeerHost {
    this.lease?.revoke();
    this.lease = null;
    if (this.current instanceof WorkerPeerHost && !this.stopped) {
      this.current.replayLocally();
      this.lease = new HostLease(this.current);
      return this.lease;
    }
    this.current = new LocalPeerHost();
    return this.current;
  }

  /** Whether `host` is the one the newest run was given (its lease was not revoked). */
  isCurrent(host: PeerHost): boolean {
    return host instanceof HostLease ? host.valid && host === this.lease : host === this.current;
  }

  /** The same kind of runtime (no new start-up checks) for another ensemble's storage. */
  forEnsemble(id: string): BrowserRuntime {
    return new BrowserRuntime(this.kind, id, this.opts, this.warning);
  }

  /** Tells the page's onError (a failure outside any server, e.g. saving the run). */
  report(e: RuntimeError): void {
    this.opts.onError?.(e);
  }

  async close(): Promise<void> {
    this.lease?.revoke();
    if (this.current instanceof WorkerPeerHost) await this.current.close();
    this.ownership?.release();
    this.ownership = null;
  }

  private makeHost(): PeerHost {
    if (this.kind === 'in-memory') return new LocalPeerHost();
    return new WorkerPeerHost({
      ensembleId: this.ensembleId,
      createWorker: this.opts.createWorker ?? defaultWorker,
      durability: this.opts.durability,
      onError: this.opts.onError,
      viewIntervalMs: this.opts.viewIntervalMs,
    });
  }
}

/**
 * Picks where servers run. Checks that IndexedDB opens and accepts a write in the page, and that a
 * server worker starts and can use IndexedDB; any failure gives the in-memory host with `warning`
 * saying what failed and what it means.
 */
export async function createRuntime(opts: RuntimeOptions = {}): Promise<BrowserRuntime> {
  const id = opts.ensembleId ?? newEnsembleId();
  if (opts.inMemory) return new BrowserRuntime('in-memory', id, opts);
  const problem = (await probeIndexedDb('zablab/probe-page')) ?? (await probeWorker(opts));
  if (problem) return new BrowserRuntime('in-memory', id, opts, problem);
  return new BrowserRuntime('workers+indexeddb', id, opts);
}

async function probeWorker(opts: RuntimeOptions): Promise<RuntimeError | null> {
  if (typeof Worker === 'undefined') return runtimeError('worker-failed', 'Web Workers are not available');
  let w: Worker;
  try {
    w = (opts.createWorker ?? defaultWorker)(0);
  } catch (e) {
    return runtimeError('worker-failed', `cannot create a worker: ${String(e)}`);
  }
  const timeoutMs = opts.probeTimeoutMs ?? 10_000;
  try {
    return await new Promise<RuntimeError | null>((resolve) => {
      const timer = setTimeout(
        () => resolve(runtimeError('worker-failed', `a server worker did not answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      w.onmessage = (ev: MessageEvent<FromWorker>) => {
        const m = ev.data;
        if (m.t === 'probed' || m.t === 'failed') {
          clearTimeout(timer);
          resolve(m.error);
        }
      };
      w.onerror = (ev: ErrorEvent) => {
        ev.preventDefault();
        clearTimeout(timer);
        resolve(runtimeError('worker-failed', ev.message || 'the server worker failed to load'));
      };
      const probe: ToWorker = { t: 'probe', call: 1, db: 'zablab/probe-worker' };
      w.postMessage(probe);
    });
  } finally {
    w.terminate();
  }
}

// ------------------------------------------------------------------------------------------ runs

export interface OpenRunOptions {
  /** user actions to replay (their step is when they happen) */
  recorded?: readonly RecordedAction[];
  /** the step to open at (replayed in-process, then handed to the workers); default 0 */
  step?: number;
  /** keep this run in the `zablab/ensembles` database (default true on workers+indexeddb) */
  save?: boolean;
  title?: string;
  /** run the invariant checker after every event (default true) */
  check?: boolean;
  /**
   * keep every trace line in memory (benches and tests that hash or read a whole long run); the
   * app's runs keep the last PAGE_TRACE_KEEP lines
   */
  wholeTrace?: boolean;
  /**
   * Opening a saved ensemble after a reload: `recover` (default) — the reload killed every process,
   * so the servers that were up restart now and recover from their IndexedDB; `continue` — the
   * processes are re-created as they were (hydrated), as if nothing had happened.
   */
  resume?: 'recover' | 'continue';
  /**
   * A resume where a server's database disagrees with the replay at the chosen step (deleted,
   * changed outside the app, unreadable, or holding writes the replay does not have): `ask`
   * (default) refuses with a `resume-disagrees` error that lists them and what each choice means;
   * `replay` rewrites those databases from the replay (said in a warning); `disk` keeps what
   * each disk holds — the servers recover from it (or refuse to start on a bad record).
   */
  storage?: StorageChoice;
}

export type StorageChoice = 'ask' | 'replay' | 'disk';

/** A server whose database disagrees with the replay on resume. */
export interface Disagreement {
  sid: Sid;
  /** in English, what the disk holds against what the replay holds */
  how: string;
  /** the disk could not be read (a bad record): keeping it means the server refuses to start */
  unreadable: boolean;
}

/** The outcome of advance(). */
export interface Advanced {
  ran: number;
  finished: boolean;
  /** the trace events of the last step that ran */
  lastEvents: TraceEvent[];
}

export class EnsembleRun {
  private lock: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** a save failed and was reported; the next failures are not, until one succeeds */
  private saveFailing = false;
  private readonly onHide = (): void => void this.save();
  /** a saveFinished() write is in flight / another is owed when it ends */
  private saving = false;
  private saveAgain = false;
  private scenarioText: string | null = null;
  /** problems found while opening (e.g. storage that did not match the replay) */
  readonly warnings: RuntimeError[] = [];

  private constructor(
    readonly runtime: BrowserRuntime,
    readonly sim: Simulation,
    readonly scenario: Scenario,
    private readonly initial: readonly RecordedAction[],
    /** the trace events of the step the run was opened at (what the UI shows as "this step") */
    private opened: readonly TraceEvent[],
    private readonly meta: { save: boolean; title: string; createdAt: number },
  ) {
    if (typeof addEventListener === 'function') addEventListener('pagehide', this.onHide);
  }

  /**
   * A run of `scenario` on `rt` at step 0, replayed in this page (not live yet): a fresh host, the
   * Simulation, and the actions of step 0 done. The caller may step it synchronously (sim.step())
   * to any step, then ensureLive() hands it to the workers. Synchronous, so the UI can rebuild a
   * past step at once.
   */
  static create(
    rt: BrowserRuntime,
    scenario: Scenario,
    opts: Pick<OpenRunOptions, 'recorded' | 'save' | 'title' | 'check' | 'wholeTrace'> & {
      createdAt?: number;
    } = {},
  ): EnsembleRun {
    const host = rt.freshHost();
    // a copy: the caller's list (the engine's history of the branch) grows with later actions, and
    // history() would then count an action both as done and as still to replay (a saved record
    // with it twice: resuming replayed it twice and found every disk 'disagreeing')
    const recorded = [...(opts.recorded ?? [])];
    // the live run keeps a bounded trace (sim/TraceLog.ts): a long run's memory stays flat, and
    // what the page no longer holds is recomputed by replay where it is asked for
    // actions recorded at step 0 apply on construction (Simulation's constructor)
    const sim = new Simulation(scenario, recorded, {
      host,
      check: opts.check,
      trace: opts.wholeTrace ? undefined : { keep: PAGE_TRACE_KEEP },
    });
    return new EnsembleRun(rt, sim, scenario, recorded, [], {
      save: opts.save ?? rt.kind === 'workers+indexeddb',
      title: opts.title ?? scenario.title ?? 'Ensemble',
      createdAt: opts.createdAt ?? Date.now(),
    });
  }

  /**
   * A run of `scenario` on `rt`, at `opts.step`: replayed in-process (fast) and then handed to the
   * workers, whose databases are made equal to the replayed state.
   */
  static async open(rt: BrowserRuntime, scenario: Scenario, opts: OpenRunOptions = {}): Promise<EnsembleRun> {
    const existing = opts.resume ? await loadEnsemble(rt.ensembleId) : null;
    const made = EnsembleRun.create(rt, scenario, {
      ...opts,
      title: opts.title ?? existing?.title,
      createdAt: existing?.createdAt,
    });
    const sim = made.sim;
    const target = opts.step ?? 0;
    while (sim.stepCount < target - 1 && sim.step());
    let lastEvents: TraceEvent[] = [];
    if (sim.stepCount < target) {
      const from = sim.trace.length;
      if (sim.step()) lastEvents = sim.trace.slice(from);
    }
    const run = made.withOpenedEvents(lastEvents);
    const wh = rt.workerHost;
    if (wh) {
      if (opts.resume) await run.checkStorage(wh, opts.storage ?? 'ask');
      if (opts.resume === 'recover') {
        const up = sim
          .view()
          .servers.filter((s) => s.up)
          .map((s) => s.sid);
        if (up.length) {
          const from = sim.trace.length;
          sim.act({ crash: up });
          sim.act({ restart: up });
          run.opened = [...lastEvents, ...sim.trace.slice(from)];
        }
      }
      await wh.goLive(sim);
    }
    await run.save();
    return run;
  }

  private withOpenedEvents(events: readonly TraceEvent[]): EnsembleRun {
    this.opened = events;
    return this;
  }

  /** the trace events of the step the run was opened at (what the UI shows as "this step") */
  get openedEvents(): readonly TraceEvent[] {
    return this.opened;
  }

  /** True when the servers run in workers at the current step (or the runtime is in memory). */
  get live(): boolean {
    const wh = this.runtime.workerHost;
    return !wh || wh.mode === 'workers';
  }

  /** Hands a run replayed in this page to the workers (hydrating them and their databases). */
  ensureLive(): Promise<void> {
    return this.exclusive(() => this.goLiveNow());
  }

  private async goLiveNow(): Promise<void> {
    if (this.closed) throw new Error('this run was closed');
    const wh = this.runtime.workerHost;
    if (wh && wh.mode === 'local' && this.runtime.isCurrent(this.sim.host)) await wh.goLive(this.sim);
  }

  /**
   * Stops this run at once, without saving: a newer run on the same runtime replaced it. Anything
   * it was doing finds its host's processes gone.
   */
  abandon(): void {
    this.closed = true;
    if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.onHide);
  }

  /**
   * Resume mode: does each server's database hold what the replay says it wrote? Where it does not,
   * nothing is rewritten without the user's choice (`storage`): a durable write the replay lacks
   * would be rolled back, a wiped or damaged disk would be silently "repaired".
   */
  private async checkStorage(wh: WorkerPeerHost, storage: StorageChoice): Promise<void> {
    const found = await disagreements(this.sim, wh);
    if (found.length === 0) return;
    const step = this.sim.stepCount;
    if (storage === 'ask')
      throw new RuntimeFailure({
        ...runtimeError(
          'resume-disagrees',
          `resuming at step ${step}:\n` + found.map((d) => `server ${d.sid}: ${d.how}`).join('\n'),
        ),
        ensemble: this.ensembleId,
        servers: found.map((d) => d.sid),
      });
    for (const d of found) {
      if (storage === 'replay') {
        this.warnings.push(
          runtimeError(
            'resume-rewritten',
            `server ${d.sid}: ${d.how}; rewritten from the replay at step ${step}, as chosen`,
            d.sid,
          ),
        );
        continue;
      }
      // keep the disk: the run's record of this server becomes what its disk holds
      if (!d.unreadable) this.sim.store(d.sid)!.replaceImage(await wh.readImage(d.sid));
      wh.keepDisk(d.sid);
      this.warnings.push(
        runtimeError(
          'storage-diverged',
          `server ${d.sid}: ${d.how}; kept as it is (the run now departs from its replay here)`,
          d.sid,
          `dataDir of server ${d.sid}`,
        ),
      );
    }
  }

  /**
   * The operator's other remedy: rewrite `sid`'s database from the run's replay (what the run says
   * it wrote) and, if it is down, start it again. Nothing is recorded: the run stays its replay.
   */
  restoreFromReplay(sid: Sid): Promise<void> {
    return this.exclusive(async () => {
      const wh = this.runtime.workerHost;
      const store = this.sim.store(sid);
      if (!wh || !store) throw new Error(`no server ${sid} on workers`);
      await wh.rewriteDisk(sid, store.image(), this.sim.stepCount);
      await this.save();
    });
  }

  get kind(): RuntimeKind {
    return this.runtime.kind;
  }

  get ensembleId(): string {
    return this.runtime.ensembleId;
  }

  /** Every recorded action, including the replayed ones still ahead. */
  history(): RecordedAction[] {
    const applied = new Set(this.sim.recorded);
    const ahead = this.initial.filter((r) => r.step > 0 && !applied.has(r));
    return [...this.sim.recorded, ...ahead].sort((a, b) => a.step - b.step);
  }

  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const p = this.lock.then(f);
    this.lock = p.catch(() => undefined);
    return p;
  }

  /** Processes that died on their own between steps (hard kills, worker failures) crash now. */
  private reapKilled(): void {
    const killed = this.runtime.workerHost?.takeKilled() ?? [];
    if (killed.length) this.sim.act({ crash: killed });
  }

  private async stepOnce(): Promise<boolean> {
    await this.goLiveNow();
    this.reapKilled();
    return this.sim.stepAsync();
  }

  /** Up to `n` steps, overlapping calls to different workers where the order allows it. */
  private async stepMany(n: number): Promise<number> {
    await this.goLiveNow();
    this.reapKilled();
    return this.sim.stepsAsync(n);
  }

  /** Processes the next event; false when nothing is left before `until`. */
  step(): Promise<boolean> {
    return this.exclusive(async () => {
      const ok = await this.stepOnce();
      this.saveFinished();
      return ok;
    });
  }

  /**
   * Up to `n` events, stopping once the page's own time in them passes `budgetMs` (the player's
   * frame budget is main-thread time: while the Simulation waits for a worker's answer, or for a
   * batch to land before a delivery, the thread is free to draw) or their wall time passes
   * `ADVANCE_WALL_CAP_MS` (a picture at least that often, and a runtime that cannot keep up says so
   * by running fewer than asked).
   */
  advance(n: number, budgetMs = Infinity): Promise<Advanced> {
    return this.exclusive(async () => {
      const start = performance.now();
      const host = this.runtime.workerHost;
      const waited0 = host?.stats.waitMs ?? 0;
      const within = (): boolean => {
        if (!Number.isFinite(budgetMs)) return true;
        const wall = performance.now() - start;
        const own = wall - ((host?.stats.waitMs ?? 0) - waited0);
        return own <= budgetMs && wall <= Math.max(budgetMs, ADVANCE_WALL_CAP_MS);
      };
      let ran = 0;
      let finished = false;
      let lastEvents: TraceEvent[] = [];
      // in chunks (calls overlap within a chunk), then the last step alone for its events
      let chunk = 16;
      while (ran < n - 1 && within()) {
        const want = Math.min(chunk, n - 1 - ran);
        const did = await this.stepMany(want);
        ran += did;
        if (did < want) {
          finished = true;
          break;
        }
        chunk = Math.min(chunk * 2, Number.isFinite(budgetMs) ? 32 : 512);
      }
      if (!finished && ran < n) {
        const from = this.sim.trace.length;
        if (await this.stepOnce()) {
          ran++;
          lastEvents = this.sim.trace.slice(from);
        } else finished = true;
      }
      this.saveFinished();
      return { ran, finished, lastEvents };
    });
  }

  /** Runs to the scenario's end. */
  runToEnd(): Promise<void> {
    return this.exclusive(async () => {
      while ((await this.stepMany(512)) === 512);
      this.sim.now = Math.max(this.sim.now, this.sim.until);
      await this.save();
    });
  }

  /** Does something to the ensemble between two steps (waits for a step in progress). */
  act(action: UserAction): Promise<void> {
    return this.exclusive(async () => {
      await this.goLiveNow();
      this.reapKilled();
      this.sim.act(action);
      await this.save();
    });
  }

  /** The picture at the current step, with fresh server views from the workers. */
  view(): Promise<SimView> {
    return this.exclusive(async () => {
      await this.runtime.workerHost?.refreshViews();
      return this.sim.view();
    });
  }

  /** The picture now, with each server's latest view (throttled while running). */
  viewNow(): SimView {
    return this.sim.view();
  }

  /** Terminates a server's worker at this very moment (chaos: a crash at a real moment). */
  hardKill(sid: Sid): boolean {
    return this.runtime.workerHost?.hardKill(sid) ?? false;
  }

  /**
   * Saves the step just finished, without waiting. Every step the page finished had all its calls
   * answered, so after a reload resuming starts its search from the saved step (stepOfDisks).
   */
  private saveFinished(): void {
    // one write in flight at a time: steps finished meanwhile are saved by one write after it
    // (the newest step; each write reads the run when it starts), not by a queue of writes that
    // cost the page a frame's worth of time per second while playing
    if (this.saving) {
      this.saveAgain = true;
      return;
    }
    this.saving = true;
    void this.save()
      .catch((e: unknown) => {
        // a failure names the write (not a server's log) and is told once until a save succeeds
        const error = {
          ...(e instanceof RuntimeFailure ? e.error : storageError(e)),
          write: `saved-ensemble record (zablab/ensembles, key ${this.ensembleId})`,
        };
        if (this.saveFailing) return;
        this.saveFailing = true;
        this.runtime.report(error);
      })
      .finally(() => {
        this.saving = false;
        if (this.saveAgain) {
          this.saveAgain = false;
          this.saveFinished();
        }
      });
  }

  /** Writes (scenario, recorded actions, step) to the ensembles database. */
  async save(): Promise<void> {
    if (!this.meta.save || this.closed || this.runtime.stopped) return;
    // an untouched run (step 0, nothing done) is not worth keeping
    if (this.sim.stepCount === 0 && this.history().length === 0) return;
    const { voters, observers } = this.scenario.ensemble;
    const rec: EnsembleRecord = {
      id: this.ensembleId,
      title: this.meta.title,
      // the scenario never changes in a run: serialized once
      scenario: (this.scenarioText ??= serializeScenario(this.scenario)),
      recorded: this.history(),
      step: this.sim.stepCount,
      t: this.sim.now,
      voters,
      observers,
      createdAt: this.meta.createdAt,
      updatedAt: Date.now(),
    };
    // the step saved is one every database has reached: a batch a server heard `flushed` for may
    // still be committing, and after a reload a disk behind the saved step would read as damaged
    try {
      await this.runtime.workerHost?.flushesLanded();
    } catch {
      return; // it never will: the run stops with that storage error, the last save stands
    }
    await saveEnsemble(rec);
    this.saveFailing = false;
  }

  /** Saves, then stops every worker (their storage stays). */
  close(): Promise<void> {
    return this.exclusive(async () => {
      try {
        await this.save();
      } finally {
        this.closed = true;
        if (typeof removeEventListener === 'function') removeEventListener('pagehide', this.onHide);
        await this.runtime.close();
      }
    });
  }
}

/** What one durable image holds, in a few words. */
function describeDisk(img: DurableImage): { text: string; zxids: Set<number>; empty: boolean } {
  const zxids = new Set<number>();
  for (const f of img.logs) for (const t of f.txns) zxids.add(t.hdr.zxid);
  const empty = zxids.size === 0 && img.snapshots.length === 0 && img.currentEpoch === null;
  const last = Math.max(0, ...zxids);
  return {
    text: empty
      ? 'nothing'
      : `${zxids.size} logged txns up to 0x${last.toString(16)}, currentEpoch ${img.currentEpoch ?? 'none'}`,
    zxids,
    empty,
  };
}

/** Servers whose database is not what the replay says they wrote, and how. */
export async function disagreements(sim: Simulation, wh: WorkerPeerHost): Promise<Disagreement[]> {
  const out: Disagreement[] = [];
  for (const sid of sim.sids) {
    const mirror = sim.store(sid)!.image();
    let disk: DurableImage;
    try {
      disk = await wh.readImage(sid);
    } catch (e) {
      if (!isRuntimeFailure(e) || e.error.code !== 'storage-corrupt') throw e;
      out.push({ sid, how: `its database cannot be read: ${e.error.detail}`, unreadable: true });
      continue;
    }
    if (fingerprint(mirror) === fingerprint(disk)) continue;
    const d = describeDisk(disk);
    const m = describeDisk(mirror);
    const extra = [...d.zxids].filter((z) => !m.zxids.has(z)).sort((a, b) => a - b);
    let how = d.empty
      ? `its database is empty (deleted or cleared outside the app); the replay has ${m.text}`
      : `its database holds ${d.text}; the replay at step ${sim.stepCount} has ${m.text}`;
    if (extra.length)
      how += `; rewriting it would roll back ${extra.map((z) => '0x' + z.toString(16)).join(', ')}, which it had durably logged`;
    else if (!d.empty && m.zxids.size === d.zxids.size)
      how += ' (same txns, other content: changed outside the app)';
    out.push({ sid, how, unreadable: false });
  }
  return out;
}

/**
 * Opens a saved ensemble after a reload, at the step its databases are at (stepOfDisks: from the
 * saved step, the last step at which every server still had all its writes). `recover` (default):
 * the servers that were up restart and recover from IndexedDB.
 */
export async function resumeEnsemble(
  id: string,
  opts: RuntimeOptions & {
    mode?: 'recover' | 'continue';
    check?: boolean;
    storage?: StorageChoice;
    /** it runs in another tab: take it over (that tab stops and writes nothing more) */
    takeOver?: boolean;
    /** a runtime already checked (its kind and options are reused; no new start-up checks) */
    runtime?: BrowserRuntime;
  } = {},
): Promise<EnsembleRun> {
  const rec = await loadEnsemble(id);
  if (!rec) throw new RuntimeFailure(runtimeError('resume-failed', `no saved ensemble "${id}"`));
  const parsed = parseScenario(rec.scenario);
  if (!parsed.ok) throw new RuntimeFailure(runtimeError('resume-failed', parsed.errors.join('\n')));
  const rt = opts.runtime ? opts.runtime.forEnsemble(id) : await createRuntime({ ...opts, ensembleId: id });
  const wh = rt.workerHost;
  if (!wh)
    throw new RuntimeFailure(rt.warning ?? runtimeError('resume-failed', 'IndexedDB is not available'));
  // one owner per ensemble: another tab running it is asked to stop only when the user chose so
  if (!(await rt.claimed) && !(opts.takeOver && (await rt.claim(true)))) {
    await rt.close();
    throw new RuntimeFailure({
      ...runtimeError('owned-elsewhere', `ensemble ${id} is running in another tab or window`),
      ensemble: id,
    });
  }
  try {
    const disks = new Map<Sid, DurableImage>();
    for (let sid = 1; sid <= rec.voters + rec.observers; sid++) {
      try {
        disks.set(sid, await wh.readImage(sid));
      } catch (e) {
        // an unreadable disk matches no step; EnsembleRun.open reports it with the others
        if (!isRuntimeFailure(e) || e.error.code !== 'storage-corrupt') throw e;
      }
    }
    const step = stepOfDisks(parsed.scenario, rec.recorded, rec.step, disks) ?? rec.step;
    const mode = opts.mode ?? 'recover';
    // recovering forks the history here: what was recorded beyond this step did not happen
    const recorded = mode === 'recover' ? rec.recorded.filter((r) => r.step <= step) : rec.recorded;
    return await EnsembleRun.open(rt, parsed.scenario, {
      recorded,
      step,
      resume: mode,
      check: opts.check,
      storage: opts.storage,
    });
  } catch (e) {
    // a resume that did not happen (the user is asked first) holds neither workers nor the lock
    await rt.close();
    throw e;
  }
}

/**
 * The step to resume a saved ensemble at, from what its databases hold. The saved step `from` is
 * the last step the page finished and showed (it is saved after every job), so it is the answer
 * whenever the databases agree with it. They can be ahead of it: calls still in flight when the
 * page closed (sent ahead to other servers, or a job not yet finished) may have written more. Each
 * server's writes reach its database in the order of its calls, so its database equals the run's
 * mirror of it over a range of steps. Replaying from `from`:
 *  - the first step at which every server's mirror equals its database is the answer: the disks
 *    hold exactly what the run had written there, and nothing after it left a trace on any disk,
 *    so a later step would invent history (an idle run would otherwise walk to `limit`);
 *  - if a server's mirror moves past its database before that happens (its in-flight write was
 *    lost while another server's was kept), the answer is the step before; a server whose
 *    database holds writes beyond it (of calls in flight, never acknowledged) is not rewritten
 *    without the user's choice: EnsembleRun.open (checkStorage) asks, keep the disk or rewrite it
 *    from the replay, and says which was done.
 * Null if no server's database matches any step in the window (`limit` steps from `from`).
 */
export function stepOfDisks(
  scenario: Scenario,
  recorded: readonly RecordedAction[],
  from: number,
  disks: ReadonlyMap<Sid, DurableImage>,
  limit = 100_000,
): number | null {
  const sim = new Simulation(scenario, recorded, { check: false });
  while (sim.stepCount < from && sim.step());
  if (sim.stepCount < from) return null;
  const want = new Map([...disks].map(([sid, img]) => [sid, fingerprint(img)]));
  const seen = new Map<Sid, number>();
  const same = new Map<Sid, boolean>();
  const matched = new Set<Sid>();
  for (let i = 0; ; i++) {
    let all = true;
    for (const [sid, print] of want) {
      const store = sim.store(sid);
      if (!store) continue;
      // a server's image is fingerprinted again only after it changed
      if (seen.get(sid) !== store.version) {
        seen.set(sid, store.version);
        same.set(sid, fingerprint(store.peek()) === print);
      }
      if (same.get(sid)) matched.add(sid);
      else {
        all = false;
        // this server's mirror has moved past its database: the step before is the one
        if (matched.has(sid)) return sim.stepCount - 1;
      }
    }
    if (all) return sim.stepCount;
    if (i >= limit || !sim.step()) return matched.size > 0 ? from : null;
  }
}
