/**
 * The stage's two main views and what every readout says about the leader: the ring / log-view
 * switch (a visible toggle and the V key), the lazily loaded log view, and the header's leader
 * readout (the same server the cards call LEADING, see derive.ts leaderStatus).
 */
import { lazy, Suspense, useEffect } from 'react';
import { useT } from '../i18n';
import { useView } from '../store';
import { leaderStatus } from './derive';
import { isTyping } from '../keyboard';
import { useStageUi } from './stageUi';
import { startViolationPause } from './violationPause';
import './stageViews.css';

const LogView = lazy(() => import('./LogView'));

/** V switches the stage between the ring and the log view; violations pause playback. */
export function useStageViews(): void {
  useEffect(() => {
    startViolationPause();
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key !== 'v' && e.key !== 'V') return;
      e.preventDefault();
      useStageUi.getState().toggleMode();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function StageViewToggle() {
  const t = useT();
  const mode = useStageUi((s) => s.mode);
  const setMode = useStageUi((s) => s.setMode);
  return (
    <span
      className="view-toggle"
      role="group"
      aria-label={t('logview.mode.label')}
      title={t('logview.mode.hint')}
    >
      {(['ring', 'log'] as const).map((m) => (
        <button
          key={m}
          type="button"
          className={mode === m ? 'btn active' : 'btn'}
          aria-pressed={mode === m}
          onClick={() => setMode(m)}
          data-testid={`view-${m}`}
        >
          {m === 'ring' ? '◯ ' : '☰ '}
          {t(`logview.mode.${m}`)}
        </button>
      ))}
      <kbd className="view-key" aria-hidden="true">
        V
      </kbd>
    </span>
  );
}

export function LogStage() {
  const t = useT();
  return (
    <Suspense fallback={<p className="lv-loading">{t('logview.loading')}</p>}>
      <LogView />
    </Suspense>
  );
}

/** "leader: S2", or "S2 leads (SYNCHRONIZATION): not yet established", or "no leader". */
export function LeaderReadout() {
  const t = useT();
  const { sid, phase, established, others } = useView((v) => {
    const l = leaderStatus(v);
    return { sid: l.sid, phase: l.phase, established: l.established, others: l.others.join(', S') };
  });
  const othersText = others ? ` · ${t('logview.leader.others', { sids: others })}` : '';
  if (sid === null)
    return (
      <span data-testid="header-leader" data-leader="">
        {t('stage.noLeader')}
      </span>
    );
  return (
    <span
      className={established ? 'has-leader' : 'leader-establishing'}
      data-testid="header-leader"
      data-leader={sid}
      data-established={established}
      title={established ? undefined : t('logview.leader.establishingTitle', { sid, phase: phase ?? '' })}
    >
      {established ? t('stage.leaderIs', { sid }) : t('logview.leader.establishing', { sid })}
      {othersText}
    </span>
  );
}
