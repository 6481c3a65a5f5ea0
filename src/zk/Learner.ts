/**
 * Learner — the follower and observer side of ZAB.
 * Mirrors org.apache.zookeeper.server.quorum.Learner (connectToLeader, registerWithLeader,
 * syncWithLeader), Follower.processPacket / FollowerZooKeeperServer (pendingTxns, logRequest,
 * commit) and Observer.processPacket, with the learner chains FollowerRequestProcessor →
 * CommitProcessor → FinalRequestProcessor and SyncRequestProcessor → SendAckRequestProcessor.
 *
 * The NEWLEADER handling follows the version switch of zk-reference §8.0:
 * "3.9.5" persists the committed sync txns before currentEpoch and only then ACKs;
 * "3.9.1" writes currentEpoch first, hands everything to the async log writer and ACKs at once
 * (ZOOKEEPER-4643/4646), and dereferences an empty list on an early COMMIT (ZOOKEEPER-4394).
 */
import type { QuorumPeer, LocalRequest } from './QuorumPeer';
import { getEpochFromZxid, makeZxid, zxidToHex } from './Zxid';
import type { Sid, Zxid } from './Zxid';
import { describeTxn } from './txn';
import type { SessionId, TxnRecord } from './txn';
import type { SyncNext } from './SyncRequestProcessor';
import { LEARNER_PROTOCOL_VERSION } from './QuorumPacket';
import type { QuorumPacket } from './QuorumPacket';
import type { PeerTimer } from './PeerIO';
import { DataTree } from './DataTree';
import type { SyncMode } from './trace';
import type { LearnerView, PipelineStageView } from './view';

/** Learner.connectToLeader: tries, 100 ms apart (zookeeper.leaderConnectDelayDuringRetryMs) */
const CONNECT_TRIES = 5;
const CONNECT_RETRY_MS = 100;

type LearnerPhase = 'connecting' | 'discovery' | 'sync' | 'broadcast';

export class Learner {
  private readonly peer: QuorumPeer;
  conn = 0;
  phase: LearnerPhase = 'connecting';
  private connectTries = 0;
  private newEpoch = -1;
  syncMode: SyncMode | null = null;
  private snapshotNeeded = false;
  private writeToTxnLog = false;
  private newLeaderProcessed = false;
  private packetsNotLogged: TxnRecord[] = [];
  private packetsCommitted: Zxid[] = [];
  /** FollowerZooKeeperServer.pendingTxns: logged, waiting for their COMMIT */
  readonly pendingTxns: TxnRecord[] = [];
  private lastQueued: Zxid = 0;
  /** the learner thread is blocked (fsync at NEWLEADER): packets wait in the socket */
  private blocked = false;
  private readonly inbox: QuorumPacket[] = [];
  /** local sync requests waiting for the leader's SYNC (FollowerZooKeeperServer.pendingSyncs) */
  private readonly pendingSyncs: SessionId[] = [];

  constructor(
    peer: QuorumPeer,
    readonly leaderSid: Sid,
    readonly observer: boolean,
  ) {
    this.peer = peer;
  }

  private get cfg() {
    return this.peer.cfg;
  }

  private send(p: QuorumPacket): void {
    this.peer.send(this.leaderSid, { channel: 'quorum', conn: this.conn, p });
  }

  private get role(): 'FOLLOWING' | 'OBSERVING' {
    return this.observer ? 'OBSERVING' : 'FOLLOWING';
  }

  start(): void {
    this.peer.setState(this.role, 'DISCOVERY');
    this.connectToLeader();
  }

  private connectToLeader(): void {
    this.connectTries++;
    this.conn = this.peer.newConnId();
    this.phase = 'discovery';
    // registerWithLeader: FOLLOWERINFO / OBSERVERINFO carries acceptedEpoch << 32
    const zxid = makeZxid(this.peer.acceptedEpoch, 0);
    this.send(
      this.observer
        ? { type: 'OBSERVERINFO', zxid, sid: this.peer.myid, protocolVersion: LEARNER_PROTOCOL_VERSION }
        : { type: 'FOLLOWERINFO', zxid, sid: this.peer.myid, protocolVersion: LEARNER_PROTOCOL_VERSION },
    );
    this.resetReadTimeout();
  }

