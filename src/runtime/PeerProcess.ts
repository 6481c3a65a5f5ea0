/**
 * One ZooKeeper server process as a message handler: a QuorumPeer (the deterministic core) with
 * its dataDir on IndexedDB (IdbDurableStore). peer.worker.ts runs it in a Web Worker; tests run it
 * in Node behind an in-process worker shim. The page schedules; the process only answers.
 *
 * Durability, as ZooKeeper's threads do it (SyncRequestProcessor, SendAckRequestProcessor):
 *  - `storageSync` ops (epoch files, snapshots, truncate: blocking writes) are written in one
 *    transaction that commits before the effects of that input leave the process;
 *  - `storageFlush {token, ops}` (a group-commit batch) is written in ONE transaction as soon as the
 *    SyncRequestProcessor hands it over — FileTxnLog.append writes as it goes, only the fsync is
 *    the batch's flush — without holding anything up. The batch counts as durable at the page's
 *    `flushed(token)` (the run's virtual fsync), which the peer hears at once, commit or not: the
 *    write overlaps the run. What the commit guards is held back in the page instead: the answer
 *    names the batches not yet committed (`unlanded`), the process posts `landed` for each when
 *    it commits, and until then nothing the process sends is delivered (Simulation.heldBack) — an
 *    ACK (and everything SyncRequestProcessor.flush releases to the next processor: the leader's
 *    own ack and COMMIT, a client's reply, a learner's NEWLEADER ack) arrives only after its txns
 *    are on disk. If the process dies first, the page writes them from its mirror before anything
 *    held is delivered or the server starts again (WorkerPeerHost.restoreFlushed). Txns written
 *    ahead of their `flushed` are the log's unflushed tail (unflushedTail.ts): a crash loses
 *    them, and the page takes them off the database before the server starts again.
 *  - `boot` ignores the page's image: the process reads its own dataDir (§5.2) — a restart is a
 *    real recovery from what was written.
 * Writes reach IndexedDB one transaction after the other, in the order the peer made them. A
 * truncate or purge while batches written ahead are not yet flushed is written as the page's
 * mirror has it (the blocking write first, the batches after it).
 * `terminate()` of the worker is a crash: memory is gone and a transaction in progress aborts.
 * Every write carries a `meta.lastTx` tag, so the page can tell afterwards which writes reached
 * the disk. A write that fails (quota, IndexedDB error) makes the process exit, as ZooKeeper's
 * SyncRequestProcessor does on an IOException.
 */
import { QuorumPeer } from '../zk/QuorumPeer';
import type { PeerEffect, PeerInput } from '../zk/PeerIO';
import { applyStorageOps } from '../zk/persistence/FileTxnSnapLog';
import type { DurableImage, StorageOp } from '../zk/persistence/FileTxnSnapLog';
import type { TxnRecord } from '../zk/txn';
import { Random } from '../zk/Random';
import { IdbDurableStore, opRefs } from './IdbDurableStore';
import type { StorageOpRef, WriteTag } from './IdbDurableStore';
import { RuntimeFailure, runtimeError, storageError } from './errors';
import type { RuntimeError } from './errors';
import { fingerprint } from './fingerprint';
import { probeIndexedDb } from './probe';
import { withoutTail } from './unflushedTail';
import type { FromWorker, RecordedCall, RoleInfo, ToWorker, WireInput } from './protocol';

/** A group-commit batch handed over by the peer, until its `flushed`. */
interface Batch {
  ops: StorageOp[];
  /** its write, once started (null: written at `flushed`, e.g. a batch emitted during hydration) */
  write: Promise<void> | null;
  /** the write failed: the batch never became durable */
  failed: RuntimeError | null;
  /** the write committed */
  written: boolean;
  /** the page was told it has not landed yet (`unlanded`): it hears `landed` when it does */
  announced: boolean;
}

export interface PeerProcess {
  /** a message from the page */
  receive(m: ToWorker): void;
  /** the worker is terminated (an in-process host's crash): no write after this one starts */
  stop(): void;
}

