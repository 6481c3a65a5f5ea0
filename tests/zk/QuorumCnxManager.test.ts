/**
 * QuorumCnxManager against ZooKeeper 3.9.5's behaviour: the higher-sid rule (startConnection /
 * handleConnection), SendWorker's re-send of lastMessageSent on a new connection, the send queue of
 * capacity 1 (an older unsent notification is dropped for a newer one), and what happens to a
 * notification in flight when its connection is replaced. Two or three managers wired by hand:
 * every message is delivered explicitly, so each test says exactly what is on the wire.
 */
import { describe, expect, it } from 'vitest';
import { QuorumCnxManager } from '../../src/zk/QuorumCnxManager';
import type { Notification, ServerMessage } from '../../src/zk/QuorumPacket';
import type { TraceEvent } from '../../src/zk/trace';

interface Wire {
  from: number;
  to: number;
  msg: ServerMessage;
}

function vote(leader: number, round = 1): Notification {
  return { version: 2, state: 'LOOKING', leader, zxid: 0, electionEpoch: round, peerEpoch: 0 };
}

/** n servers; `wire` holds what they put on the network, in order. */
function world(n: number) {
  const wire: Wire[] = [];
  const got = new Map<number, { from: number; n: Notification }[]>();
  const trace: TraceEvent[] = [];
  let conn = 0;
  const view = Array.from({ length: n }, (_, i) => i + 1);
  const qcm = new Map<number, QuorumCnxManager>();
  for (const sid of view) {
    got.set(sid, []);
    qcm.set(
      sid,
      new QuorumCnxManager({
        myid: sid,
        view,
        now: () => 0,
        newConnId: () => sid * 100 + ++conn,
        send: (to, msg) => wire.push({ from: sid, to, msg }),
        deliver: (from, nn) => got.get(sid)!.push({ from, n: nn }),
        trace: (ev) => trace.push(ev),
      }),
    );
  }
  /** delivers the oldest message on the wire (or the one matching `pick`) */
  const deliverNext = (pick?: (w: Wire) => boolean): Wire => {
    const i = pick ? wire.findIndex(pick) : 0;
    if (i < 0) throw new Error('nothing to deliver');
    const [w] = wire.splice(i, 1);
    qcm.get(w.to)!.receive(w.from, w.msg);
    return w;
  };
  const deliverAll = () => {
    while (wire.length) deliverNext();
  };
  const kinds = () => wire.map((w) => `${w.from}>${w.to} ${w.msg.channel}`);
  return { wire, got, trace, qcm: (s: number) => qcm.get(s)!, deliverNext, deliverAll, kinds };
}

