/**
 * Wire messages between servers, as discriminated unions.
 * - `Notification` mirrors FastLeaderElection.Notification / ToSend (election port).
 * - `QuorumPacket` mirrors org.apache.zookeeper.server.quorum.QuorumPacket with the packet
 *   types of Leader (REQUEST 1 … ACKEPOCH 18), one variant per type.
 */
import type { Sid, Zxid } from './Zxid';
import type { Op, SessionId, TxnRecord } from './txn';
import type { Id } from './ZooDefs';
import type { SerializedDataTree, SessionEntry } from './persistence/FileTxnSnapLog';

/** QuorumPeer.ServerState. */
export type ServerState = 'LOOKING' | 'FOLLOWING' | 'LEADING' | 'OBSERVING';
/** QuorumPeer.ZabState (informational; what the UI shows as the phase). */
export type ZabState = 'ELECTION' | 'DISCOVERY' | 'SYNCHRONIZATION' | 'BROADCAST';

/** An election notification as sent over the election port (format version 2). */
export interface Notification {
  version: number;
  state: ServerState;
  leader: Sid;
  zxid: Zxid;
  electionEpoch: number;
  peerEpoch: number;
}

/** Learner protocol version sent in FOLLOWERINFO / LEADERINFO. */
export const LEARNER_PROTOCOL_VERSION = 0x10000;

/** A txn as it travels in a PROPOSAL / INFORM / sync stream. */
export type Proposal = TxnRecord;

export type QuorumPacket =
  /** learner → leader: a client write (or sync / session op) forwarded by a learner. */
  | { type: 'REQUEST'; zxid: -1; sessionId: SessionId; cxid: number; request: ForwardedRequest }
  | { type: 'PROPOSAL'; zxid: Zxid; txn: Proposal }
  | { type: 'ACK'; zxid: Zxid }
  | { type: 'COMMIT'; zxid: Zxid }
  | { type: 'PING'; zxid: Zxid; sessions: [SessionId, number][] }
  | { type: 'REVALIDATE'; zxid: -1; sessionId: SessionId; timeout: number; valid?: boolean }
  | { type: 'SYNC'; zxid: 0; sessionId: SessionId; cxid: number }
  | { type: 'INFORM'; zxid: Zxid; txn: Proposal }
  | { type: 'NEWLEADER'; zxid: Zxid }
  | { type: 'FOLLOWERINFO'; zxid: Zxid; sid: Sid; protocolVersion: number }
  | { type: 'OBSERVERINFO'; zxid: Zxid; sid: Sid; protocolVersion: number }
  | { type: 'UPTODATE'; zxid: -1 }
  | { type: 'DIFF'; zxid: Zxid }
  | { type: 'TRUNC'; zxid: Zxid }
  | { type: 'SNAP'; zxid: Zxid; tree: SerializedDataTree; sessions: SessionEntry[] }
  | { type: 'LEADERINFO'; zxid: Zxid; protocolVersion: number }
  | { type: 'ACKEPOCH'; zxid: Zxid; currentEpoch: number };

export type QuorumPacketType = QuorumPacket['type'];

/** What a learner forwards in a REQUEST packet. */
export type ForwardedRequest =
  /** `authInfo`: the forwarding connection's credentials (the packet's authinfo); absent = none */
  | { kind: 'op'; op: Op; authInfo?: Id[] }
  | { kind: 'createSession'; timeout: number }
  | { kind: 'closeSession' };

/** Everything one server sends another: an election notification or a packet on a learner connection. */
export type ServerMessage =
  /** a notification on the election connection `conn` (QuorumCnxManager SendWorker → RecvWorker) */
  | { channel: 'election'; conn: number; n: Notification }
  /**
   * QuorumCnxManager.startConnection's InitialMessage (protocol version, sid, election address) on
   * a new election connection `conn`; the TCP handshake is folded into it
   */
  | { channel: 'cnx'; conn: number }
  /** `conn` identifies one TCP connection learner↔leader; packets of an old connection are dead. */
  | { channel: 'quorum'; conn: number; p: QuorumPacket }
  /** the TCP connection `conn` (learner or election) is closed or refused (FIN/RST): a process left, or nobody listens */
  | { channel: 'close'; conn: number; refused: boolean };

export function messageType(m: ServerMessage): string {
  if (m.channel === 'election') return 'NOTIFICATION';
  if (m.channel === 'close') return 'CLOSE';
  if (m.channel === 'cnx') return 'CONNECT';
  return m.p.type;
}
