/**
 * The election connections (QuorumCnxManager) between servers, drawn beside the links when the
 * user turns them on: a solid line for a connection both ends keep, a dashed one while only one
 * end keeps it, a faint dotted one for none; a dot at the end of the server that dialled (always
 * the higher sid of a kept connection); an envelope where a server holds a vote in its send queue
 * for a peer it has no connection to; and, for a moment, a lower sid's dial that the higher sid
 * dropped before dialling back. Loaded on demand (Stage.tsx).
 */
import { memo, useMemo } from 'react';
import { useT } from '../i18n';
import { useSim, useView } from '../store';
import { cnxPairs, type CnxPair } from './cnxPairs';
import type { Point } from './layout';
import './cnx.css';

/** px between a link's line and its election connection, so both stay visible */
const OFFSET = 7;
/** the legend's width, px */
const LEGEND_W = 230;

export interface CnxLayerProps {
  pos: Map<number, Point>;
  cardW: number;
  cardH: number;
}

function CnxLayerImpl({ pos, cardW, cardH }: CnxLayerProps) {
  const t = useT();
  const servers = useView((v) => v.servers);
  const now = useView((v) => v.t);
  const trace = useSim((s) => s.sim.trace);
  const pairs = useMemo(() => cnxPairs(servers, trace, now), [servers, trace, now]);
  // how far from a card's centre its badges sit: just outside the card
  const clear = Math.hypot(cardW, cardH) / 2 + 10;
  return (
    <g className="cnx-layer" data-testid="cnx-layer">
      {pairs.map((p) => (
        <Pair key={`${p.a}-${p.b}`} p={p} pos={pos} clear={clear} t={t} />
      ))}
      {/* top left, under the stage's status lines: a corner the ring and the clients leave free */}
      <g className="cnx-legend" transform="translate(10,92)">
        <rect className="cnx-legend-box" x={-6} y={-4} width={LEGEND_W} height={72} rx={6} />
        <text className="cnx-legend-title" y={10}>
          {t('cnx.legend.title')}
        </text>
        <line className="cnx-line up" x1={0} y1={24} x2={24} y2={24} />
        <circle className="cnx-dialler" cx={3} cy={24} r={3.5} />
        <text x={30} y={28}>
          {t('cnx.legend.up')}
        </text>
        <line className="cnx-line half" x1={0} y1={40} x2={24} y2={40} />
        <text x={30} y={44}>
          {t('cnx.legend.half')}
        </text>
        <text className="cnx-queue-glyph" x={4} y={60}>
          ✉
        </text>
        <text x={30} y={60}>
          {t('cnx.legend.queued')}
        </text>
      </g>
    </g>
  );
}

function Pair({
  p,
  pos,
  clear,
  t,
}: {
  p: CnxPair;
  pos: Map<number, Point>;
  clear: number;
  t: ReturnType<typeof useT>;
}) {
  const pa = pos.get(p.a);
  const pb = pos.get(p.b);
  if (!pa || !pb) return null;
  const dx = pb.x - pa.x;
  const dy = pb.y - pa.y;
  const len = Math.hypot(dx, dy) || 1;
  const ux = dx / len;
  const uy = dy / len;
  // one side of the link's line, the same for every pair (a < b)
  const ox = -uy * OFFSET;
  const oy = ux * OFFSET;
  const A = { x: pa.x + ox, y: pa.y + oy };
  const B = { x: pb.x + ox, y: pb.y + oy };
  /** a point `d` px from server `sid`'s end towards the other */
  const from = (sid: number, d: number) => {
    const s = sid === p.a ? A : B;
    const sign = sid === p.a ? 1 : -1;
    const dd = Math.min(d, len / 2 - 4);
    return { x: s.x + ux * dd * sign, y: s.y + uy * dd * sign };
  };
  const state =
    p.state === 'up'
      ? t('cnx.state.up', { initiator: p.initiator ?? '?' })
      : p.state === 'half'
        ? t('cnx.state.half', { initiator: p.initiator ?? '?' })
        : t('cnx.state.down');
  const dialler = p.initiator !== null && p.state !== 'down' ? from(p.initiator, clear) : null;
  const mid = { x: (A.x + B.x) / 2, y: (A.y + B.y) / 2 };
  return (
    <g
      className={`cnx-pair ${p.state}`}
      data-cnx={`${p.a}-${p.b}`}
      data-state={p.state}
      data-initiator={p.initiator ?? undefined}
      data-queued={p.queued.join(',') || undefined}
      data-dialback={p.dialBack ? `${p.dialBack.lower}-${p.dialBack.higher}` : undefined}
    >
      <title>{t('cnx.pair.title', { a: p.a, b: p.b, state })}</title>
      <line className={`cnx-line ${p.state}`} x1={A.x} y1={A.y} x2={B.x} y2={B.y} />
      {dialler ? <circle className="cnx-dialler" cx={dialler.x} cy={dialler.y} r={4} /> : null}
      {p.queued.map((sid) => {
        const q = from(sid, clear + 16);
        const peer = sid === p.a ? p.b : p.a;
        return (
          <g
            key={sid}
            className="cnx-queue"
            data-queue={`${sid}>${peer}`}
            transform={`translate(${q.x},${q.y})`}
          >
            <title>{t('cnx.queued.title', { sid, peer })}</title>
            <rect x={-11} y={-9} width={22} height={18} rx={4} />
            <text className="cnx-queue-glyph" y={4}>
              ✉
            </text>
          </g>
        );
      })}
      {p.dialBack ? (
        // two short lines: the gap between two cards is narrow, and the cards are drawn above
        <g className="cnx-dialback" transform={`translate(${mid.x + ox * 2},${mid.y + oy * 2})`}>
          <title>{t('cnx.dialBack', { lower: p.dialBack.lower, higher: p.dialBack.higher })}</title>
          <text y={-4}>{t('cnx.dialBack.drop', { lower: p.dialBack.lower })}</text>
          <text y={11}>{t('cnx.dialBack.back', { higher: p.dialBack.higher })}</text>
        </g>
      ) : null}
    </g>
  );
}

const CnxLayer = memo(CnxLayerImpl);
export default CnxLayer;
