/**
 * Leader and LearnerHandler — the leader side of ZAB.
 * Mirrors org.apache.zookeeper.server.quorum.Leader (lead, getEpochToPropose, waitForEpochAck,
 * waitForNewLeaderAck, startForwarding, propose, processAck, tryToCommit, processSync, the tick
 * loop) and LearnerHandler (run, syncFollower, queueCommittedProposals, ping, SyncLimitCheck),
 * with the leader's request chain LeaderRequestProcessor → PrepRequestProcessor →
 * ProposalRequestProcessor → (CommitProcessor → ToBeApplied → Final | Sync → AckRequestProcessor).
 * Java's threads and blocking waits become explicit phases; a wait's timeout is a timer.
 */
import type { QuorumPeer, LocalRequest } from './QuorumPeer';
import { PrepRequestProcessor } from './PrepRequestProcessor';
import { CONTAINER_DEFAULTS, ContainerManager } from './ContainerManager';
import type { SyncNext } from './SyncRequestProcessor';
import type { PrepRequest } from './PrepRequestProcessor';
import { SessionTrackerImpl } from './SessionTracker';
import { ZKDatabase } from './ZKDatabase';
import { getCounterFromZxid, getEpochFromZxid, makeZxid, zxidToHex, MAX_COUNTER } from './Zxid';
import type { Sid, Zxid } from './Zxid';
import { describeTxn } from './txn';
import type { SessionId, TxnRecord } from './txn';
import { LEARNER_PROTOCOL_VERSION } from './QuorumPacket';
import type { QuorumPacket, ForwardedRequest } from './QuorumPacket';
import type { PeerTimer } from './PeerIO';
import { syncFollower } from './SyncDecision';
import type { SyncMode } from './trace';
import type { LeaderView, LearnerHandlerView, PipelineStageView } from './view';

interface Proposal {
  rec: TxnRecord;
  acks: Set<Sid>;
  local: LocalRequest | null;
}

interface StateSummary {
  currentEpoch: number;
  lastZxid: Zxid;
}

function isMoreRecentThan(a: StateSummary, b: StateSummary): boolean {
  return a.currentEpoch > b.currentEpoch || (a.currentEpoch === b.currentEpoch && a.lastZxid > b.lastZxid);
}

type HandlerPhase =
  | 'waitEpoch' // FOLLOWERINFO received, waiting in getEpochToPropose
  | 'waitAckEpoch' // LEADERINFO sent, waiting for ACKEPOCH
  | 'waitEpochQuorum' // ACKEPOCH received, waiting in waitForEpochAck
  | 'waitNewLeaderAck' // sync stream + NEWLEADER sent, waiting for the learner's first packet
  | 'waitStartup' // NEWLEADER ACK received, waiting for the leader to start serving
  | 'running'; // UPTODATE sent: the normal packet loop

export class LearnerHandler {
  phase: HandlerPhase = 'waitEpoch';
  tickOfNextAckDeadline: number;
  peerLastZxid: Zxid = -1;
  sync: { mode: SyncMode; zxid: Zxid; peerLastZxid: Zxid; reason: string } | null = null;
  sendingThreadStarted = false;
  /** SyncLimitCheck: proposals sent and not yet ACKed, oldest first: [zxid, time] */
  readonly unacked: [Zxid, number][] = [];
  /** packets that arrived while the handler thread was blocked (waitForStartup) */
  readonly held: QuorumPacket[] = [];

  constructor(
    readonly sid: Sid,
    readonly conn: number,
    readonly observer: boolean,
    tick: number,
    initLimit: number,
    syncLimit: number,
  ) {
    this.tickOfNextAckDeadline = tick + initLimit + syncLimit;
  }
}

