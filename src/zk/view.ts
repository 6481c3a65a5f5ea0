/**
 * The read-only picture of an ensemble at one step, for the UI (and tests). Produced by
 * QuorumPeer.view() per server and Simulation.view() for the whole run. Plain JSON data, so it can
 * cross a worker boundary and be kept as a checkpoint.
 */
import type { ServerState, ZabState } from './QuorumPacket';
import type { PeerTimer } from './PeerIO';
import type { SyncMode } from './trace';
import type { ACL } from './ZooDefs';

/** A vote as FastLeaderElection holds it; zxids here are numbers (format with Zxid helpers). */
export interface VoteView {
  leader: number;
  zxid: number;
  electionEpoch: number;
  peerEpoch: number;
  state: ServerState;
}

export interface VoteBoxView {
  logicalclock: number;
  /** current proposal (proposedLeader, proposedZxid, proposedEpoch) while LOOKING; currentVote otherwise */
  proposal: VoteView | null;
  recvset: { sid: number; vote: VoteView }[];
  outofelection: { sid: number; vote: VoteView }[];
  /** poll timeout now in force (200, 400, … 60000) */
  notTimeout: number;
  /** virtual time at which the finalize wait ends, if a LOOKING quorum is being verified */
  finalizeUntil: number | null;
  /** how the last notification was judged by totalOrderPredicate */
  lastDecision: {
    from: number;
    theirs: VoteView;
    mine: VoteView;
    /** which rule decided: epoch, zxid, sid, or equal / not a voter / stale round / newer round */
    rule: 'peerEpoch' | 'zxid' | 'sid' | 'equal' | 'notVoter' | 'staleRound' | 'newRound' | 'notLooking';
    changed: boolean;
  } | null;
}

export interface ProposalView {
  zxid: number;
  op: string;
  acks: number[];
}

export interface LearnerHandlerView {
  sid: number;
  observer: boolean;
  /** DISCOVERY: waiting LEADERINFO/ACKEPOCH; SYNCHRONIZATION: sync stream sent; BROADCAST: UPTODATE sent */
  phase: 'DISCOVERY' | 'SYNCHRONIZATION' | 'BROADCAST';
  sync: { mode: SyncMode; zxid: number; peerLastZxid: number; reason: string } | null;
  /** packets queued for this learner (LearnerHandler.queuedPackets), oldest first, not yet on the wire */
  queue: { type: string; zxid: number }[];
  /** tick deadline for the learner to be considered synced (Leader.getTickOf*AckDeadline) */
  tickDeadline: number;
}

export interface LeaderView {
  epoch: number;
  tick: number;
  /** the next leaderTick wake does the quorum check (Leader.lead checks every second wake) */
  quorumCheckNext: boolean;
  outstanding: ProposalView[];
  toBeApplied: number[];
  lastCommitted: number;
  lastProposed: number;
  learners: LearnerHandlerView[];
  /** sids counted so far for the epoch / ACKEPOCH / NEWLEADER-ACK quorums while establishing */
  connectingFollowers: number[];
  electingFollowers: number[];
  newLeaderAcks: number[];
}

export interface LearnerView {
  leader: number;
  /** txns logged but not yet committed (Follower pendingTxns) */
  pendingTxns: number[];
}

export interface PipelineStageView {
  /** ZooKeeper's processor class name, e.g. 'PrepRequestProcessor' */
  stage: string;
  /** requests currently held by that stage, described in one line each */
  requests: string[];
}

export interface StorageView {
  logs: { startZxid: number; zxids: number[] }[];
  snapshots: number[];
  acceptedEpoch: number | null;
  currentEpoch: number | null;
  /** txns appended but whose flush has not completed: lost if the process dies now */
  unflushed: number[];
}

export interface ZNodeView {
  path: string;
  data: string;
  ephemeral: boolean;
  /** client-visible stat */
  stat: {
    czxid: number;
    mzxid: number;
    pzxid: number;
    ctime: number;
    mtime: number;
    version: number;
    cversion: number;
    aversion: number;
    ephemeralOwner: string;
    dataLength: number;
    numChildren: number;
  };
  /** the node's ACL as getAcl shows it (shared with the tree: do not mutate); absent = OPEN_ACL_UNSAFE */
  acl?: readonly ACL[];
  /** a container or TTL node (EphemeralType of its persisted owner); absent for the others */
  kind?: 'container' | 'ttl';
  /** a TTL node's ttl in ms (it goes once empty and unmodified for longer) */
  ttl?: number;
  /** the quota set on this path: its zookeeper_limits and zookeeper_stats texts */
  quota?: { limits: string; stats: string };
}

