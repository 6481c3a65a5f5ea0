/**
 * FastLeaderElection — the leader election of one server, as an event-driven state machine.
 * Mirrors org.apache.zookeeper.server.quorum.FastLeaderElection (3.9.5), including its
 * Messenger.WorkerReceiver thread; zk-reference §2.
 *
 * The Java `lookForLeader` is a blocking loop around `recvqueue.poll(notTimeout)`. Here:
 * - `receive()` is WorkerReceiver: it answers some senders at once and enqueues into `recvqueue`
 *   while the peer is LOOKING; the loop body then runs immediately (processing is instantaneous).
 * - the single poll timer stands for the poll's timeout: it is re-armed every time the loop goes
 *   back to `poll` (after each dequeued notification), with `notTimeout` in the main loop and
 *   `finalizeWait` in the finalize loop. `onTimer()` is "poll returned null".
 * - the decision is handed to the host (`FLEHost.decided`), which plays QuorumPeer: it sets
 *   currentVote and the peer state and enters the role.
 *
 * Not modelled: reconfig (notifications carrying a newer QuorumVerifier, "next config" voters),
 * hierarchical/weighted quorums (every voter has weight 1: QuorumMaj), the 2-voter
 * QuorumOracleMaj paths, JMX.
 */
import type { Notification, ServerState } from './QuorumPacket';
import type { Sid, Zxid } from './Zxid';
import type { VoteBoxView, VoteView } from './view';
import { LONG_MIN_VALUE, createInitialVote, createVote, toVoteView, voteEquals, type Vote } from './Vote';

export type { Vote } from './Vote';

/** FastLeaderElection.finalizeWait: quiet period after a LOOKING quorum before deciding. */
export const finalizeWait = 200;
/** zookeeper.fastleader.minNotificationInterval (default finalizeWait): first poll timeout. */
export const minNotificationInterval = finalizeWait;
/** zookeeper.fastleader.maxNotificationInterval: cap of the exponential backoff. */
export const maxNotificationInterval = 60000;
/** Notification.CURRENTVERSION: every notification we build carries format version 2. */
export const NOTIFICATION_CURRENTVERSION = 2;

/** What FastLeaderElection needs from its QuorumPeer / QuorumCnxManager. */
export interface FLEHost {
  readonly myid: Sid;
  /** voting members (participants), including myid if I am one */
  readonly voters: readonly Sid[];
  /** learnerType == OBSERVER */
  isObserver(): boolean;
  /** QuorumPeer.getPeerState() */
  getPeerState(): ServerState;
  /** QuorumPeer.getCurrentVote() — the vote of the last finished election (peerEpoch updated after establishment) */
  getCurrentVote(): Vote | null;
  /** QuorumPeer.getLastLoggedZxid(), read when an election starts (getInitLastLoggedZxid) */
  getInitLastLoggedZxid(): Zxid;
  /** QuorumPeer.getCurrentEpoch(), read when an election starts (getPeerEpoch) */
  getCurrentEpoch(): number;
  /** virtual time, ms */
  now(): number;
  /** QuorumCnxManager.toSend; to self too: the loopback goes through the host */
  sendNotification(to: Sid, n: Notification): void;
  /** re-arms the single FLE timer (replaces any previous one) */
  setPollTimer(delayMs: number): void;
  cancelPollTimer(): void;
  /** election finished: the host sets currentVote and the peer state, and enters the role */
  decided(vote: Vote, state: ServerState): void;
  /**
   * QuorumCnxManager.haveDelivered(): true if some per-peer send queue is empty. On a poll timeout
   * FLE re-sends its notification only if this holds, else it calls connectAll(). Default: true.
   */
  haveDelivered?(): boolean;
  /** QuorumCnxManager.connectAll(). Default: nothing. */
  connectAll?(): void;
  /** Leader.reportLookingSid: a LEADING peer heard `sid` LOOKING (maxTimeToWaitForEpoch). Default: nothing. */
  reportLookingSid?(sid: Sid): void;
}