  private resetReadTimeout(): void {
    const limit = this.newLeaderProcessed ? this.cfg.syncLimit : this.cfg.initLimit;
    this.peer.setTimer('learnerRead', limit * this.cfg.tickTime);
  }

  onTimer(t: PeerTimer): void {
    if (t === 'learnerConnect') {
      if (this.phase === 'connecting') this.connectToLeader();
      return;
    }
    this.peer.leaveRole(
      `${this.observer ? 'Exception when observing the leader' : 'Exception when following the leader'}: Read timed out`,
    );
  }

  connectionClosed(peerSid: Sid, conn: number, refused: boolean): void {
    if (peerSid !== this.leaderSid || (conn !== -1 && conn !== this.conn)) return;
    if (refused && this.phase === 'discovery' && this.connectTries < CONNECT_TRIES) {
      // Connection refused: the leader is not listening yet; retry shortly
      this.phase = 'connecting';
      this.peer.setTimer('learnerConnect', CONNECT_RETRY_MS);
      return;
    }
    this.peer.leaveRole(refused ? 'Failed to connect to leader' : 'Connection to leader closed');
  }

  /** returns false when the packet is not for this learner's connection */
  onPacket(from: Sid, conn: number, p: QuorumPacket): boolean {
    if (from !== this.leaderSid || conn !== this.conn) return false;
    this.resetReadTimeout();
    if (this.blocked) {
      this.inbox.push(p);
      return true;
    }
    this.process(p);
    return true;
  }

  private process(p: QuorumPacket): void {
    switch (this.phase) {
      case 'discovery':
        this.onLeaderInfo(p);
        break;
      case 'sync':
        this.syncWithLeader(p);
        break;
      case 'broadcast':
        if (this.observer) this.observerProcessPacket(p);
        else this.followerProcessPacket(p);
        break;
      case 'connecting':
        break;
    }
  }

  // ------------------------------------------------------------------ discovery

  private onLeaderInfo(p: QuorumPacket): void {
    const peer = this.peer;
    if (p.type !== 'LEADERINFO') {
      peer.leaveRole(`First packet from the leader should have been LEADERINFO, got ${p.type}`);
      return;
    }
    const newEpoch = getEpochFromZxid(p.zxid);
    let epochToSend: number;
    if (newEpoch > peer.acceptedEpoch) {
      epochToSend = peer.currentEpoch;
      peer.setAcceptedEpoch(newEpoch);
    } else if (newEpoch === peer.acceptedEpoch) {
      // already accepted this epoch: the ACKEPOCH does not count in waitForEpochAck
      epochToSend = -1;
    } else {
      peer.leaveRole(`Leaders epoch, ${newEpoch} is less than accepted epoch, ${peer.acceptedEpoch}`);
      return;
    }
    this.newEpoch = newEpoch;
    this.send({ type: 'ACKEPOCH', zxid: peer.zkDb.lastProcessedZxid, currentEpoch: epochToSend });
    peer.setState(this.role, 'SYNCHRONIZATION');
    this.phase = 'sync';
  }

  // ------------------------------------------------------------------ synchronization

