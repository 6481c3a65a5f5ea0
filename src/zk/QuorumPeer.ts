/**
 * QuorumPeer — one ZooKeeper server process as a deterministic state machine.
 * Mirrors org.apache.zookeeper.server.quorum.QuorumPeer (start → loadDataBase → FLE → roles)
 * together with the pieces of ZooKeeperServer every role shares: the client connections
 * (NIOServerCnxn), CommitProcessor's per-session ordering and FinalRequestProcessor.
 *
 * Input: one PeerInput at a time with the virtual time `now`. Output: PeerEffects. No clock,
 * no timers, no randomness of its own (the Random is seeded by the harness per incarnation).
 */
import { FastLeaderElection } from './FastLeaderElection';
import { QuorumCnxManager } from './QuorumCnxManager';
import type { Vote } from './FastLeaderElection';
import { ZKDatabase } from './ZKDatabase';
import { clientStat, isSharedNode } from './DataTree';
import type { DataNode, DataTree } from './DataTree';
import { quorumVerifierString } from './QuorumMaj';
import { ephemeralType, ttlOf } from './EphemeralType';
import { limitPath, statPath } from './StatsTrack';
import { SyncRequestProcessor } from './SyncRequestProcessor';
import { Leader } from './Leader';
import { Learner } from './Learner';
import { SessionTrackerImpl, clampSessionTimeout } from './SessionTracker';
import { getEpochFromZxid, zxidRanges, zxidToHex } from './Zxid';
import type { Sid, Zxid } from './Zxid';
import { Code, type Id } from './ZooDefs';
import { JUTE_MAXBUFFER } from './ZooDefs';
import { addAuthInfo } from './auth/ACLChecks';
import { processRead } from './FinalRequestProcessor';
import { fourLetterWord } from './server/command/FourLetterCommands';
import {
  ReadOnlyZooKeeperServer,
  globalSessionInRoMessage,
  nonLocalCreateSessionMessage,
  isStateChanging,
  notReadOnlyClientMessage,
  readOnlyGraceMs,
} from './ReadOnlyZooKeeperServer';
import { getServerProvider } from './auth/ProviderRegistry';
import { requestSize } from './PrepRequestProcessor';
import { describeTxn } from './txn';
import type { Op, OpResult, SessionId, TxnRecord } from './txn';
import {
  AUTHPACKET_XID,
  CLIENT_ADDRESS,
  type AuthData,
  type ClientId,
  type ClientToServer,
  type PeerEffect,
  type PeerInput,
  type PeerTimer,
  type ServerToClient,
} from './PeerIO';
import type { Notification, ServerMessage, ServerState, ZabState } from './QuorumPacket';
import {
  applyStorageOps,
  emptyImage,
  restoreCheck,
  type DurableImage,
  type StorageOp,
} from './persistence/FileTxnSnapLog';
import {
  DEFAULT_SNAP_RETAIN_COUNT,
  HOUR_MS,
  effectiveSnapRetainCount,
  planPurge,
  purgedFileNames,
  purgedTxns,
} from './persistence/PurgeTxnLog';
import type { SyncMode, TraceEvent } from './trace';
import type { Random } from './Random';
import type { ServerView, PipelineStageView, ZNodeView } from './view';

export type ZkVersion = '3.9.5' | '3.9.1';

export interface PeerConfig {
  sid: Sid;
  voters: Sid[];
  observers: Sid[];
  tickTime: number;
  initLimit: number;
  syncLimit: number;
  snapCount: number;
  commitLogCount: number;
  snapshotSizeFactor: number;
  /** -Dzookeeper.extendedTypesEnabled: TTL nodes may be created (default false) */
  extendedTypesEnabled?: boolean;
  /** -Dzookeeper.enforceQuota: hard quotas refuse writes (default false) */
  enforceQuota?: boolean;
  /** -Dznode.container.checkIntervalMs (default 60000) */
  containerCheckIntervalMs?: number;
  /** -Dznode.container.maxPerMinute (default 10000) */
  containerMaxPerMinute?: number;
  /** -Dznode.container.maxNeverUsedIntervalMs (default 0: never) */
  containerMaxNeverUsedIntervalMs?: number;
  zkVersion: ZkVersion;
  /** zoo.cfg 4lw.commands.whitelist (undefined: not set — only srvr) */
  fourLetterWhitelist?: string;
  /** zoo.cfg autopurge.snapRetainCount (default 3; below 3 is reset to 3) */
  snapRetainCount?: number;
  /** zoo.cfg autopurge.purgeInterval in hours (default 0: no purge task) */
  purgeInterval?: number;
  /** -Dreadonlymode.enabled: LOOKING starts a ReadOnlyZooKeeperServer after a grace period */
  readonlyModeEnabled?: boolean;
  /**
   * zoo.cfg localSessionsEnabled (QuorumPeer.areLocalSessionsEnabled, default false). Only the
   * read-only server reads it here: read-write servers create global sessions either way
   */
  localSessionsEnabled?: boolean;
  /** process incarnation: 1 at first start, +1 per restart (keeps connection ids unique) */
  incarnation: number;
}

/** A client request held by this server (CommitProcessor's per-session queue). */
export interface LocalRequest {
  client: ClientId;
  sessionId: SessionId;
  xid: number;
  kind: 'read' | 'write' | 'sync' | 'createSession' | 'closeSession';
  op: Op | null;
  timeout: number;
  /** Request.authInfo: the connection's credentials when the request arrived */
  authInfo?: readonly Id[];
}

interface ClientConn {
  client: ClientId;
  sessionId: SessionId | null;
  timeout: number;
  /** waiting for createSession to commit, or REVALIDATE to come back */
  pending: 'createSession' | 'revalidate' | null;
  watches: {
    data: string[];
    exist: string[];
    child: string[];
    persistent?: string[];
    persistentRecursive?: string[];
  } | null;
  lastZxidSeen: Zxid;
  /** ServerCnxn.authInfo: `ip:<address>` from the start, plus what addauth added */
  authInfo: Id[];
  /** AuthPackets sent behind the ConnectRequest: read once the session is set up (disableRecv) */
  primedAuth: AuthData[];
}

