/**
 * QuorumCnxManager — the election connections of one server: one TCP connection per pair of
 * servers, per-peer send queues, and the rule that only a connection dialled by the higher sid
 * survives. Mirrors org.apache.zookeeper.server.quorum.QuorumCnxManager (3.9.5) as
 * FastLeaderElection.Messenger uses it (WorkerSender → toSend, RecvWorker → WorkerReceiver).
 *
 * The Java threads become synchronous steps:
 * - `toSend` puts the notification into the peer's queue (SEND_CAPACITY 1: a newer one replaces
 *   an unsent older one) and calls `connectOne`; a running SendWorker takes it at once
 *   (`lastMessageSent.put`, then `send`).
 * - `initiateConnection` + `startConnection` are one step: the TCP handshake is folded into the
 *   InitialMessage (a CONNECT on the wire); a dial to a process that is not listening is answered
 *   by its host with a reset (a CLOSE), as `sock.connect` fails with "Connection refused".
 * - `handleConnection` runs when the CONNECT arrives.
 * - RecvWorker hands each notification on a connection this server holds to FastLeaderElection;
 *   one that arrives on a connection it has already closed is lost ("discard" in the trace) and
 *   answered with a reset, so the sender's half of a half-open connection breaks too.
 *
 * Not modelled: SSL / SASL quorum auth, multi-address reachability checks, reconfig's
 * lastProposedView, the connection thread pool (a dial is instantaneous, so inprogressConnections
 * never holds anything across steps), observers with OBSERVER_ID (every server has its own sid).
 */
import type { Notification, ServerMessage } from './QuorumPacket';
import type { TraceEvent } from './trace';
import type { CnxPeerView } from './view';
import type { Sid } from './Zxid';

/** QuorumCnxManager.SEND_CAPACITY: "Initialized to 1 to prevent sending stale notifications to peers". */
export const SEND_CAPACITY = 1;

/** What QuorumCnxManager needs from its QuorumPeer and the network. */
export interface CnxHost {
  readonly myid: Sid;
  /** every server of the view (QuorumPeer.getView: voters and observers) */
  readonly view: readonly Sid[];
  now(): number;
  /** a fresh, globally unique connection id */
  newConnId(): number;
  /** put a message on the wire */
  send(to: Sid, msg: ServerMessage): void;
  /** RecvWorker → recvQueue → FastLeaderElection.Messenger.WorkerReceiver */
  deliver(from: Sid, n: Notification): void;
  trace(ev: TraceEvent): void;
}

/** A SendWorker / RecvWorker pair: one election connection that this server keeps. */
export interface SendWorker {
  sid: Sid;
  conn: number;
  /** who dialled (the higher sid of the pair, by the connection rule) */
  initiator: Sid;
  /** virtual ms the workers started */
  since: number;
}

/** Why a connection ended, as the trace and the stage tell it. */
export type CnxDownReason =
  /** startConnection: "Have smaller server identifier, so dropping the connection" */
  | 'lowerSid'
  /** handleConnection: the lower sid's connection is closed and the higher one dials back */
  | 'dialBack'
  /** a newer connection with the same peer replaced this one (`vsw.finish()`) */
  | 'replaced'
  /** the other side closed it, or its process died (RecvWorker: "Connection broken") */
  | 'closedByPeer'
  /** a segment was lost or the host answered with a reset (SendWorker: "Exception when using channel") */
  | 'broken';

export class QuorumCnxManager {
  /** senderWorkerMap: the connection kept with each peer */
  readonly senderWorkerMap = new Map<Sid, SendWorker>();
  /** queueSendMap: per peer, the notification waiting for a connection (capacity 1; absent = never sent to) */
  readonly queueSendMap = new Map<Sid, Notification | null>();
  /** lastMessageSent: per peer, the last notification a SendWorker wrote */
  readonly lastMessageSent = new Map<Sid, Notification>();

  constructor(private readonly host: CnxHost) {}

