/**
 * Data for the space-time diagram: messages (send → recv / drop / still in flight) and lane events
 * within a time window, taken from the trace by binary search so long runs stay cheap.
 */
import type { MessageView } from '../../zk/view';
import type { TraceEvent } from '../../zk/trace';
import { firstHeld } from '../../sim/viewApi';
import { messageCategory, type Category } from './narration';

export interface Arrow {
  id: number;
  from: number;
  to: number;
  type: string;
  zxid?: string;
  detail?: string;
  sentAt: number;
  /** recv or drop time; for messages still in flight, their delivery time */
  endAt: number;
  end: 'recv' | 'drop' | 'inflight';
  reason?: string;
  cat: Category;
}

export interface LaneMark {
  t: number;
  sid: number;
  kind: 'state' | 'crash' | 'restart' | 'start' | 'election' | 'commit' | 'propose';
  label: string;
  /** trace index (for clicks) */
  index: number;
}

export interface TimelineData {
  arrows: Arrow[];
  marks: LaneMark[];
  /** each server's state at the window start (from the last state event before it) */
  initial: Map<number, string>;
  /** state changes inside the window, for lane shading */
  segments: { sid: number; from: number; to: number; state: string }[];
  truncated: boolean;
}

export interface StateChange {
  t: number;
  sid: number;
  state: string;
}

/** Every `state` event of a trace, in order. */
export function stateEvents(trace: readonly TraceEvent[]): StateChange[] {
  const out: StateChange[] = [];
  for (const e of trace) if (e.ev === 'state') out.push({ t: e.t, sid: e.sid, state: e.state });
  return out;
}

/** The `state` events of a growing trace, kept incrementally (restarts if the trace is replaced). */
export class StateIndex {
  private source: readonly TraceEvent[] | null = null;
  private first: TraceEvent | undefined;
  private seen = 0;
  list: StateChange[] = [];

  sync(trace: readonly TraceEvent[]): StateChange[] {
    // the first line tells a replaced array apart (a bounded trace that dropped it is its own)
    const head = firstHeld(trace) === 0 && trace.length > 0 ? trace[0] : this.first;
    if (trace !== this.source || head !== this.first || trace.length < this.seen) {
      this.source = trace;
      this.first = head;
      this.seen = 0;
      this.list = [];
    }
    // a bounded trace: the state changes still held (the lanes' colours before them are unknown)
    for (let i = Math.max(this.seen, firstHeld(trace)); i < trace.length; i++) {
      const e = trace[i];
      if (e.ev === 'state') this.list.push({ t: e.t, sid: e.sid, state: e.state });
    }
    this.seen = trace.length;
    return this.list;
  }
}

/**
 * First index with trace[i].t >= t (trace times never decrease). In a bounded trace, among the
 * lines still held: the timeline draws what memory holds (the window it shows is recent).
 */
export function lowerBoundT(trace: readonly TraceEvent[], t: number): number {
  let lo = firstHeld(trace);
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (trace[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Last index with trace[i].t <= t, or -1. */
export function lastAtOrBefore(trace: readonly TraceEvent[], t: number): number {
  return lowerBoundT(trace, t + 1e-9) - 1;
}

/**
 * Messages and marks visible in [t0, t1]. Sends up to `lookback` ms before t0 are considered so
 * arrows that cross the window's left edge are drawn. At most `maxArrows` (the newest) are kept.
 * `sidCount` servers exist. `states` (from a StateIndex) spares a scan of the whole trace for the
 * states the servers were in when the window starts.
 */
export function timelineData(
  trace: readonly TraceEvent[],
  inflight: readonly MessageView[],
  t0: number,
  t1: number,
  sidCount: number,
  lookback = 2000,
  maxArrows = 1500,
  states?: readonly StateChange[],
): TimelineData {
  const start = lowerBoundT(trace, t0 - lookback);
  const open = new Map<number, Arrow>();
  const arrows: Arrow[] = [];
  const marks: LaneMark[] = [];
  const changes: { sid: number; t: number; state: string }[] = [];
  for (let i = start; i < trace.length; i++) {
    const e = trace[i];
    switch (e.ev) {
      case 'send':
        open.set(e.id, {
          id: e.id,
          from: e.from,
          to: e.to,
          type: e.type,
          zxid: e.zxid,
          detail: e.detail,
          sentAt: e.t,
          endAt: e.t,
          end: 'inflight',
          cat: messageCategory(e.type),
        });
        break;
      case 'recv':
      case 'drop': {
        const a = open.get(e.id);
        if (a) {
          open.delete(e.id);
          a.endAt = e.t;
          a.end = e.ev;
          if (e.ev === 'drop') a.reason = e.reason;
          if (a.endAt >= t0) arrows.push(a);
        }
        break;
      }
      case 'state':
        if (e.t >= t0) {
          changes.push({ sid: e.sid, t: e.t, state: e.state });
          marks.push({ t: e.t, sid: e.sid, kind: 'state', label: e.state, index: i });
        }
        break;
      case 'crash':
      case 'restart':
      case 'start':
        if (e.t >= t0) marks.push({ t: e.t, sid: e.sid, kind: e.ev, label: e.ev, index: i });
        break;
      case 'commit':
        if (e.t >= t0) marks.push({ t: e.t, sid: e.sid, kind: 'commit', label: e.zxid, index: i });
        break;
      default:
        break;
    }
  }
  // messages still open: in flight now (with their planned delivery), or lost track of
  const planned = new Map(inflight.map((m) => [m.id, m]));
  for (const a of open.values()) {
    const m = planned.get(a.id);
    if (!m) continue;
    a.endAt = m.deliverAt;
    a.end = 'inflight';
    arrows.push(a);
  }
  // state at the window start: each server's last state event before it
  const initial = new Map<number, string>();
  const list = states ?? stateEvents(trace);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].t < t0) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && initial.size < sidCount; i--) {
    if (!initial.has(list[i].sid)) initial.set(list[i].sid, list[i].state);
  }
  // lane shading: the state each server was in, piece by piece across the window
  const segments: TimelineData['segments'] = [];
  const cur = new Map<number, { state: string; from: number }>();
  for (const [sid, state] of initial) cur.set(sid, { state, from: t0 });
  for (const c of changes) {
    const prev = cur.get(c.sid);
    if (prev && c.t > prev.from) segments.push({ sid: c.sid, from: prev.from, to: c.t, state: prev.state });
    cur.set(c.sid, { state: c.state, from: c.t });
  }
  for (const [sid, c] of cur) if (t1 > c.from) segments.push({ sid, from: c.from, to: t1, state: c.state });
  arrows.sort((a, b) => a.sentAt - b.sentAt || a.id - b.id);
  const truncated = arrows.length > maxArrows;
  return { arrows: truncated ? arrows.slice(-maxArrows) : arrows, marks, initial, segments, truncated };
}

/** `lens[s]` = trace length after `s` steps; the step of trace line `i` is the least `s` with lens[s] > i. */
export function stepOfIndex(lens: ArrayLike<number>, count: number, i: number): number | null {
  let lo = 0;
  let hi = count - 1;
  if (count === 0 || lens[hi] <= i) return null;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lens[mid] > i) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
