/**
 * The log view: a main view of the stage (instead of the ring) with every server's txn log as one
 * row, aligned by zxid. Rows and cells come from ./logRows (pure); this file lays them out, keeps
 * the newest zxid in view (unless the user scrolls away) and renders only the columns on screen,
 * so a 10,000-entry log costs what a 20-entry one does. Loaded lazily (it is not on the first paint).
 *
 * Per step (many a frame in fast playback) only what changed is touched: every element sits at its
 * column's own place (not relative to the window, which moves with each new zxid), a cell is a memo
 * of its zxid, kind and marks, and following the newest zxid scrolls to a place computed from the
 * column count, drawn there in the same render (reading scrollWidth back and setting the window
 * from it cost a second render per step).
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SimView } from '../../zk/view';
import { zxidToEpochCounter, zxidToHex } from '../../zk/viewApi';
import { useT } from '../i18n';
import { explainSync } from '../panels/sync';
import { useFastPlay, useSim } from '../store';
import { logHistory, type LogHistory } from './logHistory';
import { boundaryOf, epochGroups, logColumns, logRows, type LogCell, type LogRowModel } from './logRows';
import { ROLE_STYLE } from './palette';
import { useActiveViolation } from './ViolationBanner';
import './logview.css';

const COL_W = 46;
const LABEL_W = 132;
const OVERSCAN = 4;

const columnsCache = new WeakMap<SimView, number[]>();

function columnsOf(view: SimView, history: LogHistory): number[] {
  let c = columnsCache.get(view);
  if (!c) columnsCache.set(view, (c = logColumns(view, history)));
  return c;
}

const ec = zxidToEpochCounter;

function cellTitle(
  zxid: number,
  kind: LogCell['kind'],
  committed: boolean,
  applied: boolean,
  t: ReturnType<typeof useT>,
): string {
  const parts = [t(`logview.cell.${kind}`, { zxid: `${ec(zxid)} (${zxidToHex(zxid)})` })];
  parts.push(t(committed ? 'logview.cell.committed' : 'logview.cell.notCommitted'));
  if (applied) parts.push(t('logview.cell.applied'));
  return parts.join(' · ');
}

/**
 * Whether an element animates is decided when it mounts (a DIFF's new entry slides in, a TRUNC's
 * ghost is struck out, a SNAP's band sweeps): a later change of the playback speed or the first
 * paint never starts an animation on what is already shown.
 */
function useEnter(animate: boolean): string {
  const [enter] = useState(animate);
  return enter ? ' enter' : '';
}

function Enter({
  animate,
  className,
  ...rest
}: { animate: boolean; className: string } & React.HTMLAttributes<HTMLSpanElement> &
  Record<`data-${string}`, string | boolean | undefined>) {
  const enter = useEnter(animate);
  return <span className={className + enter} {...rest} />;
}

/** One txn-log entry: re-rendered only when its own kind or marks change, never for its neighbours. */
const Cell = memo(function Cell({
  zxid,
  kind,
  committed,
  applied,
  left,
  animate,
}: {
  zxid: number;
  kind: LogCell['kind'];
  committed: boolean;
  applied: boolean;
  left: number;
  animate: boolean;
}) {
  const t = useT();
  const enter = useEnter(animate);
  return (
    <span
      className={`lv-cell k-${kind}${committed ? ' committed' : ''}${applied ? ' applied' : ''}${enter}`}
      style={{ left }}
      data-zxid={zxidToHex(zxid)}
      data-kind={kind}
      data-committed={committed}
      data-applied={applied}
      title={cellTitle(zxid, kind, committed, applied, t)}
    >
      {ec(zxid)}
    </span>
  );
});

interface RowProps {
  row: LogRowModel;
  columns: readonly number[];
  first: number;
  last: number;
  flagged: boolean;
  flagZxids: readonly number[];
  annotationW: number;
  /** new elements animate (not on the first paint, not in fast playback) */
  animate: boolean;
  /** new entries slide in (only while the view follows the newest zxid) */
  animateCells: boolean;
}

