/**
 * The pace of playback: how long the picture of one step stays on screen before the next event.
 *
 * "even" is one event every 1000/speed ms (the speed slider as it reads). "narrated", the default,
 * weighs each step by what happened in it: a decisive moment (a vote changes, an election decides,
 * the leader decides how to sync a learner, a txn commits, the checker reports a violation, a
 * server crashes) stays long enough to be seen; heartbeats (PINGs and nothing else) pass quickly.
 * The speed slider scales both: at 20 events/s a decisive step stays 1.5 s.
 *
 * Pure: a step is judged from its trace events and the messages it delivered alone, so a step is
 * paced the same whether it ran in the page or on the workers.
 */
import type { TraceEvent } from '../zk/trace';

export type Pace = 'narrated' | 'even';
export const PACES: readonly Pace[] = ['narrated', 'even'];
export const DEFAULT_PACE: Pace = 'narrated';

/** How much a step matters to a person following the run. */
export type Beat = 'decisive' | 'normal' | 'heartbeat';

/** In narrated pace, a step of each beat stays this many "event slots" (1000/speed ms each). */
export const BEAT_WEIGHT: Readonly<Record<Beat, number>> = { decisive: 30, normal: 3, heartbeat: 0.5 };

/** Trace kinds that make a step decisive by themselves. */
const DECISIVE: ReadonlySet<TraceEvent['ev']> = new Set<TraceEvent['ev']>([
  'election', // FastLeaderElection decided
  'established', // the leader's epoch is accepted by a quorum
  'sync', // LearnerHandler.syncFollower chose DIFF / TRUNC / SNAP
  'commit', // Leader.tryToCommit: a quorum of ACKs
  'truncate',
  'violation',
  'anomaly',
  'crash',
  'restart',
  'partition',
  'heal',
]);

/** Trace kinds that never make a step more than a heartbeat. */
const WIRE: ReadonlySet<TraceEvent['ev']> = new Set<TraceEvent['ev']>(['send', 'recv', 'drop']);

/**
 * What kind of moment a step is. `delivered` are the messages the step delivered (their types).
 *
 * A vote change is seen on the wire: FastLeaderElection.sendNotifications broadcasts the server's
 * proposal to every voter exactly when it starts an election or updates its proposal (a better
 * vote, a newer round) — never when it merely answers one peer or re-sends after the poll timeout
 * (that broadcast happens on a timer step, with no notification received and no state change).
 */
export function beatOf(events: readonly TraceEvent[], delivered: readonly { type: string }[]): Beat {
  let notificationsOut = 0;
  let onlyPings = true;
  let lookingNow = false;
  for (const e of events) {
    if (DECISIVE.has(e.ev)) return 'decisive';
    if (e.ev === 'state' && e.state === 'LOOKING') lookingNow = true;
    if (e.ev === 'send') {
      // a vote for a peer without an election connection goes out as a dial (QuorumCnxManager.toSend)
      if (e.type === 'NOTIFICATION' || e.type === 'CONNECT') notificationsOut++;
      if (e.type !== 'PING') onlyPings = false;
    } else if (!WIRE.has(e.ev)) onlyPings = false;
  }
  const gotNotification = delivered.some((m) => m.type === 'NOTIFICATION');
  if (notificationsOut >= 2 && (gotNotification || lookingNow)) return 'decisive';
  if (onlyPings && delivered.every((m) => m.type === 'PING')) return 'heartbeat';
  return 'normal';
}

/** ms the picture of a step of this beat stays on screen at `speed` events per second. */
export function dwellMs(beat: Beat, speed: number, pace: Pace): number {
  const slot = 1000 / Math.max(1, speed);
  return pace === 'even' ? slot : slot * BEAT_WEIGHT[beat];
}

/** ms a run takes at this pace: the sum of its steps' dwells (chapter pauses not counted). */
export function runDurationMs(steps: readonly Beat[], speed: number, pace: Pace): number {
  let ms = 0;
  for (const b of steps) ms += dwellMs(b, speed, pace);
  return ms;
}