  /**
   * QuorumCnxManager.toSend: queue `n` for `sid` (replacing an unsent older notification,
   * CircularBlockingQueue of SEND_CAPACITY), then connectOne. To self is the caller's loopback.
   */
  toSend(sid: Sid, n: Notification): void {
    this.queueSendMap.set(sid, n);
    this.connectOne(sid);
    this.pollSendQueue(sid);
  }

  /**
   * QuorumCnxManager.connectOne(sid): nothing if a SendWorker for `sid` runs; else dial it
   * (initiateConnectionAsync → initiateConnection → startConnection). A sid outside the view
   * is "Invalid server id".
   */
  connectOne(sid: Sid): void {
    if (this.senderWorkerMap.has(sid)) return;
    if (sid === this.host.myid || !this.host.view.includes(sid)) return;
    this.initiateConnection(sid);
  }

  /** QuorumCnxManager.connectAll: connectOne for every peer that has a send queue. */
  connectAll(): void {
    for (const sid of [...this.queueSendMap.keys()]) this.connectOne(sid);
  }

  /**
   * QuorumCnxManager.haveDelivered: true if SOME send queue is empty (the Java loop returns on the
   * first empty queue), false if every queue holds a notification (or there is none).
   */
  haveDelivered(): boolean {
    for (const q of this.queueSendMap.values()) if (q === null) return true;
    return false;
  }

  /** The connection this server keeps with `sid` (QuorumCnxManager.connectedToPeer). */
  connectedToPeer(sid: Sid): boolean {
    return this.senderWorkerMap.has(sid);
  }

  /**
   * An election-port message arrived from `from`. CONNECT: handleConnection. A notification:
   * RecvWorker, only on the connection kept with `from`. CLOSE: RecvWorker reads EOF / a reset.
   * Returns false for anything that is not an election-port message.
   */
  receive(from: Sid, msg: ServerMessage): boolean {
    switch (msg.channel) {
      case 'cnx':
        this.handleConnection(from, msg.conn);
        return true;
      case 'election': {
        const sw = this.senderWorkerMap.get(from);
        if (sw !== undefined && sw.conn === msg.conn) {
          this.host.deliver(from, msg.n);
        } else {
          // a connection this side no longer keeps: its socket is closed, nothing reads it, and
          // this host's TCP stack answers the segment with a reset — so a sender whose CLOSE was
          // lost (a half-open connection) learns it broke ("Exception when using channel") and
          // dials again, instead of writing into the void forever
          this.traceCnx(from, msg.conn, 'discard', null);
          this.host.send(from, { channel: 'close', conn: msg.conn, refused: true });
        }
        return true;
      }
      case 'close':
        return this.connectionClosed(from, msg.conn, msg.refused ? 'broken' : 'closedByPeer');
      default:
        return false;
    }
  }

  /**
   * The connection `conn` with `peer` is gone: the peer closed it, its process died (`conn` -1:
   * every connection with it), or a write on it failed. RecvWorker's `finally { sw.finish() }`.
   * The send queue stays: what it holds goes out on the next connection. True if it was ours.
   */
  connectionClosed(peer: Sid, conn: number, reason: CnxDownReason = 'closedByPeer'): boolean {
    const sw = this.senderWorkerMap.get(peer);
    if (sw !== undefined && (conn === -1 || sw.conn === conn)) {
      this.finish(sw, reason, false);
      return true;
    }
    return false;
  }

  view(): CnxPeerView[] {
    const sids = new Set<Sid>([...this.senderWorkerMap.keys(), ...this.queueSendMap.keys()]);
    return [...sids]
      .sort((a, b) => a - b)
      .map((sid) => {
        const sw = this.senderWorkerMap.get(sid);
        const last = this.lastMessageSent.get(sid);
        return {
          peer: sid,
          conn: sw?.conn ?? null,
          initiator: sw?.initiator ?? null,
          since: sw?.since ?? null,
          queued: this.queueSendMap.get(sid) ? 1 : 0,
          lastSent: last === undefined ? null : { ...last },
        };
      });
  }

  // ------------------------------------------------------------------------------- internals

