/**
 * SyncRequestProcessor — group commit of the txn log, and the snapshot trigger.
 * Mirrors org.apache.zookeeper.server.SyncRequestProcessor with flushDelay 0: txns are appended
 * as they come; when the incoming queue is momentarily empty (here: at the end of the event
 * being processed) and no flush is in flight, one fsync covers the whole batch, and only when it
 * is durable are the batch's requests released to the next processor (an ACK, or the leader's
 * self-ACK). Appends that arrive during a flush form the next batch.
 */
import type { TxnRecord } from './txn';
import type { StorageOp } from './persistence/FileTxnSnapLog';

export const MAX_BATCH_SIZE = 1000;

interface Pending {
  rec: TxnRecord;
  newFile: boolean;
  /** the next processor: runs once the txn is durable (SendAckRequestProcessor / AckRequestProcessor) */
  next: SyncNext | null;
}

/**
 * The next processor of a txn, run once it is durable. An object with a method rather than a closure:
 * a process's whole state stays plain data and class instances, so a run can be copied (the
 * engine's checkpoints, src/engine/checkpoint.ts).
 */
export interface SyncNext {
  processed(): void;
}

export interface SyncHost {
  emitFlush(token: number, ops: StorageOp[]): void;
  /** a snapshot of the current in-memory state, written by the snapshot thread */
  takeSnapshot(): void;
  /** uniform random integer in [0, n) from the server's seeded Random */
  randInt(n: number): number;
}

export class SyncRequestProcessor {
  private queue: Pending[] = [];
  private inFlight: { token: number; batch: Pending[] } | null = null;
  private nextToken = 1;
  /** FileTxnLog: the first append after boot, a roll or a truncate opens a new log.<zxid> file */
  private logStreamOpen = false;
  private txnsSinceRoll = 0;
  private randRoll: number;

  constructor(
    private readonly host: SyncHost,
    private readonly snapCount: number,
  ) {
    this.randRoll = host.randInt(Math.max(1, Math.floor(snapCount / 2)));
  }

  /** processRequest: append one txn; `next` runs after the fsync that covers it (a function only in
   *  unit tests: the model passes SyncNext objects). */
  append(rec: TxnRecord, next: SyncNext | (() => void) | null): void {
    const newFile = !this.logStreamOpen;
    this.logStreamOpen = true;
    this.queue.push({ rec, newFile, next: typeof next === 'function' ? { processed: next } : next });
    this.txnsSinceRoll++;
    if (this.shouldSnapshot()) {
      // resetSnapshotStats + rollLog + snapshot thread (fuzzy: the tree as it is now)
      this.randRoll = this.host.randInt(Math.max(1, Math.floor(this.snapCount / 2)));
      this.txnsSinceRoll = 0;
      this.logStreamOpen = false;
      this.host.takeSnapshot();
    }
  }

  private shouldSnapshot(): boolean {
    return this.txnsSinceRoll > Math.floor(this.snapCount / 2) + this.randRoll;
  }

  /** Called when the event being processed is done: the queue is "momentarily empty". */
  flushIfIdle(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, MAX_BATCH_SIZE);
    const token = this.nextToken++;
    this.inFlight = { token, batch };
    this.host.emitFlush(
      token,
      batch.map((p) => ({ op: 'append', txn: p.rec, newFile: p.newFile })),
    );
  }

  /** The flush `token` is durable: release its batch in order. */
  flushed(token: number): void {
    if (!this.inFlight || this.inFlight.token !== token) return;
    const batch = this.inFlight.batch;
    this.inFlight = null;
    for (const p of batch) p.next?.processed();
  }

  /** The txn log was closed (TRUNC, shutdown): the next append opens a new file. */
  closeLog(): void {
    this.logStreamOpen = false;
  }

  /** Role change: requests not yet released must not ACK into a connection that is gone. */
  dropCallbacks(): void {
    for (const p of this.queue) p.next = null;
    if (this.inFlight) for (const p of this.inFlight.batch) p.next = null;
  }

  /** zxids appended but not yet durable (lost if the process dies now) */
  unflushed(): number[] {
    const out: number[] = [];
    if (this.inFlight) for (const p of this.inFlight.batch) out.push(p.rec.hdr.zxid);
    for (const p of this.queue) out.push(p.rec.hdr.zxid);
    return out;
  }

  /** requests held, for the pipeline view */
  held(): TxnRecord[] {
    return [...(this.inFlight?.batch ?? []), ...this.queue].map((p) => p.rec);
  }

  /** nothing held: no batch being fsynced, nothing queued */
  get idle(): boolean {
    return this.inFlight === null && this.queue.length === 0;
  }

  get flushing(): boolean {
    return this.inFlight !== null;
  }
}