export class Leader {
  private readonly peer: QuorumPeer;
  epoch = -1;
  private waitingForNewEpoch = true;
  readonly connectingFollowers = new Set<Sid>();
  readonly electingFollowers = new Set<Sid>();
  private electionFinished = false;
  readonly newLeaderAcks = new Set<Sid>();
  private quorumFormed = false;
  running = false;
  private leaderStateSummary: StateSummary = { currentEpoch: 0, lastZxid: 0 };
  readonly handlers = new Map<number, LearnerHandler>();
  private readonly forwarding = new Set<LearnerHandler>();
  private readonly observing = new Set<LearnerHandler>();
  /** outstandingProposals, in zxid order (Map keeps insertion order) */
  readonly outstanding = new Map<Zxid, Proposal>();
  /** committed, not yet applied by the FinalRequestProcessor (Leader.toBeApplied) */
  readonly toBeApplied: Proposal[] = [];
  lastCommitted: Zxid = -1;
  lastProposed: Zxid = 0;
  tick = 0;
  private tickSkip = true;
  private waitPhase: 'epoch' | 'epochAck' | 'newLeaderAck' | null = null;
  private readonly pendingSyncs = new Map<
    Zxid,
    { handler: LearnerHandler; sessionId: SessionId; cxid: number }[]
  >();
  private hzxid: Zxid = 0;
  private tracker: SessionTrackerImpl | null = null;
  private prep: PrepRequestProcessor | null = null;
  private expiryArmedAt: number | null = null;
  /** LeaderZooKeeperServer.containerManager, started with the server (startZkServer) */
  containerManager: ContainerManager | null = null;
  private containerArmedAt: number | null = null;

  constructor(peer: QuorumPeer) {
    this.peer = peer;
  }

  private get cfg() {
    return this.peer.cfg;
  }

  private send(h: LearnerHandler, p: QuorumPacket): void {
    if (p.type === 'PROPOSAL') h.unacked.push([p.zxid, this.peer.now]);
    this.peer.send(h.sid, { channel: 'quorum', conn: h.conn, p });
  }

  // ------------------------------------------------------------------ discovery

  lead(): void {
    const peer = this.peer;
    peer.setState('LEADING', 'DISCOVERY');
    this.tick = 0;
    // ZooKeeperServer.loadData: kill sessions that own ephemerals but are gone from the session table
    const db = peer.zkDb;
    for (const s of db.dataTree.getSessionsWithEphemerals()) {
      if (!db.sessionsWithTimeouts.has(s)) {
        const z = db.lastProcessedZxid;
        db.dataTree.processTxn({
          hdr: { clientId: s, cxid: 0, zxid: z, time: peer.now },
          txn: { type: 'closeSession', paths2Delete: db.dataTree.getEphemerals(s) },
        });
      }
    }
    peer.takeSnapshot();
    this.leaderStateSummary = { currentEpoch: peer.currentEpoch, lastZxid: db.lastProcessedZxid };
    this.waitPhase = 'epoch';
    peer.setTimer('leaderWait', this.cfg.initLimit * this.cfg.tickTime);
    this.getEpochToPropose(peer.myid, peer.acceptedEpoch);
  }

  private isParticipant(sid: Sid): boolean {
    return this.cfg.voters.includes(sid);
  }

  private getEpochToPropose(sid: Sid, lastAcceptedEpoch: number): void {
    if (!this.waitingForNewEpoch) return;
    if (lastAcceptedEpoch >= this.epoch) this.epoch = lastAcceptedEpoch + 1;
    if (this.isParticipant(sid)) this.connectingFollowers.add(sid);
    if (this.connectingFollowers.has(this.peer.myid) && this.peer.isQuorum(this.connectingFollowers)) {
      this.waitingForNewEpoch = false;
      this.peer.setAcceptedEpoch(this.epoch);
      this.epochDecided();
    }
  }

  /** getEpochToPropose released everyone: the leader moves on to waitForEpochAck. */
  private epochDecided(): void {
    this.hzxid = makeZxid(this.epoch, 0);
    this.lastProposed = this.hzxid;
    for (const h of this.handlers.values()) if (h.phase === 'waitEpoch') this.sendLeaderInfo(h);
    this.waitPhase = 'epochAck';
    this.peer.setTimer('leaderWait', this.cfg.initLimit * this.cfg.tickTime);
    this.waitForEpochAck(this.peer.myid, this.leaderStateSummary);
  }