export class QuorumPeer {
  readonly myid: Sid;
  now = 0;
  private out: PeerEffect[] = [];
  state: ServerState = 'LOOKING';
  zabState: ZabState = 'ELECTION';
  acceptedEpoch = 0;
  currentEpoch = 0;
  readonly zkDb: ZKDatabase;
  readonly fle: FastLeaderElection;
  /** the election connections (QuorumPeer.qcm, created by createCnxnManager) */
  readonly qcm: QuorumCnxManager;
  currentVote: Vote | null = null;
  leader: Leader | null = null;
  learner: Learner | null = null;
  readonly sync: SyncRequestProcessor;
  /** what this process has written to its storage (durable or in its last flush) */
  readonly disk: DurableImage = emptyImage();
  private readonly timerGen = new Map<PeerTimer, number>();
  /** when each armed timer was armed and fires (virtual ms), for the view: what happens next, when */
  private readonly timerAt = new Map<PeerTimer, { setAt: number; at: number }>();
  private connCounter = 0;
  private loopback: Notification[] = [];
  private electionStarted = false;
  booted = false;
  /** ZooKeeperServer running: clients are served */
  serving = false;
  /** the ReadOnlyZooKeeperServer this LOOKING peer runs (readonlymode.enabled), or null */
  roZk: ReadOnlyZooKeeperServer | null = null;
  readonly clients = new Map<ClientId, ClientConn>();
  /** CommitProcessor: per-session FIFO of local requests */
  readonly pendingBySession = new Map<SessionId, LocalRequest[]>();
  /** session ids handed out by this server (SessionTrackerImpl.initializeNextSessionId) */
  private idGen: SessionTrackerImpl | null = null;
  /** QuorumPeer.syncMode: how the last learner sync began; NONE once its NEWLEADER is processed */
  syncMode: SyncMode | 'NONE' = 'NONE';
  /** LearnerSessionTracker: sessions touched since the last PING (sessionId → timeout) */
  readonly touchTable = new Map<SessionId, number>();
  exited = false;
  /** a role's shutdown waiting for SyncRequestProcessor.shutdown's join and flush (leaveRole) */
  private leaving: { fullyShutDown: boolean; wasObserver: boolean } | null = null;

  constructor(
    readonly cfg: PeerConfig,
    readonly rng: Random,
  ) {
    this.myid = cfg.sid;
    this.zkDb = new ZKDatabase(Math.max(500, cfg.commitLogCount), cfg.zkVersion !== '3.9.1');
    this.sync = new SyncRequestProcessor(
      {
        emitFlush: (token, ops) => {
          applyStorageOps(this.disk, ops);
          this.emit({ kind: 'storageFlush', token, ops });
        },
        takeSnapshot: () => this.takeSnapshot(),
        randInt: (n) => this.rng.int(0, n - 1),
      },
      Math.max(2, cfg.snapCount),
    );
    this.qcm = new QuorumCnxManager({
      myid: cfg.sid,
      view: [...cfg.voters, ...cfg.observers],
      now: () => this.now,
      newConnId: () => this.newConnId(),
      send: (to, msg) => this.emit({ kind: 'send', to, msg }),
      // RecvWorker → recvQueue → Messenger.WorkerReceiver (once FLE has started)
      deliver: (from, n) => {
        if (this.electionStarted) this.fle.receive(from, n);
      },
      trace: (ev) => this.trace(ev),
    });
    this.fle = new FastLeaderElection({
      myid: cfg.sid,
      voters: cfg.voters,
      isObserver: () => this.isObserver,
      getPeerState: () => this.state,
      getCurrentVote: () => this.currentVote,
      getInitLastLoggedZxid: () => this.zkDb.lastProcessedZxid,
      getCurrentEpoch: () => this.currentEpoch,
      now: () => this.now,
      sendNotification: (to, n) => {
        // QuorumCnxManager.toSend: to self is loopback (addToRecvQueue)
        if (to === this.myid) this.loopback.push(n);
        else this.qcm.toSend(to, n);
      },
      haveDelivered: () => this.qcm.haveDelivered(),
      connectAll: () => this.qcm.connectAll(),
      setPollTimer: (delay) => this.setTimer('fle', delay),
      cancelPollTimer: () => this.cancelTimer('fle'),
      decided: (vote, state) => this.onElectionDecided(vote, state),
    });
  }

  get isObserver(): boolean {
    return this.cfg.observers.includes(this.myid);
  }

  get quorumSize(): number {
    return Math.floor(this.cfg.voters.length / 2) + 1;
  }

  isQuorum(sids: Iterable<Sid>): boolean {
    let n = 0;
    for (const s of sids) if (this.cfg.voters.includes(s)) n++;
    return n >= this.quorumSize;
  }

  // ------------------------------------------------------------------ effects

  emit(e: PeerEffect): void {
    this.out.push(e);
  }

  trace(ev: TraceEvent): void {
    this.out.push({ kind: 'trace', ev });
  }

  send(to: Sid, msg: ServerMessage): void {
    this.emit({ kind: 'send', to, msg });
  }

  sendClient(client: ClientId, msg: ServerToClient): void {
    this.emit({ kind: 'sendClient', client, msg });
  }

  setTimer(timer: PeerTimer, delay: number): void {
    const gen = (this.timerGen.get(timer) ?? 0) + 1;
    this.timerGen.set(timer, gen);
    this.timerAt.set(timer, { setAt: this.now, at: this.now + Math.max(0, delay) });
    this.emit({ kind: 'setTimer', timer, gen, delay: Math.max(0, delay) });
  }

  cancelTimer(timer: PeerTimer): void {
    this.timerGen.set(timer, (this.timerGen.get(timer) ?? 0) + 1);
    this.timerAt.delete(timer);
  }

  /** Blocking writes (epoch files, snapshots, truncate): durable before we go on. */
  storageSync(ops: StorageOp[]): void {
    applyStorageOps(this.disk, ops);
    this.emit({ kind: 'storageSync', ops });
  }

  newConnId(): number {
    return (this.myid * 1000 + (this.cfg.incarnation % 1000)) * 1_000_000 + ++this.connCounter;
  }

  setState(state: ServerState, zab: ZabState): void {
    if (state === this.state && zab === this.zabState) return;
    this.state = state;
    this.zabState = zab;
    this.trace({ t: this.now, ev: 'state', sid: this.myid, state, zabState: zab });
  }

  setAcceptedEpoch(e: number): void {
    this.acceptedEpoch = e;
    this.storageSync([{ op: 'epoch', file: 'acceptedEpoch', value: e }]);
  }

  setCurrentEpoch(e: number): void {
    this.currentEpoch = e;
    this.storageSync([{ op: 'epoch', file: 'currentEpoch', value: e }]);
  }

  takeSnapshot(): void {
    this.storageSync([{ op: 'snapshot', snap: this.zkDb.snapshot() }]);
  }

  anomaly(check: string, detail: string): void {
    this.trace({ t: this.now, ev: 'anomaly', sid: this.myid, check, detail });
  }

  // ------------------------------------------------------------------ input