// ---------------------------------------------------------------------------------------------
// Vote order

/** Which rule of totalOrderPredicate decided (or that the candidate has weight 0). */
export type VoteOrderRule = 'notVoter' | 'peerEpoch' | 'zxid' | 'sid' | 'equal';

export interface VoteOrderExplanation {
  rule: VoteOrderRule;
  /** totalOrderPredicate's answer: does the new vote beat the current one */
  beats: boolean;
}

/**
 * Why totalOrderPredicate(new, cur) answers what it answers: the first rule that tells the two
 * votes apart (peerEpoch, then zxid, then sid), `equal` if none does, `notVoter` if the new
 * candidate has weight 0 (then it never beats anything).
 */
export function explainVoteOrder(
  newId: Sid,
  newZxid: Zxid,
  newEpoch: number,
  curId: Sid,
  curZxid: Zxid,
  curEpoch: number,
  weightOf: (sid: Sid) => number,
): VoteOrderExplanation {
  if (weightOf(newId) === 0) return { rule: 'notVoter', beats: false };
  if (newEpoch !== curEpoch) return { rule: 'peerEpoch', beats: newEpoch > curEpoch };
  if (newZxid !== curZxid) return { rule: 'zxid', beats: newZxid > curZxid };
  if (newId !== curId) return { rule: 'sid', beats: newId > curId };
  return { rule: 'equal', beats: false };
}

/**
 * FastLeaderElection.totalOrderPredicate: the new vote beats the current one iff its candidate
 * has non-zero weight and (higher peerEpoch) or (same peerEpoch, higher zxid) or (same peerEpoch
 * and zxid, higher sid). §2.2: peerEpoch is compared before zxid.
 */
export function totalOrderPredicate(
  newId: Sid,
  newZxid: Zxid,
  newEpoch: number,
  curId: Sid,
  curZxid: Zxid,
  curEpoch: number,
  weightOf: (sid: Sid) => number,
): boolean {
  return explainVoteOrder(newId, newZxid, newEpoch, curId, curZxid, curEpoch, weightOf).beats;
}

// ---------------------------------------------------------------------------------------------
// Quorum counting

/**
 * SyncedLearnerTracker over one QuorumMaj: the acks of voting members only; a quorum is a strict
 * majority of the voters (`ackset.size > floor(voters / 2)`).
 */
export class VoteTracker {
  readonly ackset = new Set<Sid>();
  private readonly voters: ReadonlySet<Sid>;

  constructor(voters: readonly Sid[]) {
    this.voters = new Set(voters);
  }

  addAck(sid: Sid): boolean {
    if (!this.voters.has(sid)) return false;
    this.ackset.add(sid);
    return true;
  }

  hasAllQuorums(): boolean {
    return this.ackset.size > Math.floor(this.voters.size / 2);
  }
}

/** FastLeaderElection.getVoteTracker: ack every sid whose vote `equals` (§2.3) the given vote. */
export function getVoteTracker(
  voters: readonly Sid[],
  votes: ReadonlyMap<Sid, Vote>,
  vote: Vote,
): VoteTracker {
  const voteSet = new VoteTracker(voters);
  for (const [sid, v] of votes) {
    if (voteEquals(vote, v)) voteSet.addAck(sid);
  }
  return voteSet;
}

/** The pre-3.5 name of the same check: do the votes equal to `vote` form a quorum. */
export function termPredicate(voters: readonly Sid[], votes: ReadonlyMap<Sid, Vote>, vote: Vote): boolean {
  return getVoteTracker(voters, votes, vote).hasAllQuorums();
}

// ---------------------------------------------------------------------------------------------
// FastLeaderElection

/** A notification as WorkerReceiver puts it into recvqueue (Notification.sid = sender). */
export interface ReceivedNotification {
  sid: Sid;
  n: Notification;
}

