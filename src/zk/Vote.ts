/**
 * Vote — an election vote as FastLeaderElection and QuorumPeer hold it.
 * Mirrors org.apache.zookeeper.server.quorum.Vote (3.9.5): the five-field value, its constructors'
 * defaults (version 0, state LOOKING, electionEpoch -1) and, above all, `Vote.equals`, whose
 * state/version-dependent rules decide which votes count together in recvset / outofelection
 * (zk-reference §2.3, ZOOKEEPER-1805 / ZOOKEEPER-1732).
 */
import type { ServerState } from './QuorumPacket';
import type { Sid, Zxid } from './Zxid';
import { zxidToHex } from './Zxid';
import type { VoteView } from './view';

export interface Vote {
  /** proposed / elected leader (Vote.id) */
  leader: Sid;
  zxid: Zxid;
  electionEpoch: number;
  peerEpoch: number;
  state: ServerState;
  /** notification format version the vote came with (0 for votes built by the 4/5-argument constructors) */
  version: number;
}

/**
 * Java's Long.MIN_VALUE: what an observer (or a non-voting participant) puts in its initial vote.
 * -(2^63) is exactly representable as a double and orders below every real sid / zxid / epoch.
 */
export const LONG_MIN_VALUE = -(2 ** 63);

/**
 * `new Vote(...)`. Defaults follow the Java constructors: `Vote(id, zxid, electionEpoch, peerEpoch)`
 * is LOOKING with version 0; `Vote(id, zxid, electionEpoch, peerEpoch, state)` has version 0;
 * only `Vote(version, id, zxid, electionEpoch, peerEpoch, state)` carries a version.
 */
export function createVote(
  leader: Sid,
  zxid: Zxid,
  electionEpoch: number,
  peerEpoch: number,
  state: ServerState = 'LOOKING',
  version = 0,
): Vote {
  return { leader, zxid, electionEpoch, peerEpoch, state, version };
}

/** `new Vote(id, zxid, peerEpoch)`: electionEpoch -1, LOOKING, version 0 (QuorumPeer's initial currentVote). */
export function createInitialVote(leader: Sid, zxid: Zxid, peerEpoch: number): Vote {
  return createVote(leader, zxid, -1, peerEpoch);
}

/**
 * Vote.equals (§2.3):
 * - either side LOOKING → leader, zxid, electionEpoch and peerEpoch must all match;
 * - both non-LOOKING → if exactly one side has version > 0, only the leader is compared;
 *   otherwise leader and peerEpoch (zxid and electionEpoch are ignored).
 */
export function voteEquals(a: Vote, b: Vote): boolean {
  if (a.state === 'LOOKING' || b.state === 'LOOKING') {
    return (
      a.leader === b.leader &&
      a.zxid === b.zxid &&
      a.electionEpoch === b.electionEpoch &&
      a.peerEpoch === b.peerEpoch
    );
  }
  if (a.version > 0 !== b.version > 0) {
    return a.leader === b.leader;
  }
  return a.leader === b.leader && a.peerEpoch === b.peerEpoch;
}

/** Vote.toString: `(id, hex zxid, hex peerEpoch)`. */
export function voteToString(v: Vote): string {
  return `(${v.leader}, ${zxidToHex(v.zxid).slice(2)}, ${zxidToHex(v.peerEpoch).slice(2)})`;
}

/** The UI's picture of a vote (the format version is not shown). */
export function toVoteView(v: Vote): VoteView {
  return {
    leader: v.leader,
    zxid: v.zxid,
    electionEpoch: v.electionEpoch,
    peerEpoch: v.peerEpoch,
    state: v.state,
  };
}
