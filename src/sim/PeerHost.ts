/**
 * Where server processes live. The harness decides what happens when; a PeerHost runs the
 * processes: in this thread (LocalPeerHost, for Node, tests and seeking) or one Web Worker per
 * server (src/runtime). The same QuorumPeer code answers either way, so the trace is the same.
 */
import { QuorumPeer } from '../zk/QuorumPeer';
import type { PeerConfig } from '../zk/QuorumPeer';
import type { ClientId, PeerEffect, PeerInput } from '../zk/PeerIO';
import type { ServerState, ZabState } from '../zk/QuorumPacket';
import type { Sid } from '../zk/Zxid';
import type { DurableImage, StorageOp } from '../zk/persistence/FileTxnSnapLog';
import { Random } from '../zk/Random';
import type { ServerView } from '../zk/view';

export interface PeerHost {
  /** a process starts for cfg.sid (incarnation cfg.incarnation), seeded with Random(seed, stream).
   *  Synchronous: a worker host creates its Worker here and makes the first handle() wait for it. */
  spawn(cfg: PeerConfig, seed: number, stream: number): void;
  /** one input; the effects come back synchronously (in-process) or as a promise (worker) */
  handle(sid: Sid, input: PeerInput, now: number): PeerEffect[] | Promise<PeerEffect[]>;
  /** the process dies now: memory and unfinished writes are lost */
  kill(sid: Sid): void;
  view(sid: Sid): ServerView | null;
  /** clients connected to sid (they see the connection drop when it dies) */
  clients(sid: Sid): ClientId[];
  role(sid: Sid): { state: ServerState; zabState: ZabState } | null;
  /** Asynchronous hosts: the process died (a crash at a real moment) before the group-commit batch
   *  `token` it was told to make durable reached storage — the flush never happened. Absent: never. */
  flushLost?(sid: Sid, token: number): boolean;
  /**
   * Asynchronous hosts whose processes hear `flushed` before the batch's write has committed (the
   * write overlaps the run; ZooKeeper's SendAckRequestProcessor sends an ACK only after the fsync,
   * and so does this host — in real time, not only in the trace): a mark standing for every batch
   * `sid` has been told is flushed whose write has not landed yet, or 0 when none has. A message
   * `sid` sends now is delivered only once `isDurable(sid, mark)`. Absent: every flush is durable
   * when `flushed` is heard.
   */
  durableMark?(sid: Sid): number;
  isDurable?(sid: Sid, mark: number): boolean;
  /** settles once `isDurable(sid, mark)` (rejects: the batches can never be made durable) */
  whenDurable?(sid: Sid, mark: number): Promise<void>;
  /** Asynchronous hosts (Simulation.stepsAsync): the next handle() calls for `sid` will be exactly
   *  these, in order, at this `now` (one instant) — send them now, as one message, so calls into
   *  different processes overlap. A process that dies during one of them makes none of the rest. */
  prefetch?(sid: Sid, inputs: PeerInput[], now: number): void;
  /** Hosts with their own disks: `sid`'s storage was changed from outside its process and now holds
   *  `image` — wiped (the `wipe` action) or one txn rewritten (`corrupt`) — and must, before that
   *  server's process is next started or called. */
  storageChanged?(
    sid: Sid,
    image: DurableImage,
    change: { wipe: true } | { corrupt: number } | { purge: Extract<StorageOp, { op: 'purge' }> },
  ): void;
}

export class LocalPeerHost implements PeerHost {
  private readonly peers = new Map<Sid, QuorumPeer>();

  spawn(cfg: PeerConfig, seed: number, stream: number): void {
    this.peers.set(cfg.sid, new QuorumPeer(cfg, new Random(seed, stream)));
  }

  handle(sid: Sid, input: PeerInput, now: number): PeerEffect[] {
    const p = this.peers.get(sid);
    return p ? p.handle(input, now) : [];
  }

  kill(sid: Sid): void {
    this.peers.delete(sid);
  }

  view(sid: Sid): ServerView | null {
    return this.peers.get(sid)?.view() ?? null;
  }

  clients(sid: Sid): ClientId[] {
    const p = this.peers.get(sid);
    return p ? [...p.clients.keys()] : [];
  }

  role(sid: Sid): { state: ServerState; zabState: ZabState } | null {
    const p = this.peers.get(sid);
    return p ? { state: p.state, zabState: p.zabState } : null;
  }

  peer(sid: Sid): QuorumPeer | null {
    return this.peers.get(sid) ?? null;
  }
}
