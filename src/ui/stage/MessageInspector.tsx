/**
 * The message inspector: every field of the message pinned on the stage (type, from → to, zxid as
 * epoch:counter and hex, the vote a notification carries, when it was sent and when it arrives),
 * and the list behind an aggregate label ("NOTIFICATION ×6"). Escape closes both.
 */
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { MessageView, VoteView } from '../../zk/view';
import { zxidToEpochCounter, zxidToHex } from '../../zk/viewApi';
import { useT } from '../i18n';
import { useSim } from '../store';
import { useInspect } from './inspect';
import type { Rect } from './labelLayout';
import type { Point } from './layout';
import { CnxChannelRow } from './CnxChannelRow';
import { FAMILY_COLOR, familyOf } from './palette';
import './messages.css';

const zxidText = (z: number) => `${zxidToEpochCounter(z)} (${zxidToHex(z)})`;

/** Where a message stands at the current step. */
type Status =
  | { kind: 'flying'; arrives: number; progress: number }
  | { kind: 'arrived'; at: number }
  | { kind: 'dropped'; reason: string; at: number }
  | { kind: 'unsent' };

function useStatus(m: MessageView): { live: MessageView | null; status: Status } {
  const view = useSim((s) => s.view);
  const droppedNow = useSim((s) => s.dropped);
  const t = view.t;
  const flying = view.inflight.find((x) => x.id === m.id);
  if (flying) {
    const span = flying.deliverAt - flying.sentAt;
    const progress = span > 0 ? Math.min(1, Math.max(0, (t - flying.sentAt) / span)) : 1;
    return { live: flying, status: { kind: 'flying', arrives: flying.deliverAt, progress } };
  }
  const dropped = droppedNow.find((x) => x.id === m.id);
  if (dropped)
    return { live: null, status: { kind: 'dropped', reason: dropped.reason, at: dropped.deliverAt } };
  if (t < m.sentAt) return { live: null, status: { kind: 'unsent' } };
  return { live: null, status: { kind: 'arrived', at: m.deliverAt } };
}

function VoteRows({ vote }: { vote: VoteView }) {
  const t = useT();
  return (
    <>
      <dt>{t('messages.inspector.vote')}</dt>
      <dd className="vote" data-testid="inspector-vote">
        {t('messages.inspector.voteFor', { sid: vote.leader })}
      </dd>
      <dt>{t('messages.inspector.voteZxid')}</dt>
      <dd>{zxidText(vote.zxid)}</dd>
      <dt>{t('messages.inspector.round')}</dt>
      <dd>{vote.electionEpoch}</dd>
      <dt>{t('messages.inspector.peerEpoch')}</dt>
      <dd>{vote.peerEpoch}</dd>
      <dt>{t('messages.inspector.senderState')}</dt>
      <dd>{vote.state}</dd>
    </>
  );
}

const INSPECTOR_W = 250;
/** its height with a vote (the tallest it gets), for choosing its place */
const INSPECTOR_H = 215;

/**
 * Where the inspector goes: of the stage's corners, the ring's middle and places around it, the
 * one that hides the least of the cards, never the pinned message itself, and then the one nearest
 * the message (the eye is there). Pure.
 */
export function inspectorPlace(
  bounds: { width: number; height: number },
  cards: readonly Rect[],
  at: { x: number; y: number } | null,
): { left: number; top: number } {
  const m = 8;
  const w = Math.min(INSPECTOR_W, bounds.width - 2 * m);
  const h = INSPECTOR_H;
  const cx = (bounds.width - w) / 2;
  const cy = (bounds.height - h) / 2;
  const spots = [
    { left: bounds.width - w - m, top: m },
    { left: bounds.width - w - m, top: bounds.height - h - m },
    { left: m, top: bounds.height - h - m },
    { left: cx, top: cy },
    { left: cx - 70, top: cy },
    { left: cx + 70, top: cy },
    { left: cx, top: cy - 50 },
    { left: cx, top: cy + 50 },
    // the top-left corner holds the stage's status
    { left: m, top: 72 },
  ];
  let best = spots[0];
  let bestScore = Infinity;
  for (const sp of spots) {
    const r = { x: Math.max(m, sp.left), y: Math.max(m, sp.top), w, h };
    let hidden = 0;
    for (const c of cards) {
      const ox = Math.max(0, Math.min(r.x + r.w, c.x + c.w) - Math.max(r.x, c.x));
      const oy = Math.max(0, Math.min(r.y + r.h, c.y + c.h) - Math.max(r.y, c.y));
      hidden += ox * oy;
    }
    const covers = at && at.x > r.x - 12 && at.x < r.x + r.w + 12 && at.y > r.y - 12 && at.y < r.y + r.h + 12;
    const dist = at ? Math.hypot(r.x + w / 2 - at.x, r.y + h / 2 - at.y) : 0;
    const score = hidden * 10 + (covers ? 1e7 : 0) + dist;
    if (score < bestScore) {
      bestScore = score;
      best = r.x === sp.left && r.y === sp.top ? sp : { left: r.x, top: r.y };
    }
  }
  return { left: Math.max(m, best.left), top: Math.max(m, best.top) };
}