  /**
   * initiateConnection + startConnection: write the InitialMessage (protocol version, my sid, my
   * election address); if the peer's sid is higher, close the socket at once — it will dial back
   * (handleConnection) — else start the SendWorker / RecvWorker pair.
   */
  private initiateConnection(sid: Sid): void {
    const conn = this.host.newConnId();
    const me = this.host.myid;
    this.host.send(sid, { channel: 'cnx', conn });
    this.traceCnx(sid, conn, 'dial', me);
    if (sid > me) {
      // "Have smaller server identifier, so dropping the connection"
      this.traceCnx(sid, conn, 'down', me, 'lowerSid');
      return;
    }
    this.startWorkers(sid, conn, me);
  }

  /**
   * QuorumCnxManager.handleConnection: a lower sid's connection is closed (after finishing any
   * SendWorker for it: "This replica might still believe that the connection to sid is up") and
   * this server dials back (connectOne); a higher sid's connection is kept.
   */
  private handleConnection(sid: Sid, conn: number): void {
    const me = this.host.myid;
    if (sid < me) {
      const sw = this.senderWorkerMap.get(sid);
      if (sw !== undefined) this.finish(sw, 'replaced', true);
      this.traceCnx(sid, conn, 'down', sid, 'dialBack');
      this.connectOne(sid);
      return;
    }
    if (sid === me) return; // ZOOKEEPER-2164: a connection from our own id, ignored
    this.startWorkers(sid, conn, sid);
  }

  /**
   * A new SendWorker / RecvWorker pair on `conn`: an older SendWorker for the same peer finishes
   * (vsw.finish()); then SendWorker.run: if the queue is empty, re-send lastMessageSent ("to
   * ensure that the last message was received by the peer … Duplicate messages are handled
   * correctly by the peer"), then take whatever the queue holds.
   */
  private startWorkers(sid: Sid, conn: number, initiator: Sid): void {
    const old = this.senderWorkerMap.get(sid);
    if (old !== undefined) this.finish(old, 'replaced', true);
    this.senderWorkerMap.set(sid, { sid, conn, initiator, since: this.host.now() });
    if (!this.queueSendMap.has(sid)) this.queueSendMap.set(sid, null);
    this.traceCnx(sid, conn, 'up', initiator);
    if (this.queueSendMap.get(sid) === null) {
      const last = this.lastMessageSent.get(sid);
      if (last !== undefined) this.host.send(sid, { channel: 'election', conn, n: last });
    }
    this.pollSendQueue(sid);
  }

  /** SendWorker.run's loop: take the queued notification, remember it as lastMessageSent, write it. */
  private pollSendQueue(sid: Sid): void {
    const sw = this.senderWorkerMap.get(sid);
    const n = this.queueSendMap.get(sid);
    if (sw === undefined || n === null || n === undefined) return;
    this.queueSendMap.set(sid, null);
    this.lastMessageSent.set(sid, n);
    this.host.send(sid, { channel: 'election', conn: sw.conn, n });
  }

  /** SendWorker.finish: close the socket (a CLOSE to the peer when this side closes first). */
  private finish(sw: SendWorker, reason: CnxDownReason, closeSocket: boolean): void {
    if (this.senderWorkerMap.get(sw.sid) !== sw) return;
    this.senderWorkerMap.delete(sw.sid);
    if (closeSocket) this.host.send(sw.sid, { channel: 'close', conn: sw.conn, refused: false });
    this.traceCnx(sw.sid, sw.conn, 'down', sw.initiator, reason);
  }

  private traceCnx(
    peer: Sid,
    conn: number,
    action: 'dial' | 'up' | 'down' | 'discard',
    initiator: Sid | null,
    reason?: CnxDownReason,
  ): void {
    this.host.trace({
      t: this.host.now(),
      ev: 'cnx',
      sid: this.host.myid,
      peer,
      conn,
      action,
      ...(initiator !== null ? { initiator } : {}),
      ...(reason !== undefined ? { reason } : {}),
    });
  }
}
