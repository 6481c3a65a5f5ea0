/** 7. Timeline: a space-time diagram of the recent past — servers as lanes, messages as arrows. */
import { scaleLinear } from 'd3-scale';
import { useMemo, useRef, useState } from 'react';
import { useT } from '../i18n';
import { useSim } from '../store';
import { usePanelSim } from '../readingRate';
import { Empty, roleIcon, useWidth } from './common';
import { fmtHexZxid, fmtTime } from './format';
import { CATEGORIES, type Category } from './narration';
import { lastAtOrBefore, StateIndex, timelineData, type Arrow } from './timeline';
import { usePanelUi } from './uiState';

const WINDOWS = [250, 500, 1000, 2000, 5000, 10000, 30000, 60000];
const LANE_H = 44;
const TOP = 28;
const RIGHT = 40;

const CAT_COLOR: Record<Category, string> = {
  election: '#E69F00',
  discovery: '#CC79A7',
  sync: '#56B4E9',
  broadcast: '#009E73',
  liveness: '#8a8a8a',
  client: '#0072B2',
  storage: '#6b4f1d',
  fault: '#D55E00',
};
const STATE_TINT: Record<string, string> = {
  LEADING: '#fde6d9',
  FOLLOWING: '#e3effa',
  LOOKING: '#fff4d6',
  OBSERVING: '#f8e3ef',
  DOWN: '#ececec',
};

function arrowTitle(a: Arrow, t: (k: string, p?: Record<string, string | number>) => string): string {
  const base = t('panels.tl.arrow', {
    type: a.type,
    zxid: a.zxid ? ` ${fmtHexZxid(a.zxid)}` : '',
    from: a.from,
    to: a.to,
    sent: fmtTime(a.sentAt),
  });
  const end =
    a.end === 'recv'
      ? t('panels.tl.recvAt', { t: fmtTime(a.endAt) })
      : a.end === 'drop'
        ? t('panels.tl.dropAt', { t: fmtTime(a.endAt), reason: a.reason ?? '' })
        : t('panels.tl.inflightUntil', { t: fmtTime(a.endAt) });
  return `${base}${a.detail ? ` ${a.detail}` : ''} — ${end}`;
}

/** Axis labels in seconds, with as many decimals as the zoom needs. */
function fmtTick(ms: number, windowMs: number): string {
  const decimals = windowMs <= 1000 ? 3 : windowMs <= 10000 ? 2 : windowMs <= 30000 ? 1 : 0;
  return `${(ms / 1000).toFixed(decimals)} s`;
}