function Inspector({ m, place }: { m: MessageView; place: { left: number; top: number } }) {
  const t = useT();
  const close = useInspect((s) => s.close);
  const { live, status } = useStatus(m);
  const msg = live ?? m;
  return (
    <section
      className="msg-inspector"
      style={{ left: place.left, top: place.top, width: INSPECTOR_W }}
      role="dialog"
      aria-label={t('messages.inspector.title', { type: msg.type })}
      data-testid="message-inspector"
      data-id={msg.id}
      onClick={(e) => e.stopPropagation()}
    >
      <header>
        <span
          className="swatch"
          style={{ background: FAMILY_COLOR[familyOf(msg.type)] }}
          aria-hidden="true"
        />
        <h3>{msg.type}</h3>
        <button
          type="button"
          className="btn icon close"
          onClick={close}
          aria-label={t('messages.inspector.close')}
        >
          ×
        </button>
      </header>
      <dl>
        <dt>{t('messages.inspector.route')}</dt>
        <dd data-testid="inspector-route">
          {t('messages.inspector.fromTo', { from: msg.from, to: msg.to })}
        </dd>
        {msg.zxid !== undefined && !msg.vote ? (
          <>
            <dt>zxid</dt>
            <dd data-testid="inspector-zxid">{zxidText(msg.zxid)}</dd>
          </>
        ) : null}
        {msg.vote ? <VoteRows vote={msg.vote} /> : null}
        {msg.conn !== undefined ? <CnxChannelRow m={msg} /> : null}
        {msg.vote ? null : (
          <>
            <dt>{t('messages.inspector.content')}</dt>
            <dd className="content">{msg.label}</dd>
          </>
        )}
        <dt>{t('messages.inspector.sent')}</dt>
        <dd>{t('messages.inspector.ms', { t: msg.sentAt })}</dd>
        <dt>{t('messages.inspector.status')}</dt>
        <dd data-testid="inspector-status">
          {status.kind === 'flying'
            ? t('messages.inspector.flying', { t: status.arrives, pct: Math.round(status.progress * 100) })
            : status.kind === 'dropped'
              ? t('messages.inspector.dropped', { reason: status.reason })
              : status.kind === 'unsent'
                ? t('messages.inspector.unsent')
                : t('messages.inspector.arrived', { t: msg.deliverAt })}
        </dd>
      </dl>
    </section>
  );
}

/** The messages behind an aggregate label, each a button that pins it. */
function GroupList({ bounds }: { bounds: { width: number; height: number } }) {
  const t = useT();
  const group = useInspect((s) => s.group);
  const pin = useInspect((s) => s.pin);
  const msgs = useSim(
    useShallow((s) => {
      if (!group) return [];
      const all = [...s.view.inflight, ...s.delivered, ...s.dropped];
      return group.ids.flatMap((id) => all.filter((m) => m.id === id).slice(0, 1));
    }),
  );
  if (!group || msgs.length === 0) return null;
  const w = 290;
  const left = Math.max(4, Math.min(bounds.width - w - 4, group.x - w / 2));
  const top = Math.max(4, Math.min(bounds.height - 60, group.y + 14));
  return (
    <section
      className="msg-group"
      style={{ left, top, width: w }}
      role="dialog"
      aria-label={t('messages.group.title', { type: group.type, n: msgs.length })}
      data-testid="message-group"
      onClick={(e) => e.stopPropagation()}
    >
      <header>
        <h3>{t('messages.group.title', { type: group.type, n: msgs.length })}</h3>
        <button
          type="button"
          className="btn icon close"
          onClick={() => useInspect.setState({ group: null })}
          aria-label={t('messages.inspector.close')}
        >
          ×
        </button>
      </header>
      <ul>
        {msgs.map((m) => (
          <li key={m.id}>
            <button type="button" className="btn msg-row" onClick={() => pin(m)} data-msg-id={m.id}>
              <span className="route">{t('messages.inspector.fromTo', { from: m.from, to: m.to })}</span>
              <span className="what">
                {m.vote
                  ? t('messages.group.vote', { sid: m.vote.leader, zxid: zxidToEpochCounter(m.vote.zxid) })
                  : m.label}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MessageInspector({
  bounds,
  pos,
  cardW,
  cardH,
}: {
  bounds: { width: number; height: number };
  pos: Map<number, Point>;
  cardW: number;
  cardH: number;
}) {
  const pinned = useInspect((s) => s.pinned);
  // where the message was when it was pinned: the place does not jump while it flies on
  const pinnedAt = useInspect((s) => s.at);
  const place = useMemo(() => {
    const cards = [...pos.values()].map((p) => ({
      x: p.x - cardW / 2,
      y: p.y - cardH / 2,
      w: cardW,
      h: cardH,
    }));
    // pinned from a list: the middle of its link
    const a = pinned ? pos.get(pinned.from) : undefined;
    const b = pinned ? pos.get(pinned.to) : undefined;
    const at = pinnedAt ?? (a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : null);
    return inspectorPlace(bounds, cards, at);
  }, [bounds, pos, cardW, cardH, pinned, pinnedAt]);
  const close = useInspect((s) => s.close);
  // another scenario: what was pinned belongs to the old one
  const scenario = useSim((s) => s.scenario);
  useEffect(() => close, [scenario, close]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [close]);
  return (
    <>
      <GroupList bounds={bounds} />
      {pinned ? <Inspector m={pinned} place={place} /> : null}
    </>
  );
}
