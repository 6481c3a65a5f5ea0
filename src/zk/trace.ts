/**
 * The trace: every observable event of a run, in order, as JSON-able records.
 * Contract: ../shared/scenario-format.md ("Trace"). The kinds required there come first;
 * the rest feed the invariant checker (zk-reference §7) and the UI's narration.
 * Zxids are hex strings as ZooKeeper prints them (`0x100000002`).
 */
import type { ServerState, ZabState } from './QuorumPacket';

export type SyncMode = 'DIFF' | 'TRUNC' | 'TRUNC+DIFF' | 'SNAP';

export type TraceEvent =
  // ---- required by scenario-format.md
  | {
      t: number;
      ev: 'send';
      id: number;
      from: number;
      to: number;
      type: string;
      zxid?: string;
      detail?: string;
    }
  | { t: number; ev: 'recv'; id: number }
  | { t: number; ev: 'drop'; id: number; reason: string }
  | { t: number; ev: 'state'; sid: number; state: ServerState | 'DOWN'; zabState: ZabState }
  | { t: number; ev: 'epoch'; sid: number; acceptedEpoch: number; currentEpoch: number }
  | { t: number; ev: 'log'; sid: number; zxid: string }
  | { t: number; ev: 'truncate'; sid: number; zxid: string }
  | { t: number; ev: 'snapshot'; sid: number; zxid: string }
  | { t: number; ev: 'apply'; sid: number; zxid: string; op: string }
  | { t: number; ev: 'reply'; client: string; server: number; zxid?: string; ok: boolean; output: string }
  | { t: number; ev: 'crash'; sid: number }
  | { t: number; ev: 'restart'; sid: number }
  // ---- extra kinds
  /** process start (first start, not a restart) */
  | { t: number; ev: 'start'; sid: number }
  /** the leader assigned a zxid and broadcasts the txn (ghost variable proposalLog) */
  | { t: number; ev: 'propose'; sid: number; zxid: string; op: string }
  /** the leader saw a quorum of ACKs and commits (Leader.tryToCommit) */
  | { t: number; ev: 'commit'; sid: number; zxid: string }
  /** a leader passed the ACKEPOCH quorum and wrote currentEpoch (ghost variable epochLeader) */
  | { t: number; ev: 'established'; sid: number; epoch: number }
  /** the leader's sync decision for one learner (LearnerHandler.syncFollower) */
  | {
      t: number;
      ev: 'sync';
      leader: number;
      learner: number;
      mode: SyncMode;
      zxid: string;
      peerLastZxid: string;
      reason: string;
    }
  /** FastLeaderElection decided */
  | {
      t: number;
      ev: 'election';
      sid: number;
      state: ServerState;
      leader: number;
      electionEpoch: number;
      zxid: string;
      peerEpoch: number;
    }
  /** a server's in-memory state was reset from storage or a sync: its history is now the committed
   *  history up to `zxid` (SNAP) or its durable log replayed up to `zxid` (boot, TRUNC) */
  | {
      t: number;
      ev: 'restore';
      sid: number;
      zxid: string;
      source: 'boot' | 'SNAP' | 'TRUNC';
      /** the snapshot a reload started from (boot, TRUNC, a cleared database); absent when the
       *  txns were replayed on top of memory (fastForwardDataBase) or for SNAP */
      snap?: string;
      /** the logged txns replayed, ascending, as zxidRanges (`0x…..0x…` runs) */
      replayed?: string[];
    }
  /** a client command was issued */
  | { t: number; ev: 'client'; id: string; server: number; cmd: string }
  /** a watch (or session) event reached a client */
  | { t: number; ev: 'watch'; client: string; state: string; type: string; path: string | null }
  /**
   * a server refused a client's connection because the client has seen a newer zxid than its
   * tree holds (ZooKeeperServer.processConnectRequest, CLIENT_ZXID_AHEAD); `reason` is its log line
   */
  | {
      t: number;
      ev: 'refuse';
      sid: number;
      client: string;
      session: string;
      lastZxidSeen: string;
      lastZxid: string;
      reason: string;
    }
  /**
   * read-only mode (ReadOnlyZooKeeperServer): `start` — roZk.startup() after max(2000, tickTime) ms
   * of LOOKING; `shutdown` — the peer left LOOKING (lookForLeader returned) and roZk.shutdown()
   * closed its connections; `refuse` — it closed a client's connection, `reason` its log line;
   * `refuseCreateSession` — without localSessionsEnabled it answered a new client's createSession
   * NOTREADONLY (ReadOnlyRequestProcessor), so the client got no session and moves on; `reason` why
   */
  | {
      t: number;
      ev: 'readonly';
      sid: number;
      action: 'start' | 'shutdown' | 'refuse' | 'refuseCreateSession';
      client?: string;
      reason?: string;
    }
  /**
   * ClientCnxn.SendThread.pingRwServer: a client connected read-only asked `server` `isro`;
   * `answer` what came back ("rw", "ro", "null"; "" when the connection was refused); `next` the
   * ms until its next probe (pingRwTimeout, doubled from 100 up to 60000)
   */
  | { t: number; ev: 'pingRw'; client: string; server: number; answer: string; next: number }
  | { t: number; ev: 'partition'; groups: number[][] }
  | { t: number; ev: 'heal' }
  /** a server left a role, with why (Leader.shutdown / Learner exceptions) */
  | { t: number; ev: 'shutdown'; sid: number; reason: string }
  /** the operator deleted a stopped server's dataDir (the `wipe` action) */
  | { t: number; ev: 'wipe'; sid: number }
  /** PurgeTxnLog removed old snapshots and txn log files (`by`: autopurge's PurgeTask or the
   *  operator's zkCleanup.sh); `retain`: the snapshots kept; `removed`: the file names */
  | {
      t: number;
      ev: 'purge';
      sid: number;
      by: 'autopurge' | 'zkCleanup';
      retain: number;
      removed: string[];
      /** the txns the removed log files held, as zxidRanges (`0x…..0x…` runs) */
      txns: string[];
    }
  /** a bad disk flipped a bit of a stored txn (the `corrupt` action); `file` null: no such txn */
  | { t: number; ev: 'corrupt'; sid: number; zxid: string; file: string | null }
  /**
   * an election connection (QuorumCnxManager) of `sid` with `peer`: `dial` — sid opens `conn`
   * (initiateConnection); `up` — SendWorker/RecvWorker started on it; `down` — it ended, `reason`
   * why (lowerSid: the dialler has the smaller sid and closes it; dialBack: the higher side closes
   * a lower sid's connection and dials back; replaced, closedByPeer, broken); `discard` — a
   * notification arrived on a connection sid no longer keeps and is lost
   */
  | {
      t: number;
      ev: 'cnx';
      sid: number;
      peer: number;
      conn: number;
      action: 'dial' | 'up' | 'down' | 'discard';
      initiator?: number;
      reason?: 'lowerSid' | 'dialBack' | 'replaced' | 'closedByPeer' | 'broken';
    }
  /** something the spec says must never happen, seen from inside a server (CheckDuringAction) */
  | { t: number; ev: 'anomaly'; sid: number; check: string; detail: string }
  /** an invariant violation found by the checker */
  | {
      t: number;
      ev: 'violation';
      invariant: string;
      detail: string;
      /** servers involved */
      sids?: number[];
      /** zxids involved, hex as the trace prints them */
      zxids?: string[];
      /** why: a known ZooKeeper bug, or bug null for "unexplained" */
      cause?: { bug: string | null; mechanism: string };
    };

export type TraceKind = TraceEvent['ev'];