  handle(input: PeerInput, now: number): PeerEffect[] {
    this.now = now;
    this.out = [];
    if (this.exited) return this.out;
    switch (input.kind) {
      case 'boot':
        this.boot(input.image);
        break;
      case 'startElection':
        if (this.booted && !this.electionStarted) {
          this.electionStarted = true;
          this.lookForLeader();
        }
        break;
      case 'message':
        this.onMessage(input.from, input.msg);
        break;
      case 'connectionClosed':
        this.qcm.connectionClosed(input.peer, input.conn, input.conn === -1 ? 'closedByPeer' : 'broken');
        this.leader?.connectionClosed(input.peer, input.conn);
        this.learner?.connectionClosed(input.peer, input.conn, false);
        break;
      case 'timer':
        if (this.timerGen.get(input.timer) === input.gen) {
          this.timerAt.delete(input.timer);
          this.onTimer(input.timer);
        }
        break;
      case 'flushed':
        this.sync.flushed(input.token);
        break;
      case 'client':
        this.onClient(input.client, input.msg);
        break;
      case 'purge':
        this.purge(input.count, 'zkCleanup');
        break;
    }
    // a role's shutdown waiting for its sync processor: its last batch is durable now
    if (this.leaving !== null && this.sync.idle) this.finishLeaving();
    this.drain();
    return this.out;
  }

  /** Work that follows the event within the same instant: loopback votes, the group-commit flush. */
  private drain(): void {
    for (let guard = 0; guard < 10_000; guard++) {
      if (this.exited) return;
      if (this.loopback.length) {
        const n = this.loopback.shift()!;
        this.fle.receive(this.myid, n);
        continue;
      }
      break;
    }
    if (!this.exited) {
      this.sync.flushIfIdle();
      this.leader?.afterEvent();
    }
  }

  // ------------------------------------------------------------------ boot (§5.2)

  private boot(image: DurableImage): void {
    // QuorumPeerMain.initializeAndRun: quorumPeer.initConfigInZKDatabase() before start()
    this.zkDb.initConfigInZKDatabase(quorumVerifierString(this.cfg.voters, this.cfg.observers), this.now);
    this.disk.logs = image.logs.map((f) => ({ startZxid: f.startZxid, txns: [...f.txns] }));
    this.disk.snapshots = [...image.snapshots];
    this.disk.acceptedEpoch = image.acceptedEpoch;
    this.disk.currentEpoch = image.currentEpoch;
    // QuorumPeerMain.initializeAndRun starts DatadirCleanupManager before the peer loads its
    // database; its Timer runs the first PurgeTask at once (scheduleAtFixedRate(task, 0, interval))
    const interval = this.cfg.purgeInterval ?? 0;
    if (interval > 0) {
      const op = this.purge(
        effectiveSnapRetainCount(this.cfg.snapRetainCount ?? DEFAULT_SNAP_RETAIN_COUNT),
        'autopurge',
      );
      if (op) applyStorageOps(image, [op]);
      this.setTimer('purge', interval * HOUR_MS);
    }
    // FileTxnSnapLog.restore reads through the checksums first: a bad txn log entry stops the load
    // ("CRC check failed") and QuorumPeer.start fails with "Unable to load database on disk"
    const check = restoreCheck(image);
    if (!check.ok) {
      this.exit(`Unable to load database on disk: ${check.reason}`);
      return;
    }
    const snap = this.zkDb.loadDataBase(
      check.skipped.length ? { ...image, snapshots: image.snapshots.slice(0, check.snapshot + 1) } : image,
    );
    if (this.zkDb.lastGap) {
      // QuorumPeer.start → loadDataBase: "Unable to load database on disk"
      this.exit(`Unable to load database on disk: ${this.zkDb.gapMessage()}`);
      return;
    }
    if (!snap) {
      if (image.logs.some((f) => f.txns.length)) {
        // zookeeper.snapshot.trust.empty=false: logs but no snapshot → refuse to start
        this.exit('No snapshot found, but there are log entries. Something is broken!');
        return;
      }
      this.zkDb.clear();
      this.takeSnapshot(); // zookeeper.db.autocreate: snapshot.0
    }
    const last = this.zkDb.lastProcessedZxid;
    const epochOfZxid = getEpochFromZxid(last);
    if (image.currentEpoch === null) this.setCurrentEpoch(epochOfZxid);
    else this.currentEpoch = image.currentEpoch;
    if (epochOfZxid > this.currentEpoch) {
      // QuorumPeer.loadDataBase (3.9.x; 3.4's updatingEpoch file, ZOOKEEPER-1653, was never ported):
      // a currentEpoch.tmp left by an interrupted atomic write holds the epoch being written
      // (ZOOKEEPER-4269); without one the server refuses to start. The texts are Java's:
      // ZxidUtils.zxidToString(currentEpoch) in hex, lastProcessedZxid as a decimal long.
      if (image.currentEpochTmp !== undefined) this.setCurrentEpoch(image.currentEpochTmp);
      else {
        this.exit(
          `Unable to load database on disk: The current epoch, ${this.currentEpoch.toString(16)}, is older than the last zxid, ${last}`,
        );
        return;
      }
    }
    if (image.acceptedEpoch === null) this.setAcceptedEpoch(epochOfZxid);
    else this.acceptedEpoch = image.acceptedEpoch;
    if (this.acceptedEpoch < this.currentEpoch) {
      this.exit(
        `Unable to load database on disk: The accepted epoch, ${this.acceptedEpoch.toString(16)} is less than the current epoch, ${this.currentEpoch.toString(16)}`,
      );
      return;
    }
    this.booted = true;
    this.trace({
      t: this.now,
      ev: 'restore',
      sid: this.myid,
      zxid: zxidToHex(last),
      source: 'boot',
      ...this.loadedFrom(),
    });
    this.trace({ t: this.now, ev: 'state', sid: this.myid, state: 'LOOKING', zabState: 'ELECTION' });
  }

  /**
   * PurgeTxnLog.purge on this server's dataDir (DatadirCleanupManager.PurgeTask, or the operator's
   * zkCleanup.sh): deletes what planPurge names and traces it. The running process's own state
   * (its tree, committedLog, the log file it appends to) is untouched — only what it later reads
   * from disk (a txn-log sync, a reload) sees the files gone. Returns the op, null if nothing went.
   */
  purge(count: number, by: 'autopurge' | 'zkCleanup'): StorageOp | null {
    const plan = planPurge(this.disk, count);
    const removed = purgedFileNames(plan);
    const txns = zxidRanges(purgedTxns(this.disk, plan));
    this.trace({ t: this.now, ev: 'purge', sid: this.myid, by, retain: count, removed, txns });
    if (!removed.length) return null;
    const op: StorageOp = { op: 'purge', logs: plan.logs, snapshots: plan.snapshots };
    this.storageSync([op]);
    return op;
  }

  exit(reason: string): void {
    this.trace({ t: this.now, ev: 'shutdown', sid: this.myid, reason });
    this.exited = true;
    this.emit({ kind: 'exit', reason });
  }

  // ------------------------------------------------------------------ roles