/** Creates a process; `post` sends to the page. */
export function createPeerProcess(post: (m: FromWorker) => void): PeerProcess {
  let peer: QuorumPeer | null = null;
  let store: IdbDurableStore | null = null;
  let sid = 0;
  let inc = 0;
  const pendingFlush = new Map<number, Batch>();
  /** set when a storage failure made the process exit: it answers nothing more */
  let dead = false;
  let chain: Promise<void> = Promise.resolve();
  /** the last write queued: each IndexedDB transaction starts when the one before has finished */
  let writes: Promise<void> = Promise.resolve();

  function queueWrite(f: () => Promise<void>): Promise<void> {
    const p = writes.then(f);
    writes = p.catch(() => undefined);
    return p;
  }

  function role(p: QuorumPeer): RoleInfo {
    return { state: p.state, zabState: p.zabState };
  }

  function need<T>(x: T | null): T {
    if (x === null) throw new Error('the worker has no process (spawn first)');
    return x;
  }

  function asError(e: unknown): RuntimeError {
    if (e instanceof RuntimeFailure) return e.error;
    const msg = e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    return runtimeError('worker-failed', msg, sid || undefined);
  }

  /** The process stops: a storage failure is fatal to a ZooKeeper server. */
  function exitEffects(now: number, error: RuntimeError): PeerEffect[] {
    dead = true;
    // a dataDir that cannot be read stops QuorumPeer.start as ZooKeeper words it
    const reason =
      error.code === 'storage-corrupt'
        ? `Unable to load database on disk: ${error.detail}`
        : `${error.title}: ${error.detail}`;
    return [
      { kind: 'trace', ev: { t: now, ev: 'shutdown', sid, reason } },
      { kind: 'exit', reason },
    ];
  }

  /**
   * Starts writing a batch now. Its `flushed` does not wait for the commit: the page holds back
   * whatever this process sends after it until `landed` (announce); a write that fails after the
   * page was told it would land is fatal, as an IOException in SyncRequestProcessor.flush is.
   */
  function writeAhead(b: Batch, token: number, tag: WriteTag): void {
    const s = need(store);
    b.write = queueWrite(() => s.apply(b.ops, tag)).then(
      () => {
        b.written = true;
        if (b.announced) post({ t: 'landed', token });
      },
      (e: unknown) => {
        b.failed = storageError(e, sid);
        if (b.announced) fail(b.failed);
      },
    );
  }

  /** A storage failure outside any call: the process exits and says why (the page crashes it). */
  function fail(error: RuntimeError): void {
    if (dead) return;
    dead = true;
    post({ t: 'failed', call: null, error });
  }

  /**
   * The blocking writes of one input. A truncate or purge while batches written ahead await their
   * flush: the mirror applies it before those batches, so the database is rewritten that way.
   */
  async function writeSync(sync: StorageOp[], tag: WriteTag): Promise<void> {
    const s = need(store);
    const ahead = [...pendingFlush.values()].filter((b) => b.write !== null);
    if (!ahead.length || !sync.some((o) => o.op === 'truncate' || o.op === 'purge')) {
      await queueWrite(() => s.apply(sync, tag));
      return;
    }
    await queueWrite(async () => {
      await Promise.all(ahead.map((b) => b.write));
      const landed = ahead.filter((b) => b.written);
      const img = withoutTail(
        await s.image(),
        landed.reduce((n, b) => n + b.ops.length, 0),
      );
      applyStorageOps(img, sync, true);
      for (const b of landed) applyStorageOps(img, b.ops, true);
      await s.replace(img, tag);
    });
  }

  async function handle(
    call: number,
    step: number,
    inputs: WireInput[],
    now: number,
    wantView: boolean,
  ): Promise<void> {
    const p = need(peer);
    const s = need(store);
    const results: PeerEffect[][] = [];
    let bootMismatch: string | null = null;
    let flushLost = false;
    let error: RuntimeError | null = null;
    /** batches handed over during this call: written once the answer is on its way */
    const handedOver: number[] = [];
    /** batches whose `flushed` was heard before their write committed */
    const flushedAhead: [number, Batch][] = [];
    let syncRefs: StorageOpRef[] | undefined;
    for (const wire of inputs) {
      if (dead) break;
      let input: PeerInput | null = null;
      let effects: PeerEffect[] = [];
      flushLost = false;
      try {
        if (wire.kind === 'boot') {
          const image = await s.image();
          if (wire.imageHash !== null) {
            const mine = fingerprint(image);
            if (mine !== wire.imageHash)
              bootMismatch = `S${sid} booted from IndexedDB image ${mine} (${describeImage(image)}), the page's mirror is ${wire.imageHash}`;
          }
          input = { kind: 'boot', image };
        } else input = wire;
      } catch (e) {
        error = storageError(e, sid);
      }
      if (input && input.kind === 'flushed') {
        const b = pendingFlush.get(input.token);
        if (b) {
          if (b.write === null)
            writeAhead(b, input.token, { inc, call, step, phase: 'flush', token: input.token });
          pendingFlush.delete(input.token);
          if (b.failed) {
            error = b.failed;
            flushLost = true;
          } else if (!b.written) flushedAhead.push([input.token, b]);
        }
      }
      const sync: StorageOp[] = [];
      if (input && !error) {
        effects = p.handle(input, now);
        for (const fx of effects) {
          if (fx.kind === 'storageSync') for (const o of fx.ops) sync.push(o);
          else if (fx.kind === 'storageFlush') {
            pendingFlush.set(fx.token, newBatch(fx.ops));
            handedOver.push(fx.token);
          }
        }
        if (sync.length > 0) {
          syncRefs = opRefs(sync);
          try {
            await writeSync(sync, { inc, call, step, phase: 'sync', ops: syncRefs });
          } catch (e) {
            error = storageError(e, sid);
          }
        }
      }
      if (error) effects = exitEffects(now, error);
      results.push(effects);
      // the rest wait for another call: after blocking writes (so that a crash during this call
      // has at most one input's writes to account for) or the process's end
      if (error || sync.length > 0 || effects.some((fx) => fx.kind === 'exit')) break;
    }
    // the page holds back what this process sent after each of these until it hears `landed`
    const unlanded: number[] = [];
    for (const [token, b] of flushedAhead) {
      if (b.written) continue;
      b.announced = true;
      unlanded.push(token);
    }
    post({
      t: 'effects',
      call,
      effects: results,
      role: role(p),
      clients: [...p.clients.keys()],
      view: wantView && !error ? p.view() : null,
      flushLost,
      unlanded,
      bootMismatch,
      error,
    });
    // one that failed in the meantime: the page waits for a write that will never land
    for (const [, b] of flushedAhead) if (b.announced && b.failed) fail(b.failed);
    // the batches of this call go to IndexedDB now; each tag names this call and its blocking
    // writes (written before them), so a crash in the next call finds them told apart
    if (!dead)
      for (const token of handedOver) {
        const b = pendingFlush.get(token);
        if (b && b.write === null)
          writeAhead(b, token, {
            inc,
            call,
            step,
            phase: 'flush',
            token,
            ...(syncRefs ? { ops: syncRefs } : {}),
          });
      }
  }

  async function hydrate(
    call: number,
    step: number,
    bootImage: DurableImage,
    calls: RecordedCall[],
    finalImage: DurableImage,
    viewHash: string | null,
  ): Promise<void> {
    const p = need(peer);
    const s = need(store);
    // what the page's mirror must hold if this replay is faithful: the boot image plus every
    // blocking write and every completed flush, in call order
    const disk = structuredClone(bootImage);
    for (const c of calls) {
      const input: PeerInput = c.input.kind === 'boot' ? { kind: 'boot', image: bootImage } : c.input;
      if (input.kind === 'flushed') {
        const b = pendingFlush.get(input.token);
        if (b) {
          applyStorageOps(disk, b.ops, true);
          pendingFlush.delete(input.token);
        }
      }
      for (const fx of p.handle(input, c.now)) {
        if (fx.kind === 'storageSync') applyStorageOps(disk, fx.ops, true);
        else if (fx.kind === 'storageFlush') pendingFlush.set(fx.token, newBatch(fx.ops));
      }
    }
    const problems: string[] = [];
    const want = fingerprint(finalImage);
    const got = fingerprint(disk);
    if (want !== got) problems.push(`storage replayed to ${got}, the page's mirror is ${want}`);
    const view = p.view();
    if (viewHash !== null) {
      const vh = fingerprint(view);
      if (vh !== viewHash) problems.push(`view replayed to ${vh}, the in-process peer's is ${viewHash}`);
    }
    await queueWrite(() => s.replace(finalImage, { inc, call, step, phase: 'hydrate' }));
    post({
      t: 'hydrated',
      call,
      view,
      role: role(p),
      clients: [...p.clients.keys()],
      mismatch: problems.length ? `S${sid}: ${problems.join('; ')}` : null,
    });
  }

  async function dispatch(m: ToWorker): Promise<void> {
    try {
      switch (m.t) {
        case 'spawn':
          sid = m.cfg.sid;
          inc = m.cfg.incarnation;
          store = await IdbDurableStore.open(m.db, { durability: m.durability, sid });
          peer = new QuorumPeer(m.cfg, new Random(m.seed, m.stream));
          post({ t: 'ready' });
          return;
        case 'handle':
          if (dead) {
            post({
              t: 'effects',
              call: m.call,
              effects: [],
              role: role(need(peer)),
              clients: [],
              view: null,
              flushLost: false,
              unlanded: [],
              bootMismatch: null,
              error: null,
            });
            return;
          }
          await handle(m.call, m.step, m.inputs, m.now, m.view);
          return;
        case 'view': {
          const p = need(peer);
          post({ t: 'view', call: m.call, view: p.view(), role: role(p), clients: [...p.clients.keys()] });
          return;
        }
        case 'hydrate':
          await hydrate(m.call, m.step, m.bootImage, m.calls, m.finalImage, m.viewHash);
          return;
        case 'image': {
          await writes;
          post({ t: 'image', call: m.call, image: await need(store).image() });
          return;
        }
        case 'probe':
          post({ t: 'probed', call: m.call, error: await probeIndexedDb(m.db) });
          return;
        case 'rawWrite':
          post({
            t: 'rawWritten',
            call: m.call,
            ...(await rawWrite(m.db, m.sample, m.records, m.batch, m.tag ?? false)),
          });
          return;
      }
    } catch (e) {
      post({ t: 'failed', call: 'call' in m ? m.call : null, error: asError(e) });
    }
  }

  return {
    // one request at a time, in arrival order (handlers await IndexedDB)
    receive(m: ToWorker): void {
      chain = chain.then(() => dispatch(m));
    },
    stop(): void {
      dead = true;
      store?.close();
    },
  };
}