/** How the last notification handled by the loop was judged (VoteBoxView.lastDecision). */
export type FLEDecision = NonNullable<VoteBoxView['lastDecision']>;

/**
 * Where the Java thread would be blocked: not in lookForLeader, in the main loop's
 * `recvqueue.poll(notTimeout)`, or in the finalize loop's `recvqueue.poll(finalizeWait)`.
 */
export type FLELoopState = 'idle' | 'polling' | 'finalizing';

export class FastLeaderElection {
  /** election round; +1 at each lookForLeader; not persisted (a new process starts at 0) */
  logicalclock = 0;
  proposedLeader: Sid = -1;
  proposedZxid: Zxid = -1;
  proposedEpoch = 0;
  /** notifications enqueued by WorkerReceiver and not yet taken by the loop */
  recvqueue: ReceivedNotification[] = [];
  /**
   * Votes of this round (lookForLeader locals in Java). Kept after a decision so the UI can show
   * what the election ended on; cleared when the next lookForLeader starts.
   */
  recvset = new Map<Sid, Vote>();
  outofelection = new Map<Sid, Vote>();
  notTimeout = minNotificationInterval;
  /**
   * How the loop judged the last notification it took (loopbacks included). `mine` is what it was
   * compared with: my proposal, or my initial vote for 'newRound'. `changed`: my proposal
   * (leader, zxid, peerEpoch) changed, or — on the FOLLOWING/LEADING path ('notLooking') — this
   * notification ended the election. Not updated for LOOKING votes dropped for a -1 zxid.
   */
  lastDecision: FLEDecision | null = null;
  /**
   * The totalOrderPredicate rule behind lastDecision, where one was applied: for a same-round
   * LOOKING vote (and in the finalize loop) against my proposal, for a newer-round vote against my
   * initial vote (lastDecision.rule is then 'newRound'); null when no comparison was made.
   */
  lastDecisionOrder: VoteOrderRule | null = null;

  private loop: FLELoopState = 'idle';
  /** virtual time at which the armed poll timer is due (null: none armed by us) */
  private timerDueAt: number | null = null;
  /** the initial vote of this lookForLeader: getInitId / getInitLastLoggedZxid / getPeerEpoch */
  private initId: Sid = LONG_MIN_VALUE;
  private initZxid: Zxid = LONG_MIN_VALUE;
  private initEpoch: number = LONG_MIN_VALUE;
  /** set while the loop body runs, so re-entrant receive() calls (synchronous loopback) only enqueue */
  private busy = false;
  /** the decision, handed to the host once the loop body has unwound */
  private pendingEnd: { vote: Vote; state: ServerState } | null = null;

  constructor(private readonly host: FLEHost) {}

  /** Where the loop is (for hosts and tests). */
  get loopState(): FLELoopState {
    return this.loop;
  }

  /** FastLeaderElection.getVote(): the current proposal (electionEpoch -1, as in Java). */
  getVote(): Vote {
    return createInitialVote(this.proposedLeader, this.proposedZxid, this.proposedEpoch);
  }

  /**
   * lookForLeader entry: new round, proposal := initial vote, notify every voter (self included),
   * first poll with notTimeout = minNotificationInterval. The host must already be LOOKING.
   */
  lookForLeader(): void {
    this.recvset = new Map();
    this.outofelection = new Map();
    this.notTimeout = minNotificationInterval;
    this.lastDecision = null;
    this.lastDecisionOrder = null;
    this.pendingEnd = null;

    this.logicalclock += 1;
    this.initId = this.getInitId();
    this.initZxid = this.getInitLastLoggedZxid();
    this.initEpoch = this.getPeerEpoch();
    this.updateProposal(this.initId, this.initZxid, this.initEpoch);

    this.loop = 'polling';
    this.withBusy(() => this.sendNotifications());
    this.armTimer(this.notTimeout);
    // notifications enqueued before the loop started (or by a synchronous loopback) are taken now
    this.pump();
  }