  private sendLeaderInfo(h: LearnerHandler): void {
    h.phase = 'waitAckEpoch';
    this.send(h, {
      type: 'LEADERINFO',
      zxid: makeZxid(this.epoch, 0),
      protocolVersion: LEARNER_PROTOCOL_VERSION,
    });
  }

  /** returns false when the learner must be dropped ("Follower is ahead of the leader") */
  private waitForEpochAck(sid: Sid, ss: StateSummary): boolean {
    if (this.electionFinished) return true;
    if (ss.currentEpoch !== -1) {
      if (isMoreRecentThan(ss, this.leaderStateSummary)) return false;
      if (ss.lastZxid !== -1 && this.isParticipant(sid)) this.electingFollowers.add(sid);
    }
    if (this.electingFollowers.has(this.peer.myid) && this.peer.isQuorum(this.electingFollowers)) {
      this.electionFinished = true;
      this.established();
    }
    return true;
  }

  /** waitForEpochAck returned on the leader: currentEpoch, SYNCHRONIZATION, release handlers. */
  private established(): void {
    const peer = this.peer;
    peer.setCurrentEpoch(this.epoch);
    peer.trace({ t: peer.now, ev: 'established', sid: peer.myid, epoch: this.epoch });
    peer.setState('LEADING', 'SYNCHRONIZATION');
    this.waitPhase = 'newLeaderAck';
    peer.setTimer('leaderWait', this.cfg.initLimit * this.cfg.tickTime);
    // the leader's own NEWLEADER ack (waitForNewLeaderAck(self.getId(), zk.getZxid()))
    this.newLeaderAcks.add(peer.myid);
    for (const h of [...this.handlers.values()]) if (h.phase === 'waitEpochQuorum') this.syncLearner(h);
    this.checkNewLeaderQuorum();
  }

  // ------------------------------------------------------------------ synchronization

  /** LearnerHandler.run after the epoch handshake: syncFollower, SNAP, NEWLEADER. */
  private syncLearner(h: LearnerHandler): void {
    const db = this.peer.zkDb;
    const disk = this.peer.disk;
    const newest = disk.snapshots[disk.snapshots.length - 1];
    const decision = syncFollower(
      {
        committedLog: db.committedLog,
        minCommittedLog: db.minCommittedLog,
        maxCommittedLog: db.maxCommittedLog,
        lastProcessedZxid: db.lastProcessedZxid,
        snapshotSizeFactor: this.cfg.snapshotSizeFactor,
        txnLogFiles: disk.logs,
        newestSnapshotSize: newest ? ZKDatabase.snapshotSize(newest) : 0,
        lastProposed: this.lastProposed,
        toBeApplied: this.toBeApplied.map((p) => p.rec),
        outstanding: [...this.outstanding.values()].map((p) => p.rec),
        observer: h.observer,
      },
      h.peerLastZxid,
    );
    const queued = decision.packets;
    const { mode, zxid } = decision;
    if (h.observer) this.observing.add(h);
    else this.forwarding.add(h);
    h.sync = { mode, zxid, peerLastZxid: h.peerLastZxid, reason: decision.reason };
    this.peer.trace({
      t: this.peer.now,
      ev: 'sync',
      leader: this.peer.myid,
      learner: h.sid,
      mode,
      zxid: zxidToHex(zxid),
      peerLastZxid: zxidToHex(h.peerLastZxid),
      reason: decision.reason,
    });
    if (decision.needSnap) {
      // the SNAP packet and the serialized DB go straight onto the socket, before anything queued
      const snap = db.snapshot();
      this.send(h, { type: 'SNAP', zxid: db.lastProcessedZxid, tree: snap.tree, sessions: snap.sessions });
      // only what startForwarding queued above the snapshot follows it
      for (const p of queued)
        if ((p.type === 'PROPOSAL' || p.type === 'COMMIT') && p.zxid > db.lastProcessedZxid) this.send(h, p);
    } else {
      for (const p of queued) this.send(h, p);
    }
    this.send(h, { type: 'NEWLEADER', zxid: makeZxid(this.epoch, 0) });
    h.sendingThreadStarted = true;
    h.phase = 'waitNewLeaderAck';
  }

