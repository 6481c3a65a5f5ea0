/**
 * Where the servers run, as a compact header badge: Web Workers + IndexedDB, this page (memory), or
 * the in-memory fallback with its reason. Clicking it explains what that means (a crash terminates
 * a worker, a restart recovers from IndexedDB, a reload keeps the ensemble) and names the ensemble.
 * While the run is handed to the workers or a saved ensemble resumes, it says so. Models nothing in
 * ZooKeeper.
 */
import { useEffect, useRef, useState } from 'react';
import { useT } from './i18n';
import { errorTitle } from './RuntimeBanner';
import { useSim, type RuntimeInfo } from './store';
import './runtime.css';

function label(t: ReturnType<typeof useT>, rt: RuntimeInfo, compact: boolean): string {
  if (rt.kind === 'workers+indexeddb') return t(compact ? 'rt.badge.short.workers' : 'rt.badge.workers');
  if (rt.kind === 'in-memory') {
    if (compact) return t('rt.badge.short.memory');
    return rt.warning ? t('rt.badge.fallback', { reason: errorTitle(t, rt.warning) }) : t('rt.badge.memory');
  }
  return t('rt.badge.page');
}

/** The badge; `compact` (lecture mode) keeps it to two words. */
export function RuntimeBadge({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const rt = useSim((s) => s.runtime);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  // a click elsewhere or Escape closes the explanation
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (rootRef.current && e.target instanceof Node && !rootRef.current.contains(e.target)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', onDown);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', onDown);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const busy =
    rt.busy === 'going-live' ? t('rt.busy.goingLive') : rt.busy === 'resuming' ? t('rt.busy.resuming') : null;
  const tone =
    rt.kind === 'workers+indexeddb'
      ? 'workers'
      : rt.kind === 'in-memory' && rt.warning
        ? 'fallback'
        : 'memory';
  return (
    <div className="rt-badge-wrap" ref={rootRef}>
      <button
        type="button"
        className={`rt-badge rt-${tone}`}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={`${t('rt.badge.label')}: ${label(t, rt, false)}${busy ? ` — ${busy}` : ''}`}
        onClick={() => setOpen((o) => !o)}
        data-testid="runtime-badge"
        data-kind={rt.kind}
      >
        <span className="rt-dot" aria-hidden="true" />
        <span className="rt-badge-text">{label(t, rt, compact)}</span>
        {busy ? (
          <span className="rt-busy" role="status">
            {busy}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          className="popover rt-info"
          role="dialog"
          aria-label={t('rt.badge.label')}
          data-testid="runtime-info"
        >
          <p className="rt-info-head">{label(t, rt, false)}</p>
          {rt.kind === 'workers+indexeddb' ? (
            <>
              <p>{t('rt.info.workers')}</p>
              <ul>
                <li>{t('rt.info.crash')}</li>
                <li>{t('rt.info.restart')}</li>
                <li>{t('rt.info.reload')}</li>
              </ul>
              {!rt.live ? <p className="rt-muted">{t('rt.info.replayed')}</p> : null}
              {rt.ensembleId ? (
                <p className="rt-muted">
                  {t('rt.info.ensemble')} <code>{rt.ensembleId}</code>
                </p>
              ) : null}
            </>
          ) : rt.kind === 'in-memory' ? (
            <p>
              {rt.warning
                ? t('rt.info.fallback', { reason: errorTitle(t, rt.warning) })
                : t('rt.info.memory')}
            </p>
          ) : (
            <p>{t('rt.info.page')}</p>
          )}
        </div>
      ) : null}
    </div>
  );
}