  /**
   * Messenger.WorkerReceiver: every notification that reaches this server, whatever its state.
   * §2.4: non-voter sender → answer with currentVote, never enqueue; I'm LOOKING → enqueue, and
   * answer a LOOKING sender of an older round with my proposal; I'm not LOOKING → answer a LOOKING
   * sender with currentVote (electionEpoch of that vote) and my state; drop the rest.
   */
  receive(from: Sid, n: Notification): void {
    const myState = this.host.getPeerState();
    if (!this.validVoter(from)) {
      const current = this.currentVote();
      this.host.sendNotification(from, {
        version: NOTIFICATION_CURRENTVERSION,
        state: myState,
        leader: current.leader,
        zxid: current.zxid,
        electionEpoch: this.logicalclock,
        peerEpoch: current.peerEpoch,
      });
      return;
    }
    if (myState === 'LOOKING') {
      this.recvqueue.push({ sid: from, n });
      if (n.state === 'LOOKING' && n.electionEpoch < this.logicalclock) {
        const v = this.getVote();
        this.host.sendNotification(from, {
          version: NOTIFICATION_CURRENTVERSION,
          state: myState,
          leader: v.leader,
          zxid: v.zxid,
          electionEpoch: this.logicalclock,
          peerEpoch: v.peerEpoch,
        });
      }
      this.pump();
      return;
    }
    if (n.state === 'LOOKING') {
      if (myState === 'LEADING') this.host.reportLookingSid?.(from);
      const current = this.currentVote();
      this.host.sendNotification(from, {
        version: NOTIFICATION_CURRENTVERSION,
        state: myState,
        leader: current.leader,
        zxid: current.zxid,
        electionEpoch: current.electionEpoch,
        peerEpoch: current.peerEpoch,
      });
    }
  }

  /**
   * The poll timed out. Main loop: re-send (or reconnect) and double notTimeout (capped, never
   * reset within one lookForLeader). Finalize loop: nothing came within finalizeWait → decide.
   * A call that does not match the timer we armed last (stale or early) is ignored.
   */
  onTimer(): void {
    if (this.loop === 'idle' || this.timerDueAt === null || this.host.now() < this.timerDueAt) return;
    this.timerDueAt = null;
    if (this.host.getPeerState() !== 'LOOKING') {
      this.stopLoop();
      return;
    }
    if (this.loop === 'finalizing') {
      this.leaveInstance(
        createVote(this.proposedLeader, this.proposedZxid, this.logicalclock, this.proposedEpoch),
      );
      this.flushDecision();
      return;
    }
    this.withBusy(() => {
      if (this.host.haveDelivered?.() ?? true) this.sendNotifications();
      else this.host.connectAll?.();
    });
    this.notTimeout = Math.min(this.notTimeout * 2, maxNotificationInterval);
    this.armTimer(this.notTimeout);
    this.pump();
  }

  /**
   * The peer leaves LOOKING without a decision of ours, or the process dies (Java shutdown /
   * loop exit): stop the loop, drop recvqueue and any finalize wait, cancel the timer. Idempotent;
   * harmless after a decision (which already left the instance).
   */
  shutdown(): void {
    this.stopLoop();
    this.proposedLeader = -1;
    this.proposedZxid = -1;
  }

  view(): VoteBoxView {
    let proposal: VoteView | null;
    if (this.loop !== 'idle') {
      proposal = {
        leader: this.proposedLeader,
        zxid: this.proposedZxid,
        electionEpoch: this.logicalclock,
        peerEpoch: this.proposedEpoch,
        state: 'LOOKING',
      };
    } else {
      const cv = this.host.getCurrentVote();
      proposal = cv === null ? null : { ...toVoteView(cv), state: this.host.getPeerState() };
    }
    const list = (m: ReadonlyMap<Sid, Vote>): { sid: number; vote: VoteView }[] =>
      [...m.entries()].sort((a, b) => a[0] - b[0]).map(([sid, v]) => ({ sid, vote: toVoteView(v) }));
    return {
      logicalclock: this.logicalclock,
      proposal,
      recvset: list(this.recvset),
      outofelection: list(this.outofelection),
      notTimeout: this.notTimeout,
      finalizeUntil: this.loop === 'finalizing' ? this.timerDueAt : null,
      lastDecision:
        this.lastDecision === null
          ? null
          : {
              ...this.lastDecision,
              theirs: { ...this.lastDecision.theirs },
              mine: { ...this.lastDecision.mine },
            },
    };
  }