  private waitForNewLeaderAck(h: LearnerHandler, zxid: Zxid): void {
    if (this.quorumFormed) return;
    const expected = makeZxid(this.epoch, 0);
    if (zxid !== expected) {
      // "NEWLEADER ACK from sid: … is from a different epoch" — not counted (ZOOKEEPER-4685)
      this.peer.anomaly(
        'NewLeaderAckEpoch',
        `NEWLEADER ACK from sid ${h.sid} carries ${zxidToHex(zxid)}, expected ${zxidToHex(expected)}`,
      );
      return;
    }
    if (this.isParticipant(h.sid)) this.newLeaderAcks.add(h.sid);
    this.checkNewLeaderQuorum();
  }

  private checkNewLeaderQuorum(): void {
    if (this.quorumFormed || !this.electionFinished) return;
    if (this.newLeaderAcks.has(this.peer.myid) && this.peer.isQuorum(this.newLeaderAcks)) {
      this.quorumFormed = true;
      this.startZkServer();
    }
  }

  /** Leader.startZkServer + the BROADCAST loop's start. */
  private startZkServer(): void {
    const peer = this.peer;
    this.waitPhase = null;
    peer.cancelTimer('leaderWait');
    this.lastCommitted = this.hzxid;
    this.running = true;
    // the session tracker re-tracks every session with a full timeout from now
    this.tracker = new SessionTrackerImpl(peer.myid, this.cfg.tickTime, peer.now);
    for (const [id, to] of peer.zkDb.sessionsWithTimeouts) this.tracker.addSession(id, to, peer.now);
    this.prep = new PrepRequestProcessor(peer.zkDb.dataTree, this, {
      extendedTypesEnabled: this.cfg.extendedTypesEnabled ?? false,
      enforceQuota: this.cfg.enforceQuota ?? false,
    });
    // LeaderZooKeeperServer.startup → containerManager.start()
    this.containerManager = new ContainerManager(
      {
        checkIntervalMs: this.cfg.containerCheckIntervalMs ?? CONTAINER_DEFAULTS.checkIntervalMs,
        maxPerMinute: this.cfg.containerMaxPerMinute ?? CONTAINER_DEFAULTS.maxPerMinute,
        maxNeverUsedIntervalMs:
          this.cfg.containerMaxNeverUsedIntervalMs ?? CONTAINER_DEFAULTS.maxNeverUsedIntervalMs,
      },
      peer.now,
    );
    this.containerArmedAt = null;
    if (peer.currentVote) peer.currentVote = { ...peer.currentVote, peerEpoch: this.epoch };
    peer.zkDb.dataTree.lastProcessedZxid = this.hzxid;
    peer.setState('LEADING', 'BROADCAST');
    peer.startServing();
    this.tickSkip = true;
    peer.setTimer('leaderTick', this.cfg.tickTime / 2);
    for (const h of this.handlers.values()) if (h.phase === 'waitStartup') this.sendUpToDate(h);
  }

  private sendUpToDate(h: LearnerHandler): void {
    h.phase = 'running';
    this.send(h, { type: 'UPTODATE', zxid: -1 });
    const held = h.held.splice(0);
    for (const p of held) this.onRunningPacket(h, p);
  }

  // ------------------------------------------------------------------ packets from learners

