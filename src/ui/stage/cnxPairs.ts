/**
 * The election connections of a run at one step, pair by pair, for the stage's channel layer:
 * read from each server's QuorumCnxManager view (senderWorkerMap, queueSendMap) and, for a lower
 * sid's connection that was just dropped and dialled back, from the recent `cnx` trace events.
 * Pure.
 */
import type { ServerView } from '../../zk/view';
import type { TraceEvent } from '../../zk/trace';

/** how long (virtual ms) a dropped-and-dialled-back connection stays marked on the stage */
export const DIAL_BACK_WINDOW_MS = 150;

export interface CnxPair {
  a: number;
  b: number;
  /** up: both ends keep the same connection; half: one end does (its dial is on the way, or the
   *  other end has dropped it); down: neither */
  state: 'up' | 'half' | 'down';
  /** who dialled the connection kept (the higher sid, by QuorumCnxManager's rule) */
  initiator: number | null;
  /** sids holding a notification for the other in their send queue (no connection to send it on) */
  queued: number[];
  /** a lower sid's dial dropped by the higher one, which dialled back (QuorumCnxManager.handleConnection) */
  dialBack: { lower: number; higher: number; t: number } | null;
}

export function cnxPairs(
  servers: readonly ServerView[],
  trace: readonly TraceEvent[],
  now: number,
): CnxPair[] {
  const dialBacks = new Map<string, { lower: number; higher: number; t: number }>();
  // the recent tail of the trace only: scan back until the window is passed
  for (let i = trace.length - 1, seen = 0; i >= 0 && seen < 20_000; i--, seen++) {
    const e = trace[i];
    if (e.t > now) continue;
    if (e.t < now - DIAL_BACK_WINDOW_MS) break;
    if (e.ev !== 'cnx' || e.action !== 'down' || e.reason !== 'dialBack') continue;
    const key = `${Math.min(e.sid, e.peer)}-${Math.max(e.sid, e.peer)}`;
    if (!dialBacks.has(key)) dialBacks.set(key, { lower: e.peer, higher: e.sid, t: e.t });
  }
  const bySid = new Map(servers.map((s) => [s.sid, s]));
  const sids = servers.map((s) => s.sid).sort((x, y) => x - y);
  const pairs: CnxPair[] = [];
  for (let i = 0; i < sids.length; i++)
    for (let j = i + 1; j < sids.length; j++) {
      const a = sids[i];
      const b = sids[j];
      const ea = bySid.get(a)?.cnx?.find((c) => c.peer === b);
      const eb = bySid.get(b)?.cnx?.find((c) => c.peer === a);
      const ca = ea?.conn ?? null;
      const cb = eb?.conn ?? null;
      let state: CnxPair['state'] = 'down';
      let initiator: number | null = null;
      if (ca !== null && ca === cb) {
        state = 'up';
        initiator = ea?.initiator ?? null;
      } else if (ca !== null || cb !== null) {
        state = 'half';
        initiator = (ca !== null ? ea?.initiator : eb?.initiator) ?? null;
      }
      const queued: number[] = [];
      if (ea && ea.queued > 0) queued.push(a);
      if (eb && eb.queued > 0) queued.push(b);
      pairs.push({ a, b, state, initiator, queued, dialBack: dialBacks.get(`${a}-${b}`) ?? null });
    }
  return pairs;
}