function SyncLine({ row }: { row: LogRowModel }) {
  const t = useT();
  const s = row.sync;
  if (!s) return null;
  if (!s.active)
    return (
      <span className="lv-note dim">
        {t('logview.sync.last', { mode: s.mode, zxid: ec(s.zxid), leader: s.leader })}
      </span>
    );
  const why =
    s.min !== null && s.max !== null
      ? explainSync({ mode: s.mode, zxid: s.zxid, peerLastZxid: s.peerLastZxid, min: s.min, max: s.max }, t)
      : t('logview.sync.short', { peer: ec(s.peerLastZxid), mode: s.mode, zxid: ec(s.zxid) });
  return (
    <span className={`lv-note lv-sync lv-sync-${s.mode.replace('+', '')}`} data-testid="lv-sync">
      <strong>{t('logview.sync.from', { mode: s.mode, leader: s.leader })}:</strong> {why}
      {s.cutsCommitted.length > 0 ? (
        <strong className="lv-wrong" data-testid="lv-cuts-committed">
          {' '}
          {t('logview.sync.cutsCommitted', { zxids: s.cutsCommitted.map(ec).join(', ') })}
        </strong>
      ) : null}
    </span>
  );
}

function CutLine({ row }: { row: LogRowModel }) {
  const t = useT();
  const c = row.cut;
  if (!c || (c.kind !== 'SNAP' && row.ghosts.length === 0)) return null;
  const text =
    c.kind === 'crash'
      ? t('logview.cut.crash', { n: c.zxids.length, t: c.t })
      : t(`logview.cut.${c.kind}`, { zxid: c.zxid === null ? '' : ec(c.zxid), n: c.zxids.length });
  return <span className={`lv-note lv-cutnote lv-cutnote-${c.kind}`}>{text}</span>;
}

const LogRow = memo(function LogRow({
  row,
  columns,
  first,
  last,
  flagged,
  flagZxids,
  annotationW,
  animate,
  animateCells,
}: RowProps) {
  const t = useT();
  const role = ROLE_STYLE[row.state];
  const idx = (z: number) => boundaryOf(columns, z) - 1;
  // a column's own place on the track (the track spans every column; only the window is drawn)
  const x = (i: number) => i * COL_W;
  const inView = (i: number) => i >= first && i < last;
  const cut = row.cut;
  const classes = ['lv-row', row.up ? '' : 'lv-down', flagged ? 'lv-flag' : ''].filter(Boolean).join(' ');
  const width = columns.length * COL_W;
  return (
    <div
      className={classes}
      data-sid={row.sid}
      data-role={row.state}
      data-cut-kind={cut?.kind ?? undefined}
      data-cut-zxid={cut?.zxid != null ? zxidToHex(cut.zxid) : undefined}
      data-replaced={cut?.kind === 'SNAP' ? 'SNAP' : undefined}
    >
      <div className="lv-label" style={{ width: LABEL_W, borderLeftColor: role.color }}>
        <span className="lv-sid">S{row.sid}</span>
        <span className="lv-role" style={{ color: role.color }}>
          {row.state}
          {row.observer ? ` · ${t('server.observer')}` : ''}
        </span>
        <span className="lv-sub">
          {row.up
            ? row.lastProcessed !== null
              ? t('logview.row.processed', { zxid: ec(row.lastProcessed) })
              : ''
            : t('logview.row.down')}
        </span>
      </div>
      <div className="lv-body">
        <div className="lv-track" style={{ width }}>
          {flagZxids.map((z) => {
            const i = columns.indexOf(z);
            return inView(i) ? (
              <span
                key={`f${z}`}
                className="lv-flagcol"
                style={{ left: x(i), width: COL_W }}
                aria-hidden="true"
              />
            ) : null;
          })}
          {row.committedLog
            ? (() => {
                const a = Math.max(first, idx(row.committedLog.min));
                const b = Math.min(last - 1, idx(row.committedLog.max));
                return b >= a ? (
                  <span
                    className="lv-window"
                    style={{ left: x(a) - 2, width: (b - a + 1) * COL_W + 4 }}
                    title={t('logview.windowTitle')}
                    data-testid="lv-window"
                  />
                ) : null;
              })()
            : null}
          {cut?.kind === 'SNAP' && cut.zxid !== null ? (
            <Enter
              animate={animate}
              key={`snap${cut.index}`}
              className="lv-snapband"
              style={{ left: x(first), width: Math.max(0, x(boundaryOf(columns, cut.zxid)) - x(first)) }}
              aria-hidden="true"
            />
          ) : null}
          {row.cells.map((c) => {
            const i = idx(c.zxid);
            if (!inView(i)) return null;
            return (
              <Cell
                key={c.zxid}
                zxid={c.zxid}
                kind={c.kind}
                committed={c.committed}
                applied={c.applied}
                left={x(i) + 3}
                animate={animateCells}
              />
            );
          })}
          {row.ghosts.map((z) => {
            const i = idx(z);
            if (!inView(i) || !cut) return null;
            return (
              <Enter
                animate={animate}
                key={`${cut.index}-${z}`}
                className={`lv-cell lv-ghost g-${cut.kind}`}
                style={{ left: x(i) + 3 }}
                data-zxid={zxidToHex(z)}
                data-ghost={cut.kind}
                title={t(`logview.ghost.${cut.kind}`, {
                  zxid: `${ec(z)} (${zxidToHex(z)})`,
                  to: cut.zxid === null ? '' : ec(cut.zxid),
                })}
              >
                {ec(z)}
              </Enter>
            );
          })}
          {cut?.kind === 'TRUNC' && cut.zxid !== null && row.ghosts.length > 0 ? (
            <Enter
              animate={animate}
              key={`cut${cut.index}`}
              className="lv-cutline"
              style={{ left: x(boundaryOf(columns, cut.zxid)) }}
              title={t('logview.cut.TRUNC', { zxid: ec(cut.zxid), n: cut.zxids.length })}
              data-testid="lv-cutline"
            >
              ✂
            </Enter>
          ) : null}
          {row.snapshots.map((z) => {
            const b = boundaryOf(columns, z);
            if (b < first || b > last) return null;
            return (
              <span
                key={`s${z}`}
                className="lv-snapshot"
                style={{ left: x(b) }}
                title={t('logview.snapshot', { zxid: `${ec(z)} (${zxidToHex(z)})` })}
                data-snapshot={zxidToHex(z)}
              />
            );
          })}
          {row.sync?.active ? (
            <span
              className="lv-peer"
              style={{ left: x(boundaryOf(columns, row.sync.peerLastZxid)) }}
              title={t('logview.peer', {
                zxid: `${ec(row.sync.peerLastZxid)} (${zxidToHex(row.sync.peerLastZxid)})`,
              })}
            >
              ▼
            </span>
          ) : null}
        </div>
        <div className="lv-notes" style={{ maxWidth: annotationW }}>
          <SyncLine row={row} />
          <CutLine row={row} />
          {row.committedLog ? (
            <span className="lv-note lv-windownote" title={t('logview.windowTitle')}>
              {t('logview.window', { min: ec(row.committedLog.min), max: ec(row.committedLog.max) })}
            </span>
          ) : null}
        </div>
      </div>
    </div>
  );
});