  onPacket(from: Sid, conn: number, p: QuorumPacket): boolean {
    let h = this.handlers.get(conn);
    if (!h) {
      if (p.type !== 'FOLLOWERINFO' && p.type !== 'OBSERVERINFO') return false;
      // one handler per learner: a new connection replaces an old one
      for (const old of [...this.handlers.values()]) if (old.sid === from) this.removeHandler(old, false);
      h = new LearnerHandler(
        from,
        conn,
        p.type === 'OBSERVERINFO',
        this.tick,
        this.cfg.initLimit,
        this.cfg.syncLimit,
      );
      this.handlers.set(conn, h);
      const lastAcceptedEpoch = getEpochFromZxid(p.zxid);
      this.getEpochToPropose(from, lastAcceptedEpoch);
      if (!this.waitingForNewEpoch && h.phase === 'waitEpoch') this.sendLeaderInfo(h);
      return true;
    }
    switch (h.phase) {
      case 'waitEpoch':
        return true;
      case 'waitAckEpoch': {
        if (p.type !== 'ACKEPOCH') {
          this.removeHandler(h, true);
          return true;
        }
        h.peerLastZxid = p.zxid;
        const ok = this.waitForEpochAck(h.sid, { currentEpoch: p.currentEpoch, lastZxid: p.zxid });
        if (!ok) {
          this.peer.trace({
            t: this.peer.now,
            ev: 'shutdown',
            sid: this.peer.myid,
            reason: `Follower ${h.sid} is ahead of the leader (its currentEpoch ${p.currentEpoch}, zxid ${zxidToHex(p.zxid)})`,
          });
          this.removeHandler(h, true);
          return true;
        }
        if (this.electionFinished) this.syncLearner(h);
        else h.phase = 'waitEpochQuorum';
        return true;
      }
      case 'waitEpochQuorum':
        return true;
      case 'waitNewLeaderAck': {
        if (p.type !== 'ACK') {
          // "Next packet was supposed to be an ACK"
          this.removeHandler(h, true);
          return true;
        }
        h.phase = 'waitStartup';
        this.waitForNewLeaderAck(h, p.zxid);
        if (this.running && h.phase === 'waitStartup') this.sendUpToDate(h);
        return true;
      }
      case 'waitStartup':
        h.held.push(p);
        return true;
      case 'running':
        this.onRunningPacket(h, p);
        return true;
    }
  }

  private onRunningPacket(h: LearnerHandler, p: QuorumPacket): void {
    // LearnerHandler.run's main loop (after UPTODATE) refreshes the deadline on every packet it
    // reads; the handshake keeps the initial tick + initLimit + syncLimit
    h.tickOfNextAckDeadline = this.tick + this.cfg.syncLimit;
    switch (p.type) {
      case 'ACK':
        while (h.unacked.length && h.unacked[0][0] <= p.zxid) h.unacked.shift();
        if (!h.observer) this.processAck(h.sid, p.zxid);
        break;
      case 'PING':
        for (const [id, to] of p.sessions) this.touch(id, to);
        break;
      case 'REQUEST':
        this.submitForwarded(h, p.sessionId, p.cxid, p.request);
        break;
      case 'REVALIDATE': {
        const valid = this.revalidate(p.sessionId, p.timeout);
        this.send(h, { type: 'REVALIDATE', zxid: -1, sessionId: p.sessionId, timeout: p.timeout, valid });
        break;
      }
      default:
        break;
    }
  }

  connectionClosed(peerSid: Sid, conn: number): void {
    for (const h of [...this.handlers.values()]) {
      if (h.sid === peerSid && (conn === -1 || h.conn === conn)) this.removeHandler(h, false);
    }
  }

  private removeHandler(h: LearnerHandler, sendClose: boolean): void {
    this.handlers.delete(h.conn);
    this.forwarding.delete(h);
    this.observing.delete(h);
    if (sendClose) this.peer.send(h.sid, { channel: 'close', conn: h.conn, refused: false });
  }

  // ------------------------------------------------------------------ broadcast

  touch(id: SessionId, timeout: number): void {
    this.tracker?.touchSession(id, timeout, this.peer.now);
  }

  revalidate(id: SessionId, timeout: number): boolean {
    return this.tracker?.touchSession(id, timeout, this.peer.now) ?? false;
  }

  expiryOf(id: SessionId): number | null {
    return this.tracker?.expiryOf(id) ?? null;
  }

  /** A request from one of the leader's own clients. */
  submitLocal(r: LocalRequest): void {
    if (!this.running) return;
    if (r.kind === 'sync') {
      this.peer.completeSync(r.sessionId);
      return;
    }
    this.touch(r.sessionId, r.timeout);
    this.prepAndPropose(this.toPrep(r.sessionId, r.xid, r), r);
  }

