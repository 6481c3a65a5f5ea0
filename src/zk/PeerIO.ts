/**
 * The boundary of one server process: what goes in (events) and what comes out (effects).
 * A QuorumPeer is a pure state machine over these: no clock, no timers, no randomness of its
 * own (time is `now`, randomness comes from a seeded Random given at boot).
 */
import type { Sid, Zxid } from './Zxid';
import type { Op, OpResult, SessionId } from './txn';
import type { ServerMessage } from './QuorumPacket';
import type { DurableImage, StorageOp } from './persistence/FileTxnSnapLog';
import type { TraceEvent } from './trace';

export type ClientId = string;

/**
 * The remote address every client connection has (what NIOServerCnxn puts into its `ip` Id):
 * zkCli runs on the servers' own host, as in the zkCli transcript ("ip: 127.0.0.1").
 */
export const CLIENT_ADDRESS = '127.0.0.1';

/** ClientCnxn.AUTHPACKET_XID: the xid of an auth packet and of its reply. */
export const AUTHPACKET_XID = -4;

/** An AuthPacket's (scheme, auth); auth null = no bytes sent (`addauth digest` without a credential). */
export interface AuthData {
  scheme: string;
  auth: string | null;
}

/** Client → server, over the client port (ClientCnxn ↔ NIOServerCnxn). */
export type ClientToServer =
  | {
      kind: 'connect';
      /** null = new session */
      sessionId: SessionId | null;
      timeout: number;
      lastZxidSeen: Zxid;
      /** watches to re-register on reconnect (ClientCnxn's SetWatches), fired synthetically per §6.6 */
      watches: {
        data: string[];
        exist: string[];
        child: string[];
        /** SetWatches2's persistent and persistent-recursive lists (absent: none) */
        persistent?: string[];
        persistentRecursive?: string[];
      };
      /** primeConnection re-sends every addauth of the client right after the connect (absent: none) */
      auth?: AuthData[];
      /** ConnectRequest.readOnly: the client was made with canBeReadOnly (zkCli -r); absent: false */
      readOnly?: boolean;
    }
  /** `addauth`: an AuthPacket (xid AUTHPACKET_XID), handled at once by ZooKeeperServer.processPacket */
  | { kind: 'auth'; data: AuthData }
  | { kind: 'request'; xid: number; op: Op }
  | { kind: 'ping' }
  | { kind: 'close'; xid: number }
  /** the client goes away without closing its session */
  | { kind: 'disconnect' }
  /** `echo <word> | nc server 2181`: a four-letter word on a connection of its own */
  | {
      kind: 'fourLetter';
      word: string;
      /** ClientCnxn.SendThread.pingRwServer's `isro` (absent: a console `nc`) */
      probe?: boolean;
    };

/** Server → client. */
export type ServerToClient =
  /** ConnectResponse; `readOnly`: answered by a ReadOnlyZooKeeperServer (absent: false) */
  | { kind: 'connected'; sessionId: SessionId; timeout: number; readOnly?: boolean }
  /**
   * the server would not take the connection: it is not serving, or it is read-only and the client
   * did not say canBeReadOnly (NOT_READ_ONLY_CLIENT), or it is read-only and the client renews a
   * global session (RENEW_GLOBAL_SESSION_IN_RO_MODE), or it is read-only without localSessionsEnabled
   * and answered the new session's createSession with NOTREADONLY instead of a ConnectResponse
   * (the client fails to read it and closes the socket itself: to the client, the same)
   */
  | { kind: 'refused'; reason: 'notServing' | 'notReadOnly' | 'globalSessionInRO' | 'createSessionNotLocal' }
  /**
   * the client has seen a newer zxid than the server's tree holds (processConnectRequest's
   * CLIENT_ZXID_AHEAD): the server closes the connection, the client must try another server
   */
  | { kind: 'refused'; reason: 'zxidAhead'; lastZxidSeen: Zxid; ourLastZxid: Zxid }
  | { kind: 'expired' }
  | { kind: 'reply'; xid: number; zxid: Zxid; err: number; result: OpResult | null }
  | { kind: 'closed'; xid: number; zxid: Zxid }
  | { kind: 'watch'; type: WatchEventType; path: string }
  /**
   * the server dropped the connection (it left serving state, or the request was too large);
   * `probe`: the refused connection was a pingRwServer probe's
   */
  | { kind: 'connectionLost'; probe?: boolean }
  /** what the server wrote back to a four-letter word before it closed that connection */
  | { kind: 'fourLetter'; word: string; output: string; probe?: boolean };

export type WatchEventType = 'NodeCreated' | 'NodeDeleted' | 'NodeDataChanged' | 'NodeChildrenChanged';

export type PeerTimer =
  | 'fle' // FastLeaderElection receive-poll / finalize wait
  | 'containerManager' // ContainerManager's timer (checkContainers, and its pauses between deletes)
  | 'leaderTick' // Leader.lead loop, every tickTime/2
  | 'leaderWait' // getEpochToPropose / waitForEpochAck / waitForNewLeaderAck deadline
  | 'learnerRead' // Learner socket read timeout
  | 'learnerConnect' // Learner.connectToLeader retry
  | 'observerDelay' // Observer re-entering LOOKING after a random delay
  | 'sessionExpiry' // SessionTrackerImpl expiry thread
  | 'purge' // DatadirCleanupManager's PurgeTask, every autopurge.purgeInterval hours
  | 'readOnlyStart' // QuorumPeer.run's roZkMgr thread: max(2000, tickTime) of LOOKING, then roZk.startup()
  | 'localSessionExpiry'; // the read-only server's LocalSessionTracker expirer

export type PeerInput =
  /** Process start: recover from storage (§5.2) and start FLE. */
  | { kind: 'boot'; image: DurableImage }
  /** The FLE start after bootMs (JVM start jitter) — see zk-reference §2.8. */
  | { kind: 'startElection' }
  | { kind: 'message'; from: Sid; msg: ServerMessage }
  /** The TCP connection `conn` with `peer` was closed by the other side (process died). */
  | { kind: 'connectionClosed'; peer: Sid; conn: number }
  | { kind: 'timer'; timer: PeerTimer; gen: number }
  /** The group-commit flush `token` is durable. */
  | { kind: 'flushed'; token: number }
  | { kind: 'client'; client: ClientId; msg: ClientToServer }
  /** The operator runs `zkCleanup.sh -n count` (PurgeTxnLog.main) on this server's dataDir. */
  | { kind: 'purge'; count: number };

export type PeerEffect =
  | { kind: 'send'; to: Sid; msg: ServerMessage }
  | { kind: 'sendClient'; client: ClientId; msg: ServerToClient }
  /** (Re)arm a named timer; an older generation of the same timer is void. */
  | { kind: 'setTimer'; timer: PeerTimer; gen: number; delay: number }
  /** Blocking writes: durable before anything else happens. */
  | { kind: 'storageSync'; ops: StorageOp[] }
  /** Group-commit flush: durable when `flushed(token)` comes back; lost on crash before. */
  | { kind: 'storageFlush'; token: number; ops: StorageOp[] }
  /** The process exits on its own (e.g. UNMATCHED_TXN_COMMIT, TRUNC without log files). */
  | { kind: 'exit'; reason: string }
  | { kind: 'trace'; ev: TraceEvent };
