/**
 * Timers on the stage: each server's armed timers (./timers.ts) as small count-down bars at the
 * bottom of its card — finalizeWait, the notification back-off, the learner's read timeout, the
 * leader's quorum check, its wait for a quorum, the next session-expiry bucket. HTML above the
 * cards; one component for all cards, so the cards themselves re-render only when their data changes.
 */
import { memo } from 'react';
import type { ServerView } from '../../zk/view';
import { useT } from '../i18n';
import { useSim } from '../store';
import type { Point } from './layout';
import { type CardTimer, cardTimers, remaining, type TimerConfig } from './timers';
// the pills', the tracker's and the timers' styles: needed even when the messages' layer is not loaded
import './messages.css';

/**
 * A card has room for one timer under its rows (compact cards: a bar without text). A server never
 * needs more: its role has one deadline that matters; the leader's session expiry is shown by its
 * session tracker beside the card (ClientLayer).
 */
const SHOWN: (kind: string) => boolean = (kind) => kind !== 'sessionExpiry';

function leftText(t: (k: string, p?: Record<string, string | number>) => string, ms: number): string {
  return ms >= 10_000
    ? t('messages.unit.s', { n: (ms / 1000).toFixed(1) })
    : t('messages.unit.ms', { n: Math.max(0, Math.round(ms)) });
}

/**
 * One timer. Props are primitives, so memo skips a row whose text and bar did not change: the bar's
 * length is rounded to a pixel of its width (a compact card, seven or nine servers, shows no text:
 * its row re-renders when its bar moves a pixel, not at every frame). Its title, which says the
 * time left, is written when the pointer arrives, not at every step.
 */
const TimerRow = memo(function TimerRow({
  kind,
  end,
  params,
  text,
  frac,
}: {
  kind: CardTimer['kind'];
  /** virtual ms when it fires */
  end: number;
  /** the timer's text params, as JSON */
  params: string;
  /** what it says (null: a compact card, a bar without text) */
  text: string | null;
  /** the bar's length, 0…1 */
  frac: number;
}) {
  const t = useT();
  const onHover = (e: React.PointerEvent<HTMLSpanElement>) => {
    const says = timerText(t, kind, JSON.parse(params) as TimerParams, end - useSim.getState().view.t);
    e.currentTarget.title = `${says} — ${t(`messages.timer.${kind}.why`)}`;
  };
  return (
    <span className={`card-timer timer-${kind}`} onPointerEnter={onHover} data-timer={kind} data-end={end}>
      {text === null ? null : <span className="timer-text">{text}</span>}
      <span className="timer-bar" aria-hidden="true">
        <span style={{ transform: `scaleX(${frac.toFixed(4)})` }} />
      </span>
    </span>
  );
});

type TimerParams = CardTimer['params'];

/** What a timer says, `left` ms before it fires. */
function timerText(
  t: (k: string, p?: Record<string, string | number>) => string,
  kind: CardTimer['kind'],
  params: TimerParams,
  left: number,
): string {
  return t(`messages.timer.${kind}`, { ...params, left: leftText(t, left) });
}

function CardTimers({
  s,
  cfg,
  now,
  p,
  w,
  h,
  compact,
}: {
  s: ServerView;
  cfg: TimerConfig;
  now: number;
  p: Point;
  w: number;
  h: number;
  compact: boolean;
}) {
  const t = useT();
  const timers = cardTimers(s, cfg)
    .filter((tm) => SHOWN(tm.kind))
    .slice(0, 1);
  if (timers.length === 0) return null;
  return (
    <div
      className={compact ? 'card-timers compact' : 'card-timers'}
      data-sid={s.sid}
      style={{ left: p.x - w / 2 + 6, width: w - 12, top: p.y + h / 2 - 4 }}
    >
      {timers.map((tm) => (
        <TimerRow
          key={tm.kind}
          kind={tm.kind}
          end={tm.end}
          params={JSON.stringify(tm.params)}
          text={compact ? null : timerText(t, tm.kind, tm.params, tm.end - now)}
          // a pixel of the bar's width (its row is the card's width less 12 px)
          frac={Math.round(remaining(tm, now) * Math.max(1, w - 12)) / Math.max(1, w - 12)}
        />
      ))}
    </div>
  );
}

function TimerLayerImpl({
  pos,
  cardW,
  cardH,
  compact,
}: {
  pos: Map<number, Point>;
  cardW: number;
  cardH: number;
  compact: boolean;
}) {
  const view = useSim((s) => s.view);
  const config = useSim((s) => s.scenario.config);
  const cfg: TimerConfig = {
    tickTime: config.tickTime,
    initLimit: config.initLimit,
    syncLimit: config.syncLimit,
  };
  return (
    <>
      {view.servers.map((s) => {
        const p = pos.get(s.sid);
        return p ? (
          <CardTimers key={s.sid} s={s} cfg={cfg} now={view.t} p={p} w={cardW} h={cardH} compact={compact} />
        ) : null;
      })}
    </>
  );
}

export const TimerLayer = memo(TimerLayerImpl);