  /**
   * checkLeader: if the leader is someone else, its own vote must be among `votes` with state
   * LEADING; if it is me, my round must equal the vote's electionEpoch.
   */
  checkLeader(votes: ReadonlyMap<Sid, Vote>, leader: Sid, electionEpoch: number): boolean {
    if (leader !== this.host.myid) {
      const lv = votes.get(leader);
      return lv !== undefined && lv.state === 'LEADING';
    }
    return this.logicalclock === electionEpoch;
  }

  // ------------------------------------------------------------------------------- internals

  private weightOf = (sid: Sid): number => (this.host.voters.includes(sid) ? 1 : 0);

  private validVoter(sid: Sid): boolean {
    return this.host.voters.includes(sid);
  }

  private getInitId(): Sid {
    return this.validVoter(this.host.myid) ? this.host.myid : LONG_MIN_VALUE;
  }

  private getInitLastLoggedZxid(): Zxid {
    return this.host.isObserver() ? LONG_MIN_VALUE : this.host.getInitLastLoggedZxid();
  }

  private getPeerEpoch(): number {
    return this.host.isObserver() ? LONG_MIN_VALUE : this.host.getCurrentEpoch();
  }

  /** learningState(): FOLLOWING for a participant, OBSERVING for an observer. */
  private learningState(): ServerState {
    return this.host.isObserver() ? 'OBSERVING' : 'FOLLOWING';
  }

  /** QuorumPeer's currentVote; before any election it is (myid, lastLoggedZxid, currentEpoch) (startLeaderElection). */
  private currentVote(): Vote {
    return (
      this.host.getCurrentVote() ??
      createInitialVote(this.host.myid, this.host.getInitLastLoggedZxid(), this.host.getCurrentEpoch())
    );
  }

  private updateProposal(leader: Sid, zxid: Zxid, epoch: number): void {
    this.proposedLeader = leader;
    this.proposedZxid = zxid;
    this.proposedEpoch = epoch;
  }

  private record(d: FLEDecision): void {
    // my own loopback notification never replaces the judgement of another server's vote
    if (d.from === this.host.myid) return;
    this.lastDecision = d;
    this.lastDecisionOrder = null;
  }

  private proposalView(): VoteView {
    return {
      leader: this.proposedLeader,
      zxid: this.proposedZxid,
      electionEpoch: this.logicalclock,
      peerEpoch: this.proposedEpoch,
      state: 'LOOKING',
    };
  }

  /** sendNotifications: (LOOKING, proposal, logicalclock) to every voter, self included. */
  private sendNotifications(): void {
    for (const sid of this.host.voters) {
      this.host.sendNotification(sid, {
        version: NOTIFICATION_CURRENTVERSION,
        state: 'LOOKING',
        leader: this.proposedLeader,
        zxid: this.proposedZxid,
        electionEpoch: this.logicalclock,
        peerEpoch: this.proposedEpoch,
      });
    }
  }

  private withBusy(f: () => void): void {
    const was = this.busy;
    this.busy = true;
    try {
      f();
    } finally {
      this.busy = was;
    }
  }

  private armTimer(delay: number): void {
    this.timerDueAt = this.host.now() + delay;
    this.host.setPollTimer(delay);
  }

  private stopLoop(): void {
    this.loop = 'idle';
    this.recvqueue = [];
    this.pendingEnd = null;
    if (this.timerDueAt !== null) {
      this.timerDueAt = null;
      this.host.cancelPollTimer();
    }
  }

