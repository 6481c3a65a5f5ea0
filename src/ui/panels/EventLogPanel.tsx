/** 6. Event log: every trace line up to now, in plain words with the ZooKeeper method; virtualized. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../zk/trace';
import { visible } from '../../share/visible';
import { useT } from '../i18n';
import { useSim } from '../store';
import { usePanelSim } from '../readingRate';
import { Empty, useWidth } from './common';
import { fmtTime } from './format';
import { CATEGORIES, eventCategory, eventSids, narrate, TRACE_KINDS, type SendLookup } from './narration';
import { firstHeld } from '../../sim/viewApi';
import { useOldLines } from './oldLines';
import { useStageUi } from '../stage/stageUi';

const VIEW_H = 380;
const OVERSCAN = 8;

export interface LogFilter {
  /** 'all' | 'cat:<category>' | 'ev:<kind>' */
  kind: string;
  sid: number | null;
  hidePing: boolean;
}

export function matches(ev: TraceEvent, f: LogFilter, lookup: SendLookup): boolean {
  if (f.kind.startsWith('ev:') && ev.ev !== f.kind.slice(3)) return false;
  if (f.kind.startsWith('cat:') && eventCategory(ev, lookup) !== f.kind.slice(4)) return false;
  if (f.hidePing) {
    const type =
      ev.ev === 'send' ? ev.type : ev.ev === 'recv' || ev.ev === 'drop' ? lookup(ev.id)?.type : undefined;
    if (type === 'PING') return false;
  }
  if (f.sid !== null && !eventSids(ev, lookup).includes(f.sid)) return false;
  return true;
}

/** The rows of the log: trace line indices, by row number. */
interface Rows {
  length: number;
  at(row: number): number;
  /** with a filter on a bounded trace: the first line the filter could look at (older ones were gone) */
  from: number;
}

/**
 * Indices of matching trace lines, extended incrementally as the trace grows. Without a filter the
 * rows are the lines themselves (nothing stored: a long run's log costs no memory per line). A
 * bounded trace (sim/TraceLog) holds its recent lines only: a filter covers what it could read.
 */
class FilteredIndex {
  private key = '';
  private source: readonly TraceEvent[] | null = null;
  private first: TraceEvent | undefined;
  private seen = 0;
  private from = 0;
  idx: number[] = [];

  update(trace: readonly TraceEvent[], f: LogFilter, lookup: SendLookup): Rows {
    if (f.kind === 'all' && f.sid === null && !f.hidePing)
      return { length: trace.length, at: (row) => row, from: 0 };
    const key = JSON.stringify(f);
    const held = firstHeld(trace);
    const head = held === 0 && trace.length > 0 ? trace[0] : this.first;
    if (key !== this.key || trace !== this.source || head !== this.first || trace.length < this.seen) {
      this.key = key;
      this.source = trace;
      this.first = head;
      this.seen = held;
      this.from = held;
      this.idx = [];
    }
    for (let i = Math.max(this.seen, held); i < trace.length; i++)
      if (matches(trace[i], f, lookup)) this.idx.push(i);
    this.seen = trace.length;
    const idx = this.idx;
    return { length: idx.length, at: (row) => idx[row], from: this.from };
  }
}

