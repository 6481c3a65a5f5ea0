/**
 * Reading real outcomes off a run, for the answers of lesson questions: who led, how a learner was
 * synced, which zxid a command got, how many ACKs a commit waited for, which watch events fired.
 * Every function answers from the run's summary and trace; none knows what the lesson expects.
 *
 * Pure.
 */
import type { RunIndex } from '../presets/cues';
import type { TraceEvent } from '../zk/trace';

type Ev<K extends TraceEvent['ev']> = Extract<TraceEvent, { ev: K }>;

/** The leader at the end of the run (LEADING in BROADCAST), or null. */
export function finalLeader(run: RunIndex): number | null {
  return run.summary.leader;
}

/** The leader of the first election decided at or after `after` ms (by the server that leads). */
export function electedAfter(run: RunIndex, after: number): number | null {
  return run.summary.elections.find((e) => e.at >= after && e.state === 'LEADING')?.leader ?? null;
}

/** Whom `sid` decided to follow (or observe) in its first decision at or after `after` ms. */
export function followedBy(run: RunIndex, sid: number, after = 0): number | null {
  return run.summary.elections.find((e) => e.sid === sid && e.at >= after)?.leader ?? null;
}

/** The first sync decision for `learner` at or after `after` ms. */
export function syncOf(run: RunIndex, learner: number, after = 0): { mode: string; zxid: string } | null {
  const s = run.summary.syncs.find((x) => x.learner === learner && x.at >= after);
  return s ? { mode: s.mode, zxid: s.zxid } : null;
}

/** The zxid the first client command `cmd` (exact text) made, if it made one. */
export function zxidOf(run: RunIndex, cmd: string): string | null {
  return run.summary.clients.find((c) => c.cmd === cmd)?.zxid ?? null;
}

/**
 * How many voters had acknowledged `zxid` when its leader committed it: the leader itself if its own
 * log write came first, plus every follower whose ACK the leader had received.
 */
export function acksAtCommit(run: RunIndex, zxid: string): number | null {
  const t = run.trace;
  const commitAt = t.findIndex((e) => e.ev === 'commit' && e.zxid === zxid);
  if (commitAt < 0) return null;
  const leader = (t[commitAt] as Ev<'commit'>).sid;
  const ackIds = new Map<number, number>();
  for (let i = 0; i < commitAt; i++) {
    const e = t[i];
    if (e.ev === 'send' && e.type === 'ACK' && e.to === leader && e.zxid === zxid) ackIds.set(e.id, e.from);
  }
  const acked = new Set<number>();
  for (let i = 0; i < commitAt; i++) {
    const e = t[i];
    if (e.ev === 'recv' && ackIds.has(e.id)) acked.add(ackIds.get(e.id)!);
    if (e.ev === 'log' && e.sid === leader && e.zxid === zxid) acked.add(leader);
  }
  return acked.size;
}

/** The session timeout the leader granted to the first session it created (from `createSession <ms>`). */
export function grantedTimeout(run: RunIndex): number | null {
  const p = run.trace.find((e): e is Ev<'propose'> => e.ev === 'propose' && e.op.startsWith('createSession'));
  if (!p) return null;
  const m = /^createSession (\d+)/.exec(p.op);
  return m ? Number(m[1]) : null;
}

/** Virtual ms at which the leader proposed the first closeSession (a session expiry or close). */
export function firstCloseSessionAt(run: RunIndex): number | null {
  return run.trace.find((e) => e.ev === 'propose' && e.op.startsWith('closeSession'))?.t ?? null;
}

/** The watch events (not session-state events) client `id` received at or after `after`, "Type path". */
export function watchEvents(run: RunIndex, id: string, after = 0): string[] {
  return run.summary.events
    .filter((e) => e.id === id && e.type !== 'None' && e.at >= after)
    .map((e) => `${e.type} ${e.path ?? ''}`.trim());
}

/** The last session state client `id` was told about (SyncConnected, Disconnected, Expired, Closed). */
export function lastSessionState(run: RunIndex, id: string): string | null {
  return run.summary.events.filter((e) => e.id === id && e.type === 'None').at(-1)?.state ?? null;
}

/**
 * Whether the first `cmd` of client `id` after its session was up was answered by its own server
 * alone ('local') or needed the leader ('leader': its server sent a REQUEST in between).
 */
export function answeredWhere(run: RunIndex, id: string, cmd: string): 'local' | 'leader' | null {
  const t = run.trace;
  const issued = t.findIndex((e) => e.ev === 'client' && e.id === id && e.cmd === cmd);
  if (issued < 0) return null;
  const server = (t[issued] as Ev<'client'>).server;
  const connected = t.findIndex(
    (e, i) => i > issued && e.ev === 'watch' && e.client === id && e.state === 'SyncConnected',
  );
  const replied = t.findIndex((e, i) => i > issued && e.ev === 'reply' && e.client === id);
  if (replied < 0) return null;
  const from = connected >= 0 && connected < replied ? connected : issued;
  for (let i = from; i < replied; i++) {
    const e = t[i];
    if (e.ev === 'send' && e.from === server && e.type === 'REQUEST') return 'leader';
  }
  return 'local';
}

/** Virtual ms of the first `crash` / `restart` of `sid` (Infinity if it never happens). */
export function timeOf(run: RunIndex, ev: 'crash' | 'restart', sid: number): number {
  return run.trace.find((e) => e.ev === ev && e.sid === sid)?.t ?? Infinity;
}

/** The zxid of the first `log` (durable append) on `sid` at or after `after` ms. */
export function firstLogAfter(run: RunIndex, sid: number, after: number): string | null {
  return run.trace.find((e): e is Ev<'log'> => e.ev === 'log' && e.sid === sid && e.t >= after)?.zxid ?? null;
}

/** The zxid `sid` first truncated its log to. */
export function truncatedTo(run: RunIndex, sid: number): string | null {
  return run.trace.find((e): e is Ev<'truncate'> => e.ev === 'truncate' && e.sid === sid)?.zxid ?? null;
}
