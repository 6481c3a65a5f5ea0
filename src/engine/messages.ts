/**
 * The messages one step delivered and dropped, as the stage shows them, derived from the trace
 * alone — so a step shows the same whether it was reached by stepping, playing or rebuilding.
 */
import type { SimulationApi } from '../sim/SimulationApi';
import type { TraceEvent } from '../zk/trace';
import type { MessageView } from '../zk/view';
import { zxidFromHex } from '../zk/Zxid';

/** A message that died at the current step (trace `drop`), with where it was going. */
export interface DroppedMessage extends MessageView {
  reason: string;
  /** where along its way it died: 0 at the sender (never left), 1 at the receiver */
  at: number;
}

type SendEvent = Extract<TraceEvent, { ev: 'send' }>;

/** The `send` line of message `id` in `sim`'s run (the Simulation's own send index). */
export function sentMessage(sim: SimulationApi, id: number): SendEvent | undefined {
  return sim.records.sent(id);
}

function asMessage(s: SendEvent, endedAt: number): MessageView {
  return {
    id: s.id,
    from: s.from,
    to: s.to,
    type: s.type,
    ...(s.zxid !== undefined ? { zxid: zxidFromHex(s.zxid) } : {}),
    label: s.detail ?? s.type,
    sentAt: s.t,
    deliverAt: endedAt,
  };
}

/** The messages that `events` (one step's) delivered and dropped. */
export function messagesOf(
  sim: SimulationApi,
  events: readonly TraceEvent[],
): { delivered: MessageView[]; dropped: DroppedMessage[] } {
  const delivered: MessageView[] = [];
  const dropped: DroppedMessage[] = [];
  for (const e of events) {
    if (e.ev !== 'recv' && e.ev !== 'drop') continue;
    const s = sentMessage(sim, e.id);
    if (!s) continue;
    if (e.ev === 'recv') delivered.push(asMessage(s, e.t));
    else dropped.push({ ...asMessage(s, e.t), reason: e.reason, at: e.t > s.t ? 1 : 0 });
  }
  return { delivered, dropped };
}