  private onElectionDecided(vote: Vote, state: ServerState): void {
    this.currentVote = vote;
    this.trace({
      t: this.now,
      ev: 'election',
      sid: this.myid,
      state,
      leader: vote.leader,
      electionEpoch: vote.electionEpoch,
      zxid: zxidToHex(vote.zxid),
      peerEpoch: vote.peerEpoch,
    });
    this.shutdownReadOnly();
    if (state === 'LEADING') {
      this.leader = new Leader(this);
      this.leader.lead();
    } else {
      this.learner = new Learner(this, vote.leader, state === 'OBSERVING');
      this.learner.start();
    }
  }

  /**
   * A role ended (Leader.shutdown / Learner exceptions): back to LOOKING. The in-memory tree is
   * first fast-forwarded from the txn log (ZooKeeperServer.shutdown(false) → fastForwardDataBase),
   * so the next vote carries the last *logged* zxid — except for a learner whose SNAP sync never
   * reached NEWLEADER: Learner.shutdown calls zk.shutdown(syncMode == SNAP), which clears the
   * database (ZOOKEEPER-3642), and the next getLastLoggedZxid reloads it from disk.
   *
   * Before that fast-forward, ZooKeeperServer.shutdown(boolean) runs shutdownComponents, and
   * SyncRequestProcessor.shutdown joins its thread and flushes: every txn it still held is appended
   * and fsynced first, so the vote counts it. A leader's does (ProposalRequestProcessor.shutdown,
   * in every version); a learner's only since 3.9.3 (ZOOKEEPER-4712,
   * LearnerZooKeeperServer.shutdownComponents). In 3.9.1 the learner's sync thread outlived the
   * shutdown and logged its queue after the fast-forward: the server then voted, and could sync,
   * with a last zxid below what its log held.
   */
  leaveRole(reason: string): void {
    if (this.leaving) return;
    const wasObserver = this.learner?.observer ?? false;
    // zk.shutdown does anything only on a server that was started (ZooKeeperServer.canShutdown:
    // RUNNING — a learner from UPTODATE on, a leader once its NEWLEADER quorum started it)
    const drains =
      this.serving && (this.leader !== null || (this.learner !== null && this.cfg.zkVersion !== '3.9.1'));
    const fullyShutDown = this.learner !== null && this.syncMode === 'SNAP';
    this.trace({ t: this.now, ev: 'shutdown', sid: this.myid, reason });
    this.leader?.shutdown();
    this.learner?.shutdown();
    this.leader = null;
    this.learner = null;
    this.stopServing();
    this.sync.dropCallbacks();
    this.cancelTimer('leaderTick');
    this.cancelTimer('leaderWait');
    this.cancelTimer('learnerRead');
    this.cancelTimer('learnerConnect');
    this.cancelTimer('sessionExpiry');
    this.leaving = { fullyShutDown, wasObserver };
    // the thread joined: the rest of the shutdown waits for the last fsync (see handle)
    if (!drains || this.sync.idle) this.finishLeaving();
  }

  /** The rest of leaveRole, once the sync processor it waited for has flushed everything. */
  private finishLeaving(): void {
    const l = this.leaving;
    if (l === null) return;
    this.leaving = null;
    if (l.fullyShutDown) this.reloadDataBase();
    else this.fastForwardDataBase();
    this.setState('LOOKING', 'ELECTION');
    if (l.wasObserver) {
      // Observer.waitForObserverElectionDelay: uniform [0, 200) ms before LOOKING
      this.setTimer('observerDelay', this.rng.int(0, 199));
    } else {
      this.lookForLeader();
    }
  }

  /**
   * QuorumPeer.run's LOOKING branch. With readonlymode.enabled it first starts the roZkMgr thread:
   * after max(2000, tickTime) ms, if the peer is still LOOKING, a ReadOnlyZooKeeperServer starts
   * on the peer's own database ("wait some grace period before we decide we're partitioned").
   */
  private lookForLeader(): void {
    if (this.cfg.readonlyModeEnabled) this.setTimer('readOnlyStart', readOnlyGraceMs(this.cfg.tickTime));
    this.fle.lookForLeader();
  }

  /** roZk.startup(): ZooKeeperServer.startup with the read-only processors; "Read-only server started". */
  private startReadOnly(): void {
    if (this.state !== 'LOOKING' || this.roZk !== null || this.serving) return;
    this.roZk = new ReadOnlyZooKeeperServer(this.myid, this.cfg.tickTime, this.now);
    this.serving = true;
    this.trace({ t: this.now, ev: 'readonly', sid: this.myid, action: 'start' });
  }

  /**
   * The LOOKING branch's finally: lookForLeader returned, so `roZkMgr.interrupt(); roZk.shutdown()`.
   * ReadOnlyZooKeeperServer.shutdownComponents closes every client connection
   * (self.closeAllConnections); its local sessions go with its session tracker.
   */
  private shutdownReadOnly(): void {
    this.cancelTimer('readOnlyStart');
    const ro = this.roZk;
    if (ro === null) return;
    this.roZk = null;
    this.cancelTimer('localSessionExpiry');
    this.trace({ t: this.now, ev: 'readonly', sid: this.myid, action: 'shutdown' });
    this.stopServing();
  }

  /** The LocalSessionTracker's expirer: a local session not heard from is closed locally (no txn). */
  private expireLocalSessions(): void {
    const ro = this.roZk;
    if (ro === null) return;
    for (const id of ro.localSessions.expire(this.now)) this.closeLocalSession(id, null);
    this.armLocalSessionExpiry();
  }

  private armLocalSessionExpiry(): void {
    const next = this.roZk?.localSessions.nextExpirationTime() ?? null;
    if (next === null) this.cancelTimer('localSessionExpiry');
    else if (this.timerAt.get('localSessionExpiry')?.at !== next)
      this.setTimer('localSessionExpiry', next - this.now);
  }

  /**
   * A local session ends (its closeSession, or expiry): PrepRequestProcessor makes no txn for a
   * local session; FinalRequestProcessor answers a closeSession (`xid` given) and the connection closes.
   */
  private closeLocalSession(id: SessionId, xid: number | null): void {
    this.roZk?.localSessions.removeSession(id);
    for (const c of [...this.clients.values()]) {
      if (c.sessionId !== id) continue;
      if (xid !== null) this.sendClient(c.client, { kind: 'closed', xid, zxid: this.zkDb.lastProcessedZxid });
      else this.sendClient(c.client, { kind: 'connectionLost' });
      this.clients.delete(c.client);
      this.zkDb.dataTree.removeWatcher(c.client);
    }
    this.pendingBySession.delete(id);
    this.armLocalSessionExpiry();
  }

  /**
   * ZKDatabase.clear, then QuorumPeer.getLastLoggedZxid → ZKDatabase.loadDataBase: the SNAP the
   * learner was given was never persisted, so memory goes back to what the disk holds.
   */
  private reloadDataBase(): void {
    this.zkDb.loadDataBase(this.disk);
    if (this.zkDb.lastGap) this.anomaly('CommittedLogGap', this.zkDb.gapMessage());
    this.trace({
      t: this.now,
      ev: 'restore',
      sid: this.myid,
      zxid: zxidToHex(this.zkDb.lastProcessedZxid),
      source: 'boot',
      ...this.loadedFrom(),
    });
  }