  /**
   * Runs the loop over everything in recvqueue (each dequeue is a `poll` that returned a
   * notification), then goes back to `poll`: the timer restarts with the timeout of the loop we
   * are in. Hands a decision to the host last.
   */
  private pump(): void {
    if (this.busy) return;
    let processed = false;
    this.withBusy(() => {
      while (this.loop !== 'idle' && this.recvqueue.length > 0) {
        if (this.host.getPeerState() !== 'LOOKING') {
          this.stopLoop();
          break;
        }
        const item = this.recvqueue.shift();
        if (item === undefined) break;
        processed = true;
        if (this.loop === 'polling') this.handleNotification(item);
        else this.handleFinalizeNotification(item);
      }
    });
    if (this.loop !== 'idle' && processed) {
      this.armTimer(this.loop === 'polling' ? this.notTimeout : finalizeWait);
    }
    this.flushDecision();
  }

  private flushDecision(): void {
    const d = this.pendingEnd;
    if (d === null) return;
    this.pendingEnd = null;
    this.host.decided(d.vote, d.state);
  }

  /** setPeerState's choice: LEADING if I am the leader, else learningState(). */
  private stateFor(leader: Sid): ServerState {
    return leader === this.host.myid ? 'LEADING' : this.learningState();
  }

  /**
   * setPeerState + leaveInstance: the loop returns `endVote`, recvqueue is cleared; the host
   * (QuorumPeer) gets the vote and the state once the loop body has unwound.
   */
  private leaveInstance(endVote: Vote): void {
    this.stopLoop();
    this.pendingEnd = { vote: endVote, state: this.stateFor(endVote.leader) };
  }

  /** totalOrderPredicate(n.leader, n.zxid, n.peerEpoch, proposedLeader, proposedZxid, proposedEpoch), explained */
  private vsProposal(n: Notification): VoteOrderExplanation {
    return explainVoteOrder(
      n.leader,
      n.zxid,
      n.peerEpoch,
      this.proposedLeader,
      this.proposedZxid,
      this.proposedEpoch,
      this.weightOf,
    );
  }

  /** The finalize loop took `item`: a better vote aborts the finalize (pushed back), any other is dropped. */
  private handleFinalizeNotification(item: ReceivedNotification): void {
    const { n } = item;
    const ex = this.vsProposal(n);
    if (ex.beats) {
      // recvqueue.put(n); break; → back in the main loop, which takes it (from the tail) next
      this.recvqueue.push(item);
      this.loop = 'polling';
      return;
    }
    if (item.sid !== this.host.myid)
      this.lastDecision = {
        from: item.sid,
        theirs: notificationView(n),
        mine: this.proposalView(),
        rule: ex.rule,
        changed: false,
      };
    this.lastDecisionOrder = ex.rule;
  }