  private syncWithLeader(p: QuorumPacket): void {
    const peer = this.peer;
    const old = this.cfg.zkVersion === '3.9.1';
    if (this.syncMode === null) {
      switch (p.type) {
        case 'DIFF':
          this.syncMode = 'DIFF';
          peer.syncMode = 'DIFF';
          this.snapshotNeeded = false;
          break;
        case 'SNAP': {
          this.syncMode = 'SNAP';
          peer.syncMode = 'SNAP';
          this.snapshotNeeded = true;
          const db = peer.zkDb;
          db.clear();
          db.dataTree = DataTree.deserialize(p.tree);
          for (const [id, to] of p.sessions) db.sessionsWithTimeouts.set(id, to);
          db.dataTree.lastProcessedZxid = p.zxid;
          peer.trace({ t: peer.now, ev: 'restore', sid: peer.myid, zxid: zxidToHex(p.zxid), source: 'SNAP' });
          break;
        }
        case 'TRUNC': {
          this.syncMode = 'TRUNC';
          peer.syncMode = 'TRUNC';
          this.snapshotNeeded = true;
          // FileTxnLog.truncate positions a FileTxnIterator on the first txn ≥ the target; when the
          // log holds none (no files, or only older txns) it throws "No log files found to
          // truncate!", FileTxnSnapLog.truncateLog returns false and the learner exits
          // (Learner.syncWithLeader: "Not able to truncate the log", QUORUM_PACKET_ERROR)
          if (!peer.disk.logs.some((f) => f.txns.some((t) => t.hdr.zxid >= p.zxid))) {
            peer.exit(`Not able to truncate the log ${zxidToHex(p.zxid)}: No log files found to truncate!`);
            return;
          }
          peer.storageSync([{ op: 'truncate', zxid: p.zxid }]);
          peer.sync.closeLog();
          // ZKDatabase.truncateLog: clear, reload snapshot + log, then lastProcessedZxid := target
          peer.zkDb.loadDataBase(peer.disk);
          if (peer.zkDb.lastProcessedZxid > p.zxid) {
            // FileTxnLog.truncate keeps the first txn ≥ target: when the target itself is not in
            // the log, a newer txn survives on disk and in the reloaded tree (zk-reference §5.1)
            peer.anomaly(
              'TruncKeptTxn',
              `TRUNC(${zxidToHex(p.zxid)}) kept txns up to ${zxidToHex(peer.zkDb.lastProcessedZxid)} on disk and in the tree`,
            );
          }
          peer.zkDb.dataTree.lastProcessedZxid = p.zxid;
          peer.trace({
            t: peer.now,
            ev: 'restore',
            sid: peer.myid,
            zxid: zxidToHex(p.zxid),
            source: 'TRUNC',
            ...peer.loadedFrom(),
          });
          break;
        }
        default:
          peer.leaveRole(`Got unexpected packet from leader: ${p.type}, exiting ... `);
          return;
      }
      this.writeToTxnLog = !this.snapshotNeeded;
      return;
    }
    switch (p.type) {
      case 'PROPOSAL': {
        if (!old && !this.enforceContinuousProposal(p.zxid)) return;
        this.lastQueued = p.zxid;
        this.packetsNotLogged.push(p.txn);
        break;
      }
      case 'COMMIT': {
        const pif = this.packetsNotLogged[0];
        if (old && !pif) {
          // ZOOKEEPER-4394: packetsNotCommitted.peekFirst() is null
          peer.anomaly(
            'Zookeeper4394',
            `COMMIT ${zxidToHex(p.zxid)} after NEWLEADER with no pending proposal`,
          );
          peer.leaveRole('java.lang.NullPointerException in Learner.syncWithLeader (ZOOKEEPER-4394)');
          return;
        }
        if (!this.writeToTxnLog) {
          if (!pif || pif.hdr.zxid !== p.zxid) {
            peer.anomaly(
              'CommitMismatch',
              `Committing ${zxidToHex(p.zxid)}, but next proposal is ${pif ? zxidToHex(pif.hdr.zxid) : 'none'}`,
            );
          } else {
            // TRUNC/SNAP before NEWLEADER: applied in memory only; the NEWLEADER snapshot covers it
            this.packetsNotLogged.shift();
            this.applyInMemory(pif);
          }
        } else {
          this.packetsCommitted.push(p.zxid);
        }
        break;
      }
      case 'INFORM': {
        if (!old) {
          if (!this.enforceContinuousProposal(p.zxid)) return;
          this.lastQueued = p.zxid;
        }
        if (!this.writeToTxnLog) this.applyInMemory(p.txn);
        else {
          this.packetsNotLogged.push(p.txn);
          this.packetsCommitted.push(p.zxid);
        }
        break;
      }
      case 'NEWLEADER':
        if (old) this.newLeaderOld();
        else this.newLeader();
        break;
      case 'UPTODATE':
        this.upToDate();
        break;
      case 'PING':
        this.ping();
        break;
      default:
        break;
    }
  }

  /**
   * Learner.enforceContinuousProposal (3.9.4+): a sync PROPOSAL/INFORM that is not lastQueued + 1
   * and not in a newer epoch aborts the sync ("DIFF sync got proposal …"); false when it did.
   */
  private enforceContinuousProposal(z: Zxid): boolean {
    const last = this.lastQueued;
    if (last === 0 || z === last + 1 || getEpochFromZxid(z) > getEpochFromZxid(last)) return true;
    const peer = this.peer;
    peer.anomaly('ProposalGap', `sync PROPOSAL ${zxidToHex(z)} after ${zxidToHex(last)}`);
    peer.leaveRole(
      `DIFF sync got proposal ${zxidToHex(z)}, last queued ${zxidToHex(last)}, expected ${zxidToHex(last + 1)}`,
    );
    return false;
  }