function Legend() {
  const t = useT();
  return (
    <div className="lv-legend" aria-label={t('legend.title')}>
      <span>
        <i className="lv-cell k-memory" /> {t('logview.legend.memory')}
      </span>
      <span>
        <i className="lv-cell k-durable" /> {t('logview.legend.durable')}
      </span>
      <span>
        <i className="lv-cell k-durable committed" /> {t('logview.legend.committed')}
      </span>
      <span>
        <i className="lv-cell k-durable committed applied" /> {t('logview.legend.applied')}
      </span>
      <span>
        <i className="lv-cell k-snap committed" /> {t('logview.legend.snap')}
      </span>
      <span>
        <i className="lv-legend-snapshot" /> {t('logview.legend.snapshot')}
      </span>
      <span>
        <i className="lv-cell k-purged committed applied" /> {t('logview.legend.purged')}
      </span>
      <span>
        <i className="lv-cell lv-ghost g-TRUNC" /> {t('logview.legend.cut')}
      </span>
      <span>
        <i className="lv-legend-window" /> {t('logview.legend.window')}
      </span>
    </div>
  );
}

export default function LogView() {
  const t = useT();
  const view = useSim((s) => s.view);
  const trace = useSim((s) => s.sim.trace);
  const still = useFastPlay();
  const violation = useActiveViolation();
  const history = logHistory(trace);
  const columns = columnsOf(view, history);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ left: 0, width: 800, height: 400 });
  const [follow, setFollow] = useState(true);
  const [animate, setAnimate] = useState(false);
  const programmatic = useRef(false);

  useEffect(() => {
    // nothing animates on the first paint (every cell would "arrive" at once)
    const id = requestAnimationFrame(() => setAnimate(true));
    return () => cancelAnimationFrame(id);
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setBox({ left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const total = columns.length * COL_W;
  // a few rows on a big screen (a projector) are drawn larger, up to 1.6×
  // (estimated: a row is ~56 px, a learner's row with its sync explained ~44 px more)
  const syncing = view.servers.filter(
    (x) => x.up && x.zabState === 'SYNCHRONIZATION' && x.state !== 'LEADING',
  ).length;
  // … only when every column then still fits: a long log stays at 1× and scrolls
  const zoom = Math.min(
    1.6,
    Math.max(
      1,
      Math.min(
        box.height / (40 + view.servers.length * 56 + syncing * 44),
        box.width / (LABEL_W + total + COL_W),
      ),
    ),
  );
  // the newest zxid stays in view while following: the scroll's end, from the inner box's width
  // (what scrollWidth would say, without reading the layout back in the middle of a commit)
  const followLeft = Math.max(0, Math.round((LABEL_W + total + COL_W) * zoom) - box.width);
  const left = follow ? followLeft : box.left;
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || !follow) return;
    const before = el.scrollLeft;
    if (Math.abs(before - followLeft) <= 1) return;
    el.scrollLeft = followLeft;
    // only a scroll that happened sends a scroll event (to be told from the user's)
    if (el.scrollLeft !== before) programmatic.current = true;
  }, [follow, followLeft]);

  const measureBox = useCallback((el: HTMLDivElement) => {
    const next = { left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight };
    setBox((b) => (b.left === next.left && b.width === next.width && b.height === next.height ? b : next));
  }, []);

  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    if (programmatic.current) {
      // where following put it: the window is already drawn there
      programmatic.current = false;
      return;
    }
    measureBox(el);
    setFollow(el.scrollLeft + el.clientWidth >= el.scrollWidth - COL_W);
  }, [measureBox]);

  // the scroll box measures in screen px, the columns in unzoomed px
  const first = Math.max(0, Math.floor(left / zoom / COL_W) - OVERSCAN);
  const last = Math.min(
    columns.length,
    Math.ceil((left + box.width) / zoom / COL_W - LABEL_W / COL_W) + OVERSCAN,
  );
  // the first column not hidden under the sticky labels
  const shownFirst = Math.ceil(left / zoom / COL_W);
  const lo = columns[first] ?? -Infinity;
  const hi = columns[last - 1] ?? Infinity;
  const rows = useMemo(() => logRows(view, history, lo, hi), [view, history, lo, hi]);
  const groups = useMemo(() => epochGroups(columns), [columns]);
  const flagSids = violation?.sids ?? [];
  const flagZxids = useMemo(() => violation?.zxids ?? [], [violation]);
  const annotationW = Math.max(200, box.width / zoom - LABEL_W - 8);

  return (
    <div className="logview" data-testid="logview" role="region" aria-label={t('logview.title')}>
      <div className="lv-head">
        <span className="lv-title">{t('logview.title')}</span>
        <label className="lv-follow">
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => {
              // no longer following: the window is where the scroll box is now
              if (!e.target.checked && scrollRef.current) measureBox(scrollRef.current);
              setFollow(e.target.checked);
            }}
          />
          {t('logview.follow')}
        </label>
      </div>
      <Legend />
      <div className="lv-scroll" ref={scrollRef} onScroll={onScroll} title={t('logview.scrollHint')}>
        <div className="lv-inner" style={{ width: LABEL_W + total + COL_W, zoom }}>
          <div className="lv-colhead" aria-hidden="true">
            <div className="lv-label lv-corner" style={{ width: LABEL_W }} />
            <div className="lv-body">
              <div className="lv-epochs" style={{ width: total }}>
                {groups.map((g) => {
                  if (g.start + g.count <= shownFirst || g.start > last) return null;
                  // an epoch that began left of the window is labelled where the window begins
                  const from = Math.max(g.start, shownFirst);
                  return (
                    <span
                      key={g.epoch}
                      className="lv-epoch"
                      style={{ left: from * COL_W, width: (g.start + g.count - from) * COL_W }}
                    >
                      {t('logview.epoch', { epoch: g.epoch })}
                    </span>
                  );
                })}
              </div>
              <div className="lv-zxids" style={{ width: total }}>
                {columns.slice(first, last).map((z, k) => (
                  <span
                    key={z}
                    className={flagZxids.includes(z) ? 'lv-zxid flagged' : 'lv-zxid'}
                    style={{ left: (first + k) * COL_W, width: COL_W }}
                    title={zxidToHex(z)}
                  >
                    {ec(z)}
                  </span>
                ))}
              </div>
            </div>
          </div>
          {columns.length === 0 ? <p className="lv-empty">{t('logview.empty')}</p> : null}
          {rows.map((r) => (
            <LogRow
              key={r.sid}
              row={r}
              columns={columns}
              first={first}
              last={last}
              flagged={flagSids.includes(r.sid)}
              flagZxids={flagZxids}
              annotationW={annotationW}
              animate={animate && !still}
              animateCells={animate && !still && follow}
            />
          ))}
        </div>
      </div>
    </div>
  );
}