  private toPrep(
    sessionId: SessionId,
    cxid: number,
    r: { kind: string; op: LocalRequest['op']; timeout: number; authInfo?: LocalRequest['authInfo'] },
  ): PrepRequest {
    if (r.kind === 'createSession') {
      this.tracker!.addSession(sessionId, r.timeout, this.peer.now);
      return { sessionId, cxid, kind: 'createSession', timeout: r.timeout };
    }
    if (r.kind === 'closeSession') {
      this.tracker!.setSessionClosing(sessionId);
      return { sessionId, cxid, kind: 'closeSession' };
    }
    return r.authInfo
      ? { sessionId, cxid, kind: 'op', op: r.op!, authInfo: r.authInfo }
      : { sessionId, cxid, kind: 'op', op: r.op! };
  }

  private submitForwarded(
    h: LearnerHandler,
    sessionId: SessionId,
    cxid: number,
    req: ForwardedRequest,
  ): void {
    if (!this.running) return;
    if (req.kind === 'op' && req.op.op === 'sync') {
      this.processSync(h, sessionId, cxid);
      return;
    }
    const r =
      req.kind === 'op'
        ? { kind: 'write', op: req.op, timeout: 0, authInfo: req.authInfo }
        : req.kind === 'createSession'
          ? { kind: 'createSession', op: null, timeout: req.timeout }
          : { kind: 'closeSession', op: null, timeout: 0 };
    this.prepAndPropose(this.toPrep(sessionId, cxid, r), null);
  }

  /** Leader.processSync: answer at once if nothing is outstanding, else after lastProposed commits. */
  private processSync(h: LearnerHandler, sessionId: SessionId, cxid: number): void {
    if (this.outstanding.size === 0) {
      this.send(h, { type: 'SYNC', zxid: 0, sessionId, cxid });
      return;
    }
    const list = this.pendingSyncs.get(this.lastProposed) ?? [];
    list.push({ handler: h, sessionId, cxid });
    this.pendingSyncs.set(this.lastProposed, list);
  }

  /** PrepRequestProcessor (zxid assigned here, failures included) → ProposalRequestProcessor. */
  private prepAndPropose(req: PrepRequest, local: LocalRequest | null): void {
    const peer = this.peer;
    const zxid = this.hzxid + 1;
    if (getCounterFromZxid(zxid) >= MAX_COUNTER) {
      // ZOOKEEPER-1277: the counter would roll over → new election, new epoch
      peer.leaveRole(
        'zxid lower 32 bits have rolled over, forcing re-election, and therefore new epoch start',
      );
      return;
    }
    this.hzxid = zxid;
    const rec = this.prep!.pRequest(req, zxid, peer.now);
    this.propose(rec, local);
  }

  /** Leader.propose + the local SyncRequestProcessor → AckRequestProcessor. */
  private propose(rec: TxnRecord, local: LocalRequest | null): void {
    const peer = this.peer;
    const zxid = rec.hdr.zxid;
    this.lastProposed = zxid;
    this.outstanding.set(zxid, { rec, acks: new Set(), local });
    peer.trace({
      t: peer.now,
      ev: 'propose',
      sid: peer.myid,
      zxid: zxidToHex(zxid),
      op: describeTxn(rec.txn),
    });
    for (const h of this.forwarding) this.send(h, { type: 'PROPOSAL', zxid, txn: rec });
    peer.sync.append(rec, new SelfAck(this, zxid));
  }

  /** SessionTracker.checkSession, for PrepRequestProcessor: Code.OK or why the session is not valid. */
  checkSession(id: SessionId): number {
    return this.tracker!.checkSession(id);
  }

  /** AckRequestProcessor: the leader's own ACK of a txn it has logged (while it still leads). */
  selfAck(zxid: Zxid): void {
    if (this.peer.leader === this) this.processAck(this.peer.myid, zxid);
  }

  processAck(sid: Sid, zxid: Zxid): void {
    if (getCounterFromZxid(zxid) === 0) return;
    if (this.outstanding.size === 0) return;
    if (this.lastCommitted >= zxid) return;
    const p = this.outstanding.get(zxid);
    if (!p) return;
    p.acks.add(sid);
    this.tryToCommit(p, zxid);
  }