  /**
   * A COMMIT/INFORM before NEWLEADER (TRUNC/SNAP): zk.processTxn. In 3.9.4+ that is
   * ZooKeeperServer.processTxn(Request), which also caches it in committedLog
   * (ZKDatabase.addCommittedProposal; a gap throws and the sync aborts: ZOOKEEPER-4925); 3.9.1
   * calls processTxn(hdr, txn), the tree only. Returns false when the sync was aborted.
   */
  private applyInMemory(rec: TxnRecord): boolean {
    const peer = this.peer;
    peer.zkDb.processTxn(rec);
    peer.trace({
      t: peer.now,
      ev: 'apply',
      sid: peer.myid,
      zxid: zxidToHex(rec.hdr.zxid),
      op: describeTxn(rec.txn),
    });
    if (this.cfg.zkVersion === '3.9.1') return true;
    if (peer.zkDb.addCommittedProposal(rec) !== 'gap') return true;
    peer.leaveRole(peer.zkDb.gapMessage());
    return false;
  }

  /**
   * 3.9.4/3.9.5: snapshot if needed; log + apply the committed sync txns; fsync; currentEpoch; ACK.
   * The persist block runs only `if (zk instanceof FollowerZooKeeperServer)`: an observer writes
   * currentEpoch and ACKs at once, and commits its synced txns after UPTODATE (upToDate below).
   */
  private newLeader(): void {
    const peer = this.peer;
    if (this.snapshotNeeded) peer.takeSnapshot();
    this.writeToTxnLog = true;
    if (this.observer) {
      peer.setCurrentEpoch(this.newEpoch);
      peer.syncMode = 'NONE';
      this.newLeaderProcessed = true;
      this.resetReadTimeout();
      this.send({ type: 'ACK', zxid: makeZxid(this.newEpoch, 0) });
      return;
    }
    const committed = new Set(this.packetsCommitted);
    const toLog = this.packetsNotLogged.filter((r) => committed.has(r.hdr.zxid));
    this.packetsNotLogged = this.packetsNotLogged.filter((r) => !committed.has(r.hdr.zxid));
    this.packetsCommitted = this.packetsCommitted.filter((z) => !toLog.some((r) => r.hdr.zxid === z));
    if (!toLog.length) {
      this.newLeaderLogged();
      return;
    }
    this.blocked = true;
    for (let i = 0; i < toLog.length; i++) {
      const rec = toLog[i];
      peer.sync.append(rec, i === toLog.length - 1 ? new Logged(this, null) : null);
      // fzk.processTxn: a committedLog gap throws out of syncWithLeader (ZOOKEEPER-4925)
      if (peer.applyCommitted(rec) === 'gap') {
        peer.leaveRole(peer.zkDb.gapMessage());
        return;
      }
    }
  }

  /** 3.8.0–3.8.4 / 3.9.0–3.9.1: currentEpoch first, async logging, ACK at once (ZOOKEEPER-4643/4646). */
  private newLeaderOld(): void {
    const peer = this.peer;
    if (this.snapshotNeeded) peer.takeSnapshot();
    peer.setCurrentEpoch(this.newEpoch);
    peer.syncMode = 'NONE';
    this.writeToTxnLog = true;
    this.newLeaderProcessed = true;
    this.resetReadTimeout();
    if (!this.observer) {
      for (const rec of this.packetsNotLogged) this.logRequest(rec);
      this.packetsNotLogged = [];
    }
    // an observer keeps its packets: UPTODATE commits those matched by a COMMIT/INFORM
    this.send({ type: 'ACK', zxid: makeZxid(this.newEpoch, 0) });
  }

  private unblock(): void {
    this.blocked = false;
    while (this.inbox.length && !this.blocked && this.peer.learner === this)
      this.process(this.inbox.shift()!);
  }

