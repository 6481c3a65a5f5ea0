/**
 * LearnerHandler's ACK deadline (tickOfNextAckDeadline): set to the initial deadline
 * (tick + initLimit + syncLimit) when FOLLOWERINFO arrives, and refreshed to tick + syncLimit only
 * by packets of the main loop after UPTODATE (LearnerHandler.run) — not by handshake packets.
 */
import { describe, expect, it } from 'vitest';
import { QuorumPeer, type PeerConfig } from '../../src/zk/QuorumPeer';
import { Leader } from '../../src/zk/Leader';
import { Random } from '../../src/zk/Random';
import { emptyImage } from '../../src/zk/persistence/FileTxnSnapLog';
import type { QuorumPacket } from '../../src/zk/QuorumPacket';
import { makeZxid } from '../../src/zk/Zxid';

const cfg: PeerConfig = {
  sid: 1,
  voters: [1, 2, 3],
  observers: [],
  tickTime: 2000,
  initLimit: 10,
  syncLimit: 5,
  snapCount: 100000,
  commitLogCount: 500,
  snapshotSizeFactor: 0.33,
  zkVersion: '3.9.5',
  incarnation: 1,
};

describe('LearnerHandler ACK deadline', () => {
  it('handshake packets (ACKEPOCH) leave the initial deadline tick + initLimit + syncLimit', () => {
    const peer = new QuorumPeer(cfg, new Random(1));
    peer.handle({ kind: 'boot', image: emptyImage() }, 0);
    const leader = new Leader(peer);
    peer.leader = leader;
    leader.lead();
    const conn = 2_000_001;
    const deliver = (p: QuorumPacket, now: number) =>
      peer.handle({ kind: 'message', from: 2, msg: { channel: 'quorum', conn, p } }, now);
    deliver({ type: 'FOLLOWERINFO', zxid: 0, sid: 2, protocolVersion: 0x10000 }, 1);
    const deadline = () => leader.view().learners.find((l) => l.sid === 2)!.tickDeadline;
    expect(deadline()).toBe(15);
    deliver({ type: 'ACKEPOCH', zxid: 0, currentEpoch: 0 }, 2);
    expect(leader.view().learners.find((l) => l.sid === 2)!.phase).not.toBe('DISCOVERY');
    expect(deadline()).toBe(15);
    // the NEWLEADER ACK is still the handshake
    deliver({ type: 'ACK', zxid: makeZxid(1, 0) }, 3);
    expect(deadline()).toBe(15);
  });
});