  /** The `snap` and `replayed` of a restore event after ZKDatabase.loadDataBase (for the checker). */
  loadedFrom(): { snap: string; replayed: string[] } {
    const l = this.zkDb.lastLoad;
    return { snap: zxidToHex(l.snap ?? 0), replayed: zxidRanges(l.replayed) };
  }

  private fastForwardDataBase(): void {
    const last = this.zkDb.lastProcessedZxid;
    const replayed: Zxid[] = [];
    for (const f of this.disk.logs)
      for (const rec of f.txns) {
        if (rec.hdr.zxid > this.zkDb.lastProcessedZxid) {
          this.zkDb.processTxn(rec);
          replayed.push(rec.hdr.zxid);
          if (this.zkDb.addCommittedProposal(rec) === 'gap')
            this.anomaly('CommittedLogGap', this.zkDb.gapMessage());
        }
      }
    if (this.zkDb.lastProcessedZxid !== last)
      this.trace({
        t: this.now,
        ev: 'restore',
        sid: this.myid,
        zxid: zxidToHex(this.zkDb.lastProcessedZxid),
        source: 'boot',
        replayed: zxidRanges(replayed),
      });
  }

  private onTimer(t: PeerTimer): void {
    switch (t) {
      case 'fle':
        this.fle.onTimer();
        break;
      case 'observerDelay':
        if (this.state === 'LOOKING') this.lookForLeader();
        break;
      case 'leaderTick':
      case 'leaderWait':
      case 'sessionExpiry':
      case 'containerManager':
        this.leader?.onTimer(t);
        break;
      case 'learnerRead':
      case 'learnerConnect':
        this.learner?.onTimer(t);
        break;
      case 'readOnlyStart':
        if (this.state === 'LOOKING') this.startReadOnly();
        break;
      case 'localSessionExpiry':
        this.expireLocalSessions();
        break;
      case 'purge':
        // DatadirCleanupManager: scheduleAtFixedRate(task, 0, TimeUnit.HOURS.toMillis(purgeInterval))
        this.purge(
          effectiveSnapRetainCount(this.cfg.snapRetainCount ?? DEFAULT_SNAP_RETAIN_COUNT),
          'autopurge',
        );
        this.setTimer('purge', (this.cfg.purgeInterval ?? 0) * HOUR_MS);
        break;
    }
  }

  private onMessage(from: Sid, msg: ServerMessage): void {
    if (msg.channel === 'election' || msg.channel === 'cnx') {
      this.qcm.receive(from, msg);
      return;
    }
    if (msg.channel === 'close') {
      this.qcm.receive(from, msg);
      this.leader?.connectionClosed(from, msg.conn);
      this.learner?.connectionClosed(from, msg.conn, msg.refused);
      return;
    }
    const handled =
      (this.leader?.onPacket(from, msg.conn, msg.p) ?? false) ||
      (this.learner?.onPacket(from, msg.conn, msg.p) ?? false);
    // a packet for a connection this process doesn't hold: the TCP stack answers with a reset
    if (!handled)
      this.send(from, {
        channel: 'close',
        conn: msg.conn,
        refused: msg.p.type === 'FOLLOWERINFO' || msg.p.type === 'OBSERVERINFO',
      });
  }

  // ------------------------------------------------------------------ serving clients

  startServing(): void {
    this.serving = true;
    if (!this.idGen) this.idGen = new SessionTrackerImpl(this.myid, this.cfg.tickTime, this.now);
  }

  stopServing(): void {
    if (!this.serving) return;
    this.serving = false;
    // ZooKeeperServer.shutdown closes every client connection
    for (const c of this.clients.keys()) this.sendClient(c, { kind: 'connectionLost' });
    this.clients.clear();
    this.pendingBySession.clear();
    this.touchTable.clear();
  }

  private onClient(client: ClientId, msg: ClientToServer): void {
    if (msg.kind === 'fourLetter') {
      // NIOServerCnxn.checkFourLetterWord: answered on that connection, whatever the role
      const output = fourLetterWord(this, msg.word, this.cfg.fourLetterWhitelist);
      this.sendClient(client, {
        kind: 'fourLetter',
        word: msg.word,
        output,
        ...(msg.probe === true ? { probe: true } : {}),
      });
      return;
    }
    if (msg.kind === 'connect') {
      this.onConnect(client, msg);
      return;
    }
    const conn = this.clients.get(client);
    if (!conn || !this.serving) {
      if (msg.kind !== 'disconnect') this.sendClient(client, { kind: 'connectionLost' });
      return;
    }
    if (msg.kind === 'disconnect') {
      this.clients.delete(client);
      this.zkDb.dataTree.removeWatcher(client);
      return;
    }
    if (msg.kind === 'auth') {
      if (conn.pending) conn.primedAuth.push(msg.data);
      else this.processAuth(conn, msg.data);
      return;
    }
    if (!conn.sessionId || conn.pending) {
      this.sendClient(client, { kind: 'connectionLost' });
      return;
    }
    this.touch(conn.sessionId, conn.timeout);
    if (msg.kind === 'ping') {
      // answered in order with the connection's other replies (xid -2 is ClientCnxn.PING_XID)
      this.sendClient(client, {
        kind: 'reply',
        xid: -2,
        zxid: this.zkDb.lastProcessedZxid,
        err: Code.OK,
        result: null,
      });
      return;
    }
    if (msg.kind === 'close' && this.roZk?.isLocalSession(conn.sessionId)) {
      // ReadOnlyRequestProcessor lets a local session's closeSession through; no txn is made
      this.closeLocalSession(conn.sessionId, msg.xid);
      return;
    }
    if (msg.kind === 'close') {
      this.submit({
        client,
        sessionId: conn.sessionId,
        xid: msg.xid,
        kind: 'closeSession',
        op: null,
        timeout: 0,
      });
      return;
    }
    const op = msg.op;
    if (requestSize(op) > JUTE_MAXBUFFER) {
      // "Len error": the connection is closed before any processing; no zxid is used
      this.clients.delete(client);
      this.zkDb.dataTree.removeWatcher(client);
      this.sendClient(client, { kind: 'connectionLost' });
      return;
    }
    if (this.roZk !== null && isStateChanging(op)) {
      // ReadOnlyRequestProcessor.sendErrorResponse: NOTREADONLY, with the tree's last zxid
      this.sendClient(client, {
        kind: 'reply',
        xid: msg.xid,
        zxid: this.zkDb.lastProcessedZxid,
        err: Code.NOTREADONLY,
        result: null,
      });
      return;
    }
    const kind =
      op.op === 'sync'
        ? 'sync'
        : op.op === 'getData' ||
            op.op === 'exists' ||
            op.op === 'getChildren' ||
            op.op === 'getACL' ||
            op.op === 'whoAmI' ||
            op.op === 'getEphemerals' ||
            op.op === 'getAllChildrenNumber' ||
            op.op === 'addWatch' ||
            op.op === 'removeWatches'
          ? 'read'
          : 'write';
    this.submit({
      client,
      sessionId: conn.sessionId,
      xid: msg.xid,
      kind,
      op,
      timeout: conn.timeout,
      authInfo: conn.authInfo.slice(),
    });
  }