export function EventLogPanel() {
  const t = useT();
  const sim = usePanelSim((s) => s.sim);
  const traceLen = usePanelSim((s) => s.sim.trace.length);
  const lastCount = usePanelSim((s) => s.lastEvents.length);
  const servers = usePanelSim((s) => s.view.servers);
  const seek = usePanelSim((s) => s.seek);
  const [filter, setFilter] = useState<LogFilter>({ kind: 'all', sid: null, hidePing: false });
  const [follow, setFollow] = useState(true);
  const [scrollTop, setScrollTop] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const outerRef = useRef<HTMLDivElement>(null);
  const width = useWidth(outerRef);
  const two = width < 720;
  const rowH = two ? 46 : 26;

  // caches that grow with the trace (not state: they never trigger a render themselves)
  const [filtered] = useState(() => new FilteredIndex());
  const trace = sim.trace;
  const lookup = sim.records.sent;
  // traceLen is read so the memo recomputes when the (mutable) trace grows
  const { rows } = useMemo(
    () => ({ rows: filtered.update(trace, filter, lookup), n: traceLen }),
    [filtered, trace, traceLen, filter, lookup],
  );

  const total = rows.length * rowH;
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (follow && el) {
      el.scrollTop = total;
      setScrollTop(el.scrollTop);
    }
  }, [follow, total]);

  const onScroll = useCallback(() => {
    const el = boxRef.current;
    if (!el) return;
    setScrollTop(el.scrollTop);
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - rowH;
    setFollow(atBottom);
  }, [rowH]);

  useEffect(() => {
    setScrollTop(boxRef.current?.scrollTop ?? 0);
  }, [rowH]);

  // a line asked for from elsewhere (the violation banner): every line shown, the line selected,
  // once it is in the trace (a seek may still be running); then scrolled to the list's middle
  const wanted = useStageUi((s) => s.logLine);
  const [handled, setHandled] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  if (wanted && wanted.seq !== handled && wanted.index < traceLen) {
    setHandled(wanted.seq);
    setSelected(wanted.index);
    setFollow(false);
    if (filter.kind !== 'all' || filter.sid !== null || filter.hidePing)
      setFilter({ kind: 'all', sid: null, hidePing: false });
  }
  useLayoutEffect(() => {
    const el = boxRef.current;
    if (handled === null || selected === null || !el) return;
    el.scrollTop = Math.max(0, selected * rowH - VIEW_H / 2);
    setScrollTop(el.scrollTop);
    useStageUi.getState().showLogLine(null);
  }, [handled, selected, rowH]);
  useEffect(() => {
    if (selected === null) return;
    // after the rows of the new scroll position are drawn
    const raf = requestAnimationFrame(() =>
      boxRef.current
        ?.querySelector<HTMLElement>(`[data-index="${selected}"]`)
        ?.focus({ preventScroll: true }),
    );
    return () => cancelAnimationFrame(raf);
  }, [selected, handled]);

  const onPick = (i: number) => {
    const step = useSim.getState().sim.records.stepOfLine(i);
    setFollow(true);
    seek(step);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowH) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + VIEW_H) / rowH) + OVERSCAN);
  // rows on screen whose lines memory no longer holds are recomputed by replaying the run
  const held = firstHeld(trace);
  const onScreen: number[] = [];
  for (let k = first; k < last; k++) onScreen.push(rows.at(k));
  const gone = onScreen.filter((i) => i < held);
  const want = gone.length > 0 ? ([Math.min(...gone), Math.max(...gone) + 1] as const) : null;
  const scenario = usePanelSim((s) => s.scenario);
  const recorded = usePanelSim((s) => s.recorded);
  const old = useOldLines(trace, scenario, recorded, want, held);
  const nowFrom = traceLen - lastCount;

  return (
    <div className="zp zp-log-panel" data-testid="panel-log" ref={outerRef}>
      <div className="zp-row">
        <label className="zp-row" style={{ gap: 6 }}>
          <span>{t('panels.log.kind')}</span>
          <select
            value={filter.kind}
            onChange={(e) => setFilter({ ...filter, kind: e.target.value })}
            data-testid="log-kind"
          >
            <option value="all">{t('panels.log.allKinds')}</option>
            <optgroup label={t('panels.log.families')}>
              {CATEGORIES.map((c) => (
                <option key={c} value={`cat:${c}`}>
                  {t(`panels.cat.${c}`)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('panels.log.kinds')}>
              {TRACE_KINDS.map((k) => (
                <option key={k} value={`ev:${k}`}>
                  {k} — {t(`panels.kind.${k}`)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <label className="zp-row" style={{ gap: 6 }}>
          <span>{t('panels.log.server')}</span>
          <select
            value={filter.sid ?? ''}
            onChange={(e) =>
              setFilter({ ...filter, sid: e.target.value === '' ? null : Number(e.target.value) })
            }
            data-testid="log-server"
          >
            <option value="">{t('panels.log.allServers')}</option>
            {servers.map((s) => (
              <option key={s.sid} value={s.sid}>
                {t('panels.server', { sid: s.sid })}
              </option>
            ))}
          </select>
        </label>
        <label className="zp-row" style={{ gap: 4 }}>
          <input
            type="checkbox"
            checked={filter.hidePing}
            onChange={(e) => setFilter({ ...filter, hidePing: e.target.checked })}
          />
          <span>{t('panels.log.hidePing')}</span>
        </label>
        <span className="zp-muted zp-small">
          {t('panels.log.count', { shown: rows.length, total: traceLen })}
        </span>
        {!follow && rows.length > 0 && (
          <button type="button" className="zp-btn" onClick={() => setFollow(true)}>
            {t('panels.log.jumpNow')}
          </button>
        )}
      </div>
      {traceLen === 0 ? (
        <Empty title={t('panels.log.emptyTitle')}>{t('panels.log.emptyHint')}</Empty>
      ) : (
        <>
          <div
            ref={boxRef}
            className={`zp-log${two ? ' zp-two' : ''}`}
            style={{ height: VIEW_H }}
            onScroll={onScroll}
            role="list"
            aria-label={t('panels.log.label')}
            data-testid="log-list"
          >
            <div style={{ height: total, position: 'relative' }}>
              {onScreen.map((i, k) => {
                const ev = i >= held ? trace[i] : old.get(i);
                if (!ev)
                  return (
                    <div
                      key={i}
                      role="listitem"
                      className="zp-log-row zp-muted"
                      style={{ top: (first + k) * rowH, height: rowH }}
                      data-index={i}
                    >
                      {t('records.log.pending', { index: i + 1 })}
                    </div>
                  );
                const n = narrate(ev, t, lookup);
                const cat = eventCategory(ev, lookup);
                return (
                  <div
                    key={i}
                    role="listitem"
                    tabIndex={0}
                    className={`zp-log-row zp-cat-${cat}${i >= nowFrom ? ' zp-now' : ''}${i === selected ? ' zp-picked' : ''}`}
                    aria-current={i === selected ? 'true' : undefined}
                    style={{ top: (first + k) * rowH, height: rowH }}
                    title={`${visible(n.text)} — ${n.method}\n${t('panels.log.clickHint')}`}
                    onClick={() => onPick(i)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') onPick(i);
                    }}
                    data-index={i}
                  >
                    <span className="zp-t">{fmtTime(ev.t)}</span>
                    <span className="zp-kind">{ev.ev}</span>
                    <span className="zp-text">{visible(n.text)}</span>
                    <span className="zp-method">{n.method}</span>
                  </div>
                );
              })}
            </div>
          </div>
          {old.progress && (
            <p className="zp-muted zp-small" role="status" data-testid="log-replaying">
              {t('records.log.replaying', { lines: old.progress.lines, need: old.progress.need })}
            </p>
          )}
          {old.error && <p className="zp-muted zp-small">{t('records.log.failed', { error: old.error })}</p>}
          {rows.from > 0 && (
            <p className="zp-muted zp-small" data-testid="log-filter-from">
              {t('records.log.filterFrom', { first: rows.from + 1 })}
            </p>
          )}
          {rows.length === 0 && <p className="zp-muted">{t('panels.log.noMatch')}</p>}
          <p className="zp-muted zp-small">{t('panels.log.footer')}</p>
        </>
      )}
    </div>
  );
}