function newBatch(ops: StorageOp[]): Batch {
  return { ops, write: null, failed: null, written: false, announced: false };
}

/** What a dataDir holds, in a few words (for the boot-mismatch report). */
function describeImage(img: DurableImage): string {
  let n = 0;
  let last = 0;
  for (const f of img.logs)
    for (const t of f.txns) {
      n++;
      last = t.hdr.zxid;
    }
  if (n === 0 && img.snapshots.length === 0 && img.currentEpoch === null) return 'an empty dataDir';
  return `${n} logged txns up to 0x${last.toString(16)}, ${img.snapshots.length} snapshots, currentEpoch ${img.currentEpoch ?? 'none'}`;
}

/**
 * Benchmark: `records` copies of `sample` (zxids renumbered) appended to a scratch database `db`,
 * `batch` per transaction, through the same store code the servers use; then it is deleted.
 */
async function rawWrite(
  db: string,
  sample: TxnRecord,
  records: number,
  batch: number,
  tag: boolean,
): Promise<{ ms: number; transactions: number }> {
  await IdbDurableStore.delete(db);
  const s = await IdbDurableStore.open(db);
  const ops: StorageOp[] = [];
  for (let i = 0; i < records; i++) {
    const txn: TxnRecord = { hdr: { ...sample.hdr, zxid: 0x100000000 + i + 1 }, txn: sample.txn };
    ops.push({ op: 'append', txn, newFile: i === 0 });
  }
  const t0 = performance.now();
  for (let i = 0; i < ops.length; i += batch)
    await s.apply(
      ops.slice(i, i + batch),
      tag ? { inc: 1, call: i + 1, step: i + 1, phase: 'flush', token: i + 1 } : undefined,
    );
  const ms = performance.now() - t0;
  const transactions = s.transactions;
  s.close();
  await IdbDurableStore.delete(db);
  return { ms, transactions };
}