  /**
   * ZooKeeperServer.processPacket for OpCode.auth: the scheme's provider adds Ids to the
   * connection and the reply (xid AUTHPACKET_XID) goes out at once; an unknown scheme or a failed
   * authentication answers AUTHFAILED and closes the connection.
   */
  private processAuth(conn: ClientConn, data: AuthData): void {
    const ap = getServerProvider(data.scheme);
    const ids = ap === null ? null : ap.handleAuthentication(data.auth, CLIENT_ADDRESS);
    if (ids !== null) {
      for (const id of ids) addAuthInfo(conn.authInfo, id);
      this.sendClient(conn.client, {
        kind: 'reply',
        xid: AUTHPACKET_XID,
        zxid: 0,
        err: Code.OK,
        result: null,
      });
      return;
    }
    this.sendClient(conn.client, {
      kind: 'reply',
      xid: AUTHPACKET_XID,
      zxid: 0,
      err: Code.AUTHFAILED,
      result: null,
    });
    // "… and close connection": the session is left to expire
    this.clients.delete(conn.client);
    this.zkDb.dataTree.removeWatcher(conn.client);
    this.sendClient(conn.client, { kind: 'connectionLost' });
  }

  private onConnect(client: ClientId, msg: Extract<ClientToServer, { kind: 'connect' }>): void {
    const old = this.clients.get(client);
    if (old) this.zkDb.dataTree.removeWatcher(client);
    if (!this.serving) {
      this.sendClient(client, { kind: 'refused', reason: 'notServing' });
      return;
    }
    if (this.roZk !== null && msg.readOnly !== true) {
      // processConnectRequest: a read-only server closes a client that did not say canBeReadOnly
      // (CloseRequestException, NOT_READ_ONLY_CLIENT)
      this.refuseReadOnly(client, 'notReadOnly', notReadOnlyClientMessage(`/${CLIENT_ADDRESS}`));
      return;
    }
    if (msg.lastZxidSeen > this.zkDb.lastProcessedZxid) {
      // ZooKeeperServer.processConnectRequest: a client must never go back in time, so a server
      // whose tree is older than what the client has seen closes the connection (CloseRequestException,
      // CLIENT_ZXID_AHEAD) and the client's host provider moves on to the next server
      const session = msg.sessionId ?? '0x0';
      const seen = zxidToHex(msg.lastZxidSeen);
      const ours = zxidToHex(this.zkDb.lastProcessedZxid);
      this.trace({
        t: this.now,
        ev: 'refuse',
        sid: this.myid,
        client,
        session,
        lastZxidSeen: seen,
        lastZxid: ours,
        reason:
          `Refusing session(${session}) request for client /${CLIENT_ADDRESS} as it has seen zxid ${seen}` +
          ` our last zxid is ${ours} client must try another server`,
      });
      this.sendClient(client, {
        kind: 'refused',
        reason: 'zxidAhead',
        lastZxidSeen: msg.lastZxidSeen,
        ourLastZxid: this.zkDb.lastProcessedZxid,
      });
      return;
    }
    const timeout = clampSessionTimeout(msg.timeout, this.cfg.tickTime);
    const conn: ClientConn = {
      client,
      sessionId: msg.sessionId,
      timeout,
      pending: null,
      watches: msg.watches,
      lastZxidSeen: msg.lastZxidSeen,
      authInfo: [{ scheme: 'ip', id: CLIENT_ADDRESS }],
      primedAuth: msg.auth ?? [],
    };
    if (this.roZk !== null) {
      this.connectReadOnly(this.roZk, conn, msg.sessionId);
      return;
    }
    this.clients.set(client, conn);
    if (msg.sessionId === null) {
      const id = this.idGen!.createSession(timeout, this.now);
      conn.sessionId = id;
      conn.pending = 'createSession';
      this.submit({ client, sessionId: id, xid: 0, kind: 'createSession', op: null, timeout });
      return;
    }
    conn.pending = 'revalidate';
    if (this.leader) this.finishRevalidate(msg.sessionId, this.leader.revalidate(msg.sessionId, timeout));
    else this.learner?.revalidate(msg.sessionId, timeout);
  }

  private refuseReadOnly(
    client: ClientId,
    reason: 'notReadOnly' | 'globalSessionInRO' | 'createSessionNotLocal',
    line: string,
  ): void {
    const action = reason === 'createSessionNotLocal' ? 'refuseCreateSession' : 'refuse';
    this.trace({ t: this.now, ev: 'readonly', sid: this.myid, action, client, reason: line });
    this.sendClient(client, { kind: 'refused', reason });
  }

  /**
   * processConnectRequest on a ReadOnlyZooKeeperServer. A new session (sessionId 0) is created by
   * its LearnerSessionTracker as a local session (setLocalSessionFlag), which ReadOnlyRequestProcessor
   * lets through and PrepRequestProcessor makes no txn for: FinalRequestProcessor answers at once,
   * with ConnectResponse.readOnly = true. That needs localSessionsEnabled: without it the
   * createSession request is not local and ReadOnlyRequestProcessor answers it NOTREADONLY. A renewed session is refused if it is a global one the
   * database knows (validateSession), else revalidated against the local tracker (unknown: expired).
   */
  private connectReadOnly(ro: ReadOnlyZooKeeperServer, conn: ClientConn, sessionId: SessionId | null): void {
    if (sessionId === null && this.cfg.localSessionsEnabled !== true) {
      // LearnerSessionTracker.createSession hands out nextSessionId (no local session) and
      // setLocalSessionFlag leaves the request global; ReadOnlyRequestProcessor.run's
      // `case OpCode.createSession: if (!request.isLocalSession()) sendErrorResponse(request)` writes a
      // bare ReplyHeader(cxid 0, lastZxid, NOTREADONLY) and drops the request, so no ConnectResponse
      // comes: the client's readConnectResult fails on the short packet (EOFException), SendThread
      // closes the socket and tries its next host (cleanAndNotifyState)
      this.refuseReadOnly(conn.client, 'createSessionNotLocal', nonLocalCreateSessionMessage());
      return;
    }
    if (sessionId === null) {
      conn.sessionId = ro.localSessions.createSession(conn.timeout, this.now);
    } else if (this.zkDb.sessionsWithTimeouts.has(sessionId)) {
      this.refuseReadOnly(conn.client, 'globalSessionInRO', globalSessionInRoMessage(`/${CLIENT_ADDRESS}`));
      return;
    } else if (!ro.localSessions.touchSession(sessionId, conn.timeout, this.now)) {
      // finishSessionInit(cnxn, false): timeout 0, the client's session has expired
      this.sendClient(conn.client, { kind: 'expired' });
      return;
    }
    this.clients.set(conn.client, conn);
    this.sendClient(conn.client, {
      kind: 'connected',
      sessionId: conn.sessionId!,
      timeout: conn.timeout,
      readOnly: true,
    });
    if (this.readPrimedAuth(conn)) this.setWatches(conn);
    this.armLocalSessionExpiry();
  }