describe('QuorumCnxManager: only the higher sid keeps a connection', () => {
  it('a lower sid dials, the connection is dropped, the higher sid dials back and the queued vote goes out on it', () => {
    const w = world(2);
    w.qcm(1).toSend(2, vote(1));
    // startConnection: the InitialMessage goes out, then "Have smaller server identifier, so dropping the connection"
    expect(w.kinds()).toEqual(['1>2 cnx']);
    expect(w.qcm(1).connectedToPeer(2)).toBe(false);
    expect(w.trace.map((e) => (e.ev === 'cnx' ? `${e.sid}:${e.action}:${e.reason ?? ''}` : ''))).toEqual([
      '1:dial:',
      '1:down:lowerSid',
    ]);
    // the vote waits in queueSendMap
    expect(w.qcm(1).view()[0]).toMatchObject({ peer: 2, conn: null, queued: 1 });
    w.deliverNext();
    // handleConnection: sid 1 < 2 → close it and connectOne(1): 2 dials back and keeps that one
    expect(w.kinds()).toEqual(['2>1 cnx']);
    expect(w.qcm(2).connectedToPeer(1)).toBe(true);
    expect(w.qcm(2).view()[0]).toMatchObject({ peer: 1, initiator: 2 });
    w.deliverNext();
    // 1 accepts the higher sid's connection: its SendWorker sends the queued vote on it
    expect(w.qcm(1).view()[0]).toMatchObject({ peer: 2, initiator: 2, queued: 0 });
    expect(w.wire).toHaveLength(1);
    expect(w.wire[0]).toMatchObject({ from: 1, to: 2, msg: { channel: 'election', n: vote(1) } });
    expect(w.wire[0].msg.channel === 'election' && w.wire[0].msg.conn).toBe(w.qcm(2).view()[0].conn);
    w.deliverNext();
    expect(w.got.get(2)).toEqual([{ from: 1, n: vote(1) }]);
    const downs = w.trace.filter((e) => e.ev === 'cnx' && e.action === 'down');
    expect(downs.map((e) => e.ev === 'cnx' && [e.sid, e.peer, e.reason])).toEqual([
      [1, 2, 'lowerSid'],
      [2, 1, 'dialBack'],
    ]);
  });

  it('a higher sid that dials keeps the connection at once: the vote follows the InitialMessage', () => {
    const w = world(2);
    w.qcm(2).toSend(1, vote(2));
    expect(w.kinds()).toEqual(['2>1 cnx', '2>1 election']);
    w.deliverAll();
    expect(w.got.get(1)).toEqual([{ from: 2, n: vote(2) }]);
    expect(w.qcm(1).connectedToPeer(2)).toBe(true);
    // the accepting side has nothing to say: no lastMessageSent, empty queue
    expect(w.wire).toHaveLength(0);
  });

  it('a stale dial from the lower sid makes the higher sid drop its good connection and dial again', () => {
    const w = world(2);
    w.qcm(2).toSend(1, vote(2)); // 2 → 1 connection (kept)
    w.qcm(1).toSend(2, vote(1)); // meanwhile 1 dials 2 (it has no connection yet)
    w.deliverNext((x) => x.from === 1); // 1's dial reaches 2 first
    // "This replica might still believe that the connection to sid is up": finish it, dial back
    expect(w.kinds()).toEqual(['2>1 cnx', '2>1 election', '2>1 close', '2>1 cnx', '2>1 election']);
    w.deliverAll();
    // 1 took the first connection, got the vote, then its close and the new one (vote re-sent)
    expect(w.got.get(1)!.map((g) => g.n.leader)).toEqual([2, 2]);
    expect(w.got.get(2)!.map((g) => g.n.leader)).toEqual([1]);
  });
});