  /** The body of lookForLeader's main loop for one notification. */
  private handleNotification(item: ReceivedNotification): void {
    const { sid, n } = item;
    const theirs = notificationView(n);
    if (!this.validVoter(sid) || !this.validVoter(n.leader)) {
      this.record({ from: sid, theirs, mine: this.proposalView(), rule: 'notVoter', changed: false });
      return;
    }
    switch (n.state) {
      case 'LOOKING': {
        // untrusted-empty databases (zxid -1) take no part
        if (this.initZxid === -1 || n.zxid === -1) return;
        if (n.electionEpoch > this.logicalclock) {
          this.logicalclock = n.electionEpoch;
          this.recvset.clear();
          const before = this.proposalView();
          const mine: VoteView = {
            leader: this.initId,
            zxid: this.initZxid,
            electionEpoch: this.logicalclock,
            peerEpoch: this.initEpoch,
            state: 'LOOKING',
          };
          const ex = explainVoteOrder(
            n.leader,
            n.zxid,
            n.peerEpoch,
            this.initId,
            this.initZxid,
            this.initEpoch,
            this.weightOf,
          );
          if (ex.beats) {
            this.updateProposal(n.leader, n.zxid, n.peerEpoch);
          } else {
            this.updateProposal(this.initId, this.initZxid, this.initEpoch);
          }
          if (sid !== this.host.myid)
            this.lastDecision = {
              from: sid,
              theirs,
              mine,
              rule: 'newRound',
              changed:
                before.leader !== this.proposedLeader ||
                before.zxid !== this.proposedZxid ||
                before.peerEpoch !== this.proposedEpoch,
            };
          this.lastDecisionOrder = ex.rule;
          this.sendNotifications();
        } else if (n.electionEpoch < this.logicalclock) {
          this.record({ from: sid, theirs, mine: this.proposalView(), rule: 'staleRound', changed: false });
          return;
        } else {
          const mine = this.proposalView();
          const ex = this.vsProposal(n);
          if (sid !== this.host.myid)
            this.lastDecision = { from: sid, theirs, mine, rule: ex.rule, changed: ex.beats };
          this.lastDecisionOrder = ex.rule;
          if (ex.beats) {
            this.updateProposal(n.leader, n.zxid, n.peerEpoch);
            this.sendNotifications();
          }
        }
        // don't care about the version if it's in LOOKING state
        this.recvset.set(sid, createVote(n.leader, n.zxid, n.electionEpoch, n.peerEpoch));
        const voteSet = getVoteTracker(
          this.host.voters,
          this.recvset,
          createVote(this.proposedLeader, this.proposedZxid, this.logicalclock, this.proposedEpoch),
        );
        if (voteSet.hasAllQuorums()) {
          // verify for finalizeWait that no better vote comes in
          this.loop = 'finalizing';
        }
        return;
      }
      case 'OBSERVING':
        this.record({ from: sid, theirs, mine: this.proposalView(), rule: 'notLooking', changed: false });
        return;
      case 'FOLLOWING':
      case 'LEADING': {
        const decision: FLEDecision = {
          from: sid,
          theirs,
          mine: this.proposalView(),
          rule: 'notLooking',
          changed: false,
        };
        this.record(decision);
        const endVote = createVote(n.leader, n.zxid, n.electionEpoch, n.peerEpoch);
        // consider all notifications from the same round together
        if (n.electionEpoch === this.logicalclock) {
          this.recvset.set(sid, createVote(n.leader, n.zxid, n.electionEpoch, n.peerEpoch, n.state));
          const voteSet = getVoteTracker(
            this.host.voters,
            this.recvset,
            createVote(n.leader, n.zxid, n.electionEpoch, n.peerEpoch, n.state, n.version),
          );
          if (voteSet.hasAllQuorums() && this.checkLeader(this.recvset, n.leader, n.electionEpoch)) {
            decision.changed = true;
            this.leaveInstance(endVote);
            return;
          }
        }
        // before joining an established ensemble, verify that a majority follow the same leader
        this.outofelection.set(
          sid,
          createVote(n.leader, n.zxid, n.electionEpoch, n.peerEpoch, n.state, n.version),
        );
        const voteSet = getVoteTracker(
          this.host.voters,
          this.outofelection,
          createVote(n.leader, n.zxid, n.electionEpoch, n.peerEpoch, n.state, n.version),
        );
        if (voteSet.hasAllQuorums() && this.checkLeader(this.outofelection, n.leader, n.electionEpoch)) {
          this.logicalclock = n.electionEpoch;
          decision.changed = true;
          this.leaveInstance(endVote);
        }
        return;
      }
    }
  }
}

/** FastLeaderElection.Notification as the vote it carries (the vote box, the message inspector). */
export function notificationView(n: Notification): VoteView {
  return {
    leader: n.leader,
    zxid: n.zxid,
    electionEpoch: n.electionEpoch,
    peerEpoch: n.peerEpoch,
    state: n.state,
  };
}