export interface TimerView {
  timer: PeerTimer;
  setAt: number;
  at: number;
}

/** One peer as a server's QuorumCnxManager sees it (the stage's election channels). */
export interface CnxPeerView {
  peer: number;
  /** the election connection kept with the peer (senderWorkerMap), null: none */
  conn: number | null;
  /** who dialled the kept connection (the higher sid of the pair) */
  initiator: number | null;
  /** virtual ms its workers started */
  since: number | null;
  /** notifications waiting in queueSendMap for a connection (0 or 1: SEND_CAPACITY) */
  queued: number;
  /** lastMessageSent: what a new connection re-sends when nothing is queued */
  lastSent: {
    version: number;
    state: ServerState;
    leader: number;
    zxid: number;
    electionEpoch: number;
    peerEpoch: number;
  } | null;
}

export interface ServerView {
  sid: number;
  observer: boolean;
  up: boolean;
  state: ServerState | 'DOWN';
  zabState: ZabState;
  acceptedEpoch: number;
  currentEpoch: number;
  logicalClock: number;
  lastLoggedZxid: number;
  lastProcessedZxid: number;
  voteBox: VoteBoxView;
  /** the server's armed timers: when each was armed and when it fires (virtual ms) */
  timers: TimerView[];
  leader: LeaderView | null;
  learner: LearnerView | null;
  committedLog: { min: number; max: number; count: number };
  pipeline: PipelineStageView[];
  storage: StorageView;
  /** every znode of this server's DataTree, sorted by path (includes / and /zookeeper); frozen, and
   *  the same list from one view to the next while no znode changes (DataTree.pictures) */
  tree: readonly ZNodeView[];
  sessions: { id: string; timeout: number; expiresAt: number | null }[];
  /** election connections (QuorumCnxManager), by peer; absent for a server that is down */
  cnx?: CnxPeerView[];
  /** a ReadOnlyZooKeeperServer runs (readonlymode.enabled, LOOKING past the grace period) */
  readOnly?: boolean;
}

export interface MessageView {
  id: number;
  from: number;
  to: number;
  type: string;
  zxid?: number;
  /** one line for tooltips, e.g. "vote (3, 0x0, round 1, epoch 0)" */
  label: string;
  sentAt: number;
  deliverAt: number;
  /** the vote an election notification carries (its sender's proposal and state) */
  vote?: VoteView;
  /** the election connection (QuorumCnxManager) a NOTIFICATION or CONNECT travels on */
  conn?: number;
}

export interface ClientView {
  id: string;
  server: number | null;
  sessionId: string | null;
  state: 'CONNECTING' | 'CONNECTED' | 'CLOSED' | 'EXPIRED' | 'AUTH_FAILED' | 'DISCONNECTED';
  /** console transcript lines */
  transcript: string[];
  busy: boolean;
  /** the watches the client holds (ZKWatchManager), by path */
  watches: { path: string; kind: 'data' | 'exist' | 'child' | 'persistent' | 'persistentRecursive' }[];
  /** a connect string of several servers: StaticHostProvider's shuffled list, in the order tried */
  hosts?: number[];
  /** ClientCnxn.lastZxid: the newest zxid this client has seen (what it sends when it connects) */
  lastZxid?: string;
  /** while connecting: the last server that refused it for having seen a newer zxid than its tree */
  refused?: { server: number; at: number; lastZxidSeen: string; serverZxid: string };
  /** made with canBeReadOnly (zkCli -r) */
  canBeReadOnly?: boolean;
  /** state CONNECTED here is ZooKeeper's CONNECTEDREADONLY: connected to a read-only server */
  readOnly?: boolean;
}

export interface SimView {
  /** virtual ms */
  t: number;
  /** number of events processed so far */
  step: number;
  servers: ServerView[];
  inflight: MessageView[];
  /** pairs of sids whose link is cut */
  cutLinks: [number, number][];
  clients: ClientView[];
  leader: number | null;
}
