/**
 * One-line descriptions of wire messages for tooltips, the timeline and the CLI trace.
 */
import type { ServerMessage } from '../zk/QuorumPacket';
import { zxidToHex } from '../zk/Zxid';

export function describeMessage(m: ServerMessage): string {
  if (m.channel === 'election') {
    const n = m.n;
    return `${n.state} vote (leader ${n.leader}, zxid ${zxidToHex(n.zxid)}, round ${n.electionEpoch}, peerEpoch ${n.peerEpoch})`;
  }
  if (m.channel === 'close') return m.refused ? 'connection refused' : 'connection closed';
  if (m.channel === 'cnx') return 'InitialMessage: opens an election connection';
  const p = m.p;
  switch (p.type) {
    case 'PROPOSAL':
    case 'INFORM':
      return `${p.type} ${zxidToHex(p.zxid)}`;
    case 'ACKEPOCH':
      return `ACKEPOCH lastZxid ${zxidToHex(p.zxid)}, currentEpoch ${p.currentEpoch}`;
    case 'PING':
      return p.sessions.length ? `PING (${p.sessions.length} sessions)` : 'PING';
    case 'UPTODATE':
      return 'UPTODATE';
    case 'REQUEST':
      return `REQUEST ${p.request.kind === 'op' ? p.request.op.op : p.request.kind}`;
    default:
      return `${p.type} ${zxidToHex(p.zxid)}`;
  }
}
