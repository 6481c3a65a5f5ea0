/**
 * Where the servers run, as a compact header badge: Web Workers + IndexedDB, this page (memory), or
 * the in-memory fallback with its reason. Clicking it explains what that means (a crash terminates
 * a worker, a restart recovers from IndexedDB, a reload keeps the ensemble) and names the ensemble.
 * While the run is handed to the workers or a saved ensemble resumes, it says so. Models nothing in
 * ZooKeeper.
 */
import { useRef, useState } from 'react';
import { useT, type TFunction } from './i18n';
import { errorTitle } from './RuntimeBanner';
import { useSim, type RuntimeInfo } from './store';
import { useDismiss } from './useDismiss';
import './runtime.css';

/** What the badge says after "Servers:". */
function label(t: TFunction, rt: RuntimeInfo): string {
  if (rt.kind === 'workers+indexeddb') return t('rt.badge.workers');
  if (rt.kind === 'in-memory') {
    return rt.warning ? t('rt.badge.fallback', { reason: errorTitle(t, rt.warning) }) : t('rt.badge.memory');
  }
  return t('rt.badge.page');
}

/**
 * The badge; `compact` (the lecture bar, which is full) is the coloured dot alone, named by its tooltip.
 * On a narrow header "Servers:" goes; on a phone the text too.
 */
export function RuntimeBadge({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const rt = useSim((s) => s.runtime);
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  // a click elsewhere or Escape closes the explanation
  useDismiss(open, rootRef, () => setOpen(false));

  const busy =
    rt.busy === 'going-live' ? t('rt.busy.goingLive') : rt.busy === 'resuming' ? t('rt.busy.resuming') : null;
  const full = t('rt.badge.full', { what: label(t, rt) });
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
        className={`rt-badge rt-${tone}${compact ? ' rt-compact' : ''}${busy ? ' rt-is-busy' : ''}`}
        title={`${full}${busy ? ` — ${busy}` : ''}`}
        aria-expanded={open}
        aria-haspopup="dialog"
        aria-label={`${full}${busy ? ` — ${busy}` : ''}`}
        onClick={() => setOpen((o) => !o)}
        data-testid="runtime-badge"
        data-kind={rt.kind}
      >
        <span className="rt-dot" aria-hidden="true" />
        {compact ? null : (
          <>
            <span className="rt-prefix">{t('rt.badge.prefix')}</span>
            <span className="rt-badge-text">{label(t, rt)}</span>
          </>
        )}
      </button>
      {/* while busy: said next to the badge (the lecture bar: to screen readers, and the dot pulses) */}
      <span className={compact ? 'sr-only' : 'rt-busy'} role="status">
        {busy}
      </span>
      {open ? (
        <div
          className="popover rt-info"
          role="dialog"
          aria-label={t('rt.badge.label')}
          data-testid="runtime-info"
        >
          <p className="rt-info-head">{full}</p>
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