  /** The session `id` was (in)validated by the leader: answer the waiting connection. */
  finishRevalidate(id: SessionId, valid: boolean): void {
    for (const conn of this.clients.values()) {
      if (conn.sessionId !== id || conn.pending !== 'revalidate') continue;
      if (!valid) {
        this.sendClient(conn.client, { kind: 'expired' });
        this.clients.delete(conn.client);
        continue;
      }
      conn.pending = null;
      this.sendClient(conn.client, { kind: 'connected', sessionId: id, timeout: conn.timeout });
      if (this.readPrimedAuth(conn)) this.setWatches(conn);
    }
  }

  /**
   * processConnectRequest disabled reading until the session was set up; now the AuthPackets the
   * client sent behind its ConnectRequest are read. False if one failed (the connection is closed).
   */
  private readPrimedAuth(conn: ClientConn): boolean {
    const auth = conn.primedAuth;
    conn.primedAuth = [];
    for (const a of auth) {
      this.processAuth(conn, a);
      if (this.clients.get(conn.client) !== conn) return false;
    }
    return true;
  }

  /** SetWatches on reconnect: re-arm or fire synthetically (§6.6). */
  private setWatches(conn: ClientConn): void {
    const w = conn.watches;
    if (!w) return;
    const tree = this.zkDb.dataTree;
    const rel = conn.lastZxidSeen;
    const fire = (
      type: 'NodeCreated' | 'NodeDeleted' | 'NodeDataChanged' | 'NodeChildrenChanged',
      path: string,
    ) => this.sendClient(conn.client, { kind: 'watch', type, path });
    for (const p of w.data) {
      const n = tree.getNode(p);
      if (!n) fire('NodeDeleted', p);
      else if (n.stat.mzxid > rel) fire('NodeDataChanged', p);
      else tree.addDataWatch(p, conn.client);
    }
    for (const p of w.exist) {
      if (tree.getNode(p)) fire('NodeCreated', p);
      else tree.addDataWatch(p, conn.client);
    }
    for (const p of w.child) {
      const n = tree.getNode(p);
      if (!n) fire('NodeDeleted', p);
      else if (n.stat.pzxid > rel) fire('NodeChildrenChanged', p);
      else tree.addChildWatch(p, conn.client);
    }
    // SetWatches2: persistent and persistent-recursive watches are re-armed, never fired
    tree.setPersistentWatches(w.persistent ?? [], w.persistentRecursive ?? [], conn.client);
    conn.watches = null;
  }

  touch(sessionId: SessionId, timeout: number): void {
    if (this.roZk !== null) {
      this.roZk.localSessions.touchSession(sessionId, timeout, this.now);
      this.armLocalSessionExpiry();
      return;
    }
    if (this.leader) this.leader.touch(sessionId, timeout);
    else this.touchTable.set(sessionId, timeout);
  }

  /** Entry of the request pipeline of whatever role this server has. */
  private submit(r: LocalRequest): void {
    let q = this.pendingBySession.get(r.sessionId);
    if (!q) this.pendingBySession.set(r.sessionId, (q = []));
    q.push(r);
    if (r.kind === 'read') {
      this.processReadyReads(r.sessionId);
      return;
    }
    if (this.leader) this.leader.submitLocal(r);
    else this.learner?.forward(r);
  }

  /** CommitProcessor: a session's reads run once no write of that session is ahead of them. */
  processReadyReads(sessionId: SessionId): void {
    const q = this.pendingBySession.get(sessionId);
    while (q && q.length && q[0].kind === 'read') {
      const r = q.shift()!;
      this.serveRead(r);
    }
    if (q && !q.length) this.pendingBySession.delete(sessionId);
  }

  /** FinalRequestProcessor for reads: answered from this server's tree (may be stale). */
  private serveRead(r: LocalRequest): void {
    const zxid = this.zkDb.lastProcessedZxid;
    const { err, result } = processRead(this.zkDb.dataTree, r.op!, r.authInfo ?? [], r.client, r.sessionId);
    this.sendClient(r.client, { kind: 'reply', xid: r.xid, zxid, err, result });
  }

  /** A sync request of this server's client is done (leader: at once when nothing outstanding). */
  completeSync(sessionId: SessionId): void {
    const q = this.pendingBySession.get(sessionId);
    if (!q) return;
    const i = q.findIndex((r) => r.kind === 'sync');
    if (i < 0) return;
    const [r] = q.splice(i, 1);
    const op = r.op as Extract<Op, { op: 'sync' }>;
    this.sendClient(r.client, {
      kind: 'reply',
      xid: r.xid,
      zxid: this.zkDb.lastProcessedZxid,
      err: Code.OK,
      result: { op: 'sync', path: op.path },
    });
    this.processReadyReads(sessionId);
  }

  /**
   * FinalRequestProcessor for a committed txn on any role: apply it, add it to committedLog,
   * fire watches, and answer the client if the request came through this server.
   */
  applyCommitted(rec: TxnRecord): 'added' | 'ignored' | 'gap' {
    const r = this.zkDb.processTxn(rec);
    const cached = this.zkDb.addCommittedProposal(rec);
    this.trace({
      t: this.now,
      ev: 'apply',
      sid: this.myid,
      zxid: zxidToHex(rec.hdr.zxid),
      op: describeTxn(rec.txn),
    });
    for (const f of r.fired) {
      if (this.clients.has(f.watcher))
        this.sendClient(f.watcher, { kind: 'watch', type: f.type, path: f.path });
    }
    this.leader?.applied(rec);
    this.finishLocal(rec, r.err);
    return cached;
  }

