/**
 * One ZooKeeper server process in a module Web Worker: a QuorumPeer (the deterministic core) with
 * its dataDir on IndexedDB (IdbDurableStore). The page schedules; this worker only answers.
 *
 * Durability, as ZooKeeper's threads do it:
 *  - `storageSync` ops (epoch files, snapshots, truncate: blocking writes) are written in one
 *    transaction that commits before the effects of that call leave the worker;
 *  - `storageFlush {token, ops}` (a group-commit batch) is held until the page says the fsync is
 *    due (`flushed(token)`); the batch is then written in ONE transaction, and only after it has
 *    committed does the peer hear `flushed` — so an ACK leaves only after its txn is durable. The
 *    page's mirror applies the batch at that same step, so both stores see writes in one order.
 *  - `boot` ignores the page's image: the process reads its own dataDir (§5.2) — a restart is a
 *    real recovery from what was written.
 * `worker.terminate()` is a crash: memory is gone and a transaction in progress aborts. Every write
 * carries a `meta.lastTx` tag, so the page can tell afterwards which writes reached the disk.
 * A write that fails (quota, IndexedDB error) makes the process exit, as ZooKeeper's
 * SyncRequestProcessor does on an IOException.
 */
/// <reference lib="webworker" />
import { QuorumPeer } from '../zk/QuorumPeer';
import type { PeerEffect, PeerInput } from '../zk/PeerIO';
import { applyStorageOps } from '../zk/persistence/FileTxnSnapLog';
import type { DurableImage, StorageOp } from '../zk/persistence/FileTxnSnapLog';
import type { TxnRecord } from '../zk/txn';
import { Random } from '../zk/Random';
import { IdbDurableStore, opRefs } from './IdbDurableStore';
import { RuntimeFailure, runtimeError, storageError } from './errors';
import type { RuntimeError } from './errors';
import { fingerprint } from './fingerprint';
import { probeIndexedDb } from './probe';
import type { FromWorker, RecordedCall, RoleInfo, ToWorker, WireInput } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let peer: QuorumPeer | null = null;
let store: IdbDurableStore | null = null;
let sid = 0;
let inc = 0;
/** group-commit batches emitted by the peer, waiting for the page's `flushed(token)` */
const pendingFlush = new Map<number, StorageOp[]>();
/** set when a storage failure made the process exit: it answers nothing more */
let dead = false;
let chain: Promise<void> = Promise.resolve();

function post(m: FromWorker): void {
  scope.postMessage(m);
}

function role(p: QuorumPeer): RoleInfo {
  return { state: p.state, zabState: p.zabState };
}

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const m = ev.data;
  // one request at a time, in arrival order (handlers await IndexedDB)
  chain = chain.then(() => dispatch(m));
};

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
        await handle(m.call, m.step, m.input, m.now, m.view);
        return;
      case 'view': {
        const p = need(peer);
        post({ t: 'view', call: m.call, view: p.view(), role: role(p), clients: [...p.clients.keys()] });
        return;
      }
      case 'hydrate':
        await hydrate(m.call, m.step, m.bootImage, m.calls, m.finalImage, m.viewHash);
        return;
      case 'image':
        post({ t: 'image', call: m.call, image: await need(store).image() });
        return;
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

async function handle(
  call: number,
  step: number,
  wire: WireInput,
  now: number,
  wantView: boolean,
): Promise<void> {
  const p = need(peer);
  const s = need(store);
  if (dead) {
    post({
      t: 'effects',
      call,
      effects: [],
      role: role(p),
      clients: [],
      view: null,
      flushLost: false,
      bootMismatch: null,
      error: null,
    });
    return;
  }
  let input: PeerInput | null = null;
  let bootMismatch: string | null = null;
  let flushLost = false;
  let error: RuntimeError | null = null;
  let effects: PeerEffect[] = [];
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
    const ops = pendingFlush.get(input.token);
    if (ops) {
      try {
        await s.apply(ops, { inc, call, step, phase: 'flush', token: input.token });
        pendingFlush.delete(input.token);
      } catch (e) {
        error = storageError(e, sid);
        flushLost = true;
      }
    }
  }
  if (input && !error) {
    effects = p.handle(input, now);
    const sync: StorageOp[] = [];
    for (const fx of effects) {
      if (fx.kind === 'storageSync') for (const o of fx.ops) sync.push(o);
      else if (fx.kind === 'storageFlush') pendingFlush.set(fx.token, fx.ops);
    }
    if (sync.length > 0) {
      try {
        await s.apply(sync, { inc, call, step, phase: 'sync', ops: opRefs(sync) });
      } catch (e) {
        error = storageError(e, sid);
      }
    }
  }
  if (error) effects = exitEffects(now, error);
  post({
    t: 'effects',
    call,
    effects,
    role: role(p),
    clients: [...p.clients.keys()],
    view: wantView && !error ? p.view() : null,
    flushLost,
    bootMismatch,
    error,
  });
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
      const ops = pendingFlush.get(input.token);
      if (ops) {
        applyStorageOps(disk, ops, true);
        pendingFlush.delete(input.token);
      }
    }
    for (const fx of p.handle(input, c.now)) {
      if (fx.kind === 'storageSync') applyStorageOps(disk, fx.ops, true);
      else if (fx.kind === 'storageFlush') pendingFlush.set(fx.token, fx.ops);
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
  await s.replace(finalImage, { inc, call, step, phase: 'hydrate' });
  post({
    t: 'hydrated',
    call,
    view,
    role: role(p),
    clients: [...p.clients.keys()],
    mismatch: problems.length ? `S${sid}: ${problems.join('; ')}` : null,
  });
}

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