  private tryToCommit(p: Proposal, zxid: Zxid): boolean {
    // commit strictly in order
    if (this.outstanding.has(zxid - 1)) return false;
    if (!this.peer.isQuorum(p.acks)) return false;
    this.outstanding.delete(zxid);
    this.toBeApplied.push(p);
    this.lastCommitted = zxid;
    const peer = this.peer;
    peer.trace({ t: peer.now, ev: 'commit', sid: peer.myid, zxid: zxidToHex(zxid) });
    for (const h of this.forwarding) this.send(h, { type: 'COMMIT', zxid });
    for (const h of this.observing) this.send(h, { type: 'INFORM', zxid, txn: p.rec });
    // CommitProcessor → FinalRequestProcessor → ToBeAppliedRequestProcessor
    peer.applyCommitted(p.rec);
    const syncs = this.pendingSyncs.get(zxid);
    if (syncs) {
      this.pendingSyncs.delete(zxid);
      for (const s of syncs)
        if (this.handlers.has(s.handler.conn))
          this.send(s.handler, { type: 'SYNC', zxid: 0, sessionId: s.sessionId, cxid: s.cxid });
    }
    return true;
  }

  /** FinalRequestProcessor applied rec on the leader. */
  applied(rec: TxnRecord): void {
    const i = this.toBeApplied.findIndex((p) => p.rec.hdr.zxid === rec.hdr.zxid);
    if (i >= 0) this.toBeApplied.splice(i, 1);
    this.prep?.committed(rec.hdr.zxid);
    if (rec.txn.type === 'closeSession') this.tracker?.removeSession(rec.hdr.clientId);
    if (rec.txn.type === 'createSession')
      this.tracker?.addSession(rec.hdr.clientId, rec.txn.timeOut, this.peer.now);
  }

  // ------------------------------------------------------------------ timers

  onTimer(t: PeerTimer): void {
    const peer = this.peer;
    if (t === 'leaderWait') {
      const msg =
        this.waitPhase === 'epoch'
          ? 'Timeout while waiting for epoch from quorum'
          : this.waitPhase === 'epochAck'
            ? 'Timeout while waiting for epoch to be acked by quorum'
            : `Waiting for a quorum of followers, only synced with sids: [ ${[...this.newLeaderAcks].join(',')} ]`;
      if (this.waitPhase) peer.leaveRole(msg);
      return;
    }
    if (t === 'containerManager') {
      this.containerArmedAt = null;
      if (!this.running || !this.containerManager) return;
      // ContainerManager.postDeleteRequest → requestProcessor.processRequest (PrepRequestProcessor)
      for (const path of this.containerManager.onTimer(peer.now, peer.zkDb.dataTree)) {
        this.prepAndPropose({ sessionId: '0x0', cxid: 0, kind: 'deleteContainer', path }, null);
        if (peer.leader !== this) return;
      }
      return;
    }
    if (t === 'sessionExpiry') {
      this.expiryArmedAt = null;
      if (!this.running || !this.tracker) return;
      for (const id of this.tracker.expire(peer.now)) {
        this.prepAndPropose({ sessionId: id, cxid: 0, kind: 'closeSession' }, null);
        if (peer.leader !== this) return;
      }
      return;
    }
    // leaderTick: wake every tickTime/2; tick++ and the quorum check every second wake
    if (!this.tickSkip) this.tick++;
    if (!this.tickSkip) {
      const synced = new Set<Sid>([peer.myid]);
      for (const h of this.handlers.values())
        if (!h.observer && this.tick <= h.tickOfNextAckDeadline) synced.add(h.sid);
      if (!peer.isQuorum(synced)) {
        peer.leaveRole(
          `Not sufficient followers synced, only synced with sids: [ ${[...synced].sort().join(',')} ]`,
        );
        return;
      }
    }
    this.tickSkip = !this.tickSkip;
    for (const h of [...this.handlers.values()]) {
      if (!h.sendingThreadStarted) continue;
      // SyncLimitCheck: the oldest un-ACKed proposal may not be older than syncLimit·tickTime
      if (h.unacked.length && peer.now - h.unacked[0][1] > this.cfg.syncLimit * this.cfg.tickTime) {
        peer.trace({
          t: peer.now,
          ev: 'shutdown',
          sid: peer.myid,
          reason: `Closing connection to peer ${h.sid} due to transaction timeout.`,
        });
        this.removeHandler(h, true);
        continue;
      }
      this.send(h, { type: 'PING', zxid: this.lastProposed, sessions: [] });
    }
    peer.setTimer('leaderTick', this.cfg.tickTime / 2);
  }

