/**
 * The page ↔ server-worker protocol: what crosses postMessage between WorkerPeerHost (the page,
 * which schedules) and peer.worker.ts (one ZooKeeper server process and its dataDir). Plain
 * discriminated unions, structured-cloneable; requests are answered in order, one at a time.
 * Models the boundary of a server process: its inputs, its effects, and what an operator can ask
 * it (its view).
 */
import type { PeerConfig } from '../zk/QuorumPeer';
import type { ClientId, PeerEffect, PeerInput } from '../zk/PeerIO';
import type { ServerState, ZabState } from '../zk/QuorumPacket';
import type { DurableImage } from '../zk/persistence/FileTxnSnapLog';
import type { TxnRecord } from '../zk/txn';
import type { ServerView } from '../zk/view';
import type { RuntimeError } from './errors';

export type Durability = 'default' | 'strict' | 'relaxed';

/**
 * A PeerInput as sent to a worker. `boot` carries no image (the worker reads its own from
 * IndexedDB) but the fingerprint of the page's mirror of it, so both sides can be compared.
 */
export type WireInput = Exclude<PeerInput, { kind: 'boot' }> | { kind: 'boot'; imageHash: string | null };

export interface RoleInfo {
  state: ServerState;
  zabState: ZabState;
}

/** One recorded call, replayed by a worker to reach a state computed in the page (hydration). */
export interface RecordedCall {
  input: WireInput;
  now: number;
}

export type ToWorker =
  /** first message: open the server's database and create the process (QuorumPeer) */
  | {
      t: 'spawn';
      db: string;
      cfg: PeerConfig;
      seed: number;
      stream: number;
      durability: Durability;
    }
  /**
   * The inputs of one virtual instant, in order (one message however many); answered with the
   * effects of each once its blocking writes are durable (a `flushed` does not wait for its batch's
   * write: see `unlanded`). The process stops early — after an input
   * whose blocking writes it made, or that made it exit — and answers for those it handled.
   */
  | { t: 'handle'; call: number; step: number; inputs: WireInput[]; now: number; view: boolean }
  /** the current ServerView */
  | { t: 'view'; call: number }
  /**
   * Reach the state the page computed in-process: replay `calls` (the process's whole life so far,
   * its `boot` reading `bootImage`), then write `finalImage` (the page's mirror now) as the
   * database's whole content. `viewHash`: the fingerprint of the in-process peer's view, to check.
   */
  | {
      t: 'hydrate';
      call: number;
      step: number;
      bootImage: DurableImage;
      calls: RecordedCall[];
      finalImage: DurableImage;
      viewHash: string | null;
    }
  /** what the database holds now (tests) */
  | { t: 'image'; call: number }
  /** a start-up check: open `db`, write and read a record, delete it (createRuntime's probe) */
  | { t: 'probe'; call: number; db: string }
  /**
   * Benchmark: append `records` copies of `sample` (zxids renumbered) to a scratch database `db`,
   * `batch` per transaction, through the same store code the servers use; then delete it.
   */
  | {
      t: 'rawWrite';
      call: number;
      db: string;
      sample: TxnRecord;
      records: number;
      batch: number;
      /** tag each transaction as the servers' writes are (`meta.lastTx`) */
      tag?: boolean;
    };

export type FromWorker =
  | { t: 'ready' }
  | {
      t: 'effects';
      call: number;
      /** the effects of each input handled, in order (fewer than sent: the rest were not handled) */
      effects: PeerEffect[][];
      role: RoleInfo;
      clients: ClientId[];
      view: ServerView | null;
      /** the last input handled was a `flushed` whose batch could not be written: never durable */
      flushLost: boolean;
      /**
       * the `flushed` inputs handled whose batch's write had not committed yet when this answer
       * left, by token: the process heard them at once (its write overlaps the run) and posts
       * `landed` for each when it commits — until then nothing the process sends may arrive
       */
      unlanded: number[];
      /** the image read at boot differed from the page's mirror (how) */
      bootMismatch: string | null;
      /** a storage failure that made the process exit */
      error: RuntimeError | null;
    }
  /** the write of a batch named in an answer's `unlanded` has committed */
  | { t: 'landed'; token: number }
  | { t: 'view'; call: number; view: ServerView; role: RoleInfo; clients: ClientId[] }
  | {
      t: 'hydrated';
      call: number;
      view: ServerView;
      role: RoleInfo;
      clients: ClientId[];
      /** the replay did not reproduce the page's state (how), or null */
      mismatch: string | null;
    }
  | { t: 'image'; call: number; image: DurableImage }
  | { t: 'probed'; call: number; error: RuntimeError | null }
  | { t: 'rawWritten'; call: number; ms: number; transactions: number }
  /** a request failed outright (call null: the worker as a whole) */
  | { t: 'failed'; call: number | null; error: RuntimeError };