  private finishLocal(rec: TxnRecord, err: number): void {
    const sid = rec.hdr.clientId;
    const t = rec.txn;
    if (t.type === 'closeSession') {
      // the session is gone: close any connection still bound to it
      for (const c of this.clients.values()) {
        if (c.sessionId !== sid) continue;
        const q = this.pendingBySession.get(sid);
        const head = q?.find((x) => x.kind === 'closeSession');
        if (head) this.sendClient(c.client, { kind: 'closed', xid: head.xid, zxid: rec.hdr.zxid });
        else this.sendClient(c.client, { kind: 'connectionLost' });
        this.clients.delete(c.client);
        this.zkDb.dataTree.removeWatcher(c.client);
      }
      this.pendingBySession.delete(sid);
      return;
    }
    const q = this.pendingBySession.get(sid);
    if (!q || !q.length) return;
    const head = q[0];
    if (head.kind === 'read' || head.kind === 'sync') return;
    if (head.kind === 'createSession') {
      if (t.type !== 'createSession') return;
      q.shift();
      const conn = this.clients.get(head.client);
      if (conn && conn.sessionId === sid) {
        conn.pending = null;
        this.sendClient(head.client, { kind: 'connected', sessionId: sid, timeout: conn.timeout });
        // the SetWatches primeConnection sent behind the ConnectRequest is read now too (only a
        // client that met read-only servers alone asks for a new session with watches to re-set)
        if (this.readPrimedAuth(conn)) this.setWatches(conn);
      }
    } else {
      if (head.xid !== rec.hdr.cxid) return;
      q.shift();
      this.sendClient(head.client, {
        kind: 'reply',
        xid: head.xid,
        zxid: rec.hdr.zxid,
        err,
        result: err === Code.OK ? this.writeResult(head.op!, rec) : null,
      });
    }
    this.processReadyReads(sid);
  }

  private writeResult(op: Op, rec: TxnRecord): OpResult | null {
    const tree = this.zkDb.dataTree;
    const t = rec.txn;
    switch (op.op) {
      case 'create':
        return t.type === 'create' || t.type === 'createContainer' || t.type === 'createTTL'
          ? { op: 'create', path: t.path, stat: tree.statNode(t.path)! }
          : null;
      case 'delete':
        return { op: 'delete' };
      case 'setData':
        return { op: 'setData', stat: tree.statNode(op.path)! };
      case 'setACL':
        return { op: 'setACL', stat: tree.statNode(op.path)! };
      case 'check':
        return { op: 'check' };
      case 'multi':
        return {
          op: 'multi',
          results: t.type === 'multi' ? t.txns.map((x) => ({ err: x.type === 'error' ? x.err : 0 })) : [],
        };
      default:
        return null;
    }
  }

  // ------------------------------------------------------------------ view

  view(): ServerView {
    const tree = this.zkDb.dataTree;
    const pipeline: PipelineStageView[] = [];
    const pend: string[] = [];
    for (const q of this.pendingBySession.values())
      for (const r of q)
        pend.push(
          `${r.sessionId} #${r.xid} ${r.op ? r.op.op + ' ' + ('path' in r.op ? r.op.path : '') : r.kind}`,
        );
    if (this.leader) pipeline.push(...this.leader.pipelineView(pend));
    else if (this.learner) pipeline.push(...this.learner.pipelineView(pend));
    const logs = this.disk.logs.map((f) => ({
      startZxid: f.startZxid,
      zxids: f.txns.map((t) => t.hdr.zxid),
    }));
    const lastLogged = this.zkDb.lastProcessedZxid;
    const quotaRoots = new Set(tree.quotaPaths());
    return {
      sid: this.myid,
      observer: this.isObserver,
      up: true,
      state: this.state,
      zabState: this.zabState,
      acceptedEpoch: this.acceptedEpoch,
      currentEpoch: this.currentEpoch,
      logicalClock: this.fle.logicalclock,
      lastLoggedZxid: lastLogged,
      lastProcessedZxid: this.zkDb.lastProcessedZxid,
      voteBox: this.fle.view(),
      cnx: this.qcm.view(),
      timers: [...this.timerAt].map(([timer, v]) => ({ timer, ...v })),
      leader: this.leader?.view() ?? null,
      learner: this.learner?.view() ?? null,
      committedLog: {
        min: this.zkDb.committedLog.length ? this.zkDb.minCommittedLog : this.zkDb.lastProcessedZxid,
        max: this.zkDb.committedLog.length ? this.zkDb.maxCommittedLog : this.zkDb.lastProcessedZxid,
        count: this.zkDb.committedLog.length,
      },
      pipeline,
      storage: {
        logs,
        snapshots: this.disk.snapshots.map((s) => s.zxid),
        acceptedEpoch: this.disk.acceptedEpoch,
        currentEpoch: this.disk.currentEpoch,
        unflushed: this.sync.unflushed(),
      },
      // only the znodes written since the last view are pictured again (DataTree.pictures)
      tree: tree.pictures(znodePicture(tree, quotaRoots), quotaRoots),
      sessions: [...this.zkDb.sessionsWithTimeouts.entries()].map(([id, timeout]) => ({
        id,
        timeout,
        expiresAt: this.leader?.expiryOf(id) ?? null,
      })),
      ...(this.roZk !== null ? { readOnly: true } : {}),
    };
  }
}

/**
 * The pictures of znodes shared with checkpoint copies (DataTree.isSharedNode: never written
 * again), each made once: most of a big tree's nodes, so a picture of it (after a step back, or
 * while playing) does not rebuild them all. Views are read-only data.
 */
const sharedNodeViews = new WeakMap<DataNode, ZNodeView>();

/**
 * How the server's view pictures each znode of `tree` (DataTree.pictures keeps the pictures of the
 * znodes not written since): a quota root with its limits and stats (the DataTree panel shows them,
 * read from other nodes), a shared node's picture made once.
 */
export function znodePicture(
  tree: DataTree,
  quotaRoots: ReadonlySet<string>,
): (path: string, n: DataNode) => ZNodeView {
  return (path, n) => {
    if (quotaRoots.has(path))
      return {
        ...znodeView(path, n),
        quota: {
          limits: tree.getNode(limitPath(path))?.data ?? '',
          stats: tree.getNode(statPath(path))?.data ?? '',
        },
      };
    if (!isSharedNode(n)) return znodeView(path, n);
    let zn = sharedNodeViews.get(n);
    if (zn === undefined) {
      zn = znodeView(path, n);
      sharedNodeViews.set(n, zn);
    }
    return zn;
  };
}

/** A znode's picture: its data, client-visible stat and ACL, and whether a container or TTL node. */
function znodeView(path: string, n: DataNode): ZNodeView {
  const st = clientStat(n);
  const zn: ZNodeView = {
    path,
    data: n.data,
    ephemeral: st.ephemeralOwner !== '0x0',
    stat: st,
    acl: n.acl,
  };
  // containers and TTL nodes (the DataTree panel shows them)
  const kind = ephemeralType(n.stat.ephemeralOwner);
  if (kind === 'CONTAINER') zn.kind = 'container';
  else if (kind === 'TTL') {
    zn.kind = 'ttl';
    zn.ttl = ttlOf(n.stat.ephemeralOwner);
  }
  return zn;
}