  /** After each event: keep the session-expiry timer on the tracker's next bucket. */
  afterEvent(): void {
    if (!this.running || !this.tracker) return;
    this.armContainerManager();
    const next = this.tracker.nextExpirationTime();
    if (next === null || next === this.expiryArmedAt) return;
    this.expiryArmedAt = next;
    this.peer.setTimer('sessionExpiry', next - this.peer.now);
  }

  /** The ContainerManager's timer, armed only while there is a container or TTL node to look at. */
  private armContainerManager(): void {
    const cm = this.containerManager;
    if (!cm) return;
    const tree = this.peer.zkDb.dataTree;
    const next = cm.nextWake(this.peer.now, tree.containerAndTtlCount() > 0);
    if (next === this.containerArmedAt) return;
    this.containerArmedAt = next;
    if (next === null) this.peer.cancelTimer('containerManager');
    else this.peer.setTimer('containerManager', next - this.peer.now);
  }

  shutdown(): void {
    for (const h of [...this.handlers.values()]) this.removeHandler(h, true);
    this.running = false;
  }

  // ------------------------------------------------------------------ view

  view(): LeaderView {
    const learners: LearnerHandlerView[] = [...this.handlers.values()].map((h) => ({
      sid: h.sid,
      observer: h.observer,
      phase: h.phase === 'running' ? 'BROADCAST' : h.sendingThreadStarted ? 'SYNCHRONIZATION' : 'DISCOVERY',
      sync: h.sync,
      queue: [],
      tickDeadline: h.tickOfNextAckDeadline,
    }));
    return {
      epoch: this.epoch,
      tick: this.tick,
      quorumCheckNext: !this.tickSkip,
      outstanding: [...this.outstanding.values()].map((p) => ({
        zxid: p.rec.hdr.zxid,
        op: describeTxn(p.rec.txn),
        acks: [...p.acks].sort((a, b) => a - b),
      })),
      toBeApplied: this.toBeApplied.map((p) => p.rec.hdr.zxid),
      lastCommitted: this.lastCommitted,
      lastProposed: this.lastProposed,
      learners,
      connectingFollowers: [...this.connectingFollowers].sort((a, b) => a - b),
      electingFollowers: [...this.electingFollowers].sort((a, b) => a - b),
      newLeaderAcks: [...this.newLeaderAcks].sort((a, b) => a - b),
    };
  }

  pipelineView(pending: string[]): PipelineStageView[] {
    const sync = this.peer.sync.held().map((r) => `${zxidToHex(r.hdr.zxid)} ${describeTxn(r.txn)}`);
    const waiting = [...this.outstanding.values()].map(
      (p) =>
        `${zxidToHex(p.rec.hdr.zxid)} ${describeTxn(p.rec.txn)} (${p.acks.size}/${this.peer.quorumSize} ACKs)`,
    );
    return [
      { stage: 'LeaderRequestProcessor', requests: [] },
      { stage: 'PrepRequestProcessor', requests: [] },
      { stage: 'ProposalRequestProcessor', requests: [] },
      { stage: 'SyncRequestProcessor', requests: sync },
      { stage: 'AckRequestProcessor', requests: [] },
      { stage: 'CommitProcessor', requests: [...waiting, ...pending] },
      {
        stage: 'ToBeAppliedRequestProcessor',
        requests: this.toBeApplied.map((p) => zxidToHex(p.rec.hdr.zxid)),
      },
      { stage: 'FinalRequestProcessor', requests: [] },
    ];
  }
}

/** The leader's AckRequestProcessor after SyncRequestProcessor (a class, not a closure: see SyncNext). */
class SelfAck implements SyncNext {
  constructor(
    private readonly leader: Leader,
    private readonly zxid: Zxid,
  ) {}

  processed(): void {
    this.leader.selfAck(this.zxid);
  }
}