export function TimelinePanel() {
  const t = useT();
  const sim = usePanelSim((s) => s.sim);
  const traceLen = usePanelSim((s) => s.sim.trace.length);
  const view = usePanelSim((s) => s.view);
  const seek = usePanelSim((s) => s.seek);
  const windowMs = usePanelUi((s) => s.timelineWindow);
  const setUi = usePanelUi((s) => s.set);
  const setWindowMs = (w: number) => setUi({ timelineWindow: w });
  const boxRef = useRef<HTMLDivElement>(null);
  const width = Math.max(300, useWidth(boxRef));
  const LEFT = width < 480 ? 96 : 118;

  const now = view.t;
  // early in a run the window shrinks to what has happened so far, so the first messages are legible
  const span = Math.min(windowMs, Math.max(5, now * 1.25));
  const t0 = Math.max(0, now - span);
  const t1 = Math.max(span, now);
  const sids = view.servers.map((s) => s.sid);
  const [states] = useState(() => new StateIndex());
  const data = useMemo(
    () =>
      timelineData(sim.trace, view.inflight, t0, t1, view.servers.length, 2000, 1500, states.sync(sim.trace)),
    // traceLen: the trace array grows in place
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sim, traceLen, view.inflight, t0, t1, view.servers.length, states],
  );

  if (sids.length === 0) return <Empty title={t('panels.noServers')} />;

  const x = scaleLinear()
    .domain([t0, t1])
    .range([LEFT, width - RIGHT]);
  const laneY = new Map(sids.map((sid, i) => [sid, TOP + i * LANE_H + LANE_H / 2]));
  const height = TOP + sids.length * LANE_H + 8;
  const ticks = x.ticks(Math.max(2, Math.floor((width - LEFT - RIGHT) / 90)));
  // label arrows with their type only where they don't crowd each other
  const labelled = new Set<number>();
  if (data.arrows.length <= 60) {
    let lastX = -Infinity;
    for (const a of data.arrows) {
      const mid = (x(a.sentAt) + x(Math.min(a.endAt, now))) / 2;
      if (mid - lastX >= 48 && mid > LEFT + 20 && mid < width - RIGHT - 20) {
        labelled.add(a.id);
        lastX = mid;
      }
    }
  }

  const onClick = (e: React.MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    if (px < LEFT) return;
    const time = x.invert(px);
    const s = useSim.getState().sim;
    const idx = lastAtOrBefore(s.trace, Math.min(time, now));
    seek(idx < 0 ? 0 : s.records.stepOfLine(idx));
  };

  const zoom = (dir: 1 | -1) => {
    const i = WINDOWS.indexOf(windowMs);
    const j = Math.min(WINDOWS.length - 1, Math.max(0, i + dir));
    setWindowMs(WINDOWS[j]);
  };

  return (
    <div className="zp zp-timeline" data-testid="panel-timeline">
      <div className="zp-row">
        <label className="zp-row" style={{ gap: 6 }}>
          <span>{t('panels.tl.window')}</span>
          <select value={windowMs} onChange={(e) => setWindowMs(Number(e.target.value))}>
            {WINDOWS.map((w) => (
              <option key={w} value={w}>
                {w < 1000 ? `${w} ms` : `${w / 1000} s`}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="zp-btn" onClick={() => zoom(-1)} aria-label={t('panels.tl.zoomIn')}>
          ＋ {t('panels.tl.zoomIn')}
        </button>
        <button type="button" className="zp-btn" onClick={() => zoom(1)} aria-label={t('panels.tl.zoomOut')}>
          − {t('panels.tl.zoomOut')}
        </button>
        <span className="zp-muted zp-small">{t('panels.tl.hint')}</span>
      </div>
      <div ref={boxRef} style={{ width: '100%', overflow: 'hidden' }}>
        {traceLen === 0 ? (
          <Empty title={t('panels.tl.emptyTitle')}>{t('panels.tl.emptyHint')}</Empty>
        ) : (
          <svg
            width={width}
            height={height}
            onClick={onClick}
            role="img"
            aria-label={t('panels.tl.label', { n: data.arrows.length })}
            style={{ cursor: 'crosshair' }}
          >
            <defs>
              {CATEGORIES.map((c) => (
                <marker
                  key={c}
                  id={`zp-ah-${c}`}
                  viewBox="0 0 10 10"
                  refX="9"
                  refY="5"
                  markerWidth="7"
                  markerHeight="7"
                  orient="auto-start-reverse"
                >
                  <path d="M0,0 L10,5 L0,10 z" fill={CAT_COLOR[c]} />
                </marker>
              ))}
              <clipPath id="zp-tl-clip">
                <rect x={LEFT} y={0} width={width - LEFT - RIGHT + 2} height={height} />
              </clipPath>
            </defs>

            {/* lanes, shaded by the server's state */}
            {view.servers.map((s) => {
              const y = laneY.get(s.sid)!;
              return (
                <g key={s.sid}>
                  <rect
                    x={LEFT}
                    y={y - LANE_H / 2 + 2}
                    width={width - LEFT - RIGHT}
                    height={LANE_H - 4}
                    fill="#f6f8fa"
                  />
                  {data.segments
                    .filter((g) => g.sid === s.sid)
                    .map((g, i) => (
                      <rect
                        key={i}
                        x={x(Math.max(g.from, t0))}
                        y={y - LANE_H / 2 + 2}
                        width={Math.max(0, x(Math.min(g.to, now)) - x(Math.max(g.from, t0)))}
                        height={LANE_H - 4}
                        fill={STATE_TINT[g.state] ?? '#f6f8fa'}
                      />
                    ))}
                  <line x1={LEFT} x2={width - RIGHT} y1={y} y2={y} stroke="#9aa4ae" strokeWidth={1} />
                  <text x={6} y={y - 3} fontWeight={650}>
                    {t('panels.sid', { sid: s.sid })}
                  </text>
                  <text x={6} y={y + 14} className="zp-muted" style={{ fill: '#4b5563' }}>
                    {roleIcon(s.state)} {s.state}
                  </text>
                </g>
              );
            })}

            {/* time axis */}
            <g className="zp-axis">
              {ticks.map((tk) => (
                <g key={tk}>
                  <line x1={x(tk)} x2={x(tk)} y1={TOP - 6} y2={height - 8} stroke="#e1e5ea" />
                  <text x={x(tk)} y={TOP - 10} textAnchor="middle">
                    {fmtTick(tk, span)}
                  </text>
                </g>
              ))}
            </g>

            <g clipPath="url(#zp-tl-clip)">
              {data.arrows.map((a) => {
                const y1 = laneY.get(a.from);
                const y2 = laneY.get(a.to);
                if (y1 === undefined || y2 === undefined) return null;
                const x1 = x(a.sentAt);
                let x2 = x(a.endAt);
                let ye = y2;
                if (a.end === 'inflight') {
                  const span = a.endAt - a.sentAt;
                  const f = span <= 0 ? 1 : Math.min(1, (now - a.sentAt) / span);
                  x2 = x(Math.min(now, a.endAt));
                  ye = y1 + (y2 - y1) * f;
                } else if (a.end === 'drop') {
                  ye = y1 + (y2 - y1) * 0.6;
                  x2 = Math.max(x2, x1 + 6);
                }
                const color = CAT_COLOR[a.cat];
                return (
                  <g key={a.id}>
                    <line
                      x1={x1}
                      y1={y1}
                      x2={x2}
                      y2={ye}
                      stroke={color}
                      strokeWidth={a.cat === 'liveness' ? 1.2 : 1.8}
                      strokeDasharray={a.end === 'inflight' ? '5 3' : undefined}
                      markerEnd={a.end === 'drop' ? undefined : `url(#zp-ah-${a.cat})`}
                    >
                      <title>{arrowTitle(a, t)}</title>
                    </line>
                    {a.end === 'drop' && (
                      <text
                        x={x2}
                        y={ye + 5}
                        textAnchor="middle"
                        fontWeight={800}
                        style={{ fill: '#b42318', fontSize: 16 }}
                      >
                        ×<title>{arrowTitle(a, t)}</title>
                      </text>
                    )}
                    {labelled.has(a.id) && (
                      <text
                        x={(x1 + x2) / 2}
                        y={(y1 + ye) / 2 - 4}
                        textAnchor="middle"
                        style={{
                          fontSize: 13,
                          fill: '#1f2328',
                          paintOrder: 'stroke',
                          stroke: '#fff',
                          strokeWidth: 3,
                        }}
                      >
                        {a.type}
                      </text>
                    )}
                  </g>
                );
              })}
              {data.marks.map((m, i) => {
                const y = laneY.get(m.sid);
                if (y === undefined) return null;
                const label =
                  m.kind === 'crash'
                    ? `✕ ${t('panels.tl.crash')}`
                    : m.kind === 'restart' || m.kind === 'start'
                      ? `↻ ${t(`panels.tl.${m.kind}`)}`
                      : m.kind === 'commit'
                        ? `✓ ${fmtHexZxid(m.label).split(' ')[0]}`
                        : m.label;
                return (
                  <g key={`m${i}`}>
                    <line
                      x1={x(m.t)}
                      x2={x(m.t)}
                      y1={y - LANE_H / 2 + 4}
                      y2={y + LANE_H / 2 - 4}
                      stroke="#1f2328"
                      strokeWidth={1.5}
                    />
                    <text
                      x={x(m.t) + 3}
                      y={y - LANE_H / 2 + 15}
                      style={{
                        fontSize: 13,
                        paintOrder: 'stroke',
                        stroke: '#fff',
                        strokeWidth: 3,
                        fill: m.kind === 'crash' ? '#a40e26' : '#1f2328',
                      }}
                    >
                      {label}
                    </text>
                  </g>
                );
              })}
            </g>

            {/* now */}
            <line x1={x(now)} x2={x(now)} y1={TOP - 4} y2={height - 6} stroke="#0a5fb4" strokeWidth={2} />
            <text
              x={Math.min(x(now), width - RIGHT) + 3}
              y={height - 4}
              style={{ fill: '#0a5fb4', fontWeight: 700 }}
            >
              {t('panels.tl.now')}
            </text>
          </svg>
        )}
      </div>
      <div className="zp-legend">
        {CATEGORIES.filter((c) => c !== 'storage' && c !== 'fault').map((c) => (
          <span key={c} className="zp-row" style={{ gap: 4 }}>
            <svg width="22" height="10" aria-hidden="true">
              <line x1="0" y1="5" x2="22" y2="5" stroke={CAT_COLOR[c]} strokeWidth="3" />
            </svg>
            {t(`panels.cat.${c}`)}
          </span>
        ))}
        <span>┄ {t('panels.tl.inflightLegend')}</span>
        <span>× {t('panels.tl.dropLegend')}</span>
      </div>
      {data.truncated && <p className="zp-muted zp-small">{t('panels.tl.truncated')}</p>}
    </div>
  );
}
