/**
 * The progress of a long replay (a link that opens deep in a run, store.replayTo): a bar, the step
 * reached, and Cancel — the run then stays at the step it reached. The replay runs in slices, so
 * the page keeps painting and the button answers. Models nothing in ZooKeeper.
 */
import { useEffect, useRef } from 'react';
import { useT } from './i18n';
import { useSim } from './store';
import './limits.css';

export function ReplayOverlay() {
  const t = useT();
  const replay = useSim((s) => s.replay);
  const cancel = useSim((s) => s.cancelReplay);
  const ref = useRef<HTMLButtonElement>(null);
  const open = replay !== null;
  useEffect(() => {
    if (open) ref.current?.focus();
  }, [open]);
  if (!replay) return null;
  const pct = replay.target > 0 ? Math.min(100, (100 * replay.done) / replay.target) : 0;
  const fmt = (n: number) => n.toLocaleString();
  return (
    <div className="replay-overlay" data-testid="replay-progress">
      <div className="replay-card" role="dialog" aria-modal="true" aria-labelledby="replay-title">
        <h2 id="replay-title">{t('limits.replay.title')}</h2>
        <div
          className="replay-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={replay.target}
          aria-valuenow={replay.done}
          aria-valuetext={t('limits.replay.progress', { done: fmt(replay.done), target: fmt(replay.target) })}
        >
          <div className="replay-fill" style={{ width: `${pct}%` }} />
        </div>
        <p className="replay-text" aria-live="polite">
          {replay.waiting
            ? t('limits.replay.waiting')
            : t('limits.replay.progress', { done: fmt(replay.done), target: fmt(replay.target) })}
        </p>
        <button ref={ref} type="button" className="btn" onClick={cancel} data-testid="replay-cancel">
          {t('limits.replay.cancel')}
        </button>
      </div>
    </div>
  );
}