describe('QuorumCnxManager: send queues and lastMessageSent', () => {
  it('SEND_CAPACITY 1: while no connection is up, a newer notification replaces the unsent older one', () => {
    const w = world(2);
    w.qcm(1).toSend(2, vote(1, 1));
    w.wire.length = 0; // its dial is refused: nobody listens on 2 yet
    w.qcm(1).connectionClosed(2, -1);
    w.qcm(1).toSend(2, vote(2, 2));
    w.wire.length = 0;
    expect(w.qcm(1).view()[0]).toMatchObject({ queued: 1 });
    // 2 comes up and dials 1: only the newest vote goes out
    w.qcm(2).connectOne(1);
    w.deliverAll();
    expect(w.got.get(2)!.map((g) => g.n)).toEqual([vote(2, 2)]);
  });

  it('a new connection re-sends lastMessageSent when the queue is empty, and only the queued one when it is not', () => {
    const w = world(2);
    w.qcm(2).toSend(1, vote(2, 1));
    w.deliverAll();
    expect(w.got.get(1)).toHaveLength(1);
    // 1's process dies: 2's RecvWorker sees the connection close
    w.qcm(2).connectionClosed(1, -1);
    expect(w.qcm(2).connectedToPeer(1)).toBe(false);
    expect(w.qcm(2).view()[0].lastSent).toEqual(vote(2, 1));
    // nothing queued: the next connection re-sends the last notification
    w.qcm(2).connectOne(1);
    expect(w.kinds()).toEqual(['2>1 cnx', '2>1 election']);
    expect(w.wire[1].msg).toMatchObject({ n: vote(2, 1) });
    w.wire.length = 0;
    // with a newer vote queued, the new connection sends that one, not lastMessageSent
    w.qcm(2).connectionClosed(1, -1);
    w.qcm(2).toSend(1, vote(2, 2)); // connectOne inside toSend dials at once
    expect(w.wire.map((x) => x.msg.channel === 'election' && x.msg.n.electionEpoch)).toEqual([false, 2]);
  });

  it('a notification in flight on a connection that is replaced is lost at the receiver and re-sent on the new one', () => {
    const w = world(3);
    // 3 → 1 connection up
    w.qcm(3).toSend(1, vote(3));
    w.deliverAll();
    w.got.get(1)!.length = 0;
    // 1 answers on it; before that arrives, 3 takes a new connection from... its own stale view: it dials again
    w.qcm(1).toSend(3, vote(1, 2));
    w.qcm(3).connectionClosed(1, w.qcm(3).view()[0].conn!, 'broken');
    w.qcm(3).connectOne(1); // the new connection, with 3's lastMessageSent
    w.deliverAll();
    // 1's vote on the old connection was discarded by 3 …
    expect(w.trace.some((e) => e.ev === 'cnx' && e.sid === 3 && e.action === 'discard')).toBe(true);
    // … and 1's SendWorker on the new connection re-sent it as lastMessageSent
    expect(w.got.get(3)!.map((g) => g.n)).toEqual([vote(1, 2)]);
  });

  it('a half-open connection: a vote written on a connection the peer closed is answered by a reset, and the writer dials again', () => {
    const w = world(3);
    // 3 → 1 up on both ends
    w.qcm(3).toSend(1, vote(3));
    w.deliverAll();
    const conn = w
      .qcm(1)
      .view()
      .find((p) => p.peer === 3)!.conn!;
    // 3 closes its end and its CLOSE is lost (a partition): 1 still believes the connection is up
    w.qcm(3).connectionClosed(1, conn, 'broken');
    expect(w.qcm(1).connectedToPeer(3)).toBe(true);
    // 1 writes a vote on it: 3 discards it and its TCP stack answers with a reset …
    w.qcm(1).toSend(3, vote(1, 2));
    w.deliverNext((x) => x.from === 1 && x.msg.channel === 'election');
    expect(w.kinds()).toEqual(['3>1 close']);
    expect(w.wire[0].msg).toMatchObject({ channel: 'close', conn, refused: true });
    // … so 1's SendWorker breaks and the next vote dials again (the lower sid: 3 dials back)
    w.deliverNext();
    expect(w.qcm(1).connectedToPeer(3)).toBe(false);
    w.qcm(1).toSend(3, vote(1, 3));
    w.deliverAll();
    expect(w.qcm(1).connectedToPeer(3) && w.qcm(3).connectedToPeer(1)).toBe(true);
    expect(w.got.get(3)!.map((g) => g.n)).toContainEqual(vote(1, 3));
  });

  it('haveDelivered: true when some send queue is empty, false when every queue holds a notification', () => {
    const w = world(3);
    expect(w.qcm(1).haveDelivered()).toBe(false); // no queue at all (the Java loop finds none empty)
    w.qcm(1).toSend(2, vote(1));
    w.qcm(1).toSend(3, vote(1));
    expect(w.qcm(1).haveDelivered()).toBe(false); // both wait for the higher sids to dial back
    w.qcm(3).connectOne(1);
    w.deliverNext((x) => x.from === 3);
    expect(w.qcm(1).haveDelivered()).toBe(true); // the queue for 3 was emptied on its connection
  });

  it('connectAll dials every peer with a queue and no connection; a sid outside the view is never dialled', () => {
    const w = world(3);
    w.qcm(3).toSend(1, vote(3));
    w.qcm(3).toSend(2, vote(3));
    w.qcm(3).connectionClosed(1, -1);
    w.qcm(3).connectionClosed(2, -1);
    w.wire.length = 0;
    w.qcm(3).connectAll();
    expect(w.kinds().filter((k) => k.endsWith('cnx'))).toEqual(['3>1 cnx', '3>2 cnx']);
    w.wire.length = 0;
    w.qcm(3).connectOne(9);
    w.qcm(3).connectOne(3);
    expect(w.wire).toHaveLength(0);
  });
});