  private upToDate(): void {
    const peer = this.peer;
    this.phase = 'broadcast';
    this.send({ type: 'ACK', zxid: makeZxid(this.newEpoch, 0) });
    peer.startServing();
    if (peer.currentVote) peer.currentVote = { ...peer.currentVote, peerEpoch: this.newEpoch };
    if (this.observer) {
      // Learner.syncWithLeader, ObserverZooKeeperServer branch: a packet is committed only when it
      // is the head of packetsCommitted ("Committing …, but next proposal is …" otherwise);
      // commitRequest logs it (SyncRequestProcessor) and applies it (CommitProcessor)
      for (const rec of this.packetsNotLogged) {
        if (this.packetsCommitted[0] !== rec.hdr.zxid) continue;
        this.packetsCommitted.shift();
        peer.sync.append(rec, null);
        peer.applyCommitted(rec);
      }
    } else {
      for (const rec of this.packetsNotLogged) this.logRequest(rec);
      for (const z of this.packetsCommitted) this.commit(z);
    }
    this.packetsNotLogged = [];
    this.packetsCommitted = [];
    // Follower.followLeader / Observer.observeLeader: BROADCAST once syncWithLeader has returned,
    // i.e. after the packets that came between NEWLEADER and UPTODATE were logged and committed
    if (peer.learner === this && !peer.exited) peer.setState(this.role, 'BROADCAST');
  }

  // ------------------------------------------------------------------ broadcast

  /** NEWLEADER's synced txns are durable (or there were none): currentEpoch, then its ACK. */
  newLeaderLogged(): void {
    const peer = this.peer;
    if (peer.learner !== this) return;
    peer.setCurrentEpoch(this.newEpoch);
    peer.syncMode = 'NONE';
    this.newLeaderProcessed = true;
    this.resetReadTimeout();
    this.send({ type: 'ACK', zxid: makeZxid(this.newEpoch, 0) });
    this.unblock();
  }

  /** SendAckRequestProcessor: a logged PROPOSAL is ACKed (while this learner is still the one). */
  proposalLogged(zxid: Zxid): void {
    if (this.peer.learner === this) this.send({ type: 'ACK', zxid });
  }

  /** FollowerZooKeeperServer.logRequest: pendingTxns + SyncRequestProcessor → SendAckRequestProcessor. */
  private logRequest(rec: TxnRecord): void {
    const peer = this.peer;
    this.pendingTxns.push(rec);
    peer.sync.append(rec, new Logged(this, rec.hdr.zxid));
  }

  /** FollowerZooKeeperServer.commit: the COMMIT must match the head of pendingTxns. */
  private commit(zxid: Zxid): void {
    const peer = this.peer;
    const head = this.pendingTxns[0];
    if (!head) {
      peer.anomaly('CommitWithoutTxn', `Committing ${zxidToHex(zxid)} without seeing txn`);
      return;
    }
    if (head.hdr.zxid !== zxid) {
      peer.anomaly(
        'UnmatchedTxnCommit',
        `Committing zxid ${zxidToHex(zxid)} but next pending txn ${zxidToHex(head.hdr.zxid)}`,
      );
      peer.exit('UNMATCHED_TXN_COMMIT');
      return;
    }
    this.pendingTxns.shift();
    peer.applyCommitted(head);
  }

  private ping(): void {
    const sessions: [SessionId, number][] = [...this.peer.touchTable.entries()];
    this.peer.touchTable.clear();
    this.send({ type: 'PING', zxid: -1 as Zxid, sessions });
  }

  private followerProcessPacket(p: QuorumPacket): void {
    const peer = this.peer;
    switch (p.type) {
      case 'PING':
        this.ping();
        break;
      case 'PROPOSAL':
        if (this.lastQueued !== 0 && p.zxid !== this.lastQueued + 1)
          // Follower only warns ("Got zxid … expected …")
          peer.trace({
            t: peer.now,
            ev: 'shutdown',
            sid: peer.myid,
            reason: `warning: got zxid ${zxidToHex(p.zxid)} expected ${zxidToHex(this.lastQueued + 1)}`,
          });
        this.lastQueued = p.zxid;
        this.logRequest(p.txn);
        break;
      case 'COMMIT':
        this.commit(p.zxid);
        break;
      case 'UPTODATE':
        peer.anomaly('IllegalUpToDate', 'Received an UPTODATE message after Follower started');
        break;
      case 'REVALIDATE':
        peer.finishRevalidate(p.sessionId, p.valid ?? false);
        break;
      case 'SYNC':
        this.syncDone();
        break;
      default:
        break;
    }
  }

