/**
 * Read-only mode (`-Dreadonlymode.enabled=true`) — mirrors, in 3.9.5:
 *  - org.apache.zookeeper.server.quorum.ReadOnlyZooKeeperServer: the server a LOOKING peer starts
 *    when it has been cut off from a quorum for a grace period (QuorumPeer.run's LOOKING branch),
 *    serving the peer's own ZKDatabase as it is; its session tracker is a LearnerSessionTracker
 *    whose new sessions are local (setLocalSessionFlag) — only with localSessionsEnabled, else
 *    the createSession is answered NOTREADONLY and no session is made — and whose known global
 *    sessions may not reconnect (validateSession: "Refusing global session reconnection in RO mode");
 *  - org.apache.zookeeper.server.quorum.ReadOnlyRequestProcessor: the first processor, which
 *    answers every state-changing request with Code.NOTREADONLY (sendErrorResponse: the reply
 *    header carries the tree's last processed zxid) and passes reads on to
 *    PrepRequestProcessor → FinalRequestProcessor.
 *
 * The peer (QuorumPeer) owns the state machine around it; this module holds what the read-only
 * server itself owns: its LocalSessionTracker (a SessionTrackerImpl seeded with myid at its
 * startup, as LocalSessionTracker extends SessionTrackerImpl) and the request filter.
 */
import { SessionTrackerImpl } from './SessionTracker';
import type { Op, SessionId } from './txn';

/** QuorumPeer.run: `sleep(Math.max(2000, tickTime))` — "lower-bound grace period to 2 secs". */
export function readOnlyGraceMs(tickTime: number): number {
  return Math.max(2000, tickTime);
}

/**
 * ReadOnlyRequestProcessor.run's switch: sync, create/create2/createTTL/createContainer, delete,
 * deleteContainer, setData, reconfig, setACL, multi and check are answered NOTREADONLY; every
 * other request (the reads, addWatch, removeWatches, whoAmI, …) goes on to PrepRequestProcessor.
 */
export function isStateChanging(op: Op): boolean {
  switch (op.op) {
    case 'sync':
    case 'create':
    case 'delete':
    case 'setData':
    case 'setACL':
    case 'multi':
    case 'check':
      return true;
    default:
      return false;
  }
}

/** The text ZooKeeperServer.processConnectRequest logs (and closes with) for a client without -r. */
export function notReadOnlyClientMessage(remote: string): string {
  return `Refusing session request for not-read-only client ${remote}`;
}

/**
 * Why a new client gets no session without localSessionsEnabled. ZooKeeper logs nothing on the
 * server (sendErrorResponse is silent); the client logs "Closing socket connection" with an
 * EOFException, so the line says what happened on both ends.
 */
export function nonLocalCreateSessionMessage(): string {
  return (
    'ReadOnlyRequestProcessor: createSession is not a local session (localSessionsEnabled=false) → NOTREADONLY;' +
    ' the client reads no ConnectResponse (EOFException), closes the socket and tries its next server'
  );
}

/** ReadOnlyZooKeeperServer.validateSession's text for a known global session. */
export function globalSessionInRoMessage(remote: string): string {
  return `Refusing global session reconnection in RO mode ${remote}`;
}

export class ReadOnlyZooKeeperServer {
  /** LearnerSessionTracker.localSessionTracker: the only sessions this server creates */
  readonly localSessions: SessionTrackerImpl;

  constructor(
    myid: number,
    tickTime: number,
    /** virtual ms of roZk.startup() */
    readonly startedAt: number,
  ) {
    // LocalSessionTracker(…, tickTime, self.getMyId(), …): SessionTrackerImpl.initializeNextSessionId
    // runs at construction, so the ids carry this server's id and its start time
    this.localSessions = new SessionTrackerImpl(myid, tickTime, startedAt);
  }

  isLocalSession(id: SessionId): boolean {
    return this.localSessions.isTrackingSession(id);
  }
}