  private observerProcessPacket(p: QuorumPacket): void {
    const peer = this.peer;
    switch (p.type) {
      case 'PING':
        this.ping();
        break;
      case 'INFORM':
        peer.sync.append(p.txn, null);
        peer.applyCommitted(p.txn);
        break;
      case 'REVALIDATE':
        peer.finishRevalidate(p.sessionId, p.valid ?? false);
        break;
      case 'SYNC':
        this.syncDone();
        break;
      default:
        // "Ignoring proposal" / "Ignoring commit"
        break;
    }
  }

  private syncDone(): void {
    const s = this.pendingSyncs.shift();
    if (s !== undefined) this.peer.completeSync(s);
  }

  // ------------------------------------------------------------------ client requests

  /** FollowerRequestProcessor / ObserverRequestProcessor: writes, syncs and session ops go to the leader. */
  forward(r: LocalRequest): void {
    if (this.phase !== 'broadcast') return;
    if (r.kind === 'sync') {
      this.pendingSyncs.push(r.sessionId);
      this.send({
        type: 'REQUEST',
        zxid: -1,
        sessionId: r.sessionId,
        cxid: r.xid,
        request: { kind: 'op', op: r.op! },
      });
      return;
    }
    if (r.kind === 'createSession') {
      this.send({
        type: 'REQUEST',
        zxid: -1,
        sessionId: r.sessionId,
        cxid: 0,
        request: { kind: 'createSession', timeout: r.timeout },
      });
      return;
    }
    if (r.kind === 'closeSession') {
      this.send({
        type: 'REQUEST',
        zxid: -1,
        sessionId: r.sessionId,
        cxid: r.xid,
        request: { kind: 'closeSession' },
      });
      return;
    }
    this.send({
      type: 'REQUEST',
      zxid: -1,
      sessionId: r.sessionId,
      cxid: r.xid,
      // Request.authInfo travels with the forwarded request (QuorumPacket.authinfo)
      request: r.authInfo ? { kind: 'op', op: r.op!, authInfo: [...r.authInfo] } : { kind: 'op', op: r.op! },
    });
  }

  revalidate(id: SessionId, timeout: number): void {
    if (this.phase !== 'broadcast') {
      this.peer.finishRevalidate(id, false);
      return;
    }
    this.send({ type: 'REVALIDATE', zxid: -1, sessionId: id, timeout });
  }

  shutdown(): void {
    if (this.conn) this.peer.send(this.leaderSid, { channel: 'close', conn: this.conn, refused: false });
  }

  view(): LearnerView {
    return { leader: this.leaderSid, pendingTxns: this.pendingTxns.map((r) => r.hdr.zxid) };
  }

  pipelineView(pending: string[]): PipelineStageView[] {
    const sync = this.peer.sync.held().map((r) => `${zxidToHex(r.hdr.zxid)} ${describeTxn(r.txn)}`);
    const waiting = this.pendingTxns.map((r) => `${zxidToHex(r.hdr.zxid)} ${describeTxn(r.txn)}`);
    return this.observer
      ? [
          { stage: 'ObserverRequestProcessor', requests: [] },
          { stage: 'CommitProcessor', requests: pending },
          { stage: 'FinalRequestProcessor', requests: [] },
          { stage: 'SyncRequestProcessor', requests: sync },
        ]
      : [
          { stage: 'FollowerRequestProcessor', requests: [] },
          { stage: 'CommitProcessor', requests: [...waiting, ...pending] },
          { stage: 'FinalRequestProcessor', requests: [] },
          { stage: 'SyncRequestProcessor', requests: sync },
          { stage: 'SendAckRequestProcessor', requests: [] },
        ];
  }
}

/**
 * What runs once a learner's txns are durable (a class, not a closure: see SyncNext): the ACK of a
 * PROPOSAL (SendAckRequestProcessor), or with `zxid` null the end of NEWLEADER's handling.
 */
class Logged implements SyncNext {
  constructor(
    private readonly learner: Learner,
    private readonly zxid: Zxid | null,
  ) {}

  processed(): void {
    if (this.zxid === null) this.learner.newLeaderLogged();
    else this.learner.proposalLogged(this.zxid);
  }
}
